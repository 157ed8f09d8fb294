// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import type { KubeObject } from "../../core/object/types.ts";
import type { Storage, StorageListOptions, StorageWatch } from "../../core/storage/types.ts";
import { StorageError } from "../../core/storage/storage_error.ts";
import { createMemoryStorage } from "../memory/mod.ts";
import { runStorageConformance } from "../testing/mod.ts";
import { createSqliteStorage } from "./mod.ts";
import { JOURNAL_HEADER_SIZE, REC_COMMIT, scanRecords } from "./_journal.ts";
import { loadSqlJs } from "./_sqljs.ts";

Deno.test("sqlite storage passes the conformance suite", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "k1s-sqlite-" });
  let n = 0;
  try {
    await runStorageConformance(t, {
      newStorage: () => createSqliteStorage({ path: `${dir}/s${n++}/store.db` }),
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sqlite storage passes the conformance suite with a new snapshot after every write", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "k1s-sqlite-" });
  let n = 0;
  try {
    await runStorageConformance(t, {
      newStorage: () =>
        createSqliteStorage({
          path: `${dir}/s${n++}/store.db`,
          compactMinBytes: 0,
          compactScaleBytes: 0,
        }),
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Compares two JSON texts, reporting the first difference briefly (values can be 70 kB). */
function same(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  const at = (t: string) => JSON.stringify(t.slice(Math.max(0, i - 80), i + 80));
  throw new Error(`${what}: differs at ${i}:\n  sqlite ${at(actual)}\n  memory ${at(expected)}`);
}

/** The outcome of a call, comparable across backends: its value or its error code. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await p);
  } catch (err) {
    if (err instanceof StorageError) return `error ${err.code}`;
    return `throw ${(err as Error).message}`;
  }
}

async function events(w: StorageWatch, n: number): Promise<unknown[]> {
  const out: unknown[] = [];
  const it = w[Symbol.asyncIterator]();
  try {
    while (out.length < n) {
      const r = await it.next();
      if (r.done) break;
      out.push(r.value);
    }
  } catch (err) {
    out.push(`error ${(err as StorageError).code}`);
  }
  w.stop();
  return out;
}

Deno.test("sqlite storage matches the memory storage on random operations", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "k1s-sqlite-diff-" });
  try {
    for (const seed of [1, 2, 3]) {
      await t.step(`seed ${seed}`, async () => {
        const rand = mulberry32(seed);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
        const path = `${dir}/s${seed}/store.db`;
        const mem = createMemoryStorage({ historySize: 100_000 });
        const tuning = { compactMinBytes: seed === 1 ? 0 : 20_000, compactScaleBytes: 0 };
        // Two handles on one store stand in for two processes.
        const a = await createSqliteStorage({ path, ...tuning });
        const b = await createSqliteStorage({ path, ...tuning });
        // No key between U+E000 and U+FFFF: the memory backend orders those after astral
        // characters (UTF-16 order), this one before (code point order, like etcd).
        const keys = [
          ...Array.from({ length: 12 }, (_, i) => `/registry/a/k${i}`),
          ...Array.from({ length: 6 }, (_, i) => `/registry/b/${"long-".repeat(i * 40)}${i}`),
          "/registry/a/\u00e9t\u00e9",
          "/registry/a/\u{1f600}",
          "/registry/c",
        ];
        const prefixes = ["/registry/", "/registry/a/", "/registry/b/", "/registry/c", "/x/"];
        const value = (i: number) => {
          const size = pick([0, 10, 300, 3000, 5000, 70_000]);
          return {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: `n${i}`, labels: { even: String(i % 2 === 0) } },
            data: { v: String(i), pad: "\u00e9x".repeat(size / 2) },
          } as KubeObject;
        };
        const revs: number[] = [0];
        for (let step = 0; step < 250; step++) {
          const s = rand() < 0.5 ? a : b;
          const key = pick(keys);
          const cur = await mem.get(key);
          const rv = cur ? Number(cur.metadata.resourceVersion) : 1;
          const expected = rand() < 0.8 ? rv : rv + 1;
          const r = rand();
          let what: string;
          let m: string;
          let q: string;
          if (r < 0.25) {
            what = `create ${key}`;
            const v = value(step);
            [m, q] = [await outcome(mem.create(key, v)), await outcome(s.create(key, v))];
          } else if (r < 0.45) {
            what = `update ${key} @${expected}`;
            const v = value(step);
            [m, q] = [
              await outcome(mem.update(key, v, { expectedRevision: expected })),
              await outcome(s.update(key, v, { expectedRevision: expected })),
            ];
          } else if (r < 0.55) {
            const opts = rand() < 0.5 ? {} : { expectedRevision: expected };
            what = `delete ${key} ${JSON.stringify(opts)}`;
            [m, q] = [await outcome(mem.delete(key, opts)), await outcome(s.delete(key, opts))];
          } else if (r < 0.65) {
            const plan = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => ({
              op: pick(["create", "update", "delete", "get", "list"]),
              key: pick(keys),
              v: value(step),
            }));
            const abort = rand() < 0.2;
            what = `transaction ${JSON.stringify(plan.map((p) => [p.op, p.key]))} abort=${abort}`;
            const body = (st: Storage) =>
              st.transaction(async (tx) => {
                const out: string[] = [];
                for (const p of plan) {
                  const c = await tx.get(p.key);
                  const e = c ? Number(c.metadata.resourceVersion) : 1;
                  if (p.op === "create") out.push(await outcome(tx.create(p.key, p.v)));
                  if (p.op === "update") {
                    out.push(await outcome(tx.update(p.key, p.v, { expectedRevision: e })));
                  }
                  if (p.op === "delete") out.push(await outcome(tx.delete(p.key)));
                  if (p.op === "get") out.push(await outcome(tx.get(p.key)));
                  if (p.op === "list") out.push(await outcome(tx.list({ prefix: "/registry/" })));
                }
                if (abort) throw new Error("abort");
                return out;
              });
            [m, q] = [await outcome(body(mem)), await outcome(body(s))];
          } else if (r < 0.85) {
            const at = rand() < 0.5 ? 0 : pick(revs);
            const opts: StorageListOptions = {
              prefix: pick(prefixes),
              limit: pick([0, 1, 2, 5]),
              revision: at,
              start: rand() < 0.3 ? pick(keys) : undefined,
              filter: rand() < 0.3 ? (o) => o.metadata.labels?.even === "true" : undefined,
            };
            what = `list ${JSON.stringify(opts)}`;
            [m, q] = [await outcome(mem.list(opts)), await outcome(s.list(opts))];
            // The memory backend leaves `remaining` out below the current revision; this one
            // counts it there too. Check the count, then compare the rest.
            const [mr, qr] = [JSON.parse(m), JSON.parse(q)];
            if (mr?.more && mr.remaining === undefined && qr?.remaining !== undefined) {
              const rest = await mem.list({ ...opts, start: mr.next, limit: 0, filter: undefined });
              assertEquals(qr.remaining, rest.items.length, `step ${step}: remaining`);
              delete qr.remaining;
              q = JSON.stringify(qr);
            }
          } else if (r < 0.95) {
            what = `get ${key}`;
            [m, q] = [await outcome(mem.get(key)), await outcome(s.get(key))];
          } else {
            const from = Math.max(1, pick(revs));
            const n = (await mem.revision()) - from;
            what = `watch from ${from}`;
            [m, q] = [
              JSON.stringify(
                await events(mem.watch({ prefix: "/registry/", fromRevision: from }), n),
              ),
              JSON.stringify(
                await events(s.watch({ prefix: "/registry/", fromRevision: from }), n),
              ),
            ];
          }
          same(q, m, `step ${step}: ${what}`);
          revs.push(await mem.revision());
          if (step % 50 === 49) {
            // A fresh handle reads the same state from the files alone.
            const fresh = await createSqliteStorage({ path, readOnly: true });
            assertEquals(
              await outcome(fresh.list({ prefix: "/registry/" })),
              await outcome(mem.list({ prefix: "/registry/" })),
            );
            await fresh.close();
          }
        }
        await a.close();
        await b.close();
        await mem.close();
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sqlite storage orders keys by code point, as etcd orders their UTF-8 bytes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "k1s-sqlite-" });
  try {
    const keys = ["/r/a", "/r/z", "/r/\u00e9", "/r/\uffff", "/r/\u{1f600}"];
    for (const compact of [false, true]) {
      const path = `${dir}/${compact}/store.db`;
      const s = await createSqliteStorage({ path, compactMinBytes: compact ? 0 : 1e9 });
      for (const k of [...keys].reverse()) {
        await s.create(k, { apiVersion: "v1", kind: "X", metadata: { name: k } });
      }
      await s.close();
      const r = await createSqliteStorage({ path });
      assertEquals((await r.list({ prefix: "/r/" })).items.map((o) => o.metadata.name), keys);
      const page = await r.list({ prefix: "/r/", limit: 2, start: "/r/\u00e9" });
      assertEquals(page.items.map((o) => o.metadata.name), ["/r/\u00e9", "/r/\uffff"]);
      assertEquals(page.next, "/r/\u{1f600}");
      await r.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function cm(name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data };
}

async function withStoreDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-sqlite-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a transaction is one journal record and one revision range", () =>
  withStoreDir(async (dir) => {
    const path = `${dir}/store.db`;
    const s = await createSqliteStorage({ path });
    await s.create("/r/first", cm("first"));
    const records = () =>
      scanRecords(Deno.readFileSync(`${path}.k1s-journal`), JOURNAL_HEADER_SIZE).records;
    const before = records().length;
    await s.transaction(async (tx) => {
      for (let i = 0; i < 100; i++) await tx.create(`/r/${i}`, cm(String(i)));
      await tx.delete("/r/first");
    });
    const after = records();
    assertEquals(after.length, before + 1);
    const rec = after[after.length - 1].record;
    assertEquals(rec.kind === REC_COMMIT && [rec.firstRev, rec.ops.length], [2, 101]);
    await s.close();
  }));

Deno.test("history beyond historySize is forgotten when a snapshot is written", () =>
  withStoreDir(async (dir) => {
    const path = `${dir}/store.db`;
    const s = await createSqliteStorage({
      path,
      historySize: 5,
      compactMinBytes: 0,
      compactScaleBytes: 0,
    });
    for (let i = 0; i < 20; i++) await s.create(`/r/${i}`, cm(String(i)));
    await s.close(); // waits for the last snapshot
    const r = await createSqliteStorage({ path });
    assertEquals(await r.compactedRevision(), 15);
    const err = await assertRejects(
      () => r.watch({ prefix: "/r/", fromRevision: 3 })[Symbol.asyncIterator]().next(),
      StorageError,
    );
    assertEquals(err.message, "too old resource version: 3 (15)");
    await assertRejects(() => r.list({ prefix: "/r/", revision: 14 }), StorageError, "too old");
    const at15 = await r.list({ prefix: "/r/", revision: 15 });
    assertEquals(at15.items.length, 15);
    assertEquals((await r.list({ prefix: "/r/" })).items.length, 20);
    await r.close();
  }));

Deno.test("compact() is persisted", () =>
  withStoreDir(async (dir) => {
    const path = `${dir}/store.db`;
    const s = await createSqliteStorage({ path });
    for (let i = 0; i < 5; i++) await s.create(`/r/${i}`, cm(String(i)));
    await s.compact(3);
    await s.close();
    const r = await createSqliteStorage({ path });
    assertEquals(await r.compactedRevision(), 3);
    await r.close();
  }));

Deno.test("a write folds the journal once it outgrows √(compactScaleBytes × snapshot)", () =>
  withStoreDir(async (dir) => {
    const path = `${dir}/store.db`;
    const journal = `${path}.k1s-journal`;
    const size = (p: string) => {
      try {
        return Deno.statSync(p).size;
      } catch {
        return 0;
      }
    };
    const value = { v: "x".repeat(1000) };
    // One process per write, as CLI commands write: close() waits for a compaction.
    const write = async (i: number) => {
      const s = await createSqliteStorage({ path, compactMinBytes: 0, compactScaleBytes: 2048 });
      const name = `c${String(i).padStart(4, "0")}`;
      await s.create(`/r/${name}`, cm(name, value));
      await s.close();
    };
    await write(0);
    const record = size(journal) - JOURNAL_HEADER_SIZE;
    let compactions = 0;
    for (let i = 1; compactions < 3; i++) {
      assert(i < 500, "no compaction");
      const threshold = Math.sqrt(2048 * size(path));
      const before = size(journal);
      await write(i);
      const after = size(journal);
      if (after === JOURNAL_HEADER_SIZE) {
        compactions++;
        assert(before < threshold && before + record >= threshold, `folded at ${before}`);
      } else {
        assertEquals(after, before + record);
        assert(after < threshold, `${after} bytes of journal, threshold ${threshold}`);
      }
    }
  }));

Deno.test("the snapshot is an ordinary SQLite database", () =>
  withStoreDir(async (dir) => {
    const path = `${dir}/store.db`;
    const s = await createSqliteStorage({ path, compactMinBytes: 0, compactScaleBytes: 0 });
    await s.create("/r/a", cm("a", { k: "1" }));
    await s.create("/r/b", cm("b"));
    await s.update("/r/a", cm("a", { k: "2" }), { expectedRevision: 1 });
    await s.delete("/r/b");
    await s.close();
    const SQL = await loadSqlJs();
    const db = new SQL.Database(Deno.readFileSync(path));
    const q = db.prepare("SELECT key, rev, value FROM current_objects ORDER BY key");
    const rows: unknown[] = [];
    while (q.step()) rows.push(q.get());
    q.free();
    db.close();
    assertEquals(rows, [["/r/a", 3, JSON.stringify(cm("a", { k: "2" }))]]);
  }));

Deno.test("a compaction that cannot write is reported and retried; the writes stand", () =>
  withStoreDir(async (dir) => {
    const path = `${dir}/store.db`;
    const warnings: string[] = [];
    const options = {
      path,
      compactMinBytes: 0,
      compactScaleBytes: 0,
      onWarning: (m: string) => warnings.push(m),
    };
    const s = await createSqliteStorage(options);
    await s.create("/r/0", cm("0"));
    await s.close();
    // A directory where the new snapshot is written makes every compaction fail.
    Deno.mkdirSync(`${path}.k1s-snapshot.tmp`);
    Deno.writeFileSync(`${path}.k1s-snapshot.tmp/keep`, new Uint8Array(1));
    const w = await createSqliteStorage(options);
    for (let i = 1; i < 4; i++) await w.create(`/r/${i}`, cm(String(i)));
    await w.close();
    assert(warnings.length >= 1, "a warning was reported");
    assertStringIncludes(warnings[0], `Could not compact store "${path}"`);
    Deno.removeSync(`${path}.k1s-snapshot.tmp`, { recursive: true });
    const r = await createSqliteStorage(options);
    assertEquals((await r.list({ prefix: "/r/" })).items.length, 4);
    await r.create("/r/4", cm("4"));
    await r.close();
    assertEquals(
      scanRecords(Deno.readFileSync(`${path}.k1s-journal`), JOURNAL_HEADER_SIZE).records.length,
      0,
      "the journal was folded once writing worked again",
    );
  }));

Deno.test({
  name: "a new store is private to its owner: directories it creates 0700, files 0600",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withStoreDir(async (dir) => {
      const path = `${dir}/new/sub/store.db`;
      const s = await createSqliteStorage({ path, compactMinBytes: 0, compactScaleBytes: 0 });
      await s.create("/r/0", cm("0"));
      await s.create("/r/1", cm("1")); // compacts: a new snapshot and journal
      await s.close();
      for (const d of [`${dir}/new`, `${dir}/new/sub`]) {
        assertEquals(Deno.statSync(d).mode! & 0o777, 0o700, d);
      }
      for (const f of ["", ".k1s-journal", ".k1s-lock"]) {
        assertEquals(Deno.statSync(path + f).mode! & 0o777, 0o600, path + f);
      }
    }),
});

Deno.test({
  name: "new snapshots keep the file modes and a symlinked path keeps its link",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withStoreDir(async (dir) => {
      Deno.mkdirSync(`${dir}/real`);
      const path = `${dir}/real/store.db`;
      const s = await createSqliteStorage({ path });
      await s.create("/r/0", cm("0"));
      await s.close();
      Deno.chmodSync(path, 0o640);
      Deno.chmodSync(`${path}.k1s-journal`, 0o644);
      Deno.symlinkSync(path, `${dir}/link.db`);
      const l = await createSqliteStorage({
        path: `${dir}/link.db`,
        compactMinBytes: 0,
        compactScaleBytes: 0,
      });
      await l.create("/r/1", cm("1"));
      await l.close();
      assert(Deno.lstatSync(`${dir}/link.db`).isSymlink, "the link is still a link");
      assertEquals(Deno.statSync(path).mode! & 0o777, 0o640);
      assertEquals(Deno.statSync(`${path}.k1s-journal`).mode! & 0o777, 0o644);
      const r = await createSqliteStorage({ path });
      assertEquals((await r.list({ prefix: "/r/" })).items.length, 2);
      await r.close();
    }),
});

Deno.test("a non-durable transaction commits like any other and later writes follow it", () =>
  withStoreDir(async (dir) => {
    const path = `${dir}/store.db`;
    const s = await createSqliteStorage({ path });
    await s.create("/r/0", cm("0"));
    await s.transaction(async (tx) => {
      await tx.create("/r/1", cm("1"));
      await tx.create("/r/2", cm("2"));
    }, { durable: false });
    await s.create("/r/3", cm("3"));
    // Another reader sees all of it, in revision order.
    const r = await createSqliteStorage({ path, readOnly: true });
    assertEquals(
      (await r.list({ prefix: "/r/" })).items.map((
        o,
      ) => [o.metadata.name, o.metadata.resourceVersion]),
      [["0", "1"], ["1", "2"], ["2", "3"], ["3", "4"]],
    );
    await r.close();
    await s.close();
  }));
