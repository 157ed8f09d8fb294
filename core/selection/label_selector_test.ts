// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertInstanceOf, assertThrows } from "@std/assert";
import { StatusError } from "../errors/status_error.ts";
import { LabelSelector, labelSelectorFromMeta, parseLabelSelector } from "./label_selector.ts";

const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function parseError(s: string): StatusError {
  const err = assertThrows(() => parseLabelSelector(s), StatusError);
  assertEquals(err.status.code, 400);
  assertEquals(err.status.reason, "BadRequest");
  return err;
}

Deno.test("parseLabelSelector() matches like apimachinery", async (t) => {
  const cases: [selector: string, labels: Record<string, string> | undefined, want: boolean][] = [
    ["", { a: "b" }, true],
    ["  ", undefined, true],
    ["app=web", { app: "web" }, true],
    ["app=web", { app: "db" }, false],
    ["app=web", undefined, false],
    ["app==web", { app: "web" }, true],
    ["app!=web", { app: "db" }, true],
    ["app!=web", { app: "web" }, false],
    ["app!=web", {}, true], // lacking the key matches
    ["app!=web", undefined, true],
    ["env in (prod,staging)", { env: "staging" }, true],
    ["env in (prod,staging)", { env: "dev" }, false],
    ["env in (prod,staging)", {}, false],
    ["env notin (prod,staging)", { env: "dev" }, true],
    ["env notin (prod,staging)", { env: "prod" }, false],
    ["env notin (prod,staging)", {}, true], // lacking the key matches
    ["env in (a,b,c,d,e,f)", { env: "f" }, true],
    ["env notin (a,b,c,d,e,f)", { env: "f" }, false],
    ["x in ()", { x: "" }, true],
    ["x in (,a)", { x: "" }, true],
    ["legacy", { legacy: "" }, true],
    ["legacy", {}, false],
    ["!legacy", {}, true],
    ["!legacy", { legacy: "x" }, false],
    ["x>1", { x: "2" }, true],
    ["x>1", { x: "1" }, false],
    ["x>1", { x: "abc" }, false],
    ["x>1", {}, false],
    ["x<10", { x: "-3" }, true],
    ["x<10", { x: "10" }, false],
    ["x>5", { x: "+6" }, true],
    ["x<0", { x: "-1" }, true],
    ["app=web,tier!=db", { app: "web", tier: "front" }, true],
    ["app=web,tier!=db", { app: "web", tier: "db" }, false],
    ["a , b = c", { a: "", b: "c" }, true],
    ["x=", {}, false],
    ["x=", { x: "" }, true],
    ["in in (in)", { in: "in" }, true],
    ["notin notin (notin)", { notin: "x" }, true],
    ["constructor", {}, false],
    ["!constructor", {}, true],
    ["toString=x", {}, false],
  ];
  for (const [s, labels, want] of cases) {
    await t.step(`${JSON.stringify(s)} on ${JSON.stringify(labels)}`, () => {
      assertEquals(parseLabelSelector(s).matches(labels), want);
    });
  }
});

Deno.test("parseLabelSelector() prints the canonical string", async (t) => {
  const cases: [string, string][] = [
    ["", ""],
    ["b=2,a=1", "a=1,b=2"],
    ["x==y", "x==y"],
    ["x != y", "x!=y"],
    ["env in (b,a,a)", "env in (a,b)"],
    ["env notin (x)", "env notin (x)"],
    ["!legacy,app", "app,!legacy"],
    ["x>1,y<2", "x>1,y<2"],
    ["x in ()", "x in ()"],
  ];
  for (const [s, want] of cases) {
    await t.step(JSON.stringify(s), () => assertEquals(parseLabelSelector(s).toString(), want));
  }
});

Deno.test("parseLabelSelector() reports empty selectors", () => {
  assert(parseLabelSelector("").empty);
  assert(parseLabelSelector(" \t").empty);
  assert(!parseLabelSelector("a").empty);
});

