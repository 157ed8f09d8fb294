// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { createRuntime, type KubeObject, type Runtime } from "../../mod.ts";
import type { StatusError } from "../errors/status_error.ts";
import { builtinResourceTypes } from "./mod.ts";
import { assertBodyDecodes } from "./_decode.ts";
import { base64ErrorAt } from "./_typecheck.ts";
import { goSprintV } from "./_go_render.ts";
import { widgetCrd } from "../crd/_fixtures_test.ts";

const NOW = new Date("2026-01-02T03:04:05Z");
const TIME = "2026-01-02T03:04:05Z";
const RBAC = "rbac.authorization.k8s.io/v1";

async function runtime(): Promise<Runtime> {
  return await createRuntime({ store: "memory:", now: () => NOW });
}

/** `[code, reason, message]` of the error `fn` throws. */
async function failure(fn: () => Promise<unknown>): Promise<[number, string, string]> {
  try {
    await fn();
  } catch (e) {
    const s = (e as StatusError).status;
    return [s.code, s.reason ?? "", s.message ?? ""];
  }
  throw new Error("Expected an error, got none");
}

function cm(fields: Record<string, unknown>, name = "c"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: "default" },
    ...fields,
  };
}

function obj(apiVersion: string, kind: string, fields: Record<string, unknown>): KubeObject {
  return { apiVersion, kind, metadata: { name: "x", namespace: "default" }, ...fields };
}

function handled(kind: string, err: string): string {
  return `${kind} in version "v1" cannot be handled as a ${kind}: ${err}`;
}

function cannot(what: string, field: string, type: string): string {
  return `json: cannot unmarshal ${what} into Go struct field ${field} of type ${type}`;
}

