// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * JSON-tree helpers shared by the patch algorithms: cloning, deep equality, and the Go renderings
 * (`%v`, `encoding/json`) that Kubernetes' messages and serialized keys are made of.
 *
 * @module
 */

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether `v` is a JSON object (not an array, not null). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Sets `o[k]`, defining `__proto__` as a plain key instead of changing the prototype. */
export function setKey(o: JsonObject, k: string, v: unknown): void {
  if (k === "__proto__") {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  } else o[k] = v;
}

/** Reads an own key of `o`. */
export function own(o: JsonObject, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

/** Whether an object has no own keys, without allocating a key array. */
export function isEmptyObject(o: JsonObject): boolean {
  for (const _ in o) return false;
  return true;
}

/** Deep copy of a JSON value; cheaper than `structuredClone` for the small trees patches handle. */
export function cloneJson<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneJson(v[i]);
    return out as T;
  }
  const out: JsonObject = {};
  for (const k in v as JsonObject) {
    const x = (v as JsonObject)[k];
    if (x !== undefined) setKey(out, k, cloneJson(x));
  }
  return out as T;
}

/** Structural equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject, bo = b as JsonObject;
  let n = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    if (!(k in bo) || !deepEqual(ao[k], bo[k])) return false;
    n++;
  }
  for (const k in bo) if (bo[k] !== undefined) n--;
  return n === 0;
}

/** Renders a number as Go's `%v` does for the int64/float64 values Kubernetes decodes JSON into. */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  // %v of a float64 is %g with the shortest representation.
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split("e");
    const sign = e!.startsWith("-") ? "-" : "+";
    const digits = e!.replace(/^[-+]/, "").padStart(2, "0");
    return `${m}e${sign}${digits}`;
  }
  return String(n);
}

/**
 * Renders a value as Go's `%v` does for `interface{}` values decoded from JSON: maps as
 * `map[k:v ...]` with sorted keys, slices as `[a b]`, null as `<nil>`.
 */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goNumber(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(" ")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(" ")}]`;
  }
  return String(v);
}

/** The Go type name `reflect.TypeOf(v)` prints for a decoded JSON value. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

const HTML_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

function goString(s: string): string {
  const j = JSON.stringify(s);
  return /[<>&\u2028\u2029]/.test(j) ? j.replace(/[<>&\u2028\u2029]/g, (c) => HTML_ESCAPES[c]!) : j;
}

/**
 * JSON as Go's `encoding/json` writes a decoded `interface{}`: map keys sorted, `<`, `>` and `&`
 * escaped. Used where Kubernetes serializes values into keys or annotations.
 */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goString(v);
  if (typeof v === "number" || typeof v === "boolean") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
  const o = v as JsonObject;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${goString(k)}:${goJson(o[k])}`).join(",")}}`;
}

/** A copy of `v` whose object keys are sorted at every level, as Go serializes maps. */
export function sortKeysDeep<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortKeysDeep) as T;
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort()) setKey(out, k, sortKeysDeep(v[k]));
  return out as T;
}
