// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Strategic merge patch: applying one as the apiserver does, and creating two- and three-way
 * patches as kubectl does (`kubectl apply` client side, `kubectl edit`).
 *
 * @module
 */
import type { JSONSchemaProps } from "../schema/types.ts";
import { newBadRequest, newInternalServerError } from "../errors/status_error.ts";
import { notApplied } from "./_not_applied.ts";
import { rootSchema } from "./_schema.ts";
import {
  diffMaps,
  mergeMap,
  mergingMapsHaveConflicts,
  SERVER_MERGE,
  SmpError,
} from "./_strategic.ts";
import { cloneJson, isObject, type JsonObject, sortKeysDeep } from "./_util.ts";
import { applyMergePatch, createMergePatch } from "./merge_patch.ts";

/**
 * Applies a strategic merge patch as the apiserver does (apimachinery `strategicpatch`), driven by
 * the schema's `x-kubernetes-patch-strategy` and `x-kubernetes-patch-merge-key`: lists of objects
 * with a merge key merge item by item, lists of scalars with the `merge` strategy merge as sets,
 * other lists are replaced; maps merge and `null` deletes. Directives: `$patch: replace|delete`
 * (on maps and in lists), `$retainKeys`, `$deleteFromPrimitiveList/<field>`,
 * `$setElementOrder/<field>`. Without a schema maps merge and lists are replaced; `metadata`
 * always follows ObjectMeta (finalizers merge, ownerReferences merge by uid). Neither input is
 * modified.
 *
 * @param original The object to patch.
 * @param patch The patch, an object.
 * @param schema The kind's schema, if any.
 * @returns The patched object.
 * @throws {StatusError} 400 for a malformed patch or directive, 422 (the apiserver's generic
 * wording) for lists of lists, 500 for other failures such as a list item without its merge key
 * (`map: map[value:b] does not contain declared merge key: name`).
 *
 * @example Merge containers by name
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { applyStrategicMergePatch, type JSONSchemaProps } from "@k1s/core";
 * const schema: JSONSchemaProps = {
 *   type: "object",
 *   properties: {
 *     containers: {
 *       type: "array",
 *       items: { type: "object" },
 *       "x-kubernetes-patch-strategy": "merge",
 *       "x-kubernetes-patch-merge-key": "name",
 *     },
 *   },
 * };
 * const pod = { containers: [{ name: "a", image: "a:1" }, { name: "b", image: "b:1" }] };
 * assertEquals(
 *   applyStrategicMergePatch(pod, { containers: [{ name: "b", image: "b:2" }] }, schema),
 *   { containers: [{ name: "a", image: "a:1" }, { name: "b", image: "b:2" }] },
 * );
 * ```
 */
export function applyStrategicMergePatch(
  original: unknown,
  patch: unknown,
  schema?: JSONSchemaProps,
): unknown {
  if (patch === null) return isObject(original) ? cloneJson(original) : {};
  if (!isObject(patch)) {
    throw newBadRequest(
      `json: cannot unmarshal ${goKind(patch)} into Go value of type map[string]interface {}`,
    );
  }
  const doc = isObject(original) ? cloneJson(original) : {};
  try {
    return mergeMap(doc, cloneJson(patch), rootSchema(schema), SERVER_MERGE);
  } catch (e) {
    throw toStatusError(e);
  }
}

/**
 * Creates the strategic merge patch that turns `original` into `modified`, as
 * `strategicpatch.CreateTwoWayMergePatch` does (with `$setElementOrder` lists).
 *
 * @param original The old object.
 * @param modified The new object.
 * @param schema The kind's schema, if any.
 * @returns The patch, keys sorted as Go serializes them.
 * @throws {Error} When the documents cannot be diffed (say, an item lacks its merge key).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createTwoWayMergePatch } from "@k1s/core";
 * assertEquals(
 *   createTwoWayMergePatch({ data: { a: "1", b: "2" } }, { data: { a: "1", c: "3" } }, undefined),
 *   { data: { b: null, c: "3" } },
 * );
 * ```
 */
export function createTwoWayMergePatch(
  original: unknown,
  modified: unknown,
  schema?: JSONSchemaProps,
): Record<string, unknown> {
  const o = isObject(original) ? cloneJson(original) : {};
  const m = isObject(modified) ? cloneJson(modified) : {};
  return sortKeysDeep(diffMaps(o, m, rootSchema(schema), { setElementOrder: true }));
}

