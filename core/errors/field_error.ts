// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Field errors in the shape of apimachinery's `util/validation/field`.
 *
 * @module
 */

/** The kind of a {@linkcode FieldError}, worded as Kubernetes prints it. */
export type FieldErrorType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError"
  | "FieldValueTypeInvalid";

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
  FieldValueTypeInvalid: "Invalid value",
};

/** Marker for "no bad value to print", as apimachinery's `field.OmitValueType`. */
export const OMIT_VALUE: unique symbol = Symbol("omit");

/** One problem with one field of an object. */
export interface FieldError {
  /** The kind of problem. */
  type: FieldErrorType;
  /** The field path, e.g. `metadata.name` or `data[a b]`. */
  field: string;
  /** The offending value; {@linkcode OMIT_VALUE} when it must not be printed. */
  badValue?: unknown;
  /** Human-readable detail. */
  detail: string;
}

/**
 * A bad value printed verbatim, for values Go prints in a form JSON cannot express
 * (a uint64 resourceVersion prints as `0x0`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, invalid, RawValue } from "@k1s/core";
 * assertEquals(
 *   formatFieldError(invalid("metadata.resourceVersion", new RawValue("0x0"), "must be specified for an update")),
 *   "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update",
 * );
 * ```
 */
export class RawValue {
  /** The text to print. */
  readonly text: string;
  /** @param text The text to print. */
  constructor(text: string) {
    this.text = text;
  }
}

/** Quotes a string as Go's `%q` does (`\a`, `\x1b`, ...), where JSON would write `\u0007`. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

/**
 * Renders a value the way apimachinery's field errors do: strings double-quoted, numbers plain,
 * a nil value as the string `"null"` (Go replaces it with "null", then quotes it), and objects
 * as JSON.
 */
function goValue(v: unknown): string {
  if (v instanceof RawValue) return v.text;
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v === null || v === undefined) return '"null"';
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) {
    return `[]string{${v.map((x) => goQuote(x)).join(", ")}}`;
  }
  return JSON.stringify(v);
}

/**
 * Formats a field error as `<path>: <Type>[: <value>][: <detail>]`, the text Kubernetes prints.
 *
 * @param err The error to format.
 * @returns The formatted message.
 *
 * @example Format an invalid value
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, invalid } from "@k1s/core";
 * assertEquals(
 *   formatFieldError(invalid("spec.size", 11, "must be at most 10")),
 *   "spec.size: Invalid value: 11: must be at most 10",
 * );
 * ```
 */
export function formatFieldError(err: FieldError): string {
  return `${err.field}: ${errorBody(err)}`;
}

/**
 * The part of a field error after the path: `<Type>[: <value>][: <detail>]`.
 *
 * @param err The error to format.
 * @returns The message without its field path.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { errorBody, required } from "@k1s/core";
 * assertEquals(errorBody(required("spec.size", "")), "Required value");
 * ```
 */
export function errorBody(err: FieldError): string {
  let s = TYPE_TEXT[err.type];
  const omit = err.badValue === OMIT_VALUE || err.type === "FieldValueRequired" ||
    err.type === "FieldValueForbidden" || err.type === "FieldValueTooLong" ||
    err.type === "InternalError" || err.type === "FieldValueTooMany";
  if (!omit && err.badValue !== undefined) {
    s += `: ${goValue(err.badValue)}`;
  }
  if (err.detail) s += `: ${err.detail}`;
  return s;
}

/**
 * A "Required value" error.
 *
 * @param field The field path.
 * @param detail Extra detail; may be empty.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, required } from "@k1s/core";
 * assertEquals(formatFieldError(required("spec.size", "")), "spec.size: Required value");
 * ```
 */
export function required(field: string, detail: string): FieldError {
  return { type: "FieldValueRequired", field, detail };
}

