// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Help text for a command path, as kubectl prints it.
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import { renderHelp } from "../_internal/help/command_help.ts";

/**
 * Renders the help of the command at the end of `path`. A command group (`runnable: false`,
 * kubectl's `DefaultSubCommandRun`) is runnable in cobra's sense, so its help has a `Usage:`
 * section and the options tip like kubectl's.
 *
 * @param path Specs from the root to the command.
 * @returns The help text.
 */
export function helpText(path: readonly CommandSpec[]): string {
  const last = path[path.length - 1];
  if (last.runnable === false && (last.commands?.length ?? 0) > 0 && path.length > 1) {
    return padCommandNames(renderHelp([...path.slice(0, -1), { ...last, runnable: true }]));
  }
  return padCommandNames(renderHelp(path));
}

// cobra pads command names to at least 11 characters (`minNamePadding`) before the three
// spaces that separate them from the summary.
function padCommandNames(text: string): string {
  return text.replace(/\nAvailable Commands:\n((?: {2}\S+ +.*\n)+)/, (_, block: string) => {
    const rows = block.trimEnd().split("\n").map((l) => /^ {2}(\S+) +(.*)$/.exec(l)!);
    const width = Math.max(11, ...rows.map((r) => r[1].length));
    return `\nAvailable Commands:\n${
      rows.map((r) => `  ${r[1].padEnd(width)}   ${r[2]}\n`).join("")
    }`;
  });
}
