// Copyright 2026 the k1s authors. Apache-2.0 license.
// The patched object as the apiserver prints it inside the error of a patch whose result does
// not decode (`patch: Invalid value: "<object>": <error>`):
// - JSON and merge patches print the bytes evanphx/json-patch produced. The stored object is
//   encoded by the codec (struct fields in Go declaration order, map keys sorted); the patch
//   library re-marshals every object it parsed (keys sorted): the top level, the objects a merge
//   patch merges into or adds, and the containers a JSON patch's paths pass through. Values
//   copied from the patch keep the patch's own order.
// - Strategic merge patches print the patched `map[string]interface{}` with `%+v`.
import { type GoNode, MAP, SLICE, STRUCT } from "./_typecheck.ts";

/**
 * Which objects of the result were re-marshalled. `sorted`: this object's keys; `all`: every
 * object below too; `asIs`: the value came from the patch as it was sent.
 */
export interface SortTree {
  sorted: boolean;
  all: boolean;
  asIs: boolean;
  kids: Map<string, SortTree>;
}

function tree(sorted: boolean, all = false, asIs = false): SortTree {
  return { sorted, all, asIs, kids: new Map() };
}

const ALL: SortTree = tree(true, true);
const AS_IS: SortTree = tree(false, false, true);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * What a JSON merge patch re-marshals (evanphx/json-patch `MergePatch`): objects it merges into
 * keep their untouched values as they were, and values it adds are pruned of nulls (parsed and
 * re-marshalled throughout), except an array replacing an object, which is kept as sent.
 *
 * @param patch The merge patch.
 * @param current The object patched.
 * @returns The tree of re-marshalled objects.
 */
export function mergePatchTree(patch: unknown, current: unknown): SortTree {
  const t = tree(true);
  if (!isRecord(patch)) return t;
  const cur = isRecord(current) ? current : {};
  for (const k in patch) {
    const p = patch[k];
    if (p === null) continue;
    const c = cur[k];
    if (isRecord(p) && isRecord(c)) t.kids.set(k, mergePatchTree(p, c));
    else if (Array.isArray(p) && isRecord(c)) t.kids.set(k, AS_IS);
    else t.kids.set(k, ALL);
  }
  return t;
}

function unescapePointer(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * What a JSON patch re-marshals (evanphx/json-patch `Apply`): the top level and every
 * container an operation's path or `from` passes through; added and replacing values are kept
 * as sent.
 *
 * @param ops The JSON patch operations.
 * @returns The tree of re-marshalled objects.
 */
export function jsonPatchTree(ops: unknown): SortTree {
  const root = tree(true);
  if (!Array.isArray(ops)) return root;
  const walk = (path: unknown, value: boolean) => {
    if (typeof path !== "string" || !path.startsWith("/")) return;
    const tokens = path.slice(1).split("/").map(unescapePointer);
    let t = root;
    for (let i = 0; i < tokens.length - 1; i++) {
      let next = t.kids.get(tokens[i]);
      if (!next || next === AS_IS || next === ALL) {
        next = tree(true);
        t.kids.set(tokens[i], next);
      }
      t = next;
    }
    if (value && tokens.length) t.kids.set(tokens[tokens.length - 1], AS_IS);
  };
  for (const op of ops) {
    if (!isRecord(op)) continue;
    walk(op.path, op.op === "add" || op.op === "replace");
    walk(op.from, false);
  }
  return root;
}

/** A string as Go's encoding/json writes it (HTML characters escaped). */
function goJsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function objectKeys(
  r: Record<string, unknown>,
  n: GoNode | undefined,
  t: SortTree | undefined,
): string[] {
  const keys = Object.keys(r).filter((k) => r[k] !== undefined);
  if (t?.asIs) return keys;
  if (t?.sorted || !n || n.kind !== STRUCT) return keys.sort();
  // The codec writes a struct's fields in declaration order.
  const order = [...n.fields!.keys()];
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return keys.sort((a, b) => rank(a) - rank(b));
}

function childTree(t: SortTree | undefined, key: string): SortTree | undefined {
  if (!t) return undefined;
  if (t.all || t.asIs) return t;
  return t.kids.get(key);
}

/**
 * The JSON text of a patched object as the patch library returned it.
 *
 * @param v The patched object.
 * @param n Its Go type (`undefined`: an unstructured object, whose keys the codec sorts).
 * @param t What the patch library re-marshalled.
 * @returns The JSON text.
 */
export function goPatchedJson(v: unknown, n: GoNode | undefined, t: SortTree | undefined): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goJsonString(v);
  if (typeof v !== "object") return JSON.stringify(v);
  const elem = n && (n.kind === SLICE || n.kind === MAP) ? n.elem : undefined;
  if (Array.isArray(v)) {
    return `[${v.map((x, i) => goPatchedJson(x, elem, childTree(t, String(i)))).join(",")}]`;
  }
  const r = v as Record<string, unknown>;
  const parts = objectKeys(r, n, t).map((k) => {
    const child = n?.kind === STRUCT ? n.fields!.get(k) : elem;
    return `${goJsonString(k)}:${goPatchedJson(r[k], child, childTree(t, k))}`;
  });
  return `{${parts.join(",")}}`;
}

/** A float64 as `%v` prints it: `%g` with the shortest digits, exponents below -4 or from 21. */
function goFloatV(f: number): string {
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    return f.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  }
  return String(f);
}

/**
 * A JSON value as Go's `fmt.Sprintf("%+v")` prints the `map[string]interface{}` form of it:
 * `map[data:map[a:1] kind:ConfigMap]`, map keys sorted, strings bare, `null` as `<nil>`.
 *
 * @param v The value.
 * @returns The text.
 */
export function goSprintV(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : goFloatV(v);
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(" ")}]`;
  const r = v as Record<string, unknown>;
  const keys = Object.keys(r).filter((k) => r[k] !== undefined).sort();
  return `map[${keys.map((k) => `${k}:${goSprintV(r[k])}`).join(" ")}]`;
}
