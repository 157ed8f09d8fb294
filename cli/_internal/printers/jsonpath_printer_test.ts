// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import { newJSONPathPrinter } from "./jsonpath_printer.ts";
import { PrintError } from "./print_error.ts";

const dir = new URL("./testdata/", import.meta.url);

interface Golden {
  template: string;
  allowMissing: boolean;
  stdout: string;
  stderr: string;
  rc: number;
  asJson: { stdout: string; stderr: string; rc: number };
}

// Go visits map members in random order; for these templates kubectl's order varies run to run.
const UNORDERED = new Set(["{..name}", "{.metadata.*}"]);

function run(
  template: string,
  obj: unknown,
  opts: { allowMissingKeys: boolean; asJson?: boolean },
) {
  try {
    const p = newJSONPathPrinter(template, opts);
    return { stdout: p.print(obj), stderr: "", rc: 0 };
  } catch (e) {
    if (!(e instanceof PrintError)) throw e;
    const msg = `error: ${e.message}`;
    return { stdout: "", stderr: msg.endsWith("\n") ? msg : msg + "\n", rc: 1 };
  }
}

function normalize(s: string, template: string, asJson: boolean): string {
  if (!UNORDERED.has(template)) return s;
  return asJson
    ? s.split("\n").map((l) => l.replace(/,$/, "")).sort().join("\n")
    : s.split(" ").sort().join(" ");
}

Deno.test("JSONPath printer matches kubectl for every template", async (t) => {
  // testdata/jsonpath.kubectl.json: `kubectl label --local -f jsonpath_object.json zz-
  // -o jsonpath=<template> --allow-missing-template-keys=<bool>` (and jsonpath-as-json).
  const obj = JSON.parse(await Deno.readTextFile(new URL("jsonpath_object.json", dir)));
  const golden: Golden[] = JSON.parse(
    await Deno.readTextFile(new URL("jsonpath.kubectl.json", dir)),
  );
  for (const g of golden) {
    await t.step(`${g.template} (allow missing: ${g.allowMissing})`, () => {
      const got = run(g.template, obj, { allowMissingKeys: g.allowMissing });
      assertEquals(
        { ...got, stdout: normalize(got.stdout, g.template, false) },
        { stdout: normalize(g.stdout, g.template, false), stderr: g.stderr, rc: g.rc },
      );
      const gotJson = run(g.template, obj, { allowMissingKeys: g.allowMissing, asJson: true });
      assertEquals(
        { ...gotJson, stdout: normalize(gotJson.stdout, g.template, true) },
        { ...g.asJson, stdout: normalize(g.asJson.stdout, g.template, true) },
      );
    });
  }
});

Deno.test("newJSONPathPrinter() rejects a malformed template up front", () => {
  const e = assertThrows(() => newJSONPathPrinter("{.items[}"), PrintError);
  assertEquals(e.message, "error parsing jsonpath {.items[}, unterminated array\n");
});
