// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import { builtinResourceTypes } from "../builtins/mod.ts";
import { PruneCheck } from "./_builtin_schema.ts";
import { compileSchema } from "../schema/compile_schema.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import { customResourceDefinitionType } from "./crd_type.ts";
import { errorOf, testRuntime, widgetCrd } from "./_fixtures_test.ts";

const meta = (name: string, ns?: string) => ({
  name,
  ...(ns ? { namespace: ns } : {}),
  labels: { app: "web" },
  annotations: { note: "x" },
  ownerReferences: [],
  finalizers: ["example.com/keep"],
});

/** One object of each built-in kind using every field a client may set. */
const fullObjects: KubeObject[] = [
  {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: meta("team"),
    spec: { finalizers: ["kubernetes"] },
  },
  {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: meta("cm", "default"),
    data: { a: "b" },
    binaryData: { c: "ZA==" },
    immutable: false,
  },
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: meta("s", "default"),
    type: "Opaque",
    data: { a: "Yg==" },
    stringData: { c: "d" },
    immutable: false,
  },
  {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: meta("sa", "default"),
    secrets: [{ name: "s", namespace: "default", kind: "Secret", apiVersion: "v1" }],
    imagePullSecrets: [{ name: "pull" }],
    automountServiceAccountToken: false,
  },
  {
    apiVersion: "v1",
    kind: "Event",
    metadata: meta("ev", "default"),
    involvedObject: { kind: "ConfigMap", namespace: "default", name: "cm", apiVersion: "v1" },
    reason: "Created",
    message: "made",
    source: { component: "test", host: "h" },
    firstTimestamp: "2026-01-01T00:00:00Z",
    lastTimestamp: "2026-01-01T00:00:00Z",
    count: 1,
    type: "Normal",
    reportingComponent: "test",
    reportingInstance: "i",
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: meta("r", "default"),
    rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"], resourceNames: ["cm"] }],
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: meta("cr"),
    rules: [{ nonResourceURLs: ["/healthz"], verbs: ["get"] }],
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] },
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: meta("rb", "default"),
    subjects: [{ kind: "ServiceAccount", name: "sa", namespace: "default" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" },
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: meta("crb"),
    subjects: [{ kind: "User", name: "alice", apiGroup: "rbac.authorization.k8s.io" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cr" },
  },
];

Deno.test("built-in kinds' known fields pass the unknown-field precheck", async (t) => {
  for (const obj of fullObjects) {
    await t.step(obj.kind, () => {
      const type = builtinResourceTypes().find((x) => x.kind === obj.kind)!;
      const check = new PruneCheck(type.schema!);
      assertEquals(check.needed(obj), false);
      const withUnknown = { ...structuredClone(obj), surprise: 1 };
      assertEquals(check.needed(withUnknown), true);
    });
  }
});

Deno.test("Strict accepts every field of the built-in kinds", async (t) => {
  await using rt = await testRuntime();
  await rt.client.create({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "team2" },
  });
  for (const obj of fullObjects) {
    await t.step(obj.kind, async () => {
      const created = await rt.client.create(structuredClone(obj), { fieldValidation: "Strict" });
      assertEquals(created.metadata.name, obj.metadata.name);
    });
  }
  assertEquals(rt.warnings, []);
});

Deno.test("unknown fields of built-in kinds follow fieldValidation", async (t) => {
  await using rt = await testRuntime();
  const cm = (name: string): KubeObject => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: "default" },
    data: { a: "b" },
    foo: 1,
  });
  await t.step("Strict rejects as kubectl's default does", async () => {
    assertEquals(
      await errorOf(() => rt.client.create(cm("a"), { fieldValidation: "Strict" })),
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "foo"',
    );
  });
  await t.step("Warn drops with a warning (the API default)", async () => {
    const c = await rt.client.create(cm("b"));
    assertEquals(c.foo, undefined);
    assertEquals(rt.warnings, ['unknown field "foo"']);
  });
  await t.step("Ignore drops silently", async () => {
    rt.warnings.length = 0;
    const c = await rt.client.create(cm("c"), { fieldValidation: "Ignore" });
    assertEquals(c.foo, undefined);
    assertEquals(rt.warnings, []);
  });
  await t.step("nested and metadata fields", async () => {
    const role: KubeObject = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: {
        name: "r",
        namespace: "default",
        junk: 1,
        ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "c", uid: "u", x: 1 }],
      } as unknown as KubeObject["metadata"],
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"], verbz: ["x"] }],
    };
    assertEquals(
      await errorOf(() => rt.client.create(role, { fieldValidation: "Strict" })),
      'Role in version "v1" cannot be handled as a Role: strict decoding error: unknown field "metadata.junk", unknown field "metadata.ownerReferences[0].x", unknown field "rules[0].verbz"',
    );
  });
  await t.step("updates and patches are checked too", async () => {
    const c = await rt.client.get({ apiVersion: "v1", kind: "ConfigMap" }, {
      namespace: "default",
      name: "b",
    });
    c.bar = true;
    assertEquals(
      await errorOf(() => rt.client.update(c, { fieldValidation: "Strict" })),
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bar"',
    );
    assertEquals(
      await errorOf(() =>
        rt.client.patch(
          { apiVersion: "v1", kind: "ConfigMap" },
          {
            namespace: "default",
            name: "b",
          },
          { baz: 1 },
          { type: "merge", fieldValidation: "Strict" },
        )
      ),
      // A patched object is not decoded from a request body, so no codec prefix.
      'strict decoding error: unknown field "baz"',
    );
  });
});

