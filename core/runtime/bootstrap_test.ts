// Copyright 2026 the k1s authors. Apache-2.0 license.
// Before a store's first write a runtime creates what an API server creates when it boots: the
// `default` namespace and the default ClusterRoles; reads before that serve them as they will
// be stored.
import { assert, assertEquals } from "@std/assert";
import { createRuntime, type KubeObject, type Storage } from "../../mod.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { bootstrapClusterRoles } from "../rbac/mod.ts";

const CLUSTER_ROLE = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole" };
const NAMESPACE = { apiVersion: "v1", kind: "Namespace" };
const CM = { apiVersion: "v1", kind: "ConfigMap" };
const ROLE_NAMES = bootstrapClusterRoles().map((r) => r.metadata.name);

const cm = (name: string): KubeObject => ({ ...CM, metadata: { name, namespace: "default" } });

/** A store several runtimes share, counting transactions and creates made through it. */
function sharedStore(inner: Storage = createMemoryStorage()) {
  const counts = { transactions: 0, creates: 0 };
  const wrap = (s: Storage): Storage =>
    new Proxy(s, {
      get(target, prop) {
        if (prop === "close") return () => Promise.resolve();
        if (prop === "transaction") {
          return (fn: (tx: Storage) => Promise<unknown>) => {
            counts.transactions++;
            return target.transaction((tx) => fn(wrap(tx)));
          };
        }
        if (prop === "create") counts.creates++;
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  return { storage: wrap(inner), counts };
}

/** What reads show of a stored object apart from the fields the store gives it. */
function asCreated(o: KubeObject): KubeObject {
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, managedFields: _m, ...meta } =
    o.metadata;
  return { ...o, metadata: meta };
}

Deno.test("the first write creates the default ClusterRoles with `default`, in one commit", async () => {
  const { storage, counts } = sharedStore();
  await using rt = await createRuntime({ store: storage });
  await rt.client.create(cm("a"));
  // The four system namespaces, their ServiceAccounts, the roles, and the ConfigMap.
  assertEquals(counts, { transactions: 1, creates: 8 + ROLE_NAMES.length + 1 });
  const stored = await rt.client.list(CLUSTER_ROLE);
  assertEquals(stored.items.map((r) => r.metadata.name), ROLE_NAMES);
  assertEquals(stored.items.map(asCreated), bootstrapClusterRoles());
  // The aggregated roles are already what the aggregation controller computes.
  assertEquals((await rt.controllers.drain({ timeoutMs: 10_000 })).failed, []);
  const after = await rt.client.list(CLUSTER_ROLE);
  assertEquals(
    after.items.map((r) => r.metadata.resourceVersion),
    stored.items.map((r) => r.metadata.resourceVersion),
  );
});

Deno.test("reads before the first write serve the default ClusterRoles as they will be stored", async (t) => {
  const { storage } = sharedStore();
  await using rt = await createRuntime({ store: storage });
  const before = await rt.client.list(CLUSTER_ROLE);
  await t.step("list", () => {
    assertEquals(before.items.map((r) => r.metadata.name), ROLE_NAMES);
  });
  await t.step("get", async () => {
    const view = await rt.client.get(CLUSTER_ROLE, { name: "view" });
    assertEquals(view, bootstrapClusterRoles().at(-1));
  });
  await t.step("label selector", async () => {
    const l = await rt.client.list(CLUSTER_ROLE, {
      labelSelector: "rbac.authorization.k8s.io/aggregate-to-edit=true",
    });
    assertEquals(l.items.map((r) => r.metadata.name), ["system:aggregate-to-edit", "view"]);
  });
  await t.step("after the first write, the stored ones", async () => {
    await rt.client.create(cm("a"));
    const after = await rt.client.list(CLUSTER_ROLE);
    assertEquals(after.items.map(asCreated), before.items);
    assert(after.items.every((r) => r.metadata.uid && r.metadata.resourceVersion));
  });
});

Deno.test("a later runtime creates the bootstrap objects a store lacks, and keeps the others", async (t) => {
  const { storage, counts } = sharedStore();
  await t.step("a store written before the default ClusterRoles existed gets them", async () => {
    // As k1s stored it then: `default` only.
    await storage.create("/registry/namespaces/default", {
      ...NAMESPACE,
      metadata: { name: "default", uid: "u0" },
    });
    await using rt = await createRuntime({ store: storage });
    await rt.client.create(cm("a"));
    assertEquals(
      (await rt.client.list(CLUSTER_ROLE)).items.map((r) => r.metadata.name),
      ROLE_NAMES,
    );
    assertEquals((await rt.client.get(NAMESPACE, { name: "default" })).metadata.uid, "u0");
  });
  await t.step("a changed role is kept, a deleted one comes back", async () => {
    await using rt = await createRuntime({ store: storage });
    const edit = await rt.client.get(CLUSTER_ROLE, { name: "edit" });
    await rt.client.update({ ...edit, metadata: { ...edit.metadata, labels: { mine: "yes" } } });
    await rt.client.delete(CLUSTER_ROLE, { name: "view" });
    await using next = await createRuntime({ store: storage });
    counts.transactions = 0;
    await next.client.create(cm("b"));
    assertEquals(counts.transactions, 1);
    assertEquals((await next.client.get(CLUSTER_ROLE, { name: "edit" })).metadata.labels, {
      mine: "yes",
    });
    assertEquals(
      asCreated(await next.client.get(CLUSTER_ROLE, { name: "view" })),
      bootstrapClusterRoles().at(-1),
    );
  });
  await t.step("a complete store costs one read per object, and no transaction", async () => {
    await using rt = await createRuntime({ store: storage });
    counts.transactions = 0;
    await rt.client.create(cm("c"));
    await rt.client.create(cm("d"));
    assertEquals(counts.transactions, 0);
  });
});

Deno.test("each tenant gets its own default ClusterRoles", async () => {
  const { storage } = sharedStore();
  await using a = await createRuntime({ store: storage, tenant: "a" });
  await a.client.create(cm("x"));
  assert(await storage.get("/tenants/a/registry/clusterroles/view"));
  assertEquals(await storage.get("/tenants/b/registry/clusterroles/view"), undefined);
  assertEquals(await storage.get("/registry/clusterroles/view"), undefined);
});
