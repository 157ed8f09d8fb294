// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Schema-aware walks over objects, after structured-merge-diff's `typed` package: the field set
 * an object sets (`ToFieldSet`), the difference between two objects (`Compare`), server-side
 * apply's merge (`Merge`), and removal of fields (`RemoveItems`).
 *
 * @module
 */
import {
  fieldSchema,
  isAtomicMap,
  itemSchema,
  type ListType,
  listType,
  resolveSchema,
  type Schema,
} from "./_schema.ts";
import { formatPath, insert, newNode, type SNode } from "./_set.ts";
import { cloneJson, deepEqual, goJson, isObject, type JsonObject, own, setKey } from "./_util.ts";

/** An object that does not fit its schema's list rules (a missing or duplicate key). */
export class TypedError extends Error {
  constructor(path: readonly string[], message: string) {
    super(`${path.length ? formatPath(path) : "."}: ${message}`);
    this.name = "TypedError";
  }
}

const LEAF = 0, MAP = 1, LIST = 2;
type Kind = typeof LEAF | typeof MAP | typeof LIST;

/** How a value is tracked: a leaf (scalar, atomic map or list), a granular map, or an associative list. */
function kindOf(v: unknown, s: Schema): Kind {
  if (Array.isArray(v)) return listType(s).type === "atomic" ? LEAF : LIST;
  if (isObject(v)) return isAtomicMap(s) ? LEAF : MAP;
  return LEAF;
}

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) {
    for (const _ in v) return false;
    return true;
  }
  return false;
}

/** The serialized path element of a list item: `k:{...}` for map lists, `v:...` for sets. */
function itemPE(
  item: unknown,
  t: ListType,
  items: Schema,
  i: number,
  path: readonly string[],
): string {
  if (t.type === "set") {
    if (isObject(item)) {
      throw new TypedError(
        path,
        `element ${i}: associative list without keys has an element that's a map type`,
      );
    }
    if (Array.isArray(item)) {
      throw new TypedError(
        path,
        `element ${i}: associative list without keys has an element that's a list type`,
      );
    }
    return `v:${goJson(item)}`;
  }
  if (!isObject(item)) {
    throw new TypedError(
      path,
      `element ${i}: associative list with keys may not have non-map elements`,
    );
  }
  const key: JsonObject = {};
  for (const k of t.keys) {
    let v = own(item, k);
    if (v === undefined || v === null) {
      v = resolveSchema(items)?.properties?.[k]?.default;
      if (v === undefined) {
        throw new TypedError(
          path,
          `element ${i}: associative list with keys has an element that omits key field ${
            JSON.stringify(k)
          } (and doesn't have default value)`,
        );
      }
    }
    key[k] = v;
  }
  return `k:${goJson(key)}`;
}

/**
 * Indexes list items by path element, in order; repeated elements keep their first item.
 * `strict` rejects repeats, as apply configurations must not have them.
 */
function indexItems(
  list: readonly unknown[],
  s: Schema,
  path: string[],
  strict: boolean,
): [string[], Map<string, unknown>] {
  const t = listType(s), items = itemSchema(s);
  const order: string[] = [];
  const byPE = new Map<string, unknown>();
  for (let i = 0; i < list.length; i++) {
    const pe = itemPE(list[i], t, items, i, path);
    if (byPE.has(pe)) {
      if (strict) throw new TypedError(path, `duplicate entries for key ${formatPath([pe])}`);
      continue;
    }
    byPE.set(pe, list[i]);
    order.push(pe);
  }
  return [order, byPE];
}

// ---------------------------------------------------------------------------------------------

/**
 * The fields an object sets, as server-side apply records an applier's ownership: leaves, list
 * items, map entries that are not declared fields, and declared fields set to null or `{}`.
 */
export function toFieldSet(value: unknown, s: Schema, strict: boolean): SNode {
  const root = newNode();
  fieldSetOf(value, s, [], root, strict);
  return root;
}

