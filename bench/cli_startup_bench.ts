// Copyright 2026 the k1s authors. Apache-2.0 license.
// Start-up benchmark of the k1s CLI against kubectl's client-only start, in the same run.
//
//   deno run -A bench/cli_startup_bench.ts [--runs=15] [--objects=1000]
//
// Seeds a sqlite store with N ConfigMaps (about 700 bytes each, written one command's worth
// at a time, as a CLI user would), bundles the CLI, then runs, interleaved:
//   - `k1s get configmaps` from source (`deno run cli/main.ts`), with the launcher's narrow
//     permissions;
//   - the same through the bundle (`deno bundle --code-splitting`), which `deno task k1s` runs;
//   - `kubectl create configmap x --from-literal=a=b --dry-run=client` (no I/O);
// and prints the median wall time and peak RSS of each, and the ratio to kubectl.
// Peak RSS comes from /usr/bin/time -v when present (else it is not reported).
import { createRuntime } from "../mod.ts";
import { createSqliteStorage } from "../storage/sqlite/mod.ts";
import { permissionFlags } from "../cli/_cli/permissions.ts";
import { bundleCli } from "../cli/bundle.ts";

const arg = (name: string, def: number) => {
  const a = Deno.args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : def;
};
const RUNS = arg("runs", 15);
const OBJECTS = arg("objects", 1000);
// --snapshot: fold the journal into the SQLite snapshot after seeding (a store that has been
// compacted); by default 1,000 objects (about 700 KB) stay in the journal, below the 1 MiB
// compaction threshold.
const SNAPSHOT = Deno.args.includes("--snapshot");
const root = new URL("..", import.meta.url).pathname;
const deno = Deno.execPath();

if (import.meta.main) await main();
else await registerBenches();

async function main(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s_cli_bench_" });
  const store = `${dir}/store/k1s.db`;
  try {
    await seed(store, OBJECTS);
    const bundleDir = `${dir}/bundle`;
    await bundleCli(bundleDir);

    const env: Record<string, string> = { ...Deno.env.toObject(), K1S_STORE: store };
    const perms = permissionFlags({
      args: ["get", "configmaps"],
      env: (k) => env[k],
      cwd: Deno.cwd(),
    }).flags;
    const hasTime = await exists("/usr/bin/time");
    const kubectl = await which("kubectl");
    const empty = `${dir}/empty.js`;
    await Deno.writeTextFile(empty, "");
    const cases: { name: string; cmd: string[] }[] = [
      { name: "deno run of an empty script (floor)", cmd: [deno, "run", empty] },
      {
        name: "k1s get configmaps (deno task k1s launcher)",
        cmd: [
          deno,
          "run",
          "--quiet",
          "--allow-env",
          "--allow-run",
          `${root}cli/launcher.ts`,
          "get",
          "configmaps",
        ],
      },
      {
        name: "k1s get configmaps (source)",
        cmd: [deno, "run", "--no-prompt", ...perms, `${root}cli/main.ts`, "get", "configmaps"],
      },
      {
        name: "k1s get configmaps (bundle)",
        cmd: [deno, "run", "--no-prompt", ...perms, `${bundleDir}/main.js`, "get", "configmaps"],
      },
    ];
    if (kubectl) {
      cases.push({
        name: "kubectl create configmap --dry-run=client",
        cmd: [kubectl, "create", "configmap", "x", "--from-literal=a=b", "--dry-run=client"],
      });
    }
    // Warm up: compile caches, page cache.
    for (const c of cases) await measure(c.cmd, env, hasTime);
    const results = new Map<string, { wall: number[]; rss: number[] }>();
    for (const c of cases) results.set(c.name, { wall: [], rss: [] });
    for (let i = 0; i < RUNS; i++) {
      for (const c of cases) {
        const m = await measure(c.cmd, env, hasTime);
        results.get(c.name)!.wall.push(m.wall);
        if (m.rss) results.get(c.name)!.rss.push(m.rss);
      }
    }
    const base = kubectl ? median(results.get(cases[cases.length - 1].name)!.wall) : undefined;
    console.log(
      `CLI start-up, ${OBJECTS} ConfigMaps in a sqlite store (${
        SNAPSHOT ? "snapshot" : "journal"
      }), median of ${RUNS} interleaved runs`,
    );
    console.log(
      `${"command".padEnd(44)} ${"wall".padStart(9)} ${"ratio".padStart(6)} ${
        "peak RSS".padStart(9)
      }`,
    );
    for (const c of cases) {
      const r = results.get(c.name)!;
      const w = median(r.wall);
      const ratio = base ? (w / base).toFixed(2) : "-";
      const rss = r.rss.length ? `${(median(r.rss) / 1024).toFixed(1)} MB` : "-";
      console.log(
        `${c.name.padEnd(44)} ${`${w.toFixed(1)} ms`.padStart(9)} ${ratio.padStart(6)} ${
          rss.padStart(9)
        }`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

// `deno bench`: one cold `k1s get configmaps` (source) against kubectl's client-only start.
async function registerBenches(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s_cli_bench_" });
  const store = `${dir}/store/k1s.db`;
  await seed(store, OBJECTS);
  const env = { ...Deno.env.toObject(), K1S_STORE: store };
  const kubectl = await which("kubectl");
  Deno.bench("k1s get configmaps (cold process)", { group: "cli", baseline: true }, async () => {
    await measure([deno, "run", "-A", `${root}cli/main.ts`, "get", "configmaps"], env, false);
  });
  if (kubectl) {
    Deno.bench("kubectl create configmap --dry-run=client", { group: "cli" }, async () => {
      await measure(
        [kubectl, "create", "configmap", "x", "--from-literal=a=b", "--dry-run=client"],
        env,
        false,
      );
    });
  }
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
}

async function seed(path: string, n: number): Promise<void> {
  const storage = await createSqliteStorage(
    SNAPSHOT ? { path, compactMinBytes: 1, compactRatio: 0 } : { path },
  );
  const rt = await createRuntime({ store: storage });
  try {
    const filler = "x".repeat(600);
    // Batches of 50, as many short commands would write them.
    for (let i = 0; i < n; i += 50) {
      await rt.transaction(async (c) => {
        for (let j = i; j < Math.min(n, i + 50); j++) {
          await c.create({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: {
              name: `cm-${String(j).padStart(4, "0")}`,
              namespace: "default",
              labels: { app: "bench" },
            },
            data: { payload: filler, index: String(j) },
          });
        }
      });
    }
  } finally {
    await rt.close();
  }
}

async function measure(
  cmd: string[],
  env: Record<string, string>,
  withTime: boolean,
): Promise<{ wall: number; rss?: number }> {
  const full = withTime ? ["/usr/bin/time", "-f", "%M", ...cmd] : cmd;
  const t0 = performance.now();
  const out = await new Deno.Command(full[0], {
    args: full.slice(1),
    env,
    stdout: "null",
    stderr: "piped",
  }).output();
  const wall = performance.now() - t0;
  const err = new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${cmd.join(" ")} failed: ${err}`);
  const last = err.trim().split("\n").pop() ?? "";
  return withTime && /^\d+$/.test(last) ? { wall, rss: Number(last) } : { wall };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function exists(p: string): Promise<boolean> {
  try {
    await Deno.stat(p);
    return true;
  } catch {
    return false;
  }
}

async function which(name: string): Promise<string | undefined> {
  for (const d of (Deno.env.get("PATH") ?? "").split(":")) {
    if (d && await exists(`${d}/${name}`)) return `${d}/${name}`;
  }
  return undefined;
}
