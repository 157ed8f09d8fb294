// Copyright 2026 the k1s authors. Apache-2.0 license.
// Continue tokens in apiserver's format: base64url (no padding) of
// {"v":"meta.k8s.io/v1","rv":<listRV>,"start":"<key-minus-prefix>"}.
import { newBadRequest } from "../errors/status_error.ts";

/** Encodes a continue token for the next key `next` (full key) under `prefix`. */
export function encodeContinue(rv: number, prefix: string, next: string): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv, start: next.slice(prefix.length) });
  const bytes = new TextEncoder().encode(json);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Decodes a token into the list revision and the full start key. */
export function decodeContinue(token: string, prefix: string): { rv: number; start: string } {
  let parsed: { v?: string; rv?: number; start?: string };
  try {
    const b64 = token.replaceAll("-", "+").replaceAll("_", "/");
    const bin = atob(b64 + "=".repeat((4 - b64.length % 4) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw newBadRequest(`invalid continue token: ${(e as Error).message}`);
  }
  if (parsed.v !== "meta.k8s.io/v1") {
    throw newBadRequest(
      `invalid continue token: unknown token version ${JSON.stringify(parsed.v ?? "")}`,
    );
  }
  if (typeof parsed.rv !== "number" || typeof parsed.start !== "string") {
    throw newBadRequest("invalid continue token: missing resource version or start key");
  }
  const start = prefix + parsed.start;
  // As apiserver's path.Clean check: the key may not leave the listed prefix.
  if (!confined(prefix, start)) {
    throw newBadRequest(`invalid continue token: continue key is not valid: ${parsed.start}`);
  }
  return { rv: parsed.rv, start };
}

function confined(prefix: string, key: string): boolean {
  if (!key.startsWith(prefix)) return false;
  for (const seg of key.slice(prefix.length).split("/")) {
    if (seg === "." || seg === "..") return false;
  }
  return !key.slice(prefix.length).startsWith("/");
}
