// Copyright 2026 the k1s authors. Apache-2.0 license.
// Pruning as apiextensions' decoder does it: unknown fields are dropped (structural pruning,
// `pruning.PruneWithOptions`), embedded resources' metadata is reduced to ObjectMeta fields
// (`objectmeta.Coerce`) and nulls of non-nullable fields without a default are removed
// (`PruneNonNullableNullsWithoutDefaults`). Root metadata is left to the object codec.
import { isObject, type Node } from "./_node.ts";
import {
  MANAGED_FIELDS_FIELDS,
  OBJECT_META_FIELDS,
  OWNER_REFERENCE_FIELDS,
} from "../object/_meta_fields.ts";

const META_FIELDS = new Set(["apiVersion", "kind", "metadata"]);

/** Fields that `omitempty` drops when they hold their zero value. */
const OMIT_EMPTY = new Set([
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
]);

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function prune(x: unknown, n: Node | undefined, path: string, out: string[]): void {
  if (n?.preserveUnknown) {
    skipPrune(x, n, path, out);
    return;
  }
  if (isObject(x)) {
    if (!n) {
      for (const k of Object.keys(x)) {
        out.push(join(path, k));
        delete x[k];
      }
      return;
    }
    const add = n.additional;
    for (const k of Object.keys(x)) {
      if (n.resourceRoot && META_FIELDS.has(k)) continue;
      const p = n.properties?.get(k);
      if (p) {
        prune(x[k], p, join(path, k), out);
      } else if (add !== undefined && add !== false) {
        prune(x[k], typeof add === "object" ? add : undefined, join(path, k), out);
      } else {
        if (!META_FIELDS.has(k) || path !== "") out.push(join(path, k));
        delete x[k];
      }
    }
  } else if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) prune(x[i], n?.items, `${path}[${i}]`, out);
  }
}

function skipPrune(x: unknown, n: Node, path: string, out: string[]): void {
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      if (n.resourceRoot && META_FIELDS.has(k)) continue;
      const p = n.properties?.get(k);
      if (p) prune(x[k], p, join(path, k), out);
      else if (typeof n.additional === "object") prune(x[k], n.additional, join(path, k), out);
    }
  } else if (Array.isArray(x) && n.items) {
    for (let i = 0; i < x.length; i++) skipPrune(x[i], n.items, `${path}[${i}]`, out);
  }
}

function pruneEntries(
  list: unknown,
  known: ReadonlySet<string>,
  path: string,
  out: string[],
): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (!isObject(item)) return;
    for (const k of Object.keys(item)) {
      if (!known.has(k)) {
        out.push(`${path}[${i}].${k}`);
        delete item[k];
      }
    }
  });
}

/** Drops the fields ObjectMeta does not have, reporting them, as strict decoding does. */
function pruneUnknownMeta(meta: Record<string, unknown>, path: string, out: string[]): void {
  for (const k of Object.keys(meta)) {
    if (!OBJECT_META_FIELDS.has(k)) {
      out.push(join(path, k));
      delete meta[k];
    }
  }
  pruneEntries(meta.ownerReferences, OWNER_REFERENCE_FIELDS, join(path, "ownerReferences"), out);
  pruneEntries(meta.managedFields, MANAGED_FIELDS_FIELDS, join(path, "managedFields"), out);
}

function isZero(v: unknown): boolean {
  if (v === null || v === undefined || v === "" || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

/**
 * Reduces an embedded resource's metadata to ObjectMeta's fields, as the round trip through
 * `metav1.ObjectMeta` does: unknown fields are dropped (and reported), empty values of
 * `omitempty` fields and a null `creationTimestamp` disappear.
 */
export function pruneObjectMeta(meta: unknown, path: string, out: string[]): void {
  if (!isObject(meta)) return;
  pruneUnknownMeta(meta, path, out);
  for (const k of Object.keys(meta)) {
    if (OMIT_EMPTY.has(k) && isZero(meta[k])) {
      delete meta[k];
    } else if (
      (k === "creationTimestamp" || k === "deletionTimestamp" ||
        k === "deletionGracePeriodSeconds") && meta[k] === null
    ) {
      delete meta[k];
    }
  }
}

function coerceEmbedded(x: unknown, n: Node, path: string, out: string[]): void {
  if (isObject(x)) {
    if (n.embedded && Object.hasOwn(x, "metadata")) {
      pruneObjectMeta(x.metadata, join(path, "metadata"), out);
    }
    for (const k of Object.keys(x)) {
      const p = n.properties?.get(k);
      if (p) {
        if (p.subtreeEmbedded) coerceEmbedded(x[k], p, join(path, k), out);
      } else if (typeof n.additional === "object" && n.additional.subtreeEmbedded) {
        coerceEmbedded(x[k], n.additional, join(path, k), out);
      }
    }
  } else if (Array.isArray(x) && n.items?.subtreeEmbedded) {
    for (let i = 0; i < x.length; i++) coerceEmbedded(x[i], n.items, `${path}[${i}]`, out);
  }
}

function fieldNode(n: Node | undefined, k: string): Node | undefined {
  if (!n) return undefined;
  const p = n.properties?.get(k);
  if (p) return p;
  return typeof n.additional === "object" ? n.additional : undefined;
}

/** Removes nulls of non-nullable fields that have no default. */
export function pruneNulls(x: unknown, n: Node | undefined): void {
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      const s = fieldNode(n, k);
      const v = x[k];
      if (v === null && s && !s.nullable && !s.hasDefault) delete x[k];
      else if (typeof v === "object" && v !== null) pruneNulls(v, s);
    }
  } else if (Array.isArray(x)) {
    const items = n?.items;
    for (const v of x) if (typeof v === "object" && v !== null) pruneNulls(v, items);
  }
}

/**
 * Prunes `obj` (a whole object) in place and returns the dropped paths in Kubernetes' order:
 * root metadata (when `metadata`), the schema's unknown fields sorted, embedded metadata.
 */
export function pruneObject(obj: unknown, root: Node, metadata = true): string[] {
  const out: string[] = [];
  if (metadata && isObject(obj) && isObject(obj.metadata)) {
    pruneUnknownMeta(obj.metadata, "metadata", out);
  }
  const fields: string[] = [];
  prune(obj, root, "", fields);
  fields.sort();
  out.push(...fields);
  if (root.subtreeEmbedded) {
    const meta: string[] = [];
    coerceEmbedded(obj, { ...root, embedded: false }, "", meta);
    out.push(...meta);
  }
  pruneNulls(obj, root);
  return out;
}

/** Prunes a value (not a whole object, e.g. a default) in place against a node. */
export function pruneValue(x: unknown, n: Node): string[] {
  const out: string[] = [];
  prune(x, n, "", out);
  return out;
}
