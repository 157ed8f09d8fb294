// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertThrows } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import { createRuntime } from "../runtime/create_runtime.ts";
import {
  addFinalizer,
  containsFinalizer,
  handleFinalizer,
  isBeingDeleted,
  removeFinalizer,
} from "./finalizers.ts";
import { setControllerReference, setOwnerReference } from "./owner_references.ts";
import { isTerminalError, TerminalError, terminalError } from "./terminal_error.ts";

function cm(meta: KubeObject["metadata"] = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "a", namespace: "default", ...meta },
  };
}

Deno.test("addFinalizer() and removeFinalizer() report whether they changed the object", () => {
  const o = cm();
  assert(!containsFinalizer(o, "a.io/x"));
  assert(addFinalizer(o, "a.io/x"));
  assert(!addFinalizer(o, "a.io/x"));
  assert(addFinalizer(o, "b.io/y"));
  assertEquals(o.metadata.finalizers, ["a.io/x", "b.io/y"]);
  assert(removeFinalizer(o, "a.io/x"));
  assert(!removeFinalizer(o, "a.io/x"));
  assertEquals(o.metadata.finalizers, ["b.io/y"]);
});

Deno.test("setControllerReference() refuses a second controller and cross-namespace owners", () => {
  const owner = cm({ name: "o", uid: "u1" });
  const dep = setControllerReference(owner, cm({ name: "d" }));
  // Idempotent for the same owner.
  setControllerReference(owner, dep);
  assertEquals(dep.metadata.ownerReferences?.length, 1);
  assertThrows(
    () => setControllerReference(cm({ name: "p", uid: "u2" }), dep),
    TypeError,
    "Object default/d is already owned by another ConfigMap controller o",
  );
  assertThrows(
    () => setControllerReference(owner, cm({ name: "x", namespace: "other" })),
    TypeError,
    "cross-namespace owner references are disallowed, owner's namespace default, obj's namespace other",
  );
  assertThrows(
    () =>
      setControllerReference(owner, {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "r" },
      }),
    TypeError,
    "cluster-scoped resource must not have a namespace-scoped owner",
  );
  assertThrows(() => setOwnerReference(cm({ name: "nouid" }), cm()), TypeError, "uid");
});

Deno.test("setOwnerReference() keeps the flags of an existing reference", () => {
  const owner = cm({ name: "o", uid: "u1" });
  const dep = setControllerReference(owner, cm({ name: "d" }));
  setOwnerReference({ ...owner, metadata: { ...owner.metadata, uid: "u9" } }, dep);
  assertEquals(dep.metadata.ownerReferences, [{
    apiVersion: "v1",
    kind: "ConfigMap",
    name: "o",
    uid: "u9",
    controller: true,
    blockOwnerDeletion: true,
  }]);
});

Deno.test("terminalError() wraps once and is found through causes", () => {
  const e = terminalError(new Error("bad"));
  assert(e instanceof TerminalError);
  assertEquals(e.message, "bad");
  assertEquals(terminalError(e), e);
  assert(isTerminalError(new Error("outer", { cause: e })));
  assert(!isTerminalError("bad"));
});

Deno.test("handleFinalizer() adds, then finalizes once deletion starts", async (t) => {
  await using rt = await createRuntime({ store: "memory:" });
  const c = rt.client;
  const key = { namespace: "default", name: "a" };
  const F = "example.com/cleanup";
  const created = await c.create(cm());

  await t.step("an object not being deleted gets the finalizer, once", async () => {
    assertEquals(
      await handleFinalizer(c, created, F, () => Promise.reject(new Error("no"))),
      "added",
    );
    const again = await c.get(cm(), key);
    assertEquals(again.metadata.finalizers, [F]);
    assertEquals(await handleFinalizer(c, again, F, () => Promise.reject(new Error("no"))), "none");
  });

  await t.step("a failed cleanup keeps the finalizer and the object", async () => {
    await c.delete(cm(), key);
    const deleting = await c.get(cm(), key);
    assert(isBeingDeleted(deleting));
    let err: unknown;
    try {
      await handleFinalizer(c, deleting, F, () => Promise.reject(new Error("busy")));
    } catch (e) {
      err = e;
    }
    assertEquals((err as Error).message, "busy");
    assertEquals((await c.get(cm(), key)).metadata.finalizers, [F]);
  });

  await t.step("a successful cleanup removes the finalizer and the object goes", async () => {
    const deleting = await c.get(cm(), key);
    let cleaned = 0;
    assertEquals(
      await handleFinalizer(c, deleting, F, () => {
        cleaned++;
        return Promise.resolve();
      }),
      "finalized",
    );
    assertEquals(cleaned, 1);
    assertEquals((await c.list(cm(), { namespace: "default" })).items, []);
  });
});
