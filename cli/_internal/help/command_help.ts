// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The one help generator: kubectl's help layout (its `MainHelpTemplate`/`MainUsageTemplate`)
 * rendered from command data, parameterised by the tool name (the root command's name).
 *
 * Sections, in order: description; `Aliases:`; `Examples:`; command groups (the root's
 * declared groups and `Other Commands:`, or `Available Commands:`); `Options:` (the command's
 * own flags); `Usage:`; the `<command> --help` tip; the `options` tip.
 *
 * @module
 */
import type { CommandSpec, FlagSpec } from "../args/types.ts";
import { flagDefaultText } from "../args/flag_set.ts";
import { flagsInScope } from "../args/find_command.ts";
import { examples, longDesc } from "./normalize.ts";

/**
 * Renders flags in kubectl's two-line format, sorted by name:
 * `    -A, --all-namespaces=false:` then a tab and the usage, then a blank line.
 *
 * @param flags The flags (hidden and deprecated ones are skipped).
 * @returns The text; every flag block ends with a blank line.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderFlagUsages } from "./command_help.ts";
 * assertEquals(
 *   renderFlagUsages([{ name: "output", shorthand: "o", type: "string", usage: "Output format." }]),
 *   "    -o, --output='':\n\tOutput format.\n\n",
 * );
 * ```
 */
export function renderFlagUsages(flags: readonly FlagSpec[]): string {
  return [...flags]
    .filter((f) => !f.hidden && !f.deprecated)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => {
      const name = f.shorthand ? `-${f.shorthand}, --${f.name}` : `--${f.name}`;
      const def = f.type === "string" ? `'${flagDefaultText(f)}'` : flagDefaultText(f);
      const usage = f.usage.split("\n").join(" ");
      return `    ${name}=${def}:\n\t${usage}\n\n`;
    })
    .join("");
}

function visible(c: CommandSpec): boolean {
  return !c.hidden && c.name !== "help" && c.name !== "options";
}

function commandPath(path: readonly CommandSpec[]): string {
  return path.map((c) => c.name).join(" ");
}

function isRunnable(c: CommandSpec): boolean {
  return c.runnable !== false;
}

