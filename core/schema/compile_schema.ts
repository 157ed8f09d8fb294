// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Schema compilation: one schema per kind, compiled once into a validator, a defaulter and a
 * pruner that behave as a Kubernetes API server's custom resource handling does.
 *
 * @module
 */
import { type FieldError, invalid } from "../errors/field_error.ts";
import type { JSONSchemaProps } from "./types.ts";
import type { CelRuntime } from "./cel.ts";
import type { CelRuntimeImpl } from "./_cel/runtime.ts";
import { compileNode, type Node } from "./_node.ts";
import { validateValue } from "./_validate.ts";
import { applyDefaults } from "./_default.ts";
import { pruneObject } from "./_prune.ts";
import { validateListSetsAndMaps } from "./_listtype.ts";
import { validateEmbeddedResources } from "./_objectmeta.ts";
import { validateRules } from "./_cel_validate.ts";

/** Options of {@linkcode compileSchema}. */
export interface CompileSchemaOptions {
  /**
   * The CEL runtime from `loadCel()`; required when the schema has `x-kubernetes-validations`.
   * @default {undefined}
   */
  cel?: CelRuntime;
}

/** Options of {@linkcode CompiledSchema.validate}. */
export interface ValidateOptions {
  /**
   * The object before an update. Transition rules (`oldSelf`) only run with it, and validation
   * errors of values it already had are ratcheted (dropped), as Kubernetes 1.32 does.
   * @default {undefined}
   */
  old?: unknown;
  /**
   * Whether errors of unchanged values are ratcheted on update.
   * @default {true}
   */
  ratcheting?: boolean;
  /**
   * Receives ratcheted CEL rule failures, which Kubernetes returns as warnings.
   * @default {undefined}
   */
  onWarning?: (message: string) => void;
}

/** Options of {@linkcode CompiledSchema.prune}. */
export interface PruneOptions {
  /**
   * Whether root `metadata` is reduced to ObjectMeta's fields too (its unknown fields, such as
   * `metadata.foo`, are reported first, as Kubernetes' decoder reports them). Turn off when the
   * object codec handles metadata itself.
   * @default {true}
   */
  metadata?: boolean;
}

/** A schema compiled for validation, defaulting and pruning. */
export interface CompiledSchema {
  /** The source schema. */
  readonly schema: JSONSchemaProps;
  /** Whether the schema has CEL rules. */
  readonly hasRules: boolean;
  /**
   * Validates a whole object (after pruning and defaulting): OpenAPI value validation,
   * embedded resources, list-set/map uniqueness and CEL rules, in Kubernetes' order. CEL
   * rules are skipped, with a note, when a type, required, enum or size error was found.
   *
   * @param obj The object.
   * @param options The old object on update, ratcheting and warnings.
   * @returns Every field error, in Kubernetes' format.
   */
  validate(obj: unknown, options?: ValidateOptions): FieldError[];
  /**
   * Fills defaults in place where fields are absent (or null and not nullable).
   *
   * @param obj The object.
   */
  default(obj: unknown): void;
  /**
   * Drops unknown fields in place and the nulls of non-nullable fields without a default.
   * Root apiVersion, kind and metadata are kept; root metadata keeps only ObjectMeta's
   * fields, and embedded resources' metadata is reduced the same way.
   *
   * @param obj The object.
   * @param options Whether root metadata is pruned.
   * @returns The paths of the dropped unknown fields (`metadata.x`, then `spec.foo` sorted,
   * then embedded metadata), for `fieldValidation`.
   */
  prune(obj: unknown, options?: PruneOptions): string[];
}

const BLOCKING = new Set([
  "FieldValueNotSupported",
  "FieldValueRequired",
  "FieldValueTooLong",
  "FieldValueTooMany",
  "FieldValueTypeInvalid",
]);

class Compiled implements CompiledSchema {
  readonly schema: JSONSchemaProps;
  readonly hasRules: boolean;
  #root: Node;

  constructor(schema: JSONSchemaProps, root: Node) {
    this.schema = schema;
    this.#root = root;
    this.hasRules = root.subtreeRules;
  }

  validate(obj: unknown, options: ValidateOptions = {}): FieldError[] {
    const root = this.#root;
    const old = options.old;
    const ratchet = options.ratcheting !== false && old !== undefined;
    const errs = validateValue(root, obj, undefined, ratchet ? old : undefined);
    if (root.subtreeEmbedded) errs.push(...validateEmbeddedResources(root, obj));
    if (root.subtreeListSetMap) {
      if (old === undefined || validateListSetsAndMaps(root, old).length === 0) {
        errs.push(...validateListSetsAndMaps(root, obj));
      }
    }
    if (root.subtreeRules) {
      if (errs.some((e) => BLOCKING.has(e.type))) {
        errs.push(
          invalid(
            "<nil>",
            null,
            "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
          ),
        );
      } else {
        errs.push(
          ...validateRules(root, obj, old, undefined, {
            ratchet,
            onWarning: options.onWarning,
          }),
        );
      }
    }
    return errs;
  }

  default(obj: unknown): void {
    applyDefaults(obj, this.#root);
  }

  prune(obj: unknown, options: PruneOptions = {}): string[] {
    return pruneObject(obj, this.#root, options.metadata !== false);
  }
}

const cache = new WeakMap<JSONSchemaProps, CompiledSchema>();

/**
 * Compiles the schema of a kind (its `openAPIV3Schema`). Regexes, formats and CEL programs are
 * prepared once; the result is cached per schema object.
 *
 * @param schema The root schema of the kind.
 * @param options The CEL runtime, needed when the schema has rules.
 * @returns The compiled schema.
 * @throws {TypeError} When the schema has `x-kubernetes-validations` and no CEL runtime is given.
 *
 * @example Validate, default and prune
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compileSchema, formatFieldError } from "@k1s/core";
 * const schema = compileSchema({
 *   type: "object",
 *   properties: {
 *     spec: {
 *       type: "object",
 *       required: ["size"],
 *       properties: {
 *         size: { type: "integer", maximum: 10 },
 *         color: { type: "string", enum: ["red", "green"], default: "red" },
 *       },
 *     },
 *   },
 * });
 * const obj: { spec: Record<string, unknown> } = { spec: { size: 11, extra: true } };
 * assertEquals(schema.prune(obj), ["spec.extra"]);
 * schema.default(obj);
 * assertEquals(obj.spec, { size: 11, color: "red" });
 * assertEquals(schema.validate(obj).map(formatFieldError), [
 *   "spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10",
 * ]);
 * ```
 */
export function compileSchema(
  schema: JSONSchemaProps,
  options: CompileSchemaOptions = {},
): CompiledSchema {
  const hit = cache.get(schema);
  if (hit) return hit;
  const cel = options.cel as CelRuntimeImpl | undefined;
  const root = compileNode(schema, true, cel ? (p) => cel.re2(p) : undefined);
  if (root.subtreeRules) {
    if (!cel) {
      throw new TypeError(
        "Cannot compile a schema with x-kubernetes-validations without the CEL runtime: pass `cel: await loadCel()`",
      );
    }
    cel.compileTree(root);
  }
  const compiled = new Compiled(schema, root);
  cache.set(schema, compiled);
  return compiled;
}
