// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import {
  parseCustomColumns,
  parseCustomColumnsFile,
  printCustomColumns,
} from "./custom_columns.ts";
import { PrintError } from "./print_error.ts";

Deno.test("printCustomColumns() joins values and prints <none> like kubectl", () => {
  const cols = parseCustomColumns(
    "NAME:.metadata.name,PORTS:.spec.ports[*].port,L:.metadata.labels,T:{.spec.t}",
  );
  const objs = [
    {
      metadata: { name: "a", labels: { x: "1", a: "b" } },
      spec: { ports: [{ port: 80 }, { port: 443 }], t: "\x1b[31m" },
    },
    { metadata: { name: "bb" }, spec: {} },
  ];
  assertEquals(
    printCustomColumns(cols, objs),
    "NAME   PORTS    L              T\na      80,443   map[a:b x:1]   ^[[31m\nbb     <none>   <none>         <none>\n",
  );
  assertEquals(printCustomColumns(cols.slice(0, 1), objs, { noHeaders: true }), "a\nbb\n");
});

Deno.test("parseCustomColumnsFile() reads a header line and a spec line", async (t) => {
  await t.step("valid", () => {
    assertEquals(parseCustomColumnsFile("NAME   API\r\n{metadata.name}  {.apiVersion}\n"), [
      { header: "NAME", fieldSpec: "{.metadata.name}" },
      { header: "API", fieldSpec: "{.apiVersion}" },
    ]);
  });
  const errs: [string, string][] = [
    [
      "",
      "invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.",
    ],
    [
      "NAME\n",
      "invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.",
    ],
    ["A B\n.a\n", "number of headers (2) and field specifications (1) don't match"],
  ]; // deno-fmt-ignore
  for (const [text, want] of errs) {
    await t.step(JSON.stringify(text), () => {
      assertEquals(assertThrows(() => parseCustomColumnsFile(text), PrintError).message, want);
    });
  }
});

Deno.test("printCustomColumns() reports template errors", () => {
  const e = assertThrows(() => printCustomColumns(parseCustomColumns("A:.a["), [{}]), PrintError);
  assertEquals(e.message, "unterminated array");
});
