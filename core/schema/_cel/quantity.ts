// Copyright 2026 the k1s authors. Apache-2.0 license.
// Kubernetes' resource.Quantity as the CEL quantity library uses it (apimachinery
// `pkg/api/resource/quantity.go`). A quantity keeps the representation ParseQuantity chose: a
// scaled int64 (`int64Amount`) on the fast path, an arbitrary-precision decimal (`inf.Dec`)
// otherwise. The split is observable: `isInteger()` is false for every decimal-backed value
// (`quantity('1.5Gi').isInteger()`), and a scaled int64 with a negative scale is never an
// integer (`quantity('1.0').isInteger()`), so both are modelled rather than one exact rational.

/** A quantity: `int` is value × 10^scale, `dec` is unscaled × 10^-scale (inf.Dec's scale). */
export type Quantity =
  | { dec: false; value: bigint; scale: number; binary: boolean }
  | { dec: true; unscaled: bigint; scale: number; binary: boolean };

const SPLIT_RE = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
/** resource.ErrFormatWrong. */
export const ERR_FORMAT = `quantities must match the regular expression '${SPLIT_RE}'`;
/** resource.ErrNumeric. */
export const ERR_NUMERIC = "unable to parse numeric part of quantity";
/** resource.ErrSuffix. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const NANO = -9;

const DEC_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString, with its quirks (`1.G` and a bare `Mi` are accepted). */
function scan(str: string): Scanned | Error {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === "-") {
      positive = false;
      pos++;
    } else if (str[0] === "+") pos++;
  }
  const out: Scanned = { positive, value: "", num: "", denom: "", suffix: "" };
  for (let i = pos;; i++) {
    if (i >= end) return { ...out, num: "0", value: "0" };
    if (str[i] !== "0") break;
    pos++;
  }
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { ...out, num: str.slice(pos), value: str };
  out.num = str.slice(pos, i) || "0";
  pos = i;
  if (pos < end && str[pos] === ".") {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    if (j >= end) return { ...out, denom: str.slice(pos), value: str };
    out.denom = str.slice(pos, j);
    pos = j;
  }
  out.value = str.slice(0, pos);
  const suffixStart = pos;
  let k = pos;
  while (k < end && "eEinumkKMGTP".includes(str[k])) k++;
  if (k >= end) return { ...out, suffix: str.slice(suffixStart) };
  pos = k;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos >= end) return { ...out, suffix: str.slice(suffixStart) };
  return new Error(ERR_FORMAT);
}

function interpret(
  s: string,
): { base: 10 | 2; exponent: number; format: "si" | "bin" | "exp" } | undefined {
  if (Object.hasOwn(DEC_SUFFIXES, s)) return { base: 10, exponent: DEC_SUFFIXES[s], format: "si" };
  if (Object.hasOwn(BIN_SUFFIXES, s)) return { base: 2, exponent: BIN_SUFFIXES[s], format: "bin" };
  if (s.length > 1 && (s[0] === "E" || s[0] === "e")) {
    const rest = s.slice(1);
    if (!/^[+-]?\d+$/.test(rest)) return undefined;
    const n = BigInt(rest);
    if (n > MAX_INT64 || n < MIN_INT64) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: "exp" };
  }
  return undefined;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function fitsInt64(v: bigint): boolean {
  return v <= MAX_INT64 && v >= MIN_INT64;
}

/** inf.Dec.SetString: `[+-]digits[.digits]`, scale = number of fraction digits. */
function decFromString(s: string): { unscaled: bigint; scale: number } | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const digits = (m[2] + (m[3] ?? "")) || "0";
  const v = BigInt(digits);
  return { unscaled: m[1] === "-" ? -v : v, scale: (m[3] ?? "").length };
}

/**
 * resource.ParseQuantity.
 *
 * @returns The quantity, or the error Kubernetes reports.
 */
export function parseQuantity(str: string): Quantity | Error {
  if (str.length === 0) return new Error(ERR_FORMAT);
  if (str === "0") return { dec: false, value: 0n, scale: 0, binary: false };
  const sc = scan(str);
  if (sc instanceof Error) return sc;
  const suf = interpret(sc.suffix);
  if (!suf) return new Error(ERR_SUFFIX);
  const { base, exponent, format } = suf;
  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (format !== "bin") {
    scale = exponent;
    precision = 18 - (sc.num.length + sc.denom.length);
  } else if (exponent >= 0 && sc.denom.length === 0) {
    mantissa = 1n << BigInt(exponent);
    precision = 15 - sc.num.length - Math.trunc(Math.fround(exponent * 3 / 10)) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= sc.denom.length;
    if (scale >= NANO) {
      const shifted = sc.num + sc.denom;
      const value = BigInt(shifted);
      if (!fitsInt64(value)) return new Error(ERR_NUMERIC);
      const result = value * mantissa;
      if (fitsInt64(result)) {
        return {
          dec: false,
          value: sc.positive ? result : -result,
          scale,
          binary: format === "bin",
        };
      }
    }
  }
  const d = decFromString(sc.value);
  if (!d) return new Error(ERR_NUMERIC);
  let { unscaled, scale: dscale } = d;
  if (base === 10) dscale -= exponent;
  else unscaled *= 1n << BigInt(exponent);
  const negative = unscaled < 0n;
  if (negative) unscaled = -unscaled;
  if (unscaled !== 0n) {
    // Non-zero values round up to the smallest representable amount (1n).
    if (dscale <= 9) unscaled *= pow10(9 - dscale);
    else {
      const div = pow10(dscale - 9);
      unscaled = (unscaled + div - 1n) / div;
    }
    dscale = 9;
  }
  if (format === "bin" && cmpRaw(unscaled, dscale, MAX_INT64, 0) > 0) {
    unscaled = MAX_INT64;
    dscale = 0;
  }
  return {
    dec: true,
    unscaled: negative ? -unscaled : unscaled,
    scale: dscale,
    binary: format === "bin",
  };
}

