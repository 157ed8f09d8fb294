// Copyright 2026 the k1s authors. Apache-2.0 license.
// Renderings of Go values as apimachinery prints them inside field errors (`%v`, `%#v`,
// `time.Time.String()`), for the few errors whose bad value is not a plain string or number.

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Go's `time.Time.String()` for a timestamp in UTC: `2006-01-02 15:04:05 +0000 UTC`, with
 * fractional seconds only when present. An absent or unparsable time is Go's zero time.
 */
export function goTimeString(value: unknown): string {
  const ms = typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) return "0001-01-01 00:00:00 +0000 UTC";
  const d = new Date(ms);
  const frac = d.getUTCMilliseconds();
  const fs = frac ? `.${String(frac).padStart(3, "0").replace(/0+$/, "")}` : "";
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${fs} +0000 UTC`;
}

/** Go's `%q` of a string (close to JSON for the ASCII range Kubernetes names use). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's `%#v` of a `*bool`: `(*bool)(nil)` or a pointer, whose address Go prints and we cannot. */
function goBoolPtr(v: unknown): string {
  return typeof v === "boolean" ? "(*bool)(0xc000000000)" : "(*bool)(nil)";
}

/** Go's `%#v` of a `metav1.OwnerReference`. */
export function goOwnerReference(ref: Record<string, unknown>): string {
  const s = (k: string) => goQuote(typeof ref[k] === "string" ? ref[k] as string : "");
  return `v1.OwnerReference{APIVersion:${s("apiVersion")}, Kind:${s("kind")}, Name:${s("name")}, ` +
    `UID:${s("uid")}, Controller:${goBoolPtr(ref.controller)}, ` +
    `BlockOwnerDeletion:${goBoolPtr(ref.blockOwnerDeletion)}}`;
}

/** Go's `%#v` of a `[]metav1.OwnerReference`. */
export function goOwnerReferences(refs: readonly Record<string, unknown>[]): string {
  return `[]v1.OwnerReference{${refs.map(goOwnerReference).join(", ")}}`;
}

/** Go's `%#v` of a struct with string fields, e.g. `rbac.RoleRef{APIGroup:"", Kind:"", Name:""}`. */
export function goStringStruct(
  type: string,
  fields: readonly [goName: string, value: unknown][],
): string {
  const parts = fields.map(([k, v]) => `${k}:${goQuote(typeof v === "string" ? v : "")}`);
  return `${type}{${parts.join(", ")}}`;
}
