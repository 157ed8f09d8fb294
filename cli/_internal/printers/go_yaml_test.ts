// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { toGoYaml, yamlKeyLess } from "./go_yaml.ts";
import { goJson } from "./go_format.ts";

const dir = new URL("./testdata/", import.meta.url);

// testdata/yaml_cases.kubectl.json holds, as strings, the output of
// `kubectl label --local -f yaml_cases.json zz- -o yaml` (and `-o json`).
const kubectl: { yaml: string; json: string } = JSON.parse(
  await Deno.readTextFile(new URL("yaml_cases.kubectl.json", dir)),
);

Deno.test("toGoYaml() matches kubectl -o yaml byte for byte", async () => {
  const obj = JSON.parse(await Deno.readTextFile(new URL("yaml_cases.json", dir)));
  const want = kubectl.yaml;
  const got = toGoYaml(obj);
  const gl = got.split("\n");
  const wl = want.split("\n");
  for (let i = 0; i < Math.max(gl.length, wl.length); i++) {
    assertEquals(gl[i], wl[i], `line ${i + 1}`);
  }
  assertEquals(got, want);
});

Deno.test("goJson() matches kubectl -o json byte for byte", async () => {
  const obj = JSON.parse(await Deno.readTextFile(new URL("yaml_cases.json", dir)));
  assertEquals(goJson(obj, { indent: "    " }) + "\n", kubectl.json);
});

Deno.test("toGoYaml() shapes", async (t) => {
  const cases: [string, unknown, string][] = [
    ["empty map", {}, "{}\n"],
    ["empty list", [], "[]\n"],
    ["root list", ["a", { b: 1 }], "- a\n- b: 1\n"],
    [
      "kind List",
      { apiVersion: "v1", items: [], kind: "List", metadata: { resourceVersion: "" } },
      'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    ],
    ["open-ended last value", { z: "a\n\n" }, "z: |+\n  a\n\n...\n"],
  ];
  for (const [name, v, want] of cases) await t.step(name, () => assertEquals(toGoYaml(v), want));
});

Deno.test("yamlKeyLess() orders keys like go-yaml v2", () => {
  // Order observed from `kubectl create cm x --from-literal=<k>=v ... -o yaml`.
  const want = [
    "-a",
    ".a",
    "_x",
    "0",
    "00",
    "1",
    "01",
    "001",
    "2",
    "10",
    "A0",
    "B",
    "Z",
    "a",
    "a-b",
    "a.b",
    "a_b",
    "a0",
    "a00",
    "a1",
    "a01",
    "a001",
    "a9",
    "a10",
    "ab",
    "x1",
    "x1y2",
    "x1y10",
    "x01",
    "z",
  ];
  const shuffled = [...want].reverse();
  assertEquals(shuffled.sort(yamlKeyLess), want);
});
