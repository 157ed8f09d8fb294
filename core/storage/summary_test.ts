// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import { builtinResourceTypes } from "../builtins/mod.ts";
import { createSummarizer, decodeSummary, tableCells } from "./summary.ts";

const summarizer = createSummarizer(builtinResourceTypes());

Deno.test("a summary decodes to the object's metadata, with its timestamp in a cell or not", async (t) => {
  const created = "2026-11-26T10:00:00Z";
  const cases: [string, KubeObject, boolean][] = [
    ["ConfigMap (AGE)", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "a",
        namespace: "default",
        uid: "u",
        labels: { app: "x" },
        creationTimestamp: created,
        annotations: { note: "left out" },
        managedFields: [],
      },
      data: { k: "v" },
    }, true],
    ["Namespace without a timestamp", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "n" },
      status: { phase: "Active" },
    }, false],
  ];
  for (const [name, obj, shared] of cases) {
    await t.step(name, () => {
      const text = summarizer.summarize(JSON.stringify(obj))!;
      assertEquals("t" in JSON.parse(text), shared);
      const decoded = decodeSummary(text, 7);
      const { annotations: _a, managedFields: _m, ...meta } = obj.metadata;
      assertEquals(decoded, {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        metadata: { ...meta, resourceVersion: "7" },
      });
      if (shared) assertEquals(tableCells(decoded)?.includes(created), true);
    });
  }
});

Deno.test("a summary whose timestamp cell is not a string is not a summary", () => {
  assertThrows(
    () => decodeSummary('{"o":{"metadata":{"name":"a"}},"c":[1,2],"t":1}', 1),
    SyntaxError,
  );
  assertThrows(
    () => decodeSummary('{"o":{"metadata":{"name":"a"}},"c":[1],"t":4}', 1),
    SyntaxError,
  );
});
