// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertInstanceOf, assertThrows } from "@std/assert";
import { StatusError } from "../errors/status_error.ts";
import { applyJsonPatch } from "./json_patch.ts";

// RFC 6902 appendix A.
const OK: [string, unknown, unknown[], unknown][] = [
  ["A.1 adds an object member", { foo: "bar" }, [{ op: "add", path: "/baz", value: "qux" }], {
    baz: "qux",
    foo: "bar",
  }],
  ["A.2 adds an array element", { foo: ["bar", "baz"] }, [{
    op: "add",
    path: "/foo/1",
    value: "qux",
  }], {
    foo: ["bar", "qux", "baz"],
  }],
  ["A.3 removes an object member", { baz: "qux", foo: "bar" }, [{ op: "remove", path: "/baz" }], {
    foo: "bar",
  }],
  ["A.4 removes an array element", { foo: ["bar", "qux", "baz"] }, [{
    op: "remove",
    path: "/foo/1",
  }], {
    foo: ["bar", "baz"],
  }],
  ["A.5 replaces a value", { baz: "qux", foo: "bar" }, [{
    op: "replace",
    path: "/baz",
    value: "boo",
  }], {
    baz: "boo",
    foo: "bar",
  }],
  [
    "A.6 moves a value",
    { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } },
    [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }],
    { foo: { bar: "baz" }, qux: { corge: "grault", thud: "fred" } },
  ],
  ["A.7 moves an array element", { foo: ["all", "grass", "cows", "eat"] }, [
    { op: "move", from: "/foo/1", path: "/foo/3" },
  ], { foo: ["all", "cows", "eat", "grass"] }],
  ["A.8 tests values", { baz: "qux", foo: ["a", 2, "c"] }, [
    { op: "test", path: "/baz", value: "qux" },
    { op: "test", path: "/foo/1", value: 2 },
  ], { baz: "qux", foo: ["a", 2, "c"] }],
  ["A.10 adds a nested member object", { foo: "bar" }, [
    { op: "add", path: "/child", value: { grandchild: {} } },
  ], { foo: "bar", child: { grandchild: {} } }],
  ["A.11 ignores unrecognized members", { foo: "bar" }, [{
    op: "add",
    path: "/baz",
    value: "qux",
    xyz: 123,
  }], {
    foo: "bar",
    baz: "qux",
  }],
  ["A.14 decodes ~0 and ~1", { "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: 10 }], {
    "/": 9,
    "~1": 10,
  }],
  ["A.16 adds an array value with -", { foo: ["bar"] }, [{
    op: "add",
    path: "/foo/-",
    value: ["abc", "def"],
  }], {
    foo: ["bar", ["abc", "def"]],
  }],
  ["copies a value", { a: { b: [1] } }, [{ op: "copy", from: "/a/b", path: "/c" }], {
    a: { b: [1] },
    c: [1],
  }],
  ["counts negative indices from the end", { a: [1, 2, 3] }, [{ op: "remove", path: "/a/-1" }], {
    a: [1, 2],
  }],
  ["adds a ConfigMap key with a slash", { data: {} }, [{
    op: "add",
    path: "/data/a~1b",
    value: "x",
  }], {
    data: { "a/b": "x" },
  }],
  ["tests null against a missing member", { a: 1 }, [{ op: "test", path: "/b", value: null }], {
    a: 1,
  }],
  ["treats a null patch as empty", { a: 1 }, null as unknown as unknown[], { a: 1 }],
];

Deno.test("applyJsonPatch() applies RFC 6902 operations", async (t) => {
  for (const [name, doc, ops, want] of OK) {
    await t.step(name, () => assertEquals(applyJsonPatch(doc, ops), want));
  }
});

const FAIL: [string, unknown, unknown[], string][] = [
  [
    "A.9 a failed test",
    { baz: "qux" },
    [{ op: "test", path: "/baz", value: "bar" }],
    "testing value /baz failed: test failed",
  ],
  ["A.12 adding to a missing parent", { foo: "bar" }, [{
    op: "add",
    path: "/baz/bat",
    value: "qux",
  }], 'add operation does not apply: doc is missing path: "/baz/bat": missing value'],
  ["A.15 a string is not a number", { "/": 9, "~1": 10 }, [{
    op: "test",
    path: "/~01",
    value: "10",
  }], "testing value /~01 failed: test failed"],
  [
    "removing a missing key",
    { a: 1 },
    [{ op: "remove", path: "/b" }],
    "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value",
  ],
  [
    "replacing a missing key",
    { a: 1 },
    [{ op: "replace", path: "/b", value: 2 }],
    "replace operation does not apply: doc is missing key: /b: missing value",
  ],
  [
    "an index past the end",
    { a: [1] },
    [{ op: "add", path: "/a/3", value: 2 }],
    "error in add for path: '/a/3': Unable to access invalid index: 3: invalid index referenced",
  ],
  ["an unknown op", { a: 1 }, [{ op: "frob", path: "/a" }], "Unexpected kind: frob"],
  [
    "the root path",
    { a: 1 },
    [{ op: "add", path: "", value: 2 }],
    'add operation does not apply: doc is missing path: "": missing value',
  ],
];

Deno.test("applyJsonPatch() answers failed operations with the apiserver's 422", async (t) => {
  for (const [name, doc, ops, cause] of FAIL) {
    await t.step(name, () => {
      const err = assertThrows(() => applyJsonPatch(doc, ops), StatusError);
      assertEquals(err.status, {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        reason: "Invalid",
        code: 422,
        message: "the server rejected our request due to an error in our request",
        // NewGenericServerResponse(..., isUnexpectedResponse=false): no causes.
        details: {},
      });
      assertInstanceOf(err.cause, Error);
      assertEquals(err.cause.message, cause);
    });
  }
});

Deno.test("applyJsonPatch() aborts the whole patch and leaves the document untouched", () => {
  const doc = { data: { a: "1" } };
  assertThrows(() =>
    applyJsonPatch(doc, [
      { op: "add", path: "/data/b", value: "2" },
      { op: "test", path: "/data/a", value: "9" },
    ]), StatusError);
  assertEquals(doc, { data: { a: "1" } });
});

Deno.test("applyJsonPatch() does not alias values between the patch and the result", () => {
  const value = { x: [1] };
  const out = applyJsonPatch({}, [{ op: "add", path: "/a", value }, {
    op: "copy",
    from: "/a",
    path: "/b",
  }]) as {
    a: { x: number[] };
    b: { x: number[] };
  };
  out.a.x.push(2);
  assertEquals([value.x, out.b.x], [[1], [1]]);
});

Deno.test("applyJsonPatch() rejects a body that is not a list of operations with 400", async (t) => {
  for (
    const [ops, msg] of [
      [{ op: "add" }, "json: cannot unmarshal object into Go value of type jsonpatch.Patch"],
      ["x", "json: cannot unmarshal string into Go value of type jsonpatch.Patch"],
      [[1], "json: cannot unmarshal number into Go value of type jsonpatch.Operation"],
    ] as const
  ) {
    await t.step(msg, () => {
      const err = assertThrows(() => applyJsonPatch({}, ops), StatusError);
      assertEquals([err.code, err.message], [400, msg]);
    });
  }
});
