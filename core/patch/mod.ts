// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Patches and field ownership, with no storage or I/O: JSON patch, JSON merge patch, strategic
 * merge patch (applied, and created two- and three-way as kubectl does), managedFields for writes,
 * and server-side apply.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { applyMergePatch } from "@k1s/core";
 * assertEquals(applyMergePatch({ a: 1, b: 2 }, { b: null }), { a: 1 });
 * ```
 *
 * @module
 */
export { applyMergePatch, createMergePatch } from "./merge_patch.ts";
export { applyJsonPatch } from "./json_patch.ts";
export { decodePatch } from "./decode_patch.ts";
export {
  applyStrategicMergePatch,
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  type ThreeWayMergePatchOptions,
} from "./strategic_merge.ts";
export { type FieldPath, FieldSet } from "./field_set.ts";
export { updateManagedFields, type UpdateManagedFieldsOptions } from "./managed_fields.ts";
export { serverSideApply, type ServerSideApplyOptions } from "./server_side_apply.ts";
