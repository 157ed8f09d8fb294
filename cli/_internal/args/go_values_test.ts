// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import {
  formatGoDuration,
  parseCsvRecord,
  parseGoBool,
  parseGoDuration,
  parseGoInt,
} from "./go_values.ts";

Deno.test("parseGoDuration() follows time.ParseDuration", async (t) => {
  const ok: [string, number][] = [
    ["0", 0],
    ["5s", 5000],
    ["1m30s", 90_000],
    ["1.5h", 5_400_000],
    ["300ms", 300],
    ["-2m", -120_000],
    ["+1s", 1000],
    ["1h2m3s4ms", 3_723_004],
    ["2us", 0.002],
    ["2µs", 0.002],
    ["10ns", 0.00001],
    [".5s", 500],
  ]; // deno-fmt-ignore
  for (const [s, ms] of ok) await t.step(s, () => assertEquals(parseGoDuration(s), ms));
  const bad: [string, string][] = [
    ["", 'time: invalid duration ""'],
    ["abc", 'time: invalid duration "abc"'],
    ["5", 'time: missing unit in duration "5"'],
    ["1x", 'time: unknown unit "x" in duration "1x"'],
    ["-", 'time: invalid duration "-"'],
    [".s", 'time: invalid duration ".s"'],
    ["1s2", 'time: missing unit in duration "1s2"'],
  ];
  for (const [s, msg] of bad) {
    await t.step(
      `rejects ${JSON.stringify(s)}`,
      () => assertEquals(assertThrows(() => parseGoDuration(s)).message, msg),
    );
  }
});

Deno.test("formatGoDuration() follows time.Duration.String", async (t) => {
  const cases: [number, string][] = [
    [0, "0s"],
    [30_000, "30s"],
    [90_000, "1m30s"],
    [300_000, "5m0s"],
    [3_600_000, "1h0m0s"],
    [1500, "1.5s"],
    [500, "500ms"],
    [0.002, "2µs"],
    [-60_000, "-1m0s"],
    [5000, "5s"],
  ]; // deno-fmt-ignore
  for (const [ms, want] of cases) await t.step(want, () => assertEquals(formatGoDuration(ms), want));
});

Deno.test("parseGoInt() and parseGoBool() follow strconv", async (t) => {
  const ints: [string, number][] = [
    ["10", 10],
    ["-5", -5],
    ["0x1f", 31],
    ["0o17", 15],
    ["017", 15],
    ["0b101", 5],
    ["0x_1f", 31],
  ];
  for (const [s, n] of ints) await t.step(s, () => assertEquals(parseGoInt(s), n));
  const badInts: [string, string][] = [
    ["abc", 'strconv.ParseInt: parsing "abc": invalid syntax'],
    ["1_000", 'strconv.ParseInt: parsing "1_000": invalid syntax'],
    ["", 'strconv.ParseInt: parsing "": invalid syntax'],
    [
      "99999999999999999999",
      'strconv.ParseInt: parsing "99999999999999999999": value out of range',
    ],
  ];
  for (const [s, msg] of badInts) {
    await t.step(
      `rejects ${JSON.stringify(s)}`,
      () => assertEquals(assertThrows(() => parseGoInt(s)).message, msg),
    );
  }
  for (const s of ["1", "t", "T", "TRUE", "true", "True"]) assertEquals(parseGoBool(s), true);
  for (const s of ["0", "f", "F", "FALSE", "false", "False"]) assertEquals(parseGoBool(s), false);
  assertEquals(
    assertThrows(() => parseGoBool("yes")).message,
    'strconv.ParseBool: parsing "yes": invalid syntax',
  );
});

Deno.test("parseCsvRecord() splits like encoding/csv", async (t) => {
  const cases: [string, string[]][] = [
    ["", []],
    ["a", ["a"]],
    ["a,b", ["a", "b"]],
    ['a,"b,c"', ["a", "b,c"]],
    ['"x""y"', ['x"y']],
    ["a,", ["a", ""]],
  ];
  for (const [s, want] of cases) {
    await t.step(JSON.stringify(s), () => assertEquals(parseCsvRecord(s), want));
  }
  await t.step("bare quote", () => {
    assertEquals(
      assertThrows(() => parseCsvRecord('a"b')).message,
      'parse error on line 1, column 2: bare " in non-quoted-field',
    );
  });
});
