// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import type { CustomResourceDefinition } from "./types.ts";
import { createCrd, errorOf, testRuntime, WIDGET, widget, widgetCrd } from "./_fixtures_test.ts";

const INVALID = 'Widget.example.com "w" is invalid: ';

/** A runtime with a Widget CRD whose `spec` has the given schema. */
async function withSpec(spec: JSONSchemaProps, mutate?: (c: CustomResourceDefinition) => void) {
  const rt = await testRuntime();
  await createCrd(
    rt,
    widgetCrd(mutate, {
      type: "object",
      properties: {
        spec,
        status: {
          type: "object",
          properties: { ready: { type: "boolean" }, replicas: { type: "integer" } },
        },
      },
    }),
  );
  return rt;
}

type KeywordCase = [
  keyword: string,
  schema: JSONSchemaProps,
  good: unknown,
  bad: unknown,
  message: string,
];

const keywordCases: KeywordCase[] = [
  [
    "maximum",
    { type: "integer", maximum: 10 },
    10,
    11,
    "spec.v: Invalid value: 11: spec.v in body should be less than or equal to 10",
  ],
  [
    "exclusiveMinimum",
    { type: "number", minimum: 1, exclusiveMinimum: true },
    1.5,
    1,
    "spec.v: Invalid value: 1: spec.v in body should be greater than 1",
  ],
  [
    "multipleOf",
    { type: "integer", multipleOf: 5 },
    15,
    7,
    "spec.v: Invalid value: 7: spec.v in body should be a multiple of 5",
  ],
  [
    "minLength",
    { type: "string", minLength: 3 },
    "abc",
    "ab",
    'spec.v: Invalid value: "ab": spec.v in body should be at least 3 chars long',
  ],
  [
    "maxLength",
    { type: "string", maxLength: 2 },
    "ab",
    "abc",
    "spec.v: Too long: may not be more than 2 bytes",
  ],
  [
    "pattern",
    { type: "string", pattern: "^[a-z]+$" },
    "abc",
    "ABC",
    `spec.v: Invalid value: "ABC": spec.v in body should match '^[a-z]+$'`,
  ],
  [
    "enum",
    { type: "string", enum: ["red", "green"] },
    "red",
    "pink",
    'spec.v: Unsupported value: "pink": supported values: "red", "green"',
  ],
  [
    "format date-time",
    { type: "string", format: "date-time" },
    "2026-01-02T03:04:05Z",
    "yesterday",
    'spec.v: Invalid value: "yesterday": spec.v in body must be of type date-time: "yesterday"',
  ],
  [
    "type",
    { type: "integer" },
    3,
    "three",
    'spec.v: Invalid value: "string": spec.v in body must be of type integer: "string"',
  ],
  [
    "maxItems",
    { type: "array", items: { type: "string" }, maxItems: 1 },
    ["a"],
    ["a", "b"],
    "spec.v: Too many: 2: must have at most 1 item",
  ],
  [
    "list-type set",
    { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
    ["a", "b"],
    ["a", "a"],
    'spec.v[1]: Duplicate value: "a"',
  ],
  [
    "maxProperties",
    { type: "object", additionalProperties: { type: "string" }, maxProperties: 1 },
    { a: "x" },
    { a: "x", b: "y" },
    "spec.v: Too many: 2: must have at most 1 item",
  ],
  [
    "int-or-string",
    { "x-kubernetes-int-or-string": true },
    "50%",
    true,
    'spec.v: Invalid value: "boolean": spec.v in body must be of type integer,string: "boolean"',
  ],
  [
    "nullable",
    { type: "string", nullable: false },
    "x",
    1,
    'spec.v: Invalid value: "integer": spec.v in body must be of type string: "integer"',
  ],
];

Deno.test("custom resources are validated against every schema keyword", async (t) => {
  for (const [keyword, schema, good, bad, message] of keywordCases) {
    await t.step(keyword, async () => {
      await using rt = await withSpec({ type: "object", properties: { v: schema } });
      await rt.client.create(widget("ok", { v: good }));
      assertEquals(
        await errorOf(() => rt.client.create(widget("w", { v: bad }))),
        INVALID + message,
      );
    });
  }
});

Deno.test("required fields and nested objects are validated", async () => {
  await using rt = await withSpec({
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string" },
      ports: {
        type: "array",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["port"],
        items: {
          type: "object",
          required: ["port"],
          properties: { port: { type: "integer" }, protocol: { type: "string" } },
        },
      },
    },
  });
  assertEquals(
    await errorOf(() => rt.client.create(widget("w", {}))),
    INVALID + "spec.name: Required value",
  );
  const dup = await errorOf(() =>
    rt.client.create(widget("w", { name: "x", ports: [{ port: 80 }, { port: 80 }] }))
  );
  assert(dup.startsWith(INVALID + "spec.ports[1]: Duplicate value: "), dup);
  await rt.client.create(widget("w", { name: "x", ports: [{ port: 80 }, { port: 443 }] }));
});

