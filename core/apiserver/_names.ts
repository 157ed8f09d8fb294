// Copyright 2026 the k1s authors. Apache-2.0 license.
// generateName suffixes, as apiserver's storage/names/generate.go.

const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const MAX_PREFIX = 58;

/** `prefix` (cut to 58 characters) plus 5 random characters from Kubernetes' alphabet. */
export function generateName(prefix: string): string {
  const base = prefix.length > MAX_PREFIX ? prefix.slice(0, MAX_PREFIX) : prefix;
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  let s = "";
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return base + s;
}
