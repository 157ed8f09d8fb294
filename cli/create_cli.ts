// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `createCli`: a kubectl-style CLI for a tool's own kinds, with every k1s command.
 *
 * @module
 */
import type { CommandSpec } from "./_internal/args/mod.ts";
import type { CommandDefinition } from "./_cli/command.ts";
import { builtinCommands } from "./_cli/command_table.ts";
import type { CliOptions } from "./_cli/options.ts";
import { rootSpec } from "./_cli/root_spec.ts";
import { type CliIo, runCli } from "./_cli/run_cli.ts";

export type { CliIo, CliOptions };

/** A CLI built by {@linkcode createCli}. */
export interface Cli {
  /**
   * Runs one command line and resolves to its exit code (never exits the process).
   *
   * @param args The arguments after the tool name.
   * @param io Streams, environment, clock and stop signal; defaults to the process's.
   * @returns The exit code.
   */
  run(args: readonly string[], io?: CliIo): Promise<number>;
  /** Runs `Deno.args` and exits the process with the exit code. */
  main(): Promise<never>;
  /** The root command spec (for completion scripts and docs). */
  readonly root: CommandSpec;
}

/**
 * Builds a kubectl-style CLI: `get`, `describe`, `create`, `apply`, `delete`, ... over the
 * embedded store, serving the built-in kinds plus the tool's own (CRDs or resource types),
 * with their columns, short names and `explain` docs, and help in one format. Each command's
 * code is loaded only when it runs.
 *
 * @param options Name, version, kinds, controllers, default store, extra commands.
 * @returns The CLI.
 *
 * @example A tool for its own kinds
 * ```ts
 * import { assertEquals, assertStringIncludes } from "@std/assert";
 * import { createCli } from "@k1s/cli";
 * const cli = createCli({ name: "inventory", version: "1.0.0", defaultStore: "memory:" });
 * const out: string[] = [];
 * const sink = { write: (t: string) => void out.push(t) };
 * const code = await cli.run(["get", "--help"], { stdout: sink, stderr: sink });
 * assertEquals(code, 0);
 * assertStringIncludes(out.join(""), "inventory get");
 * ```
 */
export function createCli(options: CliOptions): Cli {
  const defs = new Map<string, CommandDefinition>();
  for (const d of builtinCommands()) defs.set(d.spec.name, d);
  const extra = new Set(options.extraCommands ?? []);
  for (const d of extra) defs.set(d.spec.name, d);
  // Only k1s's own texts are renamed: a tool's commands say what their author wrote.
  const specs = [...defs.values()].map((d) =>
    options.name === "k1s" || extra.has(d) ? d.spec : renameTool(d.spec, options.name)
  );
  const root = rootSpec({
    name: options.name,
    description: options.description,
    commands: specs,
    defaultStore: options.defaultStore,
    envPrefix: options.envPrefix,
  });
  const setup = { options, definitions: defs, root };
  return {
    root,
    run: (args, io) => runCli(setup, args, io),
    async main(): Promise<never> {
      const code = await runCli(setup, Deno.args);
      Deno.exit(code);
    },
  };
}

// Built-in help texts name `k1s`; a tool shows its own name (its completion files, too), but
// not in package names (`jsr:@k1s/cli`) or k1s's own files.
function renameTool(spec: CommandSpec, name: string): CommandSpec {
  const sub = <T extends string | undefined>(s: T): T =>
    s?.replace(/\bk1s\b(?![./])/g, name).replace(/(^|[\s'"/])\.k1s\//g, `$1.${name}/`)
      .replace(/_k1s\b/g, `_${name}`).replace(/\bk1s\.fish\b/g, `${name}.fish`) as T;
  const out: CommandSpec = { ...spec };
  if (spec.description) out.description = sub(spec.description);
  if (spec.descriptionFooter) out.descriptionFooter = sub(spec.descriptionFooter);
  if (spec.examples) out.examples = sub(spec.examples);
  if (spec.flags) out.flags = spec.flags.map((f) => ({ ...f, usage: sub(f.usage) }));
  if (spec.commands) out.commands = spec.commands.map((c) => renameTool(c, name));
  return out;
}
