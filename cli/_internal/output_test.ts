// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { StatusError } from "@k1s/core";
import { bufferOutput, errorText, streamOutput } from "./output.ts";
import { UsageError } from "./args/usage_error.ts";

Deno.test("errorText() words errors as kubectl's CheckErr", async (t) => {
  const invalid = (causes: { field: string; message: string }[]) =>
    new StatusError({
      reason: "Invalid",
      code: 422,
      message: "whatever",
      details: {
        kind: "ConfigMap",
        name: "Foo",
        causes: causes.map((c) => ({ reason: "FieldValueInvalid", ...c })),
      },
    });
  const cases: [string, unknown, string][] = [
    [
      "usage error renders itself",
      new UsageError("unknown flag: --x", { kind: "flag", commandPath: "k1s get" }),
      "Error: unknown flag: --x\nSee 'k1s get --help' for usage.\n",
    ],
    [
      "plain error",
      new Error("exactly one NAME is required, got 0"),
      "error: exactly one NAME is required, got 0\n",
    ],
    ["already prefixed", new Error("error: x"), "error: x\n"],
    [
      "keeps trailing newlines",
      new Error("error parsing jsonpath {.x[}, unterminated array\n"),
      "error: error parsing jsonpath {.x[}, unterminated array\n",
    ],
    [
      "server error",
      new StatusError({
        reason: "AlreadyExists",
        code: 409,
        message: 'configmaps "foo" already exists',
      }),
      'Error from server (AlreadyExists): configmaps "foo" already exists\n',
    ],
    [
      "server error without reason",
      new StatusError({ code: 500, message: "boom" }),
      "Error from server: boom\n",
    ],
    [
      "invalid, one cause",
      invalid([{
        field: "metadata.name",
        message: 'Invalid value: "Foo": a lowercase RFC 1123 subdomain',
      }]),
      'The ConfigMap "Foo" is invalid: metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain\n',
    ],
    [
      "invalid, several causes",
      invalid([{ field: "data[a b]", message: "x" }, { field: "metadata.name", message: "y" }, {
        field: "metadata.name",
        message: "y",
      }]),
      'The ConfigMap "Foo" is invalid: \n* data[a b]: x\n* metadata.name: y\n',
    ],
    [
      "invalid, neither an object nor causes: the message",
      new StatusError({
        reason: "Invalid",
        code: 422,
        message: "the server rejected our request",
        details: {},
      }),
      "The request is invalid: the server rejected our request\n",
    ],
    [
      "invalid, an object without causes: no message",
      new StatusError({
        reason: "Invalid",
        code: 422,
        message: "x",
        details: { kind: "ConfigMap", name: "a" },
      }),
      'The ConfigMap "a" is invalid\n',
    ],
    [
      "invalid, causes without an object",
      new StatusError({
        reason: "Invalid",
        code: 422,
        message: "x",
        details: { causes: [{ reason: "UnexpectedServerResponse", message: "m" }] },
      }),
      "The request is invalid: : m\n",
    ],
  ]; // deno-fmt-ignore
  for (const [name, err, want] of cases) await t.step(name, () => assertEquals(errorText(err), want));
});

Deno.test("bufferOutput() and streamOutput() keep write order", () => {
  const b = bufferOutput();
  b.stdout.write("a");
  b.stderr.write("e");
  b.stdout.write("b");
  assertEquals([b.stdoutText, b.stderrText], ["ab", "e"]);
  const chunks: string[] = [];
  // A writer that takes at most 2 bytes per call, as a pipe may.
  const w = {
    writeSync: (
      p: Uint8Array,
    ) => (chunks.push(new TextDecoder().decode(p.subarray(0, 2))), Math.min(2, p.length)),
  };
  streamOutput({ stdout: w, stderr: w }).stdout.write("hello");
  assertEquals(chunks.join(""), "hello");
});
