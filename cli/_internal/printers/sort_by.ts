// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `--sort-by` (kubectl's `SortObjects`): a relaxed JSONPath field, numbers by value, strings
 * by quantity when both parse as quantities and otherwise in natural order, missing values
 * first.
 *
 * @module
 */
import { goQuote } from "./go_format.ts";
import { JSONPath } from "./jsonpath/jsonpath.ts";
import { relaxedJSONPathExpression } from "./jsonpath/relaxed.ts";
import { PrintError } from "./print_error.ts";
import { goSort } from "./_go_sort.ts";

/**
 * Sorts objects by a field, as `kubectl get --sort-by` does.
 *
 * @param objects The objects (not modified).
 * @param field The field spec: `.metadata.name`, `{.data.a}`, `metadata.name`.
 * @returns A sorted copy, in the order Go's (unstable) `sort.Sort` leaves it.
 * @throws {PrintError} When the field is malformed or no object has it
 *   (`couldn't find any field with path "{.x}" in the list of objects`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { sortObjects } from "./sort_by.ts";
 * const objs = [{ n: "10" }, { n: "9" }, { n: "1Gi" }, {}];
 * assertEquals(sortObjects(objs, ".n"), [{}, { n: "9" }, { n: "10" }, { n: "1Gi" }]);
 * ```
 */
export function sortObjects<T>(objects: readonly T[], field: string): T[] {
  if (objects.length === 0) return [];
  let expr: string;
  let jp: JSONPath;
  try {
    expr = relaxedJSONPathExpression(field);
    jp = new JSONPath(expr, { allowMissingKeys: true });
  } catch (e) {
    throw new PrintError((e as Error).message, { cause: e });
  }
  const keys = objects.map((o) => {
    try {
      const r = jp.findResults(o);
      return r.length > 0 && r[0].length > 0 ? { value: r[0][0] } : undefined;
    } catch (e) {
      throw new PrintError((e as Error).message, { cause: e });
    }
  });
  if (!keys.some((k) => k !== undefined)) {
    throw new PrintError(
      `couldn't find any field with path ${goQuote(expr)} in the list of objects`,
    );
  }
  // kubectl's Less: an object without the field sorts first, even before another without it;
  // with Go's unstable sort.Sort, that decides where such objects (and equal keys) end up.
  const idx = objects.map((_, i) => i);
  goSort({
    len: idx.length,
    less: (i, j) => {
      const ki = keys[idx[i]];
      const kj = keys[idx[j]];
      if (!ki) return true;
      if (!kj) return false;
      return isLess(ki.value, kj.value, expr);
    },
    swap: (i, j) => {
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    },
  });
  return idx.map((i) => objects[i]);
}

function isLess(a: unknown, b: unknown, field: string): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isInteger(a) === Number.isInteger(b)) return a < b;
  } else if (typeof a === "string" && typeof b === "string") {
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    if (qa === undefined || qb === undefined) return naturalLess(a, b);
    return qa < qb;
  } else if (typeof a === "boolean" && typeof b === "boolean") {
    return !a && b;
  }
  // kubectl's isLess names a type it has no case for (a map or a list); two values of types it
  // sorts, but not the same type, fall through to its last case.
  const err = typeof a === "object"
    ? `unsortable type: ${Array.isArray(a) ? "[]interface {}" : "map[string]interface {}"}`
    : "unsortable interface: interface";
  throw new PrintError(
    `Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: ${err}`,
  );
}

/**
 * Natural string order (`github.com/fvbommel/sortorder.NaturalLess`): digit runs compare as
 * numbers and sort before other characters.
 *
 * @param a One string.
 * @param b The other.
 * @returns Whether `a` sorts before `b`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { naturalLess } from "./sort_by.ts";
 * assert(naturalLess("pod-9", "pod-10"));
 * ```
 */
export function naturalLess(a: string, b: string): boolean {
  const s1 = new TextEncoder().encode(a);
  const s2 = new TextEncoder().encode(b);
  let i1 = 0;
  let i2 = 0;
  const isDigit = (c: number) => c >= 48 && c <= 57;
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = s1[i1];
    const c2 = s2[i2];
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    for (; i1 < s1.length && s1[i1] === 48; i1++);
    for (; i2 < s2.length && s2[i2] === 48; i2++);
    const nz1 = i1;
    const nz2 = i2;
    for (; i1 < s1.length && isDigit(s1[i1]); i1++);
    for (; i2 < s2.length && isDigit(s2[i2]); i2++);
    const len1 = i1 - nz1;
    const len2 = i2 - nz2;
    if (len1 !== len2) return len1 < len2;
    for (let k = 0; k < len1; k++) {
      if (s1[nz1 + k] !== s2[nz2 + k]) return s1[nz1 + k] < s2[nz2 + k];
    }
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return s1.length < s2.length;
}

const SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
}; // deno-fmt-ignore

/**
 * Parses a Kubernetes quantity (`resource.ParseQuantity`) to an approximate number.
 *
 * @param s The text, e.g. `500Mi`, `1.5`, `2e3`, `100m`.
 * @returns The value, or `undefined` when it is not a quantity.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseQuantity } from "./sort_by.ts";
 * assertEquals(parseQuantity("1Ki"), 1024);
 * assertEquals(parseQuantity("1K"), undefined);
 * ```
 */
export function parseQuantity(s: string): number | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1] + m[2]);
  const suffix = m[3];
  if (suffix in SUFFIXES) return n * SUFFIXES[suffix];
  const e = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (e) return n * 10 ** Number(e[1]);
  return undefined;
}
