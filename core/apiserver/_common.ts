// Copyright 2026 the k1s authors. Apache-2.0 license.
// Stages shared by the verbs: authorization, admission, validation, generation and equality.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { GroupKind, GroupResource } from "../errors/status_error.ts";
import { newForbidden, newInvalid, StatusError } from "../errors/status_error.ts";
import type { FieldError } from "../errors/field_error.ts";
import type {
  AdmissionOperation,
  AdmissionRequest,
  RequestContext,
  ServerContext,
} from "./context.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../validation/mod.ts";

/** The group and plural of a type, for NotFound/Conflict/Forbidden messages. */
export function groupResource(type: ResourceType): GroupResource {
  return { group: type.group, resource: type.plural };
}

/** The group and kind of a type, for Invalid messages. */
export function groupKind(type: ResourceType): GroupKind {
  return { group: type.group, kind: type.kind };
}

/** Checks the request with the authorizer, if there is one. */
export async function authorize(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  attrs: { verb: string; namespace?: string; name?: string; subresource?: string },
): Promise<void> {
  if (!ctx.authorizer) return;
  // The apiserver's request info gives a request for one namespace (`/api/v1/namespaces/x`,
  // its status and finalize) that namespace, so a RoleBinding in it may allow it.
  const namespace = type.namespaced
    ? attrs.namespace
    : type.group === "" && type.kind === "Namespace"
    ? attrs.name
    : undefined;
  await ctx.authorizer.authorize({
    user: req.user,
    verb: attrs.verb,
    group: type.group,
    version: type.version,
    resource: type.plural,
    ...(attrs.subresource ? { subresource: attrs.subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(attrs.name ? { name: attrs.name } : {}),
  });
}

function pluginApplies(kinds: readonly string[] | undefined, type: ResourceType): boolean {
  if (!kinds) return true;
  const gk = `${type.group}/${type.kind}`;
  return kinds.includes("*") || kinds.includes(gk);
}

/** Runs the mutating, then (with `phase: "validate"`) the validating admission plugins. */
export async function admit(
  ctx: ServerContext,
  req: RequestContext,
  phase: "mutate" | "validate",
  a: {
    operation: AdmissionOperation;
    type: ResourceType;
    object: KubeObject;
    oldObject?: KubeObject;
    subresource?: string;
  },
): Promise<void> {
  if (ctx.admission.length === 0) return;
  const request: AdmissionRequest = {
    operation: a.operation,
    type: a.type,
    object: a.object,
    user: req.user,
    dryRun: req.dryRun ?? false,
    ...(a.oldObject ? { oldObject: a.oldObject } : {}),
    ...(a.subresource ? { subresource: a.subresource } : {}),
  };
  for (const p of ctx.admission) {
    const fn = phase === "mutate" ? p.mutate : p.validate;
    if (!fn || !pluginApplies(p.kinds, a.type)) continue;
    if (p.operations && !p.operations.includes(a.operation)) continue;
    const result = await fn.call(p, request);
    if (typeof result === "string") {
      throw newForbidden(
        groupResource(a.type),
        a.object.metadata?.name ?? "",
        `admission plugin "${p.name}" denied the request: ${result}`,
      );
    }
    if (Array.isArray(result) && result.length) {
      throw newInvalid(groupKind(a.type), a.object.metadata?.name ?? "", result);
    }
  }
}

/**
 * Whether a kind's metadata is validated by pkg/apis/core's ValidateObjectMeta (with its
 * standard-finalizer rule) rather than apimachinery's alone: the core kinds and RBAC's, but not
 * a core/v1 Event, whose legacy validation skips it.
 */
function coreObjectMeta(type: ResourceType): boolean {
  if (type.custom) return false;
  if (type.group === "rbac.authorization.k8s.io") return true;
  return type.group === "" && type.kind !== "Event";
}

/** Validates metadata and the kind's own rules on create; throws Invalid. */
export function validateCreate(ctx: ServerContext, type: ResourceType, obj: KubeObject): void {
  const errs: FieldError[] = validateObjectMeta(obj.metadata, {
    namespaced: type.namespaced,
    nameValidation: type.strategy.nameValidation,
    coreKind: coreObjectMeta(type),
  });
  const more = type.strategy.validate?.(obj);
  if (more?.length) errs.push(...more);
  const schema = ctx.schemaFor?.(type);
  if (schema) errs.push(...schema.validate(obj));
  if (errs.length) {
    throw newInvalid(groupKind(type), obj.metadata.name ?? obj.metadata.generateName ?? "", errs);
  }
}

/** Validates metadata and the kind's own rules on update; throws Invalid. */
export function validateUpdate(
  ctx: ServerContext,
  type: ResourceType,
  obj: KubeObject,
  old: KubeObject,
  subresource?: string,
): void {
  const errs: FieldError[] = validateObjectMeta(obj.metadata, {
    namespaced: type.namespaced,
    nameValidation: type.strategy.nameValidation,
    coreKind: coreObjectMeta(type),
  });
  errs.push(...validateObjectMetaUpdate(obj.metadata, old.metadata));
  const schema = ctx.schemaFor?.(type);
  if (subresource === "status") {
    const more = type.strategy.validateStatusUpdate?.(obj, old);
    if (more?.length) errs.push(...more);
    if (schema) errs.push(...(schema.validateStatus ?? schema.validate).call(schema, obj, old));
  } else {
    const more = type.strategy.validateUpdate?.(obj, old);
    if (more?.length) errs.push(...more);
    if (schema) errs.push(...schema.validate(obj, old));
  }
  if (errs.length) throw newInvalid(groupKind(type), obj.metadata.name ?? "", errs);
}

/** Deep equality of JSON values, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    na++;
    if (!jsonEqual(ao[k], bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined) nb++;
  return na === nb;
}

/** Whether anything outside `metadata` (and `status`, when excluded) differs. */
export function contentChanged(a: KubeObject, b: KubeObject, ignoreStatus: boolean): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === "metadata" || k === "apiVersion" || k === "kind") continue;
    if (ignoreStatus && k === "status") continue;
    if (!jsonEqual(a[k], b[k])) return true;
  }
  return false;
}

/** Whether two stored states are the same apart from resourceVersion and managedFields times. */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  const { resourceVersion: _r1, managedFields: _m1, ...ma } = a.metadata;
  const { resourceVersion: _r2, managedFields: _m2, ...mb } = b.metadata;
  if (!jsonEqual(ma, mb)) return false;
  if (contentChanged(a, b, false)) return false;
  return a.apiVersion === b.apiVersion && a.kind === b.kind;
}

/** A deep copy of a JSON object. */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}

/** Rethrows anything that is not a StatusError as an InternalError-free TypeError guard. */
export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}
