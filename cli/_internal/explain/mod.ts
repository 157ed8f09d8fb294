// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `explain` rendering in kubectl's plaintext format.
 *
 * @module
 */
export {
  ExplainFieldError,
  type ExplainOptions,
  type NamedType,
  renderExplain,
  typeName,
} from "./explain.ts";
export { wrapString } from "./word_wrap.ts";
// Types from @k1s/core that signatures here use.
export type { JSONSchemaProps } from "@k1s/core";
