// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertMatch, assertRejects } from "@std/assert";
import {
  type Client,
  createRuntime,
  isAlreadyExists,
  isConflict,
  isInvalid,
  isNotFound,
  type KubeObject,
  type Runtime,
  StatusError,
} from "../../mod.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap" };
const SECRET = { apiVersion: "v1", kind: "Secret" };
const NS = { apiVersion: "v1", kind: "Namespace" };

function cm(
  name: string,
  data: Record<string, string> = {},
  labels?: Record<string, string>,
): KubeObject {
  return { ...CM, metadata: { name, namespace: "default", ...(labels ? { labels } : {}) }, data };
}

async function withRuntime(fn: (c: Client, rt: Runtime) => Promise<void>): Promise<void> {
  const rt = await createRuntime({ store: "memory:" });
  try {
    await fn(rt.client, rt);
  } finally {
    await rt.close();
  }
}

async function statusOf(p: Promise<unknown>): Promise<StatusError> {
  const e = await assertRejects(() => p, StatusError);
  return e as StatusError;
}

Deno.test("client create, get, update and delete round-trip with one global revision", () =>
  withRuntime(async (c) => {
    const a = await c.create(cm("a", { k: "v" }));
    const b = await c.create(cm("b"));
    const n = Number(a.metadata.resourceVersion);
    assertEquals(Number(b.metadata.resourceVersion), n + 1);
    a.data = { k: "v2" };
    const a2 = await c.update(a);
    assertEquals(Number(a2.metadata.resourceVersion), n + 2);
    const got = await c.get(CM, { namespace: "default", name: "a" });
    assertEquals(got.data, { k: "v2" });
    assertMatch(got.metadata.uid!, /^[0-9a-f-]{36}$/);
    assertMatch(got.metadata.creationTimestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assertEquals(got.metadata.generation, undefined, "ConfigMaps have no generation");
    const list = await c.list(CM, { namespace: "default" });
    assertEquals(list.kind, "ConfigMapList");
    assertEquals(
      list.metadata.resourceVersion,
      String(n + 2),
      "list revision is the store revision",
    );
    await c.delete(CM, { namespace: "default", name: "b" });
    const after = await c.list(CM, { namespace: "default" });
    assertEquals(after.metadata.resourceVersion, String(n + 3));
    assertEquals(after.items.map((o) => o.metadata.name), ["a"]);
  }));

Deno.test("client create refills the passed object", () =>
  withRuntime(async (c) => {
    const obj = cm("x");
    const out = await c.create(obj);
    assert(out === obj);
    assert(obj.metadata.resourceVersion);
    assert(obj.metadata.uid);
  }));

Deno.test("client errors carry Kubernetes' exact messages", async (t) => {
  await withRuntime(async (c) => {
    await c.create(cm("a"));
    await t.step("NotFound", async () => {
      const e = await statusOf(c.get(CM, { namespace: "default", name: "x" }));
      assert(isNotFound(e));
      assertEquals(e.message, 'configmaps "x" not found');
      assertEquals(e.status.code, 404);
      assertEquals(e.status.details, { name: "x", kind: "configmaps" });
    });
    await t.step("AlreadyExists", async () => {
      const e = await statusOf(c.create(cm("a")));
      assert(isAlreadyExists(e));
      assertEquals(e.message, 'configmaps "a" already exists');
    });
    await t.step("Conflict on a stale resourceVersion", async () => {
      const a = await c.get(CM, { namespace: "default", name: "a" });
      const stale = structuredClone(a);
      a.data = { x: "1" };
      await c.update(a);
      stale.data = { x: "2" };
      const e = await statusOf(c.update(stale));
      assert(isConflict(e));
      assertEquals(
        e.message,
        'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
      );
    });
    await t.step("Invalid name", async () => {
      const e = await statusOf(c.create(cm("Bad")));
      assert(isInvalid(e));
      assertEquals(
        e.message,
        `ConfigMap "Bad" is invalid: metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      );
      assertEquals(e.status.code, 422);
      assertEquals(e.status.details?.causes?.[0]?.field, "metadata.name");
    });
    await t.step("resourceVersion set on create", async () => {
      const obj = cm("rv");
      obj.metadata.resourceVersion = "5";
      const e = await statusOf(c.create(obj));
      assertEquals(e.status.code, 500);
      assertEquals(e.status.reason, undefined);
      assertEquals(e.message, "resourceVersion should not be set on objects to be created");
    });
    await t.step("missing namespace", async () => {
      const obj = cm("x");
      obj.metadata.namespace = "nope";
      const e = await statusOf(c.create(obj));
      assertEquals(e.message, 'namespaces "nope" not found');
      assertEquals(e.status.code, 404);
    });
    await t.step("deleting the default namespace", async () => {
      const e = await statusOf(c.delete(NS, { name: "default" }));
      assertEquals(
        e.message,
        'namespaces "default" is forbidden: this namespace may not be deleted',
      );
      assertEquals(e.status.code, 403);
    });
    await t.step("name or generateName required", async () => {
      const e = await statusOf(c.create({ ...CM, metadata: { namespace: "default" } }));
      assertEquals(
        e.message,
        'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
      );
    });
    await t.step("custom resource kind unknown", async () => {
      const e = await statusOf(
        c.get({ apiVersion: "example.com/v1", kind: "Widget" }, { name: "w" }),
      );
      assertEquals(e.message, 'no matches for kind "Widget" in version "example.com/v1"');
    });
  });
});

Deno.test("client update without a resourceVersion is unconditional for ConfigMaps", () =>
  withRuntime(async (c) => {
    await c.create(cm("a", { k: "1" }));
    const u = await c.update(cm("a", { k: "2" }));
    assertEquals(u.data, { k: "2" });
  }));

Deno.test("concurrent unconditional updates all succeed: the last one wins", () =>
  withRuntime(async (c) => {
    await c.create(cm("a", { k: "0" }));
    const done = await Promise.all(
      Array.from({ length: 8 }, (_, i) => c.update(cm("a", { k: String(i + 1) }))),
    );
    const revisions = done.map((u) => Number(u.metadata.resourceVersion));
    const last = done[revisions.indexOf(Math.max(...revisions))];
    assertEquals((await c.get(CM, { namespace: "default", name: "a" })).data, last.data);
  }));

Deno.test("requests for a named object without a name fail before reaching the server", () =>
  withRuntime(async (c, rt) => {
    const rev = await rt.storage.revision();
    const key = { namespace: "default", name: "" };
    for (
      const call of [
        () => c.get(CM, key),
        () => c.update(cm("")),
        () => c.patch(CM, key, {}, { type: "merge" }),
        () => c.delete(CM, key),
        () => c.status().update(cm("")),
      ]
    ) {
      await assertRejects(call, Error, "resource name may not be empty");
    }
    assertEquals(await rt.storage.revision(), rev);
  }));

Deno.test("status().get reads through the status subresource, 404 without one", () =>
  withRuntime(async (c) => {
    await c.create(cm("plain"));
    const e = await assertRejects(
      () => c.status().get(CM, { namespace: "default", name: "plain" }),
      StatusError,
    );
    assertEquals([e.status.code, e.message], [
      404,
      "the server could not find the requested resource",
    ]);
    const ns = await c.status().get(NS, { name: "default" });
    assertEquals(ns.metadata.name, "default");
  }));

Deno.test("client no-op update writes nothing", () =>
  withRuntime(async (c, rt) => {
    const a = await c.create(cm("a", { k: "1" }));
    const rev = await rt.storage.revision();
    const again = await c.update(structuredClone(a));
    assertEquals(again.metadata.resourceVersion, a.metadata.resourceVersion);
    assertEquals(await rt.storage.revision(), rev);
  }));

Deno.test("client generateName adds 5 characters from Kubernetes' alphabet", () =>
  withRuntime(async (c) => {
    const o = await c.create({ ...CM, metadata: { generateName: "app-", namespace: "default" } });
    assertMatch(o.metadata.name!, /^app-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  }));

Deno.test("client dry run persists nothing", () =>
  withRuntime(async (c, rt) => {
    await c.create(cm("seed"));
    const rev = await rt.storage.revision();
    const o = await c.create(cm("dry"), { dryRun: true });
    assert(o.metadata.uid);
    await assertRejects(() => c.get(CM, { namespace: "default", name: "dry" }), StatusError);
    await c.delete(CM, { namespace: "default", name: "seed" }, { dryRun: true });
    await c.get(CM, { namespace: "default", name: "seed" });
    assertEquals(await rt.storage.revision(), rev);
  }));

Deno.test("a dry-run create of an existing object is AlreadyExists, as the real one", () =>
  withRuntime(async (c) => {
    await c.create(cm("seed"));
    const e = await assertRejects(() => c.create(cm("seed"), { dryRun: true }), StatusError);
    assertEquals([e.status.reason, e.message], [
      "AlreadyExists",
      'configmaps "seed" already exists',
    ]);
  }));

Deno.test("cluster-scoped objects have no namespace", () =>
  withRuntime(async (c) => {
    const ns = await c.create({ ...NS, metadata: { name: "team", namespace: "ignored" } });
    assertEquals(ns.metadata.namespace, undefined);
    assertEquals((ns.status as { phase: string }).phase, "Active");
    assertEquals((ns.spec as { finalizers: string[] }).finalizers, ["kubernetes"]);
    assertEquals(ns.metadata.labels, { "kubernetes.io/metadata.name": "team" });
  }));

Deno.test("a new store has the system namespaces", async (t) => {
  await t.step(
    "before anything is written, reads serve it as it will be created",
    () =>
      withRuntime(async (c) => {
        const ns = await c.get(NS, { name: "default" });
        assertEquals(ns.metadata.labels, { "kubernetes.io/metadata.name": "default" });
        assertEquals((ns.status as { phase: string }).phase, "Active");
        assertEquals((await c.list(NS)).items.map((o) => o.metadata.name), [
          "default",
          "kube-node-lease",
          "kube-public",
          "kube-system",
        ]);
        const byLabel = await c.list(NS, { labelSelector: "kubernetes.io/metadata.name=default" });
        assertEquals(byLabel.items.length, 1);
        assertEquals((await c.list(NS, { labelSelector: "team" })).items.length, 0);
        assertEquals(
          (await c.list(NS, { fieldSelector: "metadata.name=kube-system" })).items.length,
          1,
        );
      }),
  );

  await t.step("the first write creates it for real", () =>
    withRuntime(async (c) => {
      await c.create(cm("a"));
      const ns = await c.get(NS, { name: "default" });
      assertEquals(ns.metadata.name, "default");
      assert(ns.metadata.uid && ns.metadata.creationTimestamp && ns.metadata.resourceVersion);
    }));

  await t.step("pages of a list each show it once, in name order", async () => {
    // A store holding namespaces but no `default` (written below the runtime).
    const storage = createMemoryStorage();
    for (const n of ["a", "b", "c", "e"]) {
      await storage.create(`/registry/namespaces/${n}`, { ...NS, metadata: { name: n } });
    }
    await using rt = await createRuntime({ store: storage });
    const c = rt.client;
    const names = (await c.list(NS)).items.map((o) => o.metadata.name!);
    assertEquals(names, [
      "a",
      "b",
      "c",
      "default",
      "e",
      "kube-node-lease",
      "kube-public",
      "kube-system",
    ]);
    for (const limit of [1, 2, 3, 4, 5]) {
      let token: string | undefined;
      const paged: string[] = [];
      do {
        const page = await c.list(NS, { limit, ...(token ? { continue: token } : {}) });
        paged.push(...page.items.map((o) => o.metadata.name!));
        token = page.metadata.continue;
      } while (token);
      assertEquals(paged, names, `limit ${limit}`);
    }
  });
});

Deno.test("Secret stringData is merged into data and never stored", () =>
  withRuntime(async (c) => {
    const s = await c.create({
      ...SECRET,
      metadata: { name: "s", namespace: "default" },
      data: { a: btoa("old"), b: btoa("keep") },
      stringData: { a: "new" },
    });
    assertEquals(s.type, "Opaque");
    assertEquals(s.stringData, undefined);
    assertEquals(s.data, { a: btoa("new"), b: btoa("keep") });
  }));

Deno.test("immutable ConfigMaps reject data changes", () =>
  withRuntime(async (c) => {
    const a = await c.create({ ...cm("a", { k: "1" }), immutable: true });
    a.data = { k: "2" };
    const e = await statusOf(c.update(a));
    assertEquals(
      e.message,
      'ConfigMap "a" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  }));

Deno.test("finalizers hold an object after delete until they are removed", () =>
  withRuntime(async (c) => {
    await c.create({
      ...cm("f"),
      metadata: { name: "f", namespace: "default", finalizers: ["example.com/hold"] },
    });
    const marked = await c.delete(CM, { namespace: "default", name: "f" });
    assert(marked.metadata.deletionTimestamp);
    const still = await c.get(CM, { namespace: "default", name: "f" });
    assert(still.metadata.deletionTimestamp);
    const again = await c.delete(CM, { namespace: "default", name: "f" });
    assertEquals(
      again.metadata.resourceVersion,
      still.metadata.resourceVersion,
      "repeated delete is a no-op",
    );
    still.metadata.finalizers = ["example.com/hold", "example.com/other"];
    const e = await statusOf(c.update(structuredClone(still)));
    assertEquals(
      e.message,
      'ConfigMap "f" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/other"}',
    );
    still.metadata.finalizers = [];
    const last = await c.update(still);
    // The apiserver answers with the object as sent, its finalizers gone.
    assertEquals(last.metadata.finalizers, []);
    assertEquals(still.metadata.finalizers, []);
    await assertRejects(
      () => c.get(CM, { namespace: "default", name: "f" }),
      StatusError,
      "not found",
    );
  }));

Deno.test("delete preconditions are checked", () =>
  withRuntime(async (c) => {
    const a = await c.create(cm("a"));
    const e = await statusOf(
      c.delete(CM, { namespace: "default", name: "a" }, { preconditions: { uid: "other" } }),
    );
    assertEquals(
      e.message,
      `Operation cannot be fulfilled on configmaps "a": StorageError: invalid object, Code: 4, Key: /registry/configmaps/default/a, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: other, UID in object meta: ${a.metadata.uid}`,
    );
    await c.delete(CM, { namespace: "default", name: "a" }, {
      preconditions: { uid: a.metadata.uid },
    });
  }));

Deno.test("delete rejects an unknown propagation policy", () =>
  withRuntime(async (c) => {
    await c.create(cm("a"));
    const e = await statusOf(
      c.delete(CM, { namespace: "default", name: "a" }, {
        propagationPolicy: "Sideways" as "Orphan",
      }),
    );
    assertEquals(
      e.message,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
  }));

Deno.test("deleteAllOf deletes what the selector matches", () =>
  withRuntime(async (c) => {
    await c.create(cm("a", {}, { app: "web" }));
    await c.create(cm("b", {}, { app: "db" }));
    await c.create(cm("c", {}, { app: "web" }));
    const gone = await c.deleteAllOf(CM, { namespace: "default", labelSelector: "app=web" });
    assertEquals(gone.map((o) => o.metadata.name), ["a", "c"]);
    assertEquals((await c.list(CM, { namespace: "default" })).items.map((o) => o.metadata.name), [
      "b",
    ]);
  }));

Deno.test("the namespace lifecycle: Terminating namespaces refuse new content", () =>
  withRuntime(async (c) => {
    await c.create({ ...NS, metadata: { name: "team" } });
    await c.create({ ...cm("x"), metadata: { name: "x", namespace: "team" } });
    const ns = await c.delete(NS, { name: "team" });
    assertEquals((ns.status as { phase: string }).phase, "Terminating");
    const e = await statusOf(c.create({ ...cm("y"), metadata: { name: "y", namespace: "team" } }));
    assertEquals(
      e.message,
      'configmaps "y" is forbidden: unable to create new content in namespace team because it is being terminated',
    );
    assertEquals(e.status.code, 403);
    const again = await statusOf(c.delete(NS, { name: "team" }));
    assertEquals(
      again.message,
      'Operation cannot be fulfilled on namespaces "team": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
  }));

Deno.test("creates read their namespace once, and see another process delete it", async () => {
  const storage = createMemoryStorage();
  let namespaceReads = 0;
  // Two runtimes on one store stand for two processes; only the test closes the store.
  const shared = () =>
    new Proxy(storage, {
      get(target, p) {
        if (p === "close") return () => Promise.resolve();
        if (p === "get") {
          return (key: string, o?: Parameters<typeof target.get>[1]) => {
            if (key.startsWith("/registry/namespaces/")) namespaceReads++;
            return target.get(key, o);
          };
        }
        const v = Reflect.get(target, p);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  const a = await createRuntime({ store: shared() });
  const b = await createRuntime({ store: shared() });
  try {
    await a.client.create({ ...NS, metadata: { name: "team" } });
    namespaceReads = 0;
    for (const name of ["x", "y", "z"]) {
      await a.client.create({ ...cm(name), metadata: { name, namespace: "team" } });
    }
    assertEquals(namespaceReads, 1, "the namespace is read by the first create only");
    // Another process starts deleting the namespace: this one's next create finds out.
    await b.client.delete(NS, { name: "team" });
    const e = await statusOf(
      a.client.create({ ...cm("late"), metadata: { name: "late", namespace: "team" } }),
    );
    assertEquals(
      e.message,
      'configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated',
    );
    await b.controllers.drain();
    const gone = await statusOf(
      a.client.create({ ...cm("later"), metadata: { name: "later", namespace: "team" } }),
    );
    assertEquals(gone.message, 'namespaces "team" not found');
    // Recreated elsewhere: creates work again, at the new namespace's revision.
    await b.client.create({ ...NS, metadata: { name: "team" } });
    await a.client.create({ ...cm("again"), metadata: { name: "again", namespace: "team" } });
    assertEquals(
      (await a.client.list(CM, { namespace: "team" })).items.map((o) => o.metadata.name),
      ["again"],
    );
  } finally {
    await a.close();
    await b.close();
    await storage.close();
  }
});

Deno.test("status().update needs a status subresource", () =>
  withRuntime(async (c) => {
    const a = await c.create(cm("a"));
    const e = await statusOf(c.status().update(a));
    assertEquals(e.status.code, 404);
    const ns = await c.create({ ...NS, metadata: { name: "team" } });
    (ns.status as Record<string, unknown>).phase = "Active";
    ns.metadata.labels = { changed: "yes" };
    const s = await c.status().update(ns);
    assertEquals(s.metadata.labels?.changed, undefined, "status writes do not change labels");
  }));

Deno.test("transactions commit several writes together", () =>
  withRuntime(async (c, rt) => {
    await c.create(cm("seed"));
    const before = await rt.storage.revision();
    await rt.transaction(async (tx) => {
      await tx.create(cm("t1"));
      await tx.create(cm("t2"));
    });
    assertEquals(await rt.storage.revision(), before + 2);
    await assertRejects(() =>
      rt.transaction(async (tx) => {
        await tx.create(cm("t3"));
        throw new Error("abort");
      })
    );
    await assertRejects(() => c.get(CM, { namespace: "default", name: "t3" }), StatusError);
  }));

Deno.test("object metadata is validated per API group, as the apiserver does", () =>
  withRuntime(async (c) => {
    // core/v1 Events keep legacy validation: a path-segment name, any qualified finalizer.
    const event = await c.create({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "My_Event", namespace: "default", finalizers: ["foo"] },
      involvedObject: { kind: "ConfigMap", name: "a", namespace: "default" },
      reason: "Test",
    });
    assertEquals(event.metadata.name, "My_Event");
    // RBAC validates metadata with the core group's rules, standard finalizer names included.
    const e = await statusOf(c.create({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "r1", namespace: "default", finalizers: ["cleanup"] },
      rules: [],
    }));
    assertEquals(
      e.message,
      'Role.rbac.authorization.k8s.io "r1" is invalid: metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    );
  }));

Deno.test("duplicate owner references are dropped with the apiserver's warning", async () => {
  const warnings: string[] = [];
  const rt = await createRuntime({ store: "memory:", onWarning: (w) => void warnings.push(w) });
  try {
    const c = rt.client;
    const owner = await c.create(cm("owner"));
    const ref = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid! };
    const dependent = await c.create({
      ...cm("dependent"),
      metadata: { name: "dependent", namespace: "default", ownerReferences: [ref, ref] },
    });
    assertEquals(dependent.metadata.ownerReferences, [ref]);
    const dup = `duplicate UID(s) observed: ${ref.uid}`;
    assertEquals(warnings, [
      `.metadata.ownerReferences contains duplicate entries; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; ${dup}`,
    ]);
    // A patch's result is deduplicated after admission, and says so.
    const patched = await c.patch(CM, { namespace: "default", name: "dependent" }, {
      metadata: { ownerReferences: [ref, ref] },
    }, { type: "merge" });
    assertEquals(patched.metadata.ownerReferences, [ref]);
    assertEquals(
      warnings[1],
      `.metadata.ownerReferences contains duplicate entries after mutating admission happens; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; ${dup}`,
    );
  } finally {
    await rt.close();
  }
});

Deno.test("a name with a lone UTF-16 surrogate is refused, not stored under another key", () =>
  withRuntime(async (c) => {
    const role = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      // Role names are path segments: anything but `/` and `%` passes validation.
      metadata: { name: "lone\ud800surrogate", namespace: "default" },
      rules: [],
    };
    const e = await statusOf(c.create(role));
    assertEquals([e.status.code, e.message], [
      400,
      'invalid resource name "default/lone\\ud800surrogate"',
    ]);
    assertEquals((await c.list(role, { namespace: "default" })).items, []);
  }));
