// Copyright 2026 the k1s authors. Apache-2.0 license.
// The built-in garbage collector in one process: the three propagation policies, several
// owners, blocking and non-blocking dependents, chains, custom and cluster-scoped kinds.
import { assert, assertEquals } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import { createRuntimeWith, type Runtime } from "../runtime/runtime.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { CM, configMap, customType, exists, names, ownerRef } from "./testdata/fixtures.ts";

const WIDGET = { apiVersion: "example.com/v1", kind: "Widget" };
const CLUSTER = { apiVersion: "example.com/v1", kind: "Cluster" };

async function runtime(): Promise<Runtime> {
  return await createRuntimeWith({
    store: createMemoryStorage(),
    resources: [customType("Widget", true), customType("Cluster", false)],
  });
}

async function owned(rt: Runtime, owner: KubeObject, n: number, block = true): Promise<void> {
  for (let i = 0; i < n; i++) {
    await rt.client.create(
      configMap(`dep-${i}`, owner.metadata.namespace ?? "default", [
        ownerRef(owner, block ? { blockOwnerDeletion: true } : {}),
      ]),
    );
  }
}

Deno.test("garbage collector deletes dependents of an owner deleted in the background", async () => {
  await using rt = await runtime();
  const owner = await rt.client.create(configMap("owner"));
  await owned(rt, owner, 3);
  await rt.client.create(configMap("bystander"));
  await rt.controllers.drain();
  assertEquals((await names(rt.client, CM, "default")).length, 5);
  await rt.client.delete(CM, { namespace: "default", name: "owner" });
  // Background: the owner goes at once, the dependents when the collector runs.
  assertEquals((await names(rt.client, CM, "default")).length, 4);
  const r = await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), ["bystander"]);
  assertEquals([r.remaining, r.failed], [[], []]);
});

Deno.test("garbage collector keeps the owner of a foreground deletion until blocking dependents go", async () => {
  await using rt = await runtime();
  const owner = await rt.client.create({
    ...WIDGET,
    metadata: { name: "w", namespace: "default" },
  });
  await owned(rt, owner, 2, true);
  // A blocking dependent with its own finalizer keeps the owner waiting.
  await rt.client.create(
    configMap("slow", "default", [ownerRef(owner, { blockOwnerDeletion: true })], {
      finalizers: ["example.com/hold"],
    }),
  );
  await rt.client.create(configMap("loose", "default", [ownerRef(owner)]));
  await rt.controllers.drain();
  await rt.client.delete(WIDGET, { namespace: "default", name: "w" }, {
    propagationPolicy: "Foreground",
  });
  const marked = await rt.client.get(WIDGET, { namespace: "default", name: "w" });
  assertEquals(marked.metadata.finalizers, ["foregroundDeletion"]);
  await rt.controllers.drain();
  // Every dependent is deleted; `slow` lingers on its finalizer and still blocks.
  assertEquals(await names(rt.client, CM, "default"), ["slow"]);
  assert(await exists(rt.client, WIDGET, { namespace: "default", name: "w" }));
  const slow = await rt.client.get(CM, { namespace: "default", name: "slow" });
  assert(slow.metadata.deletionTimestamp);
  slow.metadata.finalizers = [];
  await rt.client.update(slow);
  await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), []);
  assert(!(await exists(rt.client, WIDGET, { namespace: "default", name: "w" })));
});

Deno.test("garbage collector removes a foreground owner whose dependents do not block", async () => {
  await using rt = await runtime();
  const owner = await rt.client.create(configMap("owner"));
  await owned(rt, owner, 2, false);
  await rt.client.delete(CM, { namespace: "default", name: "owner" }, {
    propagationPolicy: "Foreground",
  });
  await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), []);
});

