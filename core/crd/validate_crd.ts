// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Validation of CustomResourceDefinitions as apiextensions-apiserver does it
 * (`pkg/apis/apiextensions/validation/validation.go`), with its messages and field paths.
 *
 * @module
 */
import {
  duplicate,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  RawValue,
  required,
  tooMany,
} from "../errors/field_error.ts";
import { isDNS1123Subdomain } from "../validation/content.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../validation/object_meta.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import type { CelRuntime } from "../schema/cel.ts";
import { schemaHasRules } from "../schema/cel.ts";
import { validateStructuralSchema } from "../schema/validate_structural_schema.ts";
import type {
  CustomResourceColumnDefinition,
  CustomResourceDefinition,
  CustomResourceDefinitionNames,
  CustomResourceSubresources,
} from "./types.ts";
import { isDNS1035Label, validateNames } from "./_validate_names.ts";
import {
  goVersions,
  type InternalSpec,
  semanticEqual,
  stripRules,
  toInternal,
} from "./_internal.ts";

/** Options of {@linkcode validateCustomResourceDefinition}. */
export interface ValidateCustomResourceDefinitionOptions {
  /**
   * The stored CRD, for an update: group, plural (and, once established, kind and scope) are
   * then immutable, and schemas equal to the stored ones are not checked again.
   * @default {undefined}
   */
  old?: CustomResourceDefinition;
  /**
   * The CEL runtime from `loadCel()`; needed when a schema to check has
   * `x-kubernetes-validations`.
   * @default {undefined}
   */
  cel?: CelRuntime;
  /**
   * Whether `metadata` is validated too (name format, labels, ...). The API server's request
   * pipeline validates metadata itself and turns this off.
   * @default {true}
   */
  objectMeta?: boolean;
  /**
   * `skip` checks schemas without compiling their CEL rules, instead of requiring `cel`.
   * @default {"require"}
   */
  rules?: "require" | "skip";
  /**
   * Whether the `openAPIV3Schema`s are checked (structural rules, defaults, CEL rules). Off for
   * CRDs compiled into a program, whose generator checked them: those checks cost milliseconds
   * in a cold process.
   * @default {true}
   */
  schemas?: boolean;
}

const PRINTER_COLUMN_TYPES = ["boolean", "date", "integer", "number", "string"];
const PRINTER_COLUMN_FORMATS = [
  "byte",
  "date",
  "date-time",
  "double",
  "float",
  "int32",
  "int64",
  "password",
];
const MAX_SELECTABLE_FIELDS = 8;
const API_APPROVAL_ANNOTATION = "api-approved.kubernetes.io";
const ALLOWED_AT_ROOT_WITH_STATUS = [
  "Description",
  "Type",
  "Format",
  "Title",
  "Maximum",
  "ExclusiveMaximum",
  "Minimum",
  "ExclusiveMinimum",
  "MaxLength",
  "MinLength",
  "Pattern",
  "MaxItems",
  "MinItems",
  "UniqueItems",
  "MultipleOf",
  "Required",
  "Items",
  "Properties",
  "ExternalDocs",
  "Example",
  "XPreserveUnknownFields",
  "XValidations",
];
/** JSONSchemaProps' Go fields in declaration order, with their JSON names and kinds. */
const SCHEMA_FIELDS: [go: string, json: string, kind: "bool" | "string" | "ptr"][] = [
  ["ID", "id", "string"],
  ["Schema", "$schema", "string"],
  ["Ref", "$ref", "ptr"],
  ["Description", "description", "string"],
  ["Type", "type", "string"],
  ["Nullable", "nullable", "bool"],
  ["Format", "format", "string"],
  ["Title", "title", "string"],
  ["Default", "default", "ptr"],
  ["Maximum", "maximum", "ptr"],
  ["ExclusiveMaximum", "exclusiveMaximum", "bool"],
  ["Minimum", "minimum", "ptr"],
  ["ExclusiveMinimum", "exclusiveMinimum", "bool"],
  ["MaxLength", "maxLength", "ptr"],
  ["MinLength", "minLength", "ptr"],
  ["Pattern", "pattern", "string"],
  ["MaxItems", "maxItems", "ptr"],
  ["MinItems", "minItems", "ptr"],
  ["UniqueItems", "uniqueItems", "bool"],
  ["MultipleOf", "multipleOf", "ptr"],
  ["Enum", "enum", "ptr"],
  ["MaxProperties", "maxProperties", "ptr"],
  ["MinProperties", "minProperties", "ptr"],
  ["Required", "required", "ptr"],
  ["Items", "items", "ptr"],
  ["AllOf", "allOf", "ptr"],
  ["OneOf", "oneOf", "ptr"],
  ["AnyOf", "anyOf", "ptr"],
  ["Not", "not", "ptr"],
  ["Properties", "properties", "ptr"],
  ["AdditionalProperties", "additionalProperties", "ptr"],
  ["PatternProperties", "patternProperties", "ptr"],
  ["Dependencies", "dependencies", "ptr"],
  ["AdditionalItems", "additionalItems", "ptr"],
  ["Definitions", "definitions", "ptr"],
  ["ExternalDocs", "externalDocs", "ptr"],
  ["Example", "example", "ptr"],
  ["XPreserveUnknownFields", "x-kubernetes-preserve-unknown-fields", "ptr"],
  ["XEmbeddedResource", "x-kubernetes-embedded-resource", "bool"],
  ["XIntOrString", "x-kubernetes-int-or-string", "bool"],
  ["XListMapKeys", "x-kubernetes-list-map-keys", "ptr"],
  ["XListType", "x-kubernetes-list-type", "ptr"],
  ["XMapType", "x-kubernetes-map-type", "ptr"],
  ["XValidations", "x-kubernetes-validations", "ptr"],
];

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function goStrings(v: unknown): RawValue {
  if (!Array.isArray(v)) return new RawValue("[]string(nil)");
  return new RawValue(`[]string{${v.map((s) => JSON.stringify(str(s))).join(", ")}}`);
}

