// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The strategic merge patch engine, a port of apimachinery's `pkg/util/strategicpatch` (schema
 * flavour, `PatchMetaFromOpenAPI`). Functions mutate their arguments as the Go code does; the
 * public wrappers hand them private copies. Map iteration follows insertion order where Go's is
 * random, which only affects key order in results.
 *
 * @module
 */
import { fieldSchema, itemSchema, resolveSchema, type Schema } from "./_schema.ts";
import {
  deepEqual,
  goFormat,
  goTypeName,
  isObject,
  type JsonObject,
  own,
  setKey,
} from "./_util.ts";

const DIRECTIVE = "$patch";
const DELETE = "delete";
const REPLACE = "replace";
const MERGE = "merge";
const RETAIN_KEYS = "retainKeys";
const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
const RETAIN_KEYS_DIRECTIVE = "$retainKeys";
const SET_ELEMENT_ORDER = "$setElementOrder";

/** How the apiserver answers an error: 400, 422 (its generic wording) or 500. */
export type SmpErrorKind = "BadRequest" | "Invalid" | "Internal";

/** An error of the strategic merge engine, classified as the apiserver classifies it. */
export class SmpError extends Error {
  /** How the apiserver reports it. */
  readonly kind: SmpErrorKind;
  constructor(message: string, kind: SmpErrorKind = "Internal") {
    super(message);
    this.name = "StrategicMergePatchError";
    this.kind = kind;
  }
}

// The mergepatch sentinel errors.
const errBadPatchFormatForPrimitiveList = () =>
  new SmpError("invalid patch format of primitive list", "BadRequest");
const errBadPatchFormatForRetainKeys = () =>
  new SmpError("invalid patch format of retainKeys", "BadRequest");
const errBadPatchFormatForSetElementOrderList = () =>
  new SmpError("invalid patch format of setElementOrder list", "BadRequest");
const errNoListOfLists = () => new SmpError("lists of lists are not supported", "Invalid");

function errBadArgType(expected: string, actual: unknown): SmpError {
  return new SmpError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}
function errNoMergeKey(m: unknown, k: string): SmpError {
  return new SmpError(`map: ${goFormat(m)} does not contain declared merge key: ${k}`);
}
function errBadPatchType(t: unknown, m: unknown): SmpError {
  return new SmpError(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);
}

const MAP = "map[string]interface {}";
const SLICE = "[]interface {}";

/** Patch metadata of a field: its strategies and merge key. */
interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

function patchMeta(s: Schema): PatchMeta {
  const strategy = s?.["x-kubernetes-patch-strategy"];
  return {
    strategies: strategy ? strategy.split(",") : [],
    mergeKey: s?.["x-kubernetes-patch-merge-key"] ?? "",
  };
}

/** `LookupPatchMetadataForStruct`: the field's schema and patch metadata. */
function lookupStruct(s: Schema, key: string): [Schema, PatchMeta] {
  const [sub] = fieldSchema(resolveSchema(s), key);
  return [sub, patchMeta(sub)];
}

/** `LookupPatchMetadataForSlice`: the list's item schema and the list's patch metadata. */
function lookupSlice(s: Schema, key: string): [Schema, PatchMeta] {
  const [sub] = fieldSchema(resolveSchema(s), key);
  return [itemSchema(sub), patchMeta(sub)];
}

function extractRetainKeysPatchStrategy(strategies: string[]): [boolean, string] {
  switch (strategies.length) {
    case 0:
      return [false, ""];
    case 1:
      return strategies[0] === RETAIN_KEYS ? [true, ""] : [false, strategies[0]!];
    case 2:
      if (strategies[0] === RETAIN_KEYS) return [true, strategies[1]!];
      if (strategies[1] === RETAIN_KEYS) return [true, strategies[0]!];
  }
  throw new SmpError(`unexpected patch strategy: [${strategies.join(" ")}]`);
}

/** Go's `reflect.TypeOf` comparison for decoded JSON values. */
function sameType(a: unknown, b: unknown): boolean {
  return goTypeName(a) === goTypeName(b);
}

// ---------------------------------------------------------------------------------------------
// Scalars as Go compares them: through their `%v` text.

