// Copyright 2026 the k1s authors. Apache-2.0 license.
// A separate process for the read-modify-write test: increments a counter object `count` times
// with get + compare-and-swap update, retrying on Conflict, then prints its conflict count.
//
//   deno run -A increment.ts <endpoints,comma-separated> <prefix> <key> <count>
import { createEtcdStorage } from "../mod.ts";
import { isStorageError } from "../../../core/storage/storage_error.ts";

const [endpoints, prefix, key, count] = Deno.args;
const s = await createEtcdStorage({ endpoints: endpoints.split(","), prefix });
let conflicts = 0;
for (let i = 0; i < Number(count); i++) {
  for (;;) {
    const cur = await s.get(key);
    if (!cur) throw new Error(`counter ${key} is missing`);
    const data = cur.data as Record<string, string>;
    const next = { ...cur, data: { count: String(Number(data.count) + 1) } };
    try {
      await s.update(key, next, { expectedRevision: Number(cur.metadata.resourceVersion) });
      break;
    } catch (e) {
      if (!isStorageError(e, "Conflict")) throw e;
      conflicts++;
    }
  }
}
await s.close();
console.log(JSON.stringify({ conflicts }));
