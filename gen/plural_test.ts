// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { pluralize } from "./_plural.ts";

Deno.test("pluralize() lower-cases and pluralizes kind names as controller-gen does", async (t) => {
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
    // As controller-gen names them, dictionary or not.
    ["Settings", "settings"],
    ["Metrics", "metrics"],
    ["Credentials", "credentials"],
    ["Status", "statuses"],
    ["Address", "addresses"],
    ["Repo", "repoes"],
    ["Zoo", "zooes"],
    ["Radio", "radios"],
    ["Photo", "photos"],
    ["Knife", "knives"],
    ["Shelf", "shelves"],
    ["Analysis", "analyses"],
    ["Datum", "data"],
    ["Database", "databases"],
    ["Fireman", "firemen"],
  ];
  for (const [kind, plural] of cases) {
    await t.step(`${kind} → ${plural}`, () => assertEquals(pluralize(kind), plural));
  }
});
