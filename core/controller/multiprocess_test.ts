// Copyright 2026 the k1s authors. Apache-2.0 license.
// Triggered execution across real processes on one sqlite store: each step is a `deno run`
// child (testdata/worker.ts) that opens the store, does one thing and exits, as CLI
// invocations do. Garbage collection in all three modes, namespace deletion, requeueAfter,
// catch-up after writes made without the controller, events, and a crash mid-reconcile.
import { assert, assertEquals } from "@std/assert";

const WORKER = new URL("./testdata/worker.ts", import.meta.url).pathname;

interface Run {
  lines: unknown[];
}

function command(store: string, args: string[], env: Record<string, string> = {}): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", WORKER, store, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  });
}

async function run(store: string, env: Record<string, string>, ...args: string[]): Promise<Run> {
  const r = await command(store, args, env).output();
  const text = new TextDecoder().decode(r.stdout);
  if (!r.success) {
    throw new Error(
      `Worker ${args.join(" ")} failed (${r.code}): ${new TextDecoder().decode(r.stderr)}`,
    );
  }
  return { lines: text.split("\n").filter(Boolean).map((l) => JSON.parse(l)) };
}

/** Runs a worker; resolves to its last output line. */
async function k1s(store: string, ...args: string[]): Promise<unknown> {
  return (await run(store, {}, ...args)).lines.at(-1);
}