function fieldSetOf(v: unknown, s: Schema, path: string[], out: SNode, strict: boolean): void {
  switch (kindOf(v, s)) {
    case LEAF:
      insert(out, path);
      return;
    case MAP: {
      const o = v as JsonObject;
      const rs = resolveSchema(s);
      for (const k in o) {
        const cv = o[k];
        if (cv === undefined) continue;
        const [cs, named] = fieldSchema(rs, k);
        path.push(`f:${k}`);
        fieldSetOf(cv, cs, path, out, strict);
        if (!named || cv === null || (isObject(cv) && isEmptyValue(cv))) insert(out, path);
        path.pop();
      }
      return;
    }
    default: {
      const [order, byPE] = indexItems(v as unknown[], s, path, strict);
      const items = itemSchema(s);
      for (const pe of order) {
        path.push(pe);
        fieldSetOf(byPE.get(pe), items, path, out, strict);
        insert(out, path);
        path.pop();
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** The result of {@linkcode compare}: fields `rhs` added, changed, and removed relative to `lhs`. */
export interface Comparison {
  /** Fields only in `rhs`. */
  added: SNode;
  /** Fields in both, with different values. */
  modified: SNode;
  /** Fields only in `lhs`. */
  removed: SNode;
}

/** Compares two objects field by field; containers that appear or vanish count as fields too. */
export function compare(lhs: unknown, rhs: unknown, s: Schema): Comparison {
  const c: Comparison = { added: newNode(), modified: newNode(), removed: newNode() };
  cmp(lhs, rhs, s, [], c);
  return c;
}

function leaf(l: unknown, r: unknown, path: string[], c: Comparison): void {
  if (l === undefined) insert(c.added, path);
  else if (r === undefined) insert(c.removed, path);
  else if (!deepEqual(l, r)) insert(c.modified, path);
}

function cmp(l: unknown, r: unknown, s: Schema, path: string[], c: Comparison): void {
  const kl = l === undefined || l === null ? -1 : kindOf(l, s);
  const kr = r === undefined || r === null ? -1 : kindOf(r, s);
  // null stands for an empty value of whatever kind the other side has.
  const k = kl === -1 ? (kr === -1 ? LEAF : kr) : kr === -1 ? kl : kl;
  if (kl !== -1 && kr !== -1 && kl !== kr) {
    // Both shapes are visited, each against nothing, and the field itself changed.
    if (kl !== LEAF) children(l, undefined, kl, s, path, c);
    if (kr !== LEAF) children(undefined, r, kr, s, path, c);
    leaf(l, r, path, c);
    return;
  }
  if (k === LEAF || (isEmptyValue(l) && isEmptyValue(r))) {
    leaf(l, r, path, c);
    return;
  }
  children(l, r, k, s, path, c);
  if (path.length === 0) return;
  if (l === undefined) insert(c.added, path);
  else if (r === undefined) insert(c.removed, path);
}

function children(l: unknown, r: unknown, k: Kind, s: Schema, path: string[], c: Comparison): void {
  if (k === MAP) {
    const lo = isObject(l) ? l : undefined, ro = isObject(r) ? r : undefined;
    const rs = resolveSchema(s);
    if (lo) {
      for (const key in lo) {
        if (lo[key] === undefined) continue;
        path.push(`f:${key}`);
        cmp(lo[key], ro ? own(ro, key) : undefined, fieldSchema(rs, key)[0], path, c);
        path.pop();
      }
    }
    if (ro) {
      for (const key in ro) {
        if (ro[key] === undefined || (lo && own(lo, key) !== undefined)) continue;
        path.push(`f:${key}`);
        cmp(undefined, ro[key], fieldSchema(rs, key)[0], path, c);
        path.pop();
      }
    }
    return;
  }
  const items = itemSchema(s);
  const [lOrder, lBy] = Array.isArray(l)
    ? indexItems(l, s, path, false)
    : [[], new Map<string, unknown>()];
  const [rOrder, rBy] = Array.isArray(r)
    ? indexItems(r, s, path, false)
    : [[], new Map<string, unknown>()];
  for (const pe of lOrder) {
    path.push(pe);
    cmp(lBy.get(pe), rBy.get(pe), items, path, c);
    path.pop();
  }
  for (const pe of rOrder) {
    if (lBy.has(pe)) continue;
    path.push(pe);
    cmp(undefined, rBy.get(pe), items, path, c);
    path.pop();
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Server-side apply's merge of a configuration into the live object: configured leaves win,
 * granular maps merge, associative lists merge item by item keeping the live order for items the
 * configuration does not reorder. Returns a new value.
 */
export function mergeApplied(live: unknown, config: unknown, s: Schema): unknown {
  return mrg(live, config, s, []);
}

function mrg(l: unknown, r: unknown, s: Schema, path: string[]): unknown {
  if (r === undefined) return cloneJson(l);
  if (l === undefined || l === null) return cloneJson(r);
  const kl = kindOf(l, s);
  if (r === null) {
    // A null configuration is an empty container to a granular one: the live content stays.
    return kl !== LEAF && !isEmptyValue(l) ? cloneJson(l) : null;
  }
  const kr = kindOf(r, s);
  if (kl !== kr || kl === LEAF || (isEmptyValue(l) && isEmptyValue(r))) return cloneJson(r);
  if (kl === MAP) {
    const lo = l as JsonObject, ro = r as JsonObject;
    const rs = resolveSchema(s);
    const out: JsonObject = {};
    for (const k in lo) {
      if (lo[k] === undefined) continue;
      path.push(`f:${k}`);
      setKey(out, k, mrg(lo[k], own(ro, k), fieldSchema(rs, k)[0], path));
      path.pop();
    }
    for (const k in ro) {
      if (ro[k] === undefined || own(lo, k) !== undefined) continue;
      setKey(out, k, cloneJson(ro[k]));
    }
    return out;
  }
  return mergeLists(l as unknown[], r as unknown[], s, path);
}

/** structured-merge-diff's list merge order: live order, with configured items in config order. */
function mergeLists(l: unknown[], r: unknown[], s: Schema, path: string[]): unknown[] {
  const items = itemSchema(s);
  const [rOrder, rBy] = indexItems(r, s, path, false);
  const [lOrder, lBy] = indexItems(l, s, path, false);
  const shared = rOrder.filter((pe) => lBy.has(pe));
  let si = 0;
  let nextShared: string | undefined = shared[si++];
  const out: unknown[] = [];
  const take = (pe: string, lv: unknown, rv: unknown) => {
    path.push(pe);
    const v = mrg(lv, rv, items, path);
    path.pop();
    if (v !== undefined) out.push(v);
  };
  let li = 0, ri = 0;
  while (li < lOrder.length || ri < rOrder.length) {
    if (li < lOrder.length && ri < rOrder.length) {
      const pe = lOrder[li]!;
      if (pe === rOrder[ri]) {
        take(pe, lBy.get(pe), rBy.get(pe));
        li++;
        ri++;
        nextShared = shared[si++];
        continue;
      }
      if (rBy.has(pe) && nextShared !== undefined && nextShared !== pe) {
        li++;
        continue;
      }
    }
    if (li < lOrder.length) {
      const pe = lOrder[li]!;
      if (!rBy.has(pe)) {
        take(pe, lBy.get(pe), undefined);
        li++;
        continue;
      }
    }
    if (ri < rOrder.length) {
      const pe = rOrder[ri]!;
      take(pe, lBy.get(pe), rBy.get(pe));
      ri++;
      if (nextShared === pe) nextShared = shared[si++];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Marks a container emptied by {@linkcode removeItems}, which then drops its key. */
const EMPTIED: unique symbol = Symbol("emptied");

/** A copy of `value` without the members of `set` (whole subtrees). */
export function removeItems(value: unknown, set: SNode, s: Schema): unknown {
  const v = rm(value, set, s);
  return v === EMPTIED ? (isObject(value) ? {} : value) : v;
}

function rm(v: unknown, n: SNode, s: Schema): unknown {
  if (!n.c || n.c.size === 0) return v;
  const k = kindOf(v, s);
  if (k === LEAF) return v;
  if (isEmptyValue(v)) return EMPTIED;
  if (k === MAP) {
    const o = v as JsonObject;
    const rs = resolveSchema(s);
    const out: JsonObject = {};
    for (const key in o) {
      if (o[key] === undefined) continue;
      const child = n.c.get(`f:${key}`);
      if (child?.m) continue;
      if (child?.c) {
        const x = rm(o[key], child, fieldSchema(rs, key)[0]);
        if (x !== EMPTIED) setKey(out, key, x);
      } else {
        setKey(out, key, o[key]);
      }
    }
    return isEmptyValue(out) ? EMPTIED : out;
  }
  const list = v as unknown[];
  const t = listType(s), items = itemSchema(s);
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const child = n.c.get(itemPE(item, t, items, i, []));
    if (child?.m) continue;
    if (child?.c) {
      const x = rm(item, child, items);
      if (x !== EMPTIED) out.push(x);
    } else {
      out.push(item);
    }
  }
  return out.length === 0 ? EMPTIED : out;
}

/**
 * `EnsureNamedFieldsAreMembers`: a copy of `set` where declared fields with owned descendants are
 * members too, so pruning can remove a struct whose fields all went.
 */
export function ensureNamedFieldsAreMembers(set: SNode, s: Schema): SNode {
  if (!set.c) return set;
  const rs = resolveSchema(s);
  const items = itemSchema(rs);
  const c = new Map<string, SNode>();
  for (const [pe, child] of set.c) {
    if (pe.startsWith("f:")) {
      const [cs, named] = fieldSchema(rs, pe.slice(2));
      const e = ensureNamedFieldsAreMembers(child, cs);
      c.set(pe, named && !e.m ? { m: true, c: e.c } : e);
    } else {
      c.set(pe, ensureNamedFieldsAreMembers(child, items));
    }
  }
  return { m: set.m, c };
}

// ---------------------------------------------------------------------------------------------

/** Metadata fields never owned (the stripped set); `metadata` itself is not a member either. */
const SERVER_META = new Set([
  "name",
  "namespace",
  "creationTimestamp",
  "selfLink",
  "uid",
  "clusterName",
  "generation",
  "managedFields",
  "resourceVersion",
]);

/**
 * The FieldsV1 of everything in a new object, as `compare(undefined, obj)` minus the stripped
 * metadata would give, built directly: creates are the hot path.
 */
export function addedFieldsV1(
  obj: JsonObject,
  s: Schema,
  ignored: readonly string[] | undefined,
): Record<string, unknown> | undefined {
  const rs = resolveSchema(s);
  const keys = Object.keys(obj).sort();
  let out: Record<string, unknown> | undefined;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined || k === "apiVersion" || k === "kind" || ignored?.includes(k)) continue;
    const cs = fieldSchema(rs, k)[0];
    let node: Record<string, unknown> | undefined;
    if (k === "metadata" && isObject(v)) {
      node = addedChildren(v, cs, SERVER_META);
    } else {
      node = added(v, cs, [`f:${k}`]);
    }
    if (node) (out ??= {})[`f:${k}`] = node;
  }
  return out;
}

/** The FieldsV1 node of an added value: a member, with its own fields below when granular. */
function added(v: unknown, s: Schema, path: string[]): Record<string, unknown> {
  const k = kindOf(v, s);
  if (k === LEAF || isEmptyValue(v)) return {};
  if (k === MAP) {
    const node: Record<string, unknown> = { ".": {} };
    return addedChildren(v as JsonObject, s, undefined, node) ?? node;
  }
  const [order, byPE] = indexItems(v as unknown[], s, path, false);
  const items = itemSchema(s);
  const node: Record<string, unknown> = { ".": {} };
  for (const pe of order.length > 1 ? [...order].sort() : order) {
    path.push(pe);
    node[pe] = added(byPE.get(pe), items, path);
    path.pop();
  }
  return node;
}

function addedChildren(
  o: JsonObject,
  s: Schema,
  skip: Set<string> | undefined,
  into?: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const rs = resolveSchema(s);
  const keys = Object.keys(o);
  if (keys.length > 1) keys.sort();
  let out = into;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || skip?.has(k)) continue;
    const pe = `f:${k}`;
    const child = added(v, fieldSchema(rs, k)[0], [pe]);
    (out ??= {})[pe] = child;
  }
  return out;
}
