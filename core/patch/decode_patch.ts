// Copyright 2026 the k1s authors. Apache-2.0 license.
import { newBadRequest } from "../errors/status_error.ts";
import { goJsonSyntaxError } from "../builtins/_go_json.ts";

/**
 * A patch body as a value, as the API server decodes one: objects are copied, JSON text (or its
 * UTF-8 bytes) is parsed; text that is not JSON is a 400 BadRequest with Go's `encoding/json`
 * syntax error (`unexpected end of JSON input`, `invalid character '}' after object key`...).
 *
 * @param body The patch: a value, or JSON text.
 * @returns The patch as a value.
 * @throws {StatusError} 400 when the text is not JSON.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { decodePatch, StatusError } from "@k1s/core";
 * assertEquals(decodePatch('{"data":{"a":"1"}}'), { data: { a: "1" } });
 * const err = assertThrows(() => decodePatch('{"a" 1}'), StatusError);
 * assertEquals(err.message, "invalid character '1' after object key");
 * ```
 */
export function decodePatch(body: unknown): unknown {
  if (typeof body !== "string" && !(body instanceof Uint8Array)) return structuredClone(body);
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text);
  } catch (e) {
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    throw newBadRequest(goJsonSyntaxError(bytes) ?? (e as Error).message);
  }
}
