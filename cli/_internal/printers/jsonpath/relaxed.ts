// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * kubectl's relaxed JSONPath field specs (`get.RelaxedJSONPathExpression`), used by
 * `--sort-by` and custom columns.
 *
 * @module
 */

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * Turns `metadata.name`, `{metadata.name}`, `.metadata.name` or `{.metadata.name}` into the
 * full template `{.metadata.name}`.
 *
 * @param expression The field spec; empty stays empty.
 * @returns The template.
 * @throws {Error} With kubectl's message when the spec has stray braces.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { relaxedJSONPathExpression } from "./relaxed.ts";
 * assertEquals(relaxedJSONPathExpression("metadata.name"), "{.metadata.name}");
 * ```
 */
export function relaxedJSONPathExpression(expression: string): string {
  if (expression.length === 0) return expression;
  const m = RELAXED.exec(expression);
  if (!m) {
    throw new Error(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] || m[2]}}`;
}
