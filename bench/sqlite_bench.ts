// Copyright 2026 the k1s authors. Apache-2.0 license.
// The sqlite store: durable sequential creates at the storage level (with the disk's own
// append+fdatasync rate beside it, since that is the floor) and through the client, the latter
// also on a local etcd member when etcd is installed, one 10,000-object transaction,
// gets on an open store, and a cold open + get in a new process at 1k, 10k and 100k objects
// (against `deno run` of an empty script). Stores live in a temporary directory on the disk
// the system temp dir is on; pass --dir to measure another disk.
//
//   deno run -A bench/sqlite_bench.ts [--dir D]   prints the figures as a Markdown table
//   deno bench -A bench/sqlite_bench.ts           the same cases as Deno.bench groups
import type { KubeObject } from "../core/object/types.ts";
import type { Storage } from "../core/storage/types.ts";
import { createSqliteStorage } from "../storage/sqlite/mod.ts";
import { compactionThreshold, DEFAULT_COMPACTION } from "../storage/sqlite/_compaction.ts";
import { createRuntime } from "../mod.ts";
import { etcdAvailability, startEtcdCluster } from "../storage/etcd/testdata/etcd_cluster.ts";

const P = "/registry/configmaps/default/";
const CHILD = new URL("./sqlite_cold_child.ts", import.meta.url).pathname;
const WORKER = new URL("../storage/sqlite/testdata/worker.ts", import.meta.url).pathname;

/** A ConfigMap of about 700 bytes, as the objects k1s stores. */
function payload(i: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: `bench-${i}`,
      namespace: "default",
      uid: crypto.randomUUID(),
      creationTimestamp: "2026-01-01T00:00:00Z",
      labels: { app: "bench", tier: "storage", "app.kubernetes.io/managed-by": "k1s" },
      annotations: { "k1s.dev/note": "x".repeat(200) },
    },
    data: { "config.yaml": "key: value\n".repeat(30) },
  };
}

