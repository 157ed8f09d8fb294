// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertThrows } from "@std/assert";
import { naturalLess, parseQuantity, sortObjects } from "./sort_by.ts";
import { PrintError } from "./print_error.ts";

Deno.test("sortObjects() orders as kubectl --sort-by", async (t) => {
  const cases: [string, unknown[], string, unknown[]][] = [
    ["numbers by value", [{ v: 10 }, { v: 9 }, { v: -1 }], ".v", [{ v: -1 }, { v: 9 }, { v: 10 }]],
    ["quantities by value", [{ v: "1Gi" }, { v: "500Mi" }, { v: "2" }], "{.v}", [{ v: "2" }, {
      v: "500Mi",
    }, { v: "1Gi" }]],
    ["strings naturally", [{ v: "pod-10" }, { v: "pod-9" }, { v: "a" }], "v", [{ v: "a" }, {
      v: "pod-9",
    }, { v: "pod-10" }]],
    ["missing first, in Go's order", [{ v: 1, i: 0 }, { i: 1 }, { i: 2 }], ".v", [{ i: 2 }, {
      i: 1,
    }, {
      v: 1,
      i: 0,
    }]],
    ["null first", [{ v: "b" }, { v: null }], ".v", [{ v: null }, { v: "b" }]],
    ["booleans false first", [{ v: true }, { v: false }], ".v", [{ v: false }, { v: true }]],
    ["timestamps", [{ t: "2026-11-26T09:00:00Z" }, { t: "2026-11-24T02:00:00Z" }], ".t", [{
      t: "2026-11-24T02:00:00Z",
    }, { t: "2026-11-26T09:00:00Z" }]],
  ]; // deno-fmt-ignore
  for (const [name, objs, field, want] of cases) {
    await t.step(name, () => assertEquals(sortObjects(objs, field), want));
  }
});

Deno.test("sortObjects() errors as kubectl does", async (t) => {
  await t.step("no object has the field", () => {
    const e = assertThrows(() => sortObjects([{ a: 1 }], ".metadata.nope"), PrintError);
    assertEquals(
      e.message,
      'couldn\'t find any field with path "{.metadata.nope}" in the list of objects',
    );
  });
  await t.step("bad expression", () => {
    const e = assertThrows(() => sortObjects([{ a: 1 }], "{a}}"), PrintError);
    assertEquals(
      e.message,
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  });
  await t.step("mixed types", () => {
    assertThrows(() => sortObjects([{ a: 1 }, { a: "x" }], ".a"), PrintError);
  });
  await t.step("empty input", () => assertEquals(sortObjects([], ".x"), []));
});

Deno.test("naturalLess() and parseQuantity()", async (t) => {
  const less: [string, string][] = [["a1", "a2"], ["a2", "a10"], ["a01", "a001"], ["1", "a"], [
    "",
    "a",
  ], ["x9y", "x10"]];
  for (const [a, b] of less) {
    await t.step(`${a} < ${b}`, () => {
      assert(naturalLess(a, b));
      assert(!naturalLess(b, a));
    });
  }
  const q: [string, number | undefined][] = [
    ["100m", 0.1],
    ["1k", 1000],
    ["2e3", 2000],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["abc", undefined],
    ["", undefined],
    ["1K", undefined],
    ["-1", -1],
  ];
  for (const [s, want] of q) {
    await t.step(`quantity ${s}`, () => assertEquals(parseQuantity(s), want));
  }
});

Deno.test("sortObjects() names the Go type it cannot sort", async (t) => {
  const cases: [string, unknown, unknown, string][] = [
    ["a map", { k: "v" }, { k: "v" }, "unsortable type: map[string]interface {}"],
    ["a list", ["x"], ["x"], "unsortable type: []interface {}"],
    ["a number and a string", 1, "x", "unsortable interface: interface"],
    ["an integer and a float", 1, 1.5, "unsortable interface: interface"],
  ];
  for (const [name, a, b, err] of cases) {
    await t.step(name, () => {
      const e = assertThrows(() => sortObjects([{ a }, { a: b }], ".a"), PrintError);
      assertEquals(
        e.message,
        `Field {.a} in *unstructured.Unstructured is an unsortable type: interface, err: ${err}`,
      );
    });
  }
});
