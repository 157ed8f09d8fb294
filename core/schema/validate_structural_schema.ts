// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The checks apiextensions runs on a CustomResourceDefinition's `openAPIV3Schema`: structural
 * invariants (`schema.ValidateStructural`), defaults (`defaulting.ValidateDefaults`), the
 * OpenAPI subset and extensions (`ValidateCustomResourceDefinitionOpenAPISchema`) and the
 * compilation of `x-kubernetes-validations` rules, with apiextensions' messages.
 *
 * @module
 */
import {
  type FieldError,
  forbidden,
  formatFieldError,
  internalFieldError,
  invalid,
  RawValue,
  required,
} from "../errors/field_error.ts";
import type { JSONSchemaProps, ValidationRule } from "./types.ts";
import type { CelRuntime } from "./cel.ts";
import { schemaHasRules } from "./cel.ts";
import type { CelRuntimeImpl } from "./_cel/runtime.ts";
import { compileNode, deepCopy, deepEqual, isObject, type Node, walkNodes } from "./_node.ts";
import { compileJsRegex } from "./_regex.ts";
import { pruneValue } from "./_prune.ts";
import { validateValue } from "./_validate.ts";
import { validateEmbeddedValue } from "./_objectmeta.ts";
import { validateRules } from "./_cel_validate.ts";
import {
  costErrorMessage,
  multiplyCost,
  STATIC_ESTIMATED_COST_LIMIT,
  STATIC_ESTIMATED_CRD_COST_LIMIT,
} from "./_cel/cost.ts";
import { goValidationRule } from "./_go.ts";

/** Options of {@linkcode validateStructuralSchema}. */
export interface ValidateStructuralSchemaOptions {
  /**
   * The field path of the schema, prefixed to every error.
   * @default {"spec.validation.openAPIV3Schema"}
   */
  path?: string;
  /**
   * The CEL runtime from `loadCel()`; required when the schema has `x-kubernetes-validations`.
   * With it, `pattern`s are also checked with RE2, giving Go's exact error text.
   * @default {undefined}
   */
  cel?: CelRuntime;
}

const enum Level {
  Root,
  Item,
  Field,
}

const OPENAPI_TYPES = ["array", "boolean", "integer", "number", "object", "string"];
const VALIDATION_REASONS = [
  "FieldValueDuplicate",
  "FieldValueForbidden",
  "FieldValueInvalid",
  "FieldValueRequired",
];
const META_FIELDS = new Set(["metadata", "kind", "apiVersion"]);

