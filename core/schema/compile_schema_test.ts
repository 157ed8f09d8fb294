// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertStrictEquals, assertThrows } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import { compileSchema } from "./compile_schema.ts";
import type { JSONSchemaProps } from "./types.ts";

/** A root schema with one `spec` property holding `props`. */
function specSchema(props: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}) {
  return {
    type: "object",
    properties: { spec: { type: "object", properties: props, ...extra } },
  } satisfies JSONSchemaProps;
}

function messages(schema: JSONSchemaProps, obj: unknown, old?: unknown): string[] {
  return compileSchema(schema).validate(obj, { old }).map(formatFieldError);
}

interface Case {
  name: string;
  schema: JSONSchemaProps;
  value: unknown;
  want: string[];
}

function field(s: JSONSchemaProps): JSONSchemaProps {
  return specSchema({ x: s });
}

const keywordCases: Case[] = [
  // type
  { name: "integer accepts an integer", schema: field({ type: "integer" }), value: 3, want: [] },
  {
    name: "integer rejects a string",
    schema: field({ type: "integer" }),
    value: "a",
    want: ['spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"'],
  },
  {
    name: "integer rejects a fraction",
    schema: field({ type: "integer" }),
    value: 1.5,
    want: ['spec.x: Invalid value: "number": spec.x in body must be of type integer: "number"'],
  },
  { name: "number accepts an integer", schema: field({ type: "number" }), value: 2, want: [] },
  {
    name: "string rejects a boolean",
    schema: field({ type: "string" }),
    value: true,
    want: ['spec.x: Invalid value: "boolean": spec.x in body must be of type string: "boolean"'],
  },
  {
    name: "object rejects an array",
    schema: field({ type: "object" }),
    value: [],
    want: ['spec.x: Invalid value: "array": spec.x in body must be of type object: "array"'],
  },
  {
    name: "array rejects an object",
    schema: field({ type: "array", items: { type: "string" } }),
    value: {},
    want: ['spec.x: Invalid value: "object": spec.x in body must be of type array: "object"'],
  },
  {
    name: "boolean rejects a number",
    schema: field({ type: "boolean" }),
    value: 1,
    want: ['spec.x: Invalid value: "integer": spec.x in body must be of type boolean: "integer"'],
  },
  {
    name: "int32 format reports the format on a fraction",
    schema: field({ type: "integer", format: "int32" }),
    value: 1.5,
    want: ['spec.x: Invalid value: "float64": spec.x in body must be of type int32: "float64"'],
  },
  // nullable
  {
    name: "null is rejected when not nullable",
    schema: field({ type: "string" }),
    value: null,
    want: ['spec.x: Invalid value: "null": spec.x in body must be of type string: "null"'],
  },
  {
    name: "null is accepted when nullable",
    schema: field({ type: "string", nullable: true }),
    value: null,
    want: [],
  },
  // int-or-string
  {
    name: "int-or-string accepts an int",
    schema: field({ "x-kubernetes-int-or-string": true }),
    value: 1,
    want: [],
  },
  {
    name: "int-or-string accepts a string",
    schema: field({ "x-kubernetes-int-or-string": true }),
    value: "50%",
    want: [],
  },
  {
    name: "int-or-string rejects a boolean",
    schema: field({ "x-kubernetes-int-or-string": true }),
    value: false,
    want: [
      'spec.x: Invalid value: "boolean": spec.x in body must be of type integer,string: "boolean"',
    ],
  },
  // enum
  {
    name: "enum accepts a member",
    schema: field({ type: "string", enum: ["red", "green"] }),
    value: "red",
    want: [],
  },
  {
    name: "enum rejects a non-member",
    schema: field({ type: "string", enum: ["red", "green"] }),
    value: "pink",
    want: ['spec.x: Unsupported value: "pink": supported values: "red", "green"'],
  },
  {
    name: "enum quotes non-string members as JSON",
    schema: field({ type: "integer", enum: [1, 2] }),
    value: 3,
    want: ['spec.x: Unsupported value: 3: supported values: "1", "2"'],
  },
  {
    name: "enum rejects null even when nullable",
    schema: field({ type: "string", nullable: true, enum: ["a"] }),
    value: null,
    want: ['spec.x: Unsupported value: "null": supported values: "a"'],
  },
  // numbers
  {
    name: "maximum accepts the bound",
    schema: field({ type: "integer", maximum: 10 }),
    value: 10,
    want: [],
  },
  {
    name: "maximum rejects above",
    schema: field({ type: "integer", maximum: 10 }),
    value: 11,
    want: ["spec.x: Invalid value: 11: spec.x in body should be less than or equal to 10"],
  },
  {
    name: "exclusiveMaximum rejects the bound",
    schema: field({ type: "integer", maximum: 10, exclusiveMaximum: true }),
    value: 10,
    want: ["spec.x: Invalid value: 10: spec.x in body should be less than 10"],
  },
  {
    name: "minimum rejects below",
    schema: field({ type: "integer", minimum: 1 }),
    value: 0,
    want: ["spec.x: Invalid value: 0: spec.x in body should be greater than or equal to 1"],
  },
  {
    name: "exclusiveMinimum rejects the bound",
    schema: field({ type: "number", minimum: 0.5, exclusiveMinimum: true }),
    value: 0.5,
    want: ["spec.x: Invalid value: 0.5: spec.x in body should be greater than 0.5"],
  },
  {
    name: "a float bound prints as Go's %v",
    schema: field({ type: "number", maximum: 1000000 }),
    value: 1000000.5,
    want: [
      "spec.x: Invalid value: 1.0000005e+06: spec.x in body should be less than or equal to 1e+06",
    ],
  },
  {
    name: "multipleOf accepts a multiple",
    schema: field({ type: "integer", multipleOf: 5 }),
    value: 15,
    want: [],
  },
  {
    name: "multipleOf rejects a non-multiple",
    schema: field({ type: "integer", multipleOf: 5 }),
    value: 12,
    want: ["spec.x: Invalid value: 12: spec.x in body should be a multiple of 5"],
  },
  {
    name: "fractional multipleOf",
    schema: field({ type: "number", multipleOf: 0.25 }),
    value: 0.3,
    want: ["spec.x: Invalid value: 0.3: spec.x in body should be a multiple of 0.25"],
  },
  // strings
  {
    name: "maxLength counts code points",
    schema: field({ type: "string", maxLength: 2 }),
    value: "é😀",
    want: [],
  },
  {
    name: "maxLength rejects longer strings",
    schema: field({ type: "string", maxLength: 5 }),
    value: "abcdef",
    want: ["spec.x: Too long: may not be more than 5 bytes"],
  },
  {
    name: "maxLength 1 is singular",
    schema: field({ type: "string", maxLength: 1 }),
    value: "ab",
    want: ["spec.x: Too long: may not be more than 1 byte"],
  },
  {
    name: "minLength rejects shorter strings",
    schema: field({ type: "string", minLength: 1 }),
    value: "",
    want: ['spec.x: Invalid value: "": spec.x in body should be at least 1 chars long'],
  },
  {
    name: "pattern rejects a mismatch",
    schema: field({ type: "string", pattern: "^[a-z]+$" }),
    value: "ABC",
    want: [`spec.x: Invalid value: "ABC": spec.x in body should match '^[a-z]+$'`],
  },
  {
    name: "pattern is a search, not a full match",
    schema: field({ type: "string", pattern: "[0-9]" }),
    value: "a1b",
    want: [],
  },
  {
    name: "only the first string failure is reported",
    schema: field({ type: "string", maxLength: 2, pattern: "^[0-9]+$" }),
    value: "abc",
    want: ["spec.x: Too long: may not be more than 2 bytes"],
  },
  // formats
  {
    name: "date-time accepts RFC 3339",
    schema: field({ type: "string", format: "date-time" }),
    value: "2024-02-29T10:00:00Z",
    want: [],
  },
  {
    name: "date-time rejects garbage",
    schema: field({ type: "string", format: "date-time" }),
    value: "yesterday",
    want: [
      'spec.x: Invalid value: "yesterday": spec.x in body must be of type date-time: "yesterday"',
    ],
  },
  {
    name: "date rejects an impossible day",
    schema: field({ type: "string", format: "date" }),
    value: "2023-02-29",
    want: [
      'spec.x: Invalid value: "2023-02-29": spec.x in body must be of type date: "2023-02-29"',
    ],
  },
  {
    name: "duration accepts Go durations",
    schema: field({ type: "string", format: "duration" }),
    value: "1h30m",
    want: [],
  },
  {
    name: "duration accepts scala durations",
    schema: field({ type: "string", format: "duration" }),
    value: "3 days",
    want: [],
  },
  {
    name: "uuid accepts upper case",
    schema: field({ type: "string", format: "uuid" }),
    value: "123E4567-E89B-12D3-A456-426614174000",
    want: [],
  },
  {
    name: "uuid rejects garbage",
    schema: field({ type: "string", format: "uuid" }),
    value: "nope",
    want: ['spec.x: Invalid value: "nope": spec.x in body must be of type uuid: "nope"'],
  },
  {
    name: "byte accepts base64",
    schema: field({ type: "string", format: "byte" }),
    value: "aGVsbG8=",
    want: [],
  },
  {
    name: "byte rejects non-base64",
    schema: field({ type: "string", format: "byte" }),
    value: "not base64!",
    want: [
      'spec.x: Invalid value: "not base64!": spec.x in body must be of type byte: "not base64!"',
    ],
  },
  {
    name: "ipv4 accepts an address",
    schema: field({ type: "string", format: "ipv4" }),
    value: "10.0.0.1",
    want: [],
  },
  {
    name: "ipv4 rejects leading zeros",
    schema: field({ type: "string", format: "ipv4" }),
    value: "10.0.0.01",
    want: ['spec.x: Invalid value: "10.0.0.01": spec.x in body must be of type ipv4: "10.0.0.01"'],
  },
  {
    name: "ipv6 accepts an address",
    schema: field({ type: "string", format: "ipv6" }),
    value: "fe80::1",
    want: [],
  },
  {
    name: "cidr accepts a prefix",
    schema: field({ type: "string", format: "cidr" }),
    value: "10.0.0.0/8",
    want: [],
  },
  {
    name: "email accepts an address",
    schema: field({ type: "string", format: "email" }),
    value: "a@example.com",
    want: [],
  },
  {
    name: "hostname accepts a name",
    schema: field({ type: "string", format: "hostname" }),
    value: "example.com",
    want: [],
  },
  {
    name: "mac accepts an address",
    schema: field({ type: "string", format: "mac" }),
    value: "00:00:5e:00:53:01",
    want: [],
  },
  {
    name: "unknown formats are ignored",
    schema: field({ type: "string", format: "k8s-short-name" }),
    value: "UPPER",
    want: [],
  },
  // arrays
  {
    name: "maxItems rejects too many",
    schema: field({ type: "array", items: { type: "string" }, maxItems: 2 }),
    value: ["a", "b", "c"],
    want: ["spec.x: Too many: 3: must have at most 2 items"],
  },
  {
    name: "minItems rejects too few",
    schema: field({ type: "array", items: { type: "string" }, minItems: 1 }),
    value: [],
    want: ["spec.x: Invalid value: 0: spec.x in body should have at least 1 items"],
  },
  {
    name: "uniqueItems rejects duplicates",
    schema: field({ type: "array", items: { type: "integer" }, uniqueItems: true }),
    value: [1, 2, 1],
    want: ['spec.x: Invalid value: "": spec.x in body shouldn\'t contain duplicates'],
  },
  {
    name: "items are validated with indexed paths",
    schema: field({ type: "array", items: { type: "integer", minimum: 0 } }),
    value: [1, -1],
    want: ["spec.x[1]: Invalid value: -1: spec.x[1] in body should be greater than or equal to 0"],
  },
  {
    name: "list-type set rejects a repeated value",
    schema: field({ type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" }),
    value: ["a", "b", "a", "a"],
    want: ['spec.x[2]: Duplicate value: "a"'],
  },
  {
    name: "list-type map rejects a repeated key",
    schema: field({
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      items: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string" }, v: { type: "integer" } },
      },
    }),
    value: [{ name: "a", v: 1 }, { name: "b" }, { name: "a", v: 2 }],
    want: ['spec.x[2]: Duplicate value: {"name":"a"}'],
  },
  // objects
  {
    name: "required reports absent fields",
    schema: field({
      type: "object",
      required: ["a", "b"],
      properties: { a: { type: "string" }, b: { type: "string" } },
    }),
    value: { a: "x" },
    want: ["spec.x.b: Required value"],
  },
  {
    name: "required accepts a null value",
    schema: field({
      type: "object",
      required: ["a"],
      properties: { a: { type: "string", nullable: true } },
    }),
    value: { a: null },
    want: [],
  },
  {
    name: "maxProperties rejects too many",
    schema: field({ type: "object", additionalProperties: { type: "string" }, maxProperties: 1 }),
    value: { a: "1", b: "2" },
    want: ["spec.x: Too many: 2: must have at most 1 item"],
  },
  {
    name: "minProperties rejects too few and skips the rest",
    schema: field({ type: "object", additionalProperties: { type: "string" }, minProperties: 2 }),
    value: { a: 1 },
    want: ["spec.x: Invalid value: 1: spec.x in body should have at least 2 properties"],
  },
  {
    name: "additionalProperties schema validates every value",
    schema: field({ type: "object", additionalProperties: { type: "integer" } }),
    value: { a: 1, b: "two" },
    want: ['spec.x.b: Invalid value: "string": spec.x.b in body must be of type integer: "string"'],
  },
  {
    name: "additionalProperties false forbids unknown keys",
    schema: field({ type: "object", additionalProperties: false }),
    value: { a: 1 },
    want: ['spec.x: Invalid value: "a": spec.x.a in body is a forbidden property'],
  },
  // composition
  {
    name: "anyOf reports the closest branch",
    schema: field({
      type: "integer",
      anyOf: [{ minimum: 10 }, { maximum: 2 }],
    }),
    value: 5,
    want: [
      '<nil>: Invalid value: "": "spec.x" must validate at least one schema (anyOf)',
      "spec.x: Invalid value: 5: spec.x in body should be greater than or equal to 10",
    ],
  },
  {
    name: "anyOf passes when one branch passes",
    schema: field({ type: "integer", anyOf: [{ minimum: 10 }, { maximum: 6 }] }),
    value: 5,
    want: [],
  },
  {
    name: "oneOf rejects two matches",
    schema: field({ type: "integer", oneOf: [{ minimum: 1 }, { maximum: 10 }] }),
    value: 5,
    want: [
      '<nil>: Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found 2 valid alternatives',
    ],
  },
  {
    name: "allOf reports every failing branch",
    schema: field({ type: "integer", allOf: [{ minimum: 10 }, { maximum: 2 }] }),
    value: 5,
    want: [
      "spec.x: Invalid value: 5: spec.x in body should be greater than or equal to 10",
      "spec.x: Invalid value: 5: spec.x in body should be less than or equal to 2",
      '<nil>: Invalid value: "": "spec.x" must validate all the schemas (allOf). None validated',
    ],
  },
  {
    name: "not rejects a match",
    schema: field({ type: "string", not: { enum: ["forbidden"] } }),
    value: "forbidden",
    want: ['<nil>: Invalid value: "": "spec.x" must not validate the schema (not)'],
  },
];

Deno.test("compileSchema() validates each keyword as Kubernetes does", async (t) => {
  for (const c of keywordCases) {
    await t.step(c.name, () => {
      assertEquals(messages(c.schema, { spec: { x: c.value } }), c.want);
    });
  }
});

Deno.test("compileSchema() reports every error at once, in kube-openapi's order", () => {
  const schema = specSchema({
    size: { type: "integer", maximum: 10 },
    name: { type: "string", minLength: 1 },
    color: { type: "string", enum: ["red", "green"] },
  }, { required: ["size", "name", "color", "mode"] });
  assertEquals(messages(schema, { spec: { size: 11, name: "", color: "pink" } }), [
    "spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10",
    'spec.name: Invalid value: "": spec.name in body should be at least 1 chars long',
    'spec.color: Unsupported value: "pink": supported values: "red", "green"',
    "spec.mode: Required value",
  ]);
});

Deno.test("compileSchema() validates embedded resources", async (t) => {
  const schema = specSchema({
    template: {
      type: "object",
      "x-kubernetes-embedded-resource": true,
      "x-kubernetes-preserve-unknown-fields": true,
    },
  });
  const cases: [string, unknown, string[]][] = [
    ["a complete resource passes", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }, []],
    ["apiVersion and kind are required", { metadata: { name: "p" } }, [
      "spec.template.apiVersion: Required value",
      "spec.template.kind: Required value",
    ]],
    ["kind must be a DNS-1035 label once lowercased", { apiVersion: "v1", kind: "Pod_1" }, [
      `spec.template.kind: Invalid value: "Pod_1": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ]],
    ["apiVersion must parse as a group version", { apiVersion: "a/b/c", kind: "Pod" }, [
      'spec.template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c',
    ]],
    ["metadata names are path segments", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "a/b" },
    }, [
      `spec.template.metadata.name: Invalid value: "a/b": may not contain '/'`,
    ]],
    ["metadata must decode", { apiVersion: "v1", kind: "Pod", metadata: { name: 5 } }, [
      'spec.template.metadata: Invalid value: {"name":5}: json: cannot unmarshal number into Go struct field ObjectMeta.name of type string',
    ]],
  ];
  for (const [name, value, want] of cases) {
    await t.step(name, () => assertEquals(messages(schema, { spec: { template: value } }), want));
  }
});

Deno.test("compileSchema() ratchets errors of unchanged values on update", async (t) => {
  const schema = specSchema({
    a: { type: "string", maxLength: 2 },
    b: { type: "string", maxLength: 2 },
    tags: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
  });
  await t.step("an unchanged invalid value is accepted", () => {
    const old = { spec: { a: "long", b: "ok" } };
    assertEquals(messages(schema, { spec: { a: "long", b: "ok" } }, old), []);
  });
  await t.step("a changed invalid value is rejected", () => {
    const old = { spec: { a: "long", b: "ok" } };
    assertEquals(messages(schema, { spec: { a: "long", b: "bad" } }, old), [
      "spec.b: Too long: may not be more than 2 bytes",
    ]);
  });
  await t.step("set duplicates already present in the old object are tolerated", () => {
    const old = { spec: { tags: ["a", "a"] } };
    assertEquals(messages(schema, { spec: { tags: ["a", "a", "b"] } }, old), []);
  });
  await t.step("ratcheting can be turned off", () => {
    const old = { spec: { a: "long" } };
    const errs = compileSchema(schema).validate({ spec: { a: "long" } }, {
      old,
      ratcheting: false,
    });
    assertEquals(errs.map(formatFieldError), ["spec.a: Too long: may not be more than 2 bytes"]);
  });
});

Deno.test("compileSchema() caches per schema object", () => {
  const schema = specSchema({ a: { type: "string" } });
  assertStrictEquals(compileSchema(schema), compileSchema(schema));
});

Deno.test("compileSchema() requires the CEL runtime for rules", () => {
  const schema = specSchema({}, { "x-kubernetes-validations": [{ rule: "true" }] });
  assertThrows(() => compileSchema(schema), TypeError, "loadCel");
});

Deno.test("compileSchema() matches apiextensions' TestValidateCustomResource cases", async (t) => {
  const field = (s: JSONSchemaProps): JSONSchemaProps => ({
    type: "object",
    properties: { field: s },
  });
  const anyOfIntString: JSONSchemaProps[] = [{ type: "integer" }, { type: "string" }];
  const typeErr = (kind: string, type: string) =>
    `field: Invalid value: "${kind}": field in body must be of type ${type}: "${kind}"`;
  const anyOf = '<nil>: Invalid value: "": "field" must validate at least one schema (anyOf)';
  const allOf =
    '<nil>: Invalid value: "": "field" must validate all the schemas (allOf). None validated';
  const cases: [string, JSONSchemaProps, unknown[], [unknown, string[]][]][] = [
    ["!nullable", field({ type: "object" }), [{}, { field: {} }], [
      [{ field: "foo" }, [typeErr("string", "object")]],
      [{ field: 42 }, [typeErr("integer", "object")]],
      [{ field: true }, [typeErr("boolean", "object")]],
      [{ field: 1.2 }, [typeErr("number", "object")]],
      [{ field: [] }, [typeErr("array", "object")]],
      [{ field: null }, [typeErr("null", "object")]],
    ]],
    ["nullable and no type", field({ nullable: true }), [
      {},
      { field: {} },
      { field: null },
      { field: "foo" },
      { field: 42 },
      { field: true },
      { field: 1.2 },
      { field: [] },
    ], []],
    ["x-kubernetes-int-or-string", field({ "x-kubernetes-int-or-string": true }), [
      {},
      { field: 42 },
      { field: "foo" },
    ], [
      [{ field: null }, [typeErr("null", "integer,string")]],
      [{ field: true }, [typeErr("boolean", "integer,string")]],
      [{ field: 1.2 }, [typeErr("number", "integer,string")]],
      [{ field: {} }, [typeErr("object", "integer,string")]],
      [{ field: [] }, [typeErr("array", "integer,string")]],
    ]],
    [
      "nullable, x-kubernetes-int-or-string and user-provided anyOf",
      field({ nullable: true, "x-kubernetes-int-or-string": true, anyOf: anyOfIntString }),
      [{}, { field: null }, { field: 42 }, { field: "foo" }],
      [
        [{ field: true }, [
          anyOf,
          typeErr("boolean", "integer,string"),
          typeErr("boolean", "integer"),
        ]],
        [{ field: 1.2 }, [
          anyOf,
          typeErr("number", "integer,string"),
          typeErr("number", "integer"),
        ]],
        [{ field: {} }, [anyOf, typeErr("object", "integer,string"), typeErr("object", "integer")]],
      ],
    ],
    [
      "nullable, x-kubernetes-int-or-string and user-provided allOf",
      field({
        nullable: true,
        "x-kubernetes-int-or-string": true,
        allOf: [{ anyOf: anyOfIntString }],
      }),
      [{}, { field: null }, { field: 42 }, { field: "foo" }],
      [
        [{ field: true }, [
          allOf,
          anyOf,
          typeErr("boolean", "integer,string"),
          typeErr("boolean", "integer"),
        ]],
        [{ field: [] }, [
          allOf,
          anyOf,
          typeErr("array", "integer,string"),
          typeErr("array", "integer"),
        ]],
      ],
    ],
    [
      "required field",
      {
        type: "object",
        required: ["field"],
        properties: { field: { type: "object", required: ["nested"], properties: { nested: {} } } },
      },
      [],
      [
        [{ test: "a" }, ["field: Required value"]],
        [{ field: {} }, ["field.nested: Required value"]],
      ],
    ],
    [
      "enum",
      field({
        type: "object",
        required: ["nestedint", "nestedstring"],
        properties: {
          nestedint: { type: "integer", enum: [1, 2] },
          nestedstring: { type: "string", enum: ["a", "b"] },
        },
      }),
      [],
      [
        [{ field: {} }, ["field.nestedint: Required value", "field.nestedstring: Required value"]],
        [{ field: { nestedint: "x", nestedstring: true } }, [
          'field.nestedint: Invalid value: "string": field.nestedint in body must be of type integer: "string"',
          'field.nestedint: Unsupported value: "x": supported values: "1", "2"',
          'field.nestedstring: Invalid value: "boolean": field.nestedstring in body must be of type string: "boolean"',
          'field.nestedstring: Unsupported value: true: supported values: "a", "b"',
        ]],
      ],
    ],
    ["maxProperties", field({ type: "object", maxProperties: 2 }), [], [
      [{ field: { a: true, b: true, c: true } }, ["field: Too many: 3: must have at most 2 items"]],
    ]],
    ["maxItems", field({ type: "array", maxItems: 2 }), [], [
      [{ field: ["a", "b", "c"] }, ["field: Too many: 3: must have at most 2 items"]],
    ]],
    ["maxLength", field({ type: "string", maxLength: 2 }), [], [
      [{ field: "abc" }, ["field: Too long: may not be more than 2 bytes"]],
    ]],
  ];
  for (const [name, schema, valid, failing] of cases) {
    await t.step(name, () => {
      const s = compileSchema(schema);
      for (const obj of valid) assertEquals(s.validate(obj), []);
      for (const [obj, want] of failing) {
        assertEquals(s.validate(obj).map(formatFieldError).sort(), [...want].sort());
      }
    });
  }
});
