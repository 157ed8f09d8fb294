// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The list verb: selectors, paging with continue tokens, resourceVersion semantics.
 *
 * @module
 */
import type { KubeList } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import { newBadRequest, newGone, newInvalid } from "../errors/status_error.ts";
import { type FieldError, forbidden, notSupported } from "../errors/field_error.ts";
import { isStorageError } from "../storage/storage_error.ts";
import { authorize, groupResource } from "./_common.ts";
import { collectionPrefix } from "./_keys.ts";
import { decodeContinue, encodeContinue } from "./_continue.ts";
import { toStatusError } from "./_errors.ts";
import { applySchemaOnRead } from "./_schema.ts";
import { addImplicitObjects } from "./_implicit.ts";
import { checkMinResourceVersion } from "./get.ts";
import { buildPredicate, selectedName, type SelectorOptions } from "./_predicate.ts";

/** Options of {@linkcode listObjects}. */
export interface ListObjectsOptions extends SelectorOptions {
  /** Namespace to list; absent or empty: all namespaces. */
  namespace?: string;
  /** Most items per page (after filtering). */
  limit?: number;
  /** Token from a previous page's `metadata.continue`. */
  continue?: string;
  /** `""`: latest; `"0"`: any; `"N"`: not older than N (or exactly N with `Exact`). */
  resourceVersion?: string;
  /** `NotOlderThan` (default) or `Exact`. */
  resourceVersionMatch?: "NotOlderThan" | "Exact";
  /** Internal reads skip authorization. */
  skipAuthorization?: boolean;
  /** Items may be summaries (see `ListOptions.asTable`). */
  asTable?: boolean;
}

const CONTINUE_TOO_OLD =
  "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

function validateListOptions(o: ListObjectsOptions): void {
  // Every error at once, as apimachinery's ValidateListOptions.
  const errs: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (match) {
    if (!o.resourceVersion) {
      errs.push(forbidden(
        "resourceVersionMatch",
        "resourceVersionMatch is forbidden unless resourceVersion is provided",
      ));
    }
    if (o.continue) {
      errs.push(
        forbidden(
          "resourceVersionMatch",
          "resourceVersionMatch is forbidden when continue is provided",
        ),
      );
    }
    if (match !== "Exact" && match !== "NotOlderThan") {
      errs.push(notSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan", ""]));
    }
    if (match === "Exact" && o.resourceVersion === "0") {
      errs.push(forbidden(
        "resourceVersionMatch",
        `resourceVersionMatch "exact" is forbidden for resourceVersion "0"`,
      ));
    }
  }
  if (errs.length) throw newInvalid({ group: "meta.k8s.io", kind: "ListOptions" }, "", errs);
  if (o.continue && o.resourceVersion && o.resourceVersion !== "0") {
    throw newBadRequest("specifying resource version is not allowed when using continue");
  }
  if (o.limit !== undefined && (!Number.isInteger(o.limit) || o.limit < 0)) {
    throw newBadRequest(`invalid limit: ${o.limit}`);
  }
}

/**
 * Whether a list is served at exactly its resourceVersion: `Exact`, and, as the apiserver
 * keeps for old clients, a paged list (`limit`) at a version other than `""` and `"0"`.
 */
function exactRevision(o: ListObjectsOptions): boolean {
  if (o.resourceVersionMatch === "Exact") return true;
  return !o.resourceVersionMatch && !!o.limit && !!o.resourceVersion &&
    o.resourceVersion !== "0";
}

/**
 * Lists the objects of a type.
 *
 * @param ctx The server context.
 * @param req Who asks.
 * @param type The resource type.
 * @param options Namespace, selectors, paging, resourceVersion.
 * @returns The list, with `metadata.resourceVersion` the store revision it was read at.
 */
export async function listObjects(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  options: ListObjectsOptions = {},
): Promise<KubeList> {
  const namespace = type.namespaced && options.namespace ? options.namespace : undefined;
  if (ctx.authorizer && !options.skipAuthorization) {
    const name = selectedName(options);
    await authorize(ctx, req, type, { verb: "list", namespace, ...(name ? { name } : {}) });
  }
  validateListOptions(options);
  const pred = buildPredicate(type, options);
  const prefix = collectionPrefix(ctx.keyPrefix, type, namespace);
  let start: string | undefined;
  let revision = 0;
  if (options.continue) {
    const c = decodeContinue(options.continue, prefix);
    start = c.start;
    revision = c.rv > 0 ? c.rv : 0;
  } else if (exactRevision(options)) {
    revision = Number(options.resourceVersion);
    if (!Number.isSafeInteger(revision)) {
      throw newBadRequest(`invalid resource version: ${JSON.stringify(options.resourceVersion)}`);
    }
  } else {
    await checkMinResourceVersion(ctx, options.resourceVersion);
  }
  let result;
  try {
    result = await ctx.storage.list({
      prefix,
      ...(start ? { start } : {}),
      ...(revision ? { revision } : {}),
      ...(options.limit ? { limit: options.limit } : {}),
      ...(pred ? { filter: pred } : {}),
      // A summary holds metadata: enough for label selectors, not for field selectors.
      ...(options.asTable && !type.custom && !options.fieldSelector ? { summaries: true } : {}),
    });
  } catch (e) {
    if (options.continue && isStorageError(e, "Compacted") && start) {
      const err = newGone(CONTINUE_TOO_OLD);
      err.status.metadata = {} as Record<string, never>;
      (err.status as unknown as { metadata: { continue: string } }).metadata.continue =
        encodeContinue(
          -1,
          prefix,
          start,
        );
      throw err;
    }
    if (revision && isStorageError(e, "Compacted")) {
      // What etcd3's GetList says of a revision compacted away.
      throw newGone("The resourceVersion for the provided list is too old.");
    }
    throw toStatusError(e, groupResource(type), "");
  }
  if (ctx.implicitObjects) {
    await addImplicitObjects(ctx, type, {
      namespace,
      start,
      next: result.more ? result.next : undefined,
      pred,
    }, result.items);
  }
  // In place (it changes custom objects, returns each one): no copy of a long list.
  for (const o of result.items) applySchemaOnRead(ctx, type, o);
  const items = result.items;
  const list: KubeList = {
    apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
    kind: type.listKind,
    metadata: { resourceVersion: String(result.revision) },
    items,
  };
  if (result.more && result.next) {
    list.metadata.continue = encodeContinue(result.revision, prefix, result.next);
    if (!pred && result.remaining !== undefined) {
      list.metadata.remainingItemCount = result.remaining;
    }
  }
  return list;
}
