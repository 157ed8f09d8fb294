// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `label`: sets and removes labels (`key=value`, `key-`) with a JSON merge patch as field manager
 * `kubectl-label`; `--overwrite`, `--list`, `--local`, `--resource-version`, `--all`, `-l`,
 * and kubectl's `labeled` / `unlabeled` / `not labeled` messages.
 *
 * @module
 */
import type { CommandContext } from "../_cli/command.ts";
import { runMeta } from "./_write_meta.ts";

/**
 * Runs `label`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export function run(ctx: CommandContext): Promise<number> {
  return runMeta(ctx, "label");
}
