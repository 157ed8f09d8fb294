// Copyright 2026 the k1s authors. Apache-2.0 license.
// The inventory example's generated files are what `deno task gen` produces, and its example
// resources validate against the CRDs.
import { assertEquals, assertStringIncludes } from "@std/assert";
import { parse, parseAllDocuments } from "yaml";
import { createRuntime, type CustomResourceDefinition, type KubeObject } from "@k1s/core";
import { checkGenerated, generate } from "@k1s/gen";
import { crds, register } from "../../examples/inventory/generated/mod.ts";
import { INVENTORY, ROOT } from "./_inventory.ts";

// The `gen` task's command line from the root deno.json, split as the task shell does.
async function genTaskArgs(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const task: string = config.tasks.gen;
  const words = [...task.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  assertEquals(words.slice(0, 2), ["deno", "run"]);
  return words.slice(1);
}

Deno.test("deno task gen --check: the inventory's generated files are up to date", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [...await genTaskArgs(), "--check"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assertEquals(out.code, 0, text);
  assertStringIncludes(text, "files up to date");
});

Deno.test("checkGenerated() finds nothing stale in examples/inventory/generated", async () => {
  const args = await genTaskArgs();
  const header = args[args.indexOf("--header") + 1];
  const output = `${INVENTORY}generated`;
  const files = await generate({ input: `${INVENTORY}api`, output, header });
  assertEquals(await checkGenerated(files, output), []);
});

Deno.test("the generated CRD manifests equal the crds of the generated module", async () => {
  const byName = new Map(crds.map((c) => [c.metadata.name, c]));
  const names: string[] = [];
  for (const plural of ["categories", "items"]) {
    const path = `${INVENTORY}generated/examples.k1s.dtomasi.github.io_${plural}.yaml`;
    const docs = parseAllDocuments(await Deno.readTextFile(path))
      .map((d) => d.toJS() as CustomResourceDefinition).filter((d) => d);
    assertEquals(docs.length, 1);
    names.push(docs[0].metadata.name!);
    assertEquals(docs[0], byName.get(docs[0].metadata.name!));
  }
  assertEquals(names.sort(), [...byName.keys()].sort());
});

Deno.test("the example resources validate strictly against the CRDs", async (t) => {
  await using rt = await createRuntime({ store: "memory:" });
  register(rt);
  const dir = `${INVENTORY}resources`;
  const files: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".yaml")) files.push(e.name);
  files.sort();
  assertEquals(files.length, 5);
  for (const f of files) {
    await t.step(f, async () => {
      const obj = parse(await Deno.readTextFile(`${dir}/${f}`)) as KubeObject;
      const created = await rt.client.create(structuredClone(obj), { fieldValidation: "Strict" });
      // Nothing was pruned or defaulted away: the stored spec is the manifest's.
      assertEquals(created.spec, obj.spec);
      assertEquals(created.status, undefined);
    });
  }
});
