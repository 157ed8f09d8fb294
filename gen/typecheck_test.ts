// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const IMPORT_MAP = fileURLToPath(new URL("./testdata/typecheck/import_map.json", import.meta.url));

// The generated modules import `installCustomResourceDefinitions` and the CRD types from
// "@k1s/core". This type-checks them (and the API types they re-export) against core's own type
// definitions through a stand-in for "@k1s/core", so the check does not depend on the rest of
// the runtime.
Deno.test("generated modules type-check against @k1s/core's CRD types", async () => {
  const modules = [
    "examples/inventory/generated/mod.ts",
    "gen/testdata/golden/markers/generated/mod.ts",
    "gen/testdata/golden/multiversion/generated/mod.ts",
  ];
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--no-config", "--import-map", IMPORT_MAP, ...modules],
    cwd: REPO,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.success, true, new TextDecoder().decode(out.stderr));
});
