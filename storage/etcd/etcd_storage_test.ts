// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import type { KubeObject } from "../../core/object/types.ts";
import type { Storage, StorageEvent, StorageWatch } from "../../core/storage/types.ts";
import { isStorageError, StorageError } from "../../core/storage/storage_error.ts";
import { runStorageConformance } from "../testing/mod.ts";
import { createEtcdStorage, parseEtcdStoreUrl } from "./mod.ts";
import {
  etcdAvailability,
  type EtcdCluster,
  etcdRequired,
  opensslAvailable,
  startEtcdCluster,
  waitHealthy,
} from "./testdata/etcd_cluster.ts";
import { startAnswerDroppingProxy } from "./testdata/answer_dropping_proxy.ts";
import { startSilentListener } from "./testdata/silent_listener.ts";

const availability = await etcdAvailability();
const required = etcdRequired();
const ignore = !availability.ok && !required;
if (ignore) {
  console.warn(
    `storage/etcd tests ignored: ${availability.reason}. Install it with .ci/etcd.sh ` +
      "(apt-get install etcd-server etcd-client); CI=true or K1S_REQUIRE_ETCD=1 makes this a failure.",
  );
}

/** A test that needs etcd: ignored without it, failing without it in CI. */
function etcdTest(
  name: string,
  fn: (t: Deno.TestContext) => Promise<void>,
  alsoIgnore = false,
): void {
  Deno.test({
    name,
    ignore: ignore || alsoIgnore,
    fn: async (t) => {
      if (!availability.ok) {
        throw new Error(
          `etcd is required here (CI=true or K1S_REQUIRE_ETCD=1) but ${availability.reason}`,
        );
      }
      await fn(t);
    },
  });
}

async function withCluster(members: number, fn: (c: EtcdCluster) => Promise<void>): Promise<void> {
  const cluster = await startEtcdCluster({ members });
  try {
    await fn(cluster);
  } finally {
    await cluster.stop();
  }
}

function obj(name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data };
}

const rv = (o: KubeObject) => Number(o.metadata.resourceVersion);
const P = "/registry/configmaps/default/";

