// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import type { KubeObject } from "../object/types.ts";
import { configMapType } from "./config_map.ts";

const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const IMMUTABLE = "Forbidden: field is immutable when `immutable` is set";

function cm(fields: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", namespace: "default" },
    ...fields,
  };
}

Deno.test("configMapType validates keys, key clashes and size on create", async (t) => {
  const cases: [string, KubeObject, string[]][] = [
    ["empty", cm(), []],
    [
      "data and binaryData",
      cm({ data: { "a.b": "x", A_B: "y" }, binaryData: { "c-d": "AAEC" } }),
      [],
    ],
    ["bad data key", cm({ data: { "bad/key": "x" } }), [
      `data[bad/key]: Invalid value: "bad/key": ${KEY_MSG}`,
    ]],
    ["dot key", cm({ data: { ".": "x" } }), [`data[.]: Invalid value: ".": must not be '.'`]],
    ["dot-dot key", cm({ data: { "..x": "x" } }), [
      `data[..x]: Invalid value: "..x": must not start with '..'`,
    ]],
    ["long key", cm({ data: { ["k".repeat(254)]: "x" } }), [
      `data[${"k".repeat(254)}]: Invalid value: "${
        "k".repeat(254)
      }": must be no more than 253 characters`,
    ]],
    ["bad binaryData key", cm({ binaryData: { "a b": "AA==" } }), [
      `binaryData[a b]: Invalid value: "a b": ${KEY_MSG}`,
    ]],
    ["key in both", cm({ data: { k: "x" }, binaryData: { k: "AA==" } }), [
      'data[k]: Invalid value: "k": duplicate of key present in binaryData',
    ]],
    ["exactly 1 MiB", cm({ data: { a: "x".repeat(1048576) } }), []],
    ["over 1 MiB of text", cm({ data: { a: "x".repeat(1048576), b: "y" } }), [
      "[]: Too long: may not be more than 1048576 bytes",
    ]],
    ["over 1 MiB of UTF-8 bytes", cm({ data: { a: "é".repeat(524288), b: "y" } }), [
      "[]: Too long: may not be more than 1048576 bytes",
    ]],
    ["1 MiB of UTF-8 bytes", cm({ data: { a: "é".repeat(524288) } }), []],
    [
      "binaryData counts decoded bytes",
      cm({ data: { a: "x".repeat(1048574) }, binaryData: { b: "AAAA" } }),
      [
        "[]: Too long: may not be more than 1048576 bytes",
      ],
    ],
    [
      "binaryData within the limit",
      cm({ data: { a: "x".repeat(1048574) }, binaryData: { b: "AA==" } }),
      [],
    ],
  ];
  for (const [name, obj, want] of cases) {
    await t.step(
      name,
      () => assertEquals(configMapType.strategy.validate!(obj).map(formatFieldError), want),
    );
  }
});

Deno.test("configMapType makes immutable one-way on update", async (t) => {
  const frozen = cm({ immutable: true, data: { a: "1" }, binaryData: { b: "AA==" } });
  const cases: [string, KubeObject, KubeObject, string[]][] = [
    ["mutable data changes", cm({ data: { a: "2" } }), cm({ data: { a: "1" } }), []],
    ["becoming immutable", cm({ immutable: true, data: { a: "2" } }), cm({ data: { a: "1" } }), []],
    ["immutable unchanged", structuredClone(frozen), frozen, []],
    [
      "immutable, labels change",
      {
        ...structuredClone(frozen),
        metadata: { name: "c", namespace: "default", labels: { a: "b" } },
      },
      frozen,
      [],
    ],
    ["data changed", cm({ immutable: true, data: { a: "2" }, binaryData: { b: "AA==" } }), frozen, [
      `data: ${IMMUTABLE}`,
    ]],
    [
      "binaryData changed",
      cm({ immutable: true, data: { a: "1" }, binaryData: { b: "AQ==" } }),
      frozen,
      [
        `binaryData: ${IMMUTABLE}`,
      ],
    ],
    ["immutable unset", cm({ data: { a: "1" }, binaryData: { b: "AA==" } }), frozen, [
      `immutable: ${IMMUTABLE}`,
    ]],
    ["immutable false, all changed", cm({ immutable: false }), frozen, [
      `immutable: ${IMMUTABLE}`,
      `data: ${IMMUTABLE}`,
      `binaryData: ${IMMUTABLE}`,
    ]],
    ["empty map equals absent", cm({ immutable: true, data: {} }), cm({ immutable: true }), []],
    ["update still validates keys", cm({ data: { "a b": "1" } }), cm(), [
      `data[a b]: Invalid value: "a b": ${KEY_MSG}`,
    ]],
  ];
  for (const [name, obj, old, want] of cases) {
    await t.step(name, () => {
      assertEquals(configMapType.strategy.validateUpdate!(obj, old).map(formatFieldError), want);
    });
  }
});

Deno.test("configMapType prints DATA as the count of data and binaryData keys", () => {
  const [data, age] = configMapType.printerColumns;
  assertEquals(data.name, "Data");
  assertEquals(data.value!(cm({ data: { a: "1", b: "2" }, binaryData: { c: "AA==" } })), 3);
  assertEquals(data.value!(cm()), 0);
  const { value, ...rest } = age;
  assertEquals(rest, {
    name: "Age",
    type: "date",
    jsonPath: ".metadata.creationTimestamp",
    description: age.description,
  });
  const stamped = cm();
  stamped.metadata.creationTimestamp = "2026-01-01T00:00:00Z";
  assertEquals(value!(stamped), "2026-01-01T00:00:00Z");
});