/** apiextensions' `ValidateCustomResourceDefinitionNames`. */

/** apiextensions' `validateSimpleJSONPath`. */
function validateSimpleJSONPath(s: string, path: string): FieldError[] {
  if (s.length === 0) return [invalid(path, s, "must not be empty")];
  if (s[0] !== ".") return [invalid(path, s, "must be a simple json path starting with .")];
  return [];
}

/** apiextensions' `ValidateCustomResourceColumnDefinition`. */
function validateColumn(col: CustomResourceColumnDefinition, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const c = (col ?? {}) as Partial<CustomResourceColumnDefinition>;
  if (!str(c.name)) errs.push(required(`${path}.name`, ""));
  const types = `must be one of ${PRINTER_COLUMN_TYPES.join(",")}`;
  if (!str(c.type)) errs.push(required(`${path}.type`, types));
  else if (!PRINTER_COLUMN_TYPES.includes(str(c.type))) {
    errs.push(invalid(`${path}.type`, c.type, types));
  }
  if (str(c.format) && !PRINTER_COLUMN_FORMATS.includes(str(c.format))) {
    errs.push(
      invalid(`${path}.format`, c.format, `must be one of ${PRINTER_COLUMN_FORMATS.join(",")}`),
    );
  }
  if (!str(c.jsonPath)) errs.push(required(`${path}.JSONPath`, ""));
  else errs.push(...validateSimpleJSONPath(str(c.jsonPath), `${path}.JSONPath`));
  return errs;
}

/** apiextensions' `ValidateCustomResourceDefinitionSubresources`. */
function validateSubresources(
  sub: CustomResourceSubresources | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const scale = sub?.scale;
  if (!scale) return errs;
  const spec = str(scale.specReplicasPath);
  if (!spec) errs.push(required(`${path}.scale.specReplicasPath`, ""));
  else {
    const e = validateSimpleJSONPath(spec, `${path}.scale.specReplicasPath`);
    if (e.length) errs.push(...e);
    else if (!spec.startsWith(".spec.")) {
      errs.push(
        invalid(`${path}.scale.specReplicasPath`, spec, "should be a json path under .spec"),
      );
    }
  }
  const status = str(scale.statusReplicasPath);
  if (!status) errs.push(required(`${path}.scale.statusReplicasPath`, ""));
  else {
    const e = validateSimpleJSONPath(status, `${path}.scale.statusReplicasPath`);
    if (e.length) errs.push(...e);
    else if (!status.startsWith(".status.")) {
      errs.push(
        invalid(`${path}.scale.statusReplicasPath`, status, "should be a json path under .status"),
      );
    }
  }
  const selector = str(scale.labelSelectorPath);
  if (selector) {
    const e = validateSimpleJSONPath(selector, `${path}.scale.labelSelectorPath`);
    if (e.length) errs.push(...e);
    else if (!selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
      errs.push(
        invalid(
          `${path}.scale.labelSelectorPath`,
          selector,
          "should be a json path under either .spec or .status",
        ),
      );
    }
  }
  return errs;
}

