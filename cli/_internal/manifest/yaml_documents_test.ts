// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { yamlToJson } from "./yaml_documents.ts";

Deno.test("yamlToJson() reads decimal integers with several digits as decimal", async () => {
  const out = await yamlToJson("q: 12\nr: 99\ns: 010\nt: 29999\n");
  assertEquals(out, { q: 12, r: 99, s: 8, t: 29999 });
});

Deno.test("yamlToJson() words a tab used as indentation as go-yaml does", async (t) => {
  // What kubectl 1.32 prints for each (`kubectl create -f x.yaml --dry-run=client`).
  const cases: [string, string][] = [
    ["a: 1\n\tb: 2\n", "yaml: line 2: found a tab character that violates indentation"],
    [
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n",
      "yaml: line 4: found character that cannot start any token",
    ],
    [
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x # c\n\tlabels: {}\n",
      "yaml: line 5: found character that cannot start any token",
    ],
  ];
  for (const [text, message] of cases) {
    await t.step(JSON.stringify(text), async () => {
      const err = await assertRejects(() => yamlToJson(text));
      assertEquals((err as Error).message, message);
    });
  }
});
