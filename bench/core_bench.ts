// Copyright 2026 the k1s authors. Apache-2.0 license.
// Client-path throughput on the memory backend: creates, gets, and list by label selector.
// Targets (issue #2): ≥100,000 creates/s and ≥500,000 gets/s on a 2-core machine.
import { createRuntime } from "../mod.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap" };
const rt = await createRuntime({ store: "memory:" });
const c = rt.client;
let n = 0;
function configMap(name: string, i: number) {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name,
      namespace: "default",
      labels: { app: i % 2 ? "web" : "db", tier: `t${i % 10}` },
    },
    data: { "config.yaml": "key: value\nother: thing\n", mode: "fast" },
  };
}

Deno.bench("client.create ConfigMap (memory)", { group: "create", baseline: true }, async () => {
  await c.create(configMap(`bench-${n++}`, n));
});

await c.create(configMap("target", 1));
const key = { namespace: "default", name: "target" };
Deno.bench("client.get ConfigMap (memory)", { group: "get" }, async () => {
  await c.get(CM, key);
});

const listRt = await createRuntime({ store: "memory:" });
for (let i = 0; i < 10_000; i++) await listRt.client.create(configMap(`item-${i}`, i));
Deno.bench(
  "client.list 10k ConfigMaps by label selector (5k match)",
  { group: "list" },
  async () => {
    await listRt.client.list(CM, { namespace: "default", labelSelector: "app=web" });
  },
);
Deno.bench("client.list 10k ConfigMaps by set selector (1k match)", { group: "list" }, async () => {
  await listRt.client.list(CM, { namespace: "default", labelSelector: "tier in (t3),app" });
});
