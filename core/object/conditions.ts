// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Status conditions (`metav1.Condition`) and apimachinery's helpers for them
 * (`meta.SetStatusCondition` and friends): a controller sets a condition on every pass, and the
 * helper changes `lastTransitionTime` only when the status does, so an unchanged condition
 * writes nothing (and triggers no further reconcile).
 *
 * @module
 */

/** `metav1.Condition`: one aspect of an object's state. */
export interface Condition {
  /** CamelCase type, e.g. `Ready`. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: "True" | "False" | "Unknown" | string;
  /** The `.metadata.generation` the condition was set for. */
  observedGeneration?: number;
  /** RFC 3339 time the status last changed. */
  lastTransitionTime: string;
  /** CamelCase reason for the last transition. */
  reason: string;
  /** Human-readable detail. */
  message: string;
}

/** What {@linkcode setStatusCondition} takes: `lastTransitionTime` is filled in when absent. */
export type ConditionUpdate = Omit<Condition, "lastTransitionTime"> & {
  lastTransitionTime?: string;
};

/** Options of {@linkcode setStatusCondition}. */
export interface SetConditionOptions {
  /** The time a transition is stamped with. @default {new Date()} */
  now?: Date;
}

/**
 * Sets the condition of `update.type` in `conditions` (in place), as apimachinery's
 * `meta.SetStatusCondition`: a new condition is appended; an existing one takes the new status,
 * reason, message and observed generation, and a new `lastTransitionTime` only when its status
 * changes.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { type Condition, setStatusCondition } from "@k1s/core";
 * const conditions: Condition[] = [];
 * const t0 = new Date("2026-01-01T00:00:00Z");
 * const ready = { type: "Ready", status: "False", reason: "Waiting", message: "" };
 * assertEquals(setStatusCondition(conditions, ready, { now: t0 }), true);
 * // The same condition again changes nothing, its time included.
 * assertEquals(setStatusCondition(conditions, ready, { now: new Date() }), false);
 * assertEquals(conditions[0].lastTransitionTime, "2026-01-01T00:00:00Z");
 * ```
 *
 * @param conditions The object's conditions (e.g. `status.conditions`), changed in place.
 * @param update The condition to set.
 * @param options The time of a transition.
 * @returns Whether anything changed.
 */
export function setStatusCondition(
  conditions: Condition[],
  update: ConditionUpdate,
  options: SetConditionOptions = {},
): boolean {
  const stamp = () => rfc3339(options.now ?? new Date());
  const existing = findStatusCondition(conditions, update.type);
  if (!existing) {
    conditions.push({ ...update, lastTransitionTime: update.lastTransitionTime || stamp() });
    return true;
  }
  let changed = false;
  if (existing.status !== update.status) {
    existing.status = update.status;
    existing.lastTransitionTime = update.lastTransitionTime || stamp();
    changed = true;
  }
  if (existing.reason !== update.reason) {
    existing.reason = update.reason;
    changed = true;
  }
  if (existing.message !== update.message) {
    existing.message = update.message;
    changed = true;
  }
  if ((existing.observedGeneration ?? 0) !== (update.observedGeneration ?? 0)) {
    if (update.observedGeneration === undefined) delete existing.observedGeneration;
    else existing.observedGeneration = update.observedGeneration;
    changed = true;
  }
  return changed;
}

/**
 * The condition of a type, or `undefined`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { findStatusCondition } from "@k1s/core";
 * const c = { type: "Ready", status: "True", reason: "Done", message: "", lastTransitionTime: "2026-01-01T00:00:00Z" };
 * assertEquals(findStatusCondition([c], "Ready"), c);
 * assertEquals(findStatusCondition([c], "Synced"), undefined);
 * ```
 *
 * @param conditions The conditions.
 * @param type The type.
 * @returns The condition.
 */
export function findStatusCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * Removes the condition of a type (in place), as `meta.RemoveStatusCondition`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { removeStatusCondition } from "@k1s/core";
 * const conditions = [{ type: "Ready", status: "True", reason: "Done", message: "", lastTransitionTime: "2026-01-01T00:00:00Z" }];
 * assertEquals(removeStatusCondition(conditions, "Ready"), true);
 * assertEquals(conditions, []);
 * ```
 *
 * @param conditions The conditions, changed in place.
 * @param type The type to remove.
 * @returns Whether one was removed.
 */
export function removeStatusCondition(conditions: Condition[], type: string): boolean {
  const i = conditions.findIndex((c) => c.type === type);
  if (i < 0) return false;
  conditions.splice(i, 1);
  return true;
}

/**
 * Whether the condition of a type is present with this status, as
 * `meta.IsStatusConditionPresentAndEqual` (`meta.IsStatusConditionTrue` is `status` `True`).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isStatusCondition } from "@k1s/core";
 * const conditions = [{ type: "Ready", status: "True", reason: "Done", message: "", lastTransitionTime: "2026-01-01T00:00:00Z" }];
 * assert(isStatusCondition(conditions, "Ready", "True"));
 * assert(!isStatusCondition(conditions, "Synced", "True"));
 * ```
 *
 * @param conditions The conditions.
 * @param type The type.
 * @param status The status (`True`, `False`, `Unknown`).
 * @returns Whether it is so.
 */
export function isStatusCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
  status: string,
): boolean {
  return findStatusCondition(conditions, type)?.status === status;
}

// metav1.Time: seconds, UTC.
function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, "Z");
}
