// Copyright 2026 the k1s authors. Apache-2.0 license.
// Child process of the cold CRD-loading benchmark: opens a store file holding CRDs, then times
// `loadCustomResources` (listing the CRDs and registering their kinds) and the first create of
// a custom object (schema compiled, CEL loaded), printing milliseconds as JSON.
//
//   deno run -A bench/crd_cold_child.ts <store path>
import { createRuntime } from "../mod.ts";
import { loadCustomResources } from "../core/crd/mod.ts";
import { benchObject } from "./crd_fixtures.ts";

const [path] = Deno.args;
const rt = await createRuntime({ store: path });
const t0 = performance.now();
await loadCustomResources(rt);
const load = performance.now() - t0;
const kinds = rt.registry.all().filter((t) => t.custom).length;
const first = rt.registry.all().find((t) => t.custom)!;
const t1 = performance.now();
await rt.client.create(
  benchObject("first", 0, first.kind, `${first.group}/${first.version}`),
  { dryRun: true },
);
const firstCreate = performance.now() - t1;
await rt.close();
console.log(JSON.stringify({ load, firstCreate, kinds }));
