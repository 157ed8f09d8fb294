// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { yamlToJson } from "./yaml_documents.ts";

Deno.test("yamlToJson() reads decimal integers with several digits as decimal", async () => {
  const out = await yamlToJson("q: 12\nr: 99\ns: 010\nt: 29999\n");
  assertEquals(out, { q: 12, r: 99, s: 8, t: 29999 });
});
