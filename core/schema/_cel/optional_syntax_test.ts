// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { formatFieldError } from "../../errors/field_error.ts";
import { loadCel } from "../cel.ts";
import { validateStructuralSchema } from "../validate_structural_schema.ts";
import type { JSONSchemaProps } from "../types.ts";
import { rewriteOptionalSyntax } from "./optional_syntax.ts";

Deno.test("rewriteOptionalSyntax() rewrites optional selects and indexes only", async (t) => {
  const cases: [string, string | undefined][] = [
    ["self.a == 1", undefined],
    ["self.a ? 1 : 2", undefined],
    ["self.?a.orValue(1)", "self.__k1s_opt__a.orValue(1)"],
    ["self. ? a", "self. __k1s_opt__a"],
    ["self.m[?'k']", "self.m[__k1s_optidx__('k')]"],
    ["self.l[?self.i[0]]", "self.l[__k1s_optidx__(self.i[0])]"],
    [
      "'.?a' + \"[?0]\" == self.?a.orValue('')",
      "'.?a' + \"[?0]\" == self.__k1s_opt__a.orValue('')",
    ],
    ["[?self.a]", undefined], // optional list entries are not supported
  ];
  for (const [src, want] of cases) {
    await t.step(src, () => assertEquals(rewriteOptionalSyntax(src)?.source, want));
  }
  await t.step("offsets map back to the source", () => {
    const r = rewriteOptionalSyntax("self.?a.orValue(1) == x")!;
    const at = (s: string) => r.source.indexOf(s);
    assertEquals(r.original(at(".orValue")), "self.?a".length);
    assertEquals(r.original(at("x")), "self.?a.orValue(1) == ".length);
  });
});

Deno.test("optional selects are checked and reported where they were written", async () => {
  const cel = await loadCel();
  const schema = (rule: string): JSONSchemaProps => ({
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: { a: { type: "string", maxLength: 10 } },
        "x-kubernetes-validations": [{ rule }],
      },
    },
  });
  const errs = (rule: string) =>
    validateStructuralSchema(schema(rule), { cel }).map((e) =>
      formatFieldError(e).split(": ").at(-1)
    );
  assertEquals(errs("self.?a.orValue('') == 'x'"), []);
  assertEquals(errs("self.?a.orValue('') == 'x' && self.b"), [
    "undefined field 'b'\n | self.?a.orValue('') == 'x' && self.b\n | ..................................^",
  ]);
  assertEquals(errs("self.?b.hasValue()"), [
    "undefined field 'b'\n | self.?b.hasValue()\n | ....^",
  ]);
});
