// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Messages for the unknown fields pruning drops, per `fieldValidation`: `Strict` rejects the
 * request, `Warn` drops them with a warning each, `Ignore` drops them silently.
 *
 * @module
 */
import { newBadRequest, type StatusError } from "../errors/status_error.ts";

/**
 * The warning for one unknown field (`fieldValidation=Warn`): `unknown field "spec.foo"`.
 *
 * @param path The field path pruning reported.
 * @returns The warning text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { unknownFieldWarning } from "@k1s/core";
 * assertEquals(unknownFieldWarning("spec.foo"), 'unknown field "spec.foo"');
 * ```
 */
export function unknownFieldWarning(path: string): string {
  return `unknown field "${path}"`;
}

/**
 * The message of a strict decoding failure (`fieldValidation=Strict`):
 * `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`.
 *
 * @param paths The field paths pruning reported (at least one).
 * @returns The message.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { strictDecodingMessage } from "@k1s/core";
 * assertEquals(
 *   strictDecodingMessage(["spec.a", "spec.b"]),
 *   'strict decoding error: unknown field "spec.a", unknown field "spec.b"',
 * );
 * ```
 */
export function strictDecodingMessage(paths: readonly string[]): string {
  return `strict decoding error: ${paths.map(unknownFieldWarning).join(", ")}`;
}

/**
 * The 400 BadRequest a `fieldValidation=Strict` write fails with when fields are unknown.
 *
 * @param paths The field paths pruning reported (at least one).
 * @returns The error to throw.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newStrictDecodingError } from "@k1s/core";
 * const err = newStrictDecodingError(["spec.foo"]);
 * assertEquals(err.status.code, 400);
 * assertEquals(err.message, 'strict decoding error: unknown field "spec.foo"');
 * ```
 */
export function newStrictDecodingError(paths: readonly string[]): StatusError {
  return newBadRequest(strictDecodingMessage(paths));
}
