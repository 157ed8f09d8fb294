// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  regexError,
  utf8Length,
  validateName,
} from "./content.ts";

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

type Case = [value: string, want: readonly string[]];

async function table(
  t: Deno.TestContext,
  fn: (v: string) => readonly string[],
  cases: Case[],
): Promise<void> {
  for (const [value, want] of cases) {
    await t.step(
      JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value),
      () => {
        assertEquals([...fn(value)], [...want]);
      },
    );
  }
}

Deno.test("isDNS1123Label() accepts labels and words failures as apimachinery", async (t) => {
  await table(t, isDNS1123Label, [
    ["a", []],
    ["my-name", []],
    ["123-abc", []],
    ["a".repeat(63), []],
    ["a".repeat(64), ["must be no more than 63 characters"]],
    ["A".repeat(64), ["must be no more than 63 characters", LABEL_MSG]],
    ["a.b", ["must not contain dots"]],
    ["Foo", [LABEL_MSG]],
    ["-a", [LABEL_MSG]],
    ["a-", [LABEL_MSG]],
    ["", [LABEL_MSG]],
    ["a_b", [LABEL_MSG]],
  ]);
});

Deno.test("isDNS1123Subdomain() accepts subdomains and words failures as apimachinery", async (t) => {
  await table(t, isDNS1123Subdomain, [
    ["example.com", []],
    ["a", []],
    ["a-b.c-d.e", []],
    [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`, []],
    ["a".repeat(254), ["must be no more than 253 characters"]],
    ["A".repeat(254), ["must be no more than 253 characters", SUBDOMAIN_MSG]],
    [`${"a.".repeat(126)}bb`, ["must be no more than 253 characters"]],
    ["Foo", [SUBDOMAIN_MSG]],
    ["a..b", [SUBDOMAIN_MSG]],
    [".a", [SUBDOMAIN_MSG]],
    ["a.", [SUBDOMAIN_MSG]],
    ["", [SUBDOMAIN_MSG]],
    ["é", [SUBDOMAIN_MSG]],
  ]);
});

Deno.test("isValidPathSegmentName() rejects only what breaks a URL path", async (t) => {
  await table(t, isValidPathSegmentName, [
    ["system:admin", []],
    ["Any Name!", []],
    ["", []],
    [".", ["may not be '.'"]],
    ["..", ["may not be '..'"]],
    ["...", []],
    ["a/b", ["may not contain '/'"]],
    ["a%b", ["may not contain '%'"]],
    ["a/%", ["may not contain '/'", "may not contain '%'"]],
  ]);
});

Deno.test("isQualifiedName() checks prefix and name parts", async (t) => {
  await table(t, isQualifiedName, [
    ["MyName", []],
    ["my.name", []],
    ["123-abc", []],
    ["example.com/MyName", []],
    ["kubernetes.io/metadata.name", []],
    ["a".repeat(63), []],
    ["a".repeat(64), ["name part must be no more than 63 characters"]],
    ["", ["name part must be non-empty", NAME_PART_MSG]],
    ["bad key", [NAME_PART_MSG]],
    ["/a", ["prefix part must be non-empty"]],
    ["a/", ["name part must be non-empty", NAME_PART_MSG]],
    [
      "Foo/a",
      [`prefix part ${SUBDOMAIN_MSG}`],
    ],
    [
      "a/b/c",
      [
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
    [`${"a".repeat(254)}/b`, ["prefix part must be no more than 253 characters"]],
  ]);
});

Deno.test("isValidLabelValue() allows empty values", async (t) => {
  await table(t, isValidLabelValue, [
    ["", []],
    ["MyValue", []],
    ["my_value", []],
    ["12345", []],
    ["a".repeat(63), []],
    ["a".repeat(64), ["must be no more than 63 characters"]],
    ["-a".repeat(32), ["must be no more than 63 characters", LABEL_VALUE_MSG]],
    ["bad value", [LABEL_VALUE_MSG]],
    ["a/b", [LABEL_VALUE_MSG]],
  ]);
});

Deno.test("isConfigMapKey() checks characters, length and leading dots", async (t) => {
  await table(t, isConfigMapKey, [
    ["key.name", []],
    ["KEY_NAME", []],
    ["key-name", []],
    [".hidden", []],
    ["a..b", []],
    ["a".repeat(253), []],
    ["a".repeat(254), ["must be no more than 253 characters"]],
    ["bad/key", [KEY_MSG]],
    ["", [KEY_MSG]],
    [".", ["must not be '.'"]],
    ["..", ["must not be '..'"]],
    ["..a", ["must not start with '..'"]],
    ["../x", [KEY_MSG, "must not start with '..'"]],
  ]);
});

Deno.test("validateName() applies the kind's rule and masks a prefix's trailing dash", async (t) => {
  const cases: [string, "subdomain" | "label" | "path", boolean, readonly string[]][] = [
    ["web-", "subdomain", true, []],
    ["web-", "subdomain", false, [SUBDOMAIN_MSG]],
    ["a-", "label", true, []],
    ["a.b-", "label", true, ["must not contain dots"]],
    // The mask drops two characters, so a dot before the dash goes unseen (as upstream).
    ["ab.-", "label", true, []],
    ["-", "subdomain", true, [SUBDOMAIN_MSG]],
    ["x/", "path", true, ["may not contain '/'"]],
    ["system:x", "path", false, []],
  ];
  for (const [name, rule, prefix, want] of cases) {
    await t.step(`${name} ${rule} prefix=${prefix}`, () => {
      assertEquals([...validateName(name, rule, { prefix })], [...want]);
    });
  }
});

Deno.test("regexError() and utf8Length() match Go", () => {
  assertEquals(regexError("m", "f"), "m (regex used for validation is 'f')");
  assertEquals(regexError("m", "f", "a"), "m (e.g. 'a', regex used for validation is 'f')");
  assertEquals(utf8Length("abc"), 3);
  assertEquals(utf8Length("é€"), 5);
  assertEquals(utf8Length("😀"), 4);
});
