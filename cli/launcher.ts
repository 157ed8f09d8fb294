// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `deno task k1s <args>`: runs the CLI of this checkout with exactly the Deno permissions the
 * invocation needs (see docs/cli.md, "Permissions"). It reads the store location
 * (`--store`, `K1S_STORE`, `K1S_HOME`, `HOME`) and the `-f` paths, then starts
 * `deno run --allow-read=<store dir>,<files> --allow-write=<store dir> --allow-env=<vars>
 * [--allow-run=<editor>] --v8-flags=--no-lazy cli/main.ts <args>` and exits with its code.
 * `K1S_LAUNCHER_DRY_RUN=1` prints the command instead of running it.
 *
 * `deno task` runs in the directory of `deno.json`, so relative paths (`-f x.yaml`, `--store
 * k.db`) are taken from `INIT_CWD`, the directory the user ran `deno task` in, when it is set.
 *
 * @module
 */
import { permissionFlags } from "./_cli/permissions.ts";
import { CLI_V8_FLAGS } from "./_cli/v8_flags.ts";

if (import.meta.main) {
  const env = (name: string) => Deno.env.get(name);
  const extraRead: string[] = [];
  // sql.js (store creation and compaction) reads its WASM file from the npm cache.
  try {
    const wasm = new URL(import.meta.resolve("sql.js/dist/sql-wasm.wasm"));
    if (wasm.protocol === "file:") extraRead.push(wasm.pathname.replace(/\/dist\/[^/]+$/, ""));
  } catch {
    // Not resolvable here: sql.js finds its binary itself.
  }
  // `deno task` sets INIT_CWD to the user's directory and runs the launcher in the checkout.
  const cwd = env("INIT_CWD") || Deno.cwd();
  const plan = permissionFlags({ args: Deno.args, env, cwd, extraRead });
  const main = new URL("./main.ts", import.meta.url).pathname;
  const args = [
    "run",
    "--no-prompt",
    "--quiet",
    ...plan.flags,
    ...CLI_V8_FLAGS,
    main,
    ...Deno.args,
  ];
  if (env("K1S_LAUNCHER_DRY_RUN") === "1") {
    console.log(["deno", ...args].join(" "));
    Deno.exit(0);
  }
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // A terminal's Ctrl-C reaches the whole process group, the child included: the launcher only
  // outlives it. A SIGTERM is sent to one process (a supervisor stopping `reconcile --watch`),
  // so the launcher passes it on.
  const handlers: [Deno.Signal, () => void][] = [
    ["SIGINT", () => {}],
    ["SIGTERM", () => {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
    }],
  ];
  for (const [sig, handler] of handlers) {
    try {
      Deno.addSignalListener(sig, handler);
    } catch {
      // Not supported on this platform.
    }
  }
  const status = await child.status;
  Deno.exit(status.signal ? 128 + (status.signal === "SIGINT" ? 2 : 15) : status.code);
}
