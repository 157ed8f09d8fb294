// Copyright 2026 the k1s authors. Apache-2.0 license.
// Start-up benchmark of the k1s CLI against kubectl's client-only start, in the same run.
//
//   deno run -A bench/cli_startup_bench.ts [--runs=15] [--objects=1000]
//     [--store=snapshot|default|threshold|journal|all] [--bundle-only]
//
// Seeds sqlite stores with N ConfigMaps (about 850 bytes of JSON each), bundles the CLI, then
// runs `k1s get configmaps` cold, interleaved with `kubectl create configmap x
// --from-literal=a=b --dry-run=client` (no I/O) and an empty `deno run` (Deno's own start-up,
// the floor), and prints the median wall time, peak RSS and minor page faults of each, the
// ratio of its median to kubectl's, and the median of each round's ratio to the kubectl run of
// the same round ("paired", less sensitive to the VM's speed drifting during a run) with a 95%
// confidence interval for it ("95% CI": order statistics, no assumption about the
// distribution; an interval across 1.0 means the run cannot tell the two apart). Each store
// layout is measured on its own store:
//   - snapshot: written 50 per transaction, each folded into the SQLite snapshot (a
//     compacted store);
//   - default: one write per object, as that many `k1s create` commands would write them,
//     with the default compaction thresholds: the snapshot and whatever journal they leave;
//   - threshold: compacted, then objects updated one per write until the journal is as large
//     as the default thresholds let it grow (the next write would fold it): the slowest
//     open a store of this size has under the defaults;
//   - journal: every object in the journal (the thresholds raised above the data), so opening
//     reads and checks all of it and the list decodes every object: a stress case, far past
//     what the defaults keep.
// k1s runs as documented in docs/cli.md: the bundle (`deno task bundle`) with
// `deno run --no-config`, the launcher's narrow permissions plus read access to the
// bundle's directory, and the CLI's V8 flags (`--no-lazy`). Also measured: `deno run
// cli/main.ts` from source and the `deno task k1s` launcher (`--bundle-only` leaves them out).
// A reference, not a target: `deno run` of a minimal script that reads the same objects (as
// stored, one JSON text per line of a file) and prints the same table; what any Deno program
// pays for them, without a store or a CLI.
// Peak RSS and page faults come from /usr/bin/time when present (else they are not reported).
import { createRuntime } from "../mod.ts";
import { createSqliteStorage } from "../storage/sqlite/mod.ts";
import { compactionThreshold, DEFAULT_COMPACTION } from "../storage/sqlite/_compaction.ts";
import { permissionFlags } from "../cli/_cli/permissions.ts";
import { CLI_V8_FLAGS } from "../cli/_cli/v8_flags.ts";
import { bundleCli } from "../cli/bundle.ts";

const arg = (name: string, def: string) => {
  const a = Deno.args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : def;
};
const RUNS = Number(arg("runs", "15"));
const OBJECTS = Number(arg("objects", "1000"));
type Layout = "journal" | "snapshot" | "default" | "threshold";
const LAYOUT_NAMES: Record<Layout, string> = {
  journal: "all in the journal",
  snapshot: "compacted into the snapshot",
  default: "written one per command, as the default compaction thresholds leave it",
  threshold: "compacted, then updated until the journal is at the default threshold",
};
const LAYOUTS: Layout[] = arg("store", "all") === "all"
  ? ["snapshot", "default", "threshold", "journal"]
  : [arg("store", "all") as Layout];
const SOURCE = !Deno.args.includes("--bundle-only");

/** The command measured, and kubectl's client-only start it is compared with. */
const GET = ["get", "configmaps"];
const KUBECTL = ["create", "configmap", "x", "--from-literal=a=b", "--dry-run=client"];
const root = new URL("..", import.meta.url).pathname;
const deno = Deno.execPath();

interface Case {
  name: string;
  cmd: string[];
  env?: Record<string, string>;
}

interface Sample {
  wall: number;
  rss?: number;
  faults?: number;
}

// Reads one object per line and prints `get configmaps`' table (NAME, DATA, AGE in minutes).
const MINIMAL_READER = `const bytes = Deno.readFileSync(Deno.args[0]);
const decoder = new TextDecoder();
const now = Date.now();
const rows = [];
let width = 4;
for (let s = 0; s < bytes.length;) {
  let e = bytes.indexOf(10, s);
  if (e < 0) e = bytes.length;
  if (e > s) {
    const o = JSON.parse(decoder.decode(bytes.subarray(s, e)));
    const n = Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length;
    const age = Math.floor((now - Date.parse(o.metadata.creationTimestamp)) / 60000) + "m";
    rows.push([o.metadata.name, String(n), age]);
    width = Math.max(width, o.metadata.name.length);
  }
  s = e + 1;
}
let out = "NAME".padEnd(width + 3) + "DATA   AGE\\n";
for (const r of rows) out += r[0].padEnd(width + 3) + r[1].padEnd(7) + r[2] + "\\n";
Deno.stdout.writeSync(new TextEncoder().encode(out));
`;

if (import.meta.main) await main();
else await registerBenches();

