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
