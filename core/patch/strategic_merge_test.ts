// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertInstanceOf, assertStringIncludes, assertThrows } from "@std/assert";
import type { JSONSchemaProps } from "../schema/types.ts";
import { StatusError } from "../errors/status_error.ts";
import {
  applyStrategicMergePatch,
  createThreeWayMergePatch,
  createTwoWayMergePatch,
} from "./strategic_merge.ts";

// The shape of apimachinery's strategic merge test type (`MergeItem` in patch_test.go).
const mergeItem: JSONSchemaProps = { type: "object", properties: {} };
const retainKeysMergeItem: JSONSchemaProps = {
  type: "object",
  properties: {
    name: { type: "string" },
    value: { type: "string" },
    other: { type: "string" },
    simpleMap: { type: "object", additionalProperties: { type: "string" } },
    mergingIntList: {
      type: "array",
      items: { type: "integer" },
      "x-kubernetes-patch-strategy": "merge",
    },
    mergingList: {
      type: "array",
      items: mergeItem,
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    },
    nonMergingList: { type: "array", items: mergeItem },
  },
};
Object.assign(
  mergeItem.properties!,
  {
    name: { type: "string" },
    value: { type: "string" },
    other: { type: "string" },
    mergingList: {
      type: "array",
      items: mergeItem,
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    },
    nonMergingList: { type: "array", items: mergeItem },
    mergingIntList: {
      type: "array",
      items: { type: "integer" },
      "x-kubernetes-patch-strategy": "merge",
    },
    nonMergingIntList: { type: "array", items: { type: "integer" } },
    mergeItemPtr: {
      allOf: [mergeItem],
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    },
    simpleMap: { type: "object", additionalProperties: { type: "string" } },
    replacingItem: {
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
      "x-kubernetes-patch-strategy": "replace",
    },
    retainKeysMap: { allOf: [retainKeysMergeItem], "x-kubernetes-patch-strategy": "retainKeys" },
    retainKeysMergingList: {
      type: "array",
      items: mergeItem,
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge,retainKeys",
    },
  } satisfies Record<string, JSONSchemaProps>,
);

type Doc = Record<string, unknown>;

/** Patches applied to an original (`twoWay`) must yield `modified`. */
interface ApplyCase {
  name: string;
  original: Doc;
  patch: Doc;
  result: Doc;
}

