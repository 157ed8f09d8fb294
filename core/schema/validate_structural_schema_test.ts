// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import { loadCel } from "./cel.ts";
import { validateStructuralSchema } from "./validate_structural_schema.ts";
import type { JSONSchemaProps } from "./types.ts";

const cel = await loadCel();
const P = "spec.validation.openAPIV3Schema";

function check(schema: JSONSchemaProps, path?: string): string[] {
  return validateStructuralSchema(schema, { cel, path }).map(formatFieldError);
}

function withSpec(spec: JSONSchemaProps): JSONSchemaProps {
  return { type: "object", properties: { spec } };
}

const S = `${P}.properties[spec]`;

Deno.test("validateStructuralSchema() accepts structural schemas", async (t) => {
  const ok: [string, JSONSchemaProps][] = [
    ["a typical CRD schema", {
      type: "object",
      properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: { type: "object" },
        spec: {
          type: "object",
          required: ["size"],
          properties: {
            size: { type: "integer", minimum: 1, default: 1 },
            tags: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
            labels: { type: "object", additionalProperties: { type: "string" } },
          },
          "x-kubernetes-validations": [{ rule: "self.size < 100" }],
        },
      },
    }],
    ["metadata restricting name", {
      type: "object",
      properties: {
        metadata: { type: "object", properties: { name: { type: "string", maxLength: 10 } } },
      },
    }],
    [
      "int-or-string with the anyOf pattern",
      withSpec({
        type: "object",
        properties: {
          port: {
            "x-kubernetes-int-or-string": true,
            anyOf: [{ type: "integer" }, { type: "string" }],
          },
        },
      }),
    ],
    [
      "untyped preserve-unknown fields",
      withSpec({
        type: "object",
        properties: { raw: { "x-kubernetes-preserve-unknown-fields": true } },
      }),
    ],
    [
      "value validations inside allOf",
      withSpec({
        type: "object",
        properties: { a: { type: "string" } },
        allOf: [{ properties: { a: { maxLength: 3 } } }],
      }),
    ],
  ];
  for (const [name, schema] of ok) await t.step(name, () => assertEquals(check(schema), []));
});

