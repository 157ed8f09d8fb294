// Copyright 2026 the k1s authors. Apache-2.0 license.
// Everything above the storage contract works unchanged on etcd: the CLI in real processes,
// controllers (garbage collection across processes, with their watermarks in etcd) and RBAC.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { createRuntime, isForbidden } from "@k1s/core";
import {
  etcdAvailability,
  type EtcdCluster,
  etcdRequired,
  startEtcdCluster,
} from "../storage/etcd/testdata/etcd_cluster.ts";
import { k1s } from "./cli/_helpers.ts";
import { createEtcdStorage, parseEtcdStoreUrl } from "../storage/etcd/mod.ts";
import type { Storage, StorageTransactionOptions } from "../core/storage/types.ts";
import { advanceWatermarks, saveStates, statePrefix } from "../core/controller/_state.ts";

const availability = await etcdAvailability();
const ignore = !availability.ok && !etcdRequired();

function etcdTest(name: string, fn: (store: string) => Promise<void>): void {
  Deno.test({
    name,
    ignore,
    fn: async () => {
      if (!availability.ok) throw new Error(`etcd is required here but ${availability.reason}`);
      const cluster: EtcdCluster = await startEtcdCluster({ members: 1 });
      try {
        const hostPort = cluster.endpoints[0].replace(/^https?:\/\//, "");
        await fn(`etcd://${hostPort}/k1s-e2e`);
      } finally {
        await cluster.stop();
      }
    },
  });
}

etcdTest("the k1s CLI works unchanged on an etcd store", async (store) => {
  const created = await k1s(["create", "configmap", "app", "--from-literal=k=v"], { store });
  assertEquals(created.stderr, "");
  assertEquals(created.stdout, "configmap/app created\n");
  const got = await k1s(["get", "configmap", "app", "-o", "jsonpath={.data.k}"], { store });
  assertEquals(got.stdout, "v");
  const dup = await k1s(["create", "configmap", "app", "--from-literal=k=v"], { store });
  assertEquals(dup.code, 1);
  assertEquals(dup.stderr, 'error: failed to create configmap: configmaps "app" already exists\n');
  const applied = await k1s(["apply", "-f", "-"], {
    store,
    stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app2\ndata:\n  a: b\n",
  });
  assertEquals(applied.stdout, "configmap/app2 created\n");
  const list = await k1s(["get", "cm", "--no-headers", "-o", "custom-columns=N:.metadata.name"], {
    store,
  });
  assertEquals(list.stdout, "app\napp2\n");
  const deleted = await k1s(["delete", "cm", "app", "app2"], { store });
  assertEquals(deleted.stdout, 'configmap "app" deleted\nconfigmap "app2" deleted\n');
  const none = await k1s(["get", "cm"], { store });
  assertEquals(none.stderr, "No resources found in default namespace.\n");
});

etcdTest(
  "garbage collection and namespace deletion run on etcd across processes",
  async (store) => {
    {
      await using rt = await createRuntime({ store });
      const owner = await rt.client.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "owner", namespace: "default" },
      });
      for (const name of ["d1", "d2"]) {
        await rt.client.create({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: {
            name,
            namespace: "default",
            ownerReferences: [{
              apiVersion: "v1",
              kind: "ConfigMap",
              name: "owner",
              uid: owner.metadata.uid!,
            }],
          },
        });
      }
      await rt.client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
      await rt.client.create({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "s", namespace: "team" },
      });
    }
    // Another process deletes; the CLI drains the triggered reconciles before it exits.
    const del = await k1s(["delete", "cm", "owner"], { store });
    assertEquals(del.code, 0, del.stderr);
    const nsDel = await k1s(["delete", "namespace", "team"], { store });
    assertEquals(nsDel.code, 0, nsDel.stderr);
    {
      await using rt = await createRuntime({ store });
      const left = await rt.client.list({ apiVersion: "v1", kind: "ConfigMap" }, {
        namespace: "default",
      });
      assertEquals(left.items.map((o) => o.metadata.name), []);
      const namespaces = await rt.client.list({ apiVersion: "v1", kind: "Namespace" });
      assertEquals(namespaces.items.map((o) => o.metadata.name), [
        "default",
        "kube-node-lease",
        "kube-public",
        "kube-system",
      ]);
    }
  },
);

