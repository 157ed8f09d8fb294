// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import { StatusError } from "../errors/status_error.ts";
import { applyMergePatch, createMergePatch } from "./merge_patch.ts";

// RFC 7386 appendix A, minus the two top-level null/scalar patches Kubernetes rejects.
const RFC7386: [string, unknown, unknown, unknown][] = [
  ["replaces a member", { a: "b" }, { a: "c" }, { a: "c" }],
  ["adds a member", { a: "b" }, { b: "c" }, { a: "b", b: "c" }],
  ["null deletes a member", { a: "b" }, { a: null }, {}],
  ["null deletes only that member", { a: "b", b: "c" }, { a: null }, { b: "c" }],
  ["a scalar replaces a list", { a: ["b"] }, { a: "c" }, { a: "c" }],
  ["a list replaces a scalar", { a: "c" }, { a: ["b"] }, { a: ["b"] }],
  ["merges nested objects", { a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
  ["replaces lists whole", { a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
  ["a list patch replaces a list", ["a", "b"], ["c", "d"], ["c", "d"]],
  ["a list patch replaces an object", { a: "b" }, ["c"], ["c"]],
  ["keeps nulls already in the target", { e: null }, { a: 1 }, { e: null, a: 1 }],
  ["an object patch replaces a list target", [1, 2], { a: "b", c: null }, { a: "b" }],
  ["prunes nulls in new members", {}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

Deno.test("applyMergePatch() follows RFC 7386 appendix A", async (t) => {
  for (const [name, target, patch, want] of RFC7386) {
    await t.step(name, () => assertEquals(applyMergePatch(target, patch), want));
  }
});

Deno.test("applyMergePatch() prunes nulls as evanphx/json-patch does", async (t) => {
  await t.step("inside lists placed where nothing was", () => {
    assertEquals(applyMergePatch({}, { a: [{ b: null, c: 1 }, null] }), { a: [{ c: 1 }, null] });
  });
  await t.step("not inside lists replacing an object", () => {
    assertEquals(applyMergePatch({ a: { x: 1 } }, { a: [{ b: null }] }), { a: [{ b: null }] });
  });
  await t.step("inside objects replacing a scalar", () => {
    assertEquals(applyMergePatch({ a: 1 }, { a: { b: null, c: 2 } }), { a: { c: 2 } });
  });
});

Deno.test("applyMergePatch() rejects null and scalar patches with 400 Invalid JSON Patch", async (t) => {
  for (const patch of [null, "bar", 1, true]) {
    await t.step(JSON.stringify(patch), () => {
      const err = assertThrows(() => applyMergePatch({ a: "foo" }, patch), StatusError);
      assertEquals([err.code, err.reason, err.message], [400, "BadRequest", "Invalid JSON Patch"]);
    });
  }
});

Deno.test("applyMergePatch() does not modify its inputs or alias them", () => {
  const target = { a: { b: [1], c: { d: 1 } }, keep: { x: [1] } };
  const patch = { a: { b: [2], c: { e: { f: 1 } } } };
  const before = structuredClone([target, patch]);
  const out = applyMergePatch(target, patch) as typeof target & typeof patch;
  assertEquals([target, patch], before);
  out.keep.x.push(2);
  (out.a.c as Record<string, unknown>).e = 0;
  assertEquals([target, patch], before);
});

Deno.test("applyMergePatch() keeps __proto__ as a plain key", () => {
  const patch = JSON.parse('{"__proto__": {"polluted": true}}');
  const out = applyMergePatch({}, patch) as Record<string, unknown>;
  assertEquals(Object.getPrototypeOf(out), Object.prototype);
  assertEquals(Object.keys(out), ["__proto__"]);
});

const DIFFS: [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][] =
  [
    ["nothing changed", { a: 1, b: [1] }, { a: 1, b: [1] }, {}],
    ["a scalar changed", { a: 100, c: "hello" }, { a: 100, c: "goodbye" }, { c: "goodbye" }],
    ["a member added", { a: 1 }, { a: 1, b: { c: 2 } }, { b: { c: 2 } }],
    ["a member removed", { a: 1, b: 2 }, { a: 1 }, { b: null }],
    ["a nested change", { a: { b: 1, c: 2 } }, { a: { b: 1, c: 3, d: 4 } }, { a: { c: 3, d: 4 } }],
    ["a nested removal", { a: { b: 1, c: 2 } }, { a: { b: 1 } }, { a: { c: null } }],
    ["a list changed is sent whole", { a: [1, 2] }, { a: [1, 3] }, { a: [1, 3] }],
    ["a type change replaces", { a: { b: 1 } }, { a: [1] }, { a: [1] }],
    ["null to a value", { a: null }, { a: 1 }, { a: 1 }],
    ["an emptied object", { a: { b: 1 } }, { a: {} }, { a: { b: null } }],
  ];

Deno.test("createMergePatch() diffs as evanphx/json-patch's CreateMergePatch", async (t) => {
  for (const [name, original, modified, want] of DIFFS) {
    await t.step(name, () => {
      const patch = createMergePatch(original, modified);
      assertEquals(patch, want);
      assertEquals(applyMergePatch(original, patch), modified);
    });
  }
});

Deno.test("createMergePatch() needs two objects", () => {
  assertThrows(() => createMergePatch([1], {}), TypeError, "both documents must be JSON objects");
});
