// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import type { KubeObject } from "../mod.ts";
import { createFakeClient } from "./mod.ts";

const WIDGET_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    scope: "Namespaced",
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      subresources: { status: {} },
      schema: {
        openAPIV3Schema: {
          type: "object",
          properties: {
            spec: { type: "object", properties: { size: { type: "integer" } } },
            status: { type: "object", properties: { ready: { type: "boolean" } } },
          },
        },
      },
    }],
  },
} as unknown as KubeObject;

const WIDGET = { apiVersion: "example.com/v1", kind: "Widget" };

Deno.test("createFakeClient() stores seeds as given", async (t) => {
  await t.step("a status survives the status subresource", async () => {
    await using c = await createFakeClient({
      objects: [WIDGET_CRD, {
        ...WIDGET,
        metadata: { name: "w", namespace: "team" },
        spec: { size: 2 },
        status: { ready: true },
      }],
    });
    const w = await c.get(WIDGET, { namespace: "team", name: "w" });
    assertEquals(w.status, { ready: true });
    assertEquals(w.spec, { size: 2 });
  });

  await t.step("a resourceVersion copied from a real object is dropped", async () => {
    await using c = await createFakeClient({
      objects: [{
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "a", namespace: "default", resourceVersion: "12345" },
        data: { k: "v" },
      }],
    });
    const cm = await c.get({ apiVersion: "v1", kind: "ConfigMap" }, {
      namespace: "default",
      name: "a",
    });
    assertEquals(cm.data, { k: "v" });
  });

  await t.step("the system namespaces exist; a seed's namespace is created", async () => {
    await using c = await createFakeClient({
      objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "x" } }],
    });
    const names = (await c.list({ apiVersion: "v1", kind: "Namespace" })).items
      .map((n) => n.metadata.name);
    assertEquals(names, ["default", "kube-node-lease", "kube-public", "kube-system", "x"]);
  });
});
