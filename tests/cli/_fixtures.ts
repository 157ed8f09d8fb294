// Copyright 2026 the k1s authors. Apache-2.0 license.
// A store with a bit of everything the read commands show: namespaces, ConfigMaps, Secrets,
// ServiceAccounts, RBAC objects, Events and a custom resource with printer columns.
import { createRuntime, type KubeObject } from "@k1s/core";
import { configMap, LONG_AGO, namespace, seed } from "./_helpers.ts";

const TS = LONG_AGO.toISOString().replace(/\.\d+Z$/, "Z");

/** A CRD with printer columns (one only in `-o wide`), a short name and the `all` category. */
export const WIDGET_CRD: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: {
      plural: "widgets",
      singular: "widget",
      kind: "Widget",
      shortNames: ["wd"],
      categories: ["all"],
    },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: {
        openAPIV3Schema: {
          type: "object",
          description: "Widget is a test kind.",
          properties: {
            spec: {
              type: "object",
              description: "The desired widget.",
              properties: {
                size: { type: "integer", description: "How big." },
                color: { type: "string", enum: ["red", "blue"] },
              },
              required: ["size"],
            },
            status: {
              type: "object",
              properties: {
                conditions: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: { type: { type: "string" }, status: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
      subresources: { status: {} },
      additionalPrinterColumns: [
        { name: "Size", type: "integer", jsonPath: ".spec.size" },
        { name: "Color", type: "string", jsonPath: ".spec.color", priority: 1 },
        { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
      ],
    }],
  },
};

function event(
  name: string,
  involved: { kind: string; name: string; namespace?: string; uid?: string },
  fields: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: involved.namespace ?? "default" },
    involvedObject: { apiVersion: "v1", ...involved, namespace: involved.namespace ?? "default" },
    firstTimestamp: TS,
    lastTimestamp: TS,
    count: 1,
    source: { component: "k1s-test" },
    ...fields,
  };
}

/**
 * A kind with the scale subresource (desired replicas in the spec, current ones and the label
 * selector in the status) and printer columns.
 */
export const REPLICATOR_CRD: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "replicators.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "replicators", singular: "replicator", kind: "Replicator" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: {
        openAPIV3Schema: {
          type: "object",
          properties: {
            spec: { type: "object", properties: { replicas: { type: "integer" } } },
            status: {
              type: "object",
              properties: { replicas: { type: "integer" }, selector: { type: "string" } },
            },
          },
        },
      },
      subresources: {
        status: {},
        scale: {
          specReplicasPath: ".spec.replicas",
          statusReplicasPath: ".status.replicas",
          labelSelectorPath: ".status.selector",
        },
      },
      additionalPrinterColumns: [
        { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
        { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
      ],
    }],
  },
};

/** Seeds the fixture store. */
export async function seedFixture(store: string): Promise<void> {
  await seed(store, [
    namespace("dev"),
    namespace("prod"),
    configMap("foo", { greeting: "hello" }, { labels: { app: "web", tier: "front" } }),
    configMap("bar", { a: "1", b: "2" }, { labels: { app: "db" } }),
    configMap("foo-extra", { x: "y" }),
    configMap("dev-settings", { mode: "debug" }, { namespace: "dev", labels: { app: "web" } }),
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s1", namespace: "default" },
      type: "Opaque",
      data: { password: btoa("hunter2") },
    },
    {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "builder", namespace: "default" },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "reader", namespace: "default" },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "alice-reads", namespace: "default" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
      subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" }],
    },
    event("bar.1", { kind: "ConfigMap", name: "bar" }, {
      type: "Warning",
      reason: "Invalid",
      message: "bad value",
    }),
    event("dev.1", { kind: "ConfigMap", name: "dev-settings", namespace: "dev" }, {
      type: "Normal",
      reason: "Created",
      message: "created",
    }),
    WIDGET_CRD,
  ]);
  await seed(store, [
    {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w1", namespace: "default" },
      spec: { size: 3, color: "red" },
    },
    {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w2", namespace: "dev" },
      spec: { size: 10 },
    },
  ]);
  // describe finds an object's events by uid, as kubectl's event search does.
  const rt = await createRuntime({ store });
  let uid: string;
  try {
    const foo = await rt.client.get({ apiVersion: "v1", kind: "ConfigMap" }, {
      namespace: "default",
      name: "foo",
    });
    uid = foo.metadata.uid ?? "";
  } finally {
    await rt.close();
  }
  await seed(store, [
    event("foo.1", { kind: "ConfigMap", name: "foo", uid }, {
      type: "Normal",
      reason: "Synced",
      message: "configmap synced",
      count: 3,
    }),
  ]);
}
