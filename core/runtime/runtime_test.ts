// Copyright 2026 the k1s authors. Apache-2.0 license.
// A runtime loads its write machinery (controllers, custom resources, RBAC, the write verbs)
// only when it needs it; until then it must behave as if it were loaded.
import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { createRuntime, type KubeObject, StatusError } from "../../mod.ts";

const BUILTIN_CONTROLLERS = [
  "garbage-collector",
  "namespace-controller",
  "serviceaccount-controller",
  "apiextensions-crd-finalizer",
  "clusterrole-aggregation-controller",
];

Deno.test("createRuntime() lists the built-in controllers and rejects their names before loading them", async () => {
  await using rt = await createRuntime({ store: "memory:" });
  assertEquals(rt.controllers.list().map((c) => c.name), BUILTIN_CONTROLLERS);
  const mine = { name: "mine", for: { apiVersion: "v1", kind: "ConfigMap" }, reconcile() {} };
  for (const name of [...BUILTIN_CONTROLLERS, "bad name"]) {
    assertThrows(() => rt.controllers.add({ ...mine, name } as never), TypeError, name);
  }
  rt.controllers.add(mine as never);
  assertThrows(() => rt.controllers.add(mine as never), TypeError, "already registered");
  // The first write loads the manager, which keeps the order and the controller added.
  await rt.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } });
  assertEquals(rt.controllers.list().map((c) => c.name), [...BUILTIN_CONTROLLERS, "mine"]);
  assertEquals((await rt.controllers.drain()).failed, []);
});

Deno.test("createRuntime() serves the CRD kind and custom kinds before the first write", async () => {
  await using rt = await createRuntime({ store: "memory:" });
  assertEquals(rt.registry.resolve("crd").map((t) => t.kind), ["CustomResourceDefinition"]);
  await assertRejects(
    () => rt.client.list({ apiVersion: "example.com/v1", kind: "Widget" }),
    StatusError,
    'no matches for kind "Widget" in version "example.com/v1"',
  );
});

Deno.test("createRuntime() keeps events recorded before the first write, with their time", async () => {
  let now = new Date("2026-01-01T00:00:00Z");
  await using rt = await createRuntime({ store: "memory:", now: () => now });
  const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } };
  rt.recorder("test").event(cm as KubeObject, "Normal", "Early", "recorded first");
  now = new Date("2026-01-01T00:05:00Z");
  await rt.client.create(cm);
  await rt.recorder("test").flush();
  const events = await rt.client.list({ apiVersion: "v1", kind: "Event" });
  assertEquals(
    events.items.map((e) => [e.reason, e.message, e.firstTimestamp]),
    [["Early", "recorded first", "2026-01-01T00:00:00Z"]],
  );
});

Deno.test("createRuntime() checks requests of other identities before RBAC is loaded", async () => {
  await using rt = await createRuntime({ store: "memory:" });
  const alice = rt.clientFor({ username: "alice" });
  const err = await assertRejects(
    () => alice.list({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "default" }),
    StatusError,
  );
  assertEquals(err.status.reason, "Forbidden");
  assert(err.message.includes('User "alice" cannot list resource "configmaps"'), err.message);
});