function isZero(v: unknown): boolean {
  return v === undefined || v === null || v === false || v === "" ||
    (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
}

/** The keys of a schema whose values are set (not Go zero values). */
function setKeys(s: JSONSchemaProps): string[] {
  return Object.entries(s).filter(([, v]) => !isZero(v)).map(([k]) => k);
}

function onlyType(s: JSONSchemaProps | undefined, type: string): boolean {
  if (!s) return false;
  const keys = setKeys(s);
  return keys.length === 1 && keys[0] === "type" && s.type === type;
}

function isIntOrStringAnyOf(s: JSONSchemaProps): boolean {
  return s.anyOf?.length === 2 && onlyType(s.anyOf[0], "integer") &&
    onlyType(s.anyOf[1], "string");
}

function isIntOrStringAllOf(s: JSONSchemaProps): boolean {
  const first = s.allOf?.[0];
  return first !== undefined && isIntOrStringAnyOf(first);
}

function prop(path: string, k: string): string {
  return `${path}.properties[${k}]`;
}

function regexError(pattern: string, cel: CelRuntimeImpl | undefined): string | undefined {
  if (cel) return cel.regexError(pattern);
  if (compileJsRegex(pattern)) return undefined;
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (e) {
    return `error parsing regexp: ${(e as Error).message}`;
  }
}

// ---- structural invariants (schema/validation.go) -------------------------------------------

function structuralInvariants(
  s: JSONSchemaProps,
  lvl: Level,
  path: string,
  cel: CelRuntimeImpl | undefined,
  errs: FieldError[],
): void {
  if (s.type === "array" && !s.items) errs.push(required(`${path}.items`, "must be specified"));
  if (s.items) structuralInvariants(s.items, Level.Item, `${path}.items`, cel, errs);
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    structuralInvariants(v, Level.Field, prop(path, k), cel, errs);
  }
  if (s.additionalProperties !== undefined) {
    if (lvl === Level.Root) {
      errs.push(forbidden(`${path}.additionalProperties`, "must not be used at the root"));
    }
    if (typeof s.additionalProperties === "object") {
      structuralInvariants(
        s.additionalProperties,
        Level.Field,
        `${path}.additionalProperties`,
        cel,
        errs,
      );
    }
  }
  const intOrString = s["x-kubernetes-int-or-string"] === true;
  const preserve = s["x-kubernetes-preserve-unknown-fields"] === true;
  const embedded = s["x-kubernetes-embedded-resource"] === true;
  if (intOrString && preserve) {
    errs.push(
      invalid(
        `${path}.x-kubernetes-preserve-unknown-fields`,
        true,
        "must be false if x-kubernetes-int-or-string is true",
      ),
    );
  }
  if (intOrString && embedded) {
    errs.push(
      invalid(
        `${path}.x-kubernetes-embedded-resource`,
        true,
        "must be false if x-kubernetes-int-or-string is true",
      ),
    );
  }
  valueValidation(s, isIntOrStringAnyOf(s), isIntOrStringAllOf(s), path, cel, errs);

  const checkMetadata = lvl === Level.Root || embedded;
  const type = s.type ?? "";
  if (embedded && type !== "object") {
    if (type === "") {
      errs.push(
        required(`${path}.type`, "must be object if x-kubernetes-embedded-resource is true"),
      );
    } else {
      errs.push(
        invalid(`${path}.type`, type, "must be object if x-kubernetes-embedded-resource is true"),
      );
    }
  } else if (type === "" && !intOrString && !preserve) {
    const detail = lvl === Level.Root
      ? "must not be empty at the root"
      : lvl === Level.Item
      ? "must not be empty for specified array items"
      : "must not be empty for specified object fields";
    errs.push(required(`${path}.type`, detail));
  }
  if (embedded && s.additionalProperties !== undefined) {
    errs.push(
      forbidden(
        `${path}.additionalProperties`,
        "must not be used if x-kubernetes-embedded-resource is set",
      ),
    );
  }
  if (lvl === Level.Root && type !== "" && type !== "object") {
    errs.push(invalid(`${path}.type`, type, "must be object at the root"));
  }
  for (const k of ["kind", "apiVersion"]) {
    const p = s.properties?.[k];
    if (p && checkMetadata && p.type !== "string") {
      errs.push(invalid(`${prop(path, k)}.type`, p.type ?? "", "must be string"));
    }
  }
  const meta = s.properties?.metadata;
  if (meta) {
    const mp = prop(path, "metadata");
    if (checkMetadata && meta.type !== "object") {
      errs.push(invalid(`${mp}.type`, meta.type ?? "", "must be object"));
    }
    if (lvl === Level.Root) {
      const keys = Object.keys(meta.properties ?? {});
      const onlyNames = keys.length > 0 && keys.length <= 2 &&
        keys.every((k) => k === "name" || k === "generateName");
      const rest = setKeys(meta).filter((k) =>
        k !== "type" && k !== "default" && k !== "example" && !(k === "properties" && onlyNames)
      );
      if (rest.length > 0) {
        errs.push(
          forbidden(
            mp,
            "must not specify anything other than name and generateName, but metadata is implicitly specified",
          ),
        );
      }
    }
  }
  if (embedded && !preserve && Object.keys(s.properties ?? {}).length === 0) {
    errs.push(
      required(
        `${path}.properties`,
        "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields",
      ),
    );
  }
}

function valueValidation(
  s: JSONSchemaProps,
  skipAnyOf: boolean,
  skipFirstAllOfAnyOf: boolean,
  path: string,
  cel: CelRuntimeImpl | undefined,
  errs: FieldError[],
): void {
  if (!skipAnyOf) {
    s.anyOf?.forEach((v, i) => nestedValueValidation(v, false, `${path}.anyOf[${i}]`, cel, errs));
  }
  s.allOf?.forEach((v, i) =>
    nestedValueValidation(v, skipFirstAllOfAnyOf && i === 0, `${path}.allOf[${i}]`, cel, errs)
  );
  s.oneOf?.forEach((v, i) => nestedValueValidation(v, false, `${path}.oneOf[${i}]`, cel, errs));
  if (s.not) nestedValueValidation(s.not, false, `${path}.not`, cel, errs);
  if (s.pattern) {
    const err = regexError(s.pattern, cel);
    if (err !== undefined) {
      errs.push(
        invalid(
          `${path}.pattern`,
          s.pattern,
          `must be a valid regular expression, but isn't: ${err}`,
        ),
      );
    }
  }
}