Deno.test("create rejects values of the wrong JSON type as the apiserver's decoder does", async (t) => {
  await using rt = await runtime();
  const cases: [string, KubeObject, string][] = [
    [
      "number in ConfigMap data",
      cm({ data: { port: 8080 } }),
      handled("ConfigMap", cannot("number", "ConfigMap.data", "string")),
    ],
    [
      "string for ConfigMap data",
      cm({ data: "hello" }),
      handled("ConfigMap", cannot("string", "ConfigMap.data", "map[string]string")),
    ],
    [
      "string for immutable",
      cm({ immutable: "yes" }),
      handled("ConfigMap", cannot("string", "ConfigMap.immutable", "bool")),
    ],
    [
      "string for automountServiceAccountToken",
      obj("v1", "ServiceAccount", { automountServiceAccountToken: "yes" }),
      handled(
        "ServiceAccount",
        cannot("string", "ServiceAccount.automountServiceAccountToken", "bool"),
      ),
    ],
    [
      "number label",
      cm({ metadata: { name: "c", labels: { a: 1 } } }),
      handled("ConfigMap", cannot("number", "ObjectMeta.metadata.labels", "string")),
    ],
    [
      "number label on an RBAC kind",
      obj(RBAC, "ClusterRole", { metadata: { name: "r", labels: { a: 1 } } }),
      handled("ClusterRole", cannot("number", "ObjectMeta.metadata.labels", "string")),
    ],
    [
      "number in Secret stringData",
      obj("v1", "Secret", { stringData: { a: 1 } }),
      handled("Secret", cannot("number", "Secret.stringData", "string")),
    ],
    [
      "string for Role verbs",
      obj(RBAC, "Role", { rules: [{ verbs: "get" }] }),
      handled("Role", cannot("string", "PolicyRule.rules.verbs", "[]string")),
    ],
    [
      "number in Role verbs",
      obj(RBAC, "Role", { rules: [{ verbs: ["get", 1] }] }),
      handled("Role", cannot("number", "PolicyRule.rules.verbs", "string")),
    ],
    [
      "string for rules",
      obj(RBAC, "Role", { rules: "all" }),
      handled("Role", cannot("string", "Role.rules", "[]v1.PolicyRule")),
    ],
    [
      "string for a rule",
      obj(RBAC, "Role", { rules: ["all"] }),
      handled("Role", cannot("string", "Role.rules", "v1.PolicyRule")),
    ],
    [
      "string for an aggregation rule (a pointer prints as its element)",
      obj(RBAC, "ClusterRole", { aggregationRule: "x" }),
      handled("ClusterRole", cannot("string", "ClusterRole.aggregationRule", "v1.AggregationRule")),
    ],
    [
      "number in matchLabels",
      obj(RBAC, "ClusterRole", {
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 1 } }] },
      }),
      handled(
        "ClusterRole",
        cannot(
          "number",
          "LabelSelector.aggregationRule.clusterRoleSelectors.matchLabels",
          "string",
        ),
      ),
    ],
    [
      "number for a subject name",
      obj(RBAC, "RoleBinding", { subjects: [{ kind: "User", name: 1 }] }),
      handled("RoleBinding", cannot("number", "Subject.subjects.name", "string")),
    ],
    [
      "array for roleRef",
      obj(RBAC, "ClusterRoleBinding", { roleRef: [] }),
      handled("ClusterRoleBinding", cannot("array", "ClusterRoleBinding.roleRef", "v1.RoleRef")),
    ],
    [
      "string for metadata",
      cm({ metadata: "c" }),
      handled("ConfigMap", cannot("string", "ConfigMap.metadata", "v1.ObjectMeta")),
    ],
    [
      "string for an owner reference's controller",
      cm({ metadata: { name: "c", ownerReferences: [{ controller: "yes" }] } }),
      handled(
        "ConfigMap",
        cannot("string", "OwnerReference.metadata.ownerReferences.controller", "bool"),
      ),
    ],
    [
      "number for a named string type",
      obj("v1", "Secret", { type: 5 }),
      handled("Secret", cannot("number", "Secret.type", "v1.SecretType")),
    ],
    [
      "number in Secret data",
      obj("v1", "Secret", { data: { a: 5 } }),
      handled("Secret", cannot("number", "Secret.data", "[]uint8")),
    ],
    [
      "object for Secret data",
      obj("v1", "Secret", { data: [] }),
      handled("Secret", cannot("array", "Secret.data", "map[string][]uint8")),
    ],
    [
      "bad base64 in binaryData",
      cm({ binaryData: { a: "AAA!" } }),
      handled("ConfigMap", "illegal base64 data at input byte 3"),
    ],
    [
      "fraction for an int32",
      obj("v1", "Event", { involvedObject: {}, count: 1.5 }),
      handled("Event", cannot("number 1.5", "Event.count", "int32")),
    ],
    [
      "overflowing int32",
      obj("v1", "Event", { involvedObject: {}, series: { count: 2 ** 31 } }),
      handled("Event", cannot("number 2147483648", "EventSeries.series.count", "int32")),
    ],
    [
      "number for a timestamp (metav1.Time decodes a string itself)",
      obj("v1", "Event", { involvedObject: {}, firstTimestamp: 5 }),
      handled("Event", cannot("number", "Event.firstTimestamp", "string")),
    ],
    [
      "number for a Namespace finalizer",
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "n" }, spec: { finalizers: [1] } },
      handled("Namespace", cannot("number", "NamespaceSpec.spec.finalizers", "v1.FinalizerName")),
    ],
    [
      "the first type error wins",
      cm({ data: { a: 1 }, immutable: "yes" }),
      handled("ConfigMap", cannot("number", "ConfigMap.data", "string")),
    ],
    [
      "a timestamp's own error wins over an earlier type error",
      cm({ data: { a: 1 }, metadata: { name: "c", creationTimestamp: true } }),
      handled("ConfigMap", cannot("bool", "ObjectMeta.metadata.creationTimestamp", "string")),
    ],
  ];
  for (const [name, o, want] of cases) {
    await t.step(name, async () => {
      assertEquals(await failure(() => rt.client.create(o)), [400, "BadRequest", want]);
    });
  }
  await t.step("nothing was stored", async () => {
    assertEquals((await rt.client.list({ apiVersion: "v1", kind: "ConfigMap" })).items, []);
  });
});