function key(i: number): string {
  return `${P}bench-${i}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function argDir(): string | undefined {
  const i = Deno.args.indexOf("--dir");
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

/** A store at `path` holding objects 0..n-1, folded into its snapshot (empty journal). */
async function fixture(path: string, n: number): Promise<void> {
  const s = await createSqliteStorage({ path });
  await s.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await tx.create(key(i), payload(i));
  });
  await s.close();
  // Fold whatever journal is left (the last batch may be under the threshold).
  const c = await createSqliteStorage({ path, compactMinBytes: 0, compactScaleBytes: 0 });
  const first = await c.get(key(0));
  await c.update(key(0), payload(0), { expectedRevision: Number(first!.metadata.resourceVersion) });
  await c.close();
}

/** Grows the journal of the store at `path` to just under its compaction threshold. */
async function fillJournal(path: string): Promise<number> {
  const snapshot = Deno.statSync(path).size;
  const target = compactionThreshold(snapshot, DEFAULT_COMPACTION) * 0.95;
  const s = await createSqliteStorage({ path });
  const journal = `${path}.k1s-journal`;
  let i = 0;
  // Updates of about 800 bytes, in transactions of up to 500 that halve the distance left.
  for (;;) {
    const before = Deno.statSync(journal).size;
    const batch = Math.min(500, Math.floor((target - before) / 800 / 2));
    if (batch < 1) break;
    await s.transaction(async (tx) => {
      for (let k = 0; k < batch; k++, i++) {
        const cur = await tx.get(key(i % 1000));
        await tx.update(key(i % 1000), payload(i), {
          expectedRevision: Number(cur!.metadata.resourceVersion),
        });
      }
    });
    if (Deno.statSync(journal).size < before) throw new Error("The journal was compacted");
  }
  await s.close();
  return Deno.statSync(journal).size;
}

async function coldChild(args: string[]): Promise<{ wall: number; ms: number }> {
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CHILD, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const wall = performance.now() - t0;
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const r = JSON.parse(new TextDecoder().decode(out.stdout)) as { ms: number; found: boolean };
  if (args[0] !== "--baseline" && !r.found) throw new Error(`Key not found in ${args[0]}`);
  return { wall, ms: r.ms };
}

async function coldRuns(args: string[], runs: number): Promise<{ wall: number; ms: number }> {
  await coldChild(args);
  const walls: number[] = [];
  const mss: number[] = [];
  for (let r = 0; r < runs; r++) {
    const x = await coldChild(args);
    walls.push(x.wall);
    mss.push(x.ms);
  }
  return { wall: median(walls), ms: median(mss) };
}

/** Gets per second: the median over batches, so that a stall of a shared machine does not count. */
async function gets(s: Storage, batches: number, keys: number): Promise<number> {
  for (let i = 0; i < keys; i++) await s.get(key(i));
  const rates: number[] = [];
  let k = 0;
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) await s.get(key((k++ * 7919) % keys));
    rates.push(2000 / (performance.now() - t0) * 1000);
  }
  return median(rates);
}

/** Sequential `rt.client.create` of ConfigMaps like {@linkcode payload} on a store; per second. */
async function clientCreates(store: string, n: number): Promise<number> {
  await using rt = await createRuntime({ store });
  const cm = (i: number): KubeObject => {
    const o = payload(i);
    delete o.metadata.uid;
    delete o.metadata.creationTimestamp;
    return o;
  };
  await rt.client.create(cm(-1)); // loads the write path, creates the default namespace
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await rt.client.create(cm(i));
  return n / (performance.now() - t0) * 1000;
}

async function main(): Promise<void> {
  const dir = await Deno.makeTempDir({ dir: argDir(), prefix: "k1s-sqlite-bench-" });
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  const rows: string[] = [];
  try {
    // Durable sequential creates, each followed by a raw append + fdatasync of the same size,
    // so both see the same disk (its speed swings widely on shared machines).
    const seq = await createSqliteStorage({ path: `${dir}/seq.db` });
    await seq.create(key(-1), payload(-1));
    const raw = Deno.openSync(`${dir}/raw-append`, { write: true, create: true, truncate: true });
    const rec = new Uint8Array(760).fill(7);
    let rawMs = 0;
    let k1sMs = 0;
    const creates = 6000;
    for (let i = 0; i < creates; i++) {
      const t0 = performance.now();
      await seq.create(key(i), payload(i));
      const t1 = performance.now();
      raw.writeSync(rec);
      raw.syncDataSync();
      k1sMs += t1 - t0;
      rawMs += performance.now() - t1;
    }
    raw.close();
    await seq.close();
    rows.push(`| durable sequential creates | ${fmt(creates / k1sMs * 1000)}/s | ≥5,000/s |`);
    rows.push(
      `| (disk: 760 B append + fdatasync, interleaved) | ${
        fmt(creates / rawMs * 1000)
      }/s | floor |`,
    );

    // The same creates through the client (validation, defaulting, managed fields), on this
    // store and, when etcd is installed, on a local etcd member on the same disk.
    const viaClient = await clientCreates(`${dir}/client.db`, 3000);
    rows.push(`| durable sequential creates through the client | ${fmt(viaClient)}/s | ≥5,000/s |`);
    const etcd = await etcdAvailability();
    if (etcd.ok) {
      const cluster = await startEtcdCluster({ members: 1 });
      try {
        const host = cluster.endpoints[0].replace(/^https?:\/\//, "");
        const onEtcd = await clientCreates(`etcd://${host}/bench`, 3000);
        rows.push(
          `| … the same through the client on a local etcd member | ${fmt(onEtcd)}/s (sqlite ${
            (viaClient / onEtcd).toFixed(2)
          }x) | - |`,
        );
      } finally {
        await cluster.stop();
      }
    } else {
      rows.push(`| … the same on a local etcd | skipped: ${etcd.reason} | - |`);
    }

    // One 10,000-object transaction into a fresh store (commit only), then folding it. The
    // first round runs on cold code (what one `k1s apply` process pays); the median is of the
    // rounds after it.
    const txRates: number[] = [];
    const folds: number[] = [];
    let coldTx = 0;
    for (let round = 0; round < 6; round++) {
      const s = await createSqliteStorage({ path: `${dir}/tx${round}.db` });
      await s.create(key(-1), payload(-1));
      const t0 = performance.now();
      await s.transaction(async (tx) => {
        for (let i = 0; i < 10_000; i++) await tx.create(key(i), payload(i));
      });
      const rate = 10_000 / (performance.now() - t0) * 1000;
      if (round === 0) coldTx = rate;
      else txRates.push(rate);
      const t1 = performance.now();
      await s.close(); // waits for the compaction the transaction triggered
      folds.push(performance.now() - t1);
    }
    rows.push(`| 10,000-object transaction | ${fmt(median(txRates))} objects/s | ≥50,000/s |`);
    rows.push(`| (the first one, on cold code) | ${fmt(coldTx)} objects/s | - |`);
    rows.push(`| (then folding it into the snapshot) | ${fmt(median(folds))} ms | background |`);

    // Gets on an open store.
    await fixture(`${dir}/10k.db`, 10_000);
    const open = await createSqliteStorage({ path: `${dir}/10k.db`, cacheBytes: 32 << 20 });
    const getRate = await gets(open, 200, 10_000);
    await open.close();
    rows.push(
      `| gets, open store, 10k objects (median of 2,000-get batches) | ${
        fmt(getRate)
      }/s | ≥200,000/s |`,
    );

    // Another process's writes seen by a watch: acknowledgement to delivery, both wall clock.
    for (const watchFs of [true, false]) {
      const path = `${dir}/watch-${watchFs}.db`;
      const seed = await createSqliteStorage({ path });
      await seed.create(key(-1), payload(-1));
      await seed.close();
      const s = await createSqliteStorage({ path, watchFs });
      const w = s.watch({ prefix: "/registry/w/" });
      const seen: number[] = [];
      const collect = (async () => {
        for await (const _ of w) {
          seen.push(performance.timeOrigin + performance.now());
          if (seen.length === 40) break;
        }
      })();
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", WORKER, "paced", path, "{}", "/registry/w/", "40", "25"],
        stdout: "piped",
      }).output();
      await collect;
      await s.close();
      const acks = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) =>
        Number(l.split(" ")[2])
      );
      const lat = seen.map((t, i) => t - acks[i]).sort((a, b) => a - b);
      rows.push(
        `| watch latency, another process's write (${watchFs ? "watchFs" : "polling only"}) | ` +
          `median ${lat[20].toFixed(1)} ms, max ${lat[39].toFixed(1)} ms | ≤100 ms |`,
      );
    }

    // Cold open + get in a new process.
    const base = await coldRuns(["--baseline"], 9);
    rows.push(`| \`deno run\` of an empty script | ${base.wall.toFixed(0)} ms wall | baseline |`);
    for (const n of [1_000, 10_000, 100_000]) {
      const path = `${dir}/cold${n}.db`;
      await fixture(path, n);
      const size = Deno.statSync(path).size;
      const k = key(Math.floor(n / 2));
      const snap = await coldRuns([path, k], 9);
      const journal = await fillJournal(path);
      const worst = await coldRuns([path, key(7)], 9);
      rows.push(
        `| cold open + get, ${fmt(n)} objects (${(size / 1e6).toFixed(1)} MB snapshot) | ` +
          `${snap.ms.toFixed(1)} ms store work, ${snap.wall.toFixed(0)} ms wall | ≤30 ms at 10k |`,
      );
      rows.push(
        `| … with a ${(journal / 1e6).toFixed(1)} MB journal (just under the threshold) | ` +
          `${worst.ms.toFixed(1)} ms store work, ${worst.wall.toFixed(0)} ms wall | worst case |`,
      );
    }
    console.log("| sqlite storage | result | target |\n| --- | --- | --- |");
    for (const r of rows) console.log(r);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function registerBenches(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-sqlite-bench-" });
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  const seq = await createSqliteStorage({ path: `${dir}/seq.db` });
  const raw = Deno.openSync(`${dir}/raw-append`, { write: true, create: true, truncate: true });
  const rec = new Uint8Array(760).fill(7);
  Deno.bench({
    name: "disk: 760 B append + fdatasync",
    group: "sqlite write",
    baseline: true,
    fn: () => {
      raw.writeSync(rec);
      raw.syncDataSync();
    },
  });
  let i = 0;
  Deno.bench({
    name: "sqlite durable create",
    group: "sqlite write",
    fn: async () => {
      await seq.create(key(i), payload(i++));
    },
  });
  let round = 0;
  Deno.bench({
    name: "sqlite 10,000-object transaction",
    group: "sqlite transaction",
    fn: async (b) => {
      const s = await createSqliteStorage({ path: `${dir}/tx${round++}.db` });
      await s.create(key(-1), payload(-1));
      b.start();
      await s.transaction(async (tx) => {
        for (let k = 0; k < 10_000; k++) await tx.create(key(k), payload(k));
      });
      b.end();
      await s.close();
    },
  });
  await fixture(`${dir}/10k.db`, 10_000);
  const open = await createSqliteStorage({ path: `${dir}/10k.db`, cacheBytes: 32 << 20 });
  for (let k = 0; k < 10_000; k++) await open.get(key(k));
  let g = 0;
  Deno.bench({
    name: "sqlite get, open store, 10k objects",
    group: "sqlite read",
    fn: async () => {
      await open.get(key((g++ * 7919) % 10_000));
    },
  });
  Deno.bench({
    name: "deno run of an empty script",
    group: "sqlite cold open + get in a new process",
    baseline: true,
    fn: async () => {
      await coldChild(["--baseline"]);
    },
  });
  for (const n of [1_000, 10_000, 100_000]) {
    const path = `${dir}/cold${n}.db`;
    await fixture(path, n);
    Deno.bench({
      name: `cold open + get, ${n.toLocaleString("en-US")} objects`,
      group: "sqlite cold open + get in a new process",
      fn: async () => {
        await coldChild([path, key(Math.floor(n / 2))]);
      },
    });
  }
}

if (import.meta.main) await main();
else await registerBenches();