const APPLY: ApplyCase[] = [
  {
    name: "merges scalar sets without duplicates",
    original: { mergingIntList: [1, 2] },
    patch: { mergingIntList: [2, 3] },
    result: { mergingIntList: [1, 2, 3] },
  },
  {
    name: "$patch: delete empties a map",
    original: { simpleMap: { key1: "1", key2: "1" } },
    patch: { simpleMap: { $patch: "delete" } },
    result: { simpleMap: {} },
  },
  {
    name: "$patch: replace in a list replaces the list",
    original: { mergingList: [{ name: "1" }, { name: "2" }] },
    patch: { mergingList: [{ $patch: "replace" }] },
    result: { mergingList: [] },
  },
  {
    name: "$patch: replace on a map keeps only the patch",
    original: { name: "1", value: "1" },
    patch: { other: "a", $patch: "replace" },
    result: { other: "a" },
  },
  {
    name: "$patch: delete removes every item with the key",
    original: {
      mergingList: [{ name: "1" }, { name: "1" }, { name: "2", value: "a" }, { name: "3" }, {
        name: "3",
      }],
    },
    patch: { mergingList: [{ name: "1", $patch: "delete" }, { name: "3", $patch: "delete" }] },
    result: { mergingList: [{ name: "2", value: "a" }] },
  },
  {
    name: "the patch order wins in a merging list",
    original: { mergingList: [{ name: "1" }, { name: "2", value: "b" }, { name: "3" }] },
    patch: {
      mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }, {
        name: "2",
        other: "x",
      }],
    },
    result: {
      mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }, {
        name: "2",
        value: "b",
        other: "x",
      }],
    },
  },
  {
    name: "server-only items keep their place before patched ones",
    original: { mergingList: [{ name: "1" }, { name: "2", value: "b" }, { name: "3" }] },
    patch: { mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }] },
    result: {
      mergingList: [{ name: "2", value: "b" }, { name: "3", value: "c" }, {
        name: "1",
        value: "a",
      }],
    },
  },
  {
    name: "the patch order wins in a merging int list",
    original: { mergingIntList: [1, 2, 3] },
    patch: { mergingIntList: [3, 1] },
    result: { mergingIntList: [2, 3, 1] },
  },
  {
    name: "$setElementOrder may name items the list lacks",
    original: { mergingList: [{ name: "1" }, { name: "3" }] },
    patch: {
      "$setElementOrder/mergingList": [{ name: "3" }, { name: "2" }, { name: "1" }],
      mergingList: [{ name: "3", value: "3" }, { name: "1", value: "1" }],
    },
    result: { mergingList: [{ name: "3", value: "3" }, { name: "1", value: "1" }] },
  },
  {
    name: "$setElementOrder reorders an int list",
    original: { mergingIntList: [1, 3] },
    patch: { "$setElementOrder/mergingIntList": [3, 2, 1] },
    result: { mergingIntList: [3, 1] },
  },
  {
    name: "$deleteFromPrimitiveList removes every copy",
    original: { mergingIntList: [1, 2, 3, 3, 4] },
    patch: {
      "$setElementOrder/mergingIntList": [1, 2],
      "$deleteFromPrimitiveList/mergingIntList": [3],
    },
    result: { mergingIntList: [1, 2, 4] },
  },
  {
    name: "$retainKeys clears unlisted fields of the map",
    original: { retainKeysMap: { name: "foo", value: "a", other: "x" } },
    patch: { retainKeysMap: { $retainKeys: ["name", "value"], value: "b" } },
    result: { retainKeysMap: { name: "foo", value: "b" } },
  },
  {
    name: "$retainKeys in list items",
    original: { retainKeysMergingList: [{ name: "bar" }, { name: "foo", value: "a", other: "x" }] },
    patch: {
      "$setElementOrder/retainKeysMergingList": [{ name: "bar" }, { name: "foo" }],
      retainKeysMergingList: [{ $retainKeys: ["name"], name: "foo", value: null }],
    },
    result: { retainKeysMergingList: [{ name: "bar" }, { name: "foo" }] },
  },
  {
    name: "replace strategy replaces a map",
    original: { replacingItem: { a: 1, b: 2 } },
    patch: { replacingItem: { c: 3 } },
    result: { replacingItem: { c: 3 } },
  },
  {
    name: "non-merging lists are replaced",
    original: { nonMergingList: [{ name: "1", value: "a" }], nonMergingIntList: [1, 2] },
    patch: { nonMergingList: [{ name: "1" }], nonMergingIntList: [3] },
    result: { nonMergingList: [{ name: "1" }], nonMergingIntList: [3] },
  },
  {
    name: "nulls in new maps are dropped",
    original: { name: "1" },
    patch: { simpleMap: { a: "1", b: null }, value: null },
    result: { name: "1", simpleMap: { a: "1" } },
  },
  {
    name: "directives in values taken whole are dropped",
    original: {},
    patch: { mergingList: [{ name: "1" }, { name: "2", $patch: "delete" }] },
    result: { mergingList: [{ name: "1" }] },
  },
  {
    // New items without a $setElementOrder go first: mergeSortedSlice cannot place them among
    // the live ones.
    name: "metadata.finalizers and ownerReferences merge without a schema, new items first",
    original: { metadata: { finalizers: ["a"], ownerReferences: [{ uid: "1", name: "x" }] } },
    patch: { metadata: { finalizers: ["b"], ownerReferences: [{ uid: "2", name: "y" }] } },
    result: {
      metadata: {
        finalizers: ["b", "a"],
        ownerReferences: [{ uid: "2", name: "y" }, { uid: "1", name: "x" }],
      },
    },
  },
];

Deno.test("applyStrategicMergePatch() applies directives and strategies as apimachinery does", async (t) => {
  for (const c of APPLY) {
    await t.step(c.name, () => {
      const before = structuredClone([c.original, c.patch]);
      assertEquals(applyStrategicMergePatch(c.original, c.patch, mergeItem), c.result);
      assertEquals([c.original, c.patch], before);
    });
  }
});

