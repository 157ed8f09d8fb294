// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { compileSchema } from "./compile_schema.ts";
import type { JSONSchemaProps } from "./types.ts";

function pruned(schema: JSONSchemaProps, obj: unknown): [unknown, string[]] {
  const paths = compileSchema(schema).prune(obj);
  return [obj, paths];
}

const spec: JSONSchemaProps = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        name: { type: "string" },
        items: { type: "array", items: { type: "object", properties: { a: { type: "string" } } } },
        labels: { type: "object", additionalProperties: { type: "string" } },
        free: {
          type: "object",
          "x-kubernetes-preserve-unknown-fields": true,
          properties: { known: { type: "object", properties: { x: { type: "string" } } } },
        },
        anything: { "x-kubernetes-preserve-unknown-fields": true },
        template: {
          type: "object",
          "x-kubernetes-embedded-resource": true,
          properties: { spec: { type: "object", properties: { image: { type: "string" } } } },
        },
        opaque: {
          type: "object",
          "x-kubernetes-embedded-resource": true,
          "x-kubernetes-preserve-unknown-fields": true,
        },
        maybe: { type: "string", nullable: true },
        never: { type: "string" },
        withDefault: { type: "string", default: "d" },
      },
    },
  },
};

Deno.test("prune() drops unknown fields and reports their paths", async (t) => {
  const cases: [string, unknown, unknown, string[]][] = [
    [
      "unknown fields at every level, sorted",
      {
        apiVersion: "x/v1",
        kind: "X",
        metadata: { name: "a", custom: 1 },
        top: 1,
        spec: { name: "n", zzz: 1, items: [{ a: "x", b: 2 }, { c: 3 }] },
      },
      {
        apiVersion: "x/v1",
        kind: "X",
        metadata: { name: "a" },
        spec: { name: "n", items: [{ a: "x" }, {}] },
      },
      ["metadata.custom", "spec.items[0].b", "spec.items[1].c", "spec.zzz", "top"],
    ],
    [
      "map keys are kept",
      { spec: { labels: { app: "web", tier: "db" } } },
      { spec: { labels: { app: "web", tier: "db" } } },
      [],
    ],
    [
      "preserve-unknown keeps unknown fields but prunes known ones",
      {
        spec: {
          free: { other: { deep: 1 }, known: { x: "1", y: "2" } },
          anything: { a: { b: 1 } },
        },
      },
      { spec: { free: { other: { deep: 1 }, known: { x: "1" } }, anything: { a: { b: 1 } } } },
      ["spec.free.known.y"],
    ],
    [
      "embedded resources keep apiVersion and kind and prune their metadata to ObjectMeta",
      {
        spec: {
          template: {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "p", labels: {}, creationTimestamp: null, bogus: true },
            spec: { image: "i", extra: 1 },
            status: {},
          },
        },
      },
      {
        spec: {
          template: {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "p" },
            spec: { image: "i" },
          },
        },
      },
      ["spec.template.spec.extra", "spec.template.status", "spec.template.metadata.bogus"],
    ],
    [
      "preserve-unknown embedded resources keep everything but unknown metadata",
      {
        spec: {
          opaque: { apiVersion: "v1", kind: "ConfigMap", data: { a: "b" }, metadata: { x: 1 } },
        },
      },
      { spec: { opaque: { apiVersion: "v1", kind: "ConfigMap", data: { a: "b" }, metadata: {} } } },
      ["spec.opaque.metadata.x"],
    ],
    [
      "nulls of non-nullable fields without a default are dropped silently",
      { spec: { maybe: null, never: null, withDefault: null } },
      { spec: { maybe: null, withDefault: null } },
      [],
    ],
  ];
  for (const [name, obj, want, paths] of cases) {
    await t.step(name, () => assertEquals(pruned(spec, obj), [want, paths]));
  }
});

Deno.test("prune() reduces root metadata to ObjectMeta unless told not to", async (t) => {
  const obj = () => ({
    metadata: {
      name: "a",
      labels: { x: "y" },
      ownerReferences: [{ apiVersion: "v1", kind: "K", name: "o", uid: "u", extra: 1 }],
      extra: true,
    },
  });
  await t.step("by default", () => {
    assertEquals(pruned(spec, obj()), [{
      metadata: {
        name: "a",
        labels: { x: "y" },
        ownerReferences: [{ apiVersion: "v1", kind: "K", name: "o", uid: "u" }],
      },
    }, ["metadata.extra", "metadata.ownerReferences[0].extra"]]);
  });
  await t.step("left alone with metadata: false", () => {
    const o = obj();
    assertEquals(compileSchema(spec).prune(o, { metadata: false }), []);
    assertEquals(o, obj());
  });
});

Deno.test("prune() then default() fills pruned nulls that have defaults", () => {
  const obj: Record<string, unknown> = { spec: { withDefault: null } };
  const s = compileSchema(spec);
  s.prune(obj);
  s.default(obj);
  assertEquals(obj, { spec: { withDefault: "d" } });
});
