// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { pluralize } from "./_plural.ts";

Deno.test("pluralize() lower-cases and pluralizes kind names", async (t) => {
  const cases: [string, string][] = [
    ["Item", "items"],
    ["Category", "categories"],
    ["Policy", "policies"],
    ["Gateway", "gateways"],
    ["Ingress", "ingresses"],
    ["Box", "boxes"],
    ["Match", "matches"],
    ["Mesh", "meshes"],
    ["TestQuota", "testquotas"],
    ["SalesPerson", "salespeople"],
    ["Human", "humans"],
    ["Index", "indices"],
    ["Metadata", "metadata"],
    ["Endpoints", "endpoints"],
    ["HTTPRoute", "httproutes"],
  ];
  for (const [kind, plural] of cases) {
    await t.step(`${kind} → ${plural}`, () => assertEquals(pluralize(kind), plural));
  }
});
