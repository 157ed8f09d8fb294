// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { compileSchema } from "./compile_schema.ts";
import type { JSONSchemaProps } from "./types.ts";

function defaulted(schema: JSONSchemaProps, obj: unknown): unknown {
  compileSchema(schema).default(obj);
  return obj;
}

Deno.test("default() fills absent fields as apiextensions does", async (t) => {
  const cases: [string, JSONSchemaProps, unknown, unknown][] = [
    [
      "absent scalars take their default",
      {
        type: "object",
        properties: {
          spec: {
            type: "object",
            properties: {
              replicas: { type: "integer", default: 1 },
              mode: { type: "string", default: "a" },
            },
          },
        },
      },
      { spec: { mode: "b" } },
      { spec: { mode: "b", replicas: 1 } },
    ],
    [
      "an absent parent is not created",
      {
        type: "object",
        properties: {
          spec: { type: "object", properties: { replicas: { type: "integer", default: 1 } } },
        },
      },
      {},
      {},
    ],
    [
      "an object default is itself defaulted",
      {
        type: "object",
        properties: {
          spec: {
            type: "object",
            default: {},
            properties: {
              replicas: { type: "integer", default: 1 },
              nested: {
                type: "object",
                default: { a: "x" },
                properties: { a: { type: "string" }, b: { type: "string", default: "y" } },
              },
            },
          },
        },
      },
      {},
      { spec: { replicas: 1, nested: { a: "x", b: "y" } } },
    ],
    [
      "list items are defaulted",
      {
        type: "object",
        properties: {
          ports: {
            type: "array",
            items: {
              type: "object",
              properties: {
                port: { type: "integer" },
                protocol: { type: "string", default: "TCP" },
              },
            },
          },
        },
      },
      { ports: [{ port: 80 }, { port: 53, protocol: "UDP" }] },
      { ports: [{ port: 80, protocol: "TCP" }, { port: 53, protocol: "UDP" }] },
    ],
    [
      "map values are defaulted",
      {
        type: "object",
        properties: {
          limits: {
            type: "object",
            additionalProperties: {
              type: "object",
              properties: { max: { type: "integer", default: 10 } },
            },
          },
        },
      },
      { limits: { cpu: {}, mem: { max: 3 } } },
      { limits: { cpu: { max: 10 }, mem: { max: 3 } } },
    ],
    [
      "null of a non-nullable field takes the default",
      {
        type: "object",
        properties: { a: { type: "string", default: "x" } },
      },
      { a: null },
      { a: "x" },
    ],
    [
      "null of a nullable field is kept",
      {
        type: "object",
        properties: { a: { type: "string", nullable: true, default: "x" } },
      },
      { a: null },
      { a: null },
    ],
    [
      "null list items of non-nullable items take the items default",
      {
        type: "object",
        properties: { a: { type: "array", items: { type: "string", default: "d" } } },
      },
      { a: ["x", null] },
      { a: ["x", "d"] },
    ],
    [
      "null map values of non-nullable values take the default",
      {
        type: "object",
        properties: {
          m: { type: "object", additionalProperties: { type: "integer", default: 0 } },
        },
      },
      { m: { a: null, b: 2 } },
      { m: { a: 0, b: 2 } },
    ],
    [
      "present values are never replaced",
      {
        type: "object",
        properties: { a: { type: "integer", default: 1 }, b: { type: "boolean", default: true } },
      },
      { a: 0, b: false },
      { a: 0, b: false },
    ],
  ];
  for (const [name, schema, obj, want] of cases) {
    await t.step(name, () => assertEquals(defaulted(schema, obj), want));
  }
});

Deno.test("default() copies defaults instead of sharing them", () => {
  const schema: JSONSchemaProps = {
    type: "object",
    properties: { tags: { type: "array", items: { type: "string" }, default: ["a"] } },
  };
  const a = defaulted(schema, {}) as { tags: string[] };
  const b = defaulted(schema, {}) as { tags: string[] };
  assert(a.tags !== b.tags);
  a.tags.push("b");
  assertEquals(b.tags, ["a"]);
  assertEquals(schema.properties!.tags.default, ["a"]);
});
