// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The create verb: the apiserver's create handler, registry store and admission chain, in
 * process.
 *
 * @module
 */
import type { KubeObject, ManagedFieldsEntry } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { cloneJson } from "../object/clone.ts";
import { dedupOwnerReferences } from "./_owner_refs.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import {
  newAlreadyExists,
  newBadRequest,
  newForbidden,
  newInternalServerError,
  newNotFound,
} from "../errors/status_error.ts";
import { isStorageError } from "../storage/storage_error.ts";
import type { Storage, StoragePrecondition } from "../storage/types.ts";
import { admit, authorize, groupResource, validateCreate } from "./_common.ts";
import { collectionPrefix, objectKey } from "./_keys.ts";
import { rfc3339 } from "./_time.ts";
import { generateName } from "./_names.ts";
import { toStatusError } from "./_errors.ts";
import { ignoredFieldsFor } from "./_ignored_fields.ts";
import { applySchemaOnWrite } from "./_schema.ts";
import { updateManagedFields } from "../patch/mod.ts";
import { assertBodyDecodes } from "../builtins/_decode.ts";

/** How unknown fields are treated: `Strict` rejects, `Warn` drops with a warning, `Ignore` drops. */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** Options of {@linkcode createObject}. */
export interface CreateObjectOptions {
  /** The namespace of the request; the object's own namespace must match it when both are set. */
  namespace?: string;
  /** Unknown-field handling. @default {"Warn"} */
  fieldValidation?: FieldValidation;
  /** Skips the authorization check (internal writes of the runtime itself). */
  skipAuthorization?: boolean;
  /** Managed fields already computed (server-side apply creating the object). */
  managedFields?: ManagedFieldsEntry[];
}

const NAMESPACE_TYPE_KEY = "/namespaces/";
/** Retries of a create whose namespace changed meanwhile (re-read and checked each time). */
const NAMESPACE_RETRIES = 8;

/**
 * Per storage (a runtime's store, or one transaction's view of it): the revision of each
 * namespace a create found active. Later creates in it send that revision as a storage
 * precondition instead of reading the namespace again (on etcd, one round trip instead of
 * two); a namespace changed since makes the create fail with `Conflict`, and it is read again.
 */
const activeNamespaces = new WeakMap<Storage, Map<string, number>>();

/**
 * Checks that the namespace exists and is not being deleted, as the NamespaceLifecycle
 * admission plugin does, and returns the precondition that keeps the create from committing
 * if the namespace changes before it does.
 */
export async function checkNamespaceForCreate(
  ctx: ServerContext,
  type: ResourceType,
  namespace: string,
  name: string,
  options: { fresh?: boolean } = {},
): Promise<StoragePrecondition> {
  const key = `${ctx.keyPrefix}${NAMESPACE_TYPE_KEY}${namespace}`;
  let active = activeNamespaces.get(ctx.storage);
  const known = options.fresh ? undefined : active?.get(namespace);
  if (known !== undefined) return { key, revision: known };
  // Not `noCopy`: a shared copy may lack its resourceVersion, which the precondition needs.
  const ns = await ctx.storage.get(key);
  active?.delete(namespace);
  if (!ns) throw newNotFound({ group: "", resource: "namespaces" }, namespace);
  const phase = (ns.status as { phase?: string } | undefined)?.phase;
  if (phase === "Terminating" || ns.metadata.deletionTimestamp) {
    throw newForbidden(
      groupResource(type),
      name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
    );
  }
  const revision = Number(ns.metadata.resourceVersion);
  if (!active) activeNamespaces.set(ctx.storage, active = new Map());
  active.set(namespace, revision);
  return { key, revision };
}

/**
 * Creates an object of `type`: namespace and name rules, system fields, defaulting, admission,
 * validation, field management and the store write.
 *
 * @param ctx The server context.
 * @param req Who asks, dry run, field manager.
 * @param type The resource type of the object.
 * @param input The object; not modified.
 * @param options Request namespace and unknown-field handling.
 * @returns The stored object (for a dry run, the object as it would be stored).
 */
