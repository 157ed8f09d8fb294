// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The schema engine: Kubernetes OpenAPI v3 schemas (`JSONSchemaProps`) compiled into
 * validation, defaulting and pruning that behave as a Kubernetes API server's custom resource
 * handling does, including CEL rules (`x-kubernetes-validations`), and the structural-schema
 * checks a CustomResourceDefinition must pass.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compileSchema, formatFieldError } from "@k1s/core";
 * const schema = compileSchema({
 *   type: "object",
 *   properties: { spec: { type: "object", properties: { color: { type: "string", enum: ["red", "green"] } } } },
 * });
 * assertEquals(
 *   schema.validate({ spec: { color: "pink" } }).map(formatFieldError),
 *   ['spec.color: Unsupported value: "pink": supported values: "red", "green"'],
 * );
 * ```
 *
 * @module
 */
export * from "./types.ts";
export * from "./cel.ts";
export * from "./compile_schema.ts";
export * from "./validate_structural_schema.ts";
export * from "./unknown_fields.ts";
