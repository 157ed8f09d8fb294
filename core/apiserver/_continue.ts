// Copyright 2026 the k1s authors. Apache-2.0 license.
// Continue tokens in apiserver's format: base64url (no padding) of
// {"v":"meta.k8s.io/v1","rv":<listRV>,"start":"<key-minus-prefix>"}, decoded and checked as
// apiserver's storage.DecodeContinue does, with its messages. The start key is the first key of
// the next page (apiserver writes the last key returned and a NUL byte: the same range).
import { newBadRequest } from "../errors/status_error.ts";
import { goJsonSyntaxError } from "../builtins/_go_json.ts";

/** Encodes a continue token for the next key `next` (full key) under `prefix`. */
export function encodeContinue(rv: number, prefix: string, next: string): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv, start: next.slice(prefix.length) });
  const bytes = new TextEncoder().encode(json);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

const INVALID = "continue key is not valid";

/**
 * Decodes a token into the list revision and the full start key; a malformed token is a 400
 * `invalid continue token: continue key is not valid…`.
 */
export function decodeContinue(token: string, prefix: string): { rv: number; start: string } {
  const fail = (detail: string) => newBadRequest(`invalid continue token: ${detail}`);
  const bytes = decodeRawUrlBase64(token);
  if (typeof bytes === "string") throw fail(`${INVALID}: ${bytes}`);
  const text = new TextDecoder().decode(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail(`${INVALID}: ${goJsonSyntaxError(bytes) ?? "unexpected end of JSON input"}`);
  }
  const typeError = tokenTypeError(parsed);
  if (typeError) throw fail(`${INVALID}: ${typeError}`);
  const c = parsed as { v?: string; rv?: number; start?: string } | null;
  const v = c?.v ?? "";
  if (v !== "meta.k8s.io/v1") {
    throw fail(`${INVALID}: server does not recognize this encoded version ${v}`);
  }
  const rv = c?.rv ?? 0;
  if (rv === 0) {
    throw fail(`${INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
  }
  const start = c?.start ?? "";
  if (!start) throw fail(`${INVALID}: encoded start key empty (version meta.k8s.io/v1)`);
  // As apiserver's path.Clean check: a start key cannot range above the listed prefix.
  const key = start.startsWith("/") ? start : `/${start}`;
  if (!isCleanPath(key)) throw fail(`${INVALID}: ${start}`);
  return { rv, start: prefix + key.slice(1) };
}

/** Whether Go's `path.Clean` leaves an absolute path unchanged. */
function isCleanPath(key: string): boolean {
  if (key === "/") return true;
  return key.slice(1).split("/").every((seg) => seg !== "" && seg !== "." && seg !== "..");
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Go's `base64.RawURLEncoding.DecodeString`: the bytes, or its error text
 * (`illegal base64 data at input byte N`).
 */
function decodeRawUrlBase64(s: string): Uint8Array | string {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  let n = 0;
  let last = -1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\n" || ch === "\r") continue;
    const d = ALPHABET.indexOf(ch);
    if (d < 0) return `illegal base64 data at input byte ${i}`;
    acc = (acc << 6) | d;
    bits += 6;
    n++;
    last = i;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  // A lone character in the last quantum carries no whole byte.
  if (n % 4 === 1) return `illegal base64 data at input byte ${last}`;
  return new Uint8Array(out);
}

const FIELD_TYPES: Record<string, { go: string; ok: (v: unknown) => boolean }> = {
  v: { go: "string", ok: (v) => typeof v === "string" },
  rv: { go: "int64", ok: (v) => typeof v === "number" && Number.isSafeInteger(v) },
  start: { go: "string", ok: (v) => typeof v === "string" },
};

/** Go's unmarshal error for a token of the wrong shape, if it is one. */
function tokenTypeError(parsed: unknown): string | undefined {
  if (parsed === null) return undefined;
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    return `json: cannot unmarshal ${jsonKind(parsed)} into Go value of type storage.continueToken`;
  }
  for (const [field, t] of Object.entries(FIELD_TYPES)) {
    const v = (parsed as Record<string, unknown>)[field];
    if (v === undefined || v === null || t.ok(v)) continue;
    const kind = typeof v === "number" ? `number ${JSON.stringify(v)}` : jsonKind(v);
    return `json: cannot unmarshal ${kind} into Go struct field continueToken.${field} of type ${t.go}`;
  }
  return undefined;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "boolean") return "bool";
  return typeof v === "object" ? "object" : typeof v;
}
