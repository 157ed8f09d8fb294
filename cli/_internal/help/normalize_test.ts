// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { examples, longDesc } from "./normalize.ts";

Deno.test("longDesc() renders descriptions as kubectl's templates.LongDesc", async (t) => {
  await t.step("code blocks are indented by eight spaces", () => {
    // kubectl explain's description (`kubectl explain --help`).
    assertEquals(
      longDesc(`
        Describe fields and structure of various resources.

        This command describes the fields associated with each supported API resource.
        Fields are identified via a simple JSONPath identifier:

            <type>.<fieldName>[.<fieldName>]

        Information about each field is retrieved from the server in OpenAPI format.`),
      "Describe fields and structure of various resources.\n\n" +
        " This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n" +
        "        <type>.<fieldName>[.<fieldName>]\n        \n" +
        " Information about each field is retrieved from the server in OpenAPI format.",
    );
  });
  await t.step("empty stays empty", () => assertEquals(longDesc(""), ""));
});

Deno.test("examples() indents every line by two spaces", () => {
  assertEquals(
    examples("\n    # a\n    k1s get\n\n    # b\n    k1s get x\n  "),
    "  # a\n  k1s get\n  \n  # b\n  k1s get x",
  );
});