/**
 * An "Invalid value" error.
 *
 * @param field The field path.
 * @param value The offending value.
 * @param detail Why it is invalid.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, invalid } from "@k1s/core";
 * assertEquals(formatFieldError(invalid("metadata.name", "Foo", "bad")), 'metadata.name: Invalid value: "Foo": bad');
 * ```
 */
export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: "FieldValueInvalid", field, badValue: value, detail };
}

/**
 * A "Forbidden" error.
 *
 * @param field The field path.
 * @param detail Why it is forbidden.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { forbidden, formatFieldError } from "@k1s/core";
 * assertEquals(formatFieldError(forbidden("data", "field is immutable")), "data: Forbidden: field is immutable");
 * ```
 */
export function forbidden(field: string, detail: string): FieldError {
  return { type: "FieldValueForbidden", field, detail };
}

/**
 * A "Too long" error; `maxLength` is worded as Kubernetes does for byte limits.
 *
 * @param field The field path.
 * @param maxLength The limit.
 * @param unit What the limit counts, `"bytes"` or `"characters"`.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, tooLong } from "@k1s/core";
 * assertEquals(formatFieldError(tooLong("[]", 1048576, "bytes")), "[]: Too long: may not be more than 1048576 bytes");
 * ```
 */
export function tooLong(field: string, maxLength: number, unit = "bytes"): FieldError {
  return {
    type: "FieldValueTooLong",
    field,
    detail: `may not be more than ${maxLength} ${unit}`,
  };
}

/**
 * An "Unsupported value" error listing the supported values.
 *
 * @param field The field path.
 * @param value The offending value.
 * @param supported The values that are allowed.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, notSupported } from "@k1s/core";
 * assertEquals(
 *   formatFieldError(notSupported("spec.color", "pink", ["red", "green"])),
 *   'spec.color: Unsupported value: "pink": supported values: "red", "green"',
 * );
 * ```
 */
export function notSupported(
  field: string,
  value: unknown,
  supported: readonly string[],
): FieldError {
  const detail = supported.length
    ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`
    : "";
  return { type: "FieldValueNotSupported", field, badValue: value, detail };
}

/**
 * A "Duplicate value" error.
 *
 * @param field The field path.
 * @param value The duplicated value.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { duplicate, formatFieldError } from "@k1s/core";
 * assertEquals(formatFieldError(duplicate("spec.tags[1]", "a")), 'spec.tags[1]: Duplicate value: "a"');
 * ```
 */
export function duplicate(field: string, value: unknown): FieldError {
  return { type: "FieldValueDuplicate", field, badValue: value, detail: "" };
}

/**
 * A "Not found" error.
 *
 * @param field The field path.
 * @param value The value that was not found.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fieldNotFound, formatFieldError } from "@k1s/core";
 * assertEquals(formatFieldError(fieldNotFound("spec.x", "y")), 'spec.x: Not found: "y"');
 * ```
 */
export function fieldNotFound(field: string, value: unknown): FieldError {
  return { type: "FieldValueNotFound", field, badValue: value, detail: "" };
}

/**
 * A "Too many" error: a list has more items than allowed.
 *
 * @param field The field path.
 * @param actual How many there are.
 * @param max The most that are allowed.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, tooMany } from "@k1s/core";
 * assertEquals(formatFieldError(tooMany("spec.tags", 3, 2)), "spec.tags: Too many: 3: must have at most 2 items");
 * ```
 */
export function tooMany(field: string, actual: number, max: number): FieldError {
  return {
    type: "FieldValueTooMany",
    field,
    detail: `${actual}: must have at most ${max} items`,
  };
}

/**
 * An "Internal error" field error.
 *
 * @param field The field path.
 * @param detail What went wrong.
 * @returns The field error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, internalFieldError } from "@k1s/core";
 * assertEquals(formatFieldError(internalFieldError("spec", "boom")), "spec: Internal error: boom");
 * ```
 */
export function internalFieldError(field: string, detail: string): FieldError {
  return { type: "InternalError", field, detail };
}