Deno.test("embedded resources keep their metadata to ObjectMeta's fields", async () => {
  await using rt = await withSpec({
    type: "object",
    properties: {
      template: {
        type: "object",
        "x-kubernetes-embedded-resource": true,
        "x-kubernetes-preserve-unknown-fields": true,
      },
    },
  });
  const w = await rt.client.create(widget("w", {
    template: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", junk: 1 }, data: {} },
  }));
  assertEquals((w.spec as { template: KubeObject }).template.metadata, { name: "x" });
  assertEquals(rt.warnings, ['unknown field "spec.template.metadata.junk"']);
  const missing = await errorOf(() =>
    rt.client.create(widget("w2", { template: { kind: "ConfigMap" } }))
  );
  assert(
    missing.startsWith(
      'Widget.example.com "w2" is invalid: spec.template.apiVersion: Required value',
    ),
    missing,
  );
});

Deno.test("CEL rules run on create and transition rules with oldSelf on update", async () => {
  await using rt = await withSpec({
    type: "object",
    properties: {
      min: { type: "integer" },
      max: { type: "integer" },
      tier: {
        type: "string",
        "x-kubernetes-validations": [{ rule: "self == oldSelf", message: "tier is immutable" }],
      },
    },
    "x-kubernetes-validations": [
      { rule: "self.min <= self.max", message: "min must not exceed max" },
      { rule: "!has(self.tier) || self.tier != 'gold' || self.max >= 5" },
    ],
  });
  assertEquals(
    await errorOf(() => rt.client.create(widget("w", { min: 3, max: 1 }))),
    INVALID + 'spec: Invalid value: "object": min must not exceed max',
  );
  assertEquals(
    await errorOf(() => rt.client.create(widget("w", { min: 1, max: 2, tier: "gold" }))),
    INVALID +
      `spec: Invalid value: "object": failed rule: !has(self.tier) || self.tier != 'gold' || self.max >= 5`,
  );
  const w = await rt.client.create(widget("w", { min: 1, max: 5, tier: "gold" }));
  (w.spec as Record<string, unknown>).tier = "silver";
  assertEquals(
    await errorOf(() => rt.client.update(w)),
    INVALID + 'spec.tier: Invalid value: "string": tier is immutable',
  );
  (w.spec as Record<string, unknown>).tier = "gold";
  (w.spec as Record<string, unknown>).max = 9;
  const updated = await rt.client.update(w);
  assertEquals(updated.metadata.generation, 2);
});