async function withStore(fn: (store: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-controllers-mp-" });
  try {
    await fn(`${dir}/store.db`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

for (const policy of ["Background", "Foreground", "Orphan"]) {
  Deno.test(`garbage collection with ${policy} propagation across processes`, () =>
    withStore(async (store) => {
      await k1s(store, "create", "default", "owner");
      await k1s(store, "create", "default", "dep-a", "owner", "true");
      await k1s(store, "create", "default", "dep-b", "owner");
      await k1s(store, "create", "default", "bystander");
      // Deleted by a process that does not drain (a tool without controllers).
      await k1s(store, "delete", "cm", "default", "owner", policy);
      const before = await k1s(store, "names", "default") as string[];
      assertEquals(
        before,
        policy === "Background"
          ? ["bystander", "dep-a", "dep-b"]
          : ["bystander", "dep-a", "dep-b", "owner"],
      );
      const r = await k1s(store, "drain") as { remaining: unknown[]; failed: unknown[] };
      assertEquals([r.remaining, r.failed], [[], []]);
      const after = await k1s(store, "names", "default");
      assertEquals(after, policy === "Orphan" ? ["bystander", "dep-a", "dep-b"] : ["bystander"]);
      if (policy === "Orphan") {
        const dep = await k1s(store, "get", "cm", "default", "dep-a") as {
          metadata: { ownerReferences?: unknown };
        };
        assertEquals(dep.metadata.ownerReferences, undefined);
      }
    }));
}

Deno.test("a namespace is deleted across processes once blocking finalizers are gone", () =>
  withStore(async (store) => {
    await k1s(store, "namespace", "team");
    await k1s(store, "create", "team", "free");
    await k1s(store, "create", "team", "held", "", "", "example.com/hold");
    await k1s(store, "namespace", "quick");
    await k1s(store, "create", "quick", "a");
    await k1s(store, "delete", "ns", "-", "team");
    await k1s(store, "delete", "ns", "-", "quick");
    await k1s(store, "drain");
    // Without blocking finalizers: gone.
    assertEquals(await k1s(store, "get", "ns", "-", "quick"), null);
    // With one: Terminating, saying why.
    const ns = await k1s(store, "get", "ns", "-", "team") as {
      status: { phase: string; conditions: { type: string; status: string; message: string }[] };
    };
    assertEquals(ns.status.phase, "Terminating");
    const fin = ns.status.conditions.find((c) => c.type === "NamespaceFinalizersRemaining")!;
    assertEquals(
      [fin.status, fin.message],
      [
        "True",
        "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
      ],
    );
    assertEquals(await k1s(store, "names", "team"), ["held"]);
    await k1s(store, "unfinalize", "team", "held");
    await k1s(store, "drain");
    assertEquals(await k1s(store, "get", "ns", "-", "team"), null);
  }));

Deno.test("requeueAfter is honoured by a later process once due", () =>
  withStore(async (store) => {
    const env = { POLL_MS: "1500" };
    await k1s(store, "create", "default", "polled");
    const first = await run(store, env, "drain", "poll");
    const r = first.lines.at(-1) as { scheduled: { controller: string; due: number }[] };
    assertEquals(r.scheduled.map((s) => s.controller), ["poll"]);
    const runs = async () => {
      const cm = await k1s(store, "get", "cm", "default", "runs") as { data: { polled: string } };
      return Number(cm.data.polled);
    };
    assertEquals(await runs(), 1);
    // Not yet due: a drain in between does not run it.
    await run(store, env, "drain", "poll");
    assertEquals(await runs(), 1);
    const wait = r.scheduled[0].due - Date.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait + 50));
    await run(store, env, "drain", "poll");
    assertEquals(await runs(), 2);
  }));

Deno.test("a drain catches up with writes made while the controller was not loaded", () =>
  withStore(async (store) => {
    await k1s(store, "drain", "counter");
    await k1s(store, "create", "default", "a");
    await k1s(store, "create", "default", "b");
    // Drains without the counter controller: the counter's watermark stays behind.
    await k1s(store, "drain");
    await k1s(store, "create", "default", "c");
    await k1s(store, "drain", "counter");
    const runs = await k1s(store, "get", "cm", "default", "runs") as {
      data: Record<string, string>;
    };
    assertEquals(runs.data, { a: "1", b: "1", c: "1" });
  }));

Deno.test("events are counted and aggregated across processes", () =>
  withStore(async (store) => {
    await k1s(store, "create", "default", "app");
    for (let i = 0; i < 3; i++) await k1s(store, "event", "default", "app", "Same", "same message");
    for (let i = 1; i <= 11; i++) {
      await k1s(store, "event", "default", "app", "Failed", `attempt ${i}`);
    }
    const events = await k1s(store, "events", "default") as {
      reason: string;
      message: string;
      count: number;
    }[];
    assertEquals(events.filter((e) => e.reason === "Same").map((e) => e.count), [3]);
    const failed = events.filter((e) => e.reason === "Failed");
    assertEquals(failed.length, 10);
    assertEquals(
      failed.filter((e) => e.message.startsWith("(combined")).map((e) => [e.message, e.count]),
      [["(combined from similar events): attempt 11", 2]],
    );
  }));

Deno.test("a reconcile killed mid-way is completed by the next process", () =>
  withStore(async (store) => {
    await k1s(store, "drain", "crashy");
    await k1s(store, "create", "default", "job1");
    const child = command(store, ["drain", "crashy"], { CRASHY_PAUSE: "60000" }).spawn();
    // Wait until the reconcile has done its first step, then kill -9.
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes("started")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
    }
    child.kill("SIGKILL");
    const status = await child.status;
    assert(!status.success);
    await reader.cancel();
    await child.stderr.cancel();
    assertEquals(await k1s(store, "names", "default"), ["job1", "job1-step1"]);
    await k1s(store, "drain", "crashy");
    assertEquals(await k1s(store, "names", "default"), ["job1", "job1-step1", "job1-step2"]);
  }));

Deno.test("a cascade of a thousand dependents runs in a later process", () =>
  withStore(async (store) => {
    await k1s(store, "create", "default", "owner");
    await k1s(store, "create-many", "default", "d", "1000", "owner");
    await k1s(store, "drain");
    await k1s(store, "delete", "cm", "default", "owner");
    const r = await k1s(store, "drain") as { remaining: unknown[] };
    assertEquals(r.remaining, []);
    assertEquals(await k1s(store, "names", "default"), []);
  }));