/** cel's `ValidFieldPath` without array notation: the field path and the schema it names. */
function selectableFieldPath(
  jsonPath: string,
  root: JSONSchemaProps,
): { path: string; schema: JSONSchemaProps | undefined } | { error: string } {
  const tokens: string[] = [];
  for (let i = 0; i < jsonPath.length;) {
    const c = jsonPath[i];
    if (c === "." || c === "[" || c === "]") {
      tokens.push(c);
      i++;
    } else {
      let j = i;
      while (j < jsonPath.length && !".[]".includes(jsonPath[j])) j++;
      tokens.push(jsonPath.slice(i, j));
      i = j;
    }
  }
  let node: JSONSchemaProps | undefined = root;
  let out = "";
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok === "[") return { error: "array notation is not allowed" };
    if (tok !== ".") return { error: `expected [ or . but got: ${tok}` };
    const name = tokens[++t];
    if (name === undefined) return { error: "unexpected end of JSON path" };
    if (node?.properties) {
      out = out ? `${out}.${name}` : name;
      node = node.properties[name];
      if (!node) return { error: "does not refer to a valid field" };
    } else if (node?.additionalProperties !== undefined) {
      out = `${out}[${name}]`;
      node = typeof node.additionalProperties === "object" ? node.additionalProperties : undefined;
    } else {
      return { error: "does not refer to a valid field" };
    }
  }
  return { path: out, schema: node };
}