Deno.test("create accepts nulls and leaves unknown fields to pruning", async () => {
  await using rt = await runtime();
  const got = await rt.client.create(
    cm({ data: { a: null, b: "x" }, binaryData: null, immutable: null, extra: 5 }),
  );
  assertEquals((got.data as Record<string, unknown>).b, "x");
  assertEquals(got.extra, undefined);
});

Deno.test("update and status updates reject values of the wrong JSON type", async (t) => {
  await using rt = await runtime();
  const stored = await rt.client.create(cm({ data: { a: "1" } }));
  await t.step("update", async () => {
    assertEquals(await failure(() => rt.client.update({ ...stored, data: { a: ["x"] } })), [
      400,
      "BadRequest",
      handled("ConfigMap", cannot("array", "ConfigMap.data", "string")),
    ]);
  });
  await t.step("status update of a Namespace", async () => {
    const ns = await rt.client.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "n" },
    });
    assertEquals(
      await failure(() => rt.client.status().update({ ...ns, status: { phase: 1 } })),
      [
        400,
        "BadRequest",
        handled("Namespace", cannot("number", "NamespaceStatus.status.phase", "v1.NamespacePhase")),
      ],
    );
  });
  await t.step("the stored object is unchanged", async () => {
    const got = await rt.client.get({ apiVersion: "v1", kind: "ConfigMap" }, {
      namespace: "default",
      name: "c",
    });
    assertEquals(got.data, { a: "1" });
  });
});