Deno.test("garbage collector orphans dependents of an owner deleted with Orphan", async () => {
  await using rt = await runtime();
  const owner = await rt.client.create(configMap("owner"));
  const other = await rt.client.create(configMap("other"));
  await rt.client.create(configMap("dep", "default", [ownerRef(owner), ownerRef(other)]));
  await owned(rt, owner, 1);
  await rt.client.delete(CM, { namespace: "default", name: "owner" }, {
    propagationPolicy: "Orphan",
  });
  await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), ["dep", "dep-0", "other"]);
  const dep = await rt.client.get(CM, { namespace: "default", name: "dep" });
  assertEquals(dep.metadata.ownerReferences?.map((r) => r.name), ["other"]);
  const dep0 = await rt.client.get(CM, { namespace: "default", name: "dep-0" });
  assertEquals(dep0.metadata.ownerReferences, undefined);
});

Deno.test("garbage collector keeps a dependent that still has an owner and drops the dangling reference", async () => {
  await using rt = await runtime();
  const a = await rt.client.create(configMap("a"));
  const b = await rt.client.create(configMap("b"));
  await rt.client.create(configMap("dep", "default", [ownerRef(a), ownerRef(b)]));
  await rt.client.delete(CM, { namespace: "default", name: "a" });
  await rt.controllers.drain();
  const dep = await rt.client.get(CM, { namespace: "default", name: "dep" });
  assertEquals(dep.metadata.ownerReferences?.map((r) => r.name), ["b"]);
  await rt.client.delete(CM, { namespace: "default", name: "b" });
  await rt.controllers.drain();
  assert(!(await exists(rt.client, CM, { namespace: "default", name: "dep" })));
});

Deno.test("garbage collector matches owners by uid", async () => {
  await using rt = await runtime();
  const a = await rt.client.create(configMap("a"));
  await rt.client.create(configMap("dep", "default", [ownerRef(a)]));
  await rt.controllers.drain();
  // Same name, new object: the reference points at the old uid and dangles.
  await rt.client.delete(CM, { namespace: "default", name: "a" });
  await rt.client.create(configMap("a"));
  await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), ["a"]);
});

Deno.test("garbage collector deletes an object created with an owner that does not exist", async () => {
  await using rt = await runtime();
  await rt.client.create(
    configMap("orphan", "default", [{
      apiVersion: "v1",
      kind: "ConfigMap",
      name: "ghost",
      uid: "00000000-0000-0000-0000-000000000000",
    }]),
  );
  await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), []);
});

Deno.test("garbage collector follows a chain of owners", async () => {
  await using rt = await runtime();
  const a = await rt.client.create(configMap("a"));
  const b = await rt.client.create(configMap("b", "default", [ownerRef(a)]));
  const c = await rt.client.create(configMap("c", "default", [ownerRef(b)]));
  await rt.client.create(configMap("d", "default", [ownerRef(c)]));
  await rt.client.delete(CM, { namespace: "default", name: "a" });
  const r = await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), []);
  assertEquals(r.remaining, []);
});

Deno.test("garbage collector deletes a foreground chain from the bottom up", async () => {
  await using rt = await runtime();
  const a = await rt.client.create(configMap("a"));
  const b = await rt.client.create(
    configMap("b", "default", [ownerRef(a, { blockOwnerDeletion: true })]),
  );
  await rt.client.create(
    configMap("c", "default", [ownerRef(b, { blockOwnerDeletion: true })], {
      finalizers: ["example.com/hold"],
    }),
  );
  await rt.client.delete(CM, { namespace: "default", name: "a" }, {
    propagationPolicy: "Foreground",
  });
  await rt.controllers.drain();
  // b is deleted in the foreground too (it has dependents) and waits for c, so a waits for b.
  const b2 = await rt.client.get(CM, { namespace: "default", name: "b" });
  assertEquals(b2.metadata.finalizers, ["foregroundDeletion"]);
  assert(await exists(rt.client, CM, { namespace: "default", name: "a" }));
  const c = await rt.client.get(CM, { namespace: "default", name: "c" });
  c.metadata.finalizers = [];
  await rt.client.update(c);
  await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), []);
});