/** Compares a × 10^-sa with b × 10^-sb. */
function cmpRaw(a: bigint, sa: number, b: bigint, sb: number): number {
  const s = Math.max(sa, sb);
  const x = a * pow10(s - sa);
  const y = b * pow10(s - sb);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The value as inf.Dec (`unscaled × 10^-scale`). */
function asDec(q: Quantity): { unscaled: bigint; scale: number } {
  return q.dec ? { unscaled: q.unscaled, scale: q.scale } : { unscaled: q.value, scale: -q.scale };
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const x = asDec(a);
  const y = asDec(b);
  return cmpRaw(x.unscaled, x.scale, y.unscaled, y.scale);
}

/** Quantity.Sign. */
export function quantitySign(q: Quantity): number {
  const v = q.dec ? q.unscaled : q.value;
  return v < 0n ? -1 : v > 0n ? 1 : 0;
}

/** positiveScaleInt64: base × 10^scale, if it fits an int64. */
function positiveScale(base: bigint, scale: number): bigint | undefined {
  const v = base * pow10(scale);
  return fitsInt64(v) ? v : undefined;
}

/** Quantity.AsInt64: only a scaled int64 with a non-negative scale converts. */
export function quantityAsInt64(q: Quantity): bigint | undefined {
  if (q.dec) return undefined;
  if (q.scale === 0) return q.value;
  if (q.scale < 0) return undefined;
  return positiveScale(q.value, q.scale);
}

/** Quantity.AsApproximateFloat64. */
export function quantityAsFloat(q: Quantity): number {
  const base = Number(q.dec ? q.unscaled : q.value);
  const exponent = q.dec ? -q.scale : q.scale;
  return exponent === 0 ? base : base * 10 ** exponent;
}

/** int64Amount.Add; `undefined` on overflow (the caller falls back to inf.Dec). */
function addInt(
  a: { value: bigint; scale: number },
  b: { value: bigint; scale: number },
): { value: bigint; scale: number } | undefined {
  if (b.value === 0n) return a;
  if (a.value === 0n) return b;
  let sum: bigint;
  let scale: number;
  if (a.scale === b.scale) {
    sum = a.value + b.value;
    scale = a.scale;
  } else if (a.scale > b.scale) {
    const c = positiveScale(a.value, a.scale - b.scale);
    if (c === undefined) return undefined;
    sum = c + b.value;
    scale = b.scale;
  } else {
    const c = positiveScale(b.value, b.scale - a.scale);
    if (c === undefined) return undefined;
    sum = a.value + c;
    scale = a.scale;
  }
  return fitsInt64(sum) ? { value: sum, scale } : undefined;
}

function addDec(a: Quantity, b: Quantity, negate: boolean): Quantity {
  const x = asDec(a);
  const y = asDec(b);
  const s = Math.max(x.scale, y.scale);
  const yv = y.unscaled * pow10(s - y.scale);
  const unscaled = x.unscaled * pow10(s - x.scale) + (negate ? -yv : yv);
  return { dec: true, unscaled, scale: s, binary: a.binary };
}

/** Quantity.Add. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  if (!a.dec && !b.dec) {
    const r = addInt(a, b);
    if (r) return { dec: false, ...r, binary: a.binary };
  }
  return addDec(a, b, false);
}

/** Quantity.Sub. */
export function subQuantity(a: Quantity, b: Quantity): Quantity {
  if (!a.dec && !b.dec) {
    const r = addInt(a, { value: -b.value, scale: b.scale });
    if (r) return { dec: false, ...r, binary: a.binary };
  }
  return addDec(a, b, true);
}

/** resource.NewQuantity(n, DecimalExponent). */
export function intQuantity(n: bigint): Quantity {
  return { dec: false, value: n, scale: 0, binary: false };
}

/** A string form that round-trips through {@linkcode decodeQuantity}. */
export function encodeQuantity(q: Quantity): string {
  return q.dec ? `d:${q.unscaled}:${q.scale}:${+q.binary}` : `i:${q.value}:${q.scale}:${+q.binary}`;
}

/** The inverse of {@linkcode encodeQuantity}. */
export function decodeQuantity(s: string): Quantity {
  const [k, v, sc, b] = s.split(":");
  const binary = b === "1";
  return k === "d"
    ? { dec: true, unscaled: BigInt(v), scale: Number(sc), binary }
    : { dec: false, value: BigInt(v), scale: Number(sc), binary };
}
