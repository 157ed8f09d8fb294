// Copyright 2026 the k1s authors. Apache-2.0 license.
// The built-in serviceaccounts controller: every active namespace has a `default`
// ServiceAccount, the `default` namespace's from the start.
import { assertEquals } from "@std/assert";
import { createRuntime } from "../runtime/create_runtime.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { configMap } from "./testdata/fixtures.ts";

const NS = { apiVersion: "v1", kind: "Namespace" };
const SA = { apiVersion: "v1", kind: "ServiceAccount" };
// The system namespaces every store has, and their ServiceAccounts.
const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];
const SYSTEM = SYSTEM_NAMESPACES.map((ns) => `${ns}/default`);

Deno.test("serviceaccounts controller: a default ServiceAccount in every active namespace", async (t) => {
  const storage = createMemoryStorage();
  await using rt = await createRuntime({ store: storage });
  const accounts = async () =>
    (await rt.client.list(SA)).items.map((s) => `${s.metadata.namespace}/${s.metadata.name}`);

  await t.step("the system namespaces have one before anything is written, and after", async () => {
    assertEquals(await accounts(), SYSTEM);
    await rt.client.create(configMap("a", "default"));
    const sa = await rt.client.get(SA, { namespace: "default", name: "default" });
    assertEquals(typeof sa.metadata.uid, "string");
  });

  await t.step("a new namespace gets one when the controllers run", async () => {
    await rt.client.create({ ...NS, metadata: { name: "team" } });
    assertEquals(await accounts(), SYSTEM);
    assertEquals((await rt.controllers.drain()).failed, []);
    assertEquals(await accounts(), [...SYSTEM, "team/default"]);
    const sa = await rt.client.get(SA, { namespace: "team", name: "default" });
    // No field of its own: no managedFields entry, as on a cluster.
    assertEquals(sa.metadata.managedFields, undefined);
    assertEquals(typeof sa.metadata.creationTimestamp, "string");
  });

  await t.step("a deleted one comes back; other ServiceAccounts are left alone", async () => {
    await rt.client.create({ ...SA, metadata: { name: "builder", namespace: "team" } });
    await rt.client.delete(SA, { namespace: "team", name: "default" });
    await rt.client.delete(SA, { namespace: "team", name: "builder" });
    assertEquals(await accounts(), SYSTEM);
    assertEquals((await rt.controllers.drain()).failed, []);
    assertEquals(await accounts(), [...SYSTEM, "team/default"]);
  });

  await t.step("a terminating namespace gets none, and goes", async () => {
    await rt.client.delete(NS, { name: "team" });
    assertEquals((await rt.controllers.drain()).failed, []);
    assertEquals(await accounts(), SYSTEM);
    assertEquals((await rt.client.list(NS)).items.map((n) => n.metadata.name), SYSTEM_NAMESPACES);
  });

  await t.step("a namespace created by another process is seen by the next one", async () => {
    await using other = await createRuntime({ store: storage });
    await other.client.create({ ...NS, metadata: { name: "ops" } });
    await using next = await createRuntime({ store: storage });
    assertEquals((await next.controllers.drain()).failed, []);
    const sa = await rt.client.get(SA, { namespace: "ops", name: "default" });
    assertEquals(sa.metadata.namespace, "ops");
  });
});
