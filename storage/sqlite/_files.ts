// Copyright 2026 the k1s authors. Apache-2.0 license.
// File helpers for the sqlite backend: positional reads, complete writes, directory fsync and
// the translation of file-system errors into StorageErrors that say what to do.
import { StorageError } from "../../core/storage/storage_error.ts";

/** Reads up to `buf.length` bytes at `pos`; returns how many were read (fewer at end of file). */
export function preadSync(file: Deno.FsFile, buf: Uint8Array, pos: number): number {
  file.seekSync(pos, Deno.SeekMode.Start);
  let done = 0;
  while (done < buf.length) {
    const n = file.readSync(done === 0 ? buf : buf.subarray(done));
    if (n === null || n === 0) break;
    done += n;
  }
  return done;
}

/** Writes all of `bytes` at the current position (a short write is retried, so ENOSPC surfaces). */
export function writeAllSync(file: Deno.FsFile, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += file.writeSync(bytes.subarray(done));
}

/** Makes renames and new entries in `dir` durable. */
export function fsyncDir(dir: string): void {
  const d = Deno.openSync(dir, { read: true });
  try {
    d.syncSync();
  } finally {
    d.close();
  }
}

/** The directory part of a path. */
export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  if (i < 0) return ".";
  return i === 0 ? "/" : path.slice(0, i);
}

/** Whether `err` says the file does not exist. */
export function isNotFound(err: unknown): boolean {
  return err instanceof Deno.errors.NotFound;
}

function code(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/** Whether `err` is the file system refusing a write (permissions, read-only mount, full disk). */
export function isWriteRefusal(err: unknown): boolean {
  return err instanceof Deno.errors.PermissionDenied || err instanceof Deno.errors.NotCapable ||
    ["EROFS", "ENOSPC", "EDQUOT", "EACCES", "EPERM", "EFBIG"].includes(code(err) ?? "");
}

/**
 * Translates a file-system error met while writing `path` into a StorageError: ReadOnly when
 * the file system refuses the write, Unreachable otherwise.
 */
export function writeError(err: unknown, path: string): StorageError {
  if (err instanceof StorageError) return err;
  const c = code(err);
  let message: string;
  let kind: "ReadOnly" | "Unreachable" = "ReadOnly";
  if (c === "ENOSPC" || c === "EDQUOT" || c === "EFBIG") {
    message = `Cannot write store file "${path}": no space left on device; ` +
      "free some space and retry (this write was not applied)";
  } else if (c === "EROFS") {
    message = `Cannot write store file "${path}": read-only file system; ` +
      "move the store to a writable location, or open it read-only";
  } else if (err instanceof Deno.errors.NotCapable) {
    message = `Cannot write store file "${path}": write access is not granted to this program; ` +
      "grant it (--allow-write), or open the store read-only";
  } else if (err instanceof Deno.errors.PermissionDenied || c === "EACCES" || c === "EPERM") {
    message = `Cannot write store file "${path}": permission denied; ` +
      "make the file and its directory writable by this user, or open the store read-only";
  } else {
    kind = "Unreachable";
    message = `Cannot write store file "${path}": ${(err as Error)?.message ?? String(err)}`;
  }
  return new StorageError(kind, { message, cause: err });
}

/** Translates a file-system error met while reading `path` into an Unreachable StorageError. */
export function readError(err: unknown, path: string): StorageError {
  if (err instanceof StorageError) return err;
  const message = err instanceof Deno.errors.NotCapable
    ? `Cannot read store file "${path}": read access is not granted to this program; grant it ` +
      `(--allow-read)`
    : err instanceof Deno.errors.PermissionDenied
    ? `Cannot read store file "${path}": permission denied; make it readable by this user`
    : `Cannot read store file "${path}": ${(err as Error)?.message ?? String(err)}`;
  return new StorageError("Unreachable", { message, cause: err });
}
