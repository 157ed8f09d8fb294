// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * kubectl's JSONPath template dialect.
 *
 * @module
 */
export { JSONPath, JSONPathExecError } from "./jsonpath.ts";
export { type ArrayParam, JSONPathParseError, type Node, parseJSONPath } from "./parser.ts";
export { relaxedJSONPathExpression } from "./relaxed.ts";
