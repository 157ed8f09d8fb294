// Copyright 2026 the k1s authors. Apache-2.0 license.
// Unknown fields inside a CRD's `openAPIV3Schema`. Its schema is recursive (JSONSchemaProps),
// which a finite OpenAPI schema cannot express, so the CRD's own schema preserves it and this
// walker reports and drops what `JSONSchemaProps` does not have, as strict decoding would.
import type { KubeObject } from "../object/types.ts";

const SCHEMA_KEYS = new Set([
  "id",
  "$schema",
  "$ref",
  "description",
  "type",
  "format",
  "title",
  "default",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "multipleOf",
  "enum",
  "maxProperties",
  "minProperties",
  "required",
  "items",
  "allOf",
  "oneOf",
  "anyOf",
  "not",
  "properties",
  "additionalProperties",
  "patternProperties",
  "dependencies",
  "additionalItems",
  "definitions",
  "externalDocs",
  "example",
  "nullable",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-int-or-string",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-list-type",
  "x-kubernetes-map-type",
  "x-kubernetes-validations",
]);
const RULE_KEYS = new Set([
  "rule",
  "message",
  "messageExpression",
  "reason",
  "fieldPath",
  "optionalOldSelf",
]);
const DOCS_KEYS = new Set(["description", "url"]);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Checks (out absent) or prunes (out given) one struct; true when something is unknown. */
function keys(
  x: Record<string, unknown>,
  known: Set<string>,
  path: string,
  out?: string[],
): boolean {
  let found = false;
  for (const k in x) {
    if (known.has(k)) continue;
    if (!out) return true;
    found = true;
    out.push(`${path}.${k}`);
    delete x[k];
  }
  return found;
}

function walk(s: unknown, path: string, out?: string[]): boolean {
  if (!isRecord(s)) return false;
  let found = keys(s, SCHEMA_KEYS, path, out);
  if (found && !out) return true;
  const sub = (v: unknown, p: string) => {
    if (walk(v, p, out)) found = true;
    return found && !out;
  };
  for (const m of ["properties", "patternProperties", "definitions", "dependencies"]) {
    const map = s[m];
    if (!isRecord(map)) continue;
    for (const k in map) if (sub(map[k], `${path}.${m}.${k}`)) return true;
  }
  if (Array.isArray(s.items)) {
    for (let i = 0; i < s.items.length; i++) {
      if (sub(s.items[i], `${path}.items[${i}]`)) return true;
    }
  } else if (sub(s.items, `${path}.items`)) return true;
  for (const k of ["additionalProperties", "additionalItems", "not"]) {
    if (sub(s[k], `${path}.${k}`)) return true;
  }
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    const list = s[k];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) if (sub(list[i], `${path}.${k}[${i}]`)) return true;
  }
  if (isRecord(s.externalDocs) && keys(s.externalDocs, DOCS_KEYS, `${path}.externalDocs`, out)) {
    found = true;
    if (!out) return true;
  }
  const rules = s["x-kubernetes-validations"];
  if (Array.isArray(rules)) {
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (isRecord(r) && keys(r, RULE_KEYS, `${path}.x-kubernetes-validations[${i}]`, out)) {
        found = true;
        if (!out) return true;
      }
    }
  }
  return found;
}

function schemas(crd: KubeObject): [unknown, string][] {
  const versions = (crd.spec as { versions?: unknown } | undefined)?.versions;
  if (!Array.isArray(versions)) return [];
  const out: [unknown, string][] = [];
  versions.forEach((v, i) => {
    const schema = isRecord(v) && isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined;
    if (schema !== undefined) out.push([schema, `spec.versions[${i}].schema.openAPIV3Schema`]);
  });
  return out;
}

/** Whether some version's `openAPIV3Schema` has a key JSONSchemaProps does not have. */
export function schemaPropsMayHaveUnknown(crd: KubeObject): boolean {
  for (const [s, p] of schemas(crd)) if (walk(s, p)) return true;
  return false;
}

/** Drops the keys JSONSchemaProps does not have from every version's schema, reporting them. */
export function pruneSchemaProps(crd: KubeObject, out: string[]): void {
  for (const [s, p] of schemas(crd)) walk(s, p, out);
}