function commandGroups(path: readonly CommandSpec[]): { title: string; commands: CommandSpec[] }[] {
  const cmd = path[path.length - 1];
  const subs = (cmd.commands ?? []).filter(visible);
  if (path.length > 1 || !subs.some((c) => c.group)) {
    return subs.length === 0 ? [] : [{
      title: "Available Commands:",
      commands: [...subs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    }];
  }
  const groups: { title: string; commands: CommandSpec[] }[] = [];
  for (const c of subs) {
    if (!c.group) continue;
    let g = groups.find((x) => x.title === c.group);
    if (!g) groups.push(g = { title: c.group, commands: [] });
    g.commands.push(c);
  }
  const other = subs.filter((c) => !c.group).sort((
    a,
    b,
  ) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (other.length > 0) groups.push({ title: "Other Commands:", commands: other });
  return groups;
}

function groupsText(groups: { title: string; commands: CommandSpec[] }[]): string {
  const width = Math.max(0, ...groups.flatMap((g) => g.commands.map((c) => c.name.length)));
  return groups
    .map((g) =>
      [g.title, ...g.commands.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`)].join("\n")
    )
    .join("\n\n");
}

/**
 * The usage line of a command: its path, its usage text, and ` [options]` unless present.
 *
 * @param path The command path from the root.
 * @returns The line, e.g. `k1s create configmap NAME [--from-literal=key1=value1] [options]`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { usageLine } from "./command_help.ts";
 * const root = { name: "k1s", summary: "", persistentFlags: [{ name: "v", type: "int" as const, usage: "" }] };
 * assertEquals(usageLine([root, { name: "version", summary: "" }]), "k1s version [options]");
 * ```
 */
export function usageLine(path: readonly CommandSpec[]): string {
  const cmd = path[path.length - 1];
  let line = commandPath(path) + (cmd.usage ? ` ${cmd.usage}` : "");
  if (flagsInScope(path).length > 0 && !line.includes("[options]")) line += " [options]";
  return line;
}

/**
 * Renders the help of the command at the end of `path`, as `kubectl <cmd> --help` prints it.
 *
 * @param path The command path from the root (the root's name is the tool's name).
 * @returns The help text, ending with a newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderHelp } from "./command_help.ts";
 * const root = {
 *   name: "inventory", summary: "inventory manages items.", usage: "[flags]",
 *   persistentFlags: [{ name: "namespace", shorthand: "n", type: "string" as const, usage: "Namespace." }],
 *   commands: [{ name: "options", summary: "Print global options" }],
 * };
 * const get = { name: "get", summary: "Display one or many resources", usage: "TYPE [NAME]" };
 * assertEquals(
 *   renderHelp([root, get]),
 *   'Display one or many resources\n\nUsage:\n  inventory get TYPE [NAME] [options]\n\nUse "inventory options" for a list of global command-line options (applies to all commands).\n',
 * );
 * ```
 */
export function renderHelp(path: readonly CommandSpec[]): string {
  const cmd = path[path.length - 1];
  let out = (cmd.description ? longDesc(cmd.description) : cmd.summary).trim();
  if (cmd.descriptionFooter) out += `\n\n${cmd.descriptionFooter}`;
  const usage = renderUsage(path);
  return usage ? out + usage : out + "\n";
}

/**
 * Renders the usage part of the help (everything after the description, starting with the
 * blank lines that separate them), as cobra's `Usage()` prints it; empty for a command with
 * neither a run of its own nor subcommands.
 *
 * @param path The command path from the root (the root's name is the tool's name).
 * @returns The usage text, ending with a newline, or `""`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderUsage } from "./command_help.ts";
 * const root = { name: "inventory", summary: "", commands: [{ name: "get", summary: "Show items" }] };
 * assertEquals(
 *   renderUsage([root]),
 *   '\n\nAvailable Commands:\n  get   Show items\n\nUse "inventory <command> --help" for more information about a given command.\n',
 * );
 * ```
 */
export function renderUsage(path: readonly CommandSpec[]): string {
  const cmd = path[path.length - 1];
  const root = path[0];
  const subs = (cmd.commands ?? []).filter(visible);
  if (!isRunnable(cmd) && subs.length === 0) return "";
  let usage = "\n\n";
  if (cmd.aliases && cmd.aliases.length > 0) {
    usage += `Aliases:\n${[cmd.name, ...cmd.aliases].join(", ")}\n\n`;
  }
  if (cmd.examples) usage += `Examples:\n${examples(cmd.examples).trimEnd()}\n\n`;
  const groups = commandGroups(path);
  if (groups.length > 0) usage += groupsText(groups) + "\n\n";
  const own = (cmd.flags ?? []).filter((f) => !f.hidden && !f.deprecated);
  if (own.length > 0) usage += `Options:\n${renderFlagUsages(own).trimEnd()}\n\n`;
  const line = usageLine(path);
  if (isRunnable(cmd) && line !== root.name) usage += `Usage:\n  ${line}\n\n`;
  if (subs.length > 0) {
    usage += `Use "${
      commandPath(path)
    } <command> --help" for more information about a given command.\n`;
  }
  if (isRunnable(cmd) && (root.commands ?? []).some((c) => c.name === "options")) {
    usage +=
      `Use "${root.name} options" for a list of global command-line options (applies to all commands).\n`;
  }
  return usage.trimEnd() + "\n";
}

/**
 * Renders the `options` command's output: the global (root persistent) flags.
 *
 * @param root The root command.
 * @returns The text, as `kubectl options` prints it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderOptions } from "./command_help.ts";
 * const root = { name: "k1s", summary: "", persistentFlags: [{ name: "v", shorthand: "v", type: "int" as const, usage: "number for the log level verbosity" }] };
 * assertEquals(
 *   renderOptions(root),
 *   "The following options can be passed to any command:\n\n    -v, --v=0:\n\tnumber for the log level verbosity\n\n",
 * );
 * ```
 */
export function renderOptions(root: CommandSpec): string {
  return `The following options can be passed to any command:\n\n${
    renderFlagUsages(root.persistentFlags ?? [])
  }`;
}
