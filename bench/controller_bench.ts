// Copyright 2026 the k1s authors. Apache-2.0 license.
// The controller machinery on the file store: what a write that concerns no controller pays
// for the drain that follows it (in a fresh process, as a CLI invocation, and in a long-lived
// one), what closing the runtime pays to write the moved watermarks, what catching up with
// another process's writes costs, and a Background cascade deleting an owner's 1,000
// dependents. Stores live in a temporary directory.
//
//   deno run -A bench/controller_bench.ts     prints the figures as a Markdown table
//   deno bench -A bench/controller_bench.ts   the in-process cases as Deno.bench groups
import type { KubeObject } from "../core/object/types.ts";
import type { Runtime } from "../core/runtime/runtime.ts";
import { createRuntime } from "../core/runtime/create_runtime.ts";

const CHILD = new URL("./controller_child.ts", import.meta.url).pathname;
const CM = { apiVersion: "v1", kind: "ConfigMap" };

interface ChildTimes {
  openMs: number;
  writeMs: number;
  drainMs: number;
  /** Closing the runtime, without the store's own close (recorders, the checkpoint). */
  closeRuntimeMs: number;
  closeStoreMs: number;
  reconciled: number;
  remaining: number;
}

async function child(mode: string, store: string): Promise<ChildTimes> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CHILD, mode, store],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

function ms(x: number): string {
  return `${x.toFixed(x < 10 ? 2 : 0)} ms`;
}

function configMap(name: string, owner?: KubeObject): KubeObject {
  return {
    ...CM,
    metadata: {
      name,
      namespace: "default",
      ...(owner
        ? {
          ownerReferences: [{
            apiVersion: "v1",
            kind: "ConfigMap",
            name: owner.metadata.name!,
            uid: owner.metadata.uid!,
            blockOwnerDeletion: true,
          }],
        }
        : {}),
    },
    data: { k: "v" },
  };
}

/** A store with ConfigMap `owner` and `n` dependents, drained once (watermarks in place). */
async function cascadeFixture(store: string, n: number): Promise<Runtime> {
  const rt = await createRuntime({ store });
  const owner = await rt.client.create(configMap("owner"));
  await rt.transaction(async (c) => {
    for (let i = 0; i < n; i++) await c.create(configMap(`dep-${i}`, owner));
  });
  await rt.controllers.drain();
  return rt;
}

async function main(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-controller-bench-" });
  const rows: string[] = [];
  try {
    // A CLI invocation: open, one unconcerned write, drain, close (30 processes in a row).
    const store = `${dir}/noop.db`;
    {
      await using rt = await createRuntime({ store });
      await rt.controllers.drain();
    }
    const runs: ChildTimes[] = [];
    for (let i = 0; i < 33; i++) runs.push(await child("noop", store));
    const steady = runs.slice(3);
    const machinery = steady.map((r) => r.drainMs + r.closeRuntimeMs);
    rows.push(
      `| controller machinery of an unconcerned write, fresh process (sqlite): the drain + closing the runtime (not the store) | median ${
        ms(pct(machinery, 0.5))
      }, p90 ${ms(pct(machinery, 0.9))} | ≤2 ms |`,
    );
    rows.push(
      `| … the drain (moving the watermarks: one transaction) / closing the runtime | median ${
        ms(pct(steady.map((r) => r.drainMs), 0.5))
      } / ${ms(pct(steady.map((r) => r.closeRuntimeMs), 0.5))} | info |`,
    );
    rows.push(
      `| … for scale: the write itself / closing the store | median ${
        ms(pct(steady.map((r) => r.writeMs), 0.5))
      } / ${ms(pct(steady.map((r) => r.closeStoreMs), 0.5))} | info |`,
    );

    // The same in a long-lived process: 300 write + drain rounds.
    {
      await using rt = await createRuntime({ store: `${dir}/warm.db` });
      await rt.controllers.drain();
      const xs: number[] = [];
      for (let i = 0; i < 300; i++) {
        await rt.client.create({ ...CM, metadata: { generateName: "w-", namespace: "default" } });
        const t = performance.now();
        await rt.controllers.drain();
        xs.push(performance.now() - t);
      }
      rows.push(
        `| no-op drain after an unconcerned write, same process (sqlite, 300 rounds) | median ${
          ms(pct(xs, 0.5))
        }, p99 ${ms(pct(xs, 0.99))} | ≤2 ms |`,
      );
    }

    // Catching up: another process wrote and exited without draining or closing its runtime.
    {
      const xs: number[] = [];
      for (let i = 0; i < 10; i++) {
        await child("write", store);
        xs.push((await child("noop", store)).drainMs);
      }
      rows.push(
        `| drain that reads another process's write from the change log (sqlite) | median ${
          ms(pct(xs, 0.5))
        }, max ${ms(pct(xs, 1))} | info |`,
      );
    }

    // Background cascade: delete an owner with 1,000 dependents in a fresh process.
    {
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const path = `${dir}/cascade-${i}.db`;
        await (await cascadeFixture(path, 1000)).close();
        const r = await child("cascade", path);
        if (r.remaining) throw new Error("Cascade left work queued");
        xs.push(r.drainMs);
      }
      rows.push(
        `| cascade: owner with 1,000 dependents deleted, drain in a fresh process (sqlite) | median ${
          ms(pct(xs, 0.5))
        }, max ${ms(pct(xs, 1))} | ≤1 s |`,
      );
    }
    for (const kind of ["sqlite", "memory"]) {
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const rt = await cascadeFixture(
          kind === "memory" ? "memory:" : `${dir}/warm-c${i}.db`,
          1000,
        );
        await rt.client.delete(CM, { namespace: "default", name: "owner" });
        const t = performance.now();
        await rt.controllers.drain();
        xs.push(performance.now() - t);
        const left = await rt.client.list(CM, { namespace: "default" });
        if (left.items.length) throw new Error("Cascade left dependents");
        await rt.close();
      }
      rows.push(
        `| cascade: owner with 1,000 dependents, drain in the deleting process (${kind}) | median ${
          ms(pct(xs, 0.5))
        } | ≤1 s |`,
      );
    }
    console.log("| controllers | result | target |\n| --- | --- | --- |");
    for (const r of rows) console.log(r);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function registerBenches(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-controller-bench-" });
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  const rt = await createRuntime({ store: `${dir}/warm.db` });
  await rt.controllers.drain();
  Deno.bench({
    name: "unconcerned write + drain",
    group: "controllers: no-op drain (sqlite)",
    fn: async (b) => {
      await rt.client.create({ ...CM, metadata: { generateName: "w-", namespace: "default" } });
      b.start();
      await rt.controllers.drain();
      b.end();
    },
  });
  let round = 0;
  Deno.bench({
    name: "delete owner of 1,000 dependents + drain",
    group: "controllers: cascade (sqlite)",
    n: 5,
    warmup: 1,
    fn: async (b) => {
      const c = await cascadeFixture(`${dir}/cascade-${round++}.db`, 1000);
      await c.client.delete(CM, { namespace: "default", name: "owner" });
      b.start();
      await c.controllers.drain();
      b.end();
      await c.close();
    },
  });
}

if (import.meta.main) await main();
else await registerBenches();