const FORBIDDEN_NESTED: [keyof JSONSchemaProps, string][] = [
  ["type", "must be empty to be structural"],
  ["additionalProperties", "must be undefined to be structural"],
  ["default", "must be undefined to be structural"],
  ["title", "must be empty to be structural"],
  ["description", "must be empty to be structural"],
  ["nullable", "must be false to be structural"],
  ["x-kubernetes-preserve-unknown-fields", "must be false to be structural"],
  ["x-kubernetes-embedded-resource", "must be false to be structural"],
  ["x-kubernetes-int-or-string", "must be false to be structural"],
  ["x-kubernetes-list-map-keys", "must be empty to be structural"],
  ["x-kubernetes-list-type", "must be undefined to be structural"],
  ["x-kubernetes-map-type", "must be undefined to be structural"],
  ["x-kubernetes-validations", "must be empty to be structural"],
];

function nestedValueValidation(
  v: JSONSchemaProps,
  skipAnyOf: boolean,
  path: string,
  cel: CelRuntimeImpl | undefined,
  errs: FieldError[],
): void {
  valueValidation(v, skipAnyOf, false, path, cel, errs);
  if (v.items) nestedValueValidation(v.items, false, `${path}.items`, cel, errs);
  for (const [k, p] of Object.entries(v.properties ?? {})) {
    nestedValueValidation(p, false, prop(path, k), cel, errs);
  }
  for (const [key, detail] of FORBIDDEN_NESTED) {
    const val = v[key];
    const set = key === "additionalProperties"
      ? val !== undefined
      : key === "default"
      ? val !== undefined && val !== null
      : !isZero(val);
    if (set) errs.push(forbidden(`${path}.${key}`, detail));
  }
  if (v.properties?.metadata) {
    errs.push(forbidden(prop(path, "metadata"), "must not be specified in a nested context"));
  }
}

function structuralCompleteness(
  v: JSONSchemaProps,
  s: JSONSchemaProps | undefined,
  sPath: string,
  vPath: string,
  errs: FieldError[],
  nested: boolean,
): void {
  if (!s) {
    errs.push(required(sPath, `because it is defined in ${vPath}`));
    return;
  }
  const junctors = (x: JSONSchemaProps, xPath: string) => {
    if (x.not) structuralCompleteness(x.not, s, sPath, `${xPath}.not`, errs, true);
    x.allOf?.forEach((a, i) =>
      structuralCompleteness(a, s, sPath, `${xPath}.allOf[${i}]`, errs, true)
    );
    x.anyOf?.forEach((a, i) =>
      structuralCompleteness(a, s, sPath, `${xPath}.anyOf[${i}]`, errs, true)
    );
    x.oneOf?.forEach((a, i) =>
      structuralCompleteness(a, s, sPath, `${xPath}.oneOf[${i}]`, errs, true)
    );
  };
  junctors(v, vPath);
  if (!nested) return;
  if (v.items) {
    structuralCompleteness(v.items, s.items, `${sPath}.items`, `${vPath}.items`, errs, true);
  }
  for (const [k, p] of Object.entries(v.properties ?? {})) {
    const sp = s.properties?.[k];
    if (!sp) errs.push(required(prop(sPath, k), `because it is defined in ${prop(vPath, k)}`));
    else structuralCompleteness(p, sp, prop(sPath, k), prop(vPath, k), errs, true);
  }
}