Deno.test("defaults apply on create, on update and on read", async () => {
  await using rt = await withSpec({
    type: "object",
    properties: {
      size: { type: "integer", default: 1 },
      color: { type: "string", default: "red" },
    },
  });
  const w = await rt.client.create(widget("w", { color: "green" }));
  assertEquals(w.spec, { color: "green", size: 1 });
  delete (w.spec as Record<string, unknown>).size;
  const u = await rt.client.update(w);
  assertEquals((u.spec as Record<string, unknown>).size, 1);
  // An object stored before a default existed reads with it.
  const key = "/registry/example.com/widgets/default/old";
  await rt.storage.create(key, {
    ...widget("old", {}),
    metadata: { name: "old", namespace: "default" },
  });
  const old = await rt.client.get(WIDGET, { namespace: "default", name: "old" });
  assertEquals(old.spec, { size: 1, color: "red" });
  const list = await rt.client.list(WIDGET, { namespace: "default" });
  assertEquals(list.items.find((i) => i.metadata.name === "old")?.spec, { size: 1, color: "red" });
});

Deno.test("an unknown field of a status the create drops is still reported", async () => {
  await using rt = await testRuntime();
  await createCrd(
    rt,
    widgetCrd((c) => (c.spec.versions[0].subresources = { status: {} }), {
      type: "object",
      properties: {
        spec: { type: "object", properties: { size: { type: "integer" } } },
        status: { type: "object", properties: { ready: { type: "boolean" } } },
      },
    }),
  );
  assertEquals(
    await errorOf(() =>
      rt.client.create({ ...widget("s", { size: 1 }), status: { whatever: 1 } }, {
        fieldValidation: "Strict",
      })
    ),
    'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "status.whatever"',
  );
  // The status itself is dropped (the status subresource owns it).
  const w = await rt.client.create({ ...widget("w", { size: 1 }), status: { ready: true } });
  assertEquals(w.status, undefined);
});

