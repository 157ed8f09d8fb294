// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `@k1s/cli`: the `k1s` command and `createCli`, to ship your own kubectl-style CLI for your
 * own kinds, on the embedded store.
 *
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createCli } from "@k1s/cli";
 *
 * const cli = createCli({
 *   name: "inventory",
 *   version: "1.0.0",
 *   defaultStore: "memory:",
 *   extraCommands: [{
 *     spec: { name: "hello", summary: "Say hello", args: { max: 0 } },
 *     load: () => Promise.resolve({ run: (ctx) => Promise.resolve(void ctx.stdout.write("hello\n")) }),
 *   }],
 * });
 * const out: string[] = [];
 * const sink = { write: (t: string) => void out.push(t) };
 * assertEquals(await cli.run(["hello"], { stdout: sink, stderr: sink }), 0);
 * assertEquals(out.join(""), "hello\n");
 * ```
 *
 * @module
 */
export { type Cli, type CliIo, type CliOptions, createCli } from "./create_cli.ts";
export type {
  CommandContext,
  CommandDefinition,
  CommandModule,
  CommandSpec,
  DryRun,
  FlagSpec,
  FlagValue,
  ListTarget,
  NamedTarget,
  Output,
  ResourceArgs,
  ResourceArgsOptions,
  ResourceTarget,
  TextSink,
} from "./_cli/command.ts";
export { CliError } from "./_cli/errors.ts";
export { version } from "./version.ts";

// `deno run jsr:@k1s/cli <args>` runs the k1s command.
if (import.meta.main) {
  const { main } = await import("./main.ts");
  await main();
}
