// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Server-side apply: merging an applied configuration into the live object and tracking field
 * ownership, as the apiserver's field manager (structured-merge-diff) does.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import { required, tooLong } from "../errors/field_error.ts";
import {
  newBadRequest,
  newInternalServerError,
  newInvalid,
  StatusError,
} from "../errors/status_error.ts";
import {
  capManagers,
  decodeManaged,
  dropTopLevel,
  encodeManaged,
  type Managed,
  managerId,
  printManager,
  STRIP_SET,
} from "./_managed.ts";
import { rootSchema, type Schema } from "./_schema.ts";
import {
  difference,
  formatPath,
  hasPath,
  intersection,
  isEmptySet,
  newNode,
  paths,
  type SNode,
  union,
} from "./_set.ts";
import {
  compare,
  ensureNamedFieldsAreMembers,
  mergeApplied,
  removeItems,
  toFieldSet,
  TypedError,
} from "./_typed.ts";
import { cloneJson, deepEqual, goJson, isObject } from "./_util.ts";

/** Options of {@linkcode serverSideApply}. */
export interface ServerSideApplyOptions {
  /** The live object; absent when the apply creates it. */
  live?: KubeObject;
  /** The applied configuration (a partial object with apiVersion, kind and metadata.name). */
  applied: KubeObject;
  /** The field manager; required. */
  manager: string;
  /** Take ownership of conflicting fields instead of failing. */
  force: boolean;
  /** The kind's schema: list types, list map keys and atomic maps decide merging and ownership. */
  schema?: JSONSchemaProps;
  /** The API version of the endpoint the apply goes to. */
  apiVersion: string;
  /** The apply's time (RFC 3339, seconds). */
  time: string;
  /** The subresource applied to (`status`), if any. */
  subresource?: string;
  /** Top-level fields this endpoint resets and nobody owns through it (`status` on the main resource). */
  ignoredFields?: readonly string[];
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const MAX_MANAGER_LENGTH = 128;

/** The object without `metadata.managedFields`, sharing everything else. */
function content(obj: KubeObject): KubeObject {
  const meta = obj.metadata;
  if (!meta || meta.managedFields === undefined) return obj;
  const { managedFields: _, ...rest } = meta;
  return { ...obj, metadata: rest };
}

/**
 * An object's group, version and kind as Go's `schema.GroupVersionKind` prints them, which the
 * apiserver's apply errors show.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { gvkString } from "./server_side_apply.ts";
 *
 * assertEquals(gvkString({ apiVersion: "v1", kind: "Secret" }), "/v1, Kind=Secret");
 * assertEquals(gvkString({}), "/, Kind=");
 * ```
 *
 * @param obj The object (only its `apiVersion` and `kind` are read).
 * @returns `<group>/<version>, Kind=<kind>`.
 */
export function gvkString(obj: { apiVersion?: unknown; kind?: unknown }): string {
  const av = typeof obj.apiVersion === "string" ? obj.apiVersion : "";
  const i = av.indexOf("/");
  const [group, version] = i < 0 ? ["", av] : [av.slice(0, i), av.slice(i + 1)];
  return `${group}/${version}, Kind=${typeof obj.kind === "string" ? obj.kind : ""}`;
}

/** One field owned by another manager that the apply would change. */
interface Conflict {
  manager: Managed;
  id: string;
  path: string[];
}

/**
 * Applies a configuration server-side, as `PATCH` with `application/apply-patch+yaml` does: the
 * configuration merges into the live object (associative lists by their keys, granular maps by
 * key, everything else replaced); the manager's Apply entry becomes exactly the configured fields;
 * fields it applied before and now omits are removed unless another manager owns them; a field
 * another manager owns and the configuration sets to a different value is a conflict unless
 * `force` takes it over; setting the same value shares ownership. Update entries lose the fields
 * the apply changed. `kubectl` applies that only conflict with fields matching the object's
 * client-side `last-applied-configuration` take them over, and refresh that annotation.
 *
 * @param options The live object, the configuration, manager, force flag, schema, version, time.
 * @returns The merged object with its new managedFields (the live object, with new managedFields,
 * when nothing changed).
 * @throws {StatusError} 422 when the manager is missing, 400 when the configuration carries
 * managedFields or another kind, 409 Conflict (`Apply failed with 1 conflict: conflict with
 * "kubectl-client-side-apply" using v1: .data.k`) with `FieldManagerConflict` causes, 500 when the
 * configuration breaks its list rules (duplicate or missing list keys).
 *
 * @example A second manager setting a field differently conflicts
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { serverSideApply, StatusError } from "@k1s/core";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" } };
 * const time = "2026-01-01T00:00:00Z";
 * const live = serverSideApply({ applied: cm, manager: "alice", force: false, apiVersion: "v1", time });
 * assertEquals(live.metadata.managedFields![0]!.fieldsV1, { "f:data": { "f:k": {} } });
 * const err = assertThrows(
 *   () =>
 *     serverSideApply({ live, applied: { ...cm, data: { k: "w" } }, manager: "bob", force: false, apiVersion: "v1", time }),
 *   StatusError,
 * );
 * assertEquals(err.message, 'Apply failed with 1 conflict: conflict with "alice": .data.k');
 * ```
 */
export function serverSideApply(options: ServerSideApplyOptions): KubeObject {
  const { live, applied, manager, apiVersion } = options;
  if (!manager) {
    throw newInvalid({ group: "meta.k8s.io", kind: "PatchOptions" }, "", [
      required("fieldManager", "is required for apply patch"),
    ]);
  }
  if (manager.length > MAX_MANAGER_LENGTH) {
    throw newInvalid({ group: "meta.k8s.io", kind: "PatchOptions" }, "", [
      tooLong("fieldManager", MAX_MANAGER_LENGTH, "bytes"),
    ]);
  }
  if (!isObject(applied)) throw newBadRequest("apply patch must be an object");
  const expectedKind = live?.kind ?? applied.kind;
  if (applied.apiVersion !== apiVersion || applied.kind !== expectedKind) {
    throw newBadRequest(`invalid object type: ${gvkString(applied)}`);
  }
  if (applied.metadata?.managedFields !== undefined && applied.metadata?.managedFields !== null) {
    throw newBadRequest("metadata.managedFields must be nil");
  }

  const attempt = (force: boolean) => applyOnce(options, force);
  try {
    return attempt(options.force);
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    // lastAppliedManager: kubectl's first server-side apply may take over what its client-side
    // applies set, as long as those fields still hold the last-applied values.
    if (manager !== "kubectl" || !live) throw conflictStatus(e.conflicts);
    const allowed = allowedFromLastApplied(live, apiVersion, options.schema);
    if (!allowed) throw conflictStatus(e.conflicts);
    const left = e.conflicts.filter((c) => !hasPath(allowed, c.path));
    if (left.length > 0) throw conflictStatus(left);
    return attempt(true);
  }
}

class ConflictError extends Error {
  readonly conflicts: Conflict[];
  constructor(conflicts: Conflict[]) {
    super("apply conflicts");
    this.conflicts = conflicts;
  }
}

function applyOnce(options: ServerSideApplyOptions, force: boolean): KubeObject {
  const { live, applied, manager, apiVersion, subresource } = options;
  const s = rootSchema(options.schema);
  const liveContent: KubeObject | Record<string, never> = live ? content(live) : {};
  const applyId = managerId(manager, "Apply", apiVersion, subresource);
  const managed = decodeManaged(live?.metadata?.managedFields) ?? new Map<string, Managed>();

  let configSet: SNode;
  try {
    configSet = dropTopLevel(toFieldSet(applied, s, true), options.ignoredFields);
  } catch (e) {
    throw typedError(e, "patch", applied);
  }
  try {
    return applyTyped(options, force, s, liveContent, managed, applyId, configSet);
  } catch (e) {
    throw typedError(e, "live", live ?? applied);
  }
}

/** The 500 the apiserver answers an object that breaks its schema's list rules with. */
function typedError(e: unknown, which: "patch" | "live", obj: KubeObject): unknown {
  if (!(e instanceof TypedError)) return e;
  const meta = obj.metadata ?? {};
  return newInternalServerError(
    `failed to create typed ${which} object (${meta.namespace ?? ""}/${meta.name ?? ""}; ${
      gvkString(obj)
    }): ${e.message}`,
  );
}

function applyTyped(
  options: ServerSideApplyOptions,
  force: boolean,
  s: Schema,
  liveContent: KubeObject | Record<string, never>,
  managed: Map<string, Managed>,
  applyId: string,
  configSet: SNode,
): KubeObject {
  const { live, applied, manager, apiVersion, subresource, time } = options;
  let merged = mergeApplied(liveContent, applied, s);

  const last = managed.get(applyId);
  managed.set(applyId, {
    manager,
    operation: "Apply",
    apiVersion,
    ...(subresource ? { subresource } : {}),
    set: configSet,
  });
  if (last && !isEmptySet(last.set)) merged = prune(merged, managed, last.set, s);

  // Fields the result changes: conflicts for their other owners, and removals from every set.
  const cmp = compare(liveContent, merged, s);
  const changed = dropTopLevel(union(cmp.modified, cmp.added), options.ignoredFields);
  const removed = dropTopLevel(cmp.removed, options.ignoredFields);
  const conflicts: Conflict[] = [];
  const taken = new Map<string, SNode>();
  for (const [id, m] of managed) {
    if (id === applyId) continue;
    const c = intersection(m.set, changed);
    if (isEmptySet(c)) continue;
    taken.set(id, c);
    for (const path of paths(c)) conflicts.push({ manager: m, id, path });
  }
  if (!force && conflicts.length > 0) throw new ConflictError(conflicts);
  for (const [id, m] of managed) {
    if (id === applyId) continue;
    let set = m.set;
    const c = taken.get(id);
    if (c) set = difference(set, c);
    if (!isEmptySet(removed)) set = difference(set, removed);
    if (isEmptySet(set)) managed.delete(id);
    else if (set !== m.set) managed.set(id, { ...m, set });
  }

  // stripMetaManager: server-owned metadata is never the applier's.
  const own = difference(managed.get(applyId)!.set, STRIP_SET);
  const noop = deepEqual(liveContent, merged);
  if (isEmptySet(own)) managed.delete(applyId);
  else {
    const entry: Managed = { ...managed.get(applyId)!, set: own };
    // managedFieldsUpdater: the time moves only when the object changed.
    if (!noop) entry.time = time;
    else if (last?.time) entry.time = last.time;
    else delete entry.time;
    managed.set(applyId, entry);
  }
  capManagers(managed);

  const result = (noop && live ? cloneJson(content(live)) : merged) as KubeObject;
  const out: KubeObject = { ...result, metadata: { ...result.metadata } };
  if (manager === "kubectl" && live) syncLastApplied(out, live, applied);
  const entries = encodeManaged(managed);
  if (entries.length > 0) out.metadata.managedFields = entries;
  else delete out.metadata.managedFields;
  return out;
}

/** structured-merge-diff's `prune`: drop what the manager applied last time and no one owns now. */
function prune(merged: unknown, managed: Map<string, Managed>, lastSet: SNode, s: Schema): unknown {
  const last = ensureNamedFieldsAreMembers(lastSet, s);
  const pruned = removeItems(merged, last, s);
  // addBackOwnedItems: keep whatever any manager, the applier's new configuration included, owns.
  let owned = newNode();
  for (const m of managed.values()) owned = union(owned, m.set);
  const mergedSet = ensureNamedFieldsAreMembers(toFieldSet(merged, s, false), s);
  const prunedSet = ensureNamedFieldsAreMembers(toFieldSet(pruned, s, false), s);
  const ownedN = ensureNamedFieldsAreMembers(owned, s);
  const kept = removeItems(merged, difference(mergedSet, union(prunedSet, ownedN)), s);
  // addBackDanglingItems: only ever remove what the manager applied last time.
  const keptSet = ensureNamedFieldsAreMembers(toFieldSet(kept, s, false), s);
  return removeItems(merged, intersection(difference(mergedSet, keptSet), last), s);
}

/** The fields of `last-applied-configuration` that still hold their values in the live object. */
function allowedFromLastApplied(
  live: KubeObject,
  apiVersion: string,
  schema: JSONSchemaProps | undefined,
) {
  const text = live.metadata?.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(last) || last.apiVersion !== apiVersion) return undefined;
  const s = rootSchema(schema);
  try {
    const set = toFieldSet(last, s, false);
    const cmp = compare(last, content(live), s);
    return difference(difference(difference(set, cmp.modified), cmp.added), cmp.removed);
  } catch {
    return undefined;
  }
}

