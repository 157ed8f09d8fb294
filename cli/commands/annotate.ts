// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `annotate`: sets and removes annotations (`key=value`, `key-`) with a JSON merge patch as field
 * manager `kubectl-annotate`; `--overwrite`, `--list`, `--local`, `--resource-version`, `--all`,
 * `-l`, and kubectl's `annotated` message.
 *
 * @module
 */
import type { CommandContext } from "../_cli/command.ts";
import { runMeta } from "./_write_meta.ts";

/**
 * Runs `annotate`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export function run(ctx: CommandContext): Promise<number> {
  return runMeta(ctx, "annotation");
}
