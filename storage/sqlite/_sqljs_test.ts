// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { sqlWasmFile } from "./_sqljs.ts";
import { SQL_WASM_SHA256 } from "./_sql_wasm.ts";

Deno.test("the embedded sql.js binary is the installed one", async () => {
  const bytes = await Deno.readFile(sqlWasmFile()!);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)).toHex();
  assertEquals(
    digest,
    SQL_WASM_SHA256,
    "sql.js changed: run `deno run -A storage/sqlite/testdata/embed_wasm.ts`",
  );
});

Deno.test("a process allowed to read and write only its store can create it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const script = new URL("./mod.ts", import.meta.url).href;
    const code = `
      const { createSqliteStorage } = await import(${JSON.stringify(script)});
      const s = await createSqliteStorage({ path: ${JSON.stringify(`${dir}/k1s.db`)} });
      await s.create("/registry/configmaps/default/a", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } });
      await s.close();
      console.log("ok");
    `;
    // `deno eval` would grant everything: run a script file.
    await Deno.writeTextFile(`${dir}/create.ts`, code);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--config",
        new URL("../../deno.json", import.meta.url).pathname,
        "--no-prompt",
        `--allow-read=${dir}`,
        `--allow-write=${dir}`,
        `${dir}/create.ts`,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const td = new TextDecoder();
    assertEquals(td.decode(out.stderr), "");
    assertEquals(td.decode(out.stdout), "ok\n");
    // A compaction writes the snapshot with sql.js: the store file is an SQLite database.
    const head = (await Deno.readFile(`${dir}/k1s.db`)).subarray(0, 15);
    assertEquals(td.decode(head), "SQLite format 3");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
