// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { type Condition, setStatusCondition } from "./conditions.ts";

const T0 = new Date("2026-01-01T00:00:00Z");
const T1 = new Date("2026-01-01T00:05:00Z");

function ready(): Condition[] {
  return [{
    type: "Ready",
    status: "False",
    reason: "Waiting",
    message: "m",
    observedGeneration: 1,
    lastTransitionTime: "2026-01-01T00:00:00Z",
  }];
}

Deno.test("setStatusCondition() changes the transition time only with the status", async (t) => {
  const cases: [string, Partial<Condition>, boolean, string][] = [
    ["nothing new", {}, false, "2026-01-01T00:00:00Z"],
    ["another status", { status: "True" }, true, "2026-01-01T00:05:00Z"],
    ["another reason", { reason: "Other" }, true, "2026-01-01T00:00:00Z"],
    ["another message", { message: "n" }, true, "2026-01-01T00:00:00Z"],
    ["another generation", { observedGeneration: 2 }, true, "2026-01-01T00:00:00Z"],
  ];
  for (const [name, change, changed, time] of cases) {
    await t.step(name, () => {
      const conditions = ready();
      const { lastTransitionTime: _, ...current } = conditions[0];
      assertEquals(setStatusCondition(conditions, { ...current, ...change }, { now: T1 }), changed);
      assertEquals(conditions[0].lastTransitionTime, time);
      assertEquals(conditions.length, 1);
    });
  }
  await t.step("a new type is appended, stamped now", () => {
    const conditions = ready();
    setStatusCondition(conditions, { type: "Synced", status: "True", reason: "R", message: "" }, {
      now: T0,
    });
    assertEquals(conditions.map((c) => [c.type, c.lastTransitionTime]), [
      ["Ready", "2026-01-01T00:00:00Z"],
      ["Synced", "2026-01-01T00:00:00Z"],
    ]);
  });
});
