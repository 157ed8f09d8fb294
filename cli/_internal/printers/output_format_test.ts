// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { GET_OUTPUT_FORMATS, OBJECT_OUTPUT_FORMATS, parseOutputFormat } from "./output_format.ts";
import { PrintError } from "./print_error.ts";

// kubectl 1.32's list, to compare messages word for word.
const KUBECTL_GET = [
  "custom-columns",
  "custom-columns-file",
  "go-template",
  "go-template-file",
  "json",
  "jsonpath",
  "jsonpath-as-json",
  "jsonpath-file",
  "name",
  "template",
  "templatefile",
  "wide",
  "yaml",
]; // deno-fmt-ignore

Deno.test("parseOutputFormat() reports errors as kubectl does", async (t) => {
  const cases: [string, string[], string][] = [
    ["foo", KUBECTL_GET, 'unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'],
    ["wide,name", KUBECTL_GET, 'unable to match a printer suitable for the output format "wide,name", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'],
    ["JSONPATH={.kind}", KUBECTL_GET, 'unable to match a printer suitable for the output format "JSONPATH={.kind}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'],
    ["jsonpath", KUBECTL_GET, "template format specified but no template given"],
    ["jsonpath=", KUBECTL_GET, "template format specified but no template given"],
    ["custom-columns=", KUBECTL_GET, "custom-columns format specified but no custom columns given"],
    ["custom-columns=A", KUBECTL_GET, "unexpected custom-columns spec: A, expected <header>:<json-path-expr>"],
    ["jsonpath-file=/nonexist", KUBECTL_GET, "error reading --template /nonexist, open /nonexist: no such file or directory"],
    ["custom-columns-file=/nonexist", KUBECTL_GET, "error reading template /nonexist, open /nonexist: no such file or directory"],
    ["wide", [...OBJECT_OUTPUT_FORMATS], 'unable to match a printer suitable for the output format "wide", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,yaml'],
  ]; // deno-fmt-ignore
  for (const [value, allowed, want] of cases) {
    await t.step(value, async () => {
      const e = await assertRejects(() => parseOutputFormat(value, { allowed }), PrintError);
      assertEquals(e.message, want);
    });
  }
});

Deno.test("parseOutputFormat() accepts kubectl's spellings", async (t) => {
  const cases: [string, unknown][] = [
    ["", { type: "table", wide: false }],
    ["wide", { type: "table", wide: true }],
    ["JSON", { type: "json" }],
    ["Yaml", { type: "yaml" }],
    ["NAME", { type: "name" }],
    ["jsonpath={.a}", { type: "jsonpath", template: "{.a}", asJson: false }],
    ["jsonpath-as-json={.a}", { type: "jsonpath", template: "{.a}", asJson: true }],
    ["custom-columns=N:.metadata.name", {
      type: "custom-columns",
      columns: [{ header: "N", fieldSpec: "{.metadata.name}" }],
    }],
  ];
  for (const [value, want] of cases) {
    await t.step(
      JSON.stringify(value),
      async () => assertEquals(await parseOutputFormat(value), want),
    );
  }
  await t.step("jsonpath takes --template", async () => {
    assertEquals(await parseOutputFormat("jsonpath", { template: "{.kind}" }), {
      type: "jsonpath",
      template: "{.kind}",
      asJson: false,
    });
  });
  await t.step("files go through the reader", async () => {
    const readTextFile = (p: string) => (p === "t" ? "{.kind}" : "NAME\n.metadata.name\n");
    assertEquals(await parseOutputFormat("jsonpath-file=t", { readTextFile }), {
      type: "jsonpath",
      template: "{.kind}",
      asJson: false,
    });
    assertEquals(await parseOutputFormat("custom-columns-file=c", { readTextFile }), {
      type: "custom-columns",
      columns: [{ header: "NAME", fieldSpec: "{.metadata.name}" }],
    });
  });
  await t.step("the default lists leave Go templates out", () => {
    assertEquals(GET_OUTPUT_FORMATS.includes("go-template"), false);
  });
});
