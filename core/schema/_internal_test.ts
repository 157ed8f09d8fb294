// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { goFloat, goQuote } from "./_go.ts";
import { compileJsRegex, translateRe2 } from "./_regex.ts";
import { isDateTime, parseDuration, parseGoDuration } from "./_formats.ts";
import { escapeName } from "./_cel/types.ts";

Deno.test("goFloat() prints float64 as Go's %v", async (t) => {
  const cases: [number, string][] = [
    [10, "10"],
    [0.5, "0.5"],
    [123456, "123456"],
    [1000000, "1e+06"],
    [1234567.5, "1.2345675e+06"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [-2.5, "-2.5"],
  ];
  for (const [f, want] of cases) await t.step(want, () => assertEquals(goFloat(f), want));
});

Deno.test("goQuote() quotes as strconv.Quote", () => {
  assertEquals(goQuote('a"b\\c\n\x01é'), '"a\\"b\\\\c\\n\\x01é"');
});

Deno.test("translateRe2() rewrites RE2-only syntax", async (t) => {
  const cases: [string, string, boolean][] = [
    ["(?i)^abc$", "ABC", true],
    ["^[[:alpha:]]+$", "abc", true],
    ["^[[:digit:]]+$", "abc", false],
    ["^\\pL+$", "héllo", true],
    ["a\\z", "a", true],
    ["(?P<n>x)y", "xy", true],
    ["a{2}", "aa", true],
    ["^a}$", "a}", true],
    ["^\\Q.*\\E$", ".*", true],
    ["^\\-$", "-", true],
  ];
  for (const [pattern, input, want] of cases) {
    await t.step(`${pattern} on ${input}`, () => {
      const re = compileJsRegex(pattern);
      assert(re, `${pattern} should translate`);
      assertEquals(re.test(input), want);
    });
  }
  await t.step("lookarounds are not RE2", () => assertEquals(translateRe2("a(?=b)"), undefined));
});

Deno.test("date-time and duration parsing follow strfmt", () => {
  assert(isDateTime("2024-01-01T00:00:00Z"));
  assert(isDateTime("2024-01-01t00:00:00.5+02:00"));
  assert(!isDateTime("2024-01-01T24:00:00Z"));
  assert(!isDateTime("2024-01-01"));
  assertEquals(parseGoDuration("1h30m"), 5400e9);
  assertEquals(parseGoDuration("1.5s"), 1.5e9);
  assertEquals(parseGoDuration("1x"), undefined);
  assertEquals(parseDuration("2 days"), 2 * 86400e9);
});

Deno.test("escapeName() escapes property names as apiserver's cel.Escape", () => {
  assertEquals(escapeName("foo-bar"), "foo__dash__bar");
  assertEquals(escapeName("a.b/c"), "a__dot__b__slash__c");
  assertEquals(escapeName("a__b"), "a__underscores__b");
  assertEquals(escapeName("namespace"), "__namespace__");
  assertEquals(escapeName("1abc"), undefined);
  assertEquals(escapeName("a b"), undefined);
});
