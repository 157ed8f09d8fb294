// Copyright 2026 the k1s authors. Apache-2.0 license.
// Writes of the scale subresource (see scale.ts), loaded with the other write verbs.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import {
  newBadRequest,
  newConflict,
  newInvalid,
  newUnsupportedMediaType,
  StatusError,
} from "../errors/status_error.ts";
import { invalid } from "../errors/field_error.ts";
import { cloneJson } from "../object/clone.ts";
import { authorize, groupResource } from "./_common.ts";
import { commitUpdate, prepareUpdate } from "./_update_core.ts";
import { applyJsonPatch, applyMergePatch } from "../patch/mod.ts";
import type { PatchType } from "./patch.ts";
import { decodePatch } from "../patch/decode_patch.ts";
import { currentObject, scaleFields, scaleOf, scaleSpec, setNested } from "./scale.ts";

const SCALE_GK = { group: "autoscaling", kind: "Scale" };

/**
 * Replaces the scale of an object: sets its desired replicas. A `Scale` carrying a
 * resourceVersion must match the object's; one without retries on concurrent writes.
 *
 * @param ctx The server context.
 * @param req Who asks, dry run, field manager.
 * @param type The resource type.
 * @param key Namespace and name.
 * @param scale The new `Scale`.
 * @returns The `Scale` stored.
 */
export async function updateScale(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  key: { namespace?: string; name: string },
  scale: KubeObject,
): Promise<KubeObject> {
  const namespace = type.namespaced ? key.namespace : undefined;
  await authorize(ctx, req, type, {
    verb: "update",
    namespace,
    name: key.name,
    subresource: "scale",
  });
  scaleSpec(type);
  return await writeScale(ctx, req, type, namespace, key.name, () => cloneJson(scale));
}

/**
 * Patches the scale of an object (JSON, merge or strategic merge patch of the `Scale`).
 *
 * @param ctx The server context.
 * @param req Who asks, dry run, field manager.
 * @param type The resource type.
 * @param key Namespace and name.
 * @param patchType The patch format.
 * @param patch The patch (an object, or JSON text).
 * @returns The `Scale` stored.
 */
export async function patchScale(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  key: { namespace?: string; name: string },
  patchType: PatchType,
  patch: unknown,
): Promise<KubeObject> {
  const namespace = type.namespaced ? key.namespace : undefined;
  await authorize(ctx, req, type, {
    verb: "patch",
    namespace,
    name: key.name,
    subresource: "scale",
  });
  scaleSpec(type);
  if (patchType === "apply") {
    throw newUnsupportedMediaType(
      "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json",
    );
  }
  const body = decodePatch(patch);
  // A Scale has no lists: a strategic merge patch of it is a merge patch.
  return await writeScale(ctx, req, type, namespace, key.name, (obj) => {
    const before = scaleOf(type, obj);
    return (patchType === "json"
      ? applyJsonPatch(before, body)
      : applyMergePatch(before, body)) as KubeObject;
  });
}

async function writeScale(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  scaleFor: (obj: KubeObject) => KubeObject,
): Promise<KubeObject> {
  const s = scaleSpec(type);
  for (let attempt = 0;; attempt++) {
    const obj = await currentObject(ctx, type, namespace, name);
    const scale = scaleFor(obj);
    if (!scale || typeof scale !== "object" || Array.isArray(scale)) {
      throw newBadRequest("the patch did not produce an object");
    }
    const meta = scale.metadata ?? {};
    if (meta.name !== undefined && meta.name !== "" && meta.name !== name) {
      throw newBadRequest(
        `the name of the object (${meta.name}) does not match the name on the URL (${name})`,
      );
    }
    const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas ?? 0;
    if (typeof replicas !== "number" || !Number.isInteger(replicas)) {
      throw newBadRequest(
        `Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${
          typeof replicas === "string"
            ? "string"
            : typeof replicas === "number"
            ? "number"
            : "object"
        } into Go struct field ScaleSpec.spec.replicas of type int32`,
      );
    }
    if (replicas < 0) {
      throw newInvalid(SCALE_GK, name, [
        invalid("spec.replicas", replicas, "must be greater than or equal to 0"),
      ]);
    }
    const pinned = meta.resourceVersion;
    if (pinned && pinned !== obj.metadata.resourceVersion) {
      throw newConflict(groupResource(type), name);
    }
    const next = cloneJson(obj);
    setNested(
      next as unknown as Record<string, unknown>,
      scaleFields(s.specReplicasPath),
      replicas,
    );
    const prepared = await prepareUpdate(ctx, req, type, obj, next, { subresource: "scale" });
    if (!prepared) return scaleOf(type, obj);
    try {
      return scaleOf(type, await commitUpdate(ctx, req, type, obj, prepared));
    } catch (e) {
      // As for a patch (patch.ts): a Scale patched from the object carries its
      // resourceVersion, so only one that sets its own fails, at the check above.
      if (e instanceof StatusError && e.status.reason === "Conflict" && attempt < 50) continue;
      throw e;
    }
  }
}