Deno.test("validateStructuralSchema() reports structural violations", async (t) => {
  const cases: [string, JSONSchemaProps, string[]][] = [
    ["an untyped field", withSpec({ type: "object", properties: { size: {} } }), [
      `${S}.properties[size].type: Required value: must not be empty for specified object fields`,
    ]],
    [
      "untyped items",
      withSpec({ type: "object", properties: { a: { type: "array", items: {} } } }),
      [
        `${S}.properties[a].items.type: Required value: must not be empty for specified array items`,
      ],
    ],
    ["an untyped root", { properties: { spec: { type: "object" } } }, [
      `${P}.type: Required value: must not be empty at the root`,
    ]],
    ["a non-object root", { type: "string" }, [
      `${P}.type: Invalid value: "string": must be object at the root`,
    ]],
    ["an array without items", withSpec({ type: "object", properties: { a: { type: "array" } } }), [
      `${S}.properties[a].items: Required value: must be specified`,
    ]],
    ["additionalProperties at the root", {
      type: "object",
      additionalProperties: { type: "string" },
    }, [
      `${P}.additionalProperties: Forbidden: must not be used at the root`,
    ]],
    [
      "generic fields inside a junctor",
      withSpec({
        type: "object",
        properties: { a: { type: "string" } },
        allOf: [{
          type: "object",
          description: "d",
          nullable: true,
          default: {},
          title: "t",
          additionalProperties: false,
          "x-kubernetes-preserve-unknown-fields": true,
          "x-kubernetes-validations": [{ rule: "true" }],
        }],
      }),
      [
        `${S}.allOf[0].additionalProperties: Forbidden: must be undefined to be structural`,
        `${S}.allOf[0].default: Forbidden: must be undefined to be structural`,
        `${S}.allOf[0].description: Forbidden: must be empty to be structural`,
        `${S}.allOf[0].nullable: Forbidden: must be false to be structural`,
        `${S}.allOf[0].title: Forbidden: must be empty to be structural`,
        `${S}.allOf[0].type: Forbidden: must be empty to be structural`,
        `${S}.allOf[0].x-kubernetes-preserve-unknown-fields: Forbidden: must be false to be structural`,
        `${S}.allOf[0].x-kubernetes-validations: Forbidden: must be empty to be structural`,
      ],
    ],
    ["metadata constrained beyond name and generateName", {
      type: "object",
      properties: { metadata: { type: "object", properties: { labels: { type: "object" } } } },
    }, [
      `${P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
    ]],
    [
      "metadata in a nested context",
      withSpec({
        type: "object",
        properties: { a: { type: "string" } },
        anyOf: [{ properties: { metadata: {} } }],
      }),
      [
        `${S}.anyOf[0].properties[metadata]: Forbidden: must not be specified in a nested context`,
      ],
    ],
    [
      "embedded resources must be objects with properties",
      withSpec({
        type: "object",
        properties: {
          a: {
            "x-kubernetes-embedded-resource": true,
            "x-kubernetes-preserve-unknown-fields": true,
          },
          b: { type: "object", "x-kubernetes-embedded-resource": true },
        },
      }),
      [
        `${S}.properties[a].type: Required value: must be object if x-kubernetes-embedded-resource is true`,
        `${S}.properties[b].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
      ],
    ],
    [
      "int-or-string with preserve-unknown",
      withSpec({
        type: "object",
        properties: {
          a: { "x-kubernetes-int-or-string": true, "x-kubernetes-preserve-unknown-fields": true },
        },
      }),
      [
        `${S}.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`,
      ],
    ],
    ["a junctor property missing from the structure", {
      type: "object",
      properties: { a: { type: "string" } },
      anyOf: [{ properties: { b: { maxLength: 1 } } }],
    }, [
      `${P}.properties[b]: Required value: because it is defined in ${P}.anyOf[0].properties[b]`,
    ]],
    [
      "an invalid pattern",
      withSpec({ type: "object", properties: { a: { type: "string", pattern: "[a-" } } }),
      [
        `${S}.properties[a].pattern: Invalid value: "[a-": must be a valid regular expression, but isn't: error parsing regexp: missing closing ]: \`[a-\``,
      ],
    ],
  ];
  for (const [name, schema, want] of cases) {
    await t.step(name, () => assertEquals(check(schema), want));
  }
});

