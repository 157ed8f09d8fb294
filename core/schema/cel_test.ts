// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import { compileSchema } from "./compile_schema.ts";
import { loadCel, schemaHasRules } from "./cel.ts";
import type { JSONSchemaProps, ValidationRule } from "./types.ts";

const cel = await loadCel();

function specWithRules(
  props: Record<string, JSONSchemaProps>,
  rules: ValidationRule[],
): JSONSchemaProps {
  return {
    type: "object",
    properties: { spec: { type: "object", properties: props, "x-kubernetes-validations": rules } },
  };
}

function check(schema: JSONSchemaProps, obj: unknown, old?: unknown): string[] {
  return compileSchema(schema, { cel }).validate(obj, { old }).map(formatFieldError);
}

const minMax = { min: { type: "integer" }, max: { type: "integer" } } as const;

Deno.test("CEL rules pass and fail with Kubernetes' messages", async (t) => {
  const cases: [string, JSONSchemaProps, unknown, string[]][] = [
    [
      "a passing rule",
      specWithRules(minMax, [{ rule: "self.min <= self.max" }]),
      { spec: { min: 1, max: 2 } },
      [],
    ],
    [
      "a failing rule with a message",
      specWithRules(minMax, [{ rule: "self.min <= self.max", message: "min must not exceed max" }]),
      { spec: { min: 3, max: 2 } },
      ['spec: Invalid value: "object": min must not exceed max'],
    ],
    [
      "a failing rule without a message",
      specWithRules(minMax, [{ rule: "self.min <= self.max" }]),
      { spec: { min: 3, max: 2 } },
      ['spec: Invalid value: "object": failed rule: self.min <= self.max'],
    ],
    [
      "a rule on a scalar reports the scalar type",
      {
        type: "object",
        properties: {
          spec: {
            type: "object",
            properties: {
              name: {
                type: "string",
                "x-kubernetes-validations": [{
                  rule: "self.startsWith('app-')",
                  message: "must start with app-",
                }],
              },
            },
          },
        },
      },
      { spec: { name: "web" } },
      ['spec.name: Invalid value: "string": must start with app-'],
    ],
    [
      "a rule at the root has no path",
      {
        type: "object",
        properties: { spec: { type: "object", properties: minMax } },
        "x-kubernetes-validations": [{ rule: "self.spec.min <= self.spec.max", message: "bad" }],
      },
      { spec: { min: 3, max: 2 } },
      ['<nil>: Invalid value: "object": bad'],
    ],
    [
      "root rules see apiVersion, kind and metadata.name",
      {
        type: "object",
        "x-kubernetes-validations": [{
          rule: "self.metadata.name.startsWith(self.kind.lowerAscii())",
        }],
      },
      { apiVersion: "v1", kind: "Widget", metadata: { name: "gadget" } },
      ['<nil>: Invalid value: "object": failed rule: self.metadata.name.startsWith(self.kind.lowerAscii())'],
    ],
    [
      "every rule is evaluated",
      specWithRules(minMax, [
        { rule: "self.min > 0", message: "min must be positive" },
        { rule: "self.max > 0", message: "max must be positive" },
      ]),
      { spec: { min: 0, max: 0 } },
      [
        'spec: Invalid value: "object": min must be positive',
        'spec: Invalid value: "object": max must be positive',
      ],
    ],
    [
      "rules run on list items and map values",
      {
        type: "object",
        properties: {
          spec: {
            type: "object",
            properties: {
              ports: {
                type: "array",
                items: {
                  type: "integer",
                  "x-kubernetes-validations": [{ rule: "self < 1024", message: "too high" }],
                },
              },
              limits: {
                type: "object",
                additionalProperties: {
                  type: "integer",
                  "x-kubernetes-validations": [{ rule: "self > 0", message: "must be positive" }],
                },
              },
            },
          },
        },
      },
      { spec: { ports: [80, 8080], limits: { cpu: 0 } } },
      [
        'spec.ports[1]: Invalid value: "integer": too high',
        'spec.limits[cpu]: Invalid value: "integer": must be positive',
      ],
    ],
    [
      "rules do not run on null values",
      {
        type: "object",
        properties: {
          spec: {
            type: "object",
            properties: {
              a: {
                type: "string",
                nullable: true,
                "x-kubernetes-validations": [{ rule: "self.size() > 0" }],
              },
            },
          },
        },
      },
      { spec: { a: null } },
      [],
    ],
  ];
  for (const [name, schema, obj, want] of cases) {
    await t.step(name, () => assertEquals(check(schema, obj), want));
  }
});

