// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { ObjectCache } from "./_object_cache.ts";

const json = (v: string) =>
  JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { v } });

Deno.test("ObjectCache", async (t) => {
  await t.step("hands out copies that callers may modify", () => {
    const c = new ObjectCache(1 << 20);
    const a = c.get("k", 5, json("1"));
    a.data = { v: "mutated" };
    (a.metadata as Record<string, unknown>).name = "b";
    const b = c.get("k", 5, json("1"));
    assert(a !== b);
    assertEquals(b, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "a", resourceVersion: "5" },
      data: { v: "1" },
    });
  });

  await t.step("decodes again when the key's revision changed", () => {
    const c = new ObjectCache(1 << 20);
    c.get("k", 5, json("1"));
    assertEquals(c.get("k", 6, json("2")).data, { v: "2" });
    assertEquals(c.get("k", 6, json("ignored: cached")).data, { v: "2" });
  });

  await t.step("clear forgets revisions that a replaced store may reuse", () => {
    const c = new ObjectCache(1 << 20);
    c.get("k", 5, json("old store"));
    c.clear();
    assertEquals(c.get("k", 5, json("new store")).data, { v: "new store" });
  });

  await t.step("stays within its budget, evicting the oldest entries", () => {
    const c = new ObjectCache(2_000);
    for (let i = 0; i < 100; i++) c.get(`k${i}`, i + 1, json(String(i)));
    // The newest is cached (a different JSON for the same revision is not decoded) ...
    assertEquals(c.get("k99", 100, json("other")).data, { v: "99" });
    // ... the oldest was evicted and is decoded from the JSON given.
    assertEquals(c.get("k0", 1, json("other")).data, { v: "other" });
  });
});