Deno.test("validateStructuralSchema() reports OpenAPI subset and extension violations", async (t) => {
  const cases: [string, JSONSchemaProps, string[]][] = [
    [
      "properties with additionalProperties",
      withSpec({
        type: "object",
        properties: { a: { type: "string" } },
        additionalProperties: { type: "string" },
      }),
      [`${S}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`],
    ],
    [
      "uniqueItems",
      withSpec({
        type: "object",
        properties: { a: { type: "array", items: { type: "string" }, uniqueItems: true } },
      }),
      [
        `${S}.properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
      ],
    ],
    ["an unknown type", withSpec({ type: "object", properties: { a: { type: "float" } } }), [
      `${S}.properties[a].type: Unsupported value: "float": supported values: "array", "boolean", "integer", "number", "object", "string"`,
    ]],
    ["a nullable root", { type: "object", nullable: true }, [
      `${P}.nullable: Forbidden: nullable cannot be true at the root`,
    ]],
    ["defaults in top-level metadata", {
      type: "object",
      properties: {
        metadata: { type: "object", properties: { name: { type: "string", default: "x" } } },
      },
    }, [
      `${P}.properties[metadata].properties[name].default: Forbidden: must not be set in top-level metadata`,
    ]],
    [
      "a list type on a non-array",
      withSpec({
        type: "object",
        properties: { a: { type: "string", "x-kubernetes-list-type": "set" } },
      }),
      [`${S}.properties[a].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified`],
    ],
    [
      "an unknown list type",
      withSpec({
        type: "object",
        properties: {
          a: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "bag" as "set" },
        },
      }),
      [`${S}.properties[a].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"`],
    ],
    [
      "a map list without keys",
      withSpec({
        type: "object",
        properties: {
          a: {
            type: "array",
            items: { type: "object", properties: { n: { type: "string" } } },
            "x-kubernetes-list-type": "map",
          },
        },
      }),
      [`${S}.properties[a].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`],
    ],
    [
      "map list keys that are optional without defaults",
      withSpec({
        type: "object",
        properties: {
          a: {
            type: "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["name", "port"],
            items: {
              type: "object",
              required: ["name"],
              properties: { name: { type: "string" }, port: { type: "integer", nullable: true } },
            },
          },
        },
      }),
      [
        `${S}.properties[a].items.properties[port].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`,
        `${S}.properties[a].items.properties[port].nullable: Forbidden: this property is in x-kubernetes-list-map-keys, so it cannot be nullable`,
      ],
    ],
    [
      "map list keys that are not properties",
      withSpec({
        type: "object",
        properties: {
          a: {
            type: "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["nope"],
            items: { type: "object", properties: { name: { type: "string" } } },
          },
        },
      }),
      [
        `${S}.properties[a].x-kubernetes-list-map-keys: Invalid value: []string{"nope"}: entries must all be names of item properties`,
      ],
    ],
    [
      "map list items that are not objects",
      withSpec({
        type: "object",
        properties: {
          a: {
            type: "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["name"],
            items: { type: "string" },
          },
        },
      }),
      [
        `${S}.properties[a].items.type: Invalid value: "string": must be object if parent array's x-kubernetes-list-type is map`,
      ],
    ],
    [
      "a map type on a non-object",
      withSpec({
        type: "object",
        properties: { a: { type: "string", "x-kubernetes-map-type": "atomic" } },
      }),
      [`${S}.properties[a].type: Invalid value: "string": must be object if x-kubernetes-map-type is specified`],
    ],
  ];
  for (const [name, schema, want] of cases) {
    await t.step(name, () => assertEquals(check(schema), want));
  }
});

Deno.test("validateStructuralSchema() checks defaults are pruned and valid", async (t) => {
  const cases: [string, JSONSchemaProps, string[]][] = [
    [
      "a default with unknown fields",
      withSpec({
        type: "object",
        properties: {
          a: { type: "object", properties: { x: { type: "string" } }, default: { x: "1", zzz: 2 } },
        },
      }),
      [`${S}.properties[a].default: Invalid value: {"x":"1","zzz":2}: must not have unknown fields`],
    ],
    [
      "a default out of bounds",
      withSpec({
        type: "object",
        properties: { size: { type: "integer", maximum: 10, default: 20 } },
      }),
      [`${S}.properties[size].default: Invalid value: 20:  in body should be less than or equal to 10`],
    ],
    [
      "a nested default of the wrong type",
      withSpec({
        type: "object",
        properties: {
          a: { type: "object", properties: { n: { type: "integer" } }, default: { n: "x" } },
        },
      }),
      [`${S}.properties[a].default.n: Invalid value: "string": n in body must be of type integer: "string"`],
    ],
    [
      "a default failing a rule",
      withSpec({
        type: "object",
        properties: {
          worker: {
            type: "object",
            default: {},
            properties: { min: { type: "integer" }, max: { type: "integer" } },
            "x-kubernetes-validations": [{ rule: "self.min <= self.max" }],
          },
        },
      }),
      [
        `${S}.properties[worker].default: Invalid value: "object": no such key: min evaluating rule: self.min <= self.max`,
      ],
    ],
  ];
  for (const [name, schema, want] of cases) {
    await t.step(name, () => assertEquals(check(schema), want));
  }
});

Deno.test("validateStructuralSchema() compiles x-kubernetes-validations", async (t) => {
  const rule = (r: Record<string, unknown>) =>
    `apiextensions.ValidationRule{Rule:${JSON.stringify(r.rule ?? "")}, Message:${
      JSON.stringify(r.message ?? "")
    }, MessageExpression:${
      JSON.stringify(r.messageExpression ?? "")
    }, Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:${
      JSON.stringify(r.fieldPath ?? "")
    }, OptionalOldSelf:(*bool)(nil)}`;
  const spec = (rules: JSONSchemaProps["x-kubernetes-validations"], extra: JSONSchemaProps = {}) =>
    withSpec({
      type: "object",
      properties: {
        size: { type: "integer" },
        name: { type: "string" },
        list: { type: "array", items: { type: "string" } },
      },
      "x-kubernetes-validations": rules,
      ...extra,
    });
  const V = `${S}.x-kubernetes-validations`;
  const cases: [string, JSONSchemaProps, string[]][] = [
    ["an undefined field", spec([{ rule: "self.sise > 0" }]), [
      `${V}[0].rule: Invalid value: ${
        rule({ rule: "self.sise > 0" })
      }: compilation failed: ERROR: <input>:1:5: undefined field 'sise'\n | self.sise > 0\n | ....^`,
    ]],
    ["an undeclared reference", spec([{ rule: "size > 0" }]), [
      `${V}[0].rule: Invalid value: ${
        rule({ rule: "size > 0" })
      }: compilation failed: ERROR: <input>:1:1: undeclared reference to 'size' (in container '')\n | size > 0\n | ^`,
    ]],
    ["mismatched operand types", spec([{ rule: "self.size == self.name" }]), [
      `${V}[0].rule: Invalid value: ${
        rule({ rule: "self.size == self.name" })
      }: compilation failed: ERROR: <input>:1:11: found no matching overload for '_==_' applied to '(int, string)'\n | self.size == self.name\n | ..........^`,
    ]],
    ["a non-bool rule", spec([{ rule: "self.size" }]), [
      `${V}[0].rule: Invalid value: ${
        rule({ rule: "self.size" })
      }: cel expression must evaluate to a bool`,
    ]],
    ["a mixed list literal", spec([{ rule: "[1, 'a'].size() > 0" }]), [
      `${V}[0].rule: Invalid value: ${
        rule({ rule: "[1, 'a'].size() > 0" })
      }: compilation failed: ERROR: <input>:1:5: expected type 'int' but found 'string'\n | [1, 'a'].size() > 0\n | ....^`,
    ]],
    [
      "a messageExpression that is not a string",
      spec([{ rule: "true", messageExpression: "self.size" }]),
      [
        `${V}[0].messageExpression: Invalid value: ${
          rule({ rule: "true", messageExpression: "self.size" })
        }: messageExpression must evaluate to a string`,
      ],
    ],
    ["an empty rule", spec([{ rule: " " }]), [
      `${V}[0].rule: Required value: rule is not specified`,
    ]],
    ["an unsupported reason", spec([{ rule: "true", reason: "Nope" }]), [
      `${V}[0].reason: Unsupported value: "Nope": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
    ]],
    ["an invalid fieldPath", spec([{ rule: "true", fieldPath: ".nope" }]), [
      `${V}[0].fieldPath: Invalid value: ".nope": fieldPath must be a valid path`,
    ]],
    ["a multi-line rule without a message", spec([{ rule: "true &&\ntrue" }]), [
      `${V}[0].message: Required value: message must be specified if rule contains line breaks`,
    ]],
    ["optionalOldSelf without oldSelf", spec([{ rule: "true", optionalOldSelf: true }]), [
      `${V}[0].optionalOldSelf: Invalid value: true: may not be set if oldSelf is not used in rule`,
    ]],
    [
      "oldSelf inside a non-map list",
      withSpec({
        type: "object",
        properties: {
          list: {
            type: "array",
            maxItems: 10,
            items: {
              type: "string",
              maxLength: 10,
              "x-kubernetes-validations": [{ rule: "self == oldSelf" }],
            },
          },
        },
      }),
      [
        `${S}.properties[list].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": oldSelf cannot be used on the uncorrelatable portion of the schema within ${S}.properties[list]`,
      ],
    ],
    [
      "rules on an untyped node",
      withSpec({
        type: "object",
        properties: {
          raw: {
            "x-kubernetes-preserve-unknown-fields": true,
            "x-kubernetes-validations": [{ rule: "true" }],
          },
        },
      }),
      [
        `${S}.properties[raw].x-kubernetes-validations: Internal error: rule declared on schema that does not support validation rules type: '' x-kubernetes-preserve-unknown-fields: 'true'`,
      ],
    ],
  ];
  for (const [name, schema, want] of cases) {
    await t.step(name, () => assertEquals(check(schema), want));
  }
});

Deno.test("validateStructuralSchema() rejects rules over the estimated cost budgets", async (t) => {
  const HINT =
    "(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)";
  const items = (rules: JSONSchemaProps["x-kubernetes-validations"], list: JSONSchemaProps = {}) =>
    withSpec({
      type: "object",
      properties: {
        l: { type: "array", ...list, items: { type: "string", "x-kubernetes-validations": rules } },
      },
    });
  const R = `${S}.properties[l].items.x-kubernetes-validations`;
  const TOTAL =
    "contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema";
  const cases: [string, JSONSchemaProps, string[]][] = [
    [
      "a quadratic rule on unbounded strings",
      withSpec({
        type: "object",
        properties: { l: { type: "array", items: { type: "string" } } },
        "x-kubernetes-validations": [{ rule: "self.l.all(x, self.l.all(y, x.matches(y)))" }],
      }),
      [
        `${S}.x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}`,
        `${S}.x-kubernetes-validations[0].rule: Forbidden: ${TOTAL}`,
        `${P}: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}`,
      ],
    ],
    [
      // 13 per item × 1,048,576 items of an unbounded list of strings.
      "a cheap rule repeated by an unbounded list",
      items([{ rule: "[self].size() > 0" }]),
      [
        `${R}[0].rule: Forbidden: estimated rule cost exceeds budget by factor of 1.363149x ${HINT}`,
      ],
    ],
    [
      // 629,147 per item × 100 items.
      "a regex on unbounded strings in a bounded list",
      items([{ rule: "self.matches('^[a-z]+$')" }], { maxItems: 100 }),
      [`${R}[0].rule: Forbidden: estimated rule cost exceeds budget by factor of 6.3x ${HINT}`],
    ],
    [
      "the same regex within bounds",
      withSpec({
        type: "object",
        properties: {
          l: {
            type: "array",
            maxItems: 100,
            items: {
              type: "string",
              maxLength: 63,
              "x-kubernetes-validations": [{ rule: "self.matches('^[a-z]+$')" }],
            },
          },
        },
      }),
      [],
    ],
    [
      // 11 rules of 3 × 3,333,333 items: each under 10,000,000, together over 100,000,000.
      "rules that only together exceed the schema's budget",
      items(Array.from({ length: 11 }, () => ({ rule: "self.size() > 0" })), { maxItems: 3333333 }),
      [
        `${R}[0].rule: Forbidden: ${TOTAL}`,
        `${R}[1].rule: Forbidden: ${TOTAL}`,
        `${R}[2].rule: Forbidden: ${TOTAL}`,
        `${R}[3].rule: Forbidden: ${TOTAL}`,
        `${P}: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of 1.100000x ${HINT}`,
      ],
    ],
    [
      "an expensive messageExpression",
      withSpec({
        type: "object",
        properties: { l: { type: "array", items: { type: "string" } } },
        "x-kubernetes-validations": [{
          rule: "self.l.size() < 3",
          messageExpression: "self.l.map(x, x + x).join('')",
        }],
      }),
      [
        `${S}.x-kubernetes-validations[0].messageExpression: Forbidden: estimated messageExpression cost exceeds budget by factor of more than 100x ${HINT}`,
        `${S}.x-kubernetes-validations[0].messageExpression: Forbidden: ${TOTAL}`,
        `${P}: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}`,
      ],
    ],
  ];
  for (const [name, schema, want] of cases) {
    await t.step(name, () => assertEquals(check(schema), want));
  }
});

Deno.test("validateStructuralSchema() prefixes errors with the given path", () => {
  assertEquals(
    check(
      withSpec({ type: "object", properties: { a: {} } }),
      "spec.versions[1].schema.openAPIV3Schema",
    ),
    [
      "spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[a].type: Required value: must not be empty for specified object fields",
    ],
  );
});

Deno.test("validateStructuralSchema() requires the CEL runtime for rules", () => {
  assertThrows(
    () =>
      validateStructuralSchema(
        withSpec({ type: "object", "x-kubernetes-validations": [{ rule: "true" }] }),
      ),
    TypeError,
    "loadCel",
  );
});