Deno.test("unknown fields are pruned per fieldValidation", async (t) => {
  await using rt = await withSpec({
    type: "object",
    properties: {
      size: { type: "integer" },
      extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
  });
  await t.step("Strict rejects", async () => {
    assertEquals(
      await errorOf(() =>
        rt.client.create({ ...widget("s", { size: 1, foo: 1 }), bar: 2 }, {
          fieldValidation: "Strict",
        })
      ),
      'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "bar", unknown field "spec.foo"',
    );
  });
  await t.step("Warn drops and warns", async () => {
    rt.warnings.length = 0;
    const w = await rt.client.create(widget("w", { size: 1, foo: 1, extra: { any: { x: 1 } } }), {
      fieldValidation: "Warn",
    });
    assertEquals(w.spec, { size: 1, extra: { any: { x: 1 } } });
    assertEquals(rt.warnings, ['unknown field "spec.foo"']);
  });
  await t.step("Ignore drops silently", async () => {
    rt.warnings.length = 0;
    const w = await rt.client.create(widget("i", { size: 1, foo: 1 }), {
      fieldValidation: "Ignore",
    });
    assertEquals(w.spec, { size: 1 });
    assertEquals(rt.warnings, []);
  });
  await t.step("unknown metadata fields are reported first", async () => {
    const obj = widget("m", { size: 1, foo: 1 });
    (obj.metadata as Record<string, unknown>).junk = true;
    assertEquals(
      await errorOf(() => rt.client.create(obj, { fieldValidation: "Strict" })),
      'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "metadata.junk", unknown field "spec.foo"',
    );
  });
});

Deno.test("the status subresource owns status and generation follows spec changes", async () => {
  await using rt = await withSpec(
    { type: "object", properties: { size: { type: "integer" } } },
    (c) => (c.spec.versions[0].subresources = { status: {} }),
  );
  const w: KubeObject = await rt.client.create({
    ...widget("w", { size: 1 }),
    status: { ready: true },
  });
  assertEquals(w.status, undefined, "status is dropped on create");
  assertEquals(w.metadata.generation, 1);
  w.status = { ready: true };
  const s = await rt.client.status().update(w);
  assertEquals(s.status, { ready: true });
  assertEquals(s.metadata.generation, 1, "status writes do not bump the generation");
  s.status = { ready: false };
  (s.metadata.labels ??= {}).a = "b";
  const main = await rt.client.update(s);
  assertEquals(main.status, { ready: true }, "the main endpoint keeps the stored status");
  assertEquals(main.metadata.generation, 1, "metadata changes keep the generation");
  (main.spec as Record<string, unknown>).size = 2;
  const bumped = await rt.client.update(main);
  assertEquals(bumped.metadata.generation, 2);
  bumped.status = { ready: "yes" };
  assertEquals(
    await errorOf(() => rt.client.status().update(bumped)),
    INVALID +
      'status.ready: Invalid value: "string": status.ready in body must be of type boolean: "string"',
  );
  bumped.status = { ready: true, junk: 1 };
  rt.warnings.length = 0;
  const pruned = await rt.client.status().update(bumped);
  assertEquals(pruned.status, { ready: true });
  assertEquals(rt.warnings, ['unknown field "status.junk"']);
});

Deno.test("without a status subresource, status is part of the object", async () => {
  await using rt = await withSpec({ type: "object", properties: { size: { type: "integer" } } });
  const w: KubeObject = await rt.client.create({
    ...widget("w", { size: 1 }),
    status: { ready: true },
  });
  assertEquals(w.status, { ready: true });
  assertEquals(
    await errorOf(() => rt.client.status().update(w)),
    "the server could not find the requested resource",
  );
  w.status = { ready: false };
  assertEquals((await rt.client.update(w)).metadata.generation, 2);
});

Deno.test("the scale subresource's replica paths are checked", async () => {
  await using rt = await withSpec(
    { type: "object", properties: { replicas: { type: "integer" } } },
    (c) => (c.spec.versions[0].subresources = {
      status: {},
      scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" },
    }),
  );
  const [t] = rt.registry.resolve("widgets");
  assertEquals(t.subresources.scale, {
    specReplicasPath: ".spec.replicas",
    statusReplicasPath: ".status.replicas",
  });
  assertEquals(
    await errorOf(() => rt.client.create(widget("w", { replicas: -1 }))),
    INVALID + ".spec.replicas: Invalid value: -1: should be a non-negative integer",
  );
  await rt.client.create(widget("w", { replicas: 2 }));
});

Deno.test("multi-version CRDs serve every served version from one stored object", async () => {
  await using rt = await testRuntime();
  const schema = (extra: Record<string, JSONSchemaProps>): JSONSchemaProps => ({
    type: "object",
    properties: { spec: { type: "object", properties: { size: { type: "integer" }, ...extra } } },
  });
  await createCrd(
    rt,
    widgetCrd((c) => {
      c.spec.versions = [
        {
          name: "v1alpha1",
          served: false,
          storage: false,
          schema: { openAPIV3Schema: schema({}) },
        },
        {
          name: "v1beta1",
          served: true,
          storage: false,
          deprecated: true,
          schema: { openAPIV3Schema: schema({}) },
        },
        {
          name: "v1",
          served: true,
          storage: true,
          schema: { openAPIV3Schema: schema({ color: { type: "string" } }) },
        },
      ];
    }),
  );
  assertEquals(rt.registry.all().filter((t) => t.kind === "Widget").map((t) => t.version), [
    "v1",
    "v1beta1",
  ]);
  assertEquals(rt.registry.resolve("widgets")[0].version, "v1", "the preferred version");
  assertEquals(rt.registry.get("example.com/v1alpha1", "Widget"), undefined, "not served");
  await rt.client.create(widget("w", { size: 1, color: "red" }));
  const beta = await rt.client.get({ apiVersion: "example.com/v1beta1", kind: "Widget" }, {
    namespace: "default",
    name: "w",
  });
  assertEquals(beta.apiVersion, "example.com/v1beta1");
  assertEquals(beta.spec, { size: 1 }, "read through the v1beta1 schema, which prunes color");
  rt.warnings.length = 0;
  await rt.client.create({
    apiVersion: "example.com/v1beta1",
    kind: "Widget",
    metadata: { name: "b", namespace: "default" },
    spec: { size: 2 },
  });
  assertEquals(rt.warnings, [
    "example.com/v1beta1 Widget is deprecated; use example.com/v1 Widget",
  ]);
  // Reads of the deprecated version are warned too; the preferred version's are not.
  rt.warnings.length = 0;
  await rt.client.list({ apiVersion: "example.com/v1beta1", kind: "Widget" });
  await rt.client.get(WIDGET, { namespace: "default", name: "b" });
  assertEquals(rt.warnings, [
    "example.com/v1beta1 Widget is deprecated; use example.com/v1 Widget",
  ]);
});

Deno.test("selectable fields work in field selectors", async () => {
  await using rt = await withSpec(
    { type: "object", properties: { color: { type: "string" }, size: { type: "integer" } } },
    (c) => (c.spec.versions[0].selectableFields = [{ jsonPath: ".spec.color" }]),
  );
  await rt.client.create(widget("r", { color: "red" }));
  await rt.client.create(widget("g", { color: "green" }));
  const red = await rt.client.list(WIDGET, { fieldSelector: "spec.color=red" });
  assertEquals(red.items.map((i) => i.metadata.name), ["r"]);
  const notRed = await rt.client.list(WIDGET, { fieldSelector: "spec.color!=red" });
  assertEquals(notRed.items.map((i) => i.metadata.name), ["g"]);
  assertEquals(
    await errorOf(() => rt.client.list(WIDGET, { fieldSelector: "spec.size=1" })),
    "field label not supported: spec.size",
  );
});

Deno.test("printer columns come from additionalPrinterColumns, AGE when none", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  const [plain] = rt.registry.resolve("widgets");
  assertEquals(plain.printerColumns.map((c) => [c.name, c.type, c.jsonPath]), [
    ["Age", "date", ".metadata.creationTimestamp"],
  ]);
  await createCrd(
    rt,
    widgetCrd((c) => {
      c.metadata.name = "gadgets.example.com";
      c.spec.names = { plural: "gadgets", kind: "Gadget" };
      c.spec.versions[0].additionalPrinterColumns = [
        { name: "Size", type: "integer", jsonPath: ".spec.size", description: "How big" },
        { name: "Color", type: "string", jsonPath: ".spec.color", priority: 1 },
        { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
      ];
    }),
  );
  const [g] = rt.registry.resolve("gadgets");
  assertEquals(g.printerColumns, [
    { name: "Size", type: "integer", jsonPath: ".spec.size", description: "How big" },
    {
      name: "Color",
      type: "string",
      jsonPath: ".spec.color",
      description: "Custom resource definition column (in JSONPath format): .spec.color",
      priority: 1,
    },
    {
      name: "Age",
      type: "date",
      jsonPath: ".metadata.creationTimestamp",
      description:
        "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp",
    },
  ]);
});

Deno.test("custom kinds refuse unconditional updates and strategic merge patches", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  const w = await rt.client.create(widget("w", { size: 1 }));
  delete w.metadata.resourceVersion;
  assertEquals(
    await errorOf(() => rt.client.update(w)),
    INVALID + "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update",
  );
  const err = await errorOf(() =>
    rt.client.patch(WIDGET, { namespace: "default", name: "w" }, { spec: { size: 2 } }, {
      type: "strategic",
    })
  );
  assert(err.startsWith("the body of the request was in an unknown format"));
  const merged = await rt.client.patch(WIDGET, { namespace: "default", name: "w" }, {
    spec: { size: 2 },
  }, { type: "merge" });
  assertEquals(merged.spec, { size: 2 });
  assertEquals(merged.metadata.generation, 2);
});

Deno.test("the published schema has ObjectMeta and type meta for explain and apply", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  const [t] = rt.registry.resolve("widgets");
  assertEquals(Object.keys(t.schema!.properties!).sort(), [
    "apiVersion",
    "kind",
    "metadata",
    "spec",
    "status",
  ]);
  assert(t.schema!.properties!.metadata.properties?.labels, "metadata is ObjectMeta");
  const applied = await rt.client.apply(
    { ...WIDGET, metadata: { name: "a", namespace: "default" }, spec: { size: 2 } },
    { fieldManager: "me" },
  );
  assertEquals(applied.spec, { size: 2 });
});