Deno.test("garbage collector handles cluster-scoped owners with namespaced and cluster-scoped dependents", async () => {
  await using rt = await runtime();
  await rt.client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
  const owner = await rt.client.create({ ...CLUSTER, metadata: { name: "c1" } });
  await rt.client.create(configMap("in-default", "default", [ownerRef(owner)]));
  await rt.client.create(configMap("in-team", "team", [ownerRef(owner)]));
  await rt.client.create({
    ...CLUSTER,
    metadata: { name: "c2", ownerReferences: [ownerRef(owner)] },
  });
  await rt.controllers.drain();
  await rt.client.delete(CLUSTER, { name: "c1" });
  await rt.controllers.drain();
  assertEquals(await names(rt.client, CM), []);
  assertEquals(await names(rt.client, CLUSTER), []);
});

Deno.test("garbage collector reports a cluster-scoped dependent of a namespaced owner", async () => {
  await using rt = await runtime();
  const owner = await rt.client.create({
    ...WIDGET,
    metadata: { name: "w", namespace: "default" },
  });
  await rt.client.create({
    ...CLUSTER,
    metadata: { name: "bad", ownerReferences: [ownerRef(owner)] },
  });
  await rt.client.delete(WIDGET, { namespace: "default", name: "w" });
  await rt.controllers.drain();
  // Invalid reference: kept, with a warning event in `default`.
  assertEquals(await names(rt.client, CLUSTER), ["bad"]);
  const events = await rt.client.list({ apiVersion: "v1", kind: "Event" }, {
    namespace: "default",
  });
  const ev = events.items.find((e) => e.reason === "OwnerRefInvalidNamespace");
  assert(ev);
  assertEquals(ev.type, "Warning");
  assertEquals((ev.source as { component: string }).component, "garbage-collector-controller");
  assertEquals(
    ev.message,
    `ownerRef [example.com/v1/Widget, namespace: , name: w, uid: ${owner.metadata.uid}] does not exist in namespace ""`,
  );
});

Deno.test("garbage collector collects custom kinds owned by built-in kinds", async () => {
  await using rt = await runtime();
  const owner = await rt.client.create(configMap("owner"));
  await rt.client.create({
    ...WIDGET,
    metadata: { name: "w", namespace: "default", ownerReferences: [ownerRef(owner)] },
  });
  await rt.client.delete(CM, { namespace: "default", name: "owner" });
  await rt.controllers.drain();
  assertEquals(await names(rt.client, WIDGET, "default"), []);
});

Deno.test("garbage collector deletes a thousand dependents in one drain", async () => {
  await using rt = await runtime();
  const owner = await rt.client.create(configMap("owner"));
  await rt.transaction(async (c) => {
    for (let i = 0; i < 1000; i++) {
      await c.create(configMap(`d${i}`, "default", [ownerRef(owner)]));
    }
  });
  await rt.controllers.drain();
  await rt.client.delete(CM, { namespace: "default", name: "owner" });
  const r = await rt.controllers.drain();
  assertEquals((await names(rt.client, CM, "default")).length, 0);
  assertEquals(r.remaining.length, 0);
});

Deno.test("garbage collector breaks a cycle of owners deleted in the foreground", async () => {
  await using rt = await runtime();
  const a = await rt.client.create(configMap("a"));
  const b = await rt.client.create(
    configMap("b", "default", [ownerRef(a, { blockOwnerDeletion: true })]),
  );
  a.metadata.ownerReferences = [ownerRef(b, { blockOwnerDeletion: true })];
  await rt.client.update(a);
  await rt.client.create(configMap("bystander"));
  await rt.controllers.drain();
  await rt.client.delete(CM, { namespace: "default", name: "a" }, {
    propagationPolicy: "Foreground",
  });
  // Each waits for the other; as Kubernetes' collector, the dependent's owner references stop
  // blocking, and both go.
  const r = await rt.controllers.drain();
  assertEquals(await names(rt.client, CM, "default"), ["bystander"]);
  assertEquals([r.remaining, r.failed], [[], []]);
});
