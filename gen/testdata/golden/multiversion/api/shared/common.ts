// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Types shared by several versions; this directory has no +groupName, so it is no package.
 *
 * @module
 */

/** Size is the size of a Thing. */
export type Size = "S" | "M" | "L";
