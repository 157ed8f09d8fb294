// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Parsing a whole command line against a command tree: find the command, parse its flags
 * (its own and inherited), check positional arguments, and word every mistake as kubectl does.
 *
 * @module
 */
import { findCommand, flagsInScope } from "./find_command.ts";
import { FlagError, parseFlags } from "./flag_set.ts";
import type { CommandSpec, ParsedCommandLine } from "./types.ts";
import { UsageError } from "./usage_error.ts";

/**
 * Parses a command line.
 *
 * A command with subcommands that does nothing itself (`runnable: false`) behaves like
 * kubectl's `DefaultSubCommandRun`: extra words are `unknown command "x"` usage errors, and
 * without words `help` is set with `helpIsError` (help goes to stderr, exit 1).
 *
 * @param root The root command; its name is the tool's name.
 * @param argv The arguments after the tool name.
 * @returns The command, flag values and positional arguments.
 * @throws {UsageError} On an unknown command, a flag error or wrong positional arguments.
 *
 * @example Flags before and after positionals
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCommandLine } from "./parse_command_line.ts";
 * const root = {
 *   name: "k1s", summary: "",
 *   persistentFlags: [{ name: "namespace", shorthand: "n", type: "string" as const, usage: "" }],
 *   commands: [{
 *     name: "get", summary: "",
 *     flags: [{ name: "output", shorthand: "o", type: "string" as const, usage: "" }],
 *   }],
 * };
 * const p = parseCommandLine(root, ["-n", "dev", "get", "cm", "-oyaml", "foo"]);
 * assertEquals([p.command.name, p.args, p.flags.namespace, p.flags.output], ["get", ["cm", "foo"], "dev", "yaml"]);
 * ```
 */
export function parseCommandLine(
  root: CommandSpec,
  argv: readonly string[],
): ParsedCommandLine {
  const { path, args } = findCommand(root, argv);
  const cmd = path[path.length - 1];
  const commandPath = path.map((c) => c.name).join(" ");
  let parsed;
  try {
    parsed = parseFlags(args, flagsInScope(path));
  } catch (e) {
    if (e instanceof FlagError) {
      const exitCode = cmd.flagErrorExitCode;
      throw exitCode === undefined
        ? new UsageError(e.message, { kind: "flag", commandPath, cause: e })
        : new UsageError(e.message, { kind: "usage", commandPath, exitCode, cause: e });
    }
    throw e;
  }
  const result: ParsedCommandLine = {
    path,
    command: cmd,
    flags: parsed.values,
    changed: parsed.changed,
    args: parsed.args,
    argsLenAtDash: parsed.argsLenAtDash,
    help: parsed.help,
    warnings: parsed.warnings,
    helpIsError: false,
  };
  if (result.help) return result;
  if (cmd.runnable === false && (cmd.commands?.length ?? 0) > 0 && path.length > 1) {
    if (result.args.length > 0) {
      throw new UsageError(`unknown command ${JSON.stringify(result.args.join(" "))}`, {
        kind: "usage",
        commandPath,
      });
    }
    return { ...result, help: true, helpIsError: true };
  }
  checkArgs(cmd, result.args, commandPath);
  return result;
}

function checkArgs(cmd: CommandSpec, args: readonly string[], commandPath: string): void {
  const spec = cmd.args;
  if (!spec) return;
  const n = args.length;
  const { min, max } = spec;
  let msg = "";
  if (max === 0 && n > 0) msg = `unexpected arguments: [${args.join(" ")}]`;
  else if (min !== undefined && max !== undefined && min === max && n !== min) {
    msg = `accepts ${min} arg(s), received ${n}`;
  } else if (min !== undefined && max !== undefined && (n < min || n > max)) {
    msg = `accepts between ${min} and ${max} arg(s), received ${n}`;
  } else if (min !== undefined && max === undefined && n < min) {
    msg = `requires at least ${min} arg(s), only received ${n}`;
  } else if (max !== undefined && min === undefined && n > max) {
    msg = `accepts at most ${max} arg(s), received ${n}`;
  }
  if (msg) throw new UsageError(msg, { kind: "usage", commandPath });
}
