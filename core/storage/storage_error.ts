// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Errors of the storage layer, translated into `StatusError`s by the client.
 *
 * @module
 */

/**
 * What went wrong in a storage operation (apiserver `storage.StorageError` codes, plus the
 * conditions a file or network store can meet).
 */
export type StorageErrorCode =
  /** The key does not exist. */
  | "KeyNotFound"
  /** The key already exists (create). */
  | "KeyExists"
  /** The key's revision is not the expected one (compare-and-swap failed). */
  | "Conflict"
  /** The requested revision has been compacted away. */
  | "Compacted"
  /** The requested revision is ahead of the store. */
  | "TooLargeRevision"
  /** The store cannot be reached (a network backend, a locked or missing file). */
  | "Unreachable"
  /** The stored data is not readable (bad checksum, not a k1s store, newer format). */
  | "Corrupt"
  /** The store cannot be written (read-only file or directory, full disk). */
  | "ReadOnly"
  /** The request is malformed (bad key, bad options). */
  | "Invalid";

/**
 * An error from a {@linkcode Storage} backend.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { StorageError } from "@k1s/core";
 * const err = new StorageError("KeyNotFound", { key: "/registry/configmaps/default/x" });
 * assertEquals(err.code, "KeyNotFound");
 * ```
 */
export class StorageError extends Error {
  /** What went wrong. */
  readonly code: StorageErrorCode;
  /** The key concerned, if any. */
  readonly key: string | undefined;
  /** The revision concerned (current revision for Conflict/TooLargeRevision/Compacted). */
  readonly revision: number | undefined;

  /**
   * Builds a storage error.
   *
   * @param code What went wrong.
   * @param options The key, revision, a message and a cause.
   */
  constructor(
    code: StorageErrorCode,
    options: { key?: string; revision?: number; message?: string; cause?: unknown } = {},
  ) {
    super(
      options.message ??
        `${code}${options.key ? `: key ${JSON.stringify(options.key)}` : ""}${
          options.revision !== undefined ? ` at revision ${options.revision}` : ""
        }`,
      options.cause !== undefined ? { cause: options.cause } : undefined,
    );
    this.name = "StorageError";
    this.code = code;
    this.key = options.key;
    this.revision = options.revision;
  }
}

/**
 * Whether `err` is a {@linkcode StorageError} with the given code.
 *
 * @param err Any thrown value.
 * @param code The code to test for.
 * @returns `true` when it matches.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isStorageError, StorageError } from "@k1s/core";
 * assert(isStorageError(new StorageError("Conflict"), "Conflict"));
 * ```
 */
export function isStorageError(err: unknown, code: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && err.code === code;
}
