// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { newInvalid, newNotFound, StorageError } from "@k1s/core";
import { CliError, ExitCode, exitCodeOf, permissionErrorText, renderError } from "./errors.ts";

Deno.test("renderError() words errors as kubectl's CheckErr does", async (t) => {
  const cases: [string, unknown, string][] = [
    [
      "not found",
      newNotFound({ group: "", resource: "configmaps" }, "x"),
      'Error from server (NotFound): configmaps "x" not found\n',
    ],
    [
      "invalid, one cause",
      newInvalid({ group: "", kind: "ConfigMap" }, "X", [{
        type: "FieldValueInvalid",
        field: "metadata.name",
        badValue: "X",
        detail: "bad",
      }]),
      'The ConfigMap "X" is invalid: metadata.name: Invalid value: "X": bad\n',
    ],
    ["plain", new CliError("boom"), "error: boom\n"],
    [
      "several",
      new AggregateError([
        newNotFound({ group: "", resource: "configmaps" }, "a"),
        newNotFound({ group: "", resource: "configmaps" }, "b"),
      ]),
      'Error from server (NotFound): configmaps "a" not found\nError from server (NotFound): configmaps "b" not found\n',
    ],
  ];
  for (const [name, err, want] of cases) {
    await t.step(name, () => assertEquals(renderError(err, "k1s"), want));
  }
});

Deno.test("permissionErrorText() names the Deno flag to add, through wrapping errors", () => {
  const denied = new Deno.errors.NotCapable(
    'Requires write access to "/s/k1s.db", run again with the --allow-write flag',
  );
  const want =
    'error: k1s needs write access to "/s/k1s.db" but Deno did not grant it; run it with --allow-write=/s/k1s.db (see "Permissions" in docs/cli.md)\n';
  assertEquals(permissionErrorText(denied, "k1s"), want);
  assertEquals(
    renderError(new StorageError("Unreachable", { message: "Cannot write", cause: denied }), "k1s"),
    want,
  );
  assertEquals(renderError(new Error(`failed: ${denied}`), "k1s"), want);
  assertEquals(permissionErrorText(new Error("other"), "k1s"), undefined);
  assertEquals(permissionErrorText(new Deno.errors.PermissionDenied("EACCES"), "k1s"), undefined);
  // Deno hides the temporary directory as "<TMP>"; the message names it.
  const tmp = permissionErrorText(
    new Deno.errors.NotCapable(
      'Requires write access to "<TMP>", run again with the --allow-write flag',
    ),
    "k1s",
  );
  assertEquals(tmp?.includes("<TMP>"), false);
  assertEquals(tmp?.includes(`--allow-write=${Deno.env.get("TMPDIR") || "/tmp"}`), true);
  // Device files need --allow-all, which takes no list.
  assertEquals(
    permissionErrorText(
      new Deno.errors.NotCapable(
        'Requires all access to "/dev/tty", run again with the --allow-all flag',
      ),
      "k1s",
    ),
    'error: k1s needs all access to "/dev/tty" but Deno did not grant it; run it with --allow-all (see "Permissions" in docs/cli.md)\n',
  );
});

Deno.test("exitCodeOf() takes an error's exit code, else 1", () => {
  assertEquals(exitCodeOf(new ExitCode(3)), 3);
  assertEquals(exitCodeOf(new CliError("x", { exitCode: 2 })), 2);
  assertEquals(exitCodeOf(new Error("x")), 1);
});