Deno.test("applyStrategicMergePatch() without a schema merges maps and replaces lists", () => {
  assertEquals(
    applyStrategicMergePatch(
      { a: { b: 1, c: [1, 2] }, d: 1 },
      { a: { b: null, c: [3] } },
      undefined,
    ),
    { a: { c: [3] }, d: 1 },
  );
});

const ERRORS: [string, Doc, unknown, number, string][] = [
  [
    "a list item without its merge key",
    { mergingList: [{ name: "1", value: "a" }] },
    {
      mergingList: [{ value: "b" }],
    },
    500,
    "map: map[value:b] does not contain declared merge key: name",
  ],
  [
    "a $setElementOrder out of step with the patch",
    { mergingList: [{ name: "1" }, { name: "3" }, { name: "2" }] },
    {
      "$setElementOrder/mergingList": [{ name: "1" }, { name: "2" }, { name: "3" }],
      mergingList: [{ name: "3", value: "3" }, { name: "1", value: "1" }],
    },
    500,
    "doesn't match $setElementOrder list",
  ],
  [
    "an unknown directive",
    { simpleMap: { a: "1" } },
    { simpleMap: { $patch: "frob" } },
    500,
    "unknown patch type: frob in map: map[$patch:frob]",
  ],
  [
    "$patch: merge in a list",
    { mergingList: [{ name: "1" }] },
    { mergingList: [{ $patch: "merge" }] },
    500,
    "merging lists cannot yet be specified in the patch",
  ],
  [
    "a malformed $retainKeys",
    { retainKeysMap: { name: "a" } },
    { retainKeysMap: { $retainKeys: "name" } },
    400,
    "invalid patch format of retainKeys",
  ],
  [
    "a field missing from $retainKeys",
    { retainKeysMap: { name: "a" } },
    {
      retainKeysMap: { $retainKeys: ["name"], value: "b" },
    },
    400,
    "invalid patch format of retainKeys",
  ],
  [
    "a list patch",
    {},
    [1],
    400,
    "json: cannot unmarshal array into Go value of type map[string]interface {}",
  ],
];

Deno.test("applyStrategicMergePatch() reports errors as the apiserver does", async (t) => {
  for (const [name, original, patch, code, msg] of ERRORS) {
    await t.step(name, () => {
      const err = assertThrows(
        () => applyStrategicMergePatch(original, patch, mergeItem),
        StatusError,
      );
      assertEquals(err.code, code);
      assertStringIncludes(err.message, msg);
    });
  }
  await t.step("lists of lists are 422 with the generic message", () => {
    const err = assertThrows(
      () =>
        applyStrategicMergePatch({ mergingIntList: [[1]] }, { mergingIntList: [[2]] }, mergeItem),
      StatusError,
    );
    assertEquals([err.code, err.reason, err.message], [
      422,
      "Invalid",
      "the server rejected our request due to an error in our request",
    ]);
    assertInstanceOf(err.cause, Error);
    assertEquals(err.cause.message, "lists of lists are not supported");
  });
});

/** A two-way case: the patch from original to modified, which applied to original gives modified. */
interface TwoWayCase {
  name: string;
  original: Doc;
  modified: Doc;
  twoWay: Doc;
  /** When applying `twoWay` to `original` does not give `modified` (explicit nulls). */
  twoWayResult?: Doc;
  /** Three-way inputs and outputs. */
  current?: Doc;
  threeWay?: Doc;
  result?: Doc;
}

