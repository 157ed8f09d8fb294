// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `StatusError`, the error every client verb throws, shaped like apimachinery's
 * `pkg/api/errors`: a `metav1.Status` with a reason, an HTTP-like code and a
 * message worded exactly as Kubernetes words it.
 *
 * @module
 */
import { type FieldError, formatFieldError } from "./field_error.ts";

/** The reasons a {@linkcode Status} can carry (apimachinery `metav1.StatusReason`). */
export type StatusReason =
  | ""
  | "Unknown"
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Gone"
  | "Invalid"
  | "ServerTimeout"
  | "Timeout"
  | "TooManyRequests"
  | "BadRequest"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "RequestEntityTooLarge"
  | "UnsupportedMediaType"
  | "InternalError"
  | "Expired"
  | "ServiceUnavailable";

/** One cause in {@linkcode StatusDetails}. */
export interface StatusCause {
  /** Machine-readable cause, e.g. `FieldValueInvalid`. */
  reason?: string;
  /** Human-readable text. */
  message?: string;
  /** The field path the cause concerns. */
  field?: string;
}

/** Extra data about a failure (apimachinery `metav1.StatusDetails`). */
export interface StatusDetails {
  /** Name of the object concerned. */
  name?: string;
  /** API group of the object concerned. */
  group?: string;
  /** Kind, or for most errors the plural resource name. */
  kind?: string;
  /** UID of the object concerned. */
  uid?: string;
  /** Individual causes. */
  causes?: StatusCause[];
  /** Seconds after which the client may retry. */
  retryAfterSeconds?: number;
}

/** A `metav1.Status` object. */
export interface Status {
  /** Always `"Status"`. */
  kind: "Status";
  /** Always `"v1"`. */
  apiVersion: "v1";
  /** Always empty. */
  metadata: Record<string, never>;
  /** `"Success"` or `"Failure"`. */
  status: "Success" | "Failure";
  /** Human-readable description. */
  message?: string;
  /** Machine-readable reason. */
  reason?: StatusReason;
  /** Extra data. */
  details?: StatusDetails;
  /** HTTP-like status code. */
  code: number;
}

/** A group and resource, e.g. `{ group: "", resource: "configmaps" }`. */
export interface GroupResource {
  /** API group, `""` for the core group. */
  group: string;
  /** Plural resource name. */
  resource: string;
}

/** A group and kind, e.g. `{ group: "", kind: "ConfigMap" }`. */
export interface GroupKind {
  /** API group, `""` for the core group. */
  group: string;
  /** Kind name. */
  kind: string;
}

/**
 * The error thrown by every k1s client verb. `.status` holds the `metav1.Status`.
 *
 * @example Catch a NotFound
 * ```ts
 * import { assert } from "@std/assert";
 * import { isNotFound, newNotFound } from "@k1s/core";
 * const err = newNotFound({ group: "", resource: "configmaps" }, "x");
 * assert(isNotFound(err));
 * ```
 */
export class StatusError extends Error {
  /** The Kubernetes status this error carries. */
  readonly status: Status;

  /**
   * Wraps a status.
   *
   * @param status The status; its message becomes the error message.
   * @param options Standard error options (`cause`).
   */
  constructor(
    status: Omit<Status, "kind" | "apiVersion" | "metadata" | "status">,
    options?: ErrorOptions,
  ) {
    super(status.message ?? "", options);
    this.name = "StatusError";
    this.status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", ...status };
  }

  /** The reason, or `""`. */
  get reason(): StatusReason {
    return this.status.reason ?? "";
  }

  /** The HTTP-like code. */
  get code(): number {
    return this.status.code;
  }
}

/** Plural resource qualified by group: `configmaps`, `roles.rbac.authorization.k8s.io`. */
function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** Kind qualified by group: `ConfigMap`, `Role.rbac.authorization.k8s.io`. */
function qualifiedKind(gk: GroupKind): string {
  return gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
}

/**
 * `<resource> "<name>" not found` (404 NotFound).
 *
 * @param gr The resource.
 * @param name The object name.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newNotFound } from "@k1s/core";
 * assertEquals(newNotFound({ group: "", resource: "configmaps" }, "x").message, 'configmaps "x" not found');
 * ```
 */
