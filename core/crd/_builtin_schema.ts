// Copyright 2026 the k1s authors. Apache-2.0 license.
// Unknown-field pruning for kinds that are not custom resources (built-ins and kinds tool
// authors register in code), so `fieldValidation: Strict` answers `strict decoding error:
// unknown field "foo"` as Kubernetes' strict decoder does. Their strategies do the rest
// (defaults, validation). A precompiled "shape" of the schema (the known keys of every struct)
// answers "anything unknown?" in a few key lookups; only when it says yes does the schema
// engine prune and report, so the hot create/get paths stay cheap.
import type { KubeObject } from "../object/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import type { SchemaHandler } from "../apiserver/context.ts";
import type { ResourceType } from "../registry/types.ts";
import type { FieldError } from "../errors/field_error.ts";
import { type CompiledSchema, compileSchema } from "../schema/compile_schema.ts";
import {
  MANAGED_FIELDS_FIELDS,
  OBJECT_META_FIELDS,
  OWNER_REFERENCE_FIELDS,
} from "../object/_meta_fields.ts";

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

const STRUCT = 0;
const MAP = 1;
const LIST = 2;
const SCALAR_KIND = 3;
const OPEN_KIND = 4;

/**
 * What pruning would find at a schema node. STRUCT: the known keys and their shapes (unknown
 * keys are pruned unless `preserve`, or `values` takes them); MAP: every value has `values`'
 * shape; LIST: every item has `items`' shape; SCALAR: an object here is pruned away; OPEN:
 * anything is kept. Every shape has all fields, in one order, so the walk's property loads
 * stay monomorphic.
 */
interface Shape {
  kind: number;
  known: Map<string, Shape> | undefined;
  preserve: boolean;
  values: Shape | undefined;
  items: Shape | undefined;
}

function shape(
  kind: number,
  known?: Map<string, Shape>,
  preserve = false,
  values?: Shape,
  items?: Shape,
): Shape {
  return { kind, known, preserve, values, items };
}

const SCALAR: Shape = shape(SCALAR_KIND);
const OPEN: Shape = shape(OPEN_KIND);

/**
 * Compiles a schema into the shape the precheck walks.
 *
 * @param s The schema node.
 * @param root Whether it is a kind's root (apiVersion, kind and metadata are then left alone).
 */
export function compileShape(s: JSONSchemaProps | undefined, root = false): Shape {
  if (!s || typeof s !== "object") return SCALAR;
  const preserve = s["x-kubernetes-preserve-unknown-fields"] === true;
  if (s["x-kubernetes-int-or-string"] === true) return SCALAR;
  if (s.type === "array") return shape(LIST, undefined, false, undefined, compileShape(s.items));
  const props = s.properties;
  const ap = s.additionalProperties;
  const values = typeof ap === "object" ? compileShape(ap) : ap === true ? SCALAR : undefined;
  if (props || root) {
    const known = new Map<string, Shape>();
    for (const [k, v] of Object.entries(props ?? {})) known.set(k, compileShape(v));
    if (root) { for (const k of ["apiVersion", "kind", "metadata"]) known.set(k, OPEN); }
    return shape(STRUCT, known, preserve, values);
  }
  if (values) return shape(MAP, undefined, false, values);
  if (preserve) return OPEN;
  if (s.type === "object" || s.type === undefined || s.type === "") {
    return shape(STRUCT, new Map());
  }
  return SCALAR;
}

/**
 * Whether pruning `x` against the shape could change it: an unknown key, a null, or an
 * object or list where the schema has none. `true` means "prune to find out".
 */
export function mayNeedPruning(x: unknown, s: Shape): boolean {
  if (typeof x !== "object" || x === null) return false;
  const kind = s.kind;
  if (kind === OPEN_KIND) return false;
  if (kind === SCALAR_KIND) return true;
  if (kind === LIST) {
    if (!Array.isArray(x)) return true;
    const items = s.items!;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v === null || (typeof v === "object" && mayNeedPruning(v, items))) return true;
    }
    return false;
  }
  if (Array.isArray(x)) return true;
  const r = x as Record<string, unknown>;
  if (kind === MAP) {
    const values = s.values!;
    for (const k in r) {
      const v = r[k];
      if (v === null || (typeof v === "object" && mayNeedPruning(v, values))) return true;
    }
    return false;
  }
  const known = s.known!;
  for (const k in r) {
    let child = known.get(k);
    if (child === undefined) {
      if (s.values !== undefined) child = s.values;
      else if (s.preserve) continue;
      else return true;
    }
    const v = r[k];
    if (v === null || (typeof v === "object" && mayNeedPruning(v, child))) return true;
  }
  return false;
}

