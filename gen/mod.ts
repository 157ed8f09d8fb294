// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The k1s code generator.
 *
 * @module
 */
export const version = "0.1.0";