/** apiextensions' `ValidateCustomResourceSelectableFields`. */
function validateSelectableFields(
  fields: { jsonPath: string }[],
  schema: JSONSchemaProps,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Set<string>();
  fields.forEach((f, i) => {
    const p = `${path}[${i}].jsonPath`;
    const jp = str(f?.jsonPath);
    if (!jp) {
      errs.push(required(p, ""));
      return;
    }
    const r = selectableFieldPath(jp, schema);
    if ("error" in r) {
      errs.push(invalid(p, jp, `is an invalid path: ${r.error}`));
      return;
    }
    if (r.path.split(/[.[]/)[0] === "metadata") {
      errs.push(invalid(p, jp, "must not point to fields in metadata"));
    }
    const t = r.schema?.type;
    if (t !== "string" && t !== "boolean" && t !== "integer") {
      errs.push(
        invalid(
          p,
          jp,
          "must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.",
        ),
      );
    }
    if (unique.has(r.path)) errs.push(duplicate(p, jp));
    else unique.add(r.path);
  });
  if (unique.size > MAX_SELECTABLE_FIELDS) {
    errs.push(tooMany(path, unique.size, MAX_SELECTABLE_FIELDS));
  }
  return errs;
}

function isSet(v: unknown, kind: "bool" | "string" | "ptr"): boolean {
  if (v === undefined || v === null) return false;
  if (kind === "bool") return v !== false;
  if (kind === "string") return v !== "";
  return true;
}

interface Ctx {
  cel?: CelRuntime;
  rules: "require" | "skip";
  /** Whether schemas are checked. */
  schemas: boolean;
  /** Schemas (by field path) equal to the stored CRD's, which need no new check. */
  unchanged: Set<string>;
}

/** apiextensions' `validateCustomResourceDefinitionValidation`. */
function validateValidation(
  v: { openAPIV3Schema?: JSONSchemaProps } | undefined,
  statusEnabled: boolean,
  path: string,
  ctx: Ctx,
): FieldError[] {
  const errs: FieldError[] = [];
  const schema = v?.openAPIV3Schema;
  if (!schema || typeof schema !== "object") return errs;
  if (ctx.unchanged.has(path) || !ctx.schemas) return errs;
  if (statusEnabled) {
    const s = schema as Record<string, unknown>;
    for (const [goName, json, kind] of SCHEMA_FIELDS) {
      if (!isSet(s[json], kind)) continue;
      if (goName === "Type") {
        if (schema.type !== "object") {
          errs.push(
            invalid(
              `${path}.openAPIV3Schema.type`,
              schema.type,
              'only "object" is allowed as the type at the root of the schema if the status subresource is enabled',
            ),
          );
          break;
        }
        continue;
      }
      if (!ALLOWED_AT_ROOT_WITH_STATUS.includes(goName)) {
        errs.push(
          invalid(
            `${path}.openAPIV3Schema`,
            schema,
            `only [${
              ALLOWED_AT_ROOT_WITH_STATUS.join(" ")
            }] fields are allowed at the root of the schema if the status subresource is enabled`,
          ),
        );
        break;
      }
    }
  }
  const hasRules = schemaHasRules(schema);
  const checked = hasRules && ctx.rules === "skip" && !ctx.cel ? stripRules(schema) : schema;
  errs.push(
    ...validateStructuralSchema(checked, {
      path: `${path}.openAPIV3Schema`,
      ...(ctx.cel ? { cel: ctx.cel } : {}),
    }),
  );
  return errs;
}

function effectiveSchema(spec: InternalSpec, i: number): JSONSchemaProps | undefined {
  return spec.versions[i].schema?.openAPIV3Schema ?? spec.validation?.openAPIV3Schema;
}

function isProtectedGroup(group: string): boolean {
  return group === "k8s.io" || group.endsWith(".k8s.io") || group === "kubernetes.io" ||
    group.endsWith(".kubernetes.io");
}

function approvalState(annotations: Record<string, string> | undefined): [string, string] {
  const a = annotations?.[API_APPROVAL_ANNOTATION] ?? "";
  if (!a) {
    return [
      "missing",
      `protected groups must have approval annotation "${API_APPROVAL_ANNOTATION}", see https://github.com/kubernetes/enhancements/pull/1111`,
    ];
  }
  if (a.startsWith("unapproved")) return ["bypassed", ""];
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(a) && !a.startsWith("/")) {
    return [
      "invalid",
      `protected groups must have approval annotation "${API_APPROVAL_ANNOTATION}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`,
    ];
  }
  return ["approved", ""];
}

function validateApiApproval(
  crd: CustomResourceDefinition,
  old: CustomResourceDefinition | undefined,
): FieldError[] {
  if (!isProtectedGroup(str(crd.spec?.group))) return [];
  const [state, reason] = approvalState(crd.metadata?.annotations);
  if (old && approvalState(old.metadata?.annotations)[0] === state) return [];
  const p = `metadata.annotations[${API_APPROVAL_ANNOTATION}]`;
  if (state === "missing") return [required(p, reason)];
  if (state === "invalid") {
    return [invalid(p, crd.metadata?.annotations?.[API_APPROVAL_ANNOTATION], reason)];
  }
  return [];
}

function validateConversion(
  c: CustomResourceDefinition["spec"]["conversion"],
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!c) return errs;
  const strategy = str(c.strategy);
  if (!strategy) errs.push(required(`${path}.strategy`, ""));
  else if (strategy !== "None" && strategy !== "Webhook") {
    errs.push(notSupported(`${path}.strategy`, strategy, ["None", "Webhook"]));
  }
  const cc = c.webhook?.clientConfig;
  const reviewVersions = c.webhook?.conversionReviewVersions;
  if (strategy === "Webhook") {
    if (!cc) {
      errs.push(
        required(`${path}.webhookClientConfig`, "required when strategy is set to Webhook"),
      );
    } else if ((cc.url === undefined) === (cc.service === undefined)) {
      errs.push(
        required(`${path}.webhookClientConfig`, "exactly one of url or service is required"),
      );
    }
    const rp = `${path}.conversionReviewVersions`;
    if (!Array.isArray(reviewVersions) || reviewVersions.length < 1) errs.push(required(rp, ""));
    else {
      const seen = new Set<string>();
      let accepted = false;
      reviewVersions.forEach((v, i) => {
        if (seen.has(v)) {
          errs.push(invalid(`${rp}[${i}]`, v, "duplicate version"));
          return;
        }
        seen.add(v);
        for (const m of isDNS1035Label(str(v))) errs.push(invalid(`${rp}[${i}]`, v, m));
        if (v === "v1" || v === "v1beta1") accepted = true;
      });
      if (!accepted) {
        errs.push(
          invalid(rp, goStrings(reviewVersions), "must include at least one of v1, v1beta1"),
        );
      }
    }
  } else {
    if (cc) {
      errs.push(
        forbidden(
          `${path}.webhookClientConfig`,
          "should not be set when strategy is not set to Webhook",
        ),
      );
    }
    if (Array.isArray(reviewVersions) && reviewVersions.length) {
      errs.push(
        forbidden(
          `${path}.conversionReviewVersions`,
          "should not be set when strategy is not set to Webhook",
        ),
      );
    }
  }
  return errs;
}

