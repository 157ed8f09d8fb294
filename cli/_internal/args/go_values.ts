// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Go's value parsers as pflag uses them, with Go's error messages: `strconv.ParseBool`,
 * `strconv.ParseInt(s, 0, 64)`, `time.ParseDuration` and `encoding/csv` for string slices;
 * and `time.Duration.String` for help defaults.
 *
 * @module
 */
import { goQuote } from "../printers/go_format.ts";

/**
 * Parses like `strconv.ParseBool`.
 *
 * @param s `1`, `t`, `T`, `TRUE`, `true`, `True` or their false forms.
 * @returns The boolean.
 * @throws {SyntaxError} `strconv.ParseBool: parsing "x": invalid syntax`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseGoBool } from "./go_values.ts";
 * assertEquals(parseGoBool("T"), true);
 * ```
 */
export function parseGoBool(s: string): boolean {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  throw new SyntaxError(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

/**
 * Parses like `strconv.ParseInt(s, 0, 64)`: optional sign, `0x`/`0o`/`0b`/`0` prefixes,
 * underscores only after a prefix.
 *
 * @param s The text.
 * @returns The integer.
 * @throws {SyntaxError} `strconv.ParseInt: parsing "x": invalid syntax` or `... value out of range`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseGoInt } from "./go_values.ts";
 * assertEquals(parseGoInt("0x1f"), 31);
 * ```
 */
export function parseGoInt(s: string): number {
  const fail = (why: string): never => {
    throw new SyntaxError(`strconv.ParseInt: parsing ${goQuote(s)}: ${why}`);
  };
  let body = s;
  let neg = false;
  if (body.startsWith("+") || body.startsWith("-")) {
    neg = body[0] === "-";
    body = body.slice(1);
  }
  let radix = 10;
  let prefixed = false;
  if (/^0[xX]/.test(body)) [radix, body, prefixed] = [16, body.slice(2), true];
  else if (/^0[bB]/.test(body)) [radix, body, prefixed] = [2, body.slice(2), true];
  else if (/^0[oO]/.test(body)) [radix, body, prefixed] = [8, body.slice(2), true];
  else if (body.length > 1 && body[0] === "0") [radix, body, prefixed] = [8, body.slice(1), true];
  if (prefixed) body = body.replace(/^_/, "");
  const digits = {
    2: /^[01]+(_[01]+)*$/,
    8: /^[0-7]+(_[0-7]+)*$/,
    10: /^[0-9]+$/,
    16: /^[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/,
  }[radix]!;
  if (!digits.test(body) || (!prefixed && body.includes("_"))) fail("invalid syntax");
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : radix === 2 ? "0b" : "";
  let v = BigInt(prefix + body.replaceAll("_", ""));
  if (neg) v = -v;
  if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) fail("value out of range");
  return Number(v);
}

// Nanoseconds per unit.
const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "\u00b5s": 1e3,
  "\u03bcs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 6e10,
  h: 3.6e12,
};

/**
 * Parses like Go's `time.ParseDuration` (`300ms`, `1.5h`, `2h45m`).
 *
 * @param s The text.
 * @returns The duration in milliseconds.
 * @throws {SyntaxError} `time: invalid duration "x"`, `time: missing unit in duration "5"`,
 *   `time: unknown unit "x" in duration "1x"`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseGoDuration } from "./go_values.ts";
 * assertEquals(parseGoDuration("1m30s"), 90_000);
 * ```
 */
export function parseGoDuration(s: string): number {
  const orig = s;
  const invalid = (): never => {
    throw new SyntaxError(`time: invalid duration ${goQuote(orig)}`);
  };
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") invalid();
  let total = 0;
  while (s !== "") {
    if (!(s[0] === "." || (s[0] >= "0" && s[0] <= "9"))) invalid();
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const pre = m[1].length > 0;
    const post = m[2] !== undefined && m[2].length > 0;
    if (!pre && !post) invalid();
    const value = Number(`${m[1] || "0"}.${m[2] ?? ""}`);
    s = s.slice(m[0].length);
    let i = 0;
    while (i < s.length && !(s[i] === "." || (s[i] >= "0" && s[i] <= "9"))) i++;
    if (i === 0) throw new SyntaxError(`time: missing unit in duration ${goQuote(orig)}`);
    const unit = s.slice(0, i);
    s = s.slice(i);
    if (!(unit in UNITS)) {
      throw new SyntaxError(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(orig)}`);
    }
    total += value * UNITS[unit];
    if (total > 2 ** 63) invalid();
  }
  const ms = total / 1e6;
  return neg ? -ms : ms;
}

/**
 * Formats milliseconds like Go's `time.Duration.String` (`0s`, `30s`, `1m30s`, `1h0m0s`, `500ms`).
 *
 * @param ms The duration in milliseconds.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatGoDuration } from "./go_values.ts";
 * assertEquals(formatGoDuration(300_000), "5m0s");
 * ```
 */
export function formatGoDuration(ms: number): string {
  const ns = BigInt(Math.round(ms * 1e6));
  if (ns === 0n) return "0s";
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, scale] = u < 1000n
      ? ["ns", 1n]
      : u < 1_000_000n
      ? ["µs", 1000n]
      : ["ms", 1_000_000n];
    out = fraction(u, scale) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    const rem = u % 3_600_000_000_000n;
    const m = rem / 60_000_000_000n;
    const sec = fraction(rem % 60_000_000_000n, 1_000_000_000n) + "s";
    out = h > 0n ? `${h}h${m}m${sec}` : m > 0n ? `${m}m${sec}` : sec;
  }
  return neg ? `-${out}` : out;
}

function fraction(v: bigint, scale: bigint): string {
  const whole = v / scale;
  const frac = v % scale;
  if (frac === 0n) return whole.toString();
  const digits = scale.toString().length - 1;
  return `${whole}.${frac.toString().padStart(digits, "0").replace(/0+$/, "")}`;
}

/**
 * Splits one CSV record as pflag's string slices do (`encoding/csv`): commas separate fields,
 * double quotes protect commas.
 *
 * @param s The value, e.g. `a.yaml,"b,c.yaml"`.
 * @returns The fields; an empty value gives none.
 * @throws {SyntaxError} `parse error on line 1, column N: bare " in non-quoted-field`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCsvRecord } from "./go_values.ts";
 * assertEquals(parseCsvRecord('a,"b,c"'), ["a", "b,c"]);
 * ```
 */
export function parseCsvRecord(s: string): string[] {
  if (s === "") return [];
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) {
          throw new SyntaxError(
            `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`,
          );
        }
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
      if (i < s.length && s[i] !== ",") {
        throw new SyntaxError(
          `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`,
        );
      }
    } else {
      const end = s.indexOf(",", i);
      field = end < 0 ? s.slice(i) : s.slice(i, end);
      const q = field.indexOf('"');
      if (q >= 0) {
        throw new SyntaxError(
          `parse error on line 1, column ${i + q + 1}: bare " in non-quoted-field`,
        );
      }
      i = end < 0 ? s.length : end;
    }
    out.push(field);
    if (i >= s.length) break;
    i++; // the comma
    if (i >= s.length) {
      out.push("");
      break;
    }
  }
  return out;
}
