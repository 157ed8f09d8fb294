// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The V8 flags the CLI runs with.
 *
 * @module
 */

/**
 * The V8 flags every documented way of running the CLI passes to `deno run` (and `deno
 * compile`): `--no-lazy` compiles each function of a module when the module is compiled.
 * Deno keeps a module's code cache from that compile, so with it the cache holds every
 * function, and a command no longer compiles the ~300 functions it runs again in each process
 * (`get configmaps` on 1,000 objects: 4.5-7 ms faster, about 5% of its time; write commands no
 * slower, measured in docs/cli.md, "Start-up"). V8 rejects a code cache made under other
 * flags, so runs with and without these flags recompile each other's modules.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { CLI_V8_FLAGS } from "./v8_flags.ts";
 *
 * assertEquals(CLI_V8_FLAGS, ["--v8-flags=--no-lazy"]);
 * ```
 */
export const CLI_V8_FLAGS: readonly string[] = ["--v8-flags=--no-lazy"];