Deno.test("CEL messageExpression, fieldPath and reason shape the error", async (t) => {
  const cases: [string, ValidationRule, string[]][] = [
    [
      "messageExpression builds the message",
      {
        rule: "self.min <= self.max",
        messageExpression: "'min ' + string(self.min) + ' exceeds max ' + string(self.max)",
      },
      ['spec: Invalid value: "object": min 3 exceeds max 2'],
    ],
    [
      "an empty messageExpression result falls back to the message",
      { rule: "self.min <= self.max", message: "fallback", messageExpression: "''" },
      ['spec: Invalid value: "object": fallback'],
    ],
    [
      "a failing messageExpression falls back to the default message",
      { rule: "self.min <= self.max", messageExpression: "self.missing" },
      ['spec: Invalid value: "object": failed rule: self.min <= self.max'],
    ],
    [
      "fieldPath moves the error",
      { rule: "self.min <= self.max", message: "too big", fieldPath: ".min" },
      ['spec.min: Invalid value: "object": too big'],
    ],
    [
      "reason FieldValueForbidden",
      { rule: "self.min <= self.max", message: "no", reason: "FieldValueForbidden" },
      ["spec: Forbidden: no"],
    ],
    [
      "reason FieldValueRequired",
      { rule: "self.min <= self.max", message: "need", reason: "FieldValueRequired" },
      ["spec: Required value: need"],
    ],
    [
      "reason FieldValueDuplicate",
      { rule: "self.min <= self.max", message: "dup", reason: "FieldValueDuplicate" },
      ['spec: Duplicate value: "object"'],
    ],
    [
      "reason FieldValueInvalid",
      { rule: "self.min <= self.max", message: "bad", reason: "FieldValueInvalid" },
      ['spec: Invalid value: "object": bad'],
    ],
  ];
  for (const [name, rule, want] of cases) {
    await t.step(name, () => {
      assertEquals(check(specWithRules(minMax, [rule]), { spec: { min: 3, max: 2 } }), want);
    });
  }
});

Deno.test("CEL transition rules run only on update with an old value", async (t) => {
  const schema = specWithRules(minMax, [
    { rule: "self.min == oldSelf.min", message: "min is immutable" },
  ]);
  await t.step("skipped on create", () => assertEquals(check(schema, { spec: { min: 1 } }), []));
  await t.step("passes when unchanged", () => {
    assertEquals(check(schema, { spec: { min: 1, max: 5 } }, { spec: { min: 1, max: 2 } }), []);
  });
  await t.step("fails when changed", () => {
    assertEquals(check(schema, { spec: { min: 2 } }, { spec: { min: 1 } }), [
      'spec: Invalid value: "object": min is immutable',
    ]);
  });
  await t.step("skipped when the field has no old value", () => {
    const nested = {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            a: {
              type: "string",
              "x-kubernetes-validations": [{ rule: "self == oldSelf", message: "immutable" }],
            },
          },
        },
      },
    } satisfies JSONSchemaProps;
    assertEquals(check(nested, { spec: { a: "x" } }, { spec: {} }), []);
    assertEquals(check(nested, { spec: { a: "x" } }, { spec: { a: "y" } }), [
      'spec.a: Invalid value: "string": immutable',
    ]);
  });
  await t.step("optionalOldSelf runs on create with oldSelf absent", () => {
    const opt = specWithRules(minMax, [{
      rule: "!oldSelf.hasValue() || self.min >= oldSelf.value().min",
      message: "min may only grow",
      optionalOldSelf: true,
    }, {
      rule: "oldSelf.hasValue() || self.min == 0",
      message: "min starts at 0",
      optionalOldSelf: true,
    }]);
    assertEquals(check(opt, { spec: { min: 1 } }), [
      'spec: Invalid value: "object": min starts at 0',
    ]);
    assertEquals(check(opt, { spec: { min: 1 } }, { spec: { min: 2 } }), [
      'spec: Invalid value: "object": min may only grow',
    ]);
  });
  await t.step("list-type map items correlate by key", () => {
    const s = {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            items: {
              type: "array",
              "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["name"],
              items: {
                type: "object",
                required: ["name"],
                properties: { name: { type: "string" }, v: { type: "integer" } },
                "x-kubernetes-validations": [{
                  rule: "self.v >= oldSelf.v",
                  message: "v may only grow",
                }],
              },
            },
          },
        },
      },
    } satisfies JSONSchemaProps;
    const old = { spec: { items: [{ name: "a", v: 5 }, { name: "b", v: 1 }] } };
    assertEquals(check(s, { spec: { items: [{ name: "b", v: 2 }, { name: "a", v: 4 }] } }, old), [
      'spec.items[1]: Invalid value: "object": v may only grow',
    ]);
  });
});