function structuralErrors(
  schema: JSONSchemaProps,
  path: string,
  cel: CelRuntimeImpl | undefined,
): FieldError[] {
  const errs: FieldError[] = [];
  structuralInvariants(schema, Level.Root, path, cel, errs);
  // Like apiextensions, completeness is only checked for the root's value validations.
  structuralCompleteness(schema, schema, path, path, errs, false);
  const keyed = errs.map((e) => [formatFieldError(e), e] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map(([, e]) => e);
}

// ---- defaults (defaulting/validation.go) ----------------------------------------------------

function coerceError(n: Node, x: unknown, path: string): FieldError | undefined {
  if (isObject(x)) {
    if (n.embedded) {
      for (const k of ["apiVersion", "kind"]) {
        if (Object.hasOwn(x, k) && typeof x[k] !== "string") {
          return invalid(`${path}.${k}`, x[k], "must be a string");
        }
      }
    }
    for (const k of Object.keys(x)) {
      const p = n.properties?.get(k);
      const e = p
        ? coerceError(p, x[k], `${path}.${k}`)
        : typeof n.additional === "object"
        ? coerceError(n.additional, x[k], `${path}[${k}]`)
        : undefined;
      if (e) return e;
    }
  } else if (Array.isArray(x) && n.items) {
    for (let i = 0; i < x.length; i++) {
      const e = coerceError(n.items, x[i], `${path}[${i}]`);
      if (e) return e;
    }
  }
  return undefined;
}

function defaultErrors(
  s: JSONSchemaProps,
  n: Node,
  path: string,
  insideMeta: boolean,
  hasCel: boolean,
  errs: FieldError[],
): void {
  if (n.embedded) insideMeta = false;
  if (s.default !== undefined && !insideMeta) {
    const dp = `${path}.default`;
    const pruned = deepCopy(s.default);
    pruneValue(pruned, n);
    if (!deepEqual(pruned, s.default)) {
      errs.push(invalid(dp, s.default, "must not have unknown fields"));
    }
    const coerce = coerceError(n, s.default, dp);
    let more: FieldError[];
    if (coerce) more = [coerce];
    else {
      more = validateEmbeddedValue(dp, n, s.default);
      if (!more.length) more = validateValue(n, s.default, dp);
      if (!more.length && hasCel && n.subtreeRules) {
        more = validateRules(n, s.default, s.default, dp, { ratchet: false });
      }
    }
    errs.push(...more);
  }
  if (s.items && n.items) {
    defaultErrors(s.items, n.items, `${path}.items`, insideMeta, hasCel, errs);
  }
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const c = n.properties!.get(k)!;
    const meta = insideMeta || (n.resourceRoot && META_FIELDS.has(k));
    defaultErrors(v, c, prop(path, k), meta, hasCel, errs);
  }
}

// ---- OpenAPI schema (apis/apiextensions/validation) -----------------------------------------

interface Ssv {
  allowDefaults: boolean;
  disallowReason: string;
  insideMeta: boolean;
  forbidOldSelf?: string;
}

interface SchemaErrs {
  schema: FieldError[];
  cel: FieldError[];
}

function ssvErrors(s: JSONSchemaProps, path: string, ssv: Ssv): FieldError[] {
  const errs: FieldError[] = [];
  if (s.type && !OPENAPI_TYPES.includes(s.type)) {
    errs.push({
      type: "FieldValueNotSupported",
      field: `${path}.type`,
      badValue: s.type,
      detail: `supported values: ${OPENAPI_TYPES.map((t) => `"${t}"`).join(", ")}`,
    });
  }
  if (s.default !== undefined && !ssv.allowDefaults) {
    const detail = `must not be set${ssv.disallowReason ? ` ${ssv.disallowReason}` : ""}`;
    errs.push(forbidden(`${path}.default`, detail));
  }
  const raw = s as Record<string, unknown>;
  if (raw.id) errs.push(forbidden(`${path}.id`, "id is not supported"));
  if (raw.additionalItems !== undefined) {
    errs.push(forbidden(`${path}.additionalItems`, "additionalItems is not supported"));
  }
  if (!isZero(raw.patternProperties)) {
    errs.push(forbidden(`${path}.patternProperties`, "patternProperties is not supported"));
  }
  if (!isZero(raw.definitions)) {
    errs.push(forbidden(`${path}.definitions`, "definitions is not supported"));
  }
  if (raw.dependencies !== undefined) {
    errs.push(forbidden(`${path}.dependencies`, "dependencies is not supported"));
  }
  if (raw.$ref !== undefined) errs.push(forbidden(`${path}.$ref`, "$ref is not supported"));
  if (s.type === "null") {
    errs.push(
      forbidden(`${path}.type`, "type cannot be set to null, use nullable as an alternative"),
    );
  }
  if (Array.isArray(s.items)) {
    errs.push(forbidden(`${path}.items`, "items must be a schema object and not an array"));
  }
  if (ssv.insideMeta && s["x-kubernetes-embedded-resource"]) {
    errs.push(
      forbidden(
        `${path}.x-kubernetes-embedded-resource`,
        "must not be used inside of resource meta",
      ),
    );
  }
  return errs;
}

function hasNewlines(s: string): boolean {
  return /[\n\r]/.test(s);
}

function ruleValue(rule: ValidationRule, detail: string, field: string): FieldError {
  // The bad value is Go's %#v of the rule struct, which has no JSON rendering: print it raw.
  return invalid(field, new RawValue(goValidationRule(rule)), detail);
}

const MAX_UINT64 = (1n << 64n) - 1n;