function validateDeprecationWarning(deprecated: boolean, warning: unknown): string[] {
  if (!deprecated && warning !== undefined && warning !== null) {
    return ["can only be set for deprecated versions"];
  }
  if (typeof warning !== "string") return [];
  const errs: string[] = [];
  if (new TextEncoder().encode(warning).length > 256) errs.push("must be <= 256 characters long");
  if (warning.length === 0) errs.push("must not be an empty string");
  let i = 0;
  for (const ch of warning) {
    if (/\p{Cc}/u.test(ch)) {
      errs.push(
        `must only contain printable UTF-8 characters; control character found at index ${i}`,
      );
      break;
    }
    if (!/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) {
      errs.push(
        `must only contain printable UTF-8 characters; non-printable character found at index ${i}`,
      );
      break;
    }
    i += new TextEncoder().encode(ch).length;
  }
  return errs;
}

function hasDefaults(s: unknown): boolean {
  if (!s || typeof s !== "object") return false;
  if (Array.isArray(s)) return s.some(hasDefaults);
  const r = s as Record<string, unknown>;
  if (r.default !== undefined && r.default !== null) return true;
  for (const k of ["properties", "patternProperties", "definitions"]) {
    const m = r[k];
    if (m && typeof m === "object" && Object.values(m).some(hasDefaults)) return true;
  }
  for (
    const k of [
      "items",
      "additionalProperties",
      "additionalItems",
      "not",
      "allOf",
      "anyOf",
      "oneOf",
    ]
  ) {
    if (hasDefaults(r[k])) return true;
  }
  return false;
}

