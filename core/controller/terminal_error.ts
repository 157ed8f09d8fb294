// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Terminal reconcile errors (controller-runtime's `reconcile.TerminalError`).
 *
 * @module
 */

/** An error a reconcile throws when retrying cannot help; the request is not requeued. */
export class TerminalError extends Error {
  /**
   * @param cause The error that retrying cannot fix.
   */
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "TerminalError";
  }
}

/**
 * Marks an error as terminal: thrown from a reconcile, it is reported and logged but not
 * retried (controller-runtime's `reconcile.TerminalError`).
 *
 * @param err The error.
 * @returns The error wrapped in a {@linkcode TerminalError} (or `err` if it already is one).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isTerminalError, terminalError } from "@k1s/core";
 * const e = terminalError(new Error("spec.size must be positive"));
 * assert(isTerminalError(e));
 * assert(!isTerminalError(new Error("conflict")));
 * ```
 */
export function terminalError(err: unknown): TerminalError {
  return err instanceof TerminalError ? err : new TerminalError(err);
}

/**
 * Whether an error, or one of its causes, is terminal.
 *
 * @param err The error.
 * @returns `true` for errors made by {@linkcode terminalError}.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isTerminalError, terminalError } from "@k1s/core";
 * assert(isTerminalError(new Error("wrapped", { cause: terminalError("bad spec") })));
 * ```
 */
export function isTerminalError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 16; depth++) {
    if (e instanceof TerminalError) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