/** Whether a schema marks some node `x-kubernetes-embedded-resource` (pruning then always runs). */
export function hasEmbeddedResources(s: unknown): boolean {
  if (!s || typeof s !== "object") return false;
  const r = s as Record<string, unknown>;
  if (r["x-kubernetes-embedded-resource"] === true) return true;
  if (r.properties && Object.values(r.properties).some(hasEmbeddedResources)) return true;
  return hasEmbeddedResources(r.items) || hasEmbeddedResources(r.additionalProperties);
}

/**
 * A fast "would pruning change this object?" for a kind's schema; the schema engine's pruning
 * is only needed when it says yes.
 */
export class PruneCheck {
  #shape: Shape;
  #always: boolean;
  #extra: ((obj: KubeObject) => boolean) | undefined;

  /**
   * @param schema The kind's schema.
   * @param extra A check of parts the schema leaves open.
   */
  constructor(schema: JSONSchemaProps, extra?: (obj: KubeObject) => boolean) {
    this.#shape = compileShape(schema, true);
    this.#always = hasEmbeddedResources(schema);
    this.#extra = extra;
  }

  /** Whether pruning could change `obj`. */
  needed(obj: KubeObject): boolean {
    return this.#always || metadataMayHaveUnknown(obj.metadata) ||
      mayNeedPruning(obj, this.#shape) || (this.#extra !== undefined && this.#extra(obj));
  }
}

function entriesUnknown(list: unknown, known: ReadonlySet<string>): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (isRecord(e)) { for (const k in e) if (!known.has(k)) return true; }
  }
  return false;
}

/** Whether root metadata may hold a field ObjectMeta does not have. */
export function metadataMayHaveUnknown(meta: unknown): boolean {
  if (!isRecord(meta)) return false;
  for (const k in meta) if (!OBJECT_META_FIELDS.has(k)) return true;
  return entriesUnknown(meta.ownerReferences, OWNER_REFERENCE_FIELDS) ||
    entriesUnknown(meta.managedFields, MANAGED_FIELDS_FIELDS);
}

const NO_ERRORS: FieldError[] = [];
Object.freeze(NO_ERRORS);

/** The schema handler of a kind that is not a custom resource: pruning only. */
export class BuiltinSchemaHandler implements SchemaHandler {
  #schema: JSONSchemaProps;
  #check: PruneCheck;
  #compiled: CompiledSchema | undefined;
  #extraPrune: ((obj: KubeObject, out: string[]) => void) | undefined;

  /**
   * @param schema The kind's schema.
   * @param extra An extra precheck and pruning step for parts the schema leaves open.
   */
  constructor(
    schema: JSONSchemaProps,
    extra?: { check(obj: KubeObject): boolean; prune(obj: KubeObject, out: string[]): void },
  ) {
    this.#schema = schema;
    this.#check = new PruneCheck(schema, extra?.check);
    this.#extraPrune = extra?.prune;
  }

  prune(obj: KubeObject): string[] {
    if (!this.#check.needed(obj)) return [];
    this.#compiled ??= compileSchema(this.#schema);
    const out = this.#compiled.prune(obj);
    this.#extraPrune?.(obj, out);
    return out;
  }

  default(_obj: KubeObject): void {}

  validate(_obj: KubeObject, _old?: KubeObject): FieldError[] {
    return NO_ERRORS;
  }
}

const handlers = new WeakMap<ResourceType, BuiltinSchemaHandler | null>();

/**
 * The pruning handler of a kind that is not a custom resource, cached per type; `undefined`
 * for kinds without a schema.
 */
export function builtinSchemaHandler(type: ResourceType): BuiltinSchemaHandler | undefined {
  let h = handlers.get(type);
  if (h === undefined) {
    h = type.schema ? new BuiltinSchemaHandler(type.schema) : null;
    handlers.set(type, h);
  }
  return h ?? undefined;
}