interface Ctx {
  nodes: Map<JSONSchemaProps, Node>;
  cel?: CelRuntimeImpl;
  celEnabled: boolean;
  /** apiextensions' `TotalCost`: the estimated cost of every rule of the schema. */
  cost: { total: bigint; mostExpensive: { path: string; cost: bigint }[] };
}

/** `TotalCost.ObserveExpressionCost`: sums, and keeps the (at most 4) rules costing ≥ 1%. */
function observeCost(ctx: Ctx, path: string, cost: bigint): void {
  const sum = ctx.cost.total + cost;
  ctx.cost.total = sum > MAX_UINT64 ? MAX_UINT64 : sum;
  if (cost < STATIC_ESTIMATED_CRD_COST_LIMIT / 100n) return;
  const top = ctx.cost.mostExpensive;
  top.push({ path, cost });
  top.sort((a, b) => (a.cost > b.cost ? -1 : a.cost < b.cost ? 1 : 0));
  if (top.length > 4) top.length = 4;
}

/**
 * apiextensions' `extractMaxElements`: how many times a node's children can occur per
 * occurrence of the node, or `undefined` when unbounded (a list or map without a limit).
 */
function maxElements(s: JSONSchemaProps): bigint | undefined {
  switch (s.type) {
    case "object":
      if (s.additionalProperties === undefined) return 1n;
      return s.maxProperties === undefined ? undefined : BigInt(Math.max(0, s.maxProperties));
    case "array":
      return s.maxItems === undefined ? undefined : BigInt(Math.max(0, s.maxItems));
    default:
      return 1n;
  }
}

/** The cardinality of a child: the parent's times the parent's element bound. */
function childCardinality(parent: JSONSchemaProps, card: bigint | undefined): bigint | undefined {
  const m = card === undefined ? undefined : maxElements(parent);
  return m === undefined ? undefined : multiplyCost(card!, m);
}

