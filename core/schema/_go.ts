// Copyright 2026 the k1s authors. Apache-2.0 license.
// Go renderings (`%v`, `%q`, `%#v`) for the messages kube-openapi and apiextensions build with
// fmt, so numbers and quoted strings read exactly as a Kubernetes API server prints them.

/** Go's `strconv.Quote`: `%q` of a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (c) {
      case 0x07:
        out += "\\a";
        continue;
      case 0x08:
        out += "\\b";
        continue;
      case 0x0c:
        out += "\\f";
        continue;
      case 0x0a:
        out += "\\n";
        continue;
      case 0x0d:
        out += "\\r";
        continue;
      case 0x09:
        out += "\\t";
        continue;
      case 0x0b:
        out += "\\v";
        continue;
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += "\\\\";
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Go's `%v` of a float64: strconv's shortest `'g'` form, which switches to exponent form
 * (`1e+06`, `1e-05`) when the decimal exponent is below -4 or at least 6.
 */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  // Shortest round-trip digits and decimal exponent, from JS's own shortest formatting.
  const [mant, expPart] = Math.abs(f).toExponential().split("e");
  const digits = mant.replace(".", "");
  const exp = Number(expPart);
  const sign = f < 0 ? "-" : "";
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Go's `%v` of a JSON number as decoded by apimachinery: int64 when integral, else float64. */
export function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : goFloat(n);
}

/** Go's `%v` of a decoded JSON value, as fmt prints `[]interface{}` and `map[string]interface{}`. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goNumber(v);
  if (typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v as Record<string, unknown>).sort();
    return `map[${
      keys.map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(" ")
    }]`;
  }
  return String(v);
}

/** A `%#v` pointer rendering: Go prints an address, which we cannot reproduce. */
function goPtr(type: string, set: boolean): string {
  return set ? `(*${type})(0xc000000000)` : `(*${type})(nil)`;
}

/** Go's `%#v` of an internal `apiextensions.ValidationRule`, the bad value of rule errors. */
export function goValidationRule(rule: {
  rule?: unknown;
  message?: unknown;
  messageExpression?: unknown;
  reason?: unknown;
  fieldPath?: unknown;
  optionalOldSelf?: unknown;
}): string {
  const s = (v: unknown) => goQuote(typeof v === "string" ? v : "");
  return `apiextensions.ValidationRule{Rule:${s(rule.rule)}, Message:${s(rule.message)}, ` +
    `MessageExpression:${s(rule.messageExpression)}, ` +
    `Reason:${goPtr("apiextensions.FieldValueErrorReason", rule.reason !== undefined)}, ` +
    `FieldPath:${s(rule.fieldPath)}, OptionalOldSelf:${
      goPtr("bool", rule.optionalOldSelf !== undefined)
    }}`;
}
