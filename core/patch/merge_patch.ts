// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * JSON merge patch (RFC 7386), as `application/merge-patch+json` requests and
 * controller-runtime's `client.MergeFrom` use it.
 *
 * @module
 */
import { newBadRequest } from "../errors/status_error.ts";
import { cloneJson, deepEqual, isObject, type JsonObject, own, setKey } from "./_util.ts";

/**
 * Applies a JSON merge patch (RFC 7386) as the apiserver does (evanphx/json-patch): `null`
 * deletes a key, objects merge recursively, other values (lists included) replace. Values that
 * land where nothing (or no object) was have their nulls pruned. A list patch replaces the whole
 * document. Neither input is modified.
 *
 * @param target The document to patch.
 * @param patch The merge patch: an object (or a list).
 * @returns The patched document.
 * @throws {StatusError} 400 `Invalid JSON Patch` when the patch is null or a scalar.
 *
 * @example Change one key and delete another
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { applyMergePatch } from "@k1s/core";
 * const cm = { data: { a: "1", b: "2" } };
 * assertEquals(applyMergePatch(cm, { data: { a: "x", b: null } }), { data: { a: "x" } });
 * ```
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object") throw newBadRequest("Invalid JSON Patch");
  if (Array.isArray(patch) || !isObject(target)) return pruneNulls(patch);
  return mergeDocs(target, patch as JsonObject);
}

function mergeDocs(cur: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...cur };
  for (const k in patch) {
    const v = patch[k];
    if (v === undefined) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const c = own(out, k);
    if (c === undefined || c === null || !isObject(c)) setKey(out, k, pruneNulls(v));
    else if (!isObject(v)) setKey(out, k, cloneJson(v));
    else setKey(out, k, mergeDocs(c, v));
  }
  // Untouched subtrees are shared above; copy them so the result never aliases the target.
  for (const k in out) {
    if (!Object.hasOwn(patch, k) && out[k] !== undefined) out[k] = cloneJson(out[k]);
  }
  return out;
}

/** A copy without null members, at any depth (null list items stay), as evanphx prunes. */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === null ? null : pruneNulls(x)));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k in v) if (v[k] !== null && v[k] !== undefined) setKey(out, k, pruneNulls(v[k]));
  return out;
}

/**
 * Creates the JSON merge patch that turns `original` into `modified`, as evanphx/json-patch's
 * `CreateMergePatch` does: changed and added keys carry the new value, removed keys `null`, nested
 * objects are diffed, lists are sent whole when they differ.
 *
 * @param original The old document (an object).
 * @param modified The new document (an object).
 * @returns The merge patch.
 * @throws {TypeError} If either document is not an object.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createMergePatch } from "@k1s/core";
 * assertEquals(
 *   createMergePatch({ data: { a: "1", b: "2" } }, { data: { a: "x" }, immutable: true }),
 *   { data: { a: "x", b: null }, immutable: true },
 * );
 * ```
 */
export function createMergePatch(original: unknown, modified: unknown): Record<string, unknown> {
  if (!isObject(original) || !isObject(modified)) {
    throw new TypeError("Cannot create a merge patch: both documents must be JSON objects");
  }
  return diffObjects(original, modified);
}

function diffObjects(a: JsonObject, b: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const k in b) {
    const bv = b[k];
    if (bv === undefined) continue;
    const av = own(a, k);
    if (av === undefined) {
      setKey(into, k, cloneJson(bv));
      continue;
    }
    if (isObject(av) && isObject(bv)) {
      const d = diffObjects(av, bv);
      if (Object.keys(d).length > 0) setKey(into, k, d);
    } else if (!deepEqual(av, bv)) {
      setKey(into, k, cloneJson(bv));
    }
  }
  for (const k in a) if (a[k] !== undefined && own(b, k) === undefined) setKey(into, k, null);
  return into;
}