function lessScalar(a: unknown, b: unknown): number {
  const x = goFormat(a), y = goFormat(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `sortScalars`: sorts in place by `%v` text. */
function sortScalars(s: unknown[]): unknown[] {
  return s.sort(lessScalar);
}

/** `deduplicateScalars`: Go's swap-with-last algorithm, whose reordering later sorts undo. */
function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

type Kind = "map" | "slice" | "scalar";

/** `sliceElementType`: the common kind of the items of all lists. */
function sliceElementType(...slices: unknown[][]): Kind {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = goTypeName(v);
      if (prev === undefined) {
        prev = t;
        if (t === SLICE) throw errNoListOfLists();
      } else if (prev !== t) {
        throw new SmpError(`list element types are not identical: ${goFormat(slices)}`);
      }
    }
  }
  if (prev === undefined) throw new SmpError("no elements in any of the given slices");
  return prev === MAP ? "map" : prev === SLICE ? "slice" : "scalar";
}

// ---------------------------------------------------------------------------------------------
// Applying a patch.

/** Options of {@linkcode mergeMap}. */
export interface MergeOptions {
  /** Merge the `$deleteFromPrimitiveList` and `$setElementOrder` lists (server side). */
  mergeParallelList: boolean;
  /** Drop nulls that match nothing in the original (server side). */
  ignoreUnmatchedNulls: boolean;
}

/** Options the apiserver applies patches with. */
export const SERVER_MERGE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

function handleDirectiveInMergeMap(directive: unknown, patch: JsonObject): JsonObject {
  if (directive === REPLACE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE) return {};
  throw errBadPatchType(directive, patch);
}

/** Merges `patch` into `original` (both mutated) following the schema's patch strategies. */
export function mergeMap(
  original: JsonObject | undefined,
  patch: JsonObject,
  s: Schema,
  opts: MergeOptions,
): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE)) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  original ??= {};
  applyRetainKeysDirective(original, patch, opts);
  mergePatchIntoOriginal(original, patch, s, opts);

  for (const key of Object.keys(patch)) {
    if (!Object.hasOwn(patch, key)) continue;
    const patchV = patch[key];
    let k = key;
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        setKey(original, k, patchV);
        continue;
      }
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }

    if (patchV === null) {
      delete original[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }

    if (!Object.hasOwn(original, k)) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) setKey(original, k, v);
      }
      continue;
    }

    const originalV = original[k];
    if (!sameType(originalV, patchV)) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) setKey(original, k, v);
        else delete original[k];
      }
      continue;
    }

    if (isObject(originalV)) {
      const [sub, meta] = lookupStruct(s, k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      setKey(
        original,
        k,
        strategy !== REPLACE ? mergeMap(originalV, patchV as JsonObject, sub, opts) : patchV,
      );
    } else if (Array.isArray(originalV)) {
      const [sub, meta] = lookupSlice(s, k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      setKey(
        original,
        k,
        mergeSliceHandler(
          originalV,
          patchV as unknown[],
          sub,
          strategy,
          meta.mergeKey,
          isDeleteList,
          opts,
        ),
      );
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) setKey(original, k, v);
      else delete original[k];
    }
  }
  return original;
}

function discardNullValuesFromPatch(v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) discardNullValuesFromPatch(x);
  } else if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]);
    }
  }
}

/** Removes `$patch` maps from a value taken whole from the patch; `[value, keep]`. */
function removeDirectives(obj: unknown): [unknown, boolean] {
  if (Array.isArray(obj)) {
    const res: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  if (isObject(obj)) {
    if (Object.hasOwn(obj, DIRECTIVE)) return [undefined, false];
    for (const k of Object.keys(obj)) {
      const [nv, keep] = removeDirectives(obj[k]);
      if (keep) obj[k] = nv;
      else delete obj[k];
    }
    return [obj, true];
  }
  return [obj, true];
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf("/");
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw errBadPatchFormatForPrimitiveList();
    if (prefix === SET_ELEMENT_ORDER) throw errBadPatchFormatForSetElementOrderList();
    throw new SmpError(`fail to find unknown prefix "${prefix}" in ${s}`);
  }
  return s.slice(i + 1);
}