function validateSpec(crd: CustomResourceDefinition, spec: InternalSpec, ctx: Ctx): FieldError[] {
  const errs: FieldError[] = [];
  const s = (crd.spec ?? {}) as Partial<CustomResourceDefinition["spec"]>;
  const group = str(s.group);
  if (!group) errs.push(required("spec.group", ""));
  else {
    const e = isDNS1123Subdomain(group);
    if (e.length) errs.push(invalid("spec.group", group, e.join(",")));
    else if (group.split(".").length < 2) {
      errs.push(invalid("spec.group", group, "should be a domain with at least one dot"));
    }
  }
  const scope = str(s.scope);
  if (!scope) errs.push(required("spec.scope", ""));
  else if (scope !== "Cluster" && scope !== "Namespaced") {
    errs.push(notSupported("spec.scope", scope, ["Cluster", "Namespaced"]));
  }
  if (!spec.validation?.openAPIV3Schema) {
    spec.versions.forEach((iv, i) => {
      if (!iv.schema?.openAPIV3Schema) {
        errs.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, "schemas are required"));
      }
    });
  }
  const preserve = s.preserveUnknownFields === true;
  if (
    preserve &&
    (hasDefaults(spec.validation?.openAPIV3Schema) ||
      spec.versions.some((v) => hasDefaults(v.schema?.openAPIV3Schema)))
  ) {
    errs.push(
      invalid(
        "spec.preserveUnknownFields",
        true,
        "must be false in order to use defaults in the schema",
      ),
    );
  }
  let storage = 0;
  const names = new Set<string>();
  let unique = true;
  const anyStatus = !!spec.subresources?.status ||
    spec.versions.some((v) => !!v.subresources?.status);
  spec.versions.forEach((iv, i) => {
    const v = iv.v ?? {};
    const p = `spec.versions[${i}]`;
    if (v.storage === true) storage++;
    const name = str(v.name);
    if (names.has(name)) unique = false;
    else names.add(name);
    const e = isDNS1035Label(name);
    if (e.length) errs.push(invalid(`${p}.name`, name, e.join(",")));
    for (const m of validateDeprecationWarning(v.deprecated === true, v.deprecationWarning)) {
      errs.push(invalid(`${p}.deprecationWarning`, v.deprecationWarning, m));
    }
    const subs = iv.subresources ?? spec.subresources;
    errs.push(...validateValidation(iv.schema, !!subs?.status, `${p}.schema`, ctx));
    errs.push(...validateSubresources(iv.subresources, `${p}.subresources`));
    (iv.columns ?? []).forEach((c, j) => {
      errs.push(...validateColumn(c, `${p}.additionalPrinterColumns[${j}]`));
    });
    if (iv.selectableFields?.length) {
      const schema = effectiveSchema(spec, i);
      if (!schema) {
        errs.push(
          invalid(
            `${p}.selectableFields`,
            "",
            "selectableFields may only be set when version.schema.openAPIV3Schema is not included",
          ),
        );
      } else {errs.push(
          ...validateSelectableFields(iv.selectableFields, schema, `${p}.selectableFields`),
        );}
    }
  });
  const versionsValue = () => new RawValue(goVersions(spec, !Array.isArray(s.versions)));
  if (!unique) {
    errs.push(invalid("spec.versions", versionsValue(), "must contain unique version names"));
  }
  if (storage !== 1) {
    errs.push(
      invalid(
        "spec.versions",
        versionsValue(),
        "must have exactly one version marked as storage version",
      ),
    );
  }
  const n = (s.names ?? {}) as Partial<CustomResourceDefinitionNames>;
  if (!str(n.plural)) errs.push(required("spec.names.plural", ""));
  if (!str(n.singular)) errs.push(required("spec.names.singular", ""));
  if (!str(n.kind)) errs.push(required("spec.names.kind", ""));
  if (!str(n.listKind)) errs.push(required("spec.names.listKind", ""));
  errs.push(...validateNames(s.names, "spec.names"));
  errs.push(...validateValidation(spec.validation, anyStatus, "spec.validation", ctx));
  errs.push(...validateSubresources(spec.subresources, "spec.subresources"));
  (spec.columns ?? []).forEach((c, j) => {
    errs.push(...validateColumn(c, `spec.additionalPrinterColumns[${j}]`));
  });
  if (spec.selectableFields?.length) {
    const schema = spec.validation?.openAPIV3Schema;
    if (!schema) {
      errs.push(
        invalid(
          "spec.selectableFields",
          "",
          "selectableFields may only be set when validations.schema is included",
        ),
      );
    } else {errs.push(
        ...validateSelectableFields(spec.selectableFields, schema, "spec.selectableFields"),
      );}
  }
  if (s.conversion && s.conversion.strategy !== "None" && preserve) {
    errs.push(
      invalid(
        "spec.conversion.strategy",
        s.conversion.strategy,
        "must be None if spec.preserveUnknownFields is true",
      ),
    );
  }
  errs.push(...validateConversion(s.conversion, "spec.conversion"));
  return errs;
}

function validateStoredVersions(crd: CustomResourceDefinition): FieldError[] {
  const stored = crd.status?.storedVersions;
  const p = "status.storedVersions";
  if (!Array.isArray(stored) || stored.length === 0) {
    return [invalid(p, goStrings(stored), "must have at least one stored version")];
  }
  const errs: FieldError[] = [];
  const left = new Map<string, number>();
  stored.forEach((v, i) => left.set(v, i));
  for (const v of crd.spec?.versions ?? []) {
    const has = left.has(v.name);
    if (v.storage && !has) {
      errs.push(invalid(p, goStrings(stored), `must have the storage version ${v.name}`));
    }
    if (has) left.delete(v.name);
  }
  for (const [v, i] of left) {
    errs.push(
      invalid(
        `${p}[${i}]`,
        v,
        `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`,
      ),
    );
  }
  return errs;
}

