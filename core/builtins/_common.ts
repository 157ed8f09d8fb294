// Copyright 2026 the k1s authors. Apache-2.0 license.
// Pieces shared by the built-in kinds: verbs, the AGE column, map helpers and base64 sizes.
import type { KubeObject } from "../object/types.ts";
import type { PrinterColumn } from "../registry/types.ts";

/** The verbs `api-resources -o wide` lists for most built-in kinds. */
export const STANDARD_VERBS: readonly string[] = Object.freeze([
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
]);

const CREATION_TIMESTAMP_DOC =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/** The AGE column kubectl shows for most kinds. */
export const AGE_COLUMN: PrinterColumn = Object.freeze({
  name: "Age",
  type: "date",
  jsonPath: ".metadata.creationTimestamp",
  description: CREATION_TIMESTAMP_DOC,
  // Computed, as the API server's printers compute it: no timestamp is `<unknown>` there,
  // where a custom resource's JSONPath column would print an empty cell.
  value: (obj: KubeObject) => obj.metadata?.creationTimestamp,
});

/** The ObjectMeta `creationTimestamp` doc, for columns computed from it. */
export const CREATION_TIMESTAMP_DESCRIPTION: string = CREATION_TIMESTAMP_DOC;

/** A plain JSON object, or `undefined` for anything else. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? v as Record<string, unknown>
    : undefined;
}

/** A string-valued map field of an object (`data`, `binaryData`), or `undefined`. */
export function stringMap(obj: KubeObject, field: string): Record<string, unknown> | undefined {
  return asRecord(obj[field]);
}

/** The number of keys of a map field. */
export function keyCount(v: unknown): number {
  const r = asRecord(v);
  if (!r) return 0;
  let n = 0;
  for (const _ in r) n++;
  return n;
}

/**
 * Deep equality of JSON values, where an absent map equals an empty one (Kubernetes stores both
 * as nothing, so `reflect.DeepEqual` on stored objects sees no difference).
 */
export function sameMap(a: unknown, b: unknown): boolean {
  const ra = asRecord(a);
  const rb = asRecord(b);
  const na = keyCount(ra);
  if (na !== keyCount(rb)) return false;
  if (na === 0) return true;
  for (const k in ra) {
    if (!Object.hasOwn(rb!, k) || ra![k] !== rb![k]) return false;
  }
  return true;
}

/** Deep equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], bb[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!jsonEqual(ra[k], rb[k])) return false;
  return true;
}

/**
 * The decoded length of a base64 value, as Go's `len([]byte)` after JSON decoding, without
 * decoding it. Invalid base64 is measured as if it were valid (decoding rejects it elsewhere).
 */
export function base64DecodedLength(s: unknown): number {
  if (typeof s !== "string") return 0;
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 0x3d) n--;
  return Math.floor((n * 3) / 4);
}

/** Decodes base64 into bytes; `undefined` when it is not valid base64. */
export function base64Decode(s: unknown): Uint8Array | undefined {
  if (typeof s !== "string") return undefined;
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Encodes a string's UTF-8 bytes as base64, as Go's JSON encoding of a `[]byte`. */
export function base64EncodeUtf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** A timestamp as Go's `time.Time.UTC().Format(time.RFC3339)`; Go's zero time when absent. */
export function rfc3339(ts: unknown): string {
  const ms = typeof ts === "string" ? Date.parse(ts) : NaN;
  if (Number.isNaN(ms)) return "0001-01-01T00:00:00Z";
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** What errors show instead of a Secret's values. */
export const SECRET_REDACTED = "<secret contents redacted>";