function openAPISchema(
  s: JSONSchemaProps,
  path: string,
  ssv: Ssv,
  isRoot: boolean,
  spine: boolean,
  ctx: Ctx,
  card: bigint | undefined,
): SchemaErrs {
  const childCard = childCardinality(s, card);
  const out: SchemaErrs = { schema: [], cel: [] };
  const add = (r: SchemaErrs) => {
    out.schema.push(...r.schema);
    out.cel.push(...r.cel);
  };
  out.schema.push(...ssvErrors(s, path, ssv));
  if (s.uniqueItems) {
    out.schema.push(
      forbidden(
        `${path}.uniqueItems`,
        "uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
      ),
    );
  }
  const propCount = Object.keys(s.properties ?? {}).length;
  if (s.additionalProperties !== undefined) {
    if (propCount !== 0 && s.additionalProperties !== true) {
      out.schema.push(
        forbidden(
          `${path}.additionalProperties`,
          "additionalProperties and properties are mutual exclusive",
        ),
      );
    }
    if (typeof s.additionalProperties === "object") {
      const sub = ssv.insideMeta
        ? {
          ...ssv,
          allowDefaults: false,
          disallowReason: "inside additionalProperties applying to object metadata",
        }
        : ssv;
      add(
        openAPISchema(
          s.additionalProperties,
          `${path}.additionalProperties`,
          sub,
          false,
          spine,
          ctx,
          childCard,
        ),
      );
    }
  }
  const mapType = s["x-kubernetes-map-type"];
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    let sub = ssv;
    if (mapType !== undefined && mapType !== "granular" && mapType !== "atomic") {
      sub = { ...sub, forbidOldSelf: sub.forbidOldSelf ?? path };
    }
    if ((isRoot || s["x-kubernetes-embedded-resource"]) && META_FIELDS.has(k)) {
      sub = { ...sub, insideMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, disallowReason: `in top-level ${k}` };
    }
    add(openAPISchema(v, prop(path, k), sub, false, spine, ctx, childCard));
  }
  if (s.not) add(openAPISchema(s.not, `${path}.not`, ssv, false, false, ctx, undefined));
  s.allOf?.forEach((v, i) =>
    add(openAPISchema(v, `${path}.allOf[${i}]`, ssv, false, false, ctx, undefined))
  );
  s.oneOf?.forEach((v, i) =>
    add(openAPISchema(v, `${path}.oneOf[${i}]`, ssv, false, false, ctx, undefined))
  );
  s.anyOf?.forEach((v, i) =>
    add(openAPISchema(v, `${path}.anyOf[${i}]`, ssv, false, false, ctx, undefined))
  );
  const listType = s["x-kubernetes-list-type"];
  if (s.items) {
    let sub = ssv;
    if (listType !== "map") sub = { ...sub, forbidOldSelf: sub.forbidOldSelf ?? path };
    add(openAPISchema(s.items, `${path}.items`, sub, false, spine, ctx, childCard));
  }
  const preserve = (s as Record<string, unknown>)["x-kubernetes-preserve-unknown-fields"];
  if (preserve === false) {
    out.schema.push(
      invalid(`${path}.x-kubernetes-preserve-unknown-fields`, false, "must be true or undefined"),
    );
  }
  const type = s.type ?? "";
  if (mapType !== undefined && type !== "object") {
    const detail = "must be object if x-kubernetes-map-type is specified";
    out.schema.push(
      type === "" ? required(`${path}.type`, detail) : invalid(`${path}.type`, type, detail),
    );
  }
  if (mapType !== undefined && mapType !== "atomic" && mapType !== "granular") {
    out.schema.push({
      type: "FieldValueNotSupported",
      field: `${path}.x-kubernetes-map-type`,
      badValue: mapType,
      detail: 'supported values: "atomic", "granular"',
    });
  }
  if (listType !== undefined && type !== "array") {
    const detail = "must be array if x-kubernetes-list-type is specified";
    out.schema.push(
      type === "" ? required(`${path}.type`, detail) : invalid(`${path}.type`, type, detail),
    );
  } else if (listType === "set" && s.items) {
    const is = s.items;
    if (
      is.type === "array" && is["x-kubernetes-list-type"] !== undefined &&
      is["x-kubernetes-list-type"] !== "atomic"
    ) {
      out.schema.push(
        invalid(
          `${path}.items.x-kubernetes-list-type`,
          is["x-kubernetes-list-type"],
          "must be atomic as item of a list with x-kubernetes-list-type=set",
        ),
      );
    } else if (is.type === "object" && is["x-kubernetes-map-type"] !== "atomic") {
      out.schema.push(
        invalid(
          `${path}.items.x-kubernetes-map-type`,
          is["x-kubernetes-list-type"] ?? null,
          "must be atomic as item of a list with x-kubernetes-list-type=set",
        ),
      );
    }
  }
  if (listType !== undefined && listType !== "atomic" && listType !== "set" && listType !== "map") {
    out.schema.push({
      type: "FieldValueNotSupported",
      field: `${path}.x-kubernetes-list-type`,
      badValue: listType,
      detail: 'supported values: "atomic", "set", "map"',
    });
  }
  const keys = s["x-kubernetes-list-map-keys"] ?? [];
  if (keys.length > 0) {
    const detail = "must be map if x-kubernetes-list-map-keys is non-empty";
    if (listType === undefined) out.schema.push(required(`${path}.x-kubernetes-list-type`, detail));
    else if (listType !== "map") {
      out.schema.push(invalid(`${path}.x-kubernetes-list-type`, listType, detail));
    }
  }
  if (listType === "map") {
    if (keys.length === 0) {
      out.schema.push(
        required(
          `${path}.x-kubernetes-list-map-keys`,
          "must not be empty if x-kubernetes-list-type is map",
        ),
      );
    }
    if (!s.items) {
      out.schema.push(
        required(`${path}.items`, "must have a schema if x-kubernetes-list-type is map"),
      );
    } else if (s.items.type !== "object") {
      out.schema.push(
        invalid(
          `${path}.items.type`,
          s.items.type ?? "",
          "must be object if parent array's x-kubernetes-list-type is map",
        ),
      );
    } else {
      const seen = new Set<string>();
      for (const k of keys) {
        const p = s.items.properties?.[k];
        if (p) {
          if (p.type === "array" || p.type === "object") {
            out.schema.push(
              invalid(
                `${prop(`${path}.items`, k)}.type`,
                s.items.type,
                "must be a scalar type if parent array's x-kubernetes-list-type is map",
              ),
            );
          }
        } else {
          out.schema.push(
            invalid(
              `${path}.x-kubernetes-list-map-keys`,
              keys,
              "entries must all be names of item properties",
            ),
          );
        }
        if (seen.has(k)) {
          out.schema.push(
            invalid(
              `${path}.x-kubernetes-list-map-keys`,
              keys,
              "must not contain duplicate entries",
            ),
          );
        }
        seen.add(k);
      }
    }
  }
  // validateMapListKeysMapSet
  if (s.items && (listType === "set" || listType === "map")) {
    if (s.items.nullable) {
      out.schema.push(
        forbidden(
          `${path}.items.nullable`,
          `cannot be nullable when x-kubernetes-list-type is ${listType}`,
        ),
      );
    }
    if (listType === "map") {
      const req = new Set(s.items.required ?? []);
      for (const k of keys) {
        const p = s.items.properties?.[k];
        if (!p) continue;
        if (!req.has(k) && p.default === undefined) {
          out.schema.push(
            required(
              `${prop(`${path}.items`, k)}.default`,
              "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
            ),
          );
        }
        if (p.nullable) {
          out.schema.push(
            forbidden(
              `${prop(`${path}.items`, k)}.nullable`,
              "this property is in x-kubernetes-list-map-keys, so it cannot be nullable",
            ),
          );
        }
      }
    }
  }
  const rules = s["x-kubernetes-validations"] ?? [];
  if (rules.length > 0) {
    const vp = `${path}.x-kubernetes-validations`;
    const node = ctx.nodes.get(s);
    rules.forEach((rule, i) => {
      const rp = `${vp}[${i}]`;
      const r = rule.rule ?? "";
      const trimmedMsg = (rule.message ?? "").trim();
      if (r.trim() === "") out.schema.push(required(`${rp}.rule`, "rule is not specified"));
      else if (rule.message !== undefined && rule.message.length > 0 && trimmedMsg === "") {
        out.schema.push(
          invalid(`${rp}.message`, rule.message, "message must be non-empty if specified"),
        );
      } else if (hasNewlines(trimmedMsg)) {
        out.schema.push(
          invalid(`${rp}.message`, rule.message, "message must not contain line breaks"),
        );
      } else if (hasNewlines(r.trim()) && trimmedMsg === "") {
        out.schema.push(
          required(`${rp}.message`, "message must be specified if rule contains line breaks"),
        );
      }
      if (
        rule.messageExpression !== undefined && rule.messageExpression.length > 0 &&
        rule.messageExpression.trim() === ""
      ) {
        out.schema.push(
          required(`${rp}.messageExpression`, "messageExpression must be non-empty if specified"),
        );
      }
      if (rule.reason !== undefined && !VALIDATION_REASONS.includes(rule.reason)) {
        out.schema.push({
          type: "FieldValueNotSupported",
          field: `${rp}.reason`,
          badValue: rule.reason,
          detail: `supported values: ${VALIDATION_REASONS.map((x) => `"${x}"`).join(", ")}`,
        });
      }
      const fp = rule.fieldPath;
      if (fp !== undefined && fp.length > 0 && fp.trim() === "") {
        out.schema.push(invalid(`${rp}.fieldPath`, fp, "fieldPath must be non-empty if specified"));
      }
      if (fp !== undefined && hasNewlines(fp)) {
        out.schema.push(invalid(`${rp}.fieldPath`, fp, "fieldPath must not contain line breaks"));
      }
      if (fp && node && ctx.cel && "error" in ctx.cel.fieldPath(fp, node)) {
        out.schema.push(invalid(`${rp}.fieldPath`, fp, "fieldPath must be a valid path"));
      }
    });
    if (out.schema.length === 0 && ctx.celEnabled && spine && node?.cel) {
      const compiled = node.cel.rules;
      if (compiled[0]?.error?.type === "Internal") {
        out.cel.push(internalFieldError(vp, compiled[0].error.detail));
      } else {
        const cardinality = card ?? node.cel.maxCardinality;
        compiled.forEach((c, i) => {
          const rp = `${vp}[${i}]`;
          // The rule's estimate counts once per occurrence of the node in a request.
          const cost = multiplyCost(c.maxCost ?? 0n, cardinality);
          if (cost > STATIC_ESTIMATED_COST_LIMIT) {
            out.cel.push(
              forbidden(
                `${rp}.rule`,
                costErrorMessage("estimated rule cost", cost, STATIC_ESTIMATED_COST_LIMIT),
              ),
            );
          }
          observeCost(ctx, `${rp}.rule`, cost);
          if (c.error) {
            out.cel.push(
              c.error.type === "Required"
                ? required(`${rp}.rule`, c.error.detail)
                : ruleValue(rules[i], c.error.detail, `${rp}.rule`),
            );
          }
          if (c.messageExpressionError) {
            out.cel.push(
              ruleValue(rules[i], c.messageExpressionError.detail, `${rp}.messageExpression`),
            );
          } else if (c.message) {
            const msgCost = c.messageMaxCost ?? 0n;
            if (msgCost > STATIC_ESTIMATED_COST_LIMIT) {
              out.cel.push(
                forbidden(
                  `${rp}.messageExpression`,
                  costErrorMessage(
                    "estimated messageExpression cost",
                    msgCost,
                    STATIC_ESTIMATED_COST_LIMIT,
                  ),
                ),
              );
            }
            observeCost(ctx, `${rp}.messageExpression`, msgCost);
          }
          if (c.usesOldSelf) {
            if (ssv.forbidOldSelf !== undefined) {
              out.cel.push(
                invalid(
                  `${rp}.rule`,
                  rules[i].rule,
                  `oldSelf cannot be used on the uncorrelatable portion of the schema within ${ssv.forbidOldSelf}`,
                ),
              );
            }
          } else if (rules[i].optionalOldSelf !== undefined) {
            out.cel.push(
              invalid(
                `${rp}.optionalOldSelf`,
                rules[i].optionalOldSelf,
                "may not be set if oldSelf is not used in rule",
              ),
            );
          }
        });
      }
    }
  }
  return out;
}

