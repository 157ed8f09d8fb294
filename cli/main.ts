// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The `k1s` command: kubectl's verbs, flags, output and messages over the embedded store.
 *
 * ```sh
 * deno run --allow-read=$HOME/.k1s --allow-write=$HOME/.k1s \
 *   --allow-env=K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,K1S_AUDIT_LOG,HOME,LOG_TOKENS,LOG_STREAM \
 *   jsr:@k1s/cli/main get configmaps
 * ```
 *
 * @module
 */
import { createCli } from "./create_cli.ts";
import { version } from "./version.ts";

/**
 * Runs the `k1s` command on `Deno.args` and exits with its code.
 *
 * @returns Never: the process exits.
 *
 * @example Run k1s from your own entry point
 * ```ts ignore
 * import { main } from "@k1s/cli/main";
 * await main();
 * ```
 */
export async function main(): Promise<never> {
  // Bundled (`deno task bundle`), sql.js, which only store creation and compaction load, takes
  // its Node code path and reads its WASM file from `__dirname`: the bundle's directory, where
  // cli/bundle.ts puts it.
  if (import.meta.url.endsWith(".js") && !("__dirname" in globalThis)) {
    const dir = decodeURIComponent(new URL(".", import.meta.url).pathname).replace(/\/$/, "");
    Object.defineProperty(globalThis, "__dirname", { value: dir, configurable: true });
  }
  return await createCli({ name: "k1s", version }).main();
}

if (import.meta.main) await main();
