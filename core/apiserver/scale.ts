// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The scale subresource of custom resources that declare `subresources.scale`: reads and writes
 * an `autoscaling/v1` `Scale` whose `spec.replicas` is the object's field at
 * `specReplicasPath`, as the apiextensions API server serves it.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType, ScaleSubresource } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import { newNotFound } from "../errors/status_error.ts";
import { authorize, groupResource } from "./_common.ts";
import { objectKey } from "./_keys.ts";
import { noSubresource, toStatusError } from "./_errors.ts";

/** Where a scale's numbers live: `.spec.replicas` → `["spec", "replicas"]`. */
export function scaleFields(path: string): string[] {
  return path.replace(/^\./, "").split(".");
}

function nested(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const f of path) {
    if (!cur || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[f];
  }
  return cur;
}

/** Sets a nested field, creating the maps on the way. */
export function setNested(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const f of path.slice(0, -1)) {
    const next = cur[f];
    if (!next || typeof next !== "object" || Array.isArray(next)) cur[f] = {};
    cur = cur[f] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

/** The type's scale subresource, or 404. */
export function scaleSpec(type: ResourceType): ScaleSubresource {
  const s = type.subresources.scale;
  if (!s) throw noSubresource();
  return s;
}

/**
 * The `Scale` of an object: replicas from its spec and status paths (0 when absent, as
 * `int32` fields), the selector string from `labelSelectorPath`, identity from its metadata.
 *
 * @param type The resource type (with `subresources.scale`).
 * @param obj The object.
 * @returns The `autoscaling/v1` `Scale`.
 */
export function scaleOf(type: ResourceType, obj: KubeObject): KubeObject {
  const s = scaleSpec(type);
  const int = (v: unknown) => typeof v === "number" && Number.isInteger(v) ? v : 0;
  const specReplicas = int(nested(obj, scaleFields(s.specReplicasPath)));
  const status: Record<string, unknown> = {
    replicas: int(nested(obj, scaleFields(s.statusReplicasPath))),
  };
  const selector = s.labelSelectorPath ? nested(obj, scaleFields(s.labelSelectorPath)) : undefined;
  if (typeof selector === "string" && selector) status.selector = selector;
  const m = obj.metadata;
  return {
    apiVersion: "autoscaling/v1",
    kind: "Scale",
    metadata: {
      name: m.name,
      ...(m.namespace ? { namespace: m.namespace } : {}),
      ...(m.uid ? { uid: m.uid } : {}),
      ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
      ...(m.creationTimestamp ? { creationTimestamp: m.creationTimestamp } : {}),
    },
    // `replicas` is omitempty in ScaleSpec.
    spec: specReplicas ? { replicas: specReplicas } : {},
    status,
  };
}

/**
 * Reads the scale of an object.
 *
 * @param ctx The server context.
 * @param req Who asks.
 * @param type The resource type.
 * @param key Namespace and name.
 * @returns The `Scale`.
 */
export async function getScale(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  key: { namespace?: string; name: string },
): Promise<KubeObject> {
  const namespace = type.namespaced ? key.namespace : undefined;
  await authorize(ctx, req, type, { verb: "get", namespace, name: key.name, subresource: "scale" });
  scaleSpec(type);
  return scaleOf(type, await currentObject(ctx, type, namespace, key.name));
}

/** The stored object, or 404. */
export async function currentObject(
  ctx: ServerContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): Promise<KubeObject> {
  let obj: KubeObject | undefined;
  try {
    obj = await ctx.storage.get(objectKey(ctx.keyPrefix, type, namespace, name));
  } catch (e) {
    throw toStatusError(e, groupResource(type), name);
  }
  if (!obj) throw newNotFound(groupResource(type), name);
  return obj;
}
