// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The `-o` format of a command. Apart from the printers (`printing.ts`), so that a command
 * printing a table loads none of them.
 *
 * @module
 */
import type { CommandContext } from "./command.ts";
import {
  OBJECT_OUTPUT_FORMATS,
  type OutputFormat,
  parseOutputFormat,
} from "../_internal/printers/output_format.ts";

export { OBJECT_OUTPUT_FORMATS };

/**
 * The command's `-o` format, with kubectl's errors.
 *
 * @param ctx The context (reads `-o` and `--template`).
 * @param allowed The formats the command accepts (default: `get`'s).
 * @returns The format; `{ type: "table" }` when `-o` is empty and tables are allowed.
 */
export function outputFormat(
  ctx: CommandContext,
  allowed?: readonly string[],
): Promise<OutputFormat> {
  return parseOutputFormat(ctx.string("output"), {
    ...(allowed ? { allowed } : {}),
    template: ctx.string("template"),
  });
}