/** Options of {@linkcode createThreeWayMergePatch}. */
export interface ThreeWayMergePatchOptions {
  /** The last applied configuration (`kubectl.kubernetes.io/last-applied-configuration`), if any. */
  original?: unknown;
  /** The new configuration. */
  modified: unknown;
  /** The live object. */
  current: unknown;
  /** The kind's schema (strategic patches only). */
  schema?: JSONSchemaProps;
  /** `true`: strategic merge patch (built-in kinds); `false`: JSON merge patch (custom resources). */
  strategic: boolean;
  /**
   * Overwrite changes made to the live object since `original` instead of failing
   * (strategic patches only; kubectl's `--overwrite`).
   * @default {true}
   */
  overwrite?: boolean;
}

/**
 * Creates the patch `kubectl apply` (client side) sends: the changes from `current` to `modified`
 * without deletions, plus the deletions from `original` to `modified`. Fields never in `original`
 * are left alone. With `strategic: false` it is a JSON merge patch, as kubectl sends for custom
 * resources (`jsonmergepatch.CreateThreeWayJSONMergePatch`).
 *
 * @param options Original, modified and current documents, schema, patch flavour.
 * @returns The patch, keys sorted as Go serializes them.
 * @throws {Error} When the documents cannot be diffed, or on a conflict (`overwrite: false`, or
 * JSON merge patches whose additions and deletions disagree).
 *
 * @example Remove a key the last apply set, keep one another writer added
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createThreeWayMergePatch } from "@k1s/core";
 * const patch = createThreeWayMergePatch({
 *   original: { data: { a: "1", b: "2" } },
 *   modified: { data: { a: "1" } },
 *   current: { data: { a: "1", b: "2", mine: "x" } },
 *   strategic: true,
 * });
 * assertEquals(patch, { data: { b: null } });
 * ```
 */
export function createThreeWayMergePatch(
  options: ThreeWayMergePatchOptions,
): Record<string, unknown> {
  const original = isObject(options.original) ? options.original : {};
  const modified = isObject(options.modified) ? options.modified : {};
  const current = isObject(options.current) ? options.current : {};
  if (!options.strategic) return sortKeysDeep(threeWayJson(original, modified, current));

  const s = rootSchema(options.schema);
  const delta = diffMaps(cloneJson(current), cloneJson(modified), s, {
    ignoreDeletions: true,
    setElementOrder: true,
  });
  const deletions = diffMaps(cloneJson(original), cloneJson(modified), s, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
  });
  const patch = mergeMap(deletions, delta, s, {
    mergeParallelList: false,
    ignoreUnmatchedNulls: false,
  });
  if (options.overwrite === false) {
    const changed = diffMaps(cloneJson(original), cloneJson(current), s, {});
    if (mergingMapsHaveConflicts(patch, changed, s)) throw conflictError(patch, changed);
  }
  return sortKeysDeep(patch);
}

function threeWayJson(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const addAndChange = keepOrDeleteNull(createMergePatch(current, modified), false);
  const deletions = keepOrDeleteNull(createMergePatch(original, modified), true);
  if (hasConflicts(addAndChange, deletions)) throw conflictError(addAndChange, deletions);
  return applyMergePatch(deletions, addAndChange) as JsonObject;
}

/** Keeps only the nulls (`keepNull`) or everything but them; empty sub-maps are values. */
function keepOrDeleteNull(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(m)) {
    if (v === null) {
      if (keepNull) out[k] = null;
    } else if (isObject(v)) {
      if (Object.keys(v).length === 0) {
        if (!keepNull) out[k] = v;
        continue;
      }
      const sub = keepOrDeleteNull(v, keepNull);
      if (Object.keys(sub).length > 0) out[k] = sub;
    } else if (!keepNull) {
      out[k] = v;
    }
  }
  return out;
}

/** `mergepatch.HasConflicts`: the same key set to different values. */
function hasConflicts(left: unknown, right: unknown): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    for (const k of Object.keys(left)) {
      if (Object.hasOwn(right, k) && hasConflicts(left[k], right[k])) return true;
    }
    return false;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    return left.some((v, i) => hasConflicts(v, right[i]));
  }
  return left !== right;
}

function conflictError(patch: unknown, changed: unknown): Error {
  return new Error(
    `patch:\n${JSON.stringify(patch)}\nconflicts with changes made from original to current:\n${
      JSON.stringify(changed)
    }\n`,
  );
}

function toStatusError(e: unknown): unknown {
  if (!(e instanceof SmpError)) return e;
  switch (e.kind) {
    case "BadRequest":
      return newBadRequest(e.message);
    case "Invalid":
      return notApplied(e, { unexpectedResponse: true });
    default:
      return newInternalServerError(e.message);
  }
}

function goKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "boolean" ? "bool" : typeof v;
}