export function newNotFound(gr: GroupResource, name: string): StatusError {
  return new StatusError({
    reason: "NotFound",
    code: 404,
    message: `${qualifiedResource(gr)} "${name}" not found`,
    details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
  });
}

/**
 * `<resource> "<name>" already exists` (409 AlreadyExists).
 *
 * @param gr The resource.
 * @param name The object name.
 * @param options `terminating` when the existing object is being deleted.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newAlreadyExists } from "@k1s/core";
 * assertEquals(newAlreadyExists({ group: "", resource: "configmaps" }, "x").message, 'configmaps "x" already exists');
 * ```
 */
export function newAlreadyExists(
  gr: GroupResource,
  name: string,
  options: { terminating?: boolean; generated?: boolean } = {},
): StatusError {
  let message = `${qualifiedResource(gr)} "${name}" already exists`;
  if (options.terminating) message = `object is being deleted: ${message}`;
  if (options.generated) {
    message += ", the server was not able to generate a unique name for the object";
  }
  return new StatusError({
    reason: "AlreadyExists",
    code: 409,
    message,
    details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
  });
}

/**
 * `Operation cannot be fulfilled on <resource> "<name>": <detail>` (409 Conflict).
 * Without a detail, the optimistic-concurrency sentence Kubernetes uses for a stale resourceVersion.
 *
 * @param gr The resource.
 * @param name The object name.
 * @param detail The reason; defaults to the stale-resourceVersion sentence.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { newConflict } from "@k1s/core";
 * assertStringIncludes(newConflict({ group: "", resource: "configmaps" }, "x").message, "the object has been modified");
 * ```
 */
export function newConflict(gr: GroupResource, name: string, detail?: string): StatusError {
  const why = detail ??
    "the object has been modified; please apply your changes to the latest version and try again";
  return new StatusError({
    reason: "Conflict",
    code: 409,
    message: `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`,
    details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
  });
}

/**
 * `<Kind> "<name>" is invalid: <errors>` (422 Invalid); several errors are joined as `[e1, e2]`.
 *
 * @param gk The kind.
 * @param name The object name.
 * @param errs The field errors (at least one).
 * @returns The error, with one cause per field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { invalid, newInvalid } from "@k1s/core";
 * const err = newInvalid({ group: "", kind: "ConfigMap" }, "Foo", [invalid("metadata.name", "Foo", "bad")]);
 * assertEquals(err.message, 'ConfigMap "Foo" is invalid: metadata.name: Invalid value: "Foo": bad');
 * ```
 */
