// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The version of `@k1s/cli`.
 *
 * @module
 */

/**
 * The version of `@k1s/cli` (kept equal to cli/deno.json's).
 *
 * @example
 * ```ts
 * import { assertMatch } from "@std/assert";
 * import { version } from "@k1s/cli";
 * assertMatch(version, /^\d+\.\d+\.\d+/);
 * ```
 */
export const version = "0.1.0";
