// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { compactionThreshold, DEFAULT_COMPACTION } from "./_compaction.ts";

Deno.test("the compaction threshold grows with the square root of the snapshot", async (t) => {
  const defaults = DEFAULT_COMPACTION;
  const cases: [string, number, { minBytes: number; scaleBytes: number }, number][] = [
    ["no snapshot: the minimum", 0, defaults, 64 * 1024],
    ["a small snapshot: the minimum", 1e6, defaults, 64 * 1024],
    ["1,000 ConfigMaps (1.9 MB): √(4 KiB × 1.9 MB)", 1.9e6, defaults, 88_218],
    ["100 times the snapshot: 10 times the threshold", 190e6, defaults, 882_179],
    ["scale 0: the minimum alone", 190e6, { minBytes: 1000, scaleBytes: 0 }, 1000],
    ["minimum 0: the square root alone", 100, { minBytes: 0, scaleBytes: 4 }, 20],
  ];
  for (const [name, snapshot, tuning, want] of cases) {
    await t.step(name, () => assertEquals(Math.round(compactionThreshold(snapshot, tuning)), want));
  }
  assertEquals(compactionThreshold(0, { minBytes: 0, scaleBytes: 0 }), 0);
});
