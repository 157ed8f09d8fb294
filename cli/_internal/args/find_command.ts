// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Finding the command an argument list names, as cobra's `Command.Find` does: subcommand
 * names are the first non-flag arguments (values of flags that take one are skipped), flags
 * may come before the subcommand, and a root with subcommands rejects unknown names with
 * did-you-mean suggestions (Levenshtein distance ≤ 2 or a prefix, in declaration order).
 *
 * @module
 */
import { takesSeparateValue } from "./flag_set.ts";
import type { CommandSpec, FlagSpec } from "./types.ts";
import { UsageError } from "./usage_error.ts";

/**
 * Finds the command for an argument list.
 *
 * @param root The root command (its name is the tool's name).
 * @param argv The arguments after the tool name.
 * @returns The path from the root to the command and the arguments left for it (flags
 *   included, subcommand names removed).
 * @throws {UsageError} `unknown command "x" for "<tool>"` when the root has no such command.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { findCommand } from "./find_command.ts";
 * const root = {
 *   name: "k1s", summary: "",
 *   persistentFlags: [{ name: "namespace", shorthand: "n", type: "string" as const, usage: "" }],
 *   commands: [{ name: "get", summary: "Display one or many resources", runnable: true }],
 * };
 * const found = findCommand(root, ["-n", "x", "get", "pods"]);
 * assertEquals([found.path.map((c) => c.name), found.args], [["k1s", "get"], ["-n", "x", "pods"]]);
 * ```
 */
export function findCommand(
  root: CommandSpec,
  argv: readonly string[],
): { path: CommandSpec[]; args: string[] } {
  const path: CommandSpec[] = [root];
  let args = [...argv];
  for (;;) {
    const cmd = path[path.length - 1];
    const words = stripFlags(args, flagsInScope(path));
    if (words.length === 0) break;
    const next = (cmd.commands ?? []).find((c) =>
      c.name === words[0] || c.aliases?.includes(words[0])
    );
    if (!next) break;
    args = argsMinusFirst(args, words[0], flagsInScope(path));
    path.push(next);
  }
  const cmd = path[path.length - 1];
  if (path.length === 1 && (cmd.commands?.length ?? 0) > 0) {
    const words = stripFlags(args, flagsInScope(path));
    if (words.length > 0) {
      throw new UsageError(
        `unknown command ${JSON.stringify(words[0])} for ${JSON.stringify(root.name)}`,
        {
          kind: "unknown-command",
          commandPath: root.name,
          suggestions: suggestionsFor(cmd, words[0]),
        },
      );
    }
  }
  return { path, args };
}

/**
 * Every flag a command at the end of `path` accepts: its own and its ancestors' persistent
 * flags.
 *
 * @param path The command path from the root.
 * @returns The flags.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { flagsInScope } from "./find_command.ts";
 * const f = { name: "v", type: "int" as const, usage: "" };
 * assertEquals(flagsInScope([{ name: "k1s", summary: "", persistentFlags: [f] }]).length, 1);
 * ```
 */
export function flagsInScope(path: readonly CommandSpec[]): FlagSpec[] {
  const cmd = path[path.length - 1];
  const out = [...(cmd.flags ?? []), ...(cmd.persistentFlags ?? [])];
  for (let i = path.length - 2; i >= 0; i--) out.push(...(path[i].persistentFlags ?? []));
  return out;
}

function stripFlags(args: readonly string[], flags: readonly FlagSpec[]): string[] {
  const takes = takesSeparateValue(flags);
  const words: string[] = [];
  const rest = [...args];
  while (rest.length > 0) {
    const s = rest.shift()!;
    if (s === "--") break;
    if ((s.startsWith("--") || (s.startsWith("-") && s.length === 2)) && takes(s)) {
      if (rest.length <= 1) break;
      rest.shift();
      continue;
    }
    if (s !== "" && !s.startsWith("-")) words.push(s);
  }
  return words;
}

// cobra's argsMinusFirstX: drop the first non-flag occurrence of the subcommand name.
function argsMinusFirst(
  args: readonly string[],
  name: string,
  flags: readonly FlagSpec[],
): string[] {
  const takes = takesSeparateValue(flags);
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === "--") break;
    if ((s.startsWith("--") || (s.startsWith("-") && s.length === 2)) && takes(s)) {
      i++;
      continue;
    }
    if (s === name) return [...args.slice(0, i), ...args.slice(i + 1)];
  }
  return [...args];
}

/**
 * cobra's suggestions for a mistyped subcommand: visible subcommands within Levenshtein
 * distance 2 (case-insensitive), with the typed text as a prefix, or listing it in
 * `suggestFor`, in declaration order.
 *
 * @param cmd The parent command.
 * @param typed What the user typed.
 * @returns Command names.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { suggestionsFor } from "./find_command.ts";
 * const root = { name: "k1s", summary: "", commands: [{ name: "set", summary: "" }, { name: "get", summary: "" }] };
 * assertEquals(suggestionsFor(root, "gett"), ["set", "get"]);
 * ```
 */
export function suggestionsFor(cmd: CommandSpec, typed: string): string[] {
  const out: string[] = [];
  for (const c of cmd.commands ?? []) {
    if (c.hidden) continue;
    const byDistance = levenshtein(typed.toLowerCase(), c.name.toLowerCase()) <= 2;
    const byPrefix = c.name.toLowerCase().startsWith(typed.toLowerCase());
    if (byDistance || byPrefix) out.push(c.name);
    for (const s of c.suggestFor ?? []) {
      if (s.toLowerCase() === typed.toLowerCase()) out.push(c.name);
    }
  }
  return out;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from(
    { length: a.length + 1 },
    (_, i) => [i, ...new Array<number>(b.length).fill(0)],
  );
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
    }
  }
  return d[a.length][b.length];
}
