// Copyright 2026 the k1s authors. Apache-2.0 license.
// The sqlite store shared by real processes: concurrent read-modify-write, kill -9 in the
// middle of writes and compactions, revisions across processes and restarts, freshness of
// reads and cross-process watches. Workers are `deno run` children (testdata/worker.ts).
import { assert, assertEquals } from "@std/assert";
import type { KubeObject } from "../../core/object/types.ts";
import type { StorageEvent } from "../../core/storage/types.ts";
import { createSqliteStorage, type SqliteStorageOptions } from "./mod.ts";

const WORKER = new URL("./testdata/worker.ts", import.meta.url).pathname;

function obj(name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data };
}

function spawn(
  command: string,
  path: string,
  options: Partial<SqliteStorageOptions>,
  ...args: string[]
): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", WORKER, command, path, JSON.stringify(options), ...args],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Reads a child's stdout line by line, calling `onLine` as each arrives. */
async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    rest += chunk;
    let i: number;
    while ((i = rest.indexOf("\n")) >= 0) {
      onLine(rest.slice(0, i));
      rest = rest.slice(i + 1);
    }
  }
}

async function finish(child: Deno.ChildProcess, lines: string[]): Promise<void> {
  const stderr = new Response(child.stderr).text();
  await readLines(child.stdout, (l) => lines.push(l));
  const status = await child.status;
  if (!status.success) throw new Error(`Worker failed (${status.code}): ${await stderr}`);
}

async function run(
  command: string,
  path: string,
  options: Partial<SqliteStorageOptions>,
  ...args: string[]
): Promise<string[]> {
  const lines: string[] = [];
  await finish(spawn(command, path, options, ...args), lines);
  return lines;
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-sqlite-mp-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("six processes incrementing one object lose no update", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    const key = "/registry/configmaps/default/counter";
    const s = await createSqliteStorage({ path });
    await s.create(key, obj("counter", { count: "0" }));
    await s.close();
    const per = 40;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => run("increment", path, {}, key, String(per))),
    );
    const conflicts = results.reduce((n, lines) => n + Number(lines[0].split(" ")[1]), 0);
    const r = await createSqliteStorage({ path });
    const final = await r.get(key);
    assertEquals(final?.data, { count: String(6 * per) });
    assertEquals(await r.revision(), 1 + 6 * per);
    await r.close();
    // Not a requirement, but a test where nobody conflicted did not test compare-and-swap.
    assert(conflicts > 0, "the workers never conflicted");
  }));

Deno.test("a writer killed with SIGKILL leaves exactly a prefix of its writes, acknowledged ones included", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    // Small thresholds: the kills also land in compactions and journal replacements.
    const options = { compactMinBytes: 8 * 1024, compactScaleBytes: 0, historySize: 50 };
    for (let round = 0; round < 6; round++) {
      const before = await createSqliteStorage({ path });
      const r0 = await before.revision();
      await before.close();
      const prefix = `/registry/configmaps/r${round}/`;
      const steps = 400;
      const child = spawn("burst", path, options, prefix, String(steps));
      const acked = new Map<number, number>();
      const killAfter = 5 + Math.floor(Math.random() * 80);
      let killed = false;
      const stderr = new Response(child.stderr).text();
      await readLines(child.stdout, (line) => {
        const [, i, rev] = line.split(" ");
        acked.set(Number(i), Number(rev));
        if (!killed && acked.size >= killAfter) {
          killed = true;
          child.kill("SIGKILL");
        }
      });
      const status = await child.status;
      assert(killed && status.signal === "SIGKILL", `worker was not killed: ${await stderr}`);

      const s = await createSqliteStorage({ path });
      const keysOf = (i: number) =>
        i % 3 === 2 ? ["-a", "-b", "-c"].map((x) => `${prefix}${i}${x}`) : [`${prefix}${i}`];
      let committed = 0;
      let rev = r0;
      for (let i = 0; i < steps; i++) {
        const found = await Promise.all(keysOf(i).map((k) => s.get(k)));
        const n = found.filter((o) => o !== undefined).length;
        assert(n === 0 || n === found.length, `step ${i}: a transaction was half applied`);
        if (n === 0) break;
        committed++;
        rev += found.length;
        if (acked.has(i)) {
          assertEquals(Number(found[found.length - 1]!.metadata.resourceVersion), acked.get(i));
        }
      }
      for (let i = committed; i < steps; i++) {
        for (const k of keysOf(i)) assertEquals(await s.get(k), undefined, `gap before ${k}`);
      }
      assert(committed >= acked.size, `${acked.size} acknowledged, ${committed} stored`);
      assertEquals(await s.revision(), rev, "the store revision counts exactly the stored writes");
      assertEquals((await s.list({ prefix })).items.length, rev - r0);
      // The store takes writes again, with the next revision.
      const after = await s.create(`${prefix}after`, obj("after"));
      assertEquals(Number(after.metadata.resourceVersion), rev + 1);
      await s.close();
    }
  }));

Deno.test("revisions are unique and dense across concurrent processes and restarts", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    const results = await Promise.all(
      Array.from(
        { length: 4 },
        (_, p) => run("creates", path, { compactMinBytes: 4096 }, `/registry/p${p}/`, "30"),
      ),
    );
    const all: number[] = [];
    for (const lines of results) {
      const revs = lines.map((l) => Number(l.split(" ")[1]));
      for (let i = 1; i < revs.length; i++) assert(revs[i] > revs[i - 1], "per-process order");
      all.push(...revs);
    }
    assertEquals(all.sort((a, b) => a - b), Array.from({ length: 120 }, (_, i) => i + 1));
    const s = await createSqliteStorage({ path });
    assertEquals(await s.revision(), 120);
    await s.close();
    const next = await run("creates", path, {}, "/registry/later/", "1");
    assertEquals(next[0].split(" ")[1], "121");
  }));

