// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { runStorageConformance } from "../testing/mod.ts";
import { createMemoryStorage } from "./mod.ts";
import { StorageError } from "../../core/storage/storage_error.ts";

Deno.test("memory storage passes the conformance suite", (t) =>
  runStorageConformance(t, { newStorage: () => Promise.resolve(createMemoryStorage()) }));

Deno.test("memory storage trims its change log to historySize", async () => {
  const s = createMemoryStorage({ historySize: 5 });
  const p = "/registry/x/";
  for (let i = 0; i < 20; i++) {
    await s.create(p + i, { apiVersion: "v1", kind: "X", metadata: { name: `${i}` } });
  }
  const compacted = await s.compactedRevision();
  assertEquals(compacted > 0, true);
  const w = s.watch({ prefix: p, fromRevision: 1 });
  await assertRejects(
    () => w[Symbol.asyncIterator]().next(),
    StorageError,
    "too old resource version: 1",
  );
  await s.close();
});

Deno.test("memory storage lists keys in order across bursts of creates and deletes", async (t) => {
  // Bursts below and above the size at which pending keys are merged rather than inserted one
  // by one, with keys deleted and created again in between lists.
  for (const burst of [1, 7, 64, 65, 500]) {
    await t.step(`bursts of ${burst}`, async () => {
      const s = createMemoryStorage();
      const p = "/registry/x/";
      const live = new Set<string>();
      let seed = burst;
      const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
      const obj = (name: string) => ({ apiVersion: "v1", kind: "X", metadata: { name } });
      for (let round = 0; round < 12; round++) {
        for (let i = 0; i < burst; i++) {
          const name = `k${rand(burst * 3)}`;
          if (live.has(name)) {
            await s.delete(p + name);
            live.delete(name);
          } else {
            await s.create(p + name, obj(name));
            live.add(name);
          }
        }
        const names = (await s.list({ prefix: p })).items.map((o) => o.metadata.name);
        assertEquals(names, [...live].sort(), `round ${round}`);
      }
      await s.close();
    });
  }
});