const CASES: TwoWayCase[] = [
  {
    name: "nil original",
    original: {},
    modified: { name: "1", value: "1" },
    twoWay: { name: "1", value: "1" },
    current: { name: "1", other: "a" },
    threeWay: { value: "1" },
    result: { name: "1", value: "1", other: "a" },
  },
  {
    name: "nil patch",
    original: { name: "1" },
    modified: { name: "1" },
    twoWay: {},
    current: { name: "1" },
    threeWay: {},
    result: { name: "1" },
  },
  {
    name: "add a field to a map",
    original: { name: "1" },
    modified: { name: "1", value: "1" },
    twoWay: { value: "1" },
    current: { name: "1", other: "a" },
    threeWay: { value: "1" },
    result: { name: "1", value: "1", other: "a" },
  },
  {
    name: "add a field, overwriting a changed one",
    original: { name: "1" },
    modified: { name: "1", value: "1" },
    twoWay: { value: "1" },
    current: { name: "a", other: "a" },
    threeWay: { name: "1", value: "1" },
    result: { name: "1", value: "1", other: "a" },
  },
  {
    name: "add a field and delete one",
    original: { name: "1" },
    modified: { value: "1" },
    twoWay: { name: null, value: "1" },
    current: { name: "1", other: "a" },
    threeWay: { name: null, value: "1" },
    result: { value: "1", other: "a" },
  },
  {
    name: "delete a field from a nested map",
    original: { simpleMap: { key1: "1", key2: "1" } },
    modified: { simpleMap: { key1: "1" } },
    twoWay: { simpleMap: { key2: null } },
    current: { simpleMap: { key1: "1", key2: "1", other: "a" } },
    threeWay: { simpleMap: { key2: null } },
    result: { simpleMap: { key1: "1", other: "a" } },
  },
  {
    name: "delete all fields of a map",
    original: { name: "1", value: "1" },
    modified: {},
    twoWay: { name: null, value: null },
    current: { name: "1", value: "1", other: "a" },
    threeWay: { name: null, value: null },
    result: { other: "a" },
  },
  {
    name: "replace a list of scalars",
    original: { nonMergingIntList: [1, 2] },
    modified: { nonMergingIntList: [2, 3] },
    twoWay: { nonMergingIntList: [2, 3] },
    current: { nonMergingIntList: [1, 4] },
    threeWay: { nonMergingIntList: [2, 3] },
    result: { nonMergingIntList: [2, 3] },
  },
  {
    name: "delete all maps from a merging list",
    original: { mergingList: [{ name: "1" }, { name: "2" }] },
    modified: { mergingList: [] },
    twoWay: { mergingList: [{ name: "1", $patch: "delete" }, { name: "2", $patch: "delete" }] },
    current: { mergingList: [{ name: "1", other: "a" }, { name: "2", other: "b" }] },
    threeWay: { mergingList: [{ name: "1", $patch: "delete" }, { name: "2", $patch: "delete" }] },
    result: { mergingList: [] },
  },
  {
    name: "explicit nulls propagate",
    original: { name: "2" },
    modified: { name: "1", value: "1", other: null },
    twoWay: { name: "1", value: "1", other: null },
    twoWayResult: { name: "1", value: "1" },
    current: { name: "a", other: "a" },
    threeWay: { name: "1", value: "1", other: null },
    result: { name: "1", value: "1" },
  },
  {
    name: "delete items from a list of scalars",
    original: { mergingIntList: [1, 2, 3] },
    modified: { mergingIntList: [1, 2] },
    twoWay: {
      "$setElementOrder/mergingIntList": [1, 2],
      "$deleteFromPrimitiveList/mergingIntList": [3],
    },
    current: { mergingIntList: [1, 2, 3, 4] },
    threeWay: {
      "$setElementOrder/mergingIntList": [1, 2],
      "$deleteFromPrimitiveList/mergingIntList": [3],
    },
    result: { mergingIntList: [1, 2, 4] },
  },
  {
    name: "add and delete items in a list of scalars",
    original: { mergingIntList: [1, 2, 3] },
    modified: { mergingIntList: [1, 2, 4] },
    twoWay: {
      "$setElementOrder/mergingIntList": [1, 2, 4],
      "$deleteFromPrimitiveList/mergingIntList": [3],
      mergingIntList: [4],
    },
    current: { mergingIntList: [1, 2, 3, 4] },
    threeWay: {
      "$setElementOrder/mergingIntList": [1, 2, 4],
      "$deleteFromPrimitiveList/mergingIntList": [3],
    },
    result: { mergingIntList: [1, 2, 4] },
  },
  {
    name: "merge lists of maps",
    original: { mergingList: [{ name: "1" }, { name: "2", value: "2" }] },
    modified: {
      mergingList: [{ name: "4", value: "4" }, { name: "1" }, { name: "2", value: "2" }, {
        name: "3",
        value: "3",
      }],
    },
    twoWay: {
      "$setElementOrder/mergingList": [{ name: "4" }, { name: "1" }, { name: "2" }, { name: "3" }],
      mergingList: [{ name: "4", value: "4" }, { name: "3", value: "3" }],
    },
    current: { mergingList: [{ name: "1", other: "a" }, { name: "2", value: "2", other: "b" }] },
    threeWay: {
      "$setElementOrder/mergingList": [{ name: "4" }, { name: "1" }, { name: "2" }, { name: "3" }],
      mergingList: [{ name: "4", value: "4" }, { name: "3", value: "3" }],
    },
    result: {
      mergingList: [
        { name: "4", value: "4" },
        { name: "1", other: "a" },
        { name: "2", value: "2", other: "b" },
        { name: "3", value: "3" },
      ],
    },
  },
  {
    name: "merge lists of maps, overwriting a live change",
    original: { mergingList: [{ name: "1" }, { name: "2", value: "2" }] },
    modified: {
      mergingList: [{ name: "1" }, { name: "2", value: "2" }, { name: "3", value: "3" }],
    },
    twoWay: {
      "$setElementOrder/mergingList": [{ name: "1" }, { name: "2" }, { name: "3" }],
      mergingList: [{ name: "3", value: "3" }],
    },
    current: { mergingList: [{ name: "1", other: "a" }, { name: "2", value: "3", other: "b" }] },
    threeWay: {
      "$setElementOrder/mergingList": [{ name: "1" }, { name: "2" }, { name: "3" }],
      mergingList: [{ name: "2", value: "2" }, { name: "3", value: "3" }],
    },
    result: {
      mergingList: [{ name: "1", other: "a" }, { name: "2", value: "2", other: "b" }, {
        name: "3",
        value: "3",
      }],
    },
  },
  {
    name: "retainKeys list item drops a field",
    original: { retainKeysMergingList: [{ name: "bar" }, { name: "foo", value: "a" }] },
    modified: { retainKeysMergingList: [{ name: "bar" }, { name: "foo" }] },
    twoWay: {
      "$setElementOrder/retainKeysMergingList": [{ name: "bar" }, { name: "foo" }],
      retainKeysMergingList: [{ $retainKeys: ["name"], name: "foo", value: null }],
    },
    current: { retainKeysMergingList: [{ name: "bar" }, { name: "foo", value: "a", other: "x" }] },
    threeWay: {
      "$setElementOrder/retainKeysMergingList": [{ name: "bar" }, { name: "foo" }],
      retainKeysMergingList: [{ $retainKeys: ["name"], name: "foo", value: null }],
    },
    result: { retainKeysMergingList: [{ name: "bar" }, { name: "foo" }] },
  },
  {
    name: "retainKeys list item adds a field",
    original: { retainKeysMergingList: [{ name: "bar" }, { name: "foo" }] },
    modified: { retainKeysMergingList: [{ name: "bar" }, { name: "foo", value: "a" }] },
    twoWay: {
      "$setElementOrder/retainKeysMergingList": [{ name: "bar" }, { name: "foo" }],
      retainKeysMergingList: [{ $retainKeys: ["name", "value"], name: "foo", value: "a" }],
    },
    current: { retainKeysMergingList: [{ name: "bar" }, { name: "foo", other: "x" }] },
    threeWay: {
      "$setElementOrder/retainKeysMergingList": [{ name: "bar" }, { name: "foo" }],
      retainKeysMergingList: [{ $retainKeys: ["name", "value"], name: "foo", value: "a" }],
    },
    result: { retainKeysMergingList: [{ name: "bar" }, { name: "foo", value: "a" }] },
  },
  {
    name: "retainKeys map with no change stays out of the patch",
    original: { name: "a", retainKeysMap: { name: "foo" } },
    modified: { name: "a", value: "b", retainKeysMap: { name: "foo" } },
    twoWay: { value: "b" },
    current: { name: "a", other: "c", retainKeysMap: { name: "foo" } },
    threeWay: { value: "b" },
    result: { name: "a", value: "b", other: "c", retainKeysMap: { name: "foo" } },
  },
  {
    name: "delete and reorder in one list, reorder in another",
    original: {
      mergingList: [{ name: "a", value: "a" }, { name: "b", value: "b" }],
      mergeItemPtr: [{ name: "c", value: "c" }, { name: "d", value: "d" }],
    },
    modified: {
      mergingList: [{ name: "b", value: "b" }],
      mergeItemPtr: [{ name: "d", value: "d" }, { name: "c", value: "c" }],
    },
    twoWay: {
      "$setElementOrder/mergingList": [{ name: "b" }],
      "$setElementOrder/mergeItemPtr": [{ name: "d" }, { name: "c" }],
      mergingList: [{ $patch: "delete", name: "a" }],
    },
    current: {
      mergingList: [{ name: "a", value: "a" }, { name: "b", value: "b" }],
      mergeItemPtr: [{ name: "c", value: "c" }, { name: "d", value: "d" }],
    },
    threeWay: {
      "$setElementOrder/mergingList": [{ name: "b" }],
      "$setElementOrder/mergeItemPtr": [{ name: "d" }, { name: "c" }],
      mergingList: [{ $patch: "delete", name: "a" }],
    },
    result: {
      mergingList: [{ name: "b", value: "b" }],
      mergeItemPtr: [{ name: "d", value: "d" }, { name: "c", value: "c" }],
    },
  },
  {
    name: "fields never in original are kept by the three-way patch",
    original: { simpleMap: { a: "1" } },
    modified: { simpleMap: { a: "2" } },
    twoWay: { simpleMap: { a: "2" } },
    current: { simpleMap: { a: "1", mine: "x" }, other: "live" },
    threeWay: { simpleMap: { a: "2" } },
    result: { simpleMap: { a: "2", mine: "x" }, other: "live" },
  },
];

