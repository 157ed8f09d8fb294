// Copyright 2026 the k1s authors. Apache-2.0 license.
// RFC 3339 timestamps with second precision, as metav1.Time serialises.

let cachedSecond = -1;
let cachedText = "";

/** Formats a date as `2026-11-26T10:00:00Z` (cached per second: it is on every write path). */
export function rfc3339(d: Date): string {
  const ms = d.getTime();
  const s = Math.floor(ms / 1000);
  if (s !== cachedSecond) {
    cachedSecond = s;
    cachedText = new Date(s * 1000).toISOString().slice(0, 19) + "Z";
  }
  return cachedText;
}

/**
 * The real clock, the default of a runtime's `now`. Its identity tells a fake clock apart:
 * under one, generated names must be deterministic.
 */
export const systemNow = (): Date => new Date();
