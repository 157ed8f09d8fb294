// Copyright 2026 the k1s authors. Apache-2.0 license.
// Custom resources (issue #5). Targets on a 2-core machine:
// - creating a typical custom object (about 20 fields, defaults, 2 CEL rules) through the client
//   on the memory backend: >= 50,000 objects/s;
// - loading 50 CRDs in a cold process: <= 10 ms.
//
//   deno bench -A bench/crd_bench.ts            Deno's benchmark table
//   deno run -A bench/crd_bench.ts --report     the figures above, best of several rounds
import { createRuntime } from "../mod.ts";
import type { KubeObject } from "../core/object/types.ts";
import { loadCustomResources } from "../core/crd/mod.ts";
import { benchCrd, benchObject } from "./crd_fixtures.ts";

const CHILD = new URL("./crd_cold_child.ts", import.meta.url).pathname;
const CRD_COUNT = 50;

async function crdRuntime() {
  const rt = await createRuntime({ store: "memory:" });
  await rt.client.create(benchCrd() as unknown as KubeObject);
  // The first create compiles the schema and loads CEL; keep it out of the measurement.
  await rt.client.create(benchObject("warm", 0));
  return rt;
}

/** A store file holding 50 CRDs of the benchmark's shape, in one group or spread over ten. */
async function storeWith50Crds(dir: string, groups = 1): Promise<string> {
  const path = `${dir}/crds${groups}.db`;
  const rt = await createRuntime({ store: path });
  for (let i = 0; i < CRD_COUNT; i++) {
    const group = groups === 1 ? "bench.example.com" : `g${i % groups}.bench.example.com`;
    await rt.client.create(benchCrd(`apps${i}`, `App${i}`, group) as unknown as KubeObject);
  }
  await rt.close();
  return path;
}

async function coldChild(path: string): Promise<{ load: number; firstCreate: number }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CHILD, path],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`Cold child failed on "${path}"`);
  const r = JSON.parse(new TextDecoder().decode(out.stdout));
  if (r.kinds !== CRD_COUNT) throw new Error(`Expected ${CRD_COUNT} kinds, got ${r.kinds}`);
  return r;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Creates per second over `n` creates in a fresh runtime (custom objects or ConfigMaps). */
async function createRate(custom: boolean, n: number): Promise<number> {
  const rt = custom ? await crdRuntime() : await createRuntime({ store: "memory:" });
  const make = custom ? (i: number) => benchObject(`o${i}`, i) : (i: number) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `c${i}`, namespace: "default", labels: { app: "web" } },
    data: { "config.yaml": "key: value\n", mode: "fast" },
  });
  await rt.client.create(make(-1));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await rt.client.create(make(i));
  const rate = n / ((performance.now() - t0) / 1000);
  await rt.close();
  return rate;
}

if (Deno.args.includes("--report")) {
  // Rounds alternate between the two kinds on fresh stores, so load on the machine and the
  // store's size affect both alike.
  const rates: number[] = [];
  const cmRates: number[] = [];
  for (let round = 0; round < 7; round++) {
    rates.push(await createRate(true, 20_000));
    cmRates.push(await createRate(false, 20_000));
  }
  const dir = await Deno.makeTempDir();
  try {
    const path = await storeWith50Crds(dir);
    const path10 = await storeWith50Crds(dir, 10);
    await coldChild(path);
    const runs = [];
    const runs10 = [];
    for (let i = 0; i < 9; i++) {
      runs.push(await coldChild(path));
      runs10.push(await coldChild(path10));
    }
    const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
    console.log("| measurement | result | target |");
    console.log("| --- | --- | --- |");
    console.log(
      `| client.create custom object (20 fields, defaults, 2 CEL rules), memory | best ${
        fmt(Math.max(...rates))
      } /s, median ${fmt(median(rates))} /s | >= 50,000 /s |`,
    );
    console.log(
      `| client.create ConfigMap, memory (same process, for comparison) | best ${
        fmt(Math.max(...cmRates))
      } /s, median ${fmt(median(cmRates))} /s | >= 100,000 /s |`,
    );
    console.log(
      `| custom object create / ConfigMap create, median of rounds | ${
        (median(rates) / median(cmRates)).toFixed(2)
      } | - |`,
    );
    for (const [label, r] of [["one group", runs], ["ten groups", runs10]] as const) {
      console.log(
        `| loadCustomResources, ${CRD_COUNT} CRDs in ${label}, cold process (sqlite file) | median ${
          median(r.map((x) => x.load)).toFixed(2)
        } ms, best ${Math.min(...r.map((x) => x.load)).toFixed(2)} ms | <= 10 ms |`,
      );
    }
    console.log(
      `| first create of a custom object after that (compile schema, load CEL) | median ${
        median(runs.map((r) => r.firstCreate)).toFixed(1)
      } ms | - |`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
} else {
  const rt = await crdRuntime();
  let n = 0;
  Deno.bench(
    "client.create custom object (20 fields, defaults, 2 CEL rules)",
    { group: "create", baseline: true },
    async () => {
      await rt.client.create(benchObject(`o${n++}`, n));
    },
  );
  Deno.bench("client.create ConfigMap", { group: "create" }, async () => {
    await rt.client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `c${n++}`, namespace: "default", labels: { app: "web" } },
      data: { "config.yaml": "key: value\n", mode: "fast" },
    });
  });

  const mem = await createRuntime({ store: "memory:" });
  for (let i = 0; i < CRD_COUNT; i++) {
    await mem.client.create(benchCrd(`apps${i}`, `App${i}`) as unknown as KubeObject);
  }
  Deno.bench(
    `loadCustomResources: ${CRD_COUNT} CRDs into a new runtime (memory)`,
    { group: "load" },
    async (b) => {
      const fresh = await createRuntime({ store: mem.storage });
      b.start();
      await loadCustomResources(fresh);
      b.end();
    },
  );

  const dir = await Deno.makeTempDir();
  const path = await storeWith50Crds(dir);
  Deno.bench(
    `cold process: open a sqlite file, load ${CRD_COUNT} CRDs (whole child process)`,
    { group: "cold", n: 10, warmup: 1 },
    async () => {
      await coldChild(path);
    },
  );
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
}
