// Copyright 2026 the k1s authors. Apache-2.0 license.
// Uniqueness of `x-kubernetes-list-type: set` items and `map` keys, as apiextensions'
// `listtype.ValidateListSetsAndMaps`: the second occurrence of a value is a duplicate.
import { duplicate, type FieldError, invalid } from "../errors/field_error.ts";
import { isObject, type Node } from "./_node.ts";

/** Go's json.Marshal of a decoded value: object keys sorted. */
export function goJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJSON).join(",")}]`;
  if (isObject(v)) {
    return `{${
      Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goJSON(v[k])}`).join(",")
    }}`;
  }
  return JSON.stringify(v) ?? "null";
}

const UNSPECIFIED = Symbol("unspecified");

/** Indices of the second occurrence of each repeated value. */
function nonUnique(values: readonly unknown[]): number[] {
  if (values.length <= 1) return [];
  const seen = new Map<unknown, number>();
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const key = typeof x === "object" && x !== null ? `\0${goJSON(x)}` : x;
    const times = seen.get(key);
    if (times === undefined) seen.set(key, 1);
    else {
      seen.set(key, times + 1);
      if (times === 1) out.push(i);
    }
  }
  return out;
}

function key(path: string | undefined, k: string): string {
  return `${path ?? ""}[${k}]`;
}

function childPath(path: string | undefined, k: string): string {
  return path === undefined ? k : `${path}.${k}`;
}

function validateArray(path: string, n: Node, arr: unknown[], out: FieldError[]): void {
  if (n.listType === "set") {
    for (const i of nonUnique(arr)) out.push(duplicate(`${path}[${i}]`, arr[i]));
  } else if (n.listType === "map") {
    validateListMap(path, n, arr, out);
  }
  if (n.items?.subtreeListSetMap) {
    for (let i = 0; i < arr.length; i++) validateAny(`${path}[${i}]`, n.items, arr[i], out);
  }
}

function validateListMap(path: string, n: Node, arr: unknown[], out: FieldError[]): void {
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (x !== null && !isObject(x)) {
      out.push(invalid(`${path}[${i}]`, x, "must be an object for an array of list-type map"));
      return;
    }
  }
  if (arr.length <= 1) return;
  const keys = n.mapKeys ?? [];
  if (keys.length === 1) {
    const k = keys[0];
    const vals = arr.map((x) => isObject(x) && Object.hasOwn(x, k) ? x[k] : UNSPECIFIED);
    for (const i of nonUnique(vals)) {
      out.push(duplicate(`${path}[${i}]`, vals[i] === UNSPECIFIED ? {} : { [k]: vals[i] }));
    }
    return;
  }
  const vals = arr.map((x) => {
    const kv: Record<string, unknown> = {};
    if (isObject(x)) { for (const k of [...keys].sort()) if (Object.hasOwn(x, k)) kv[k] = x[k]; }
    return kv;
  });
  for (const i of nonUnique(vals)) out.push(duplicate(`${path}[${i}]`, vals[i]));
}

function validateAny(path: string, n: Node, v: unknown, out: FieldError[]): void {
  if (Array.isArray(v)) validateArray(path, n, v, out);
  else if (isObject(v)) validateObject(path, n, v, out);
}

function validateObject(
  path: string | undefined,
  n: Node,
  obj: Record<string, unknown>,
  out: FieldError[],
): void {
  const add = typeof n.additional === "object" ? n.additional : undefined;
  if (add?.subtreeListSetMap) {
    for (const k of Object.keys(obj)) validateAny(key(path, k), add, obj[k], out);
  }
  if (n.properties) {
    for (const k of Object.keys(obj)) {
      const p = n.properties.get(k);
      if (p?.subtreeListSetMap) validateAny(childPath(path, k), p, obj[k], out);
    }
  }
}

/** Validates list-set and list-map uniqueness over a whole object. */
export function validateListSetsAndMaps(root: Node, obj: unknown): FieldError[] {
  const out: FieldError[] = [];
  if (root.subtreeListSetMap && isObject(obj)) validateObject(undefined, root, obj, out);
  return out;
}
