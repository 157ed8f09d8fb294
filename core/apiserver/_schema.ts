// Copyright 2026 the k1s authors. Apache-2.0 license.
// Schema stages of the write and read paths: pruning (with fieldValidation) and defaulting.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { ServerContext } from "./context.ts";
import { newBadRequest } from "../errors/status_error.ts";

/** Prunes unknown fields (rejecting or warning per `fieldValidation`) and fills defaults. */
export function applySchemaOnWrite(
  ctx: ServerContext,
  type: ResourceType,
  obj: KubeObject,
  fieldValidation: "Strict" | "Warn" | "Ignore",
  source: "body" | "patch" = "body",
): void {
  const s = ctx.schemaFor?.(type);
  if (!s) return;
  const unknown = s.prune(obj);
  if (unknown.length) {
    if (fieldValidation === "Strict") {
      const strict = `strict decoding error: ${
        unknown.map((p) => `unknown field "${p}"`).join(", ")
      }`;
      // A request body is decoded by the codec, which names the kind and version it could not
      // decode into; a patched object is converted without it.
      throw newBadRequest(
        source === "patch"
          ? strict
          : `${obj.kind} in version "${type.version}" cannot be handled as a ${obj.kind}: ${strict}`,
      );
    }
    if (fieldValidation === "Warn") { for (const p of unknown) ctx.warn(`unknown field "${p}"`); }
  }
  s.default(obj);
}

/** Defaulting and pruning on read, so objects stored before a schema change read as today's. */
export function applySchemaOnRead(
  ctx: ServerContext,
  type: ResourceType,
  obj: KubeObject,
): KubeObject {
  // Built-in kinds are stored in their final form; only custom kinds change with their schema.
  if (!type.custom) return obj;
  const s = ctx.schemaFor?.(type);
  if (s) {
    s.prune(obj);
    s.default(obj);
  }
  if (type.custom) {
    // Custom resources have one stored version; other served versions convert by relabelling
    // (conversion strategy None).
    obj.apiVersion = `${type.group}/${type.version}`;
  }
  return obj;
}
