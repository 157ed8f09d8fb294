// Copyright 2026 the k1s authors. Apache-2.0 license.
// The persisted state of each controller, one record per controller at
// `<tenant root>/k1s/controllers/<name>`: the revision up to which every change has been
// handled (the watermark) and the requests due later. Processes merge their changes into the
// stored record with compare-and-swap, so concurrent drains never lose a due item or move a
// watermark backwards.
import type { KubeObject } from "../object/types.ts";
import type { Storage, StorageTransactionOptions } from "../storage/types.ts";
import { isStorageError } from "../storage/storage_error.ts";

/** A request due at a time, as stored. */
export interface PendingEntry {
  /** The queue key. */
  key: string;
  /** Due time, epoch milliseconds. */
  due: number;
  /** Failures so far (drives the backoff). */
  retries?: number;
}

/** The stored record of one controller. */
export interface ControllerState {
  /** Every change up to this store revision has been handled. */
  revision: number;
  /** Requests due later. */
  pending: PendingEntry[];
  /** The store revision the record itself was written at (not a registry change). */
  writtenAt?: number;
}

/** What one process changes in a controller's record. */
export interface StateDelta {
  /** The controller's name. */
  name: string;
  /** The new watermark (the stored one only moves forward). */
  revision: number;
  /** Due items this process took, with the due time it saw (removed unless rescheduled since). */
  removes: Map<string, number>;
  /** Due items this process (re)scheduled. */
  upserts: Map<string, { due: number; retries: number; seen?: number }>;
}

const API_VERSION = "k1s.io/v1alpha1";
const KIND = "ControllerState";
const MAX_ATTEMPTS = 8;

/** `<tenant root>/k1s/controllers/` for a registry key prefix (`/registry`, `/tenants/x/registry`). */
export function statePrefix(keyPrefix: string): string {
  const root = keyPrefix.endsWith("/registry")
    ? keyPrefix.slice(0, -"/registry".length)
    : keyPrefix;
  return `${root}/k1s/controllers/`;
}

function decode(obj: KubeObject): ControllerState {
  const revision = typeof obj.revision === "number" ? obj.revision : 0;
  const pending = Array.isArray(obj.pending)
    ? (obj.pending as PendingEntry[]).filter((p) =>
      p && typeof p.key === "string" && typeof p.due === "number"
    )
    : [];
  return { revision, pending };
}

/**
 * Reads the records of the named controllers (one get each), or of every controller of the
 * tenant when no names are given (one list).
 */
export async function loadStates(
  storage: Storage,
  keyPrefix: string,
  names?: string[],
): Promise<Map<string, ControllerState>> {
  const prefix = statePrefix(keyPrefix);
  const out = new Map<string, ControllerState>();
  const add = (item: KubeObject | undefined) => {
    const name = item?.metadata?.name;
    if (name) out.set(name, { ...decode(item), writtenAt: Number(item.metadata.resourceVersion) });
  };
  if (names) {
    for (const name of names) add(await storage.get(prefix + name));
  } else {
    for (const item of (await storage.list({ prefix })).items) add(item);
  }
  return out;
}

/** Applies a delta to a stored record; `undefined` when nothing changes. */
export function mergeState(
  current: ControllerState | undefined,
  delta: StateDelta,
): ControllerState | undefined {
  const pending = new Map<string, PendingEntry>();
  for (const p of current?.pending ?? []) pending.set(p.key, p);
  let changed = !current;
  for (const [key, seenDue] of delta.removes) {
    const p = pending.get(key);
    // Rescheduled by another process since we took it: keep its schedule.
    if (p && p.due === seenDue) {
      pending.delete(key);
      changed = true;
    }
  }
  for (const [key, u] of delta.upserts) {
    const p = pending.get(key);
    let due = u.due;
    // Changed by another process since we read it: the earlier due time wins.
    if (p && p.due !== u.seen) due = Math.min(p.due, u.due);
    if (!p || p.due !== due || (p.retries ?? 0) !== u.retries) {
      pending.set(key, { key, due, ...(u.retries ? { retries: u.retries } : {}) });
      changed = true;
    }
  }
  const revision = Math.max(current?.revision ?? 0, delta.revision);
  if (revision !== (current?.revision ?? -1)) changed = true;
  if (!changed) return undefined;
  const list = [...pending.values()].sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : 1));
  return { revision, pending: list };
}

function encode(name: string, state: ControllerState): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name },
    revision: state.revision,
    pending: state.pending,
  };
}

/**
 * Merges deltas into the stored records in one transaction, retrying on concurrent writers
 * (compare-and-swap on each record's revision). Resolves to the revisions written at.
 */
