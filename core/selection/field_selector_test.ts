// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertThrows } from "@std/assert";
import { StatusError } from "../errors/status_error.ts";
import type { ResourceType } from "../registry/types.ts";
import { escapeFieldValue, parseFieldSelector } from "./field_selector.ts";
import {
  checkFieldSelector,
  fieldLabelNotSupportedError,
  supportedFieldLabels,
  unknownFieldSelectorError,
} from "./supported_fields.ts";

Deno.test("parseFieldSelector() parses terms, operators and escapes", async (t) => {
  const cases: [string, { field: string; operator: "=" | "!="; value: string }[]][] = [
    ["", []],
    [",", []],
    ["metadata.name=a", [{ field: "metadata.name", operator: "=", value: "a" }]],
    ["metadata.name==a", [{ field: "metadata.name", operator: "=", value: "a" }]],
    ["type!=Opaque", [{ field: "type", operator: "!=", value: "Opaque" }]],
    ["x=", [{ field: "x", operator: "=", value: "" }]],
    ["x=a\\,b\\=c\\\\d", [{ field: "x", operator: "=", value: "a,b=c\\d" }]],
    ["a =b", [{ field: "a ", operator: "=", value: "b" }]],
    // Terms are sorted before parsing.
    ["z=1,a!=2", [
      { field: "a", operator: "!=", value: "2" },
      { field: "z", operator: "=", value: "1" },
    ]],
  ];
  for (const [s, want] of cases) {
    await t.step(JSON.stringify(s), () => assertEquals(parseFieldSelector(s).requirements, want));
  }
});

Deno.test("parseFieldSelector() rejects malformed selectors with apimachinery's messages", async (t) => {
  const cases: [string, string][] = [
    ["abc", "invalid selector: 'abc'; can't understand 'abc'"],
    ["a=1,b", "invalid selector: 'a=1,b'; can't understand 'b'"],
    ["x=a=b", "invalid field selector: unescaped character in value: 61"],
    ["x==a,b", "invalid selector: 'x==a,b'; can't understand 'b'"],
    ["x=a\\q", "invalid field selector: invalid escape sequence: \\q"],
    ["x=a\\", "invalid field selector: invalid escape sequence: \\"],
  ];
  for (const [s, want] of cases) {
    await t.step(JSON.stringify(s), () => {
      const err = assertThrows(() => parseFieldSelector(s), StatusError);
      assertEquals(err.status.code, 400);
      assertEquals(err.message, want);
    });
  }
});

Deno.test("FieldSelector.matches() treats missing fields as empty", async (t) => {
  const fields = { "metadata.name": "a", type: "Opaque" };
  const cases: [string, boolean][] = [
    ["", true],
    ["metadata.name=a", true],
    ["metadata.name=b", false],
    ["metadata.name!=b", true],
    ["metadata.name=a,type=Opaque", true],
    ["metadata.name=a,type!=Opaque", false],
    ["metadata.namespace=", true],
    ["metadata.namespace!=x", true],
    ["metadata.namespace=x", false],
    ["constructor=", true],
  ];
  for (const [s, want] of cases) {
    await t.step(
      JSON.stringify(s),
      () => assertEquals(parseFieldSelector(s).matches(fields), want),
    );
  }
});

Deno.test("FieldSelector prints escaped terms and finds exact matches", () => {
  const s = parseFieldSelector("b==x\\,y,a!=1");
  assertEquals(s.toString(), "a!=1,b=x\\,y");
  assertEquals(s.requiresExactMatch("b"), "x,y");
  assertEquals(s.requiresExactMatch("a"), undefined);
  assert(parseFieldSelector("").empty);
  assertEquals(escapeFieldValue("plain"), "plain");
  assertEquals(escapeFieldValue("a\\b"), "a\\\\b");
});

function type(
  over: Partial<ResourceType> & { attrs?: Record<string, string> },
): Parameters<typeof checkFieldSelector>[1] {
  const { attrs, ...rest } = over;
  return {
    namespaced: true,
    ...rest,
    strategy: attrs ? { fieldSelectorAttrs: () => attrs } : {},
  };
}

Deno.test("checkFieldSelector() words unknown fields by how the kind lists its labels", async (t) => {
  const cases: [string, Parameters<typeof checkFieldSelector>[1], string, string | undefined][] = [
    [
      "built-in kind without labels of its own",
      type({}),
      "spec.foo=a",
      '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    ["built-in accepts metadata.namespace", type({}), "metadata.namespace=a", undefined],
    [
      "cluster-scoped default kind accepts namespace",
      type({ namespaced: false }),
      "metadata.namespace=",
      undefined,
    ],
    [
      "built-in kind with labels",
      type({ attrs: { type: "" } }),
      "spec.foo=a",
      "field label not supported: spec.foo",
    ],
    [
      "built-in kind with labels accepts them",
      type({ attrs: { type: "" } }),
      "type=Opaque",
      undefined,
    ],
    [
      "cluster-scoped kind with labels rejects metadata.namespace",
      type({ namespaced: false, attrs: { "status.phase": "" } }),
      "metadata.namespace=x",
      "field label not supported: metadata.namespace",
    ],
    [
      "custom resource",
      type({ custom: true }),
      "spec.foo=a",
      "field label not supported: spec.foo",
    ],
    [
      "custom resource with selectable fields",
      type({ custom: true, selectableFields: [".spec.color"] }),
      "spec.color=red",
      undefined,
    ],
    [
      "cluster-scoped custom resource",
      type({ custom: true, namespaced: false }),
      "metadata.namespace=x",
      "field label not supported: metadata.namespace",
    ],
    [
      "first unknown term in sorted order",
      type({}),
      "z=1,b=2,metadata.name=x",
      '"b" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
  ];
  for (const [name, t0, s, want] of cases) {
    await t.step(name, () => {
      const sel = parseFieldSelector(s);
      if (want === undefined) {
        checkFieldSelector(sel, t0);
        return;
      }
      const err = assertThrows(() => checkFieldSelector(sel, t0), StatusError);
      assertEquals(err.status.code, 400);
      assertEquals(err.status.reason, "BadRequest");
      assertEquals(err.message, want);
    });
  }
});

Deno.test("supportedFieldLabels() lists metadata, strategy and selectable fields", () => {
  assertEquals(supportedFieldLabels(type({ attrs: { type: "" } })), [
    "metadata.name",
    "metadata.namespace",
    "type",
  ]);
  assertEquals(
    supportedFieldLabels(type({ custom: true, namespaced: false, selectableFields: ["spec.a"] })),
    ["metadata.name", "spec.a"],
  );
  assertEquals(fieldLabelNotSupportedError("x").status.code, 400);
  assertEquals(unknownFieldSelectorError("x").status.reason, "BadRequest");
});
