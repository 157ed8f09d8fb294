// Copyright 2026 the k1s authors. Apache-2.0 license.
// Storage errors → StatusErrors, as apiserver's storage/errors.go + interpretStorageError do.
import type { GroupResource } from "../errors/status_error.ts";
import {
  newAlreadyExists,
  newConflict,
  newGone,
  newInternalError,
  newNotFound,
  newServiceUnavailable,
  newTimeout,
  StatusError,
} from "../errors/status_error.ts";
import { StorageError } from "../storage/storage_error.ts";

/** Translates any storage failure into a StatusError about `name` of `gr`. */
export function toStatusError(err: unknown, gr: GroupResource, name: string): unknown {
  if (err instanceof StatusError || !(err instanceof StorageError)) return err;
  switch (err.code) {
    case "KeyNotFound":
      return newNotFound(gr, name);
    case "KeyExists":
      return newAlreadyExists(gr, name);
    case "Conflict":
      return newConflict(gr, name);
    case "Compacted":
      return newGone(err.message);
    case "TooLargeRevision":
      return newTimeout(err.message);
    case "Unreachable":
    case "ReadOnly":
      return newServiceUnavailable(err.message, { cause: err });
    case "Corrupt":
    case "Invalid":
    default:
      return newInternalError(err.message, { cause: err });
  }
}

/** The error for a subresource the type does not have. */
export function noSubresource(): StatusError {
  return new StatusError({
    reason: "NotFound",
    code: 404,
    message: "the server could not find the requested resource",
  });
}