/**
 * Checks a CustomResourceDefinition schema as the API server does when the CRD is created:
 * structural invariants, defaults (pruned and valid), the allowed OpenAPI subset, list and map
 * extensions, and that every `x-kubernetes-validations` rule compiles and stays within the
 * estimated cost budgets (10,000,000 per rule and occurrence, 100,000,000 per schema).
 *
 * @param schema The `openAPIV3Schema`.
 * @param options The path prefix of errors and the CEL runtime.
 * @returns The field errors; empty when the schema is acceptable.
 * @throws {TypeError} When the schema has rules and no CEL runtime is given.
 *
 * @example Reject an untyped field and a misspelt rule
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, loadCel, validateStructuralSchema } from "@k1s/core";
 * const errs = validateStructuralSchema({
 *   type: "object",
 *   properties: { spec: { type: "object", properties: { size: {} } } },
 * });
 * assertEquals(errs.map(formatFieldError), [
 *   "spec.validation.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields",
 * ]);
 * const cel = await loadCel();
 * const bad = validateStructuralSchema({
 *   type: "object",
 *   properties: {
 *     spec: {
 *       type: "object",
 *       properties: { size: { type: "integer" } },
 *       "x-kubernetes-validations": [{ rule: "self.sise > 0" }],
 *     },
 *   },
 * }, { cel, path: "spec.versions[0].schema.openAPIV3Schema" });
 * assertEquals(bad.length, 1);
 * assertEquals(
 *   bad[0].field,
 *   "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule",
 * );
 * ```
 */
