// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `options` (the global flags) and `help [command]`.
 *
 * @module
 */
import type { CommandContext } from "../_cli/command.ts";
import { findCommand } from "../_internal/args/find_command.ts";
import { renderOptions, renderUsage } from "../_internal/help/command_help.ts";
import { helpText } from "../_cli/help.ts";

/**
 * Runs `options` or `help`.
 *
 * @param ctx The command context.
 * @returns 0, or 1 for an unknown help topic.
 */
export function run(ctx: CommandContext): Promise<number> {
  const root = ctx.specs[0];
  if (ctx.path[0] === "options") {
    ctx.stdout.write(renderOptions(root));
    return Promise.resolve(0);
  }
  let path;
  try {
    path = findCommand(root, ctx.args).path;
  } catch {
    path = undefined;
  }
  if (!path || (ctx.args.length > 0 && path.length === 1)) {
    // cobra: `Unknown help topic %#q` and the root's usage (its help without the description),
    // on stderr; the exit code stays 0.
    ctx.stderr.write(`Unknown help topic [${ctx.args.map(goBackquote).join(" ")}]\n`);
    ctx.stderr.write(renderUsage([root]));
    return Promise.resolve(0);
  }
  ctx.stdout.write(helpText(path));
  return Promise.resolve(0);
}

// Go's `%#q`: a backquoted string when strconv.CanBackquote allows it, else a quoted one.
function goBackquote(s: string): string {
  // deno-lint-ignore no-control-regex
  return /^[^`\x00-\x08\x0a-\x1f\x7f\ufeff]*$/.test(s) ? `\`${s}\`` : JSON.stringify(s);
}
