// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `deno task compile [--output dist/k1s] [deno permission flags...]`: builds a single-file
 * `k1s` executable with `deno compile`. The executable's runtime (`denort`) is downloaded by
 * `deno compile` from Deno's servers, which the build machines cannot reach, so this task uses
 * the runtime named by `DENORT_BIN` and fails with that explanation when it is not set.
 *
 * A compiled program keeps the permissions it was built with. By default they are the
 * builder's store directory (`$K1S_HOME`, else `~/.k1s`) for read and write, and the
 * environment variables k1s reads; pass other `--allow-*` flags to change them (for example
 * `--allow-read=$HOME/.k1s,$HOME/manifests` to let `-f` read a manifests directory).
 *
 * A tool built with `createCli` compiles its own entry module: `--entry=main.ts --name=mytool`
 * (`--config=deno.json` for an import map other than k1s's), with the `--allow-*` flags its
 * store needs.
 *
 * @module
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CLI_ENV_VARS } from "./_cli/permissions.ts";
import { CLI_V8_FLAGS } from "./_cli/v8_flags.ts";

/** Why the task cannot run without `DENORT_BIN`. */
export const NO_DENORT_MESSAGE: string =
  "Cannot compile the CLI: `deno compile` needs a Deno runtime (denort) for this platform, which it downloads from dl.deno.land; that host cannot be reached from here. Set DENORT_BIN to the path of a denort binary for deno 2.9.6 and run `deno task compile` again.";

/**
 * The `deno compile` arguments for the k1s executable.
 *
 * @param options Output path, the permission flags to bake in (defaults: the store directory
 *   and the environment variables), and the environment.
 * @returns The arguments after `deno`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compileArgs } from "./compile.ts";
 * const args = compileArgs({ output: "dist/k1s", env: (k) => (k === "HOME" ? "/home/u" : undefined) });
 * assertEquals(args.slice(0, 4), ["compile", "--output", "dist/k1s", "--no-prompt"]);
 * assertEquals(args.includes("--allow-write=/home/u/.k1s"), true);
 * assertEquals(args.includes("--v8-flags=--no-lazy"), true);
 * ```
 */
export function compileArgs(options: {
  output: string;
  /** The CLI's entry module; k1s's own `main.ts` when absent. */
  entry?: string;
  /** The `deno.json` the entry needs, when not the working directory's. */
  config?: string;
  permissions?: string[];
  env: (name: string) => string | undefined;
  wasm?: string;
}): string[] {
  const home = options.env("K1S_HOME") ?? `${options.env("HOME") ?? "."}/.k1s`;
  const permissions = options.permissions?.length ? options.permissions : [
    `--allow-read=${home}`,
    `--allow-write=${home}`,
    `--allow-env=${CLI_ENV_VARS.join(",")}`,
  ];
  const main = options.entry ?? new URL("./main.ts", import.meta.url).pathname;
  return [
    "compile",
    "--output",
    options.output,
    "--no-prompt",
    ...(options.config ? ["--config", options.config] : []),
    ...permissions,
    ...CLI_V8_FLAGS,
    ...(options.wasm ? ["--include", options.wasm] : []),
    main,
  ];
}

if (import.meta.main) {
  const denort = Deno.env.get("DENORT_BIN");
  if (!denort) {
    console.error(`error: ${NO_DENORT_MESSAGE}`);
    Deno.exit(1);
  }
  try {
    await Deno.stat(denort);
  } catch {
    console.error(
      `error: Cannot compile the CLI: DENORT_BIN is ${
        JSON.stringify(denort)
      }, which does not exist.`,
    );
    Deno.exit(1);
  }
  const value = (name: string) =>
    Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  // The compiler runs in k1s's directory: paths given here are the caller's.
  const absolute = (p: string | undefined) =>
    p === undefined ? p : resolve(p.startsWith("file:") ? fileURLToPath(p) : p);
  const outIndex = Deno.args.indexOf("--output");
  const output = absolute(
    outIndex >= 0 ? Deno.args[outIndex + 1] : `dist/${value("name") ?? "k1s"}`,
  )!;
  const entry = absolute(value("entry"));
  const config = absolute(value("config"));
  const permissions = Deno.args.filter((a) => a.startsWith("--allow-") || a.startsWith("--deny-"));
  // k1s's defaults (its store directory, its K1S_* variables) would leave a tool's binary unable
  // to reach its own store: a tool names what it needs.
  if (entry && permissions.length === 0) {
    console.error(
      "error: Cannot compile the CLI: with --entry, pass the --allow-read, --allow-write and --allow-env flags the tool needs (its store directory, its environment variables)",
    );
    Deno.exit(1);
  }
  const wasm = new URL(import.meta.resolve("sql.js/dist/sql-wasm.wasm"));
  const args = compileArgs({
    output,
    ...(entry ? { entry } : {}),
    ...(config ? { config } : {}),
    permissions,
    env: (k) => Deno.env.get(k),
    ...(wasm.protocol === "file:" ? { wasm: wasm.pathname } : {}),
  });
  const root = new URL("..", import.meta.url).pathname;
  const status = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  })
    .spawn().status;
  Deno.exit(status.code);
}
