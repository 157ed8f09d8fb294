// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Field sets as a trie of serialized path elements (`f:name`, `k:{"name":"x"}`, `v:"a"`, `i:0`),
 * the shape of managedFields' `FieldsV1`. A node is a member when the path to it is in the set.
 * Nodes are never modified once a set is built, so operations share subtrees freely.
 *
 * @module
 */
import { goFormat, isObject } from "./_util.ts";

/** A node of a field set; the root's `m` is always false (the whole object is never owned). */
export interface SNode {
  /** Whether the path to this node is in the set. */
  m: boolean;
  /** Children by serialized path element. */
  c: Map<string, SNode> | undefined;
}

/** A new empty node. */
export function newNode(): SNode {
  return { m: false, c: undefined };
}

/** Whether a set (given its root) has no members. */
export function isEmptySet(n: SNode): boolean {
  return !n.c || n.c.size === 0;
}

/** Adds `path` to the set under construction at `root` (mutating it); the empty path is ignored. */
export function insert(root: SNode, path: readonly string[]): void {
  if (path.length === 0) return;
  let n = root;
  for (const pe of path) {
    n.c ??= new Map();
    let next = n.c.get(pe);
    if (!next) {
      next = newNode();
      n.c.set(pe, next);
    }
    n = next;
  }
  n.m = true;
}

/** Whether `path` is a member. */
export function hasPath(root: SNode, path: readonly string[]): boolean {
  let n: SNode | undefined = root;
  for (const pe of path) {
    n = n.c?.get(pe);
    if (!n) return false;
  }
  return path.length > 0 && n.m;
}

/** `a ∪ b`. */
export function union(a: SNode, b: SNode): SNode {
  if (!b.c || b.c.size === 0) return b.m && !a.m ? { m: true, c: a.c } : a;
  if (!a.c || a.c.size === 0) return a.m && !b.m ? { m: true, c: b.c } : b;
  const c = new Map(a.c);
  for (const [pe, bn] of b.c) {
    const an = c.get(pe);
    c.set(pe, an ? union(an, bn) : bn);
  }
  return { m: a.m || b.m, c };
}

/** `a − b`; `undefined` when nothing of `a` remains below the root. */
function diff(a: SNode, b: SNode): SNode | undefined {
  const m = a.m && !b.m;
  if (!a.c || !b.c) return m || (a.c && a.c.size > 0) ? (m === a.m ? a : { m, c: a.c }) : undefined;
  let c: Map<string, SNode> | undefined;
  for (const [pe, an] of a.c) {
    const bn = b.c.get(pe);
    if (!bn) continue;
    const d = diff(an, bn);
    if (d === an) continue;
    c ??= new Map(a.c);
    if (d) c.set(pe, d);
    else c.delete(pe);
  }
  if (!c) return m || a.c.size > 0 ? (m === a.m ? a : { m, c: a.c }) : undefined;
  return m || c.size > 0 ? { m, c: c.size > 0 ? c : undefined } : undefined;
}

/** `a − b`. */
export function difference(a: SNode, b: SNode): SNode {
  return diff(a, b) ?? newNode();
}

function inter(a: SNode, b: SNode): SNode | undefined {
  const m = a.m && b.m;
  let c: Map<string, SNode> | undefined;
  if (a.c && b.c) {
    const [small, big] = a.c.size <= b.c.size ? [a.c, b.c] : [b.c, a.c];
    for (const [pe, sn] of small) {
      const bn = big.get(pe);
      if (!bn) continue;
      const i = small === a.c ? inter(sn, bn) : inter(bn, sn);
      if (i) (c ??= new Map()).set(pe, i);
    }
  }
  return m || c ? { m, c } : undefined;
}

/** `a ∩ b`. */
export function intersection(a: SNode, b: SNode): SNode {
  return inter(a, b) ?? newNode();
}

/** The subtree under one path element, as a set rooted there. */
export function childSet(n: SNode, pe: string): SNode | undefined {
  return n.c?.get(pe);
}

/** Parses `FieldsV1`; unknown path element kinds are dropped, as structured-merge-diff does. */
export function fromFieldsV1(f: unknown): SNode {
  return parse(f, true) ?? newNode();
}

function parse(f: unknown, root: boolean): SNode | undefined {
  if (!isObject(f)) return root ? undefined : { m: true, c: undefined };
  let m = !root && Object.hasOwn(f, ".");
  let c: Map<string, SNode> | undefined;
  let keys = 0;
  for (const k in f) {
    if (k === ".") continue;
    keys++;
    if (k.length < 2 || k[1] !== ":" || !"fkvi".includes(k[0]!)) continue;
    const child = parse(f[k], false);
    if (child) (c ??= new Map()).set(k, child);
  }
  if (!root && keys === 0) m = true;
  return m || c ? { m, c } : undefined;
}

/** Serializes a set as `FieldsV1`: keys sorted as Go sorts map keys, `.` marking member parents. */
export function toFieldsV1(n: SNode): Record<string, unknown> {
  return encode(n, true);
}

function encode(n: SNode, root: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!n.c || n.c.size === 0) return out;
  if (!root && n.m) out["."] = {};
  const keys = n.c.size === 1 ? [n.c.keys().next().value!] : [...n.c.keys()].sort();
  for (const k of keys) out[k] = encode(n.c.get(k)!, false);
  return out;
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** structured-merge-diff's path element order: fields, then keys, values, indices. */
function comparePE(a: string, b: string): number {
  const ra = RANK[a[0]!] ?? 4, rb = RANK[b[0]!] ?? 4;
  if (ra !== rb) return ra - rb;
  if (ra === 3) return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every member path, in structured-merge-diff's iteration order (members, then children). */
export function paths(n: SNode): string[][] {
  const out: string[][] = [];
  walk(n, [], out);
  return out;
}

function walk(n: SNode, prefix: string[], out: string[][]): void {
  if (!n.c) return;
  const keys = [...n.c.keys()].sort(comparePE);
  for (const k of keys) if (n.c.get(k)!.m) out.push([...prefix, k]);
  for (const k of keys) {
    const child = n.c.get(k)!;
    if (child.c) walk(child, [...prefix, k], out);
  }
}

/** Renders a value as structured-merge-diff's `value.ToString` does in paths. */
function valueString(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return goFormat(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(",")}]`;
  if (isObject(v)) {
    return `{${Object.keys(v).sort().map((k) => `${k}=${valueString(v[k])}`).join(",")}}`;
  }
  return String(v);
}

/** Renders one path element as in `.spec.containers[name="x"].image`. */
export function formatPE(pe: string): string {
  const body = pe.slice(2);
  switch (pe[0]) {
    case "f":
      return `.${body}`;
    case "k": {
      const key = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.keys(key).sort().map((k) => `${k}=${valueString(key[k])}`).join(",")}]`;
    }
    case "v":
      return `[=${valueString(JSON.parse(body))}]`;
    case "i":
      return `[${body}]`;
    default:
      return "{{invalid path element}}";
  }
}

/** Renders a path as structured-merge-diff prints it. */
export function formatPath(path: readonly string[]): string {
  return path.map(formatPE).join("");
}
