// Copyright 2026 the k1s authors. Apache-2.0 license.
// Schema handling of one custom resource version: pruning, defaulting and validation (OpenAPI,
// embedded resources, list sets and maps, CEL rules with `oldSelf` on update) from the CRD's
// schema, plus the scale subresource's replica checks, as apiextensions' customResourceStrategy
// does. The schema is compiled at first use; CEL rules need the CEL runtime, which an
// admission step loads before validation (schemaFor is synchronous, admission is not).
import type { KubeObject } from "../object/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import type { CelRuntime } from "../schema/cel.ts";
import { schemaHasRules } from "../schema/cel.ts";
import { type CompiledSchema, compileSchema } from "../schema/compile_schema.ts";
import type { SchemaHandler } from "../apiserver/context.ts";
import type { ResourceType, ScaleSubresource } from "../registry/types.ts";
import { type FieldError, invalid } from "../errors/field_error.ts";
import { newInternalError } from "../errors/status_error.ts";
import { stripRules } from "./_internal.ts";
import { PruneCheck } from "./_builtin_schema.ts";

/** What a handler needs from its runtime. */
export interface HandlerEnv {
  /** The loaded CEL runtime, if loaded. */
  cel(): CelRuntime | undefined;
  /** Receives warnings (ratcheted rule failures, unknown status fields). */
  warn(message: string): void;
  /** Whether in-process mutating admission may have changed objects of this type. */
  mutatedByAdmission(type: ResourceType): boolean;
}

const MAX_INT32 = 2147483647;

function goType(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** unstructured's `NestedFieldNoCopy` + type assertion, with its error texts. */
function nested(
  obj: unknown,
  jsonPath: string,
  want: "int64" | "string",
): { value?: unknown; error?: string } {
  const fields = jsonPath.replace(/^\./, "").split(".");
  let cur: unknown = obj;
  for (let i = 0; i < fields.length; i++) {
    if (typeof cur !== "object" || cur === null || Array.isArray(cur)) {
      return {
        error: `.${fields.slice(0, i).join(".")} accessor error: ${goValue(cur)} is of the type ${
          goType(cur)
        }, expected map[string]interface{}`,
      };
    }
    const r = cur as Record<string, unknown>;
    if (!Object.hasOwn(r, fields[i])) return {};
    cur = r[fields[i]];
  }
  const ok = want === "int64"
    ? typeof cur === "number" && Number.isInteger(cur)
    : typeof cur === "string";
  if (!ok) {
    return {
      error: `.${fields.join(".")} accessor error: ${goValue(cur)} is of the type ${
        goType(cur)
      }, expected ${want}`,
    };
  }
  return { value: cur };
}

function replicasErrors(obj: unknown, path: string): FieldError[] {
  const r = nested(obj, path, "int64");
  if (r.error) return [invalid(path, 0, r.error)];
  const n = (r.value as number | undefined) ?? 0;
  if (n < 0) return [invalid(path, n, "should be a non-negative integer")];
  if (n > MAX_INT32) return [invalid(path, n, `should be less than or equal to ${MAX_INT32}`)];
  return [];
}

/** `ValidateScaleSpec`. */
function scaleSpecErrors(obj: unknown, scale: ScaleSubresource | undefined): FieldError[] {
  return scale ? replicasErrors(obj, scale.specReplicasPath) : [];
}

/** `ValidateScaleStatus`. */
function scaleStatusErrors(obj: unknown, scale: ScaleSubresource | undefined): FieldError[] {
  if (!scale) return [];
  const errs = replicasErrors(obj, scale.statusReplicasPath);
  if (scale.labelSelectorPath !== undefined) {
    const r = nested(obj, scale.labelSelectorPath, "string");
    if (r.error) errs.push(invalid(scale.labelSelectorPath, "", r.error));
  }
  return errs;
}

/** The schema handler of one custom resource version. */
export class CustomResourceSchemaHandler implements SchemaHandler {
  #hasRules: boolean | undefined;
  #type: ResourceType;
  #schema: JSONSchemaProps;
  #env: HandlerEnv;
  #full: CompiledSchema | undefined;
  #withoutRules: CompiledSchema | undefined;
  #check: PruneCheck | undefined;

  /**
   * @param type The resource type.
   * @param schema The version's `openAPIV3Schema`.
   * @param env The runtime's CEL runtime, warnings and admission.
   */
  constructor(type: ResourceType, schema: JSONSchemaProps, env: HandlerEnv) {
    this.#type = type;
    this.#schema = schema;
    this.#env = env;
  }

  /** Whether the schema has CEL rules (validation then needs the CEL runtime). */
  get hasRules(): boolean {
    return (this.#hasRules ??= schemaHasRules(this.#schema));
  }

  /** The compiled schema for pruning and defaulting, which need no CEL. */
  #structural(): CompiledSchema {
    if (this.#full) return this.#full;
    if (!this.hasRules) return (this.#full = compileSchema(this.#schema));
    const cel = this.#env.cel();
    if (cel) return (this.#full = compileSchema(this.#schema, { cel }));
    return (this.#withoutRules ??= compileSchema(stripRules(this.#schema)));
  }

  /** The compiled schema with its CEL rules. */
  #validator(): CompiledSchema {
    if (this.#full) return this.#full;
    const cel = this.#env.cel();
    if (this.hasRules && !cel) {
      throw newInternalError(
        `the CEL runtime is not loaded for ${this.#type.plural}.${this.#type.group}; retry the request`,
      );
    }
    return (this.#full = compileSchema(this.#schema, cel ? { cel } : {}));
  }

  prune(obj: KubeObject): string[] {
    // Most objects have nothing to prune; a walk of their keys is cheaper than pruning.
    if (!(this.#check ??= new PruneCheck(this.#schema)).needed(obj)) return [];
    return this.#structural().prune(obj);
  }

  default(obj: KubeObject): void {
    this.#structural().default(obj);
  }

  validate(obj: KubeObject, old?: KubeObject): FieldError[] {
    // Kubernetes defaults again after mutating admission (the webhook response is decoded with
    // defaulting), so a field a mutating plugin removed gets its default back.
    if (this.#env.mutatedByAdmission(this.#type)) this.#structural().default(obj);
    const env = this.#env;
    const errs = this.#validator().validate(
      obj,
      old ? { old, onWarning: (m) => env.warn(m) } : { onWarning: (m) => env.warn(m) },
    );
    const scale = this.#type.subresources.scale;
    if (scale) errs.push(...scaleSpecErrors(obj, scale), ...scaleStatusErrors(obj, scale));
    return errs;
  }

  validateStatus(obj: KubeObject, old: KubeObject): FieldError[] {
    // The status endpoint does not decode through the schema in the request pipeline, so prune
    // and default here (with the API's default `fieldValidation: Warn`) before validating.
    const s = this.#structural();
    for (const p of s.prune(obj)) this.#env.warn(`unknown field "${p}"`);
    s.default(obj);
    const env = this.#env;
    const errs = this.#validator().validate(obj, { old, onWarning: (m) => env.warn(m) });
    errs.push(...scaleStatusErrors(obj, this.#type.subresources.scale));
    return errs;
  }
}