Deno.test("CEL rule failures of unchanged values are ratcheted into warnings", () => {
  const schema = specWithRules(minMax, [{ rule: "self.min <= self.max", message: "min > max" }]);
  const warnings: string[] = [];
  const errs = compileSchema(schema, { cel }).validate(
    { spec: { min: 3, max: 2 } },
    { old: { spec: { min: 3, max: 2 } }, onWarning: (m) => warnings.push(m) },
  );
  assertEquals(errs, []);
  assertEquals(warnings, ['spec: Invalid value: "object": min > max']);
});

Deno.test("CEL rules are skipped after a blocking schema error", () => {
  const schema = specWithRules(
    { min: { type: "integer" }, max: { type: "integer", maximum: 100 } },
    [{ rule: "self.min <= self.max", message: "bad" }],
  );
  assertEquals(check(schema, { spec: { min: "x", max: 1 } }), [
    'spec.min: Invalid value: "string": spec.min in body must be of type integer: "string"',
    '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
  ]);
  // A bound violation is not blocking: rules still run.
  assertEquals(check(schema, { spec: { min: 300, max: 200 } }), [
    "spec.max: Invalid value: 200: spec.max in body should be less than or equal to 100",
    'spec: Invalid value: "object": bad',
  ]);
});

Deno.test("CEL evaluation errors are reported as Kubernetes words them", async (t) => {
  const cases: [string, JSONSchemaProps, unknown, string[]][] = [
    [
      "a missing field",
      specWithRules(minMax, [{ rule: "self.min <= self.max" }]),
      { spec: { min: 1 } },
      ['spec: Invalid value: "object": no such key: max evaluating rule: self.min <= self.max'],
    ],
    [
      "division by zero",
      specWithRules(minMax, [{ rule: "self.min / self.max > 0" }]),
      { spec: { min: 1, max: 0 } },
      ['spec: Invalid value: "object": division by zero evaluating rule: self.min / self.max > 0'],
    ],
    [
      "a dynamic value with the wrong type",
      specWithRules({ v: { "x-kubernetes-int-or-string": true } }, [{ rule: "self.v > 1" }]),
      { spec: { v: "50%" } },
      [
        "spec: Invalid value: \"object\": 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.v > 1",
      ],
    ],
    [
      "a message names the rule in errors",
      specWithRules(minMax, [{ rule: "self.min <= self.max", message: "order" }]),
      { spec: { min: 1 } },
      ['spec: Invalid value: "object": no such key: max evaluating rule: order'],
    ],
    [
      "a rule that does not compile",
      specWithRules(minMax, [{ rule: "self.mni > 0" }]),
      { spec: { min: 1 } },
      [
        "spec: Invalid value: \"object\": rule compile error: compilation failed: ERROR: <input>:1:5: undefined field 'mni'\n | self.mni > 0\n | ....^",
      ],
    ],
  ];
  for (const [name, schema, obj, want] of cases) {
    await t.step(name, () => assertEquals(check(schema, obj), want));
  }
});

