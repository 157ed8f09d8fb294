// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import { parseAnnotationPairs, parseLabelPairs, resourcesAndPairs } from "./_write_meta.ts";
import { CliError } from "../_cli/errors.ts";

Deno.test("resourcesAndPairs() splits resources from changes as kubectl does", () => {
  assertEquals(resourcesAndPairs(["cm", "a", "b", "x=1", "y-"], "label"), [["cm", "a", "b"], [
    "x=1",
    "y-",
  ]]);
  // `-` alone and `=x` are resources.
  assertEquals(resourcesAndPairs(["cm", "-", "=x"], "label"), [["cm", "-", "=x"], []]);
  assertThrows(
    () => resourcesAndPairs(["cm", "a", "x=1", "b"], "annotation"),
    CliError,
    "all resources must be specified before annotation changes: b",
  );
});

Deno.test("parseLabelPairs() validates values and rejects ambiguous changes", () => {
  assertEquals(parseLabelPairs(["a=1", "b=", "c-"]), [{ a: "1", b: "" }, ["c"]]);
  assertThrows(() => parseLabelPairs(["k=a=b"]), CliError, "invalid label spec: k=a=b");
  assertThrows(
    () => parseLabelPairs(["env=bad value"]),
    CliError,
    `invalid label value: "env=bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  );
  assertThrows(
    () => parseLabelPairs(["k=v", "k-"]),
    CliError,
    "can not both modify and remove a label in the same command",
  );
});

Deno.test("parseAnnotationPairs() keeps '=' in values and lists bad pairs", () => {
  assertEquals(parseAnnotationPairs(["a=x=y", "b-"]), [{ a: "x=y" }, ["b"]]);
  assertThrows(
    () => parseAnnotationPairs(["=x", "-"]),
    CliError,
    "invalid annotation format: =x, -",
  );
});
