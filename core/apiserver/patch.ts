// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The patch verb: JSON patch, merge patch, strategic merge patch and server-side apply.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import {
  newBadRequest,
  newConflict,
  newInvalid,
  newNotFound,
  newUnsupportedMediaType,
  StatusError,
} from "../errors/status_error.ts";
import { required } from "../errors/field_error.ts";
import { authorize, groupResource } from "./_common.ts";
import { objectKey } from "./_keys.ts";
import { toStatusError } from "./_errors.ts";
import { commitUpdate, prepareUpdate } from "./_update_core.ts";
import { createObject } from "./create.ts";
import { noSubresource } from "./update.ts";
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  serverSideApply,
} from "../patch/mod.ts";
import { gvkString } from "../patch/server_side_apply.ts";
import { rfc3339 } from "./_time.ts";
import { ignoredFieldsFor } from "./_ignored_fields.ts";
import { assertPatchedDecodes } from "../builtins/_decode.ts";
import { decodePatch } from "../patch/decode_patch.ts";

/** The patch formats. */
export type PatchType = "json" | "merge" | "strategic" | "apply";

/** Options of {@linkcode patchObject}. */
export interface PatchObjectOptions {
  /** `status` patches only the status. */
  subresource?: "status";
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
  /** Unknown-field handling. @default {"Warn"} */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Internal writes skip authorization. */
  skipAuthorization?: boolean;
}

const MEDIA_TYPES =
  "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

/**
 * Patches an object. Patches that do not carry a resourceVersion retry on concurrent writes,
 * as the apiserver's GuaranteedUpdate does; one that does must match the stored revision.
 *
 * @param ctx The server context.
 * @param req Who asks, dry run, field manager.
 * @param type The resource type.
 * @param key Namespace and name.
 * @param patchType The patch format.
 * @param body The patch (an object, or JSON text).
 * @param options Subresource, force, unknown-field handling.
 * @returns The stored object.
 */
