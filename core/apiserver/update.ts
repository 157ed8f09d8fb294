// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The update verb (PUT), for the main resource and the status subresource.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { cloneJson } from "../object/clone.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import {
  newBadRequest,
  newConflict,
  newInvalid,
  newNotFound,
  StatusError,
} from "../errors/status_error.ts";
import { invalid, RawValue } from "../errors/field_error.ts";
import { authorize, groupKind, groupResource } from "./_common.ts";
import { objectKey } from "./_keys.ts";
import { noSubresource, toStatusError } from "./_errors.ts";
import { commitUpdate, prepareUpdate } from "./_update_core.ts";
import { assertBodyDecodes } from "../builtins/_decode.ts";

/** Options of {@linkcode updateObject}. */
export interface UpdateObjectOptions {
  /** The namespace of the request; must match the object's when both are set. */
  namespace?: string;
  /** `status` writes only the status; `finalize` (namespaces) only `spec.finalizers`. */
  subresource?: "status" | "finalize";
  /** Unknown-field handling. @default {"Warn"} */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Internal writes of the runtime skip authorization. */
  skipAuthorization?: boolean;
}

export { noSubresource };

/**
 * Replaces an object. Its `metadata.resourceVersion` must be the stored one (409 Conflict
 * otherwise); an empty one is an unconditional update where the kind allows it.
 *
 * @param ctx The server context.
 * @param req Who asks, dry run, field manager.
 * @param type The resource type.
 * @param input The new state; not modified.
 * @param options Subresource and unknown-field handling.
 * @returns The stored object (unchanged when the update is a no-op).
 */
export async function updateObject(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  input: KubeObject,
  options: UpdateObjectOptions = {},
): Promise<KubeObject> {
  const obj = cloneJson(input);
  // The apiserver decodes the body into the kind's type before anything else looks at it.
  assertBodyDecodes(type, obj);
  const meta = (obj.metadata ??= {});
  if (type.namespaced) {
    if (options.namespace && meta.namespace && meta.namespace !== options.namespace) {
      throw newBadRequest(
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    meta.namespace ||= options.namespace;
  } else {
    delete meta.namespace;
  }
  const name = meta.name ?? "";
  const sub = options.subresource;
  if (!options.skipAuthorization) {
    await authorize(ctx, req, type, {
      verb: "update",
      namespace: meta.namespace,
      name,
      ...(sub ? { subresource: sub } : {}),
    });
  }
  if (sub === "status" && !type.subresources.status) throw noSubresource();
  if (sub === "finalize" && !(type.group === "" && type.kind === "Namespace")) {
    throw noSubresource();
  }
  if (!name) {
    throw newInvalid(groupKind(type), "", [{
      type: "FieldValueRequired",
      field: "metadata.name",
      detail: "name is required",
    }]);
  }
  const rv = meta.resourceVersion ?? "";
  // An unconditional update that another writer got in before is made again on the new state,
  // as the apiserver's update loop does; a conditional one is a Conflict.
  const body = rv === "" ? cloneJson(obj) : undefined;
  for (let attempt = 0;; attempt++) {
    const given = attempt === 0 ? obj : cloneJson(body!);
    let old: KubeObject | undefined;
    try {
      old = await ctx.storage.get(objectKey(ctx.keyPrefix, type, meta.namespace, name));
    } catch (e) {
      throw toStatusError(e, groupResource(type), name);
    }
    if (!old) throw newNotFound(groupResource(type), name);
    if (rv === "") {
      if (!type.strategy.allowUnconditionalUpdate) {
        throw newInvalid(groupKind(type), name, [
          invalid(
            "metadata.resourceVersion",
            new RawValue("0x0"),
            "must be specified for an update",
          ),
        ]);
      }
    } else if (rv !== old.metadata.resourceVersion) {
      throw newConflict(groupResource(type), name);
    }
    let next: KubeObject | undefined;
    if (sub === "finalize") {
      // Only spec.finalizers changes through /finalize.
      const finalizers = (given.spec as { finalizers?: string[] } | undefined)?.finalizers;
      next = structuredClone(old);
      const spec = (next.spec ??= {}) as { finalizers?: string[] };
      if (finalizers?.length) spec.finalizers = finalizers;
      else delete spec.finalizers;
      next = await prepareUpdate(ctx, req, type, old, next, { subresource: "finalize" });
    } else {
      next = await prepareUpdate(ctx, req, type, old, given, {
        ...(sub ? { subresource: sub } : {}),
        ...(options.fieldValidation ? { fieldValidation: options.fieldValidation } : {}),
      });
    }
    if (!next) return old;
    try {
      return await commitUpdate(ctx, req, type, old, next);
    } catch (e) {
      if (body && e instanceof StatusError && e.status.reason === "Conflict" && attempt < 50) {
        continue;
      }
      throw e;
    }
  }
}
