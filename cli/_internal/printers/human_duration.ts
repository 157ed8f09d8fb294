// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Durations for humans, as apimachinery's `util/duration` renders them (AGE columns, describe).
 *
 * @module
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Renders a duration with two or three significant figures, like apimachinery's
 * `duration.HumanDuration` (`119s`, `6m40s`, `3h5m`, `2d7h`, `2y5d`).
 *
 * @param ms The duration in milliseconds; slightly negative values (clock skew) print `0s`.
 * @returns The text, or `<invalid>` below −1 s.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { humanDuration } from "./human_duration.ts";
 * assertEquals(humanDuration(400_000), "6m40s");
 * assertEquals(humanDuration(-5_000), "<invalid>");
 * ```
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * Renders a duration with one unit, like apimachinery's `duration.ShortHumanDuration`
 * (`59s`, `5m`, `23h`, `364d`, `2y`).
 *
 * @param ms The duration in milliseconds.
 * @returns The text, or `<invalid>` below −1 s.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { shortHumanDuration } from "./human_duration.ts";
 * assertEquals(shortHumanDuration(400_000), "6m");
 * ```
 */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * The age of a timestamp as kubectl's AGE column shows it (`translateTimestampSince`).
 *
 * @param timestamp An RFC 3339 time; absent, `null` or unparsable times print `<unknown>`.
 * @param now The current time (pass a clock in; no globals).
 * @param options `short` uses {@linkcode shortHumanDuration}.
 * @returns The age text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ageSince } from "./human_duration.ts";
 * const now = new Date("2026-01-03T07:00:00Z");
 * assertEquals(ageSince("2026-01-01T00:00:00Z", now), "2d7h");
 * assertEquals(ageSince(null, now), "<unknown>");
 * ```
 */
export function ageSince(
  timestamp: string | null | undefined,
  now: Date,
  options: { short?: boolean } = {},
): string {
  if (!timestamp) return "<unknown>";
  const t = Date.parse(timestamp);
  if (Number.isNaN(t) || t === GO_ZERO_TIME) return "<unknown>";
  const d = now.getTime() - t;
  return options.short ? shortHumanDuration(d) : humanDuration(d);
}

// Go's zero time (0001-01-01T00:00:00Z) counts as unset.
const GO_ZERO_TIME = -62135596800000;
