// Copyright 2026 the k1s authors. Apache-2.0 license.
// The built-in namespace controller in one process: content of every namespaced kind is
// deleted, blocking finalizers keep the namespace Terminating with Kubernetes' conditions.
import { assert, assertEquals, assertRejects } from "@std/assert";
import { createRuntimeWith, type Runtime } from "../runtime/runtime.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { CM, configMap, customType, exists, names } from "./testdata/fixtures.ts";

const NS = { apiVersion: "v1", kind: "Namespace" };
const WIDGET = { apiVersion: "example.com/v1", kind: "Widget" };

async function runtime(): Promise<Runtime> {
  return await createRuntimeWith({
    store: createMemoryStorage(),
    resources: [customType("Widget", true)],
  });
}

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

Deno.test("namespace controller deletes the content of a deleted namespace, then the namespace", async () => {
  await using rt = await runtime();
  await rt.client.create({ ...NS, metadata: { name: "team" } });
  await rt.client.create(configMap("a", "team"));
  await rt.client.create({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s", namespace: "team" },
  });
  await rt.client.create({ ...WIDGET, metadata: { name: "w", namespace: "team" } });
  await rt.client.create(configMap("keep", "default"));
  await rt.client.delete(NS, { name: "team" });
  const terminating = await rt.client.get(NS, { name: "team" });
  assertEquals((terminating.status as { phase: string }).phase, "Terminating");
  await assertRejects(() => rt.client.create(configMap("late", "team")), Error, "being terminated");
  await rt.controllers.drain();
  await assertRejects(() => rt.client.get(NS, { name: "team" }), Error, "not found");
  assertEquals(await names(rt.client, CM, "team"), []);
  assertEquals(await names(rt.client, WIDGET, "team"), []);
  assertEquals(await names(rt.client, CM, "default"), ["keep"]);
});

Deno.test("namespace controller keeps a namespace Terminating while content has finalizers", async () => {
  await using rt = await runtime();
  await rt.client.create({ ...NS, metadata: { name: "team" } });
  await rt.client.create(configMap("held", "team", [], { finalizers: ["example.com/hold"] }));
  await rt.client.create({
    ...WIDGET,
    metadata: { name: "w", namespace: "team", finalizers: ["example.com/hold"] },
  });
  await rt.client.create(configMap("free", "team"));
  await rt.client.delete(NS, { name: "team" });
  await rt.controllers.drain();
  const ns = await rt.client.get(NS, { name: "team" });
  assertEquals((ns.spec as { finalizers: string[] }).finalizers, ["kubernetes"]);
  const conditions = (ns.status as { conditions: Condition[] }).conditions;
  assertEquals(conditions.map((c) => [c.type, c.status, c.reason, c.message]), [
    [
      "NamespaceDeletionDiscoveryFailure",
      "False",
      "ResourcesDiscovered",
      "All resources successfully discovered",
    ],
    [
      "NamespaceDeletionGroupVersionParsingFailure",
      "False",
      "ParsedGroupVersions",
      "All legacy kube types successfully parsed",
    ],
    [
      "NamespaceDeletionContentFailure",
      "False",
      "ContentDeleted",
      "All content successfully deleted, may be waiting on finalization",
    ],
    [
      "NamespaceContentRemaining",
      "True",
      "SomeResourcesRemain",
      "Some resources are remaining: configmaps. has 1 resource instances, widgets.example.com has 1 resource instances",
    ],
    [
      "NamespaceFinalizersRemaining",
      "True",
      "SomeFinalizersRemain",
      "Some content in the namespace has finalizers remaining: example.com/hold in 2 resource instances",
    ],
  ]);
  assertEquals(await names(rt.client, CM, "team"), ["held"]);
  const held = await rt.client.get(CM, { namespace: "team", name: "held" });
  assert(held.metadata.deletionTimestamp);

  // Release one: still terminating, with updated counts.
  held.metadata.finalizers = [];
  await rt.client.update(held);
  await rt.controllers.drain();
  const again = await rt.client.get(NS, { name: "team" });
  const remaining = (again.status as { conditions: Condition[] }).conditions
    .find((c) => c.type === "NamespaceContentRemaining")!;
  assertEquals(
    remaining.message,
    "Some resources are remaining: widgets.example.com has 1 resource instances",
  );

  // Release the last one: the namespace goes.
  const w = await rt.client.get(WIDGET, { namespace: "team", name: "w" });
  w.metadata.finalizers = [];
  await rt.client.update(w);
  await rt.controllers.drain();
  assert(!(await exists(rt.client, NS, { name: "team" })));
});

Deno.test("namespace controller leaves a namespace with its own metadata finalizer after finalizing", async () => {
  await using rt = await runtime();
  await rt.client.create({
    ...NS,
    metadata: { name: "team", finalizers: ["example.com/ns"] },
  });
  await rt.client.delete(NS, { name: "team" });
  await rt.controllers.drain();
  const ns = await rt.client.get(NS, { name: "team" });
  assertEquals((ns.spec as { finalizers?: string[] }).finalizers, undefined);
  ns.metadata.finalizers = [];
  await rt.client.update(ns);
  assert(!(await exists(rt.client, NS, { name: "team" })));
});

Deno.test("namespace controller ignores namespaces that are not being deleted", async () => {
  await using rt = await runtime();
  await rt.client.create({ ...NS, metadata: { name: "team" } });
  await rt.client.create(configMap("a", "team"));
  await rt.client.delete(CM, { namespace: "team", name: "a" });
  await rt.controllers.drain();
  const ns = await rt.client.get(NS, { name: "team" });
  assertEquals((ns.status as { phase: string }).phase, "Active");
  assertEquals((ns.status as { conditions?: unknown }).conditions, undefined);
});

Deno.test("events for a terminating namespace are dropped, not failed", async () => {
  await using rt = await runtime();
  await rt.client.create({ ...NS, metadata: { name: "team" } });
  const cm = await rt.client.create(
    configMap("held", "team", [], { finalizers: ["example.com/hold"] }),
  );
  await rt.client.delete(NS, { name: "team" });
  rt.recorder("test").event(cm, "Normal", "Late", "too late");
  // Refused (403: the namespace is terminating) and dropped, as client-go drops it.
  await rt.recorder("test").flush();
  const events = await rt.client.list({ apiVersion: "v1", kind: "Event" }, { namespace: "team" });
  assertEquals(events.items.length, 0);
});
