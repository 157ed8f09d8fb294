// Copyright 2026 the k1s authors. Apache-2.0 license.
// A CRD in the shape apiextensions validates: the v1 object converted to the internal version
// (`Convert_v1_CustomResourceDefinitionSpec_To_apiextensions_CustomResourceDefinitionSpec`),
// where per-version schemas, subresources, printer columns and selectable fields that are the
// same in every version move to the top level. Error paths follow that shape, so a one-version
// CRD reports `spec.validation.openAPIV3Schema...`, as Kubernetes does.
import type { JSONSchemaProps } from "../schema/types.ts";
import type {
  CustomResourceColumnDefinition,
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
  CustomResourceSubresources,
} from "./types.ts";

/** One version after conversion: the promoted parts are absent. */
export interface InternalVersion {
  /** The v1 version. */
  v: CustomResourceDefinitionVersion;
  /** Its schema, unless promoted. */
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  /** Its subresources, unless promoted. */
  subresources?: CustomResourceSubresources;
  /** Its columns, unless promoted. */
  columns?: CustomResourceColumnDefinition[];
  /** Its selectable fields, unless promoted. */
  selectableFields?: { jsonPath: string }[];
}

/** The internal spec. */
export interface InternalSpec {
  versions: InternalVersion[];
  validation?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: CustomResourceSubresources;
  columns?: CustomResourceColumnDefinition[];
  selectableFields?: { jsonPath: string }[];
}

/**
 * Deep equality as `apiequality.Semantic.DeepEqual` sees decoded JSON: an empty list equals an
 * absent one (nil and empty slices are equal), an absent struct does not equal an empty one.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const emptyList = (x: unknown) =>
    x === undefined || x === null || (Array.isArray(x) && !x.length);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (emptyList(a) && emptyList(b)) return true;
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticEqual(a[i], b[i])) return false;
    return true;
  }
  if (a === null || b === null || a === undefined || b === undefined) {
    return (a ?? undefined) === (b ?? undefined);
  }
  if (typeof a !== "object" || typeof b !== "object") return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) {
    const x = ra[k];
    const y = rb[k];
    if (x === undefined || y === undefined) {
      // A missing key equals a zero value only for lists (omitempty slices).
      if (emptyList(x) && emptyList(y)) continue;
      if (x === undefined && y === undefined) continue;
      return false;
    }
    if (!semanticEqual(x, y)) return false;
  }
  return true;
}

function allSame<T>(
  versions: CustomResourceDefinitionVersion[],
  get: (v: CustomResourceDefinitionVersion) => T,
): boolean {
  const first = get(versions[0]);
  return versions.every((v) => semanticEqual(get(v), first));
}

/**
 * Converts a CRD's spec to the internal shape.
 *
 * @param crd The CRD.
 * @returns The versions and the promoted parts.
 */
export function toInternal(crd: CustomResourceDefinition): InternalSpec {
  const versions = crd.spec?.versions ?? [];
  const out: InternalSpec = {
    versions: versions.map((v) => ({
      v,
      ...(v.schema ? { schema: v.schema } : {}),
      ...(v.subresources ? { subresources: v.subresources } : {}),
      ...(v.additionalPrinterColumns ? { columns: v.additionalPrinterColumns } : {}),
      ...(v.selectableFields ? { selectableFields: v.selectableFields } : {}),
    })),
  };
  if (!Array.isArray(versions) || versions.length === 0) return out;
  if (allSame(versions, (v) => v.schema)) {
    if (versions[0].schema) out.validation = versions[0].schema;
    for (const v of out.versions) delete v.schema;
  }
  if (allSame(versions, (v) => v.subresources)) {
    if (versions[0].subresources) out.subresources = versions[0].subresources;
    for (const v of out.versions) delete v.subresources;
  }
  if (allSame(versions, (v) => v.additionalPrinterColumns)) {
    if (versions[0].additionalPrinterColumns) out.columns = versions[0].additionalPrinterColumns;
    for (const v of out.versions) delete v.columns;
  }
  if (allSame(versions, (v) => v.selectableFields)) {
    if (versions[0].selectableFields) out.selectableFields = versions[0].selectableFields;
    for (const v of out.versions) delete v.selectableFields;
  }
  return out;
}

/** A copy of a schema without `x-kubernetes-validations`, for checks that run without CEL. */
export function stripRules(s: JSONSchemaProps): JSONSchemaProps {
  const { "x-kubernetes-validations": _rules, ...rest } = s;
  const out: JSONSchemaProps = rest;
  if (s.properties) {
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, stripRules(v)]),
    );
  }
  if (s.items && typeof s.items === "object") out.items = stripRules(s.items);
  if (typeof s.additionalProperties === "object") {
    out.additionalProperties = stripRules(s.additionalProperties);
  }
  for (const k of ["allOf", "anyOf", "oneOf"] as const) {
    if (Array.isArray(s[k])) out[k] = s[k]!.map(stripRules);
  }
  if (s.not) out.not = stripRules(s.not);
  return out;
}

// ---- Go %#v of internal values, for the few errors that print them ---------------------------

const PTR = "0xc000000000";

function q(s: unknown): string {
  return JSON.stringify(typeof s === "string" ? s : "");
}

function goColumns(cols: CustomResourceColumnDefinition[] | undefined): string {
  const t = "apiextensions.CustomResourceColumnDefinition";
  if (!cols) return `[]${t}(nil)`;
  return `[]${t}{${
    cols.map((c) =>
      `${t}{Name:${q(c.name)}, Type:${q(c.type)}, Format:${q(c.format)}, Description:${
        q(c.description)
      }, Priority:${typeof c.priority === "number" ? c.priority : 0}, JSONPath:${q(c.jsonPath)}}`
    ).join(", ")
  }}`;
}

function goSelectable(fields: { jsonPath: string }[] | undefined): string {
  const t = "apiextensions.SelectableField";
  if (!fields) return `[]${t}(nil)`;
  return `[]${t}{${fields.map((f) => `${t}{JSONPath:${q(f.jsonPath)}}`).join(", ")}}`;
}

/**
 * Go's `%#v` of `[]apiextensions.CustomResourceDefinitionVersion`, as `spec.versions` errors
 * print it. Pointers print a fixed address (Go prints a real one).
 *
 * @param spec The internal spec, or `undefined` when `spec.versions` was absent.
 * @param absent Whether `spec.versions` was absent (a nil slice).
 * @returns The rendering.
 */
export function goVersions(spec: InternalSpec, absent: boolean): string {
  const t = "apiextensions.CustomResourceDefinitionVersion";
  if (absent) return `[]${t}(nil)`;
  const one = (iv: InternalVersion) => {
    const v = iv.v ?? {};
    return `${t}{Name:${q(v.name)}, Served:${v.served === true}, Storage:${
      v.storage === true
    }, Deprecated:${v.deprecated === true}, DeprecationWarning:${
      typeof v.deprecationWarning === "string" ? `(*string)(${PTR})` : "(*string)(nil)"
    }, Schema:${
      iv.schema
        ? `(*apiextensions.CustomResourceValidation)(${PTR})`
        : "(*apiextensions.CustomResourceValidation)(nil)"
    }, Subresources:${
      iv.subresources
        ? `(*apiextensions.CustomResourceSubresources)(${PTR})`
        : "(*apiextensions.CustomResourceSubresources)(nil)"
    }, AdditionalPrinterColumns:${goColumns(iv.columns)}, SelectableFields:${
      goSelectable(iv.selectableFields)
    }}`;
  };
  return `[]${t}{${spec.versions.map(one).join(", ")}}`;
}
