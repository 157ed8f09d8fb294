// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The error printers raise for user mistakes (bad templates, unknown formats), worded as
 * kubectl words the error it prints after `error: `.
 *
 * @module
 */

/**
 * A printing failure the user caused. The message is kubectl's error text without the
 * `error: ` prefix (sometimes with kubectl's trailing newlines).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PrintError } from "./print_error.ts";
 * assertEquals(new PrintError("template format specified but no template given").name, "PrintError");
 * ```
 */
export class PrintError extends Error {
  /**
   * Creates an instance.
   *
   * @param message kubectl's wording.
   * @param options Standard error options (`cause`).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PrintError";
  }
}