export async function patchObject(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  key: { namespace?: string; name: string },
  patchType: PatchType,
  body: unknown,
  options: PatchObjectOptions = {},
): Promise<KubeObject> {
  const namespace = type.namespaced ? key.namespace : undefined;
  const name = key.name;
  const sub = options.subresource;
  if (!options.skipAuthorization) {
    await authorize(ctx, req, type, {
      verb: "patch",
      namespace,
      name,
      ...(sub ? { subresource: sub } : {}),
    });
  }
  if (sub === "status" && !type.subresources.status) throw noSubresource();
  if (!["json", "merge", "strategic", "apply"].includes(patchType)) {
    throw newUnsupportedMediaType(MEDIA_TYPES);
  }
  if (patchType === "strategic" && !type.strategy.strategicMerge) {
    throw newUnsupportedMediaType(MEDIA_TYPES);
  }
  if (patchType === "apply" && !req.fieldManager) {
    throw newInvalid({ group: "meta.k8s.io", kind: "PatchOptions" }, "", [
      required("fieldManager", "is required for apply patch"),
    ]);
  }
  const patch = decodePatch(body);
  const storageKey = objectKey(ctx.keyPrefix, type, namespace, name);
  for (let attempt = 0;; attempt++) {
    let current: KubeObject | undefined;
    try {
      current = await ctx.storage.get(storageKey);
    } catch (e) {
      throw toStatusError(e, groupResource(type), name);
    }
    if (!current) {
      if (patchType !== "apply" || sub) throw newNotFound(groupResource(type), name);
      return await applyCreate(ctx, req, type, key, patch, options);
    }
    let next: KubeObject;
    let managedFieldsDone = false;
    switch (patchType) {
      case "json":
        next = applyJsonPatch(current, patch) as KubeObject;
        break;
      case "merge":
        next = applyMergePatch(current, patch) as KubeObject;
        break;
      case "strategic":
        next = applyStrategicMergePatch(current, patch, type.schema) as KubeObject;
        break;
      default:
        checkApplyTarget(type, patch, name, namespace);
        next = serverSideApply({
          live: current,
          applied: patch as KubeObject,
          manager: req.fieldManager!,
          force: options.force ?? false,
          apiVersion: current.apiVersion,
          time: rfc3339(ctx.now()),
          ...(sub ? { subresource: sub } : {}),
          ...(type.schema ? { schema: type.schema } : {}),
          ...ignoredFieldsFor(type, sub, current),
        });
        managedFieldsDone = true;
    }
    if (!next || typeof next !== "object" || Array.isArray(next)) {
      throw newBadRequest("the patch did not produce an object");
    }
    // The patched object is decoded into the kind's type, as a request body is.
    if (patchType !== "apply") assertPatchedDecodes(type, next, { patchType, patch, current });
    next.metadata ??= {};
    const pinned = next.metadata.resourceVersion;
    if (pinned !== undefined && pinned !== current.metadata.resourceVersion) {
      throw newConflict(groupResource(type), name);
    }
    if (next.metadata.name !== undefined && next.metadata.name !== name) {
      throw newBadRequest(
        `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    next.metadata.name = name;
    if (namespace) next.metadata.namespace = namespace;
    const prepared = await prepareUpdate(ctx, req, type, current, next, {
      ...(sub ? { subresource: sub } : {}),
      ...(options.fieldValidation ? { fieldValidation: options.fieldValidation } : {}),
      managedFieldsDone,
      patched: patchType !== "apply",
    });
    if (!prepared) return current;
    try {
      return await commitUpdate(ctx, req, type, current, prepared);
    } catch (e) {
      // Another writer got in between: patch the object afresh, as the apiserver's update loop
      // does. The patched object carries the resourceVersion it was patched from, so only a
      // patch that sets one of its own fails (the check above, next time round).
      if (e instanceof StatusError && e.status.reason === "Conflict" && attempt < 50) continue;
      throw e;
    }
  }
}

function checkApplyTarget(
  type: ResourceType,
  patch: unknown,
  name: string,
  namespace?: string,
): void {
  const p = patch as Partial<KubeObject>;
  if (!p || typeof p !== "object" || Array.isArray(p)) {
    throw newBadRequest("apply patch must be an object");
  }
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  // The apiserver's field manager checks the applied object's type (versionCheckManager).
  if (p.apiVersion !== apiVersion || p.kind !== type.kind) {
    throw newBadRequest(`invalid object type: ${gvkString(p)}`);
  }
  if (p.metadata?.name && p.metadata.name !== name) {
    throw newBadRequest(
      `the name of the object (${p.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  if (namespace && p.metadata?.namespace && p.metadata.namespace !== namespace) {
    throw newBadRequest(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
}

async function applyCreate(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  key: { namespace?: string; name: string },
  patch: unknown,
  options: PatchObjectOptions,
): Promise<KubeObject> {
  checkApplyTarget(type, patch, key.name, key.namespace);
  const applied = structuredClone(patch) as KubeObject;
  applied.metadata = { ...applied.metadata, name: key.name };
  if (type.namespaced && key.namespace) applied.metadata.namespace = key.namespace;
  const merged = serverSideApply({
    applied,
    manager: req.fieldManager!,
    force: options.force ?? false,
    apiVersion: applied.apiVersion,
    time: rfc3339(ctx.now()),
    ...(type.schema ? { schema: type.schema } : {}),
    ...ignoredFieldsFor(type, undefined, applied),
  });
  const managed = merged.metadata.managedFields;
  return await createObject(ctx, req, type, merged, {
    ...(key.namespace ? { namespace: key.namespace } : {}),
    ...(options.fieldValidation ? { fieldValidation: options.fieldValidation } : {}),
    skipAuthorization: true,
    ...(managed ? { managedFields: managed } : {}),
  });
}