/** lastAppliedUpdater: kubectl's server-side applies keep a client-side annotation current. */
function syncLastApplied(out: KubeObject, live: KubeObject, applied: KubeObject): void {
  if (!live.metadata?.annotations?.[LAST_APPLIED]) return;
  const copy = { ...applied, metadata: { ...applied.metadata } };
  const ann = copy.metadata.annotations;
  if (ann) {
    const { [LAST_APPLIED]: _, ...rest } = ann;
    copy.metadata.annotations = rest;
  }
  const annotations: Record<string, string> = {
    ...out.metadata.annotations,
    [LAST_APPLIED]: `${goJson(copy)}\n`,
  };
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) size += k.length + v.length;
  if (size > 256 * 1024) delete annotations[LAST_APPLIED];
  out.metadata.annotations = annotations;
}

/** The 409 the apiserver answers conflicts with (`NewConflictError`). */
function conflictStatus(conflicts: readonly Conflict[]): StatusError {
  const sorted = [...conflicts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const causes = sorted.map((c) => ({
    reason: "FieldManagerConflict",
    message: `conflict with ${printManager(c.manager)}`,
    field: formatPath(c.path),
  }));
  let message: string;
  if (sorted.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(sorted[0]!.manager)}: ${
      formatPath(sorted[0]!.path)
    }`;
  } else {
    const lines: string[] = [];
    let prev: string | undefined;
    for (const c of sorted) {
      if (c.id !== prev) lines.push(`conflicts with ${printManager(c.manager)}:`);
      prev = c.id;
      lines.push(`- ${formatPath(c.path)}`);
    }
    message = `Apply failed with ${sorted.length} conflicts: ${lines.join("\n")}`;
  }
  return new StatusError({ reason: "Conflict", code: 409, message, details: { causes } });
}