Deno.test("parseLabelSelector() rejects malformed selectors with apimachinery's messages", async (t) => {
  // Checked against kubectl 1.32 (`kubectl set selector --local`), which parses with the same code.
  const cases: [string, string][] = [
    ["x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"],
    [
      "bad key=1",
      "unable to parse requirement: found 'key', expected: in, notin, =, ==, !=, gt, lt",
    ],
    [
      "x>a",
      `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    [
      "x>",
      `unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    [
      "x>99999999999999999999",
      `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    ["x=a=b", "found '=', expected: ',' or 'end of string'"],
    ["!x=1", "found '=', expected: ',' or 'end of string'"],
    [",", "found ',', expected: !, identifier, or 'end of string'"],
    ["(", "found '(', expected: !, identifier, or 'end of string'"],
    ["x,", "found '', expected: identifier after ','"],
    ["x,,y", "found ',', expected: identifier after ','"],
    ["x in a", "unable to parse requirement: found 'a' expected: '('"],
    ["x in (a", "unable to parse requirement: found '', expected: ',' or ')'"],
    ["x in (a,", "unable to parse requirement: found '', expected: ',', or identifier"],
    ["x in (=", "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ["x (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ["x!", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ["x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ["x===1", "unable to parse requirement: found '=', expected: identifier"],
    ["!", "unable to parse requirement: found '', expected: identifier"],
    ["x>-5", `unable to parse requirement: values[0][x]: Invalid value: "-5": ${LABEL_VALUE_MSG}`],
    ["x=-a", `unable to parse requirement: values[0][x]: Invalid value: "-a": ${LABEL_VALUE_MSG}`],
    [
      "x in (-a,-b)",
      `unable to parse requirement: [values[0][x]: Invalid value: "-a": ${LABEL_VALUE_MSG}, values[1][x]: Invalid value: "-b": ${LABEL_VALUE_MSG}]`,
    ],
    [
      "a/b/c=1",
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      "a/=1",
      `unable to parse requirement: <nil>: Invalid value: "a/": name part must be non-empty; ${NAME_PART_MSG}`,
    ],
    [
      "/a=1",
      `unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty`,
    ],
    [
      "Foo.Bar/x=1",
      `unable to parse requirement: <nil>: Invalid value: "Foo.Bar/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
    [
      `${"a".repeat(64)}=1`,
      `unable to parse requirement: <nil>: Invalid value: "${
        "a".repeat(64)
      }": name part must be no more than 63 characters`,
    ],
  ];
  for (const [s, want] of cases) {
    await t.step(JSON.stringify(s), () => assertEquals(parseError(s).message, want));
  }
});

Deno.test("labelSelectorFromMeta() builds selectors like LabelSelectorAsSelector", async (t) => {
  await t.step("null selects nothing", () => {
    const s = labelSelectorFromMeta(null);
    assert(!s.empty);
    assert(!s.matches({}));
    assert(!labelSelectorFromMeta(undefined).matches({ a: "b" }));
  });
  await t.step("empty selects everything", () => {
    const s = labelSelectorFromMeta({});
    assert(s.empty);
    assert(s.matches(undefined));
  });
  const cases: [
    Parameters<typeof labelSelectorFromMeta>[0],
    Record<string, string>,
    boolean,
  ][] = [
    [{ matchLabels: { app: "web" } }, { app: "web" }, true],
    [{ matchLabels: { app: "web" } }, { app: "db" }, false],
    [{ matchExpressions: [{ key: "t", operator: "In", values: ["a", "b"] }] }, { t: "b" }, true],
    [{ matchExpressions: [{ key: "t", operator: "NotIn", values: ["a"] }] }, {}, true],
    [{ matchExpressions: [{ key: "t", operator: "Exists" }] }, { t: "" }, true],
    [{ matchExpressions: [{ key: "t", operator: "DoesNotExist" }] }, { t: "" }, false],
    [
      { matchLabels: { a: "1" }, matchExpressions: [{ key: "b", operator: "Exists" }] },
      { a: "1" },
      false,
    ],
  ];
  for (const [spec, labels, want] of cases) {
    await t.step(`${JSON.stringify(spec)} on ${JSON.stringify(labels)}`, () => {
      assertEquals(labelSelectorFromMeta(spec).matches(labels), want);
    });
  }
  await t.step("prints values sorted", () => {
    const s = labelSelectorFromMeta({
      matchLabels: { z: "1" },
      matchExpressions: [{ key: "a", operator: "In", values: ["y", "x"] }],
    });
    assertEquals(s.toString(), "a in (x,y),z=1");
  });
});

Deno.test("labelSelectorFromMeta() rejects invalid requirements", async (t) => {
  const cases: [Parameters<typeof labelSelectorFromMeta>[0], string][] = [
    [
      { matchExpressions: [{ key: "a", operator: "Foo" }] },
      '"Foo" is not a valid label selector operator',
    ],
    [
      { matchExpressions: [{ key: "a", operator: "In", values: [] }] },
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] },
      `values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist`,
    ],
    [
      { matchLabels: { "bad key": "v" } },
      `key: Invalid value: "bad key": ${NAME_PART_MSG}`,
    ],
    [{ matchLabels: { k: "-v" } }, `values[0][k]: Invalid value: "-v": ${LABEL_VALUE_MSG}`],
  ];
  for (const [spec, want] of cases) {
    await t.step(want.slice(0, 60), () => {
      const err = assertThrows(() => labelSelectorFromMeta(spec), StatusError);
      assertEquals(err.status.code, 400);
      assertEquals(err.message, want);
    });
  }
});

Deno.test("LabelSelector sorts requirements by key", () => {
  const s = new LabelSelector([
    { key: "b", operator: "exists", values: [] },
    { key: "a", operator: "=", values: ["1"] },
  ]);
  assertEquals(s.requirements.map((r) => r.key), ["a", "b"]);
  assertInstanceOf(s, LabelSelector);
});
