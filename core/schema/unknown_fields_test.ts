// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { isBadRequest } from "../errors/status_error.ts";
import { compileSchema } from "./compile_schema.ts";
import {
  newStrictDecodingError,
  strictDecodingMessage,
  unknownFieldWarning,
} from "./unknown_fields.ts";

Deno.test("unknown field messages read as Kubernetes prints them", async (t) => {
  const pruned = compileSchema({
    type: "object",
    properties: { spec: { type: "object", properties: { a: { type: "string" } } } },
  }).prune({ spec: { a: "x", foo: 1, bar: { baz: 2 } } });
  await t.step("Warn: one warning per field", () => {
    assertEquals(pruned.map(unknownFieldWarning), [
      'unknown field "spec.bar"',
      'unknown field "spec.foo"',
    ]);
  });
  await t.step("Strict: one 400 listing every field", () => {
    const err = newStrictDecodingError(pruned);
    assertEquals(isBadRequest(err), true);
    assertEquals(
      err.message,
      'strict decoding error: unknown field "spec.bar", unknown field "spec.foo"',
    );
    assertEquals(strictDecodingMessage(pruned), err.message);
  });
});
