// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The delete and deletecollection verbs: preconditions, finalizers, propagation policies and
 * the namespace rules.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import {
  newConflict,
  newForbidden,
  newInvalid,
  newNotFound,
  StatusError,
} from "../errors/status_error.ts";
import { notSupported } from "../errors/field_error.ts";
import { isStorageError } from "../storage/storage_error.ts";
import { authorize, groupResource } from "./_common.ts";
import { objectKey } from "./_keys.ts";
import { toStatusError } from "./_errors.ts";
import { rfc3339 } from "./_time.ts";
import { commitUpdate } from "./_update_core.ts";
import { listObjects } from "./list.ts";
import type { SelectorOptions } from "./_predicate.ts";

/** How dependents are handled when an owner is deleted. */
export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

/** Options of {@linkcode deleteObject}. */
export interface DeleteObjectOptions {
  /** Background (default), Foreground or Orphan. */
  propagationPolicy?: PropagationPolicy;
  /** The object must still have this uid and/or resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
  /** Accepted for kubectl compatibility; deletion is always immediate (grace 0). */
  gracePeriodSeconds?: number;
  /** Internal deletes of the runtime (garbage collector) skip authorization. */
  skipAuthorization?: boolean;
}

const IMMORTAL_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);
const ORPHAN = "orphan";
const FOREGROUND = "foregroundDeletion";

function preconditionError(
  type: ResourceType,
  key: string,
  name: string,
  detail: string,
): StatusError {
  return newConflict(
    groupResource(type),
    name,
    `StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ${detail}`,
  );
}

/** Finalizers after applying a propagation policy (apiserver `deletionFinalizersForGarbageCollection`). */
function finalizersFor(
  current: readonly string[],
  policy: PropagationPolicy | undefined,
): string[] {
  const out = current.filter((f) => !(policy && (f === ORPHAN || f === FOREGROUND)));
  if (policy === "Orphan") out.push(ORPHAN);
  if (policy === "Foreground") out.push(FOREGROUND);
  return out;
}

/**
 * Deletes an object, or marks it for deletion while finalizers remain.
 *
 * @param ctx The server context.
 * @param req Who asks, dry run.
 * @param type The resource type.
 * @param key Namespace and name.
 * @param options Propagation policy and preconditions.
 * @returns The last state of a removed object, or the object marked for deletion.
 */
export async function deleteObject(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  key: { namespace?: string; name: string },
  options: DeleteObjectOptions = {},
): Promise<KubeObject> {
  const namespace = type.namespaced ? key.namespace : undefined;
  const name = key.name;
  if (!options.skipAuthorization) {
    await authorize(ctx, req, type, { verb: "delete", namespace, name });
  }
  const policy = options.propagationPolicy;
  if (
    policy !== undefined && policy !== "Background" && policy !== "Foreground" &&
    policy !== "Orphan"
  ) {
    throw newInvalid({ group: "meta.k8s.io", kind: "DeleteOptions" }, "", [
      notSupported("propagationPolicy", policy, ["Foreground", "Background", "Orphan", "nil"]),
    ]);
  }
  const isNamespace = type.group === "" && type.kind === "Namespace";
  if (isNamespace && IMMORTAL_NAMESPACES.has(name)) {
    throw newForbidden(groupResource(type), name, "this namespace may not be deleted");
  }
  const storageKey = objectKey(ctx.keyPrefix, type, namespace, name);
  for (;;) {
    let current: KubeObject | undefined;
    try {
      current = await ctx.storage.get(storageKey);
    } catch (e) {
      throw toStatusError(e, groupResource(type), name);
    }
    if (!current) throw newNotFound(groupResource(type), name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw preconditionError(
        type,
        storageKey,
        name,
        `UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw preconditionError(
        type,
        storageKey,
        name,
        `ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    if (isNamespace && current.metadata.deletionTimestamp) {
      throw newConflict(
        groupResource(type),
        name,
        "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.",
      );
    }
    try {
      return await deleteOnce(ctx, req, type, current, storageKey, policy, isNamespace);
    } catch (e) {
      // Another writer changed the object between our read and our write: read again.
      if (
        e instanceof StatusError && e.status.reason === "Conflict" &&
        !e.message.includes("Precondition")
      ) {
        continue;
      }
      throw e;
    }
  }
}

async function deleteOnce(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  current: KubeObject,
  storageKey: string,
  policy: PropagationPolicy | undefined,
  isNamespace: boolean,
): Promise<KubeObject> {
  const finalizers = finalizersFor(current.metadata.finalizers ?? [], policy);
  const specFinalizers = isNamespace
    ? (current.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []
    : [];
  const pending = !!current.metadata.deletionTimestamp;
  if (finalizers.length || specFinalizers.length) {
    const same = finalizers.length === (current.metadata.finalizers ?? []).length &&
      finalizers.every((f, i) => f === current.metadata.finalizers![i]);
    if (pending && same) return current;
    const next = structuredClone(current);
    next.metadata.finalizers = finalizers;
    if (!finalizers.length) delete next.metadata.finalizers;
    if (!pending) {
      next.metadata.deletionTimestamp = rfc3339(ctx.now());
      next.metadata.deletionGracePeriodSeconds = 0;
      if (type.strategy.generation && (next.metadata.generation ?? 0) > 0) {
        next.metadata.generation! += 1;
      }
      if (isNamespace) next.status = { ...(next.status as object ?? {}), phase: "Terminating" };
    }
    return await commitUpdate(ctx, req, type, current, next);
  }
  if (req.dryRun) return current;
  try {
    const last = await ctx.storage.delete(storageKey, {
      expectedRevision: Number(current.metadata.resourceVersion),
    });
    for (const l of ctx.listeners) {
      l({ type: "DELETED", resource: type, object: last, oldObject: current });
    }
    return last;
  } catch (e) {
    if (isStorageError(e, "KeyNotFound")) {
      throw newNotFound(groupResource(type), current.metadata.name ?? "");
    }
    throw toStatusError(e, groupResource(type), current.metadata.name ?? "");
  }
}

/** Options of {@linkcode deleteCollection}. */
export interface DeleteCollectionOptions extends SelectorOptions, DeleteObjectOptions {
  /** Namespace; absent: all namespaces (cluster-scoped types: everything). */
  namespace?: string;
}

/**
 * Deletes every object of a type matching the selectors (deletecollection).
 *
 * @param ctx The server context.
 * @param req Who asks, dry run.
 * @param type The resource type.
 * @param options Namespace, selectors and delete options.
 * @returns The objects deleted or marked for deletion.
 */
export async function deleteCollection(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  options: DeleteCollectionOptions = {},
): Promise<KubeObject[]> {
  const namespace = type.namespaced ? options.namespace : undefined;
  if (!options.skipAuthorization) {
    await authorize(ctx, req, type, { verb: "deletecollection", namespace });
  }
  const list = await listObjects(ctx, req, type, {
    ...(namespace ? { namespace } : {}),
    ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
    ...(options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
    skipAuthorization: true,
  });
  const out: KubeObject[] = [];
  for (const item of list.items) {
    try {
      out.push(
        await deleteObject(ctx, req, type, {
          namespace: item.metadata.namespace,
          name: item.metadata.name!,
        }, {
          ...options,
          skipAuthorization: true,
        }),
      );
    } catch (e) {
      if (e instanceof StatusError && e.status.reason === "NotFound") continue;
      if (
        e instanceof StatusError && e.status.reason === "Forbidden" && type.kind === "Namespace"
      ) continue;
      throw e;
    }
  }
  return out;
}
