// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Schema navigation for the patch algorithms. A missing schema (or a subtree under
 * `x-kubernetes-preserve-unknown-fields`) behaves as structured-merge-diff's deduced type: maps are
 * granular, lists atomic. `metadata` at the root always gets `ObjectMeta` semantics, since the
 * apiserver merges `ObjectMeta` into every kind's schema, custom resources included.
 *
 * @module
 */
import type { JSONSchemaProps } from "../schema/types.ts";

/** A schema node, or `undefined` for "untyped": granular maps, atomic lists. */
export type Schema = JSONSchemaProps | undefined;

const OWNER_REFERENCE: JSONSchemaProps = {
  type: "object",
  "x-kubernetes-map-type": "atomic",
  properties: {
    apiVersion: { type: "string" },
    kind: { type: "string" },
    name: { type: "string" },
    uid: { type: "string" },
    controller: { type: "boolean" },
    blockOwnerDeletion: { type: "boolean" },
  },
};

/** `metav1.ObjectMeta` with the list and patch extensions Kubernetes publishes for it. */
export const OBJECT_META_SCHEMA: JSONSchemaProps = {
  type: "object",
  properties: {
    name: { type: "string" },
    generateName: { type: "string" },
    namespace: { type: "string" },
    selfLink: { type: "string" },
    uid: { type: "string" },
    resourceVersion: { type: "string" },
    generation: { type: "integer" },
    creationTimestamp: { type: "string", format: "date-time" },
    deletionTimestamp: { type: "string", format: "date-time" },
    deletionGracePeriodSeconds: { type: "integer" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
    ownerReferences: {
      type: "array",
      items: OWNER_REFERENCE,
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["uid"],
      "x-kubernetes-patch-merge-key": "uid",
      "x-kubernetes-patch-strategy": "merge",
    },
    finalizers: {
      type: "array",
      items: { type: "string" },
      "x-kubernetes-list-type": "set",
      "x-kubernetes-patch-strategy": "merge",
    },
    managedFields: {
      type: "array",
      items: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      "x-kubernetes-list-type": "atomic",
    },
  },
};

const DEDUCED_ROOT: JSONSchemaProps = {
  type: "object",
  "x-kubernetes-preserve-unknown-fields": true,
  properties: { metadata: OBJECT_META_SCHEMA },
};

const roots = new WeakMap<JSONSchemaProps, JSONSchemaProps>();
const resolved = new WeakMap<JSONSchemaProps, JSONSchemaProps>();

/** Whether a metadata schema already describes ObjectMeta (as built-in schemas do). */
function isFullObjectMeta(s: JSONSchemaProps | undefined): boolean {
  const p = s && resolveSchema(s)?.properties;
  return !!p && !!(p.ownerReferences || p.finalizers || p.labels);
}

/**
 * The schema of a whole object: the kind's schema with `metadata` described as ObjectMeta.
 *
 * @param s The kind's schema, if any.
 * @returns A schema for the object's root.
 */
export function rootSchema(s: Schema): JSONSchemaProps {
  if (!s) return DEDUCED_ROOT;
  let r = roots.get(s);
  if (r) return r;
  const base = resolveSchema(s)!;
  r = isFullObjectMeta(base.properties?.metadata)
    ? base
    : { ...base, properties: { ...base.properties, metadata: OBJECT_META_SCHEMA } };
  roots.set(s, r);
  return r;
}

/** Flattens `allOf` wrappers (how OpenAPI v3 attaches defaults and descriptions to references). */
export function resolveSchema(s: Schema): Schema {
  if (!s || !s.allOf || s.allOf.length === 0) return s;
  let r = resolved.get(s);
  if (r) return r;
  r = {};
  for (const part of s.allOf) Object.assign(r, resolveSchema(part));
  const { allOf: _, ...own } = s;
  r = { ...r, ...own };
  if (s.allOf.some((p) => p.properties)) {
    r.properties = Object.assign(
      {},
      ...s.allOf.map((p) => resolveSchema(p)?.properties ?? {}),
      s.properties,
    );
  }
  resolved.set(s, r);
  return r;
}

/**
 * The schema of `key` inside an object schema, and whether `key` is a declared field (a "named
 * field" in structured-merge-diff terms) rather than a map entry.
 */
export function fieldSchema(s: Schema, key: string): [Schema, boolean] {
  if (!s) return [undefined, false];
  const p = s.properties?.[key];
  if (p) return [resolveSchema(p), true];
  // Without a schema, top-level fields are still a kind's declared fields, never map entries.
  if (s === DEDUCED_ROOT) return [undefined, true];
  const ap = s.additionalProperties;
  if (ap && typeof ap === "object") return [resolveSchema(ap), false];
  return [undefined, false];
}

/** The schema of a list's items. */
export function itemSchema(s: Schema): Schema {
  return s?.items ? resolveSchema(s.items) : undefined;
}

/** How server-side apply treats a list. */
export interface ListType {
  /** `atomic`: one value; `set`: items are their own keys; `map`: items keyed by `keys`. */
  type: "atomic" | "set" | "map";
  /** The key fields of a `map` list. */
  keys: readonly string[];
}

const ATOMIC: ListType = { type: "atomic", keys: [] };
const SET: ListType = { type: "set", keys: [] };
const listTypes = new WeakMap<JSONSchemaProps, ListType>();

/**
 * The list type, as kube-openapi's schema converter derives it: `x-kubernetes-list-type` first,
 * then a merge patch strategy with a merge key, else atomic.
 */
export function listType(s: Schema): ListType {
  if (!s) return ATOMIC;
  let t = listTypes.get(s);
  if (t) return t;
  const lt = s["x-kubernetes-list-type"];
  if (lt === "set") t = SET;
  else if (lt === "map") {
    const keys = s["x-kubernetes-list-map-keys"];
    t = keys && keys.length ? { type: "map", keys: [...keys].sort() } : ATOMIC;
  } else if (lt === undefined) {
    const strategy = s["x-kubernetes-patch-strategy"];
    const key = s["x-kubernetes-patch-merge-key"];
    t = (strategy === "merge" || strategy === "merge,retainKeys") && key
      ? { type: "map", keys: [key] }
      : ATOMIC;
  } else t = ATOMIC;
  listTypes.set(s, t);
  return t;
}

/** Whether an object value under `s` is owned as a whole (`x-kubernetes-map-type: atomic`). */
export function isAtomicMap(s: Schema): boolean {
  return s?.["x-kubernetes-map-type"] === "atomic";
}