Deno.test("patches whose result does not decode answer 422 with the patched object", async (t) => {
  await using rt = await runtime();
  const stored = await rt.client.create(
    cm({ metadata: { name: "p", labels: { z: "1" } }, data: { a: "b" } }),
  );
  const uid = stored.metadata.uid!;
  const rv = stored.metadata.resourceVersion!;
  const key = { namespace: "default", name: "p" };
  const CM = { apiVersion: "v1", kind: "ConfigMap" };
  const invalid = (value: string, err: string) =>
    ` "" is invalid: patch: Invalid value: ${value}: ${err}`;
  // The stored object as the codec encodes it (struct fields in Go order), under the top level
  // and the objects the patch merged into, which the patch library re-marshals with sorted keys.
  const meta = `{\\"name\\":\\"p\\",\\"namespace\\":\\"default\\",\\"uid\\":\\"${uid}\\",` +
    `\\"resourceVersion\\":\\"${rv}\\",\\"creationTimestamp\\":\\"${TIME}\\",` +
    `\\"labels\\":{\\"z\\":\\"1\\"},\\"managedFields\\":[{\\"manager\\":\\"k1s\\",` +
    `\\"operation\\":\\"Update\\",\\"apiVersion\\":\\"v1\\",\\"time\\":\\"${TIME}\\",` +
    `\\"fieldsType\\":\\"FieldsV1\\",\\"fieldsV1\\":{\\"f:data\\":{\\".\\":{},\\"f:a\\":{}},` +
    `\\"f:metadata\\":{\\"f:labels\\":{\\".\\":{},\\"f:z\\":{}}}}}]}`;
  // The apiserver's `%+v` of the patch's map, not of the patched object.
  const plusV = (data: string) => `"map[data:${data}]"`;
  const cases: [string, "merge" | "json" | "strategic", unknown, string][] = [
    [
      "merge patch",
      "merge",
      { data: { x: true } },
      invalid(
        `"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"a\\":\\"b\\",\\"x\\":true},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":${meta}}"`,
        cannot("bool", "ConfigMap.data", "string"),
      ),
    ],
    [
      "merge patch of metadata",
      "merge",
      { metadata: { labels: { a: 1 } } },
      invalid(
        `"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"a\\":\\"b\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{` +
          `\\"creationTimestamp\\":\\"${TIME}\\",\\"labels\\":{\\"a\\":1,\\"z\\":\\"1\\"},` +
          `\\"managedFields\\":[{\\"manager\\":\\"k1s\\",\\"operation\\":\\"Update\\",\\"apiVersion\\":\\"v1\\",` +
          `\\"time\\":\\"${TIME}\\",\\"fieldsType\\":\\"FieldsV1\\",\\"fieldsV1\\":{\\"f:data\\":{\\".\\":{},` +
          `\\"f:a\\":{}},\\"f:metadata\\":{\\"f:labels\\":{\\".\\":{},\\"f:z\\":{}}}}}],\\"name\\":\\"p\\",` +
          `\\"namespace\\":\\"default\\",\\"resourceVersion\\":\\"${rv}\\",\\"uid\\":\\"${uid}\\"}}"`,
        cannot("number", "ObjectMeta.metadata.labels", "string"),
      ),
    ],
    [
      "JSON patch",
      "json",
      [{ op: "add", path: "/data/x", value: 1 }],
      invalid(
        `"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"a\\":\\"b\\",\\"x\\":1},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":${meta}}"`,
        cannot("number", "ConfigMap.data", "string"),
      ),
    ],
    [
      "strategic merge patch: bool for a string",
      "strategic",
      { data: { x: true } },
      invalid(plusV("map[x:true]"), "unrecognized type: string"),
    ],
    [
      "strategic merge patch: integer for a string",
      "strategic",
      { data: { x: 5 } },
      invalid(plusV("map[x:5]"), "cannot convert int64 to string"),
    ],
    [
      "strategic merge patch: string for a map",
      "strategic",
      { data: "hello" },
      invalid(plusV("hello"), "cannot restore map from string"),
    ],
  ];
  for (const [name, type, patch, want] of cases) {
    await t.step(name, async () => {
      assertEquals(await failure(() => rt.client.patch(CM, key, patch, { type })), [
        422,
        "Invalid",
        want,
      ]);
    });
  }
  await t.step("strategic merge patch of a Role", async () => {
    await rt.client.create(
      obj(RBAC, "Role", { rules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }] }),
    );
    const [, , msg] = await failure(() =>
      rt.client.patch({ apiVersion: RBAC, kind: "Role" }, { namespace: "default", name: "x" }, {
        rules: [{ verbs: "get" }],
      }, { type: "strategic" })
    );
    assertEquals(msg.endsWith(": cannot restore slice from string"), true);
  });
  await t.step("a patch that decodes is applied", async () => {
    const got = await rt.client.patch(CM, key, { data: { x: "1" } }, { type: "merge" });
    assertEquals(got.data, { a: "b", x: "1" });
  });
});

Deno.test("custom resources decode their metadata as an ObjectMeta of its own", async (t) => {
  await using rt = await runtime();
  await rt.client.create(
    widgetCrd(undefined, { type: "object", "x-kubernetes-preserve-unknown-fields": true }),
  );
  const widget = (metadata: Record<string, unknown>): KubeObject => ({
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w", namespace: "default", ...metadata },
  });
  const cases: [string, KubeObject, string][] = [
    ["number label", widget({ labels: { a: 1 } }), cannot("number", "ObjectMeta.labels", "string")],
    [
      "string for finalizers",
      widget({ finalizers: "x" }),
      cannot("string", "ObjectMeta.finalizers", "[]string"),
    ],
    [
      "string for metadata",
      { apiVersion: "example.com/v1", kind: "Widget", metadata: "w" } as unknown as KubeObject,
      "json: cannot unmarshal string into Go value of type v1.ObjectMeta",
    ],
  ];
  for (const [name, o, want] of cases) {
    await t.step(name, async () => {
      assertEquals(await failure(() => rt.client.create(o)), [
        400,
        "BadRequest",
        handled("Widget", want),
      ]);
    });
  }
  await t.step("merge patch (an unstructured object: keys sorted throughout)", async () => {
    const w = await rt.client.create(widget({}));
    const [code, , msg] = await failure(() =>
      rt.client.patch({ apiVersion: "example.com/v1", kind: "Widget" }, {
        namespace: "default",
        name: "w",
      }, {
        metadata: { labels: { a: 1 } },
      }, { type: "merge" })
    );
    assertEquals(code, 422);
    assertEquals(
      msg,
      ` "" is invalid: patch: Invalid value: "{\\"apiVersion\\":\\"example.com/v1\\",\\"kind\\":\\"Widget\\",` +
        `\\"metadata\\":{\\"creationTimestamp\\":\\"${TIME}\\",\\"generation\\":1,\\"labels\\":{\\"a\\":1},\\"name\\":\\"w\\",\\"namespace\\":\\"default\\",\\"resourceVersion\\":\\"${w.metadata.resourceVersion}\\",` +
        `\\"uid\\":\\"${w.metadata.uid}\\"}}": ${cannot("number", "ObjectMeta.labels", "string")}`,
    );
  });
});