export async function createObject(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  input: KubeObject,
  options: CreateObjectOptions = {},
): Promise<KubeObject> {
  const obj = cloneJson(input);
  // The apiserver decodes the body into the kind's type before anything else looks at it.
  assertBodyDecodes(type, obj);
  dedupOwnerReferences(ctx, obj, false);
  obj.apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  obj.kind = type.kind;
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
  const rv = meta.resourceVersion;
  if (rv !== undefined && rv !== "" && /^\d+$/.test(rv) && rv !== "0") {
    throw newInternalServerError("resourceVersion should not be set on objects to be created");
  }
  // `delete` only when present: deleting turns V8 objects into slow dictionaries.
  if (meta.resourceVersion !== undefined) delete meta.resourceVersion;
  if (ctx.authorizer && !options.skipAuthorization) {
    await authorize(ctx, req, type, { verb: "create", namespace: meta.namespace });
  }

  const generated = !meta.name && !!meta.generateName;
  if (generated) meta.name = generateName(meta.generateName!);
  meta.uid = crypto.randomUUID();
  meta.creationTimestamp = rfc3339(ctx.now());
  if (meta.deletionTimestamp !== undefined) delete meta.deletionTimestamp;
  if (meta.deletionGracePeriodSeconds !== undefined) delete meta.deletionGracePeriodSeconds;
  if (type.strategy.generation) meta.generation = 1;
  else if (meta.generation !== undefined) delete meta.generation;
  // The body is decoded (pruned, defaulted, unknown fields reported) before the strategy drops
  // the status of a kind with a status subresource, so an unknown field there is reported too.
  applySchemaOnWrite(ctx, type, obj, options.fieldValidation ?? "Warn");
  if (type.custom && type.subresources.status && obj.status !== undefined) delete obj.status;
  type.strategy.prepareForCreate?.(obj);

  if (ctx.admission.length) {
    await admit(ctx, req, "mutate", { operation: "CREATE", type, object: obj });
    dedupOwnerReferences(ctx, obj, true);
  }
  validateCreate(ctx, type, obj);
  let precondition = type.namespaced && meta.namespace
    ? await checkNamespaceForCreate(ctx, type, meta.namespace, meta.name ?? "")
    : undefined;
  if (ctx.admission.length) {
    await admit(ctx, req, "validate", { operation: "CREATE", type, object: obj });
  }
  for (const w of type.strategy.warnings?.(obj, undefined) ?? []) ctx.warn(w);

  meta.managedFields = options.managedFields ?? updateManagedFields({
    obj,
    manager: req.fieldManager ?? ctx.defaultFieldManager,
    operation: "Update",
    apiVersion: obj.apiVersion,
    time: meta.creationTimestamp,
    ...(type.schema ? { schema: type.schema } : {}),
    ...ignoredFieldsFor(type, undefined, obj),
  });
  if (meta.managedFields.length === 0) delete meta.managedFields;
  if (req.dryRun) {
    // The dry-run storage answers as the create would: an object of that name already exists.
    const key = objectKey(ctx.keyPrefix, type, meta.namespace, meta.name!);
    let existing: KubeObject | undefined;
    try {
      existing = await ctx.storage.get(key);
    } catch (e) {
      throw toStatusError(e, groupResource(type), meta.name!);
    }
    if (existing) {
      throw newAlreadyExists(groupResource(type), meta.name!, {
        terminating: !!existing.metadata.deletionTimestamp,
        generated,
      });
    }
    return obj;
  }

  for (let attempt = 0, nsAttempt = 0;; attempt++) {
    const key = objectKey(ctx.keyPrefix, type, meta.namespace, meta.name!);
    try {
      const stored = await ctx.storage.create(key, obj, precondition ? { precondition } : {});
      notify(ctx, type, stored);
      return stored;
    } catch (e) {
      if (
        precondition && isStorageError(e, "Conflict") && e.key === precondition.key &&
        ++nsAttempt < NAMESPACE_RETRIES
      ) {
        // The namespace changed since it was checked: check it again (it may be gone or
        // terminating now).
        precondition = await checkNamespaceForCreate(ctx, type, meta.namespace!, meta.name!, {
          fresh: true,
        });
        continue;
      }
      if (isStorageError(e, "KeyExists")) {
        if (generated && attempt < 7) {
          meta.name = generateName(meta.generateName!);
          continue;
        }
        const existing = await ctx.storage.get(key).catch(() => undefined);
        throw newAlreadyExists(groupResource(type), meta.name!, {
          terminating: !!existing?.metadata.deletionTimestamp,
          generated,
        });
      }
      throw toStatusError(e, groupResource(type), meta.name!);
    }
  }
}

function notify(ctx: ServerContext, type: ResourceType, obj: KubeObject): void {
  for (const l of ctx.listeners) l({ type: "ADDED", resource: type, object: obj });
}

/** The key prefix under which the objects of a type live (for callers that scan). */
export function typePrefix(ctx: ServerContext, type: ResourceType, namespace?: string): string {
  return collectionPrefix(ctx.keyPrefix, type, namespace);
}
