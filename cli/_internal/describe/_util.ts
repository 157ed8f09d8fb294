// Copyright 2026 the k1s authors. Apache-2.0 license.
// Small readers for plain JSON objects.

/** A plain object, or an empty one. */
export function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? v as Record<string, unknown>
    : {};
}

/** A string, or `""`. */
export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** An array, or an empty one. */
export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The byte length of a base64 value (Go decodes `[]byte` fields from base64). */
export function base64Length(v: unknown): number {
  const s = str(v).replace(/=+$/, "");
  return Math.floor((s.length * 3) / 4);
}

/** Decodes base64 text to UTF-8. */
export function base64Text(v: unknown): string {
  try {
    const bin = atob(str(v));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return "";
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Formats a timestamp as Go's `time.RFC1123Z` in UTC (`Thu, 26 Nov 2026 09:00:00 +0000`). */
export function rfc1123z(v: unknown): string {
  const t = Date.parse(str(v));
  const d = new Date(Number.isNaN(t) ? -62135596800000 : t);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${
    MONTHS[d.getUTCMonth()]
  } ${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
