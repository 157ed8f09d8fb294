// Copyright 2026 the k1s authors. Apache-2.0 license.
// The event recorder: client-go's naming and fields, buffering until flush, counting of
// identical events, aggregation of similar ones, the spam filter, and the correlation state
// carried across runtimes through the stored events.
import { assert, assertEquals, assertMatch } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import type { Storage } from "../storage/types.ts";
import { createRuntimeWith, type Runtime } from "../runtime/runtime.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { configMap, customType } from "./testdata/fixtures.ts";

const EVENT = { apiVersion: "v1", kind: "Event" };

function shared(storage: Storage): Storage {
  return new Proxy(storage, {
    get(target, p) {
      if (p === "close") return () => Promise.resolve();
      const v = (target as unknown as Record<string | symbol, unknown>)[p];
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

async function runtime(storage: Storage, clock: { t: number }): Promise<Runtime> {
  return await createRuntimeWith({
    store: shared(storage),
    now: () => new Date(clock.t),
    resources: [customType("Cluster", false)],
  });
}

async function events(rt: Runtime, namespace = "default"): Promise<KubeObject[]> {
  const l = await rt.client.list(EVENT, { namespace });
  return l.items.sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
}

Deno.test("recorder writes core/v1 Events named and filled as client-go does", async () => {
  const clock = { t: Date.UTC(2026, 2, 1, 12) };
  const storage = createMemoryStorage();
  await using rt = await runtime(storage, clock);
  const cm = await rt.client.create(configMap("app"));
  const rec = rt.recorder("widget-controller");
  rec.event(cm, "Normal", "Synced", "synced app");
  assertEquals(await events(rt), []);
  await rec.flush();
  const [ev] = await events(rt);
  assertMatch(ev.metadata.name!, /^app\.[0-9a-f]+$/);
  const nanos = BigInt("0x" + ev.metadata.name!.slice(4));
  assertEquals(nanos / 1_000_000n, BigInt(clock.t));
  // Under a fake clock the name is the clock's time exactly: runs repeat.
  assertEquals(nanos, BigInt(clock.t) * 1_000_000n);
  assertEquals(ev.metadata.namespace, "default");
  assertEquals(ev.involvedObject, {
    kind: "ConfigMap",
    namespace: "default",
    name: "app",
    uid: cm.metadata.uid,
    apiVersion: "v1",
    resourceVersion: cm.metadata.resourceVersion,
  });
  assertEquals(
    [ev.reason, ev.message, ev.type, ev.count, ev.firstTimestamp, ev.lastTimestamp],
    ["Synced", "synced app", "Normal", 1, "2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z"],
  );
  assertEquals(ev.source, { component: "widget-controller" });
  assertEquals(ev.reportingComponent, "widget-controller");
});

Deno.test("recorder puts events about cluster-scoped objects in the default namespace", async () => {
  const clock = { t: Date.UTC(2026, 2, 1) };
  await using rt = await runtime(createMemoryStorage(), clock);
  const c = await rt.client.create({
    apiVersion: "example.com/v1",
    kind: "Cluster",
    metadata: { name: "c1" },
  });
  rt.recorder("x").event(c, "Warning", "Broken", "it broke");
  await rt.recorder("x").flush();
  const [ev] = await events(rt);
  assertEquals(ev.involvedObject, {
    kind: "Cluster",
    name: "c1",
    uid: c.metadata.uid,
    apiVersion: "example.com/v1",
    resourceVersion: c.metadata.resourceVersion,
  });
  assertEquals(ev.type, "Warning");
});

Deno.test("recorder counts identical events, within and across runtimes", async () => {
  const clock = { t: Date.UTC(2026, 2, 1) };
  const storage = createMemoryStorage();
  let cm: KubeObject;
  {
    await using rt = await runtime(storage, clock);
    cm = await rt.client.create(configMap("app"));
    const rec = rt.recorder("c");
    rec.event(cm, "Normal", "Synced", "ok");
    clock.t += 1000;
    rec.event(cm, "Normal", "Synced", "ok");
    await rec.flush();
    clock.t += 1000;
    rec.event(cm, "Normal", "Synced", "ok");
    // close() flushes.
  }
  {
    await using rt = await runtime(storage, clock);
    clock.t += 1000;
    rt.recorder("c").event(cm, "Normal", "Synced", "ok");
    rt.recorder("c").event(cm, "Normal", "Other", "ok");
    await rt.controllers.drain();
    const evs = await events(rt);
    assertEquals(evs.map((e) => [e.reason, e.count]).sort(), [["Other", 1], ["Synced", 4]]);
    const synced = evs.find((e) => e.reason === "Synced")!;
    assertEquals([synced.firstTimestamp, synced.lastTimestamp], [
      "2026-03-01T00:00:00Z",
      "2026-03-01T00:00:03Z",
    ]);
  }
  await storage.close();
});

Deno.test("recorder aggregates more than ten similar events in ten minutes", async () => {
  const clock = { t: Date.UTC(2026, 2, 1) };
  const storage = createMemoryStorage();
  let cm: KubeObject;
  {
    await using rt = await runtime(storage, clock);
    cm = await rt.client.create(configMap("app"));
    for (let i = 1; i <= 9; i++) {
      clock.t += 1000;
      rt.recorder("c").event(cm, "Warning", "Failed", `attempt ${i} failed`);
    }
  }
  {
    // Another process: the stored events tell it where aggregation stands.
    await using rt = await runtime(storage, clock);
    clock.t += 1000;
    rt.recorder("c").event(cm, "Warning", "Failed", "attempt 10 failed");
    clock.t += 1000;
    rt.recorder("c").event(cm, "Warning", "Failed", "attempt 11 failed");
    await rt.recorder("c").flush();
    const evs = await events(rt);
    assertEquals(evs.length, 10);
    const combined = evs.filter((e) => String(e.message).startsWith("(combined"));
    assertEquals(combined.map((e) => [e.message, e.count]), [[
      "(combined from similar events): attempt 11 failed",
      2,
    ]]);
  }
  {
    // Ten minutes of quiet: the next similar event stands alone again.
    await using rt = await runtime(storage, clock);
    clock.t += 601_000;
    rt.recorder("c").event(cm, "Warning", "Failed", "attempt 12 failed");
    await rt.recorder("c").flush();
    const evs = await events(rt);
    assert(evs.some((e) => e.message === "attempt 12 failed" && e.count === 1));
  }
  await storage.close();
});

Deno.test("recorder drops events about an object beyond the spam burst", async () => {
  const clock = { t: Date.UTC(2026, 2, 1) };
  await using rt = await runtime(createMemoryStorage(), clock);
  const cm = await rt.client.create(configMap("app"));
  for (let i = 0; i < 30; i++) rt.recorder("c").event(cm, "Normal", `R${i}`, "same");
  await rt.recorder("c").flush();
  assertEquals((await events(rt)).length, 25);
  // The bucket refills at one event per five minutes.
  clock.t += 300_000;
  rt.recorder("c").event(cm, "Normal", "Late", "same");
  rt.recorder("c").event(cm, "Normal", "Later", "same");
  await rt.recorder("c").flush();
  assertEquals((await events(rt)).length, 26);
});

Deno.test("recorder ignores unknown event types", async () => {
  const clock = { t: Date.UTC(2026, 2, 1) };
  await using rt = await runtime(createMemoryStorage(), clock);
  const cm = await rt.client.create(configMap("app"));
  rt.recorder("c").event(cm, "Info" as "Normal", "R", "m");
  await rt.recorder("c").flush();
  assertEquals(await events(rt), []);
});
