// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The get verb.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import { newBadRequest, newNotFound, newTimeout } from "../errors/status_error.ts";
import { authorize, groupResource } from "./_common.ts";
import { objectKey } from "./_keys.ts";
import { noSubresource, toStatusError } from "./_errors.ts";
import { applySchemaOnRead } from "./_schema.ts";
import { implicitObject } from "./_implicit.ts";

/** Options of {@linkcode getObject}. */
export interface GetObjectOptions {
  /** `""`: latest; `"0"`: any; `"N"`: not older than N. */
  resourceVersion?: string;
  /** `status`: read through the status subresource (authorized as `<resource>/status`). */
  subresource?: "status";
  /** Internal reads of the runtime itself skip authorization. */
  skipAuthorization?: boolean;
}

/**
 * Reads one object.
 *
 * @param ctx The server context.
 * @param req Who asks.
 * @param type The resource type.
 * @param key Namespace (for namespaced types) and name.
 * @param options resourceVersion semantics.
 * @returns The object.
 */
export async function getObject(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  key: { namespace?: string; name: string },
  options: GetObjectOptions = {},
): Promise<KubeObject> {
  const namespace = type.namespaced ? key.namespace : undefined;
  const sub = options.subresource;
  if (ctx.authorizer && !options.skipAuthorization) {
    await authorize(ctx, req, type, {
      verb: "get",
      namespace,
      name: key.name,
      ...(sub ? { subresource: sub } : {}),
    });
  }
  if (sub === "status" && !type.subresources.status) throw noSubresource();
  if (!key.name) throw newNotFound(groupResource(type), "");
  if (type.namespaced && !namespace) {
    throw newBadRequest("a namespace must be specified for a namespaced resource");
  }
  if (options.resourceVersion) await checkMinResourceVersion(ctx, options.resourceVersion);
  let obj: KubeObject | undefined;
  try {
    obj = await ctx.storage.get(objectKey(ctx.keyPrefix, type, namespace, key.name));
  } catch (e) {
    throw toStatusError(e, groupResource(type), key.name);
  }
  obj ??= await implicitObject(ctx, type, namespace, key.name);
  if (!obj) throw newNotFound(groupResource(type), key.name);
  return applySchemaOnRead(ctx, type, obj);
}

/** Rejects a resourceVersion ahead of the store (504) or unparseable (400). */
export async function checkMinResourceVersion(
  ctx: ServerContext,
  rv: string | undefined,
): Promise<number> {
  if (!rv || rv === "0") return 0;
  if (!/^\d+$/.test(rv)) throw newBadRequest(`invalid resource version: ${JSON.stringify(rv)}`);
  const want = Number(rv);
  const current = await ctx.storage.revision();
  if (want > current) throw newTimeout(`Too large resource version: ${want}, current: ${current}`);
  return want;
}
