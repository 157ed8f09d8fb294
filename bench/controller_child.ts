// Copyright 2026 the k1s authors. Apache-2.0 license.
// Child process of the controller benchmarks, standing for one CLI invocation: opens the
// store, makes one write, drains the controllers, closes. Prints the timings as JSON.
//
//   deno run -A bench/controller_child.ts noop <store>       create a ConfigMap no controller is concerned with
//   deno run -A bench/controller_child.ts cascade <store>    delete ConfigMap default/owner (Background)
//   deno run -A bench/controller_child.ts write <store>      create a ConfigMap and exit without draining
import { createRuntime } from "../core/runtime/create_runtime.ts";

const [mode, store] = Deno.args;
const t0 = performance.now();
const rt = await createRuntime({ store });
const opened = performance.now();
if (mode === "cascade") {
  await rt.client.delete({ apiVersion: "v1", kind: "ConfigMap" }, {
    namespace: "default",
    name: "owner",
  });
} else {
  await rt.client.create({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { generateName: "bench-", namespace: "default" },
    data: { k: "v" },
  });
}
const written = performance.now();
const r = mode === "write" ? undefined : await rt.controllers.drain();
const drained = performance.now();
// Closing the runtime flushes its recorders (the controllers' watermark checkpoint, when a
// drain left one to do) and closes the store: time the store's part apart.
let storeCloseMs = 0;
const closeStore = rt.storage.close.bind(rt.storage);
rt.storage.close = async () => {
  const t = performance.now();
  await closeStore();
  storeCloseMs = performance.now() - t;
};
await rt.close();
const closed = performance.now();
console.log(JSON.stringify({
  openMs: opened - t0,
  writeMs: written - opened,
  drainMs: drained - written,
  closeRuntimeMs: closed - drained - storeCloseMs,
  closeStoreMs: storeCloseMs,
  reconciled: r?.reconciled ?? 0,
  remaining: r?.remaining.length ?? 0,
}));
