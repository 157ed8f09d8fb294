// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertThrows } from "@std/assert";
import { FieldSet } from "./field_set.ts";
import { CONFIG_MAP, DEPLOYMENT, WIDGET } from "./testdata/schemas.ts";

const DEPLOY = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web",
    labels: { app: "web" },
    ownerReferences: [{ uid: "u1", name: "o", kind: "X", apiVersion: "v1" }],
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: {
      spec: {
        containers: [{
          name: "nginx",
          image: "nginx:1",
          args: ["-a"],
          ports: [{ containerPort: 80 }],
        }],
      },
    },
  },
};

Deno.test("FieldSet.fromObject() records what an applier owns", async (t) => {
  const cases: [string, unknown, unknown, Record<string, unknown>][] = [
    ["map entries of a declared map", { data: { k: "v" } }, CONFIG_MAP, {
      "f:data": { "f:k": {} },
    }],
    ["a declared map set to {}", { data: {} }, CONFIG_MAP, { "f:data": {} }],
    [
      "labels and finalizers",
      { metadata: { name: "a", labels: { a: "1" }, finalizers: ["x/y"] } },
      CONFIG_MAP,
      {
        "f:metadata": {
          "f:finalizers": { 'v:"x/y"': {} },
          "f:labels": { "f:a": {} },
          "f:name": {},
        },
      },
    ],
    ["list-map items, atomic lists and maps, key defaults", DEPLOY, DEPLOYMENT, {
      "f:apiVersion": {},
      "f:kind": {},
      "f:metadata": {
        "f:labels": { "f:app": {} },
        "f:name": {},
        "f:ownerReferences": { 'k:{"uid":"u1"}': {} },
      },
      "f:spec": {
        "f:replicas": {},
        "f:selector": {},
        "f:template": {
          "f:spec": {
            "f:containers": {
              'k:{"name":"nginx"}': {
                ".": {},
                "f:args": {},
                "f:image": {},
                "f:name": {},
                "f:ports": {
                  'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} },
                },
              },
            },
          },
        },
      },
    }],
    [
      "sets, untyped lists, preserve-unknown subtrees",
      {
        spec: { tags: ["b", "a"], hosts: ["h"], extra: { a: { b: 1 }, c: [1] } },
      },
      WIDGET,
      {
        "f:spec": {
          "f:extra": { "f:a": { ".": {}, "f:b": {} }, "f:c": {} },
          "f:hosts": {},
          "f:tags": { 'v:"a"': {}, 'v:"b"': {} },
        },
      },
    ],
    [
      "without a schema: granular maps, atomic lists",
      { spec: { a: { b: 1 }, l: [1] } },
      undefined,
      {
        "f:spec": { "f:a": { ".": {}, "f:b": {} }, "f:l": {} },
      },
    ],
  ];
  for (const [name, obj, schema, want] of cases) {
    await t.step(name, () => {
      assertEquals(FieldSet.fromObject(obj, schema as typeof CONFIG_MAP).toFieldsV1(), want);
    });
  }
});

Deno.test("FieldSet.fromObject() rejects lists that break their key rules", async (t) => {
  await t.step("a missing key", () => {
    const obj = { spec: { template: { spec: { containers: [{ image: "x" }] } } } };
    assertThrows(
      () => FieldSet.fromObject(obj, DEPLOYMENT),
      Error,
      '.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
  });
  await t.step("a repeated key", () => {
    const obj = { spec: { tags: ["a", "a"] } };
    assertThrows(
      () => FieldSet.fromObject(obj, WIDGET),
      Error,
      '.spec.tags: duplicate entries for key [="a"]',
    );
  });
});

Deno.test("FieldSet round-trips FieldsV1 and sorts keys as Go does", () => {
  const v1 = {
    "f:metadata": { "f:labels": { ".": {}, "f:b": {}, "f:a": {} } },
    "f:data": { ".": {}, "f:k": {} },
  };
  const set = FieldSet.fromFieldsV1(v1);
  assertEquals(
    JSON.stringify(set.toFieldsV1()),
    '{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:labels":{".":{},"f:a":{},"f:b":{}}}}',
  );
  assert(set.has(["f:data"]));
  assert(set.has(["f:data", "f:k"]));
  assert(!set.has(["f:metadata"]));
  assert(set.has(["f:metadata", "f:labels", "f:a"]));
});

Deno.test("FieldSet set operations", async (t) => {
  const a = FieldSet.fromPaths([["f:data", "f:a"], ["f:data", "f:b"], ["f:data"]]);
  const b = FieldSet.fromPaths([["f:data", "f:b"], ["f:data", "f:c"]]);
  await t.step("union", () => {
    assertEquals(a.union(b).toFieldsV1(), {
      "f:data": { ".": {}, "f:a": {}, "f:b": {}, "f:c": {} },
    });
  });
  await t.step("difference", () => {
    assertEquals(a.difference(b).toFieldsV1(), { "f:data": { ".": {}, "f:a": {} } });
    assertEquals(b.difference(a).toFieldsV1(), { "f:data": { "f:c": {} } });
  });
  await t.step("intersection", () => {
    assertEquals(a.intersection(b).toFieldsV1(), { "f:data": { "f:b": {} } });
  });
  await t.step("emptiness", () => {
    assert(a.difference(a).isEmpty());
    assert(FieldSet.empty().isEmpty());
    assert(!a.isEmpty());
  });
});

Deno.test("FieldSet.paths() and formatPath() print paths as Kubernetes does", () => {
  const set = FieldSet.fromObject(
    {
      metadata: { finalizers: ["a/b"] },
      spec: {
        template: {
          spec: { containers: [{ name: "x", image: "i", ports: [{ containerPort: 80 }] }] },
        },
      },
    },
    DEPLOYMENT,
  );
  assertEquals(set.paths().map(FieldSet.formatPath), [
    '.metadata.finalizers[="a/b"]',
    '.spec.template.spec.containers[name="x"]',
    '.spec.template.spec.containers[name="x"].image',
    '.spec.template.spec.containers[name="x"].name',
    '.spec.template.spec.containers[name="x"].ports[containerPort=80,protocol="TCP"]',
    '.spec.template.spec.containers[name="x"].ports[containerPort=80,protocol="TCP"].containerPort',
  ]);
  assertEquals(FieldSet.formatPath(["f:data", "f:k"]), ".data.k");
  assertEquals(FieldSet.formatPath(["f:spec", "f:args", "i:3"]), ".spec.args[3]");
});
