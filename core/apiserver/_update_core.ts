// Copyright 2026 the k1s authors. Apache-2.0 license.
// The part of update shared by update, patch and delete: carry over system fields, run the
// strategy, schema, admission and validation, decide between write, no-op and removal, and
// commit with compare-and-swap on the revision that was read.
import type { KubeObject } from "../object/types.ts";
import { dedupOwnerReferences } from "./_owner_refs.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import { admit, contentChanged, groupResource, sameObject, validateUpdate } from "./_common.ts";
import { applySchemaOnWrite } from "./_schema.ts";
import { updateManagedFields } from "../patch/mod.ts";
import { rfc3339 } from "./_time.ts";
import { objectKey } from "./_keys.ts";
import { toStatusError } from "./_errors.ts";
import { ignoredFieldsFor } from "./_ignored_fields.ts";

/** Options of {@linkcode prepareUpdate}. */
export interface PrepareUpdateOptions {
  /** `status` or `finalize` writes only that part. */
  subresource?: string;
  /** Unknown-field handling of the main endpoint. */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Managed fields were already computed (server-side apply). */
  managedFieldsDone?: boolean;
  /** The object is the result of a patch (strict decoding errors are worded as for a patch). */
  patched?: boolean;
}

function resetMetaForStatus(obj: KubeObject, old: KubeObject): void {
  const m = obj.metadata;
  const o = old.metadata;
  for (
    const k of [
      "deletionTimestamp",
      "generation",
      "labels",
      "annotations",
      "finalizers",
      "ownerReferences",
    ] as const
  ) {
    if (o[k] === undefined) delete m[k];
    else (m as Record<string, unknown>)[k] = structuredClone(o[k]);
  }
}

/**
 * Builds the object an update would store, or `undefined` for a no-op. `obj` is modified.
 */
export async function prepareUpdate(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  old: KubeObject,
  obj: KubeObject,
  options: PrepareUpdateOptions = {},
): Promise<KubeObject | undefined> {
  const meta = obj.metadata;
  const oldMeta = old.metadata;
  // A PUT's body is deduplicated as decoded; a patch's result only after admission (below).
  const patch = options.patched || options.managedFieldsDone;
  if (!patch) dedupOwnerReferences(ctx, obj, false);
  obj.apiVersion = old.apiVersion;
  obj.kind = old.kind;
  meta.resourceVersion = oldMeta.resourceVersion;
  if (!meta.uid) meta.uid = oldMeta.uid;
  meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds !== undefined) {
    meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  } else delete meta.deletionGracePeriodSeconds;
  if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
  else delete meta.generation;
  if (!type.namespaced) delete meta.namespace;

  const sub = options.subresource;
  if (sub === "status") {
    // Only the status changes through /status.
    const status = obj.status;
    for (const k of Object.keys(obj)) {
      if (k !== "metadata" && k !== "apiVersion" && k !== "kind") delete obj[k];
    }
    for (const [k, v] of Object.entries(old)) {
      if (k !== "metadata" && k !== "apiVersion" && k !== "kind" && k !== "status") {
        obj[k] = structuredClone(v);
      }
    }
    if (status !== undefined) obj.status = status;
    resetMetaForStatus(obj, old);
    type.strategy.prepareForStatusUpdate?.(obj, old);
  } else if (sub !== "finalize") {
    if (type.subresources.status) {
      if (old.status === undefined) delete obj.status;
      else obj.status = structuredClone(old.status);
    }
    type.strategy.prepareForUpdate?.(obj, old);
    applySchemaOnWrite(
      ctx,
      type,
      obj,
      options.fieldValidation ?? "Warn",
      options.patched ? "patch" : "body",
    );
  }

  if (ctx.admission.length) {
    await admit(ctx, req, "mutate", {
      operation: "UPDATE",
      type,
      object: obj,
      oldObject: old,
      subresource: sub,
    });
  }
  if (patch || ctx.admission.length) dedupOwnerReferences(ctx, obj, true);
  validateUpdate(ctx, type, obj, old, sub);
  if (
    type.strategy.generation && sub !== "status" &&
    contentChanged(old, obj, !!type.subresources.status)
  ) {
    meta.generation = (oldMeta.generation ?? 0) + 1;
  }
  if (ctx.admission.length) {
    await admit(ctx, req, "validate", {
      operation: "UPDATE",
      type,
      object: obj,
      oldObject: old,
      subresource: sub,
    });
  }
  if (sameObject(old, obj)) return undefined;
  for (const w of type.strategy.warnings?.(obj, old) ?? []) ctx.warn(w);
  if (!options.managedFieldsDone) {
    meta.managedFields = updateManagedFields({
      old,
      obj,
      manager: req.fieldManager ?? ctx.defaultFieldManager,
      operation: "Update",
      apiVersion: obj.apiVersion,
      time: rfc3339(ctx.now()),
      ...(sub ? { subresource: sub } : {}),
      ...(type.schema ? { schema: type.schema } : {}),
      ...ignoredFieldsFor(type, sub, obj),
    });
    if (meta.managedFields.length === 0) delete meta.managedFields;
  }
  return obj;
}

/** Whether an object whose deletion is pending may go now (no finalizers left). */
export function readyToDelete(type: ResourceType, obj: KubeObject): boolean {
  if (!obj.metadata.deletionTimestamp) return false;
  if (obj.metadata.finalizers?.length) return false;
  if (type.group === "" && type.kind === "Namespace") {
    const spec = obj.spec as { finalizers?: string[] } | undefined;
    if (spec?.finalizers?.length) return false;
  }
  return true;
}

/**
 * Writes `obj` over `old` with compare-and-swap on `old`'s revision, or removes it when its
 * deletion is pending and no finalizers remain. Storage errors come back as StatusErrors.
 */
export async function commitUpdate(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  old: KubeObject,
  obj: KubeObject,
): Promise<KubeObject> {
  const name = old.metadata.name ?? "";
  const key = objectKey(ctx.keyPrefix, type, old.metadata.namespace, name);
  const expectedRevision = Number(old.metadata.resourceVersion);
  if (readyToDelete(type, obj)) {
    if (req.dryRun) return obj;
    try {
      const last = await ctx.storage.delete(key, { expectedRevision });
      for (const l of ctx.listeners) {
        l({ type: "DELETED", resource: type, object: last, oldObject: old });
      }
      // As the apiserver's deleteWithoutFinalizers: a client that removed the last finalizer
      // gets the object it sent (without them), not the last stored state.
      return obj;
    } catch (e) {
      throw toStatusError(e, groupResource(type), name);
    }
  }
  if (req.dryRun) return obj;
  try {
    const stored = await ctx.storage.update(key, obj, { expectedRevision });
    for (const l of ctx.listeners) {
      l({ type: "MODIFIED", resource: type, object: stored, oldObject: old });
    }
    return stored;
  } catch (e) {
    throw toStatusError(e, groupResource(type), name);
  }
}
