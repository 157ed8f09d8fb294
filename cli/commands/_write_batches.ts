// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Store transactions of bounded size for the commands that write many objects (`create`,
 * `apply`, `replace`, `delete`). One transaction per command would be one flush, but a backend
 * may bound a transaction: etcd takes at most `--max-txn-ops` (128) keys and about 1.5 MiB per
 * request. kubectl's own writes are one request per object, never atomic as a whole, so
 * committing every few dozen objects changes nothing a user can see except on failure of a
 * commit, where the objects of the earlier batches stay written.
 *
 * @module
 */
import type { Client, Runtime } from "@k1s/core";

/**
 * Objects per transaction: half of etcd's default `--max-txn-ops` (128 keys), a margin for a
 * write that touches more than its object's key.
 */
export const BATCH_OBJECTS = 64;

/**
 * JSON bytes per transaction: a batch is committed before an object would take it past this
 * (a larger object goes alone). A third of etcd's default `--max-request-bytes` (1.5 MiB),
 * since what is stored is more than what is sent (metadata, managed fields).
 */
export const BATCH_BYTES = 512 * 1024;

/** Options of {@linkcode WriteBatches}. */
export interface WriteBatchesOptions {
  /** Whether to write in transactions at all (not for dry runs, which write nothing). */
  enabled: boolean;
  /** Objects per transaction. @default {BATCH_OBJECTS} */
  maxObjects?: number;
  /** JSON bytes per transaction. @default {BATCH_BYTES} */
  maxBytes?: number;
  /** Called after each committed batch. */
  onCommit?: () => void;
}

interface OpenBatch {
  client: Client;
  objects: number;
  bytes: number;
  /** Settles when the transaction has committed or rolled back. */
  done: Promise<unknown>;
  commit: () => void;
  rollback: (reason: unknown) => void;
}

/**
 * Hands out the client of the open transaction, one object at a time, and commits it when
 * the next object would make it too large. Call {@linkcode WriteBatches.commit} after the
 * last object and {@linkcode WriteBatches.abort} when the command fails unexpectedly.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * import { WriteBatches } from "./_write_batches.ts";
 * await using rt = await createRuntime({ store: "memory:" });
 * let commits = 0;
 * const batches = new WriteBatches(rt, { enabled: true, maxObjects: 2, onCommit: () => commits++ });
 * for (const name of ["a", "b", "c"]) {
 *   const client = await batches.client();
 *   await client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" } });
 * }
 * await batches.commit();
 * assertEquals(commits, 2);
 * ```
 */
export class WriteBatches {
  #rt: Pick<Runtime, "client" | "transaction">;
  #enabled: boolean;
  #maxObjects: number;
  #maxBytes: number;
  #onCommit: () => void;
  #open: OpenBatch | undefined;

  /**
   * @param rt The runtime.
   * @param options Limits, and whether transactions are used at all.
   */
  constructor(rt: Pick<Runtime, "client" | "transaction">, options: WriteBatchesOptions) {
    this.#rt = rt;
    this.#enabled = options.enabled;
    this.#maxObjects = options.maxObjects ?? BATCH_OBJECTS;
    this.#maxBytes = options.maxBytes ?? BATCH_BYTES;
    this.#onCommit = options.onCommit ?? (() => {});
  }

  /**
   * The client to write the next object with: the open transaction's, after committing it
   * when it is full, or the runtime's when transactions are off.
   *
   * @param bytes About how much JSON the object's write sends.
   * @returns The client.
   * @throws When committing the previous batch or starting a transaction fails.
   */
  async client(bytes = 0): Promise<Client> {
    if (!this.#enabled) return this.#rt.client;
    const open = this.#open;
    if (open && (open.objects >= this.#maxObjects || open.bytes + bytes > this.#maxBytes)) {
      await this.commit();
    }
    const batch = this.#open ?? (this.#open = await this.#begin());
    batch.objects++;
    batch.bytes += bytes;
    return batch.client;
  }

  /**
   * Commits the open transaction, if any.
   *
   * @throws The store's error when the commit fails (the batch is then not written).
   */
  async commit(): Promise<void> {
    const open = this.#open;
    if (!open) return;
    this.#open = undefined;
    open.commit();
    await open.done;
    this.#onCommit();
  }

  /**
   * Rolls back the open transaction, if any (after an error that ends the command).
   *
   * @param reason Why.
   */
  async abort(reason: unknown): Promise<void> {
    const open = this.#open;
    if (!open) return;
    this.#open = undefined;
    open.rollback(reason);
    await open.done.catch(() => {});
  }

  // `rt.transaction` commits when its function returns: the function waits until the batch
  // is full, while the command writes through the client it was given.
  async #begin(): Promise<OpenBatch> {
    let commit!: () => void;
    let rollback!: (reason: unknown) => void;
    const gate = new Promise<void>((resolve, reject) => {
      commit = resolve;
      rollback = reject;
    });
    let done!: Promise<unknown>;
    const client = await new Promise<Client>((resolve, reject) => {
      done = this.#rt.transaction(async (client) => {
        resolve(client);
        await gate;
      });
      // A transaction that fails before it starts; later failures surface in commit().
      done.catch(reject);
    });
    return { client, objects: 0, bytes: 0, done, commit, rollback };
  }
}

/**
 * About how many bytes an object's write sends: the length of its JSON.
 *
 * @param obj The object.
 * @returns The length.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { jsonSize } from "./_write_batches.ts";
 * assertEquals(jsonSize({ a: "b" }), 9);
 * ```
 */
export function jsonSize(obj: unknown): number {
  return JSON.stringify(obj)?.length ?? 0;
}
