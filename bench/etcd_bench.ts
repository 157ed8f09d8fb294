// Copyright 2026 the k1s authors. Apache-2.0 license.
// k1s etcd storage creates, and the same creates through the runtime's client, vs raw etcd
// writes of the same payload through the same JSON gateway, one at a time and with 64 in
// flight. The raw writes are a plain put (the target ratio, <= 1.3x) and the txn a create has
// to be (If mod_revision == 0 Then Put), which separates etcd's own cost of a compare from the
// k1s client's; each is sent twice: with `fetch` (what a Deno program would write) and with
// the HTTP/1.1 client k1s itself uses (storage/etcd/_http1.ts), so that a cheaper transport
// is not counted as a cheaper write. Starts its own etcd member; skips when etcd is absent.
//
//   deno run -A bench/etcd_bench.ts [ops]   prints ops/s and ratios as Markdown tables
//   deno bench -A bench/etcd_bench.ts       the same comparison as Deno.bench groups
import type { KubeObject } from "../core/object/types.ts";
import type { Storage } from "../core/storage/types.ts";
import { createEtcdStorage } from "../storage/etcd/mod.ts";
import { createRuntime } from "../core/runtime/create_runtime.ts";
import type { Runtime } from "../core/runtime/runtime.ts";
import { Http1Pool } from "../storage/etcd/_http1.ts";
import {
  etcdAvailability,
  type EtcdCluster,
  startEtcdCluster,
} from "../storage/etcd/testdata/etcd_cluster.ts";

const IN_FLIGHT = 64;
const ROUNDS = 5;

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

const encoder = new TextEncoder();
function b64(s: string): string {
  return encoder.encode(s).toBase64();
}

type Op = (i: number) => Promise<unknown>;

/** Sends a JSON body to a gateway path and returns the parsed answer. */
type Transport = (path: string, body: string) => Promise<unknown>;