Deno.test("createTwoWayMergePatch() creates the patches apimachinery creates", async (t) => {
  for (const c of CASES) {
    await t.step(c.name, () => {
      const patch = createTwoWayMergePatch(c.original, c.modified, mergeItem);
      assertEquals(patch, c.twoWay);
      assertEquals(
        applyStrategicMergePatch(c.original, patch, mergeItem),
        c.twoWayResult ?? c.modified,
      );
    });
  }
});

Deno.test("createThreeWayMergePatch() creates the patches kubectl apply sends", async (t) => {
  for (const c of CASES.filter((c) => c.current)) {
    await t.step(c.name, () => {
      const patch = createThreeWayMergePatch({
        original: c.original,
        modified: c.modified,
        current: c.current,
        schema: mergeItem,
        strategic: true,
      });
      assertEquals(patch, c.threeWay);
      assertEquals(applyStrategicMergePatch(c.current, patch, mergeItem), c.result);
    });
  }
});

Deno.test("createThreeWayMergePatch() without overwrite refuses to undo live changes", () => {
  const input = {
    original: { name: "1" },
    modified: { name: "1", value: "1" },
    current: { name: "a", other: "a" },
    schema: mergeItem,
    strategic: true,
    overwrite: false,
  };
  assertThrows(
    () => createThreeWayMergePatch(input),
    Error,
    "conflicts with changes made from original to current",
  );
  assertEquals(createThreeWayMergePatch({ ...input, current: { name: "1", other: "a" } }), {
    value: "1",
  });
});

