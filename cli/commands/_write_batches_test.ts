// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { type Client, createRuntime, type KubeObject, type Runtime } from "@k1s/core";
import { WriteBatches } from "./_write_batches.ts";

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data,
});

/** A runtime whose transactions are counted (and the n-th one fails to commit). */
function counting(rt: Runtime, failAt = 0): Pick<Runtime, "client" | "transaction"> & {
  sizes: number[];
} {
  const sizes: number[] = [];
  return {
    client: rt.client,
    sizes,
    transaction: <T>(fn: (client: Client) => Promise<T>) => {
      const n = sizes.push(0);
      return rt.transaction(async (client) => {
        const counted = new Proxy(client, {
          get(target, prop, receiver) {
            const v = Reflect.get(target, prop, receiver);
            if (prop === "create") sizes[n - 1]++;
            return typeof v === "function" ? v.bind(target) : v;
          },
        });
        const result = await fn(counted);
        if (n === failAt) throw new Error("commit failed");
        return result;
      });
    },
  };
}

async function names(rt: Runtime): Promise<string[]> {
  const list = await rt.client.list({ apiVersion: "v1", kind: "ConfigMap" }, {
    namespace: "default",
  });
  return list.items.map((o) => o.metadata.name!);
}

Deno.test("WriteBatches commits every 64 objects", async () => {
  await using rt = await createRuntime({ store: "memory:" });
  const counted = counting(rt);
  let commits = 0;
  const batches = new WriteBatches(counted, { enabled: true, onCommit: () => commits++ });
  for (let i = 0; i < 130; i++) {
    await (await batches.client(100)).create(cm(`c${String(i).padStart(3, "0")}`));
  }
  await batches.commit();
  assertEquals(counted.sizes, [64, 64, 2]);
  assertEquals(commits, 3);
  assertEquals((await names(rt)).length, 130);
});

Deno.test("WriteBatches commits before a batch would pass its bytes; a large object goes alone", async () => {
  await using rt = await createRuntime({ store: "memory:" });
  const counted = counting(rt);
  const batches = new WriteBatches(counted, { enabled: true, maxBytes: 1000 });
  for (const [name, bytes] of [["a", 400], ["b", 400], ["c", 400], ["d", 5000], ["e", 1]]) {
    await (await batches.client(bytes as number)).create(cm(name as string));
  }
  await batches.commit();
  assertEquals(counted.sizes, [2, 1, 1, 1]);
});

Deno.test("WriteBatches without transactions hands out the runtime's client", async () => {
  await using rt = await createRuntime({ store: "memory:" });
  const counted = counting(rt);
  const batches = new WriteBatches(counted, { enabled: false });
  assertEquals(await batches.client(), rt.client);
  await batches.commit();
  assertEquals(counted.sizes, []);
});

Deno.test("WriteBatches: a failed commit keeps the earlier batches; abort rolls back the open one", async () => {
  await using rt = await createRuntime({ store: "memory:" });
  const counted = counting(rt, 2);
  let commits = 0;
  const batches = new WriteBatches(counted, {
    enabled: true,
    maxObjects: 2,
    onCommit: () => commits++,
  });
  for (const name of ["a", "b", "c", "d"]) await (await batches.client()).create(cm(name));
  await assertRejects(() => batches.client(), Error, "commit failed");
  assertEquals([commits, await names(rt)], [1, ["a", "b"]]);

  const more = new WriteBatches(rt, { enabled: true });
  await (await more.client()).create(cm("x"));
  await more.abort(new Error("stop"));
  assertEquals(await names(rt), ["a", "b"]);
});
