// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Label and field selectors with apimachinery's syntax, semantics and error messages, and the
 * check of which fields a kind lets field selectors use.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseFieldSelector, parseLabelSelector } from "@k1s/core";
 * assert(parseLabelSelector("tier!=db").matches({ app: "web" }));
 * assert(parseFieldSelector("metadata.name!=a").matches({ "metadata.name": "b" }));
 * ```
 *
 * @module
 */
export * from "./label_selector.ts";
export * from "./field_selector.ts";
export * from "./supported_fields.ts";