function unchangedSchemas(spec: InternalSpec, old: CustomResourceDefinition): Set<string> {
  const prev = toInternal(old);
  const out = new Set<string>();
  if (spec.validation && semanticEqual(spec.validation, prev.validation)) {
    out.add("spec.validation");
  }
  spec.versions.forEach((iv, i) => {
    if (!iv.schema) return;
    const before = prev.versions.find((p) => p.v?.name === iv.v?.name);
    const schema = before?.schema ?? prev.validation;
    if (semanticEqual(iv.schema, schema)) out.add(`spec.versions[${i}].schema`);
  });
  return out;
}

/**
 * Validates a CustomResourceDefinition (after defaulting: `names.singular`, `names.listKind`
 * and `status.storedVersions` set) as the API server does on create, or on update with
 * `options.old`, with Kubernetes' messages and field paths.
 *
 * @param crd The CRD.
 * @param options The stored CRD (update), the CEL runtime, whether to check metadata.
 * @returns The field errors; empty when the CRD is valid.
 * @throws {TypeError} When a schema to check has rules and neither `cel` nor `rules: "skip"`
 * is given.
 *
 * @example Reject a CRD whose name does not match its plural and group
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateCustomResourceDefinition } from "@k1s/core";
 * const errs = validateCustomResourceDefinition({
 *   apiVersion: "apiextensions.k8s.io/v1",
 *   kind: "CustomResourceDefinition",
 *   metadata: { name: "gadgets.example.com" },
 *   spec: {
 *     group: "example.com",
 *     scope: "Namespaced",
 *     names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
 *     versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }],
 *   },
 *   status: { storedVersions: ["v1"] },
 * });
 * assertEquals(errs.map(formatFieldError), [
 *   'metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group',
 * ]);
 * ```
 */
export function validateCustomResourceDefinition(
  crd: CustomResourceDefinition,
  options: ValidateCustomResourceDefinitionOptions = {},
): FieldError[] {
  const spec = toInternal(crd);
  const old = options.old;
  const ctx: Ctx = {
    ...(options.cel ? { cel: options.cel } : {}),
    rules: options.rules ?? "require",
    schemas: options.schemas !== false,
    unchanged: old ? unchangedSchemas(spec, old) : new Set(),
  };
  const errs: FieldError[] = [];
  const meta = crd.metadata ?? {};
  const name = str(meta.name);
  if (options.objectMeta !== false) {
    errs.push(...validateObjectMeta(meta, { namespaced: false, nameValidation: "subdomain" }));
    if (old) errs.push(...validateObjectMetaUpdate(meta, old.metadata ?? {}));
  }
  // Only on create: an update checks its metadata as an update (the name cannot change, and
  // group and plural are immutable once established), as ValidateCustomResourceDefinitionUpdate.
  const wanted = `${str(crd.spec?.names?.plural)}.${str(crd.spec?.group)}`;
  if (!old && name && name !== wanted) {
    errs.push(invalid("metadata.name", name, 'must be spec.names.plural+"."+spec.group'));
  }
  errs.push(...validateSpec(crd, spec, ctx));
  if (old) {
    const established = old.status?.conditions?.some((c) =>
      c.type === "Established" && c.status === "True"
    );
    const immutable = (path: string, a: unknown, b: unknown) => {
      if (a !== b) errs.push(invalid(path, a ?? "", "field is immutable"));
    };
    if (established) {
      immutable("spec.scope", crd.spec?.scope, old.spec?.scope);
      immutable("spec.names.kind", crd.spec?.names?.kind, old.spec?.names?.kind);
    }
    immutable("spec.group", crd.spec?.group, old.spec?.group);
    immutable("spec.names.plural", crd.spec?.names?.plural, old.spec?.names?.plural);
  }
  errs.push(...validateNames(crd.status?.acceptedNames, "status.acceptedNames"));
  errs.push(...validateStoredVersions(crd));
  errs.push(...validateApiApproval(crd, old));
  if (
    crd.spec?.preserveUnknownFields === true && old?.spec?.preserveUnknownFields !== true
  ) {
    errs.push(
      invalid(
        "spec.preserveUnknownFields",
        true,
        "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead",
      ),
    );
  }
  return errs;
}

export { validateCustomResourceDefinitionStatus } from "./_validate_names.ts";
