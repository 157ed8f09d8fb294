// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { ageSince, humanDuration, shortHumanDuration } from "./human_duration.ts";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

Deno.test("humanDuration() matches apimachinery's vectors", async (t) => {
  const cases: [number, string][] = [
    [0, "0s"],
    [-1 * S, "0s"],
    [-1999, "0s"],
    [-2 * S, "<invalid>"],
    [119 * S, "119s"],
    [120 * S, "2m"],
    [400 * S, "6m40s"],
    [10 * M, "10m"],
    [179 * M, "179m"],
    [3 * H, "3h"],
    [3 * H + 5 * M, "3h5m"],
    [8 * H, "8h"],
    [47 * H, "47h"],
    [48 * H, "2d"],
    [2 * D + 7 * H, "2d7h"],
    [8 * D, "8d"],
    [364 * D, "364d"],
    [2 * Y, "2y"],
    [2 * Y + 5 * D, "2y5d"],
    [8 * Y, "8y"],
    [20 * Y + 100 * D, "20y"],
  ];
  for (const [ms, want] of cases) {
    await t.step(`${ms}ms → ${want}`, () => assertEquals(humanDuration(ms), want));
  }
});

Deno.test("shortHumanDuration() uses a single unit", async (t) => {
  const cases: [number, string][] = [
    [-2 * S, "<invalid>"],
    [-1 * S, "0s"],
    [59 * S, "59s"],
    [400 * S, "6m"],
    [3 * H + 5 * M, "3h"],
    [2 * D + 7 * H, "2d"],
    [364 * D, "364d"],
    [2 * Y + 5 * D, "2y"],
  ];
  for (const [ms, want] of cases) {
    await t.step(`${ms}ms → ${want}`, () => assertEquals(shortHumanDuration(ms), want));
  }
});

Deno.test("ageSince() prints <unknown> for unset timestamps", async (t) => {
  const now = new Date("2026-11-26T10:00:00Z");
  const cases: [string | null | undefined, string][] = [
    [undefined, "<unknown>"],
    [null, "<unknown>"],
    ["", "<unknown>"],
    ["0001-01-01T00:00:00Z", "<unknown>"],
    ["2026-11-26T09:59:56Z", "4s"],
    ["2026-11-26T10:00:05Z", "<invalid>"],
    ["2026-11-24T03:00:00Z", "2d7h"],
  ];
  for (const [ts, want] of cases) {
    await t.step(`${ts} → ${want}`, () => assertEquals(ageSince(ts, now), want));
  }
  await t.step(
    "short form",
    () => assertEquals(ageSince("2026-11-24T03:00:00Z", now, { short: true }), "2d"),
  );
});