Deno.test("every built-in kind's schema compiles against its Go struct", async (t) => {
  for (const type of builtinResourceTypes()) {
    await t.step(type.kind, () => {
      assertBodyDecodes(type, {
        apiVersion: type.version,
        kind: type.kind,
        metadata: { name: "x" },
      });
    });
  }
});

Deno.test("base64ErrorAt() reports the byte Go's decoder stops at", async (t) => {
  const cases: [string, number][] = [
    ["", -1],
    ["YQ==", -1],
    ["YWI=", -1],
    ["YWJj", -1],
    ["YW\nJj", -1],
    ["abc", 0],
    ["a", 0],
    ["YQ=", 3],
    ["Y===", 1],
    ["YQ==YQ==", 4],
    ["YQ=x", 2],
    ["ab!d", 2],
    ["é", 0],
  ];
  for (const [s, want] of cases) {
    await t.step(JSON.stringify(s), () => assertEquals(base64ErrorAt(s), want));
  }
});

Deno.test("goSprintV() prints values as Go's %+v prints unstructured maps", async (t) => {
  const cases: [unknown, string][] = [
    [{ b: [1, "x"], a: null }, "map[a:<nil> b:[1 x]]"],
    [{}, "map[]"],
    [1.5, "1.5"],
    [0.00001, "1e-05"],
    [true, "true"],
  ];
  for (const [v, want] of cases) {
    await t.step(want, () => assertEquals(goSprintV(v), want));
  }
});

Deno.test("errors about a patched Secret never show its values", async (t) => {
  await using rt = await runtime();
  const c = rt.client;
  const SECRET = { apiVersion: "v1", kind: "Secret" };
  const key = { namespace: "default", name: "s" };
  await c.create({
    ...SECRET,
    metadata: {
      name: "s",
      namespace: "default",
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration":
          '{"stringData":{"token":"LASTAPPLIED"}}',
      },
    },
    stringData: { password: "hunter2SECRET" },
  });
  const cases: [string, unknown, "merge" | "strategic" | "json"][] = [
    ["strategic, a number in stringData", { stringData: { password: 123 } }, "strategic"],
    ["merge, bad base64 in data", { data: { password: "hunter2SECRET!!" } }, "merge"],
    ["json, a number in data", [{ op: "add", path: "/data/x", value: 1 }], "json"],
  ];
  for (const [name, patch, type] of cases) {
    await t.step(name, async () => {
      const [code, , message] = await failure(() => c.patch(SECRET, key, patch, { type }));
      assertEquals(code, 422);
      for (const secret of ["hunter2SECRET", btoa("hunter2SECRET"), "LASTAPPLIED"]) {
        assertEquals(message.includes(secret), false, `${secret} in: ${message}`);
      }
      assertEquals(message.includes("secret contents redacted"), true, message);
    });
  }
});