export function newInvalid(gk: GroupKind, name: string, errs: readonly FieldError[]): StatusError {
  // apimachinery's ErrorList.ToAggregate drops repeated messages.
  const seen = new Set<string>();
  errs = errs.filter((e) => {
    const t = formatFieldError(e);
    if (seen.has(t)) return false;
    seen.add(t);
    return true;
  });
  const texts = errs.map(formatFieldError);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`;
  return new StatusError({
    reason: "Invalid",
    code: 422,
    message: `${qualifiedKind(gk)} "${name}" is invalid: ${agg}`,
    details: {
      name,
      ...(gk.group ? { group: gk.group } : {}),
      kind: gk.kind,
      causes: errs.map((e) => ({
        reason: e.type,
        message: formatFieldError(e).slice(e.field.length + 2),
        field: e.field,
      })),
    },
  });
}

/**
 * `<resource> "<name>" is forbidden: <reason>` (403 Forbidden); without a name,
 * `<resource> is forbidden: <reason>`.
 *
 * @param gr The resource.
 * @param name The object name, or `""`.
 * @param reason Why.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newForbidden } from "@k1s/core";
 * assertEquals(
 *   newForbidden({ group: "", resource: "namespaces" }, "default", "this namespace may not be deleted").message,
 *   'namespaces "default" is forbidden: this namespace may not be deleted',
 * );
 * ```
 */
export function newForbidden(gr: GroupResource, name: string, reason: string): StatusError {
  const subject = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
  return new StatusError({
    reason: "Forbidden",
    code: 403,
    message: `${subject} is forbidden: ${reason}`,
    details: {
      ...(name ? { name } : {}),
      ...(gr.group ? { group: gr.group } : {}),
      kind: gr.resource,
    },
  });
}

/**
 * 401 Unauthorized.
 *
 * @param message The message; defaults to `Unauthorized`.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newUnauthorized } from "@k1s/core";
 * assertEquals(newUnauthorized().code, 401);
 * ```
 */
export function newUnauthorized(message = "Unauthorized"): StatusError {
  return new StatusError({ reason: "Unauthorized", code: 401, message });
}

/**
 * 400 BadRequest.
 *
 * @param message The message.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newBadRequest } from "@k1s/core";
 * assertEquals(newBadRequest("nope").status.reason, "BadRequest");
 * ```
 */
export function newBadRequest(message: string): StatusError {
  return new StatusError({ reason: "BadRequest", code: 400, message });
}

/**
 * 410 Expired (`isGone` is true for it).
 *
 * @param message The message.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isGone, newGone } from "@k1s/core";
 * assert(isGone(newGone("too old resource version: 5 (100)")));
 * ```
 */
export function newGone(message: string): StatusError {
  return new StatusError({ reason: "Expired", code: 410, message });
}

/**
 * 500 InternalError: `Internal error occurred: <message>`.
 *
 * @param message What went wrong.
 * @param options Error options (`cause`).
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newInternalError } from "@k1s/core";
 * assertEquals(newInternalError("boom").message, "Internal error occurred: boom");
 * ```
 */
export function newInternalError(message: string, options?: ErrorOptions): StatusError {
  return new StatusError(
    {
      reason: "InternalError",
      code: 500,
      message: `Internal error occurred: ${message}`,
      details: { causes: [{ message }] },
    },
    options,
  );
}

/**
 * 415 UnsupportedMediaType, as for a strategic merge patch on a custom resource.
 *
 * @param message The message.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newUnsupportedMediaType } from "@k1s/core";
 * assertEquals(newUnsupportedMediaType("x").code, 415);
 * ```
 */
export function newUnsupportedMediaType(message: string): StatusError {
  return new StatusError({ reason: "UnsupportedMediaType", code: 415, message });
}

/**
 * 405 MethodNotAllowed.
 *
 * @param message The message.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newMethodNotSupported } from "@k1s/core";
 * assertEquals(newMethodNotSupported("x").code, 405);
 * ```
 */
export function newMethodNotSupported(message: string): StatusError {
  return new StatusError({ reason: "MethodNotAllowed", code: 405, message });
}

/**
 * 504 Timeout, used for a resourceVersion ahead of the store.
 *
 * @param message The message.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newTimeout } from "@k1s/core";
 * assertEquals(newTimeout("Too large resource version: 9, current: 3").code, 504);
 * ```
 */
export function newTimeout(message: string): StatusError {
  return new StatusError({ reason: "Timeout", code: 504, message });
}

/**
 * 503 ServiceUnavailable: the store cannot be reached or written.
 *
 * @param message The message.
 * @param options Error options (`cause`).
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newServiceUnavailable } from "@k1s/core";
 * assertEquals(newServiceUnavailable("store is read-only").code, 503);
 * ```
 */
export function newServiceUnavailable(message: string, options?: ErrorOptions): StatusError {
  return new StatusError({ reason: "ServiceUnavailable", code: 503, message }, options);
}

/**
 * 500 without a reason, as Kubernetes answers a create that sets resourceVersion.
 *
 * @param message The message.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newInternalServerError } from "@k1s/core";
 * assertEquals(newInternalServerError("x").status.reason, undefined);
 * ```
 */
export function newInternalServerError(message: string): StatusError {
  return new StatusError({ code: 500, message });
}

const KNOWN_REASONS = new Set<string>([
  "Unauthorized",
  "Forbidden",
  "NotFound",
  "AlreadyExists",
  "Conflict",
  "Gone",
  "Invalid",
  "ServerTimeout",
  "Timeout",
  "TooManyRequests",
  "BadRequest",
  "MethodNotAllowed",
  "NotAcceptable",
  "RequestEntityTooLarge",
  "UnsupportedMediaType",
  "InternalError",
  "Expired",
  "ServiceUnavailable",
]);

/** Reason-first matching, falling back to the code only for unknown reasons, as apimachinery does. */
function matches(err: unknown, reason: StatusReason, code: number): boolean {
  if (!(err instanceof StatusError)) return false;
  const r = err.status.reason ?? "";
  if (r === reason) return true;
  if (!KNOWN_REASONS.has(r) && err.status.code === code) return true;
  return false;
}

/**
 * Whether `err` is a 404 NotFound.
 *
 * @param err Any thrown value.
 * @returns `true` for NotFound.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isNotFound, newNotFound } from "@k1s/core";
 * assert(isNotFound(newNotFound({ group: "", resource: "secrets" }, "s")));
 * ```
 */
export function isNotFound(err: unknown): boolean {
  return matches(err, "NotFound", 404);
}

/**
 * Whether `err` is a 409 AlreadyExists.
 *
 * @param err Any thrown value.
 * @returns `true` for AlreadyExists.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isAlreadyExists, newAlreadyExists } from "@k1s/core";
 * assert(isAlreadyExists(newAlreadyExists({ group: "", resource: "secrets" }, "s")));
 * ```
 */
export function isAlreadyExists(err: unknown): boolean {
  return matches(err, "AlreadyExists", 409);
}

/**
 * Whether `err` is a 409 Conflict.
 *
 * @param err Any thrown value.
 * @returns `true` for Conflict.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isConflict, newConflict } from "@k1s/core";
 * assert(isConflict(newConflict({ group: "", resource: "secrets" }, "s")));
 * ```
 */
export function isConflict(err: unknown): boolean {
  return matches(err, "Conflict", 409);
}

/**
 * Whether `err` is a 422 Invalid.
 *
 * @param err Any thrown value.
 * @returns `true` for Invalid.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isInvalid, newInvalid, required } from "@k1s/core";
 * assert(isInvalid(newInvalid({ group: "", kind: "Secret" }, "s", [required("data", "")])));
 * ```
 */
export function isInvalid(err: unknown): boolean {
  return matches(err, "Invalid", 422);
}

/**
 * Whether `err` is a 403 Forbidden.
 *
 * @param err Any thrown value.
 * @returns `true` for Forbidden.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isForbidden, newForbidden } from "@k1s/core";
 * assert(isForbidden(newForbidden({ group: "", resource: "secrets" }, "s", "no")));
 * ```
 */
export function isForbidden(err: unknown): boolean {
  return matches(err, "Forbidden", 403);
}

/**
 * Whether `err` is a 401 Unauthorized.
 *
 * @param err Any thrown value.
 * @returns `true` for Unauthorized.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isUnauthorized, newUnauthorized } from "@k1s/core";
 * assert(isUnauthorized(newUnauthorized()));
 * ```
 */
export function isUnauthorized(err: unknown): boolean {
  return matches(err, "Unauthorized", 401);
}

/**
 * Whether `err` is a 410: reason `Gone` or `Expired` (a compacted resourceVersion).
 *
 * @param err Any thrown value.
 * @returns `true` for Gone or Expired.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isGone, newGone } from "@k1s/core";
 * assert(isGone(newGone("too old")));
 * ```
 */
export function isGone(err: unknown): boolean {
  return matches(err, "Gone", 410) || matches(err, "Expired", 410);
}

/**
 * Whether `err` is a 400 BadRequest.
 *
 * @param err Any thrown value.
 * @returns `true` for BadRequest.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isBadRequest, newBadRequest } from "@k1s/core";
 * assert(isBadRequest(newBadRequest("x")));
 * ```
 */
export function isBadRequest(err: unknown): boolean {
  return matches(err, "BadRequest", 400);
}

/**
 * Returns `undefined` for a NotFound and rethrows anything else, like controller-runtime's
 * `client.IgnoreNotFound`.
 *
 * @param err Any thrown value.
 * @returns `undefined` when `err` is a NotFound.
 * @throws `err` when it is anything else.
 *
 * @example
 * ```ts
 * import { ignoreNotFound, newNotFound } from "@k1s/core";
 * ignoreNotFound(newNotFound({ group: "", resource: "secrets" }, "s"));
 * ```
 */
export function ignoreNotFound(err: unknown): undefined {
  if (isNotFound(err)) return undefined;
  throw err;
}