export function validateStructuralSchema(
  schema: JSONSchemaProps,
  options: ValidateStructuralSchemaOptions = {},
): FieldError[] {
  const path = options.path ?? "spec.validation.openAPIV3Schema";
  const cel = options.cel as CelRuntimeImpl | undefined;
  if (!cel && schemaHasRules(schema)) {
    throw new TypeError(
      "Cannot validate a schema with x-kubernetes-validations without the CEL runtime: pass `cel: await loadCel()`",
    );
  }
  const errs: FieldError[] = [];
  if (schema.nullable) {
    errs.push(forbidden(`${path}.nullable`, "nullable cannot be true at the root"));
  }
  const root = compileNode(schema, true, cel ? (p) => cel.re2(p) : undefined);
  const nodes = new Map<JSONSchemaProps, Node>();
  walkNodes(root, (n) => nodes.set(n.s, n));
  const structural = structuralErrors(schema, path, cel);
  let celEnabled = false;
  if (structural.length) errs.push(...structural);
  else {
    if (cel && root.subtreeRules) cel.compileTree(root);
    const d: FieldError[] = [];
    defaultErrors(schema, root, path, false, cel !== undefined, d);
    if (d.length) errs.push(...d);
    else celEnabled = true;
  }
  const ctx: Ctx = { nodes, cel, celEnabled, cost: { total: 0n, mostExpensive: [] } };
  const res = openAPISchema(
    schema,
    path,
    { allowDefaults: true, disallowReason: "", insideMeta: false },
    true,
    true,
    ctx,
    1n,
  );
  errs.push(...res.schema, ...res.cel);
  if (ctx.cost.total > STATIC_ESTIMATED_CRD_COST_LIMIT) {
    for (const e of ctx.cost.mostExpensive) {
      errs.push(
        forbidden(
          e.path,
          "contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema",
        ),
      );
    }
    errs.push(
      forbidden(
        path,
        costErrorMessage(
          "x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema",
          ctx.cost.total,
          STATIC_ESTIMATED_CRD_COST_LIMIT,
        ),
      ),
    );
  }
  return errs;
}
