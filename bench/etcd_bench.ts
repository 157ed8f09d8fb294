// Copyright 2026 the k1s authors. Apache-2.0 license.
// k1s etcd storage creates, and the same creates through the runtime's client, vs raw etcd
// writes of the same payload through the same JSON gateway, one at a time and with 64 in
// flight. Two baselines: a plain put (the target ratio,
// <= 1.3x), and the txn a create has to be (If mod_revision == 0 Then Put), which separates
// etcd's own cost of a compare from the k1s client's. Starts its own etcd member; skips when
// etcd is absent.
//
//   deno run -A bench/etcd_bench.ts [ops]   prints ops/s and ratios as a Markdown table
//   deno bench -A bench/etcd_bench.ts       the same comparison as Deno.bench groups
import type { KubeObject } from "../core/object/types.ts";
import type { Storage } from "../core/storage/types.ts";
import { createEtcdStorage } from "../storage/etcd/mod.ts";
import { createRuntime } from "../core/runtime/create_runtime.ts";
import type { Runtime } from "../core/runtime/runtime.ts";
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

function post(
  endpoint: string,
  client: Deno.HttpClient,
  path: string,
  body: string,
): Promise<unknown> {
  return fetch(`${endpoint}${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
    client,
  }).then(async (res) => {
    if (!res.ok) throw new Error(`${path} failed: ${await res.text()}`);
    return res.json();
  });
}

function rawPut(endpoint: string, client: Deno.HttpClient): Op {
  return (i) =>
    post(
      endpoint,
      client,
      "/v3/kv/put",
      JSON.stringify({
        key: b64(`/bench/put/registry/configmaps/default/bench-${i}`),
        value: b64(JSON.stringify(payload(i))),
      }),
    );
}

function rawTxn(endpoint: string, client: Deno.HttpClient): Op {
  return (i) => {
    const key = b64(`/bench/txn/registry/configmaps/default/bench-${i}`);
    return post(
      endpoint,
      client,
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
    const storage = await createEtcdStorage({ endpoints: [endpoint], prefix: "/bench/k1s" });
    const rt = await createRuntime({ store: `etcd://${new URL(endpoint).host}/bench/client` });
    try {
      const targets = {
        put: rawPut(endpoint, client),
        txn: rawTxn(endpoint, client),
        k1s: k1sCreate(storage),
        client: clientCreate(rt),
      };
      // Warm up connections and the JIT.
      for (const op of Object.values(targets)) await measure(op, 300, IN_FLIGHT, 1_000_000);
      const version = availability.reason.replace(/^etcd Version: /, "");
      console.log(`etcd ${version}, ${ops} ops per run, ${ROUNDS} rounds, ~700 B objects`);
      console.log(
        "| mode | raw put ops/s | raw create txn ops/s | k1s storage create ops/s | k1s / put | k1s / txn | client create ops/s | client / put |",
      );
      console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
      let offset = 0;
      const modes: [string, number][] = [["sequential", 1], [`${IN_FLIGHT} in flight`, IN_FLIGHT]];
      for (const [mode, inFlight] of modes) {
        // The three run back to back in each round, so that load from elsewhere on the machine
        // hits them alike; figures are medians over the rounds (ratios per round).
        const rates = {
          put: [] as number[],
          txn: [] as number[],
          k1s: [] as number[],
          client: [] as number[],
        };
        const vsPut: number[] = [];
        const vsTxn: number[] = [];
        const clientVsPut: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const put = await measure(targets.put, ops, inFlight, offset);
          const txn = await measure(targets.txn, ops, inFlight, offset);
          const k1s = await measure(targets.k1s, ops, inFlight, offset);
          const viaClient = await measure(targets.client, ops, inFlight, offset);
          offset += ops;
          rates.put.push(put);
          rates.txn.push(txn);
          rates.k1s.push(k1s);
          rates.client.push(viaClient);
          vsPut.push(put / k1s);
          vsTxn.push(txn / k1s);
          clientVsPut.push(put / viaClient);
        }
        const f = (x: number) => x.toFixed(0);
        console.log(
          `| ${mode} | ${f(median(rates.put))} | ${f(median(rates.txn))} | ${
            f(median(rates.k1s))
          } | ` +
            `${median(vsPut).toFixed(2)}x | ${median(vsTxn).toFixed(2)}x | ${
              f(median(rates.client))
            } | ${median(clientVsPut).toFixed(2)}x |`,
        );
      }
    } finally {
      await rt.close();
      await storage.close();
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
  const storage = await createEtcdStorage({ endpoints: [endpoint], prefix: "/bench/k1s" });
  const targets: [string, Op][] = [
    ["raw etcd put", rawPut(endpoint, client)],
    ["raw etcd create txn", rawTxn(endpoint, client)],
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