async function take(w: StorageWatch, n: number, timeoutMs = 15_000): Promise<StorageEvent[]> {
  const out: StorageEvent[] = [];
  const it = w[Symbol.asyncIterator]();
  while (out.length < n) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const r = await Promise.race([
      it.next(),
      new Promise<"timeout">((res) => timer = setTimeout(() => res("timeout"), timeoutMs)),
    ]);
    clearTimeout(timer);
    if (r === "timeout") throw new Error(`watch: timed out after ${out.length} of ${n} events`);
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

async function etcdJson<T>(endpoint: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(endpoint + path, { method: "POST", body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json as T;
}

etcdTest("etcd storage passes the conformance suite", (t) =>
  withCluster(1, async (c) => {
    let n = 0;
    await runStorageConformance(t, {
      newStorage: () => createEtcdStorage({ endpoints: c.endpoints, prefix: `/conformance${++n}` }),
      skip: [{
        reason:
          "etcd gives every write of one txn the same revision, so a transaction's writes cannot " +
          "have consecutive revisions (covered by 'a transaction commits atomically at one etcd revision')",
        tests: ["a transaction commits all writes with consecutive revisions"],
      }],
    });
  }));

etcdTest(
  "a transaction's commit fails when a create's precondition changed after it was checked",
  () =>
    withCluster(1, async (c) => {
      const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/pre" });
      try {
        const NS = "/registry/namespaces/ns1";
        const ns = await s.create(NS, obj("ns1"));
        const err = await assertRejects(
          () =>
            s.transaction(async (tx) => {
              await tx.create(P + "x", obj("x"), { precondition: { key: NS, revision: rv(ns) } });
              // Another client changes the namespace before the transaction commits.
              await s.update(NS, obj("ns1", { t: "1" }), { expectedRevision: rv(ns) });
            }),
          StorageError,
        );
        assertEquals([err.code, err.key, err.revision], ["Conflict", NS, rv(ns) + 1]);
        assertEquals(await s.get(P + "x"), undefined);
      } finally {
        await s.close();
      }
    }),
);

etcdTest(
  "a transaction commits atomically at one etcd revision",
  () =>
    withCluster(1, async (c) => {
      const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/tx" });
      try {
        const base = await s.create(P + "base", obj("base"));
        const w = s.watch({ prefix: P, fromRevision: rv(base) });
        try {
          const made = await s.transaction(async (tx) => {
            const x = await tx.create(P + "x", obj("x"));
            const y = await tx.create(P + "y", obj("y"));
            assertEquals((await tx.get(P + "x"))?.metadata.name, "x");
            assertEquals((await tx.list({ prefix: P })).items.map((o) => o.metadata.name), [
              "base",
              "x",
              "y",
            ]);
            const b2 = await tx.update(P + "base", obj("base", { t: "1" }), {
              expectedRevision: rv(base),
            });
            // Own writes can be updated again at their (provisional) revision.
            await tx.update(P + "y", obj("y", { again: "1" }), { expectedRevision: rv(y) });
            return [x, y, b2];
          });
          const at = rv(base) + 1;
          assertEquals(
            made.map(rv),
            [at, at, at],
            "objects returned in the transaction carry the commit revision",
          );
          assertEquals(await s.revision(), at);
          assertEquals((await s.get(P + "base"))?.data, { t: "1" });
          assertEquals((await s.get(P + "y"))?.data, { again: "1" });
          const evs = await take(w, 3);
          assertEquals(evs.map((e) => [e.type, e.key, e.revision]), [
            ["ADDED", P + "x", at],
            ["ADDED", P + "y", at],
            ["MODIFIED", P + "base", at],
          ]);
        } finally {
          w.stop();
        }
      } finally {
        await s.close();
      }
    }),
);

etcdTest(
  "a transaction fails whole when a key it wrote changed meanwhile",
  () =>
    withCluster(1, async (c) => {
      const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/txc" });
      try {
        const a = await s.create(P + "a", obj("a"));
        const r0 = await s.revision();
        const err = await assertRejects(
          () =>
            s.transaction(async (tx) => {
              await tx.create(P + "new", obj("new"));
              const cur = await tx.get(P + "a");
              await tx.update(P + "a", obj("a", { by: "tx" }), { expectedRevision: rv(cur!) });
              // Another writer gets in between the read and the commit.
              await s.update(P + "a", obj("a", { by: "other" }), { expectedRevision: rv(a) });
            }),
          StorageError,
        );
        assertEquals(err.code, "Conflict");
        assertEquals(err.key, P + "a");
        assertEquals(await s.get(P + "new"), undefined, "nothing of the transaction committed");
        assertEquals((await s.get(P + "a"))?.data, { by: "other" });
        assertEquals(await s.revision(), r0 + 1);
      } finally {
        await s.close();
      }
    }),
);

etcdTest("read-modify-write from 6 processes loses no update", () =>
  withCluster(1, async (c) => {
    const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/rmw" });
    try {
      const key = P + "counter";
      const created = await s.create(key, obj("counter", { count: "0" }));
      const procs = 6;
      const each = 30;
      const script = new URL("./testdata/increment.ts", import.meta.url).pathname;
      const children = Array.from({ length: procs }, () =>
        new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", script, c.endpoints.join(","), "/rmw", key, String(each)],
          stdout: "piped",
          stderr: "piped",
        }).output());
      let conflicts = 0;
      for (const out of await Promise.all(children)) {
        const stderr = new TextDecoder().decode(out.stderr);
        assert(out.success, `increment process failed: ${stderr}`);
        conflicts += JSON.parse(new TextDecoder().decode(out.stdout)).conflicts;
      }
      const final = await s.get(key);
      assertEquals(final?.data, { count: String(procs * each) });
      // Each increment is one successful update, one revision; nothing else wrote.
      assertEquals(rv(final!), rv(created) + procs * each);
      assert(conflicts > 0, "the processes really raced (some updates had to retry)");
    } finally {
      await s.close();
    }
  }));

/** Makes member `i` the raft leader, so that killing it also forces an election. */
async function makeLeader(c: EtcdCluster, i: number): Promise<void> {
  type Status = { header: { member_id: string }; leader: string };
  for (let attempt = 0; attempt < 50; attempt++) {
    const target = await etcdJson<Status>(c.endpoints[i], "/v3/maintenance/status", {});
    if (target.leader === target.header.member_id) return;
    for (let j = 0; j < c.members.length; j++) {
      const st = await etcdJson<Status>(c.endpoints[j], "/v3/maintenance/status", {});
      if (st.leader === st.header.member_id) {
        await etcdJson(c.endpoints[j], "/v3/maintenance/transfer-leadership", {
          targetID: target.header.member_id,
        })
          .catch(() => {});
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`member ${i} did not become the leader`);
}

etcdTest(
  "a 3-member cluster keeps every acknowledged write when the member in use is killed",
  () =>
    withCluster(3, async (c) => {
      await makeLeader(c, 0);
      const s = await createEtcdStorage({
        endpoints: c.endpoints,
        prefix: "/burst",
        timeoutMs: 3000,
      });
      const acked = new Map<string, number>();
      const failed: unknown[] = [];
      let ackedAfterKill = 0;
      let kill: Promise<void> | undefined;
      const total = 600;
      let next = 0;
      try {
        const worker = async () => {
          while (next < total) {
            const i = next++;
            const key = `${P}k${i}`;
            try {
              const o = await s.create(key, obj(`k${i}`, { i: String(i) }));
              acked.set(key, rv(o));
              if (kill) ackedAfterKill++;
              // The first member is the leader and the endpoint in use: kill it mid-burst.
              if (acked.size === 150 && !kill) kill = c.members[0].stop("SIGKILL");
            } catch (e) {
              failed.push(e);
            }
          }
        };
        await Promise.all(Array.from({ length: 32 }, worker));
        await kill;
      } finally {
        await s.close();
      }
      for (const e of failed) {
        assert(isStorageError(e, "Unreachable"), `only unknown outcomes may fail: ${e}`);
      }
      assert(failed.length <= 32, `at most the writes in flight fail, got ${failed.length}`);
      assert(ackedAfterKill > 100, `writes went on after the kill (${ackedAfterKill})`);
      const check = await createEtcdStorage({ endpoints: c.endpoints.slice(1), prefix: "/burst" });
      try {
        const list = await check.list({ prefix: P });
        const stored = new Map(list.items.map((o) => [`${P}${o.metadata.name}`, o]));
        for (const [key, rev] of acked) {
          const o = stored.get(key);
          assert(o, `acknowledged write ${key} is lost`);
          assertEquals(rv(o), rev, `${key} has the acknowledged revision`);
        }
        assertEquals(stored.size >= acked.size, true);
        assertEquals(acked.size + failed.length, total);
      } finally {
        await check.close();
      }
    }),
);

etcdTest(
  "a watch resumes from the last seen revision after the member restarts",
  () =>
    withCluster(1, async (c) => {
      const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/resume" });
      try {
        const a = await s.create(P + "a", obj("a"));
        const w = s.watch({ prefix: P, fromRevision: rv(a) });
        try {
          const before = [];
          for (let i = 0; i < 3; i++) before.push(await s.create(P + `b${i}`, obj(`b${i}`)));
          const first = await take(w, 3);
          assertEquals(first.map((e) => e.revision), before.map(rv));
          await c.members[0].stop("SIGKILL");
          c.members[0].start();
          // These wait for the member to come back.
          const after = [];
          for (let i = 3; i < 6; i++) after.push(await s.create(P + `b${i}`, obj(`b${i}`)));
          after.push(await s.update(P + "a", obj("a", { v: "2" }), { expectedRevision: rv(a) }));
          const rest = await take(w, 4);
          assertEquals(rest.map((e) => [e.type, e.revision]), [
            ...after.slice(0, 3).map((o) => ["ADDED", rv(o)]),
            ["MODIFIED", rv(after[3])],
          ]);
          assertEquals(rest[3].prevObject?.metadata.resourceVersion, String(rv(a)));
        } finally {
          w.stop();
        }
      } finally {
        await s.close();
      }
    }),
);

etcdTest("compaction gives Compacted and a fresh list recovers", () =>
  withCluster(1, async (c) => {
    const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/compact" });
    try {
      assertEquals(await s.compactedRevision(), 0);
      const a = await s.create(P + "a", obj("a"));
      await s.create(P + "b", obj("b"));
      let cur = a;
      for (let i = 0; i < 5; i++) {
        cur = await s.update(P + "a", obj("a", { i: String(i) }), { expectedRevision: rv(cur) });
      }
      const at = await s.revision();
      await s.compact(at - 1);
      await s.compact(at - 2); // older than the compacted revision: nothing to do
      assertEquals(await s.compactedRevision(), at - 1);
      const e = await assertRejects(() => s.list({ prefix: P, revision: rv(a) }), StorageError);
      assertEquals(e.code, "Compacted");
      assertEquals(e.message, `too old resource version: ${rv(a)} (${at - 1})`);
      const w = s.watch({ prefix: P, fromRevision: rv(a) });
      const we = await assertRejects(() => take(w, 1), StorageError);
      assertEquals(we.code, "Compacted");
      assertStringIncludes(we.message, "too old resource version");
      w.stop();
      const fresh = await s.list({ prefix: P });
      assertEquals(fresh.revision, at);
      assertEquals(fresh.items.map((o) => [o.metadata.name, o.data]), [["a", { i: "4" }], [
        "b",
        {},
      ]]);
      const ok = s.watch({ prefix: P, fromRevision: fresh.revision });
      try {
        const b2 = await s.update(P + "b", obj("b", { x: "1" }), {
          expectedRevision: rv(fresh.items[1]),
        });
        assertEquals((await take(ok, 1)).map((ev) => ev.revision), [rv(b2)]);
      } finally {
        ok.stop();
      }
      const future = await assertRejects(() => s.compact(at + 100), StorageError);
      assertEquals(future.code, "TooLargeRevision");
      const now = await s.revision();
      const ahead = s.watch({ prefix: P, fromRevision: now + 5 });
      const ae = await assertRejects(() => take(ahead, 1), StorageError);
      assertEquals(ae.message, `Too large resource version: ${now + 5}, current: ${now}`);
      ahead.stop();
    } finally {
      await s.close();
    }
  }));

etcdTest("a member that refuses connections is skipped", () =>
  withCluster(1, async (c) => {
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const dead = `http://127.0.0.1:${(l.addr as Deno.NetAddr).port}`;
    l.close();
    const s = await createEtcdStorage({ endpoints: [dead, ...c.endpoints], prefix: "/skip" });
    try {
      const a = await s.create(P + "a", obj("a"));
      assertEquals((await s.get(P + "a"))?.metadata.resourceVersion, a.metadata.resourceVersion);
    } finally {
      await s.close();
    }
    await assertRejects(
      () => createEtcdStorage({ endpoints: [dead], prefix: "/skip" }),
      StorageError,
      "etcd is unreachable",
    );
  }));

etcdTest(
  "a write whose answer is lost is applied once and reported truthfully",
  () =>
    withCluster(1, async (c) => {
      const proxy = startAnswerDroppingProxy(c.endpoints[0]);
      const direct = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/lost" });
      // A storage whose first endpoint is the proxy; answers are dropped from now on, so the next
      // write reaches etcd and its answer never comes back.
      const viaProxy = async () => {
        proxy.dropping = false;
        const st = await createEtcdStorage({
          endpoints: [proxy.url, ...c.endpoints],
          prefix: "/lost",
        });
        proxy.dropping = true;
        return st;
      };
      const stores: Storage[] = [];
      try {
        // A create applied by the first attempt is recognised on the retry as ours.
        let st = await viaProxy();
        stores.push(st);
        const a = await st.create(P + "a", obj("a", { v: "1" }));
        assertEquals(rv(a), await direct.revision(), "applied exactly once");
        assertEquals(
          (await direct.get(P + "a"))?.metadata.resourceVersion,
          a.metadata.resourceVersion,
        );

        stores.push(st = await viaProxy());
        const a2 = await st.update(P + "a", obj("a", { v: "2" }), { expectedRevision: rv(a) });
        assertEquals(rv(a2), await direct.revision());
        assertEquals((await direct.get(P + "a"))?.data, { v: "2" });

        // A real conflict stays a conflict: another value is there.
        await direct.create(P + "taken", obj("taken", { by: "other" }));
        stores.push(st = await viaProxy());
        const e = await assertRejects(
          () => st.create(P + "taken", obj("taken", { by: "me" })),
          StorageError,
        );
        assertEquals(e.code, "KeyExists");

        // A transaction's commit: its reads pass, the answer to the txn is dropped.
        stores.push(st = await viaProxy());
        proxy.dropping = false;
        const made = await st.transaction(async (tx) => {
          const x = await tx.create(P + "x", obj("x"));
          await tx.update(P + "a", obj("a", { v: "3" }), { expectedRevision: rv(a2) });
          proxy.dropping = true;
          return x;
        });
        assertEquals(rv(made), await direct.revision());
        assertEquals((await direct.get(P + "a"))?.data, { v: "3" });

        // A lost delete cannot be told apart from someone else's delete: Unreachable.
        stores.push(st = await viaProxy());
        const d = await assertRejects(
          () => st.delete(P + "x", { expectedRevision: rv(made) }),
          StorageError,
        );
        assertEquals(d.code, "Unreachable");
        assertStringIncludes(d.message, "outcome of the write is unknown");
        assertEquals(await direct.get(P + "x"), undefined);
        // Deno's fetch re-sends once on a fresh connection when a reused one drops: more drops.
        assert(proxy.dropped >= 5);
      } finally {
        for (const st of stores) await st.close();
        await direct.close();
        await proxy.close();
      }
    }),
);

const haveOpenssl = await opensslAvailable();
if (!haveOpenssl && !ignore) {
  console.warn("storage/etcd: the TLS test is ignored: openssl is not installed");
}

etcdTest("etcds:// connects with a CA and a client certificate", async () => {
  const c = await startEtcdCluster({ tls: true });
  try {
    const tls = c.tls!;
    const port = new URL(c.endpoints[0]).port;
    const url =
      `etcds://127.0.0.1:${port}/secure?ca=${tls.ca}&cert=${tls.clientCert}&key=${tls.clientKey}`;
    const s = await createEtcdStorage(parseEtcdStoreUrl(url));
    try {
      const a = await s.create(P + "a", obj("a"));
      assertEquals((await s.get(P + "a"))?.metadata.resourceVersion, a.metadata.resourceVersion);
      const w = s.watch({ prefix: P, fromRevision: rv(a) - 1 });
      assertEquals((await take(w, 1))[0].key, P + "a");
      w.stop();
    } finally {
      await s.close();
    }
    // Without the client certificate the member refuses the handshake.
    await assertRejects(
      () =>
        createEtcdStorage({
          ...parseEtcdStoreUrl(`etcds://127.0.0.1:${port}?ca=${tls.ca}`),
          timeoutMs: 2000,
        }),
      StorageError,
    );
  } finally {
    await c.stop();
  }
}, !haveOpenssl);

etcdTest("etcd test clusters restart on their data directory", () =>
  withCluster(1, async (c) => {
    const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/restart" });
    try {
      const a = await s.create(P + "a", obj("a"));
      await c.members[0].stop();
      c.members[0].start();
      await waitHealthy(c);
      assertEquals((await s.get(P + "a"))?.metadata.resourceVersion, a.metadata.resourceVersion);
    } finally {
      await s.close();
    }
  }));

/** Runs `fn` and returns its result and how long it took, in milliseconds. */
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

etcdTest(
  "an endpoint that accepts connections but never answers is given up within seconds",
  () =>
    withCluster(1, async (c) => {
      const silent = startSilentListener();
      const real = c.endpoints[0].replace(/^http:\/\//, "");
      const url = `etcd://${silent.url.replace(/^http:\/\//, "")},${real}/silent`;
      try {
        // Each round is what one CLI command does: a fresh storage (nothing known about the
        // members yet), one operation, close.
        const command = async <T>(op: (s: Storage) => Promise<T>): Promise<[T, number]> =>
          await timed(async () => {
            const s = await createEtcdStorage(parseEtcdStoreUrl(url));
            try {
              return await op(s);
            } finally {
              await s.close();
            }
          });
        const [made, createMs] = await command((s) => s.create(P + "a", obj("a")));
        const [got, getMs] = await command((s) => s.get(P + "a"));
        const [list, listMs] = await command((s) => s.list({ prefix: P }));
        assertEquals(got?.metadata.resourceVersion, made.metadata.resourceVersion);
        assertEquals(list.items.map((o) => o.metadata.name), ["a"]);
        for (const [what, ms] of [["create", createMs], ["get", getMs], ["list", listMs]]) {
          assert(Number(ms) < 5000, `${what} took ${Math.round(Number(ms))}ms`);
        }
        assert(silent.accepted >= 3, "the silent endpoint was really tried first");
        // A shorter first-response timeout from the URL gives up sooner.
        const [, fastMs] = await timed(async () => {
          const s = await createEtcdStorage(
            parseEtcdStoreUrl(`${url}?first-response-timeout=200ms`),
          );
          await s.get(P + "a");
          await s.close();
        });
        assert(fastMs < 2000, `get with first-response-timeout=200ms took ${fastMs}ms`);
      } finally {
        await silent.close();
      }
    }),
);

etcdTest(
  "a request that outlasts the first-response timeout is not given up while the member is alive",
  () =>
    withCluster(1, async (c) => {
      // About 24 MB of values: etcd needs clearly longer than 100ms to encode the range as JSON.
      const big = "x".repeat(10_000);
      const n = 2400;
      for (let i = 0; i < n; i += 100) {
        await etcdJson(c.endpoints[0], "/v3/kv/txn", {
          success: Array.from({ length: 100 }, (_, j) => {
            const name = `big${String(i + j).padStart(5, "0")}`;
            const value = JSON.stringify({ ...obj(name), data: { big } });
            return {
              request_put: {
                key: btoa(`/slow${P}${name}`),
                value: new TextEncoder().encode(value).toBase64(),
              },
            };
          }),
        });
      }
      const s = await createEtcdStorage({
        endpoints: c.endpoints,
        prefix: "/slow",
        firstResponseTimeoutMs: 100,
      });
      try {
        const [list, ms] = await timed(() => s.list({ prefix: P }));
        assertEquals(list.items.length, n);
        assert(ms > 100, `the list outlasted the first-response timeout (${ms}ms)`);
      } finally {
        await s.close();
      }
    }),
);

etcdTest(
  "a stopped (SIGSTOP) member is given up by reads and writes within seconds",
  () =>
    withCluster(3, async (c) => {
      await makeLeader(c, 1);
      const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/stopped" });
      try {
        const a = await s.create(P + "a", obj("a"));
        c.members[0].pause();
        // This storage knows the member as healthy: the write goes to it first, is given up,
        // and is resolved by re-sending it with its compare to the next member.
        const [b, writeMs] = await timed(() => s.create(P + "b", obj("b")));
        assert(writeMs < 5000, `the create took ${writeMs}ms`);
        // A fresh storage (a new CLI command) pays the first-response timeout once.
        const [got, readMs] = await timed(async () => {
          const fresh = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/stopped" });
          try {
            return await fresh.get(P + "a");
          } finally {
            await fresh.close();
          }
        });
        assert(readMs < 5000, `the get took ${readMs}ms`);
        assertEquals(got?.metadata.resourceVersion, a.metadata.resourceVersion);
        const at = await s.revision();
        assertEquals(at, rv(b), "the create was applied once");
        // The stopped member still holds the first copy of the create; once resumed it may
        // handle it, and its compare (b absent) must fail.
        c.members[0].resume();
        await waitHealthy(c);
        await s.create(P + "c", obj("c"));
        assertEquals((await s.get(P + "b"))?.metadata.resourceVersion, String(rv(b)));
        assertEquals(await s.revision(), at + 1);
      } finally {
        c.members[0].resume();
        await s.close();
      }
    }),
);

etcdTest(
  "a watch on a stopped (SIGSTOP) member moves to another one without losing or repeating events",
  () =>
    withCluster(3, async (c) => {
      await makeLeader(c, 1);
      // The watch uses the first endpoint (member 0); the writer only the others.
      const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/wstop" });
      const writer = await createEtcdStorage({
        endpoints: c.endpoints.slice(1),
        prefix: "/wstop",
      });
      const base = await writer.revision();
      const w = s.watch({ prefix: P, fromRevision: base });
      const seen: { ev: StorageEvent; at: number }[] = [];
      const consumed = (async () => {
        for await (const ev of w) seen.push({ ev, at: Date.now() });
      })();
      const acked: number[] = [];
      const write = async (name: string) => {
        acked.push(rv(await writer.create(P + name, obj(name))));
      };
      const until = async (n: number, timeoutMs: number) => {
        const deadline = Date.now() + timeoutMs;
        while (seen.length < n && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      try {
        for (let i = 0; i < 20; i++) await write(`before${i}`);
        await until(acked.length, 5000);
        assertEquals(seen.length, acked.length, "the watch works before the stop");
        c.members[0].pause();
        const pausedAt = Date.now();
        // Writes go on through the other members, some of them while the watch is stuck.
        for (let i = 0; i < 20; i++) {
          await write(`during${i}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        await until(acked.length, 15_000);
        assertEquals(seen.length, acked.length, "the watch caught up");
        const caughtUp = seen[seen.length - 1].at - pausedAt;
        assert(caughtUp < 10_000, `the watch caught up ${caughtUp}ms after the stop`);
        c.members[0].resume();
        for (let i = 0; i < 10; i++) await write(`after${i}`);
        await until(acked.length, 10_000);
        // Anything the resumed member still had queued must not show up twice.
        await new Promise((r) => setTimeout(r, 500));
        assertEquals(seen.map((e) => e.ev.revision), acked, "every event exactly once, in order");
        assert(seen.every((e) => e.ev.type === "ADDED"));
      } finally {
        c.members[0].resume();
        w.stop();
        await consumed.catch(() => {});
        await s.close();
        await writer.close();
      }
    }),
);

etcdTest(
  "an object over etcd's or gRPC's size limit is Invalid, not Unreachable",
  (t) =>
    withCluster(1, async (c) => {
      const s = await createEtcdStorage({ endpoints: c.endpoints, prefix: "/big" });
      try {
        // etcd refuses requests over 1.5 MiB itself; gRPC refuses messages over 2 MiB first.
        for (const size of [1_600_000, 3_500_000]) {
          await t.step(`${size} bytes`, async () => {
            const err = await assertRejects(
              () => s.create(`${P}big${size}`, obj(`big${size}`, { v: "x".repeat(size) })),
              StorageError,
            );
            assertEquals((err as StorageError).code, "Invalid");
            assertStringIncludes(err.message, "the object is too large for etcd");
          });
        }
        // The store still works.
        await s.create(`${P}small`, obj("small"));
      } finally {
        await s.close();
      }
    }),
);