async function main(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s_cli_bench_" });
  try {
    const bundleDir = `${dir}/bundle`;
    await bundleCli(bundleDir);
    const hasTime = await exists("/usr/bin/time");
    const kubectl = await which("kubectl");
    const empty = `${dir}/empty.js`;
    await Deno.writeTextFile(empty, "");
    const minimal = `${dir}/minimal.js`;
    await Deno.writeTextFile(minimal, MINIMAL_READER);
    for (const layout of LAYOUTS) {
      const store = `${dir}/${layout}/k1s.db`;
      await seed(store, OBJECTS, layout);
      const lines = `${dir}/${layout}/objects.jsonl`;
      await exportLines(store, lines);
      const env: Record<string, string> = { ...Deno.env.toObject(), K1S_STORE: store };
      const perms = getPermissions(env, bundleDir);
      const cases: Case[] = [
        { name: "deno run of an empty script (floor)", cmd: [deno, "run", empty] },
        {
          name: "reference: same objects, minimal script",
          cmd: [deno, "run", `--allow-read=${lines}`, minimal, lines],
        },
        {
          name: "k1s get configmaps (bundle)",
          cmd: bundleCommand(perms, bundleDir),
        },
      ];
      if (SOURCE) {
        cases.push(
          {
            name: "k1s get configmaps (source)",
            cmd: [
              deno,
              "run",
              "--no-prompt",
              ...perms,
              ...CLI_V8_FLAGS,
              `${root}cli/main.ts`,
              ...GET,
            ],
          },
          {
            name: "k1s get configmaps (deno task k1s launcher)",
            cmd: [
              deno,
              "run",
              "--quiet",
              "--allow-env",
              "--allow-run",
              `${root}cli/launcher.ts`,
              ...GET,
            ],
          },
        );
      }
      if (kubectl) {
        cases.push({
          name: "kubectl create configmap --dry-run=client",
          cmd: [kubectl, ...KUBECTL],
        });
      }
      // Warm up: compile and code caches, page cache.
      for (const c of cases) for (let i = 0; i < 2; i++) await measure(c.cmd, env, hasTime);
      const results = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
      for (let i = 0; i < RUNS; i++) {
        for (const c of cases) results.get(c.name)!.push(await measure(c.cmd, env, hasTime));
      }
      const baseRuns = kubectl ? results.get(cases[cases.length - 1].name)! : undefined;
      const base = baseRuns ? median(baseRuns.map((s) => s.wall)) : undefined;
      const journal = (await Deno.stat(`${store}.k1s-journal`)).size;
      console.log(
        `CLI start-up, ${OBJECTS} ConfigMaps in a sqlite store (${LAYOUT_NAMES[layout]}; journal ${
          Math.round(journal / 1024)
        } KiB), median of ${RUNS} interleaved runs`,
      );
      console.log(
        `${"command".padEnd(44)} ${"wall".padStart(9)} ${"ratio".padStart(6)} ${
          "paired".padStart(6)
        } ${"95% CI".padStart(11)} ${"peak RSS".padStart(9)} ${"faults".padStart(7)}`,
      );
      for (const c of cases) {
        const r = results.get(c.name)!;
        const w = median(r.map((s) => s.wall));
        const ratio = base ? (w / base).toFixed(2) : "-";
        // The median of each round's ratio to the kubectl run beside it: the VM's speed drifts
        // over a run, and a round's two commands share its speed.
        const pairs = baseRuns ? r.map((s, i) => s.wall / baseRuns[i].wall) : undefined;
        const paired = pairs ? median(pairs).toFixed(2) : "-";
        const ci = pairs ? medianInterval(pairs) : undefined;
        const interval = ci ? `${ci[0].toFixed(2)}-${ci[1].toFixed(2)}` : "-";
        const rss = r.every((s) => s.rss)
          ? `${(median(r.map((s) => s.rss!)) / 1024).toFixed(1)} MB`
          : "-";
        const faults = r.every((s) => s.faults) ? String(median(r.map((s) => s.faults!))) : "-";
        console.log(
          `${c.name.padEnd(44)} ${`${w.toFixed(1)} ms`.padStart(9)} ${ratio.padStart(6)} ${
            paired.padStart(6)
          } ${interval.padStart(11)} ${rss.padStart(9)} ${faults.padStart(7)}`,
        );
      }
      console.log();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The launcher's permissions for `get configmaps` on the store in `env`, and the bundle. */
function getPermissions(env: Record<string, string>, bundleDir: string): string[] {
  return permissionFlags({ args: GET, env: (k) => env[k], cwd: Deno.cwd(), extraRead: [bundleDir] })
    .flags;
}

/** `k1s get configmaps` through the bundle, as docs/cli.md runs it. */
function bundleCommand(perms: string[], bundleDir: string): string[] {
  return [deno, "run", "--no-config", ...perms, ...CLI_V8_FLAGS, `${bundleDir}/main.js`, ...GET];
}

// `deno bench`: one cold `k1s get configmaps` (the bundle, on a compacted store) against kubectl.
async function registerBenches(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s_cli_bench_" });
  const store = `${dir}/store/k1s.db`;
  await seed(store, OBJECTS, "snapshot");
  const env: Record<string, string> = { ...Deno.env.toObject(), K1S_STORE: store };
  const kubectl = await which("kubectl");
  // As main() runs it: the bundle, with the launcher's permissions.
  const bundleDir = `${dir}/bundle`;
  await bundleCli(bundleDir);
  const perms = getPermissions(env, bundleDir);
  const cmd = bundleCommand(perms, bundleDir);
  Deno.bench("k1s get configmaps (bundle, cold process)", {
    group: "cli",
    baseline: true,
  }, async () => {
    await measure(cmd, env, false);
  });
  if (kubectl) {
    Deno.bench("kubectl create configmap --dry-run=client", { group: "cli" }, async () => {
      await measure([kubectl, ...KUBECTL], env, false);
    });
  }
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
}

/** Writes the ConfigMaps of the store at `path`, as stored, one JSON text per line. */
async function exportLines(path: string, out: string): Promise<void> {
  const storage = await createSqliteStorage({ path, readOnly: true });
  try {
    const { items } = await storage.list({ prefix: "/registry/configmaps/" });
    await Deno.writeTextFile(out, items.map((o) => JSON.stringify(o) + "\n").join(""));
  } finally {
    await storage.close();
  }
}

function configMap(i: number, filler: string) {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: `cm-${String(i).padStart(4, "0")}`,
      namespace: "default",
      labels: { app: "bench" },
    },
    data: { payload: filler, index: String(i) },
  };
}

async function seed(path: string, n: number, layout: Layout): Promise<void> {
  const filler = "x".repeat(600);
  if (layout === "default") {
    // One write per object, as n `k1s create` commands would write them.
    const rt = await createRuntime({ store: await createSqliteStorage({ path }) });
    try {
      for (let i = 0; i < n; i++) await rt.client.create(configMap(i, filler));
    } finally {
      await rt.close();
    }
    return;
  }
  const storage = await createSqliteStorage(
    layout === "journal"
      ? { path, compactMinBytes: 1 << 30 }
      : { path, compactMinBytes: 1, compactScaleBytes: 0 },
  );
  const rt = await createRuntime({ store: storage });
  try {
    // Batches of 50, as a few large commands (`apply -f` of a directory) would write them.
    for (let i = 0; i < n; i += 50) {
      await rt.transaction(async (c) => {
        for (let j = i; j < Math.min(n, i + 50); j++) await c.create(configMap(j, filler));
      });
    }
  } finally {
    await rt.close();
  }
  if (layout === "threshold") await fillJournal(path, n, filler);
}

/**
 * Updates the ConfigMaps of the compacted store at `path`, one per write, until the journal is
 * as large as the default thresholds let it grow before a write folds it into the snapshot.
 */
async function fillJournal(path: string, n: number, filler: string): Promise<void> {
  const threshold = compactionThreshold(Deno.statSync(path).size, DEFAULT_COMPACTION);
  const journal = `${path}.k1s-journal`;
  const rt = await createRuntime({
    store: await createSqliteStorage({ path, compactMinBytes: 1 << 30 }),
  });
  try {
    let last = 0;
    for (let i = 0; Deno.statSync(journal).size + 2 * last < threshold; i++) {
      const before = Deno.statSync(journal).size;
      const cm = configMap(i % n, filler);
      cm.metadata.labels.app = `bench-${i}`;
      const cur = await rt.client.get({ apiVersion: "v1", kind: "ConfigMap" }, {
        namespace: "default",
        name: cm.metadata.name,
      });
      await rt.client.update({ ...cm, metadata: { ...cur.metadata, labels: cm.metadata.labels } });
      last = Deno.statSync(journal).size - before;
    }
  } finally {
    await rt.close();
  }
}

async function measure(
  cmd: string[],
  env: Record<string, string>,
  withTime: boolean,
): Promise<Sample> {
  const full = withTime ? ["/usr/bin/time", "-f", "%M %R", ...cmd] : cmd;
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
  const m = /^(\d+) (\d+)$/.exec(err.trim().split("\n").pop() ?? "");
  return withTime && m ? { wall, rss: Number(m[1]), faults: Number(m[2]) } : { wall };
}

/**
 * A confidence interval of at least 95% for the median of `xs`, from order statistics: the
 * number of samples below the median is binomial(n, 1/2), so the interval from the k-th smallest
 * to the k-th largest sample misses it with probability 2·P(B < k). Distribution-free;
 * undefined under 6 samples (even the whole range has less than 95%).
 */
function medianInterval(xs: number[]): [number, number] | undefined {
  const n = xs.length;
  // The largest k (from 1) with 2·P(B ≤ k - 1) ≤ 0.05.
  let k = 0;
  let tail = 0;
  let term = 2 ** -n; // P(B = 0)
  for (let i = 0; i < n; i++) {
    tail += term;
    if (2 * tail > 0.05) break;
    k = i + 1;
    term = term * (n - i) / (i + 1);
  }
  if (k === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return [s[k - 1], s[n - k]];
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
