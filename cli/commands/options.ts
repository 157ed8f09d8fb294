// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `options` (the global flags) and `help [command]`.
 *
 * @module
 */
import type { CommandContext } from "../_cli/command.ts";
import { findCommand } from "../_internal/args/find_command.ts";
import { renderHelp, renderOptions } from "../_internal/help/command_help.ts";
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
    ctx.stdout.write(`Unknown help topic ${JSON.stringify(ctx.args)}\n`);
    ctx.stdout.write(renderHelp([root]));
    return Promise.resolve(0);
  }
  ctx.stdout.write(helpText(path));
  return Promise.resolve(0);
}
