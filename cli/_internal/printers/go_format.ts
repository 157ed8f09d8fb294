// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Go's text renderings of JSON values (`fmt.Sprint`, `%#v`, `strconv.Quote`,
 * `strconv.FormatFloat(f, 'g', -1, 64)`, `encoding/json`), which kubectl output shows.
 *
 * @module
 */

/**
 * Formats a float like Go's `strconv.FormatFloat(f, 'g', -1, 64)` (and `fmt`'s `%v`):
 * shortest digits, exponent form below 1e-4 or from 1e6 (`1e+06`, `1.5e-05`).
 *
 * @param f The number.
 * @returns Its Go text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { goFormatFloat } from "./go_format.ts";
 * assertEquals(goFormatFloat(1234567.5), "1.2345675e+06");
 * assertEquals(goFormatFloat(0.5), "0.5");
 * ```
 */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const neg = f < 0;
  const [mant, expText] = Math.abs(f).toExponential().split("e");
  const digits = mant.replace(".", "");
  const exp = Number(expText);
  let out: string;
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    out = `${m}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  } else if (exp < 0) {
    out = `0.${"0".repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + "0".repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}

/**
 * Formats a JSON number as Go shows a decoded one: integers (Go's `int64`) in full,
 * others as floats.
 *
 * @param n The number.
 * @returns Its Go text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { goFormatNumber } from "./go_format.ts";
 * assertEquals(goFormatNumber(1000000), "1000000");
 * assertEquals(goFormatNumber(1.5), "1.5");
 * ```
 */
export function goFormatNumber(n: number): string {
  // Safe integers print the same either way; String() allocates no BigInt.
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 9.3e18) return BigInt(n).toString();
  return goFormatFloat(n);
}

/**
 * Renders a JSON value like Go's `fmt.Sprint` of its decoded form: maps as
 * `map[k:v k2:v2]` (keys sorted), slices as `[a b]`, `null` as `<nil>`.
 *
 * @param v The value.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { goSprint } from "./go_format.ts";
 * assertEquals(goSprint({ b: [1, "x"], a: true }), "map[a:true b:[1 x]]");
 * ```
 */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goFormatNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map(goSprint).join(" ")}]`;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `map[${
      Object.keys(o).sort(compareUtf8).map((k) => `${k}:${goSprint(o[k])}`).join(" ")
    }]`;
  }
  return String(v);
}

/**
 * Renders a JSON value like Go's `%#v` of its decoded form
 * (`map[string]interface {}{"a":"b"}`), as kubectl's JSONPath error messages show objects.
 *
 * @param v The value.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { goSharpV } from "./go_format.ts";
 * assertEquals(goSharpV({ a: ["x", 1] }), 'map[string]interface {}{"a":[]interface {}{"x", 1}}');
 * ```
 */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number") return goFormatNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(", ")}}`;
  const o = v as Record<string, unknown>;
  return `map[string]interface {}{${
    Object.keys(o).sort(compareUtf8).map((k) => `${goQuote(k)}:${goSharpV(o[k])}`).join(", ")
  }}`;
}

// Go's `unicode.IsPrint` for a rune beyond ASCII. The class is built on first use: in a cold
// process V8 takes up to 1.4 ms to build it, which every command loading this module paid.
let printable: RegExp | undefined;
function isPrintBeyondAscii(ch: string): boolean {
  return (printable ??= /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u).test(ch);
}

/**
 * Quotes a string like Go's `strconv.Quote`.
 *
 * @param s The string.
 * @returns The quoted text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { goQuote } from "./go_format.ts";
 * assertEquals(goQuote('a"b\n\x00'), '"a\\"b\\n\\x00"');
 * ```
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (c < 0x80 ? c >= 0x20 && c < 0x7f : isPrintBeyondAscii(ch)) out += ch;
    else if (ESCAPES[c]) out += ESCAPES[c];
    else if (c < 0x80) out += "\\x" + hex(c, 2);
    else if (c < 0x10000) out += "\\u" + hex(c, 4);
    else out += "\\U" + hex(c, 8);
  }
  return out + '"';
}

const ESCAPES: Record<number, string> = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
};

function hex(c: number, width: number): string {
  return c.toString(16).padStart(width, "0");
}

/**
 * Orders strings by their UTF-8 bytes, as Go sorts map keys.
 *
 * @param a One string.
 * @param b The other.
 * @returns Negative, zero or positive.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compareUtf8 } from "./go_format.ts";
 * assertEquals(["b", "B", "a"].sort(compareUtf8), ["B", "a", "b"]);
 * ```
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Serialises a JSON value like Go's `encoding/json` (`json.Marshal` / `MarshalIndent`):
 * map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped.
 *
 * @param value The value.
 * @param options `indent` (e.g. four spaces for kubectl `-o json`); `sortKeys: false` keeps
 *   insertion order (a Go struct's field order).
 * @returns The JSON text, without a trailing newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { goJson } from "./go_format.ts";
 * assertEquals(goJson({ b: "<x>", a: [] }), '{"a":[],"b":"\\u003cx\\u003e"}');
 * ```
 */
export function goJson(
  value: unknown,
  options: { indent?: string; sortKeys?: boolean } = {},
): string {
  const indent = options.indent ?? "";
  const sortKeys = options.sortKeys ?? true;
  const out: string[] = [];
  write(value, "");
  return out.join("");

  function write(v: unknown, prefix: string): void {
    if (v === null || v === undefined || typeof v === "function") {
      out.push("null");
    } else if (typeof v === "string") {
      out.push(jsonString(v));
    } else if (typeof v === "number") {
      out.push(Number.isFinite(v) ? JSON.stringify(v) : "null");
    } else if (typeof v === "boolean") {
      out.push(v ? "true" : "false");
    } else if (Array.isArray(v)) {
      if (v.length === 0) return void out.push("[]");
      const inner = prefix + indent;
      out.push("[");
      v.forEach((item, i) => {
        if (i > 0) out.push(",");
        if (indent) out.push("\n", inner);
        write(item, inner);
      });
      if (indent) out.push("\n", prefix);
      out.push("]");
    } else if (typeof v === "object") {
      const o = v as Record<string, unknown>;
      let keys = Object.keys(o).filter((k) => o[k] !== undefined);
      if (sortKeys) keys = keys.sort(compareUtf8);
      if (keys.length === 0) return void out.push("{}");
      const inner = prefix + indent;
      out.push("{");
      keys.forEach((k, i) => {
        if (i > 0) out.push(",");
        if (indent) out.push("\n", inner);
        out.push(jsonString(k), indent ? ": " : ":");
        write(o[k], inner);
      });
      if (indent) out.push("\n", prefix);
      out.push("}");
    } else {
      out.push(JSON.stringify(String(v)));
    }
  }
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

function jsonString(s: string): string {
  return JSON.stringify(s).replace(
    HTML_UNSAFE,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}
