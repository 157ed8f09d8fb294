// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Loading of the CEL runtime that evaluates `x-kubernetes-validations`. It is imported on
 * demand, so processes that only use schemas without rules never load it.
 *
 * @module
 */
import type { JSONSchemaProps } from "./types.ts";

/**
 * A handle on the loaded CEL runtime (parser, type checker, evaluator and Kubernetes'
 * libraries). Obtain it with {@linkcode loadCel}; pass it to `compileSchema` and
 * `validateStructuralSchema` for schemas with `x-kubernetes-validations`.
 */
export interface CelRuntime {
  /** Always `"cel-runtime"`. */
  readonly kind: "cel-runtime";
}

/**
 * Loads the CEL runtime. The first call imports `@bufbuild/cel` (about 100 ms); later calls
 * return the same runtime.
 *
 * @returns The runtime.
 *
 * @example Load CEL before compiling a schema with rules
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compileSchema, formatFieldError, loadCel } from "@k1s/core";
 * const cel = await loadCel();
 * const schema = compileSchema({
 *   type: "object",
 *   properties: {
 *     spec: {
 *       type: "object",
 *       properties: { min: { type: "integer" }, max: { type: "integer" } },
 *       "x-kubernetes-validations": [{ rule: "self.min <= self.max", message: "min must not exceed max" }],
 *     },
 *   },
 * }, { cel });
 * const errs = schema.validate({ spec: { min: 3, max: 1 } });
 * assertEquals(errs.map(formatFieldError), ['spec: Invalid value: "object": min must not exceed max']);
 * ```
 */
export async function loadCel(): Promise<CelRuntime> {
  const mod = await import("./_cel/runtime.ts");
  return mod.sharedRuntime();
}

/**
 * Whether a schema has `x-kubernetes-validations` anywhere, i.e. whether compiling it needs
 * the CEL runtime.
 *
 * @param schema The schema.
 * @returns `true` when some node has rules.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { schemaHasRules } from "@k1s/core";
 * assert(!schemaHasRules({ type: "object", properties: { a: { type: "string" } } }));
 * assert(schemaHasRules({ type: "object", "x-kubernetes-validations": [{ rule: "true" }] }));
 * ```
 */
export function schemaHasRules(schema: JSONSchemaProps): boolean {
  if (schema["x-kubernetes-validations"]?.length) return true;
  const subs: (JSONSchemaProps | boolean | undefined)[] = [
    schema.items,
    schema.additionalProperties,
    schema.not,
    ...Object.values(schema.properties ?? {}),
    ...(schema.allOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
  ];
  return subs.some((s) => typeof s === "object" && schemaHasRules(s));
}