Deno.test({
  name: "writers exclude each other even while the lock file is deleted by hand",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withDir(async (dir) => {
      const path = `${dir}/store.db`;
      await run("creates", path, {}, "/registry/first/", "1");
      let deleting = true;
      const deleter = (async () => {
        while (deleting) {
          try {
            Deno.removeSync(`${path}.k1s-lock`);
          } catch {
            // Not there right now.
          }
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      let results: string[][];
      try {
        results = await Promise.all(
          Array.from(
            { length: 6 },
            (_, p) => run("creates", path, { compactMinBytes: 8192 }, `/registry/p${p}/`, "60"),
          ),
        );
      } finally {
        deleting = false;
        await deleter;
      }
      // Every acknowledged write is there, each at a revision of its own.
      const revs = results.flat().map((l) => Number(l.split(" ")[1]));
      assertEquals(new Set(revs).size, 360);
      const s = await createSqliteStorage({ path });
      try {
        const items = (await s.list({ prefix: "/registry/p" })).items;
        assertEquals(items.length, 360);
        assertEquals(
          items.map((o) => Number(o.metadata.resourceVersion)).sort((a, b) => a - b),
          revs.sort((a, b) => a - b),
        );
      } finally {
        await s.close();
      }
    }),
});

Deno.test("an open store reads another process's acknowledged writes at once, across compactions", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    const s = await createSqliteStorage({ path });
    assertEquals(await s.get("/registry/a/0"), undefined);
    // The child creates the store; no waiting or polling between its exit and our reads.
    await run("creates", path, {}, "/registry/a/", "1");
    assertEquals((await s.get("/registry/a/0"))?.metadata.resourceVersion, "1");
    // Now a child that writes a new snapshot and journal generation after every write.
    await run("creates", path, { compactMinBytes: 0, compactScaleBytes: 0 }, "/registry/b/", "5");
    assertEquals((await s.list({ prefix: "/registry/b/" })).items.length, 5);
    assertEquals(await s.revision(), 6);
    await s.update("/registry/b/4", obj("4", { v: "2" }), { expectedRevision: 6 });
    await run("creates", path, { compactMinBytes: 0, compactScaleBytes: 0 }, "/registry/c/", "2");
    assertEquals((await s.get("/registry/b/4"))?.data, { v: "2" });
    assertEquals(await s.revision(), 9);
    await s.close();
  }));

async function watchLatency(dir: string, options: Partial<SqliteStorageOptions>) {
  const path = `${dir}/store.db`;
  const seed = await createSqliteStorage({ path });
  await seed.create("/registry/seed", obj("seed"));
  await seed.close();
  const s = await createSqliteStorage({ path, ...options });
  const w = s.watch({ prefix: "/registry/w/" });
  const received: { ev: StorageEvent; at: number }[] = [];
  const n = 20;
  const collecting = (async () => {
    for await (const ev of w) {
      received.push({ ev, at: performance.timeOrigin + performance.now() });
      if (received.length === n) break;
    }
  })();
  const lines = await run(
    "paced",
    path,
    { compactMinBytes: 2048 },
    "/registry/w/",
    String(n),
    "30",
  );
  const timeout = setTimeout(() => w.stop(), 5000);
  await collecting;
  clearTimeout(timeout);
  await s.close();
  const acks = lines.map((l) => l.split(" ").map(Number)).map(([, rev, at]) => ({ rev, at }));
  assertEquals(received.map((r) => r.ev.revision), acks.map((a) => a.rev), "all, in order");
  assertEquals(received.map((r) => r.ev.type), acks.map(() => "ADDED"));
  const latencies = received.map((r, i) => r.at - acks[i].at).sort((a, b) => a - b);
  return { median: latencies[latencies.length >> 1], max: latencies[latencies.length - 1] };
}

Deno.test("a watch sees other processes' writes in order, within 100 ms", () =>
  withDir(async (dir) => {
    const { median, max } = await watchLatency(dir, {});
    assert(median <= 100, `median latency ${median.toFixed(1)} ms`);
    assert(max <= 1000, `max latency ${max.toFixed(1)} ms`);
  }));

Deno.test("a watch without file notifications falls back to polling", () =>
  withDir(async (dir) => {
    const { median, max } = await watchLatency(dir, { watchFs: false, pollInterval: 50 });
    assert(median <= 100, `median latency ${median.toFixed(1)} ms`);
    assert(max <= 1000, `max latency ${max.toFixed(1)} ms`);
  }));

Deno.test("a watch from a revision replays another process's writes from the snapshot", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    await run("creates", path, { compactMinBytes: 0, compactScaleBytes: 0 }, "/registry/h/", "30");
    const s = await createSqliteStorage({ path });
    const w = s.watch({ prefix: "/registry/h/", fromRevision: 10 });
    const got: number[] = [];
    for await (const ev of w) {
      got.push(ev.revision);
      if (got.length === 20) break;
    }
    assertEquals(got, Array.from({ length: 20 }, (_, i) => i + 11));
    await s.close();
  }));

Deno.test("stopped watches and closed stores let the process exit", async (t) => {
  for (const command of ["watch-stop", "watch-close"]) {
    await t.step(command, () =>
      withDir(async (dir) => {
        const child = spawn(command, `${dir}/store.db`, {}, "/registry/x/");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        const lines: string[] = [];
        await finish(child, lines);
        clearTimeout(timer);
        assertEquals(lines.length, 1);
      }));
  }
});
