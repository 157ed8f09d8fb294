// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `UsageError`: the user misused the command line. It renders the exact text kubectl prints
 * and carries the exit code (1, as kubectl).
 *
 * @module
 */

/**
 * Which kubectl error path produced the message:
 * - `flag`: pflag/cobra errors, `Error: <msg>` + `See '<cmd> --help' for usage.`;
 * - `usage`: a command's own check (`cmdutil.UsageErrorf`), `error: <msg>` +
 *   `See '<cmd> -h' for help and examples`;
 * - `unknown-command`: cobra's root check, `Error: unknown command "x" for "<tool>"` with
 *   did-you-mean suggestions.
 */
export type UsageErrorKind = "flag" | "usage" | "unknown-command";

/**
 * A command-line mistake. `render()` gives the complete stderr text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { UsageError } from "./usage_error.ts";
 * const e = new UsageError("unknown flag: --local", { kind: "flag", commandPath: "k1s get" });
 * assertEquals(e.render(), "Error: unknown flag: --local\nSee 'k1s get --help' for usage.\n");
 * assertEquals(e.exitCode, 1);
 * ```
 */
export class UsageError extends Error {
  /** The process exit code (kubectl exits 1). */
  readonly exitCode: number;
  /** The kubectl error path. */
  readonly kind: UsageErrorKind;
  /** The command path shown in the hint, e.g. `k1s create configmap`. */
  readonly commandPath: string;
  /** Did-you-mean suggestions (unknown commands). */
  readonly suggestions: readonly string[];

  /**
   * Creates an instance.
   *
   * @param message The message after `Error: `/`error: `.
   * @param options Kind, command path, suggestions, exit code and `cause`.
   */
  constructor(
    message: string,
    options: {
      kind: UsageErrorKind;
      commandPath: string;
      suggestions?: readonly string[];
      exitCode?: number;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = "UsageError";
    this.kind = options.kind;
    this.commandPath = options.commandPath;
    this.suggestions = options.suggestions ?? [];
    this.exitCode = options.exitCode ?? 1;
  }

  /**
   * The text kubectl writes to stderr for this error.
   *
   * @returns The lines, ending with a newline.
   */
  render(): string {
    switch (this.kind) {
      case "flag":
        return `Error: ${this.message}\nSee '${this.commandPath} --help' for usage.\n`;
      case "usage":
        return `error: ${this.message}\nSee '${this.commandPath} -h' for help and examples\n`;
      case "unknown-command": {
        const hint = this.suggestions.length > 0
          ? `\n\nDid you mean this?\n\t${this.suggestions.join("\n\t")}\n`
          : "";
        return `Error: ${this.message}${hint}\n`;
      }
    }
  }
}