export async function saveStates(
  storage: Storage,
  keyPrefix: string,
  deltas: StateDelta[],
  options: StorageTransactionOptions = {},
): Promise<number[]> {
  if (!deltas.length) return [];
  const prefix = statePrefix(keyPrefix);
  for (let attempt = 1;; attempt++) {
    const written: KubeObject[] = [];
    try {
      await storage.transaction(async (tx) => {
        written.length = 0;
        for (const d of deltas) {
          const key = prefix + d.name;
          const stored = await tx.get(key);
          const next = mergeState(stored ? decode(stored) : undefined, d);
          if (!next) continue;
          const result = stored
            ? await tx.update(key, encode(d.name, next), {
              expectedRevision: Number(stored.metadata.resourceVersion),
            })
            : await tx.create(key, encode(d.name, next));
          written.push(result);
        }
      }, options);
      return revisionsOf(written);
    } catch (e) {
      if (
        attempt < MAX_ATTEMPTS &&
        (isStorageError(e, "Conflict") || isStorageError(e, "KeyExists"))
      ) continue;
      throw e;
    }
  }
}

/**
 * Moves the watermarks of records known to have no due items to `revision`, in one transaction,
 * each only if the record is still the one written at `records.get(name)` (compare-and-swap on
 * its revision): what closing a process whose drains had nothing to do writes, without reading
 * and merging the records again. Resolves to the revisions written at, or `undefined` when a
 * record changed since (the caller merges with {@linkcode saveStates} instead).
 */
export async function advanceWatermarks(
  storage: Storage,
  keyPrefix: string,
  records: ReadonlyMap<string, number>,
  revision: number,
  options: StorageTransactionOptions = {},
): Promise<number[] | undefined> {
  let written: KubeObject[] = [];
  try {
    await storage.transaction(async (tx) => {
      written = await moveIdleWatermarks(tx, keyPrefix, records, revision);
    }, options);
  } catch (e) {
    if (isStorageError(e, "Conflict") || isStorageError(e, "KeyNotFound")) return undefined;
    throw e;
  }
  return revisionsOf(written);
}

/** Writes `revision` as the watermark of records with no due items, each at its revision. */
async function moveIdleWatermarks(
  tx: Storage,
  keyPrefix: string,
  records: Iterable<[name: string, at: number]>,
  revision: number,
): Promise<KubeObject[]> {
  const prefix = statePrefix(keyPrefix);
  const out: KubeObject[] = [];
  for (const [name, at] of records) {
    const state = encode(name, { revision, pending: [] });
    out.push(await tx.update(prefix + name, state, { expectedRevision: at }));
  }
  return out;
}

/**
 * The revisions objects written in a transaction were stored at, read once it has committed:
 * etcd gives them their revision only then (in place).
 */
function revisionsOf(written: KubeObject[]): number[] {
  return written.map((o) => Number(o.metadata.resourceVersion));
}

/** What {@linkcode readAndAdvance} read, and where it wrote. */
export interface ReadAndAdvanced {
  /** The records, by controller name. */
  states: Map<string, ControllerState>;
  /** The store revision they were read at. */
  revision: number;
  /** Per record: the revision it was written at, when the watermarks moved. */
  written?: Map<string, number>;
}

/**
 * Reads the named records and the store revision in one transaction, and when `decide` accepts
 * what it read and some watermark is behind, moves every one to that revision in the same
 * transaction (the records must have no due items: `decide` checks it). Resolves to what was
 * read, or `undefined` when `decide` declined or another writer changed a record meanwhile.
 */
export async function readAndAdvance(
  storage: Storage,
  keyPrefix: string,
  names: readonly string[],
  decide: (states: Map<string, ControllerState>, revision: number) => boolean,
  options: StorageTransactionOptions = {},
): Promise<ReadAndAdvanced | undefined> {
  let updated: KubeObject[] = [];
  let read: ReadAndAdvanced | undefined;
  try {
    await storage.transaction(async (tx) => {
      updated = [];
      read = undefined;
      const states = await loadStates(tx, keyPrefix, [...names]);
      const revision = await tx.revision();
      if (!decide(states, revision)) return;
      read = { states, revision };
      if (![...states.values()].some((s) => s.revision < revision)) return;
      const records = names.map((n): [string, number] => [n, states.get(n)!.writtenAt!]);
      updated = await moveIdleWatermarks(tx, keyPrefix, records, revision);
    }, options);
  } catch (e) {
    if (isStorageError(e, "Conflict") || isStorageError(e, "KeyNotFound")) return undefined;
    throw e;
  }
  if (read && updated.length) {
    const revisions = revisionsOf(updated);
    read.written = new Map(names.map((n, i) => [n, revisions[i]]));
  }
  return read;
}
