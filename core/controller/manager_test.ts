// Copyright 2026 the k1s authors. Apache-2.0 license.
// The controller manager in one process: the reconciler API (for, owns, watches, results,
// errors), triggered execution with watermarks and due times shared through the store (two
// runtimes on one store stand for two processes here; real processes are in
// multiprocess_test.ts), budgets, aborts and operator mode.
import { assert, assertEquals, assertThrows } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import type { Storage } from "../storage/types.ts";
import { createRuntimeWith, type Runtime } from "../runtime/runtime.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import type { Controller, Request, Result } from "./types.ts";
import { terminalError } from "./terminal_error.ts";
import { setControllerReference } from "./owner_references.ts";
import { CHECKPOINT_COMPONENT, LAG_WRITE_THRESHOLD } from "./_manager.ts";
import { CM, configMap } from "./testdata/fixtures.ts";

const SECRET = { apiVersion: "v1", kind: "Secret" };

/** The same store for several runtimes ("processes"); only the test closes it. */
function shared(storage: Storage): Storage {
  return new Proxy(storage, {
    get(target, p) {
      if (p === "close") return () => Promise.resolve();
      const v = (target as unknown as Record<string | symbol, unknown>)[p];
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

interface Clock {
  t: number;
}

async function runtime(storage: Storage, clock?: Clock): Promise<Runtime> {
  return await createRuntimeWith({
    store: shared(storage),
    ...(clock ? { now: () => new Date(clock.t) } : {}),
  });
}

/** A controller recording the requests it reconciles. */
function recorder(
  name: string,
  fn: (req: Request, n: number) => Result | void | Promise<Result | void> = () => {},
  extra: Partial<Controller> = {},
): Controller & { seen: string[] } {
  const seen: string[] = [];
  return {
    name,
    for: CM,
    seen,
    async reconcile(_ctx, req) {
      seen.push(`${req.namespace ?? ""}/${req.name}`);
      return await fn(req, seen.length);
    },
    ...extra,
  };
}

Deno.test("drain reconciles the changes of this process once per key", async () => {
  await using rt = await runtime(createMemoryStorage());
  const c = recorder("cm");
  rt.controllers.add(c);
  await rt.controllers.drain();
  c.seen.length = 0;
  await rt.client.create(configMap("a"));
  const a = await rt.client.get(CM, { namespace: "default", name: "a" });
  a.data = { k: "v" };
  await rt.client.update(a);
  await rt.client.create(configMap("b"));
  const r = await rt.controllers.drain();
  assertEquals(c.seen.sort(), ["default/a", "default/b"]);
  assert(r.reconciled >= 2);
  assertEquals(r.remaining, []);
  c.seen.length = 0;
  await rt.controllers.drain();
  assertEquals(c.seen, []);
});

Deno.test("owned objects map to the key of their controller owner", async () => {
  await using rt = await runtime(createMemoryStorage());
  const c = recorder("owner", () => {}, { owns: [SECRET] });
  rt.controllers.add(c);
  const owner = await rt.client.create(configMap("app"));
  const other = await rt.client.create(configMap("other"));
  await rt.controllers.drain();
  c.seen.length = 0;
  const secret: KubeObject = setControllerReference(owner, {
    ...SECRET,
    metadata: { name: "s", namespace: "default" },
  } as KubeObject);
  secret.metadata.ownerReferences!.push({
    apiVersion: "v1",
    kind: "ConfigMap",
    name: "other",
    uid: other.metadata.uid!,
  });
  await rt.client.create(secret);
  await rt.controllers.drain();
  // Only the controller reference maps.
  assertEquals(c.seen, ["default/app"]);
});

Deno.test("watches map changes through the map function", async () => {
  await using rt = await runtime(createMemoryStorage());
  const c = recorder("watcher", () => {}, {
    watches: [{
      type: SECRET,
      map: (o: KubeObject) => [{ namespace: o.metadata.namespace, name: `for-${o.metadata.name}` }],
    }],
  });
  rt.controllers.add(c);
  await rt.controllers.drain();
  await rt.client.create({ ...SECRET, metadata: { name: "s", namespace: "default" } });
  await rt.controllers.drain();
  assertEquals(c.seen, ["default/for-s"]);
});

Deno.test("a failing reconcile is retried with backoff within the drain", async () => {
  await using rt = await runtime(createMemoryStorage());
  const c = recorder("flaky", (_r, n) => {
    if (n < 3) throw new Error("not yet");
  });
  rt.controllers.add(c);
  await rt.client.create(configMap("a"));
  const r = await rt.controllers.drain();
  assertEquals(c.seen.filter((s) => s === "default/a").length, 3);
  assertEquals(r.failed, []);
  assertEquals(r.scheduled, []);
});

Deno.test("a request that keeps failing is persisted with its backoff for a later drain", async () => {
  const storage = createMemoryStorage();
  const clock = { t: Date.UTC(2026, 0, 1) };
  let fail = true;
  const make = () =>
    recorder("broken", () => {
      if (fail) throw new Error("boom");
    });
  {
    await using rt = await runtime(storage, clock);
    const c = make();
    rt.controllers.add(c);
    await rt.controllers.drain();
    await rt.client.create(configMap("a"));
    const r = await rt.controllers.drain();
    // The fake clock does not move: the first retry (5 ms) is not due within the drain.
    assertEquals(r.failed.map((f) => [f.controller, f.request.name, f.error]), [[
      "broken",
      "a",
      "boom",
    ]]);
    assertEquals(r.scheduled.map((s) => [s.request.name, s.due - clock.t]), [["a", 5]]);
  }
  {
    await using rt = await runtime(storage, clock);
    const c = make();
    rt.controllers.add(c);
    await rt.controllers.drain();
    assertEquals(c.seen, []);
    clock.t += 5;
    const r = await rt.controllers.drain();
    assertEquals(c.seen, ["default/a"]);
    // Second failure: 10 ms.
    assertEquals(r.scheduled.map((s) => s.due - clock.t), [10]);
    fail = false;
    clock.t += 10;
    const ok = await rt.controllers.drain();
    assertEquals([ok.failed, ok.scheduled], [[], []]);
  }
  await storage.close();
});

Deno.test("a terminal error is reported and not retried", async () => {
  await using rt = await runtime(createMemoryStorage());
  const c = recorder("strict", () => {
    throw terminalError(new Error("invalid spec"));
  });
  rt.controllers.add(c);
  await rt.controllers.drain();
  c.seen.length = 0;
  await rt.client.create(configMap("a"));
  const r = await rt.controllers.drain();
  assertEquals(c.seen, ["default/a"]);
  assertEquals(r.failed.map((f) => f.error), ["invalid spec"]);
  assertEquals(r.scheduled, []);
});

Deno.test("requeueAfter is persisted and run by a later runtime once due", async () => {
  const storage = createMemoryStorage();
  const clock = { t: Date.UTC(2026, 0, 1) };
  {
    await using rt = await runtime(storage, clock);
    rt.controllers.add(recorder("poll", () => ({ requeueAfter: 30_000 })));
    await rt.client.create(configMap("a"));
    const r = await rt.controllers.drain();
    assertEquals(r.scheduled.map((s) => [s.controller, s.request.name, s.due - clock.t]), [[
      "poll",
      "a",
      30_000,
    ]]);
  }
  const later = recorder("poll", () => {});
  {
    await using rt = await runtime(storage, clock);
    rt.controllers.add(later);
    clock.t += 29_999;
    await rt.controllers.drain();
    assertEquals(later.seen, []);
    clock.t += 1;
    const r = await rt.controllers.drain();
    assertEquals(later.seen, ["default/a"]);
    assertEquals(r.scheduled, []);
  }
  {
    await using rt = await runtime(storage, clock);
    rt.controllers.add(later);
    await rt.controllers.drain();
    assertEquals(later.seen, ["default/a"]);
  }
  await storage.close();
});

Deno.test("a drain catches up with writes made by a runtime without the controller", async () => {
  const storage = createMemoryStorage();
  const c = recorder("late");
  {
    await using rt = await runtime(storage);
    rt.controllers.add(c);
    await rt.controllers.drain();
  }
  {
    await using plain = await runtime(storage);
    await plain.client.create(configMap("x"));
    await plain.client.create(configMap("y"));
    await plain.client.delete(CM, { namespace: "default", name: "y" });
    await plain.controllers.drain();
  }
  {
    await using rt = await runtime(storage);
    rt.controllers.add(c);
    await rt.controllers.drain();
  }
  assertEquals(c.seen.sort(), ["default/x", "default/y"]);
  await storage.close();
});

Deno.test("a controller new to a store reconciles every existing object", async () => {
  const storage = createMemoryStorage();
  {
    await using rt = await runtime(storage);
    await rt.client.create(configMap("old"));
    await rt.controllers.drain();
  }
  await using rt = await runtime(storage);
  const c = recorder("newcomer");
  rt.controllers.add(c);
  await rt.controllers.drain();
  assertEquals(c.seen, ["default/old"]);
});

Deno.test("a watermark older than the change log falls back to a relist", async () => {
  const storage = createMemoryStorage();
  const c = recorder("behind");
  {
    await using rt = await runtime(storage);
    rt.controllers.add(c);
    await rt.client.create(configMap("a"));
    await rt.controllers.drain();
  }
  c.seen.length = 0;
  {
    await using plain = await runtime(storage);
    await plain.client.create(configMap("b"));
    await storage.compact(await storage.revision());
  }
  await using rt = await runtime(storage);
  rt.controllers.add(c);
  await rt.controllers.drain();
  assertEquals(c.seen.sort(), ["default/a", "default/b"]);
});

Deno.test("a drain out of passes persists what is left as due now", async () => {
  const storage = createMemoryStorage();
  // Each reconcile creates the next ConfigMap: a chain of passes.
  const chain = (): Controller & { seen: string[] } =>
    recorder("chain", async (req) => {
      const n = Number(req.name.slice(1));
      if (n >= 5) return;
      try {
        await rtRef.current!.client.create(configMap(`c${n + 1}`));
      } catch {
        // Exists.
      }
    });
  const rtRef: { current?: Runtime } = {};
  const c = chain();
  {
    await using rt = await runtime(storage);
    rtRef.current = rt;
    rt.controllers.add(c);
    await rt.controllers.drain();
    await rt.client.create(configMap("c0"));
    const r = await rt.controllers.drain({ maxPasses: 2 });
    assertEquals(c.seen, ["default/c0", "default/c1"]);
    assertEquals(r.remaining.map((x) => x.request.name), ["c2"]);
  }
  {
    await using rt = await runtime(storage);
    rtRef.current = rt;
    rt.controllers.add(c);
    const r = await rt.controllers.drain();
    assertEquals(c.seen, [
      "default/c0",
      "default/c1",
      "default/c2",
      "default/c3",
      "default/c4",
      "default/c5",
    ]);
    assertEquals(r.remaining, []);
  }
  await storage.close();
});

Deno.test("a drain with nothing to do writes nothing until the watermarks lag far behind", async () => {
  const storage = createMemoryStorage();
  await using rt = await runtime(storage);
  rt.controllers.add(recorder("cm"));
  await rt.controllers.drain();
  const writes = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await rt.client.create({ ...SECRET, metadata: { generateName: "s-", namespace: "default" } });
    }
  };
  // A store's first write also creates its default objects, which the RBAC aggregation
  // controller reconciles once: drain that before measuring.
  await writes(1);
  await rt.controllers.drain();
  await writes(5);
  const before = await storage.revision();
  await rt.controllers.drain();
  assertEquals(await storage.revision(), before);
  // Another runtime: it must read the change log, and still writes nothing.
  {
    await using other = await runtime(storage);
    other.controllers.add(recorder("cm"));
    await other.controllers.drain();
    assertEquals(await storage.revision(), before);
  }
  await writes(LAG_WRITE_THRESHOLD);
  const lagging = await storage.revision();
  await rt.controllers.drain();
  // One transaction writes every watermark.
  assert(await storage.revision() > lagging);
});

/** The storage with a count of the watches started on it (a drain reading the change log). */
function countingWatches(storage: Storage): { storage: Storage; watches: () => number } {
  let watches = 0;
  const wrapped = new Proxy(storage, {
    get(target, p) {
      const v = (target as unknown as Record<string | symbol, unknown>)[p];
      if (p === "watch") {
        return (...args: Parameters<Storage["watch"]>) => {
          watches++;
          return target.watch(...args);
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { storage: wrapped, watches: () => watches };
}

Deno.test("writes that concern no controller move the watermarks, so the next runtime reads no change log", async () => {
  const memory = createMemoryStorage();
  const { storage, watches } = countingWatches(memory);
  const secret = () => ({ ...SECRET, metadata: { generateName: "s-", namespace: "default" } });
  const watermark = async () => (await storage.get("/k1s/controllers/cm"))?.revision;
  {
    await using rt = await runtime(storage);
    rt.controllers.add(recorder("cm"));
    await rt.client.create(secret());
    await rt.controllers.drain();
  }
  for (let i = 0; i < 3; i++) {
    await using rt = await runtime(storage);
    rt.controllers.add(recorder("cm"));
    await rt.client.create(secret());
    const written = await storage.revision();
    const before = watches();
    // The first drain of a runtime moves the watermarks at once, over this write.
    await rt.controllers.drain();
    assertEquals(watches(), before, "nothing read from the change log");
    assertEquals(await watermark(), written);
    // A write after the drain: closing moves the watermarks over it (the checkpoint).
    await rt.client.create(secret());
    const later = await storage.revision();
    await rt.recorder(CHECKPOINT_COMPONENT).flush();
    assertEquals(await watermark(), later);
    const checkpointed = await storage.revision();
    // Run again, it has nothing new to cover.
    await rt.recorder(CHECKPOINT_COMPONENT).flush();
    await rt.close();
    assertEquals(await storage.revision(), checkpointed);
  }
  await memory.close();
});

Deno.test("the close-time checkpoint keeps a due item stored by another runtime after the drain", async () => {
  const storage = createMemoryStorage();
  const clock = { t: Date.UTC(2026, 0, 1) };
  const poll = () => recorder("poll", () => ({ requeueAfter: 60_000 }));
  {
    // The store's first write also creates its default objects: drain those first.
    await using rt = await runtime(storage, clock);
    rt.controllers.add(poll());
    await rt.client.create({ ...SECRET, metadata: { name: "first", namespace: "default" } });
    await rt.controllers.drain();
  }
  const quiet = await runtime(storage, clock);
  quiet.controllers.add(poll());
  await quiet.client.create({ ...SECRET, metadata: { name: "s", namespace: "default" } });
  await quiet.controllers.drain();
  // A later drain of the same runtime leaves the watermarks to the checkpoint.
  await quiet.client.create({ ...SECRET, metadata: { name: "t", namespace: "default" } });
  const written = await storage.revision();
  await quiet.controllers.drain();
  // Meanwhile another process reconciles a ConfigMap and schedules it.
  {
    await using other = await runtime(storage, clock);
    other.controllers.add(poll());
    await other.client.create(configMap("x"));
    await other.controllers.drain();
  }
  await quiet.close();
  const state = await storage.get("/k1s/controllers/poll");
  assertEquals((state!.pending as { key: string }[]).map((p) => p.key), ["default/x"]);
  assert((state!.revision as number) >= written);
  await storage.close();
});

Deno.test("writes of this process that complete out of revision order need no change-log read", async () => {
  const memory = createMemoryStorage();
  const { storage, watches } = countingWatches(memory);
  // The first create's answer arrives after the second's, as concurrent writes on etcd may.
  let calls = 0;
  const slowFirst = new Proxy(storage, {
    get(target, p) {
      if (p === "create") {
        return async (...args: Parameters<Storage["create"]>) => {
          const n = calls++;
          const r = await target.create(...args);
          if (n === 0) await new Promise((res) => setTimeout(res, 20));
          return r;
        };
      }
      const v = Reflect.get(target, p);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  const c = recorder("cm");
  await using rt = await runtime(slowFirst);
  rt.controllers.add(c);
  await rt.client.create(configMap("boot"));
  await rt.controllers.drain();
  c.seen.length = 0;
  calls = 0;
  const before = watches();
  await Promise.all([rt.client.create(configMap("first")), rt.client.create(configMap("second"))]);
  await rt.controllers.drain();
  assertEquals(c.seen.sort(), ["default/first", "default/second"]);
  assertEquals(watches(), before);
  await memory.close();
});

Deno.test("concurrent drains of two runtimes keep both due items", async () => {
  const storage = createMemoryStorage();
  const clock = { t: Date.UTC(2026, 0, 1) };
  const a = await runtime(storage, clock);
  const b = await runtime(storage, clock);
  a.controllers.add(recorder("poll", () => ({ requeueAfter: 1000 })));
  b.controllers.add(recorder("poll", () => ({ requeueAfter: 2000 })));
  await a.controllers.drain();
  await a.client.create(configMap("from-a"));
  await b.client.create(configMap("from-b"));
  await Promise.all([a.controllers.drain(), b.controllers.drain()]);
  const state = await storage.get("/k1s/controllers/poll");
  const pending = (state!.pending as { key: string }[]).map((p) => p.key).sort();
  assertEquals(pending, ["default/from-a", "default/from-b"]);
  await a.close();
  await b.close();
  await storage.close();
});

Deno.test("an aborted drain finishes the reconcile in flight and persists the rest", async () => {
  const storage = createMemoryStorage();
  const stop = new AbortController();
  const c = recorder("slow", async (_req, n) => {
    if (n === 1) stop.abort();
    await new Promise((r) => setTimeout(r, 5));
  });
  {
    await using rt = await runtime(storage);
    for (const n of ["a", "b", "c"]) await rt.client.create(configMap(n));
    rt.controllers.add(c);
    const r = await rt.controllers.drain({ signal: stop.signal });
    assertEquals(c.seen.length, 1);
    assertEquals(r.remaining.length, 2);
  }
  {
    await using rt = await runtime(storage);
    rt.controllers.add(c);
    await rt.controllers.drain();
    assertEquals(c.seen.length, 3);
  }
  await storage.close();
});

Deno.test("run reconciles changes of this and other runtimes until aborted", async () => {
  const storage = createMemoryStorage();
  const operator = await runtime(storage);
  const seen: string[] = [];
  let wakeup: () => void = () => {};
  operator.controllers.add({
    name: "live",
    for: CM,
    reconcile(_ctx, req) {
      seen.push(req.name);
      wakeup();
      return Promise.resolve(req.name === "tick" && seen.length < 3 ? { requeueAfter: 20 } : {});
    },
  });
  const stop = new AbortController();
  const running = operator.controllers.run({ signal: stop.signal });
  const until = (n: number) =>
    new Promise<void>((resolve) => {
      if (seen.length >= n) return resolve();
      wakeup = () => {
        if (seen.length >= n) resolve();
      };
    });
  const cli = await runtime(storage);
  await cli.client.create(configMap("tick"));
  // The operator sees the other runtime's write, then requeues itself twice.
  await until(3);
  assertEquals(seen, ["tick", "tick", "tick"]);
  await operator.client.create(configMap("own"));
  await until(4);
  stop.abort();
  await running;
  assertEquals(seen.at(-1), "own");
  const state = await storage.get("/k1s/controllers/live");
  assert(
    (state!.revision as number) >=
      Number(
        (await cli.client.get(CM, { namespace: "default", name: "tick" })).metadata.resourceVersion,
      ),
  );
  await cli.close();
  await operator.close();
  await storage.close();
});

Deno.test("add rejects duplicate and invalid controller names", async () => {
  await using rt = await runtime(createMemoryStorage());
  rt.controllers.add(recorder("one"));
  assertThrows(() => rt.controllers.add(recorder("one")), TypeError, "already registered");
  assertThrows(() => rt.controllers.add(recorder("a/b")), TypeError, "letters, digits");
  assertThrows(() => rt.controllers.add(recorder("garbage-collector")), TypeError, "already");
  assertEquals(rt.controllers.list().filter((c) => c.name === "one").length, 1);
});
