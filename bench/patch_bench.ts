// Copyright 2026 the k1s authors. Apache-2.0 license.
// Cost of the patch library on the write path. updateManagedFields runs on every create and
// update, so a ConfigMap create must stay a small fraction of the 10 µs a 100,000 creates/s
// client allows on 2 cores (issue #2).
import type { KubeObject } from "../core/object/types.ts";
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  createThreeWayMergePatch,
  serverSideApply,
  updateManagedFields,
} from "../core/patch/mod.ts";
import { CONFIG_MAP, DEPLOYMENT } from "../core/patch/testdata/schemas.ts";

const T = "2026-01-01T00:00:00Z";

function configMap(i: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: `cm-${i}`,
      namespace: "default",
      uid: "9b7c1f3a-0000-4000-8000-000000000000",
      creationTimestamp: T,
      labels: { app: i % 2 ? "web" : "db", tier: `t${i % 10}` },
    },
    data: { "config.yaml": "key: value\nother: thing\n", mode: "fast" },
  };
}

let n = 0;
Deno.bench(
  "updateManagedFields: ConfigMap create",
  { group: "managedFields", baseline: true },
  () => {
    updateManagedFields({
      obj: configMap(n++),
      manager: "kubectl-create",
      operation: "Update",
      apiVersion: "v1",
      time: T,
      schema: CONFIG_MAP,
    });
  },
);

const created = configMap(0);
created.metadata.managedFields = updateManagedFields({
  obj: created,
  manager: "kubectl-create",
  operation: "Update",
  apiVersion: "v1",
  time: T,
  schema: CONFIG_MAP,
});
const edited = { ...created, data: { "config.yaml": "key: other\n", mode: "fast", extra: "1" } };
Deno.bench(
  "updateManagedFields: ConfigMap update by another manager",
  { group: "managedFields" },
  () => {
    updateManagedFields({
      old: created,
      obj: edited,
      manager: "kubectl-edit",
      operation: "Update",
      apiVersion: "v1",
      time: T,
      schema: CONFIG_MAP,
    });
  },
);

const applied = configMap(0);
delete applied.metadata.uid;
delete applied.metadata.creationTimestamp;
const live = serverSideApply({
  applied,
  manager: "kubectl",
  force: false,
  apiVersion: "v1",
  time: T,
  schema: CONFIG_MAP,
});
Deno.bench("serverSideApply: ConfigMap re-apply, unchanged", { group: "apply" }, () => {
  serverSideApply({
    live,
    applied,
    manager: "kubectl",
    force: false,
    apiVersion: "v1",
    time: T,
    schema: CONFIG_MAP,
  });
});
const changed = { ...applied, data: { mode: "slow" } };
Deno.bench("serverSideApply: ConfigMap apply dropping a key", { group: "apply" }, () => {
  serverSideApply({
    live,
    applied: changed,
    manager: "kubectl",
    force: false,
    apiVersion: "v1",
    time: T,
    schema: CONFIG_MAP,
  });
});

const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default", labels: { app: "web" } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: {
        containers: [
          {
            name: "nginx",
            image: "nginx:1.25",
            ports: [{ containerPort: 80 }],
            env: [{ name: "A", value: "1" }],
          },
          { name: "sidecar", image: "envoy:1", args: ["--x"] },
        ],
      },
    },
  },
};
const smp = {
  spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.26" }] } } },
};
Deno.bench("applyStrategicMergePatch: Deployment image bump", { group: "patch" }, () => {
  applyStrategicMergePatch(deployment, smp, DEPLOYMENT);
});
Deno.bench("applyMergePatch: ConfigMap key", { group: "patch" }, () => {
  applyMergePatch(created, { data: { mode: "slow", extra: null } });
});
Deno.bench("applyJsonPatch: ConfigMap test + replace", { group: "patch" }, () => {
  applyJsonPatch(created, [{ op: "test", path: "/data/mode", value: "fast" }, {
    op: "replace",
    path: "/data/mode",
    value: "slow",
  }]);
});
const modified = structuredClone(deployment);
(modified.spec as { replicas: number }).replicas = 5;
Deno.bench("createThreeWayMergePatch: Deployment (kubectl apply)", { group: "patch" }, () => {
  createThreeWayMergePatch({
    original: deployment,
    modified,
    current: deployment,
    schema: DEPLOYMENT,
    strategic: true,
  });
});
