// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * managedFields bookkeeping shared by updates and server-side apply, after the apiserver's
 * `fieldmanager` chain: decoding entries, the metadata fields that are never owned, capping Update
 * entries, and encoding entries in their canonical order.
 *
 * @module
 */
import type { ManagedFieldsEntry } from "../object/types.ts";
import {
  difference,
  fromFieldsV1,
  insert,
  isEmptySet,
  newNode,
  type SNode,
  toFieldsV1,
  union,
} from "./_set.ts";

/** One manager's decoded entry. */
export interface Managed {
  /** The manager's name. */
  manager: string;
  /** `Apply` or `Update`. */
  operation: string;
  /** The API version the set is expressed in. */
  apiVersion: string;
  /** The subresource written, if any. */
  subresource?: string;
  /** When the manager last changed the object. */
  time?: string;
  /** The owned fields. */
  set: SNode;
}

/**
 * The manager identifier the apiserver keys entries by (`BuildManagerIdentifier`): the JSON of
 * manager, operation, API version (Update only) and subresource.
 */
export function managerId(
  manager: string,
  operation: string,
  apiVersion: string,
  subresource?: string,
): string {
  const e: Record<string, string> = { manager, operation };
  if (operation !== "Apply" && apiVersion) e.apiVersion = apiVersion;
  if (subresource) e.subresource = subresource;
  return JSON.stringify(e);
}

/** Decodes entries by identifier; `undefined` when one is malformed, as `DecodeManagedFields` fails. */
export function decodeManaged(
  entries: readonly ManagedFieldsEntry[] | undefined,
): Map<string, Managed> | undefined {
  const out = new Map<string, Managed>();
  for (const e of entries ?? []) {
    if (!e || (e.operation !== "Apply" && e.operation !== "Update") || !e.apiVersion) {
      return undefined;
    }
    if (e.fieldsType !== "FieldsV1") return undefined;
    const m: Managed = {
      manager: e.manager ?? "",
      operation: e.operation,
      apiVersion: e.apiVersion,
      set: fromFieldsV1(e.fieldsV1),
    };
    if (e.subresource) m.subresource = e.subresource;
    if (e.time) m.time = e.time;
    out.set(managerId(m.manager, m.operation, m.apiVersion, m.subresource), m);
  }
  return out;
}

/** `[{}]` or `[]` resets managedFields (`isResetManagedFields`). */
export function isReset(entries: readonly ManagedFieldsEntry[] | undefined): boolean {
  if (!entries) return false;
  if (entries.length === 0) return true;
  if (entries.length !== 1) return false;
  const e = entries[0] as unknown as Record<string, unknown>;
  return !!e && typeof e === "object" && Object.values(e).every((v) => v === undefined);
}

/** The fields `stripMetaManager` removes from every set it touches. */
export const STRIP_SET: SNode = (() => {
  const s = newNode();
  insert(s, ["f:apiVersion"]);
  insert(s, ["f:kind"]);
  insert(s, ["f:metadata"]);
  for (
    const f of [
      "name",
      "namespace",
      "creationTimestamp",
      "selfLink",
      "uid",
      "clusterName",
      "generation",
    ]
  ) {
    insert(s, ["f:metadata", `f:${f}`]);
  }
  insert(s, ["f:metadata", "f:managedFields"]);
  insert(s, ["f:metadata", "f:resourceVersion"]);
  return s;
})();

/** Removes whole top-level fields (reset fields such as `status` on the main resource). */
export function dropTopLevel(set: SNode, fields: readonly string[] | undefined): SNode {
  if (!fields?.length || !set.c) return set;
  let c: Map<string, SNode> | undefined;
  for (const f of fields) {
    if (!set.c.has(`f:${f}`)) continue;
    c ??= new Map(set.c);
    c.delete(`f:${f}`);
  }
  return c ? { m: false, c: c.size ? c : undefined } : set;
}

function seconds(time: string | undefined): number {
  if (!time) return 0;
  const t = Date.parse(time);
  return Number.isNaN(t) ? 0 : Math.floor(t / 1000);
}

const ANCIENT_CHANGES = "ancient-changes";

/**
 * Merges the oldest Update entries into `ancient-changes` buckets (one per API version) once there
 * are more than `max`, as `capManagersManager` does.
 */
export function capManagers(managed: Map<string, Managed>, max = 10): void {
  const updaters = [...managed.keys()].filter((id) => managed.get(id)!.operation !== "Apply");
  if (updaters.length <= max) return;
  updaters.sort((a, b) => {
    const ta = seconds(managed.get(a)!.time), tb = seconds(managed.get(b)!.time);
    if (ta !== tb) return ta - tb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i]!;
    const vs = managed.get(id)!;
    const bucket = managerId(ANCIENT_CHANGES, "Update", vs.apiVersion);
    const first = firstOfVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!managed.has(bucket)) {
      const f = managed.get(first)!;
      managed.delete(first);
      managed.set(bucket, {
        ...f,
        manager: ANCIENT_CHANGES,
        operation: "Update",
        subresource: undefined,
      });
    }
    const b = managed.get(bucket)!;
    const merged: Managed = {
      manager: ANCIENT_CHANGES,
      operation: "Update",
      apiVersion: vs.apiVersion,
      set: union(vs.set, b.set),
    };
    if (vs.time) merged.time = vs.time;
    managed.delete(id);
    managed.set(bucket, merged);
    length--;
  }
}

/** Encodes entries in the apiserver's order: Apply first, then by time, manager, version, subresource. */
export function encodeManaged(managed: Map<string, Managed>): ManagedFieldsEntry[] {
  const list = [...managed.values()].filter((m) => !isEmptySet(m.set));
  list.sort((p, q) => {
    if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
    const tp = seconds(p.time), tq = seconds(q.time);
    if (tp !== tq) return tp - tq;
    if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
    if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
    const sp = p.subresource ?? "", sq = q.subresource ?? "";
    return sp < sq ? -1 : sp > sq ? 1 : 0;
  });
  return list.map((m) => {
    const e: ManagedFieldsEntry = {
      manager: m.manager,
      operation: m.operation as "Apply" | "Update",
      apiVersion: m.apiVersion,
      fieldsType: "FieldsV1",
      fieldsV1: toFieldsV1(m.set),
    };
    if (m.time) e.time = m.time;
    if (m.subresource) e.subresource = m.subresource;
    // Go's field order: manager, operation, apiVersion, time, fieldsType, fieldsV1, subresource.
    return m.time
      ? {
        manager: e.manager,
        operation: e.operation,
        apiVersion: e.apiVersion,
        time: e.time,
        fieldsType: e.fieldsType,
        fieldsV1: e.fieldsV1,
        ...(m.subresource ? { subresource: m.subresource } : {}),
      }
      : e;
  });
}

/** Removes `removed` from every set but `except`'s, and drops sets left empty. */
export function removeFromOthers(
  managed: Map<string, Managed>,
  except: string,
  removed: SNode,
): void {
  for (const [id, m] of managed) {
    if (id === except) continue;
    const s = difference(m.set, removed);
    if (isEmptySet(s)) managed.delete(id);
    else if (s !== m.set) managed.set(id, { ...m, set: s });
  }
}

/** The manager as conflict messages name it (`printManager`). */
export function printManager(m: Managed): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  return m.operation === "Update" ? `${s} using ${m.apiVersion}` : s;
}
