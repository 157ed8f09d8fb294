// Copyright 2026 the k1s authors. Apache-2.0 license.
// Child process of the cold-open benchmarks: opens a sqlite store, gets one key, prints the
// milliseconds spent from loading the storage module to the answer, as JSON.
//
//   deno run -A bench/sqlite_cold_child.ts <store path> <key>     store work
//   deno run -A bench/sqlite_cold_child.ts --baseline              Deno alone
if (Deno.args[0] === "--baseline") {
  console.log(JSON.stringify({ ms: 0, found: false }));
} else {
  const [path, key] = Deno.args;
  const t0 = performance.now();
  const { createSqliteStorage } = await import("../storage/sqlite/mod.ts");
  const s = await createSqliteStorage({ path });
  const obj = await s.get(key);
  await s.close();
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, found: obj !== undefined }));
}