Deno.test("unknown fields inside a CRD's schema are reported as strict decoding does", async () => {
  await using rt = await testRuntime();
  const crd = widgetCrd();
  const spec = crd.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec as Record<
    string,
    unknown
  >;
  spec.proprties = {};
  (crd.spec.versions[0] as unknown as Record<string, unknown>).servd = true;
  assertEquals(
    await errorOf(() =>
      rt.client.create(crd as unknown as KubeObject, { fieldValidation: "Strict" })
    ),
    'CustomResourceDefinition in version "v1" cannot be handled as a CustomResourceDefinition: strict decoding error: unknown field "spec.versions[0].servd", unknown field "spec.versions[0].schema.openAPIV3Schema.properties.spec.proprties"',
  );
  const created = await rt.client.create(crd as unknown as KubeObject);
  assertEquals(rt.warnings, [
    'unknown field "spec.versions[0].servd"',
    'unknown field "spec.versions[0].schema.openAPIV3Schema.properties.spec.proprties"',
  ]);
  const stored = (created.spec as { versions: { schema: { openAPIV3Schema: unknown } }[] })
    .versions[0].schema.openAPIV3Schema as { properties: { spec: Record<string, unknown> } };
  assertEquals("proprties" in stored.properties.spec, false);
});

Deno.test("the CRD kind's schema describes its fields", () => {
  const s = customResourceDefinitionType.schema!;
  assertEquals(Object.keys(s.properties!.spec.properties!).sort(), [
    "conversion",
    "group",
    "names",
    "preserveUnknownFields",
    "scope",
    "versions",
  ]);
  assertEquals(Object.keys(s.properties!.status.properties!).sort(), [
    "acceptedNames",
    "conditions",
    "storedVersions",
  ]);
});

Deno.test("the prune precheck only skips objects pruning would leave unchanged", async (t) => {
  const schema: JSONSchemaProps = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: {
          name: { type: "string" },
          count: { type: "integer", default: 1 },
          port: { "x-kubernetes-int-or-string": true },
          tags: { type: "array", items: { type: "string" } },
          env: { type: "object", additionalProperties: { type: "string" } },
          items: {
            type: "array",
            items: { type: "object", properties: { a: { type: "string" } } },
          },
          free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          half: {
            type: "object",
            "x-kubernetes-preserve-unknown-fields": true,
            properties: { known: { type: "object", properties: { x: { type: "string" } } } },
          },
        },
      },
    },
  };
  const specs: Record<string, unknown>[] = [
    { name: "a", count: 2, port: 80, tags: ["x"], env: { A: "b" }, items: [{ a: "x" }] },
    { port: "50%", free: { anything: { goes: [1, { x: 2 }] } }, half: { other: 1 } },
    { half: { known: { x: "y" } } },
    { name: null },
    { name: { nested: 1 } },
    { tags: [{ x: 1 }] },
    { tags: "notalist" },
    { env: { A: { b: 1 } } },
    { items: [{ a: "x", b: 1 }] },
    { half: { known: { y: 1 } } },
    { port: { x: 1 } },
    { unknown: 1 },
    { items: { a: 1 } },
  ];
  const check = new PruneCheck(schema);
  const compiled = compileSchema(schema);
  specs.forEach((spec, i) => {
    // The first three are clean: the check must not send them to pruning.
    if (i < 3) {
      assertEquals(
        new PruneCheck(schema).needed({ apiVersion: "x/v1", kind: "X", metadata: {}, spec }),
        false,
      );
    }
  });
  for (const spec of specs) {
    await t.step(JSON.stringify(spec), () => {
      const obj: KubeObject = { apiVersion: "x/v1", kind: "X", metadata: { name: "a" }, spec };
      const pruned = structuredClone(obj);
      const dropped = compiled.prune(pruned);
      const changed = dropped.length > 0 || JSON.stringify(pruned) !== JSON.stringify(obj);
      if (!check.needed(obj)) assertEquals(changed, false);
      if (changed) assertEquals(check.needed(obj), true);
    });
  }
});