Deno.test("createThreeWayMergePatch() creates JSON merge patches for custom resources", async (t) => {
  const cases: [string, Doc, Doc, Doc, Doc][] = [
    ["changes and additions", { spec: { a: 1 } }, { spec: { a: 2, b: [1] } }, {
      spec: { a: 1, live: true },
    }, {
      spec: { a: 2, b: [1] },
    }],
    ["deletes only what the last apply set", { spec: { a: 1, b: 2 } }, { spec: { a: 1 } }, {
      spec: { a: 1, b: 2, live: true },
    }, { spec: { b: null } }],
    ["nothing to do", { spec: { a: 1 } }, { spec: { a: 1 } }, { spec: { a: 1, live: true } }, {}],
    ["lists are replaced", { spec: { l: [1, 2] } }, { spec: { l: [1] } }, { spec: { l: [1, 2] } }, {
      spec: { l: [1] },
    }],
    ["explicit empty maps are values", {}, { spec: {} }, { status: {} }, { spec: {} }],
  ];
  for (const [name, original, modified, current, want] of cases) {
    await t.step(name, () => {
      assertEquals(
        createThreeWayMergePatch({ original, modified, current, strategic: false }),
        want,
      );
    });
  }
});

Deno.test("createTwoWayMergePatch() sorts keys as Go serializes them", () => {
  const patch = createTwoWayMergePatch({}, { b: 1, a: { d: 1, c: 2 } }, undefined);
  assertEquals(JSON.stringify(patch), '{"a":{"c":2,"d":1},"b":1}');
});