function applyRetainKeysDirective(
  original: JsonObject,
  patch: JsonObject,
  opts: MergeOptions,
): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retainKeysInPatch = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];

  if (!opts.mergeParallelList) {
    // `original` is itself a patch here (three-way merge): the two directives must agree.
    if (Object.hasOwn(original, RETAIN_KEYS_DIRECTIVE)) {
      if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE], retainKeysInPatch)) {
        throw new SmpError(
          `${goFormat(original[RETAIN_KEYS_DIRECTIVE])} and ${
            goFormat(retainKeysInPatch)
          } are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      original[RETAIN_KEYS_DIRECTIVE] = retainKeysInPatch;
    }
    return;
  }

  if (!Array.isArray(retainKeysInPatch)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set(retainKeysInPatch);
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) {
      continue;
    }
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergePatchIntoOriginal(
  original: JsonObject,
  patch: JsonObject,
  s: Schema,
  opts: MergeOptions,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER) || !Object.hasOwn(patch, key)) continue;
    const setElementOrderInPatch = patch[key];
    if (!opts.mergeParallelList) {
      if (Object.hasOwn(original, key)) {
        if (!deepEqual(original[key], setElementOrderInPatch)) {
          throw errBadPatchFormatForSetElementOrderList();
        }
      } else {
        original[key] = setElementOrderInPatch;
      }
    }
    delete patch[key];

    if (!Array.isArray(setElementOrderInPatch)) throw errBadArgType(SLICE, setElementOrderInPatch);
    const order = setElementOrderInPatch;
    const originalKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = Object.hasOwn(original, originalKey);
    const foundPatch = Object.hasOwn(patch, originalKey);
    const originalList = original[originalKey];
    const patchList = patch[originalKey];
    let originalFieldValue: unknown[] = [];
    let patchFieldValue: unknown[] = [];
    if (foundOriginal) {
      if (!Array.isArray(originalList)) throw errBadArgType(SLICE, originalList);
      originalFieldValue = originalList;
    }
    if (foundPatch) {
      if (!Array.isArray(patchList)) throw errBadArgType(SLICE, patchList);
      patchFieldValue = patchList;
    }
    const [sub, meta] = lookupSlice(s, originalKey);
    const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(foundPatch ? patchFieldValue : undefined, order, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalFieldValue;
    else if (!foundOriginal && foundPatch) {
      merged = removeDirectives(patchFieldValue)[0] as unknown[];
    } else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(
        originalFieldValue,
        patchFieldValue,
        sub,
        strategy,
        meta.mergeKey,
        false,
        opts,
      );
    } else continue;

    const [patchItems, serverOnlyItems] = meta.mergeKey === ""
      ? partitionPrimitivesByPresentInList(merged, order)
      : partitionMapsByPresentInList(merged, order, meta.mergeKey);
    const kind = sliceElementType(originalFieldValue, patchFieldValue);
    setKey(
      original,
      originalKey,
      normalizeElementOrder(
        patchItems,
        serverOnlyItems,
        order,
        originalFieldValue,
        meta.mergeKey,
        kind,
      ),
    );
    delete patch[originalKey];
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === "") return left === right;
  if (!isObject(left)) throw errBadArgType(MAP, left);
  if (!isObject(right)) throw errBadArgType(MAP, right);
  if (!Object.hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function containsDirectiveMarker(item: unknown): boolean {
  return isObject(item) && Object.hasOwn(item, DIRECTIVE);
}

function validatePatchWithSetOrderList(
  patchList: unknown,
  setOrderList: unknown,
  mergeKey: string,
): void {
  if (!Array.isArray(setOrderList)) throw errBadPatchFormatForSetElementOrderList();
  // A missing patch list is a nil slice in Go, which passes.
  if (patchList === undefined) return;
  if (!Array.isArray(patchList)) throw errBadPatchFormatForSetElementOrderList();
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey !== "" ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0, o = 0;
  while (p < nonDelete.length && o < setOrderList.length) {
    if (containsDirectiveMarker(nonDelete[p])) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], setOrderList[o], mergeKey)) p++;
    o++;
  }
  if (p < nonDelete.length && o >= setOrderList.length) {
    throw new SmpError(
      `the order in patch list:\n${
        goFormat(patchList)
      }\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(setOrderList)}`,
    );
  }
}

function partitionPrimitivesByPresentInList(
  original: unknown[],
  partitionBy: unknown[],
): [unknown[], unknown[]] {
  const inPatch = new Set(partitionBy);
  const patch: unknown[] = [], serverOnly: unknown[] = [];
  for (const v of original) (inPatch.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

function partitionMapsByPresentInList(
  original: unknown[],
  partitionBy: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const patch: unknown[] = [], serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isObject(v)) throw errBadArgType(MAP, v);
    if (!Object.hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    const found = findMapInSliceBasedOnKeyValue(partitionBy, mergeKey, v[mergeKey])[1] >= 0;
    (found ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

/** `[map, index]` of the first item whose `key` equals `value`; index -1 when none. */
function findMapInSliceBasedOnKeyValue(
  m: unknown[],
  key: string,
  value: unknown,
): [JsonObject | undefined, number] {
  for (let i = 0; i < m.length; i++) {
    const v = m[i];
    if (!isObject(v)) throw new SmpError(`value for key ${i} is not a map.`);
    if (Object.hasOwn(v, key) && v[key] === value) return [v, i];
  }
  return [undefined, -1];
}

function mergeSliceHandler(
  original: unknown,
  patch: unknown,
  s: Schema,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): unknown[] {
  if (!Array.isArray(original)) throw errBadArgType(SLICE, original);
  if (!Array.isArray(patch)) throw errBadArgType(SLICE, patch);
  if (strategy === MERGE) return mergeSlice(original, patch, s, mergeKey, opts, isDeleteList);
  return patch;
}

function mergeSlice(
  original: unknown[],
  patch: unknown[],
  s: Schema,
  mergeKey: string,
  opts: MergeOptions,
  isDeleteList: boolean,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  let merged: unknown[];
  let patchOrder: unknown[] | undefined = patch;
  if (kind !== "map") {
    if (opts.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === "") {
      throw new SmpError(`cannot merge lists without merge key for ${schemaName(s)}`);
    }
    [original, patchOrder] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    // Go appends to a copy of the slice header, so `original` keeps only the live items: it is the
    // reference order below, where appended patch items must not be found.
    merged = mergeSliceWithoutSpecialElements([...original], patchOrder ?? [], mergeKey, s, opts);
  }
  const order = patchOrder ?? [];
  const [patchItems, serverOnlyItems] = mergeKey === ""
    ? partitionPrimitivesByPresentInList(merged, order)
    : partitionMapsByPresentInList(merged, order, mergeKey);
  return normalizeElementOrder(patchItems, serverOnlyItems, order, original, mergeKey, kind);
}

function schemaName(s: Schema): string {
  return s?.type ?? "object";
}

/** Applies `$patch` items of a list of maps; `[original, patch]`, patch `undefined` after a replace. */
function mergeSliceWithSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): [unknown[], unknown[] | undefined] {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!Object.hasOwn(m, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const type = m[DIRECTIVE];
    if (type === DELETE) {
      if (!Object.hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      original = deleteMatchingEntries(original, mergeKey, m[mergeKey]);
    } else if (type === REPLACE) {
      replace = true;
    } else if (type === MERGE) {
      throw new SmpError("merging lists cannot yet be specified in the patch");
    } else {
      throw errBadPatchType(type, m);
    }
  }
  if (replace) return [plain, undefined];
  return [original, plain];
}

function deleteMatchingEntries(
  original: unknown[],
  mergeKey: string,
  mergeValue: unknown,
): unknown[] {
  for (;;) {
    const [, i] = findMapInSliceBasedOnKeyValue(original, mergeKey, mergeValue);
    if (i < 0) return original;
    original.splice(i, 1);
  }
}

function mergeSliceWithoutSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  s: Schema,
  opts: MergeOptions,
): unknown[] {
  for (const v of patch) {
    const m = v as JsonObject;
    if (!Object.hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const [originalMap, i] = findMapInSliceBasedOnKeyValue(original, mergeKey, m[mergeKey]);
    if (i >= 0) original[i] = mergeMap(originalMap, m, s, opts);
    else original.push(v);
  }
  return original;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

function extractToDeleteItems(l: unknown[]): [unknown[], unknown[]] {
  const nonDelete: unknown[] = [], toDelete: unknown[] = [];
  for (const v of l) {
    if (!isObject(v)) throw errBadArgType(MAP, v);
    (Object.hasOwn(v, DIRECTIVE) && v[DIRECTIVE] === DELETE ? toDelete : nonDelete).push(v);
  }
  return [nonDelete, toDelete];
}

/** The lookup value of an item: its merge key for maps, itself for scalars. */
function orderKey(item: unknown, mergeKey: string, kind: Kind): unknown {
  return kind === "map" ? (isObject(item) ? item[mergeKey] : undefined) : item;
}

function indexOf(l: unknown[], item: unknown, mergeKey: string, kind: Kind): number {
  const want = orderKey(item, mergeKey, kind);
  for (let i = 0; i < l.length; i++) if (orderKey(l[i], mergeKey, kind) === want) return i;
  return -1;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw errBadArgType(MAP, item);
      if (!Object.hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

function normalizeSliceOrder(
  toSort: unknown[],
  order: unknown[],
  mergeKey: string,
  kind: Kind,
): unknown[] {
  let toDelete: unknown[] = [];
  if (kind === "map") {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [toSort, toDelete] = extractToDeleteItems(toSort);
  }
  const idx = toSort.map((v) => indexOf(order, v, mergeKey, kind));
  const positions = toSort.map((_, i) => i);
  positions.sort((a, b) => (idx[a]! >= 0 && idx[b]! >= 0 ? idx[a]! - idx[b]! : 0));
  return [...positions.map((i) => toSort[i]), ...toDelete];
}

function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: Kind,
): unknown[] {
  patch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  serverOnly = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(serverOnly, patch, serverOrder, mergeKey, kind);
}

/** Interleaves server-only items into the patch items, keeping both relative orders. */
function mergeSortedSlice(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: Kind,
) {
  const out: unknown[] = [];
  let i = 0, j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Creating a patch.

/** Options of {@linkcode diffMaps}. */
export interface DiffOptions {
  /** Generate `$setElementOrder` lists. */
  setElementOrder?: boolean;
  /** Leave changes and additions out. */
  ignoreChangesAndAdditions?: boolean;
  /** Leave deletions out. */
  ignoreDeletions?: boolean;
  /** Emit `$retainKeys` (set for fields with the retainKeys strategy). */
  buildRetainKeysDirective?: boolean;
}

/** The strategic merge patch that turns `original` into `modified`. */
export function diffMaps(
  original: JsonObject,
  modified: JsonObject,
  s: Schema,
  opts: DiffOptions,
): JsonObject {
  const patch: JsonObject = {};
  const retainKeysList: unknown[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modifiedValue);
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE) {
      if (typeof originalValue !== "string" || typeof modifiedValue !== "string") {
        throw new SmpError(`invalid value for special key: ${DIRECTIVE}`);
      }
      if (modifiedValue !== originalValue) patch[DIRECTIVE] = modifiedValue;
      continue;
    }
    if (!sameType(originalValue, modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modifiedValue);
      continue;
    }
    if (isObject(originalValue)) {
      handleMapDiff(key, originalValue, modifiedValue as JsonObject, patch, s, opts);
    } else if (Array.isArray(originalValue)) {
      handleSliceDiff(key, originalValue, modifiedValue as unknown[], patch, s, opts);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      setKey(patch, key, modifiedValue);
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) {
      if (!Object.hasOwn(modified, key)) setKey(patch, key, null);
    }
  }
  if (retainKeysList.length > 0 && (!isEmpty(patch) || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeysList);
  }
  return patch;
}

function isEmpty(o: JsonObject): boolean {
  for (const _ in o) return false;
  return true;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  for (const k of Object.keys(original)) {
    if (original[k] !== null && !Object.hasOwn(modified, k)) return true;
  }
  return false;
}

function handleMapDiff(
  key: string,
  originalValue: JsonObject,
  modifiedValue: JsonObject,
  patch: JsonObject,
  s: Schema,
  opts: DiffOptions,
): void {
  const [sub, meta] = lookupStruct(s, key);
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
  const sub_opts = { ...opts, buildRetainKeysDirective: retainKeys };
  if (strategy === REPLACE) {
    if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modifiedValue);
    return;
  }
  const patchValue = diffMaps(originalValue, modifiedValue, sub, sub_opts);
  if (!isEmpty(patchValue)) setKey(patch, key, patchValue);
}

function handleSliceDiff(
  key: string,
  originalValue: unknown[],
  modifiedValue: unknown[],
  patch: JsonObject,
  s: Schema,
  opts: DiffOptions,
): void {
  const [sub, meta] = lookupSlice(s, key);
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
  if (strategy !== MERGE) {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      setKey(patch, key, modifiedValue);
    }
    return;
  }
  const [addList, deletionList, setOrderList] = diffLists(
    originalValue,
    modifiedValue,
    sub,
    meta.mergeKey,
    { ...opts, buildRetainKeysDirective: retainKeys },
  );
  if (addList.length > 0) setKey(patch, key, addList);
  if (deletionList.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = deletionList;
  if (setOrderList.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = setOrderList;
}

/** `[patch list, deletion list, $setElementOrder list]` for a list with the merge strategy. */
function diffLists(
  original: unknown[],
  modified: unknown[],
  s: Schema,
  mergeKey: string,
  opts: DiffOptions,
): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementType(original, modified);
  let patchList: unknown[], deleteList: unknown[], setOrderList: unknown[] = [];
  if (kind === "map") {
    [patchList, deleteList] = diffListsOfMaps(original, modified, s, mergeKey, opts);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...deleteList];
    deleteList = [];
    if (
      opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
        (!opts.ignoreDeletions && patchList.length > 0))
    ) {
      setOrderList = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }));
    }
  } else if (kind === "slice") {
    throw errNoListOfLists();
  } else {
    [patchList, deleteList] = diffListsOfScalars(original, modified, opts);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    // `original` has been sorted in place by now, as in Go.
    if (
      opts.setElementOrder &&
      ((!opts.ignoreDeletions && deleteList.length > 0) ||
        (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)))
    ) {
      setOrderList = modified;
    }
  }
  return [patchList, deleteList, setOrderList];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) {
    if (!mergeKeyValueEqual(original[i], modified[i], mergeKey)) return false;
  }
  return true;
}

function diffListsOfScalars(
  original: unknown[],
  modified: unknown[],
  opts: DiffOptions,
): [unknown[], unknown[]] {
  const originalScalars = sortScalars(original);
  const modifiedScalars = sortScalars([...modified]);
  const addList: unknown[] = [], deletionList: unknown[] = [];
  let o = 0, m = 0;
  while (o < originalScalars.length || m < modifiedScalars.length) {
    const oIn = o < originalScalars.length, mIn = m < modifiedScalars.length;
    const os = oIn ? goFormat(originalScalars[o]) : "",
      ms = mIn ? goFormat(modifiedScalars[m]) : "";
    if (oIn && mIn && os === ms) {
      o++;
      m++;
    } else if (!oIn || (oIn && mIn && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) addList.push(modifiedScalars[m]);
      m++;
    } else {
      if (!opts.ignoreDeletions) deletionList.push(originalScalars[o]);
      o++;
    }
  }
  return [addList, deduplicateScalars(deletionList)];
}

function diffListsOfMaps(
  original: unknown[],
  modified: unknown[],
  s: Schema,
  mergeKey: string,
  opts: DiffOptions,
): [unknown[], unknown[]] {
  const patch: unknown[] = [], deletionList: unknown[] = [];
  const originalSorted = sortMapsByKey(original, mergeKey);
  const modifiedSorted = sortMapsByKey(modified, mergeKey);
  let o = 0, m = 0;
  while (o < originalSorted.length || m < modifiedSorted.length) {
    const oIn = o < originalSorted.length, mIn = m < modifiedSorted.length;
    let oElem: JsonObject | undefined, mElem: JsonObject | undefined;
    let oKey: unknown, mKey: unknown, os = "", ms = "";
    if (oIn) {
      [oElem, oKey] = mapAndMergeKey(originalSorted[o], mergeKey);
      os = goFormat(oKey);
    }
    if (mIn) {
      [mElem, mKey] = mapAndMergeKey(modifiedSorted[m], mergeKey);
      ms = goFormat(mKey);
    }
    if (oIn && mIn && os === ms) {
      const patchValue = diffMaps(oElem!, mElem!, s, opts);
      if (!isEmpty(patchValue)) {
        setKey(patchValue, mergeKey, mKey);
        patch.push(patchValue);
      }
      o++;
      m++;
    } else if (!oIn || (oIn && mIn && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(mElem);
      m++;
    } else {
      if (!opts.ignoreDeletions) deletionList.push({ [mergeKey]: oKey, [DIRECTIVE]: DELETE });
      o++;
    }
  }
  return [patch, deletionList];
}

function mapAndMergeKey(item: unknown, mergeKey: string): [JsonObject, unknown] {
  if (!isObject(item)) throw errBadArgType(MAP, item);
  if (!Object.hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
  return [item, item[mergeKey]];
}

/** `sortMergeListsByNameArray` without recursion: scalars deduplicated and sorted, maps by key. */
function sortMapsByKey(s: unknown[], mergeKey: string): unknown[] {
  if (s.length === 0) return s;
  if (sliceElementType(s) !== "map") return sortScalars(deduplicateScalars([...s]));
  return [...s].sort((a, b) =>
    lessScalar(own(a as JsonObject, mergeKey), own(b as JsonObject, mergeKey))
  );
}

// ---------------------------------------------------------------------------------------------
// Conflict detection between two patches (`MergingMapsHaveConflicts`).

/** Whether two strategic patches change a field differently. */
export function mergingMapsHaveConflicts(left: JsonObject, right: JsonObject, s: Schema): boolean {
  return fieldsHaveConflicts(left, right, s, "", "");
}

function fieldsHaveConflicts(
  left: unknown,
  right: unknown,
  s: Schema,
  strategy: string,
  mergeKey: string,
): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    const lm = Object.hasOwn(left, DIRECTIVE), rm = Object.hasOwn(right, DIRECTIVE);
    if (lm || rm) {
      if (lm !== rm || left[DIRECTIVE] !== right[DIRECTIVE]) return true;
    }
    if (strategy === REPLACE) return false;
    for (const key of Object.keys(left)) {
      if (key === DIRECTIVE || key === RETAIN_KEYS_DIRECTIVE || !Object.hasOwn(right, key)) {
        continue;
      }
      const lv = left[key];
      const [sub, meta] = Array.isArray(lv) ? lookupSlice(s, key) : lookupStruct(s, key);
      const [, st] = extractRetainKeysPatchStrategy(meta.strategies);
      if (fieldsHaveConflicts(lv, right[key], sub, st, meta.mergeKey)) return true;
    }
    return false;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    const kind = sliceElementType(left, right);
    if (strategy === MERGE) {
      if (kind !== "map") return false;
      const lm = byMergeKey(left, mergeKey), rm = byMergeKey(right, mergeKey);
      for (const [k, lv] of lm) {
        if (rm.has(k) && fieldsHaveConflicts(lv, rm.get(k), s, "", "")) return true;
      }
      return false;
    }
    if (left.length !== right.length) return true;
    let l: unknown[] = left, r: unknown[] = right;
    if (kind !== "map") {
      l = sortScalars(deduplicateScalars([...l]));
      r = sortScalars(deduplicateScalars([...r]));
    }
    for (let i = 0; i < l.length; i++) {
      if (fieldsHaveConflicts(l[i], r[i], s, "", "")) return true;
    }
    return false;
  }
  return !deepEqual(left, right);
}

function byMergeKey(list: unknown[], mergeKey: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const v of list) {
    if (!isObject(v)) throw new SmpError(`invalid element type in merging list:${goFormat(list)}`);
    if (!Object.hasOwn(v, mergeKey)) {
      throw new SmpError(
        `cannot find merge key \`${mergeKey}\` in merging list element:${goFormat(v)}`,
      );
    }
    out.set(goFormat(v[mergeKey]), v);
  }
  return out;
}
