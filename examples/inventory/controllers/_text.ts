// Copyright 2026 the k1s authors. Apache-2.0 license.
// Wording helpers of the controllers' status fields and events.

/** `1 item`, `2 items`, `0 subcategories`. */
export function countText(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** An RFC 3339 timestamp in whole seconds, as Kubernetes writes `metav1.Time`. */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, "Z");
}