Deno.test("CEL libraries Kubernetes provides evaluate", async (t) => {
  const props: Record<string, JSONSchemaProps> = {
    nums: { type: "array", items: { type: "integer" } },
    ratios: { type: "array", items: { type: "number" } },
    words: { type: "array", items: { type: "string" } },
    name: { type: "string" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    "foo-bar": { type: "string" },
    ios: { "x-kubernetes-int-or-string": true },
    created: { type: "string", format: "date-time" },
    day: { type: "string", format: "date" },
    timeout: { type: "string", format: "duration" },
    data: { type: "string", format: "byte" },
    opt: { type: "string" },
    memory: { type: "string" },
    endpoint: { type: "string" },
    subnet: { type: "string" },
    nested: { type: "object", properties: { x: { type: "integer" }, y: { type: "integer" } } },
  };
  const obj = {
    spec: {
      nums: [1, 2, 3],
      ratios: [0.5, 1.5],
      words: ["b", "a", "c"],
      name: "Hello World",
      labels: { app: "web" },
      "foo-bar": "x",
      ios: "50%",
      created: "2024-03-01T12:30:00Z",
      day: "2024-03-01",
      timeout: "1h30m",
      data: "aGVsbG8=",
      memory: "1.5Gi",
      endpoint: "https://example.com:8443/api/v1?watch=true",
      subnet: "10.0.0.0/8",
      nested: { x: 1 },
    },
  };
  const rules = [
    "self.nums.isSorted()",
    "!self.words.isSorted()",
    "self.nums.sum() == 6",
    "self.ratios.sum() == 2.0",
    "self.nums.min() == 1 && self.nums.max() == 3",
    "self.words.min() == 'a'",
    "self.words.indexOf('a') == 1 && self.nums.lastIndexOf(3) == 2 && self.nums.indexOf(9) == -1",
    "self.name.charAt(1) == 'e'",
    "self.name.indexOf('o') == 4 && self.name.lastIndexOf('o') == 7",
    "self.name.lowerAscii() == 'hello world' && self.name.upperAscii() == 'HELLO WORLD'",
    "self.name.replace('World', 'There') == 'Hello There'",
    "self.name.split(' ') == ['Hello', 'World']",
    "self.name.substring(6) == 'World' && self.name.substring(0, 5) == 'Hello'",
    "'  x '.trim() == 'x'",
    "self.words.join('-') == 'b-a-c' && self.words.join() == 'bac'",
    "self.name.find('[A-Z][a-z]+') == 'Hello'",
    "self.name.findAll('[A-Z]') == ['H', 'W']",
    "self.name.findAll('[a-z]', 2) == ['e', 'l']",
    "self.name.matches('^[A-Z]') && !self.name.matches('^[a-z]+$')",
    "matches(self.name, 'World$')",
    "size(self.nums) == 3 && self.name.size() == 11 && size(self.labels) == 1",
    "self.nums.exists(n, n > 2) && self.nums.all(n, n > 0) && self.nums.exists_one(n, n == 2)",
    "self.nums.map(n, n * 2) == [2, 4, 6] && self.nums.filter(n, n > 1) == [2, 3]",
    "self.nums.map(n, n > 1, n * 10) == [20, 30]",
    "has(self.name) && !has(self.opt)",
    "'app' in self.labels && self.labels.app == 'web' && self.labels['app'] == 'web'",
    "self.foo__dash__bar == 'x'",
    "type(self.ios) == string && self.ios.endsWith('%')",
    "self.created < timestamp('2025-01-01T00:00:00Z') && self.created.getFullYear() == 2024",
    "self.created.getMonth() == 2 && self.created.getHours() == 12",
    "self.day == timestamp('2024-03-01T00:00:00Z')",
    "self.timeout == duration('90m') && self.timeout > duration('1h')",
    "self.created + self.timeout > self.created",
    "size(self.data) == 5",
    "self.name.contains('lo W')",
    "int('42') == 42 && string(42) == '42' && double(1) == 1.0",
    "'%s has %d items'.format([dyn('list'), 3]) == 'list has 3 items'",
    "[1, 2].all(x, x in self.nums)",
    "self.nums[0] == 1",
    "dyn(self.nums).size() == 3",
    // quantity library
    "quantity(self.memory).isGreaterThan(quantity('1Gi'))",
    "quantity(self.memory).compareTo(quantity('1536Mi')) == 0",
    "quantity('200M') == quantity('0.2G') && quantity('50M') != quantity('50Mi')",
    "quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger() == 20",
    "quantity('50k').add(quantity('20')).isLessThan(quantity('50.03k'))",
    "quantity('50.703k').asApproximateFloat() == 50703.0",
    "quantity('50k').isInteger() && !quantity('1.0').isInteger() && !isQuantity('20Mo')",
    "sign(quantity('-1')) == -1",
    // URL library
    "url(self.endpoint).getScheme() == 'https' && url(self.endpoint).getHostname() == 'example.com'",
    "url(self.endpoint).getPort() == '8443' && url(self.endpoint).getEscapedPath() == '/api/v1'",
    "url(self.endpoint).getQuery() == {'watch': ['true']}",
    "url('https://[::1]:80/').getHost() == '[::1]:80' && url('/a b').getEscapedPath() == '/a%20b'",
    "isURL('/absolute-path') && !isURL('../relative-path') && !isURL('https://a:b:c/')",
    // IP and CIDR libraries
    "ip('127.0.0.1').family() == 4 && ip('::1').family() == 6 && isIP('::1') && !isIP('1.2.3')",
    "ip('127.0.0.1').isLoopback() && ip('0.0.0.0').isUnspecified() && ip('fe80::1').isLinkLocalUnicast()",
    "ip('ff02::1').isLinkLocalMulticast() && ip('192.168.0.1').isGlobalUnicast()",
    "ip.isCanonical('2001:db8::abcd') && !ip.isCanonical('2001:DB8::ABCD')",
    "string(ip('2001:db8:0:0:0:0:0:1')) == '2001:db8::1'",
    "cidr(self.subnet).containsIP('10.1.2.3') && !cidr(self.subnet).containsIP(ip('11.0.0.1'))",
    "cidr('192.168.0.0/24').containsCIDR('192.168.0.0/25') && !cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/23'))",
    "cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24') && cidr('192.168.0.1/24').ip() == ip('192.168.0.1')",
    "cidr('::1/128').prefixLength() == 128 && isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0/33')",
    // sets extension
    "sets.contains(self.nums, [1, 2]) && !sets.contains([1], self.nums)",
    "sets.equivalent([1, 2, 2], [2, 1]) && sets.intersects(self.words, ['z', 'a'])",
    // optional values
    "self.?opt.orValue('none') == 'none' && self.?name.hasValue()",
    "self.?nested.?y.orValue(0) == 0 && self.nested.?x == optional.of(1)",
    "self.labels[?'app'] == optional.of('web') && !self.nums[?7].hasValue()",
    "optional.none().or(optional.of(1)).value() == 1",
  ];
  for (const rule of rules) {
    await t.step(rule, () => {
      const schema = specWithRules(props, [{ rule }]);
      assertEquals(check(schema, obj), []);
    });
  }
});

Deno.test("CEL library errors are reported as Kubernetes words them", async (t) => {
  const props: Record<string, JSONSchemaProps> = { s: { type: "string" } };
  const cases: [string, string][] = [
    [
      "quantity('10Mo') == quantity('1')",
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' evaluating rule: quantity('10Mo') == quantity('1')",
    ],
    [
      "quantity('1.5Gi').asInteger() > 0",
      "cannot convert value to integer evaluating rule: quantity('1.5Gi').asInteger() > 0",
    ],
    [
      "url('../x').getHost() == ''",
      `URL parse error during conversion from string: parse "../x": invalid URI for request evaluating rule: url('../x').getHost() == ''`,
    ],
    [
      "ip('127.0.0.256').family() == 4",
      `IP Address "127.0.0.256" parse error during conversion from string: ParseAddr("127.0.0.256"): IPv4 field has value >255 evaluating rule: ip('127.0.0.256').family() == 4`,
    ],
    [
      "ip('::ffff:1.2.3.4').family() == 6",
      `IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed evaluating rule: ip('::ffff:1.2.3.4').family() == 6`,
    ],
    [
      "cidr('192.168.0.0/').prefixLength() == 0",
      `network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/"): bad bits after slash: "" evaluating rule: cidr('192.168.0.0/').prefixLength() == 0`,
    ],
    [
      "cidr('10.0.0.0/8').containsIP('x')",
      "'no such overload': call arguments did not match a supported operator, function or macro signature for rule: cidr('10.0.0.0/8').containsIP('x')",
    ],
    [
      // Kubernetes declares sign() as a global function, not a method.
      "quantity('1').sign() == 1",
      "rule compile error: compilation failed: ERROR: <input>:1:19: found no matching overload for 'sign' applied to 'kubernetes.Quantity.()'\n | quantity('1').sign() == 1\n | ..................^",
    ],
  ];
  for (const [rule, want] of cases) {
    await t.step(rule, () => {
      assertEquals(check(specWithRules(props, [{ rule }]), { spec: { s: "x" } }), [
        `spec: Invalid value: "object": ${want}`,
      ]);
    });
  }
});

Deno.test("CEL evaluation stops at the per-call cost limit", async (t) => {
  const props: Record<string, JSONSchemaProps> = { s: { type: "string" }, t: { type: "string" } };
  // contains() costs ceil(len(s) / 10) × ceil(len(t) / 10): 10,001 × 101 > 1,000,000.
  const big = { spec: { s: "a".repeat(100_005), t: "b".repeat(1_005) } };
  await t.step("a rule, and no rule after it", () => {
    const schema = specWithRules(props, [{ rule: "self.s.contains(self.t)" }, { rule: "false" }]);
    assertEquals(check(schema, big), [
      "spec: Invalid value: \"object\": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.s.contains(self.t)",
    ]);
    assertEquals(check(schema, { spec: { s: "ab", t: "b" } }), [
      'spec: Invalid value: "object": failed rule: false',
    ]);
  });
  await t.step("a messageExpression", () => {
    const schema = specWithRules(props, [{
      rule: "false",
      messageExpression: "self.s.contains(self.t) ? 'a' : 'b'",
    }]);
    assertEquals(check(schema, big), [
      `spec: Invalid value: "object": no further validation rules will be run due to call cost exceeds limit for messageExpression: "self.s.contains(self.t) ? 'a' : 'b'"`,
    ]);
  });
});

Deno.test("CEL rules of one object share the runtime cost budget", () => {
  // Each item's rule costs 999,902; ten of them fit the 10,000,000 budget, the eleventh not.
  const schema: JSONSchemaProps = {
    type: "object",
    properties: {
      l: {
        type: "array",
        items: {
          type: "string",
          "x-kubernetes-validations": [{ rule: `!self.contains('${"x".repeat(1000)}')` }],
        },
      },
      after: { type: "string", "x-kubernetes-validations": [{ rule: "false" }] },
    },
  };
  const obj = { l: Array.from({ length: 12 }, () => "a".repeat(99_990)), after: "x" };
  assertEquals(check(schema, obj), [
    'l[10]: Invalid value: "string": validation failed due to running out of cost budget, no further validation rules will be run',
  ]);
});

Deno.test("schemaHasRules() finds rules anywhere in a schema", () => {
  assert(schemaHasRules({
    type: "object",
    properties: {
      a: {
        type: "array",
        items: { type: "string", "x-kubernetes-validations": [{ rule: "true" }] },
      },
    },
  }));
  assert(!schemaHasRules({ type: "object", properties: { a: { type: "string" } } }));
});

Deno.test("compileSchema() with the CEL runtime reports RE2's pattern errors", () => {
  const schema: JSONSchemaProps = {
    type: "object",
    properties: { field: { type: "string", pattern: "+" } },
  };
  assertEquals(compileSchema(schema, { cel }).validate({ field: "foo" }).map(formatFieldError), [
    "field: Invalid value: \"foo\": field in body should match '+, but pattern is invalid: error parsing regexp: missing argument to repetition operator: `+`'",
  ]);
});
