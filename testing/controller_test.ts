// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertRejects } from "@std/assert";
import type { KubeObject } from "../core/object/types.ts";
import { newConflict } from "../core/errors/status_error.ts";
import { addFinalizer, containsFinalizer, removeFinalizer } from "../core/controller/finalizers.ts";
import type { Controller, ReconcileContext, Request } from "../core/controller/types.ts";
import { createControllerTestEnv } from "./controller.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap" };
const FINALIZER = "example.com/cleanup";

/** A reconciler in the usual shape: finalizer on, status on, cleanup on delete. */
const labeller: Controller = {
  name: "labeller",
  for: CM,
  async reconcile(ctx: ReconcileContext, req: Request) {
    let cm: KubeObject;
    try {
      cm = await ctx.client.get(CM, req);
    } catch {
      return;
    }
    if (cm.metadata.deletionTimestamp) {
      if (removeFinalizer(cm, FINALIZER)) await ctx.client.update(cm);
      return;
    }
    if (addFinalizer(cm, FINALIZER) || cm.metadata.labels?.seen !== "yes") {
      cm.metadata.labels = { ...cm.metadata.labels, seen: "yes" };
      await ctx.client.update(cm);
      ctx.recorder.event(cm, "Normal", "Labelled", `labelled ${req.name}`);
    }
  },
};

Deno.test("createControllerTestEnv() drains seeded objects until quiet", async () => {
  await using env = await createControllerTestEnv({
    objects: [{ ...CM, metadata: { name: "a", namespace: "team" } }],
    controllers: [labeller],
  });
  const r = await env.drain();
  assertEquals([r.remaining, r.failed], [[], []]);
  const a = await env.client.get(CM, { namespace: "team", name: "a" });
  assertEquals(a.metadata.labels, { seen: "yes" });
  assert(containsFinalizer(a, FINALIZER));
  const events = await env.events("team");
  assertEquals(events.map((e) => [e.reason, e.message]), [["Labelled", "labelled a"]]);
  // Deletion waits for the controller to drop its finalizer.
  await env.client.delete(CM, { namespace: "team", name: "a" });
  await env.drain();
  await assertRejects(
    () => env.client.get(CM, { namespace: "team", name: "a" }),
    Error,
    "not found",
  );
});

Deno.test("createControllerTestEnv() reconciles one request directly", async () => {
  await using env = await createControllerTestEnv({
    objects: [{ ...CM, metadata: { name: "a", namespace: "default" } }],
    controllers: [labeller],
  });
  await env.reconcile("labeller", { namespace: "default", name: "a" });
  const a = await env.client.get(CM, { namespace: "default", name: "a" });
  assertEquals(a.metadata.labels, { seen: "yes" });
  await assertRejects(() => env.reconcile("nope", { name: "a" }), TypeError, "not registered");
});

Deno.test("createControllerTestEnv() applies interceptors to the controllers' client", async () => {
  let conflicts = 1;
  await using env = await createControllerTestEnv({
    objects: [{ ...CM, metadata: { name: "a", namespace: "default" } }],
    controllers: [labeller],
    interceptors: {
      update: (c, obj, opts) =>
        conflicts-- > 0
          ? Promise.reject(newConflict({ group: "", resource: "configmaps" }, "a"))
          : c.update(obj, opts),
    },
  });
  const first = await env.drain();
  // The conflict is retried after its backoff, which the fake clock has not reached.
  assertEquals(first.failed.length, 1);
  assertEquals(first.scheduled.map((s) => s.due - env.clock.now()), [5]);
  env.clock.advance(5);
  const second = await env.drain();
  assertEquals([second.failed, second.scheduled], [[], []]);
  const a = await env.client.get(CM, { namespace: "default", name: "a" });
  assertEquals(a.metadata.labels, { seen: "yes" });
});

Deno.test("createControllerTestEnv() runs the garbage collector too", async () => {
  await using env = await createControllerTestEnv();
  const owner = await env.client.create({ ...CM, metadata: { name: "o", namespace: "default" } });
  await env.client.create({
    ...CM,
    metadata: {
      name: "d",
      namespace: "default",
      ownerReferences: [{
        apiVersion: "v1",
        kind: "ConfigMap",
        name: "o",
        uid: owner.metadata.uid!,
      }],
    },
  });
  await env.client.delete(CM, { namespace: "default", name: "o" });
  await env.drain();
  const left = await env.client.list(CM, { namespace: "default" });
  assertEquals(left.items.length, 0);
});