function fetchTransport(endpoint: string, client: Deno.HttpClient): Transport {
  return (path, body) =>
    fetch(`${endpoint}${path}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
      client,
    }).then(async (res) => {
      if (!res.ok) throw new Error(`${path} failed: ${await res.text()}`);
      return res.json();
    });
}

function http1Transport(pool: Http1Pool): Transport {
  const signal = new AbortController().signal;
  return async (path, body) => {
    const res = await pool.post(path, body, "content-type: application/json\r\n", signal);
    if (res.status !== 200) throw new Error(`${path} failed: ${res.text}`);
    return JSON.parse(res.text);
  };
}

function rawPut(send: Transport, name: string): Op {
  return (i) =>
    send(
      "/v3/kv/put",
      JSON.stringify({
        key: b64(`/bench/${name}/registry/configmaps/default/bench-${i}`),
        value: b64(JSON.stringify(payload(i))),
      }),
    );
}

function rawTxn(send: Transport, name: string): Op {
  return (i) => {
    const key = b64(`/bench/${name}/registry/configmaps/default/bench-${i}`);
    return send(
      "/v3/kv/txn",
      JSON.stringify({
        compare: [{ target: "MOD", result: "EQUAL", key, mod_revision: "0" }],
        success: [{ request_put: { key, value: b64(JSON.stringify(payload(i))) } }],
      }),
    );
  };
}

function k1sCreate(storage: Storage): Op {
  return (i) => storage.create(`/registry/configmaps/default/bench-${i}`, payload(i));
}

/**
 * The same ConfigMap created through the runtime's client (admission, validation, defaulting
 * and the API server's own fields; the server sets uid and creationTimestamp).
 */
function clientCreate(rt: Runtime): Op {
  return (i) => {
    const obj = payload(i);
    delete obj.metadata.uid;
    delete obj.metadata.creationTimestamp;
    return rt.client.create(obj);
  };
}

async function measure(op: Op, ops: number, inFlight: number, offset: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < ops) await op(offset + next++);
  }));
  return ops / ((performance.now() - start) / 1000);
}

async function withEtcd<T>(fn: (cluster: EtcdCluster) => Promise<T>): Promise<T> {
  const cluster = await startEtcdCluster();
  try {
    return await fn(cluster);
  } finally {
    await cluster.stop();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const availability = await etcdAvailability();
  if (!availability.ok) {
    console.log(`etcd benchmark skipped: ${availability.reason}`);
    return;
  }
  const ops = Number(Deno.args[0] ?? 1500);
  await withEtcd(async (cluster) => {
    const endpoint = cluster.endpoints[0];
    const client = Deno.createHttpClient({});
    const pool = new Http1Pool(endpoint);
    const viaFetch = fetchTransport(endpoint, client);
    const viaHttp1 = http1Transport(pool);
    const storage = await createEtcdStorage({ endpoints: [endpoint], prefix: "/bench/k1s" });
    const rt = await createRuntime({ store: `etcd://${new URL(endpoint).host}/bench/client` });
    try {
      const targets = {
        put: rawPut(viaFetch, "put"),
        put1: rawPut(viaHttp1, "put1"),
        txn: rawTxn(viaFetch, "txn"),
        txn1: rawTxn(viaHttp1, "txn1"),
        storage: k1sCreate(storage),
        client: clientCreate(rt),
      };
      type Target = keyof typeof targets;
      // Warm up connections and the JIT.
      for (const op of Object.values(targets)) await measure(op, 300, IN_FLIGHT, 1_000_000);
      const version = availability.reason.replace(/^etcd Version: /, "");
      console.log(`etcd ${version}, ${ops} ops per run, ${ROUNDS} rounds, ~700 B objects`);
      console.log();
      const modes: [string, number][] = [["sequential", 1], [`${IN_FLIGHT} in flight`, IN_FLIGHT]];
      const rates = new Map<string, Record<Target, number[]>>();
      let offset = 0;
      for (const [mode, inFlight] of modes) {
        // All run back to back in each round, so that load from elsewhere on the machine hits
        // them alike; figures are medians over the rounds (ratios per round).
        const r = Object.fromEntries(Object.keys(targets).map((k) => [k, []])) as unknown as Record<
          Target,
          number[]
        >;
        for (let round = 0; round < ROUNDS; round++) {
          for (const k of Object.keys(targets) as Target[]) {
            r[k].push(await measure(targets[k], ops, inFlight, offset));
          }
          offset += ops;
        }
        rates.set(mode, r);
      }
      const f = (x: number) => x.toFixed(0);
      console.log("ops/s:");
      console.log(
        "| mode | put (fetch) | put (HTTP/1.1) | create txn (fetch) | create txn (HTTP/1.1) | k1s storage create | k1s client create |",
      );
      console.log("| --- | --- | --- | --- | --- | --- | --- |");
      for (const [mode] of modes) {
        const r = rates.get(mode)!;
        console.log(
          `| ${mode} | ${f(median(r.put))} | ${f(median(r.put1))} | ${f(median(r.txn))} | ${
            f(median(r.txn1))
          } | ${f(median(r.storage))} | ${f(median(r.client))} |`,
        );
      }
      // time per op of `a` over time per op of `b`, per round, median.
      const ratio = (r: Record<Target, number[]>, a: Target, b: Target) =>
        median(r[a].map((x, i) => r[b][i] / x)).toFixed(2) + "x";
      console.log();
      console.log("time per write, as a multiple of a raw put's:");
      console.log(
        "| mode | storage / put (fetch) | client / put (fetch) | storage / put (HTTP/1.1) | client / put (HTTP/1.1) | create txn / put (HTTP/1.1) |",
      );
      console.log("| --- | --- | --- | --- | --- | --- |");
      for (const [mode] of modes) {
        const r = rates.get(mode)!;
        console.log(
          `| ${mode} | ${ratio(r, "storage", "put")} | ${ratio(r, "client", "put")} | ${
            ratio(r, "storage", "put1")
          } | ${ratio(r, "client", "put1")} | ${ratio(r, "txn1", "put1")} |`,
        );
      }
    } finally {
      await rt.close();
      await storage.close();
      pool.close();
      client.close();
    }
  });
}

async function registerBenches(): Promise<void> {
  const availability = await etcdAvailability();
  if (!availability.ok) {
    Deno.bench({ name: `etcd (skipped: ${availability.reason})`, ignore: true, fn() {} });
    return;
  }
  const cluster = await startEtcdCluster();
  globalThis.addEventListener("unload", () => cluster.stopNow());
  const endpoint = cluster.endpoints[0];
  const client = Deno.createHttpClient({});
  const pool = new Http1Pool(endpoint);
  const viaFetch = fetchTransport(endpoint, client);
  const viaHttp1 = http1Transport(pool);
  const storage = await createEtcdStorage({ endpoints: [endpoint], prefix: "/bench/k1s" });
  const targets: [string, Op][] = [
    ["raw etcd put", rawPut(viaFetch, "put")],
    ["raw etcd put (HTTP/1.1)", rawPut(viaHttp1, "put1")],
    ["raw etcd create txn", rawTxn(viaFetch, "txn")],
    ["raw etcd create txn (HTTP/1.1)", rawTxn(viaHttp1, "txn1")],
    ["k1s storage create", k1sCreate(storage)],
  ];
  let i = 0;
  for (const [name, op] of targets) {
    Deno.bench({
      name,
      group: "etcd sequential",
      baseline: name === "raw etcd put",
      fn: async () => {
        await op(i++);
      },
    });
  }
  for (const [name, op] of targets) {
    Deno.bench({
      name: `${name} x${IN_FLIGHT}`,
      group: "etcd in flight",
      baseline: name === "raw etcd put",
      fn: async () => {
        await Promise.all(Array.from({ length: IN_FLIGHT }, () => op(i++)));
      },
    });
  }
}

if (import.meta.main) await main();
else await registerBenches();