etcdTest("RBAC and tokens work on etcd", async (store) => {
  {
    await using rt = await createRuntime({ store });
    await rt.client.create({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "bot", namespace: "default" },
    });
    await rt.client.create({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "cm-reader", namespace: "default" },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }],
    });
    await rt.client.create({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "bot-reads", namespace: "default" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "cm-reader" },
      subjects: [{ kind: "ServiceAccount", name: "bot", namespace: "default" }],
    });
  }
  const token = await k1s(["create", "token", "bot"], { store });
  assertEquals(token.code, 0, token.stderr);
  const jwt = token.stdout.trim();
  const list = await k1s(["get", "cm"], { store, env: { K1S_TOKEN: jwt } });
  assertEquals(list.code, 0, list.stderr);
  const denied = await k1s(["create", "configmap", "x"], { store, env: { K1S_TOKEN: jwt } });
  assertEquals(denied.code, 1);
  assertStringIncludes(
    denied.stderr,
    'configmaps is forbidden: User "system:serviceaccount:default:bot" cannot create resource "configmaps" in API group "" in the namespace "default"',
  );
  await using rt = await createRuntime({ store, token: jwt });
  const err = await rt.client.delete({ apiVersion: "v1", kind: "ServiceAccount" }, {
    namespace: "default",
    name: "bot",
  }).catch((e) => e);
  assert(isForbidden(err));
});

etcdTest(
  "controllers see every write of a transaction on etcd, where the writes share a revision",
  async (store) => {
    const seen: string[] = [];
    const controller = {
      name: "cm-watcher",
      for: { apiVersion: "v1", kind: "ConfigMap" },
      reconcile(_ctx: unknown, req: { name: string }) {
        seen.push(req.name);
        return Promise.resolve();
      },
    };
    {
      // This process writes: its own writes are mapped as they happen.
      await using rt = await createRuntime({ store });
      rt.controllers.add(controller);
      await rt.client.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "first", namespace: "default" },
      });
      await rt.controllers.drain();
      seen.length = 0;
      await rt.transaction(async (c) => {
        for (const name of ["a", "b", "c"]) {
          await c.create({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name, namespace: "default" },
          });
        }
      });
      await rt.controllers.drain();
      assertEquals(seen.sort(), ["a", "b", "c"]);
    }
    {
      // Another process wrote: the changes are read back from etcd's change log.
      await using writer = await createRuntime({ store });
      await writer.transaction(async (c) => {
        for (const name of ["d", "e"]) {
          await c.create({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name, namespace: "default" },
          });
        }
      });
    }
    seen.length = 0;
    await using rt = await createRuntime({ store });
    rt.controllers.add(controller);
    await rt.controllers.drain();
    assertEquals(seen.sort(), ["d", "e"]);
  },
);

etcdTest(
  "controller records report the revision etcd stored them at, with another writer in between",
  async (store) => {
    const s = await createEtcdStorage(parseEtcdStoreUrl(store));
    const other = await createEtcdStorage(parseEtcdStoreUrl(store));
    let writes = 0;
    // Another client writes right after each transaction's first write, before its commit.
    const racing = new Proxy(s, {
      get(target, p) {
        if (p !== "transaction") {
          const v = Reflect.get(target, p);
          return typeof v === "function" ? v.bind(target) : v;
        }
        return <T>(fn: (tx: Storage) => Promise<T>, o?: StorageTransactionOptions) =>
          target.transaction((tx) => {
            let first = true;
            const view = new Proxy(tx, {
              get(t, q) {
                const v = Reflect.get(t, q);
                if (q !== "update" && q !== "create") {
                  return typeof v === "function" ? v.bind(t) : v;
                }
                return async (...args: unknown[]) => {
                  const r = await (v as (...a: unknown[]) => Promise<unknown>).apply(t, args);
                  if (first) {
                    first = false;
                    const name = `w-${writes++}`;
                    await other.create(`/registry/configmaps/default/${name}`, {
                      apiVersion: "v1",
                      kind: "ConfigMap",
                      metadata: { name, namespace: "default" },
                    });
                  }
                  return r;
                };
              },
            });
            return fn(view);
          }, o);
      },
    });
    try {
      const recorded = async (name: string) =>
        Number((await s.get(`${statePrefix("/registry")}${name}`))!.metadata.resourceVersion);
      const deltas = (revision: number) =>
        ["c", "d"].map((name) => ({ name, revision, removes: new Map(), upserts: new Map() }));
      const both = async () => [await recorded("c"), await recorded("d")];
      assertEquals(await saveStates(racing, "/registry", deltas(1)), await both());
      assertEquals(await saveStates(racing, "/registry", deltas(2)), await both());
      const [c, d] = await both();
      const records = new Map([["c", c], ["d", d]]);
      assertEquals(await advanceWatermarks(racing, "/registry", records, 3), await both());
      assertEquals(writes, 3);
    } finally {
      await s.close();
      await other.close();
    }
  },
);
