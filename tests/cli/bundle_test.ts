// Copyright 2026 the k1s authors. Apache-2.0 license.
// The CLI bundled with `deno bundle` (one file, and code-split chunks) runs get and create on a
// new store (sql.js finds its WASM beside the bundle), and the compile task explains what it
// needs when no Deno runtime is available.
import { assertEquals } from "@std/assert";
import { bundleCli } from "../../cli/bundle.ts";
import { NO_DENORT_MESSAGE } from "../../cli/compile.ts";
import { permissionFlags } from "../../cli/_cli/permissions.ts";
import { version } from "../../cli/version.ts";
import { k1s, ROOT, tempStore } from "./_helpers.ts";

for (const single of [true, false]) {
  Deno.test(`the ${single ? "single-file" : "code-split"} bundle creates a store and reads it back`, async () => {
    const { dir, store, cleanup } = await tempStore();
    try {
      const entry = await bundleCli(`${dir}/bundle`, { single });
      const env = { K1S_STORE: store };
      const create = await k1s(["create", "configmap", "app", "--from-literal=greeting=hello"], {
        script: entry,
        env,
        cwd: dir,
      });
      assertEquals(create, { code: 0, stdout: "configmap/app created\n", stderr: "" });
      const get = await k1s(["get", "cm", "app", "-o", "jsonpath={.data.greeting}"], {
        script: entry,
        env,
        cwd: dir,
      });
      assertEquals(get, { code: 0, stdout: "hello", stderr: "" });
      // With the launcher's permissions plus the bundle's directory (for the WASM file).
      const { flags } = permissionFlags({
        args: ["get", "cm", "-o", "name"],
        env: (k) => (env as Record<string, string>)[k],
        cwd: dir,
        extraRead: [`${dir}/bundle`],
      });
      const narrow = await k1s(["get", "cm", "-o", "name"], {
        script: entry,
        env,
        cwd: dir,
        denoFlags: flags,
      });
      assertEquals(narrow, {
        code: 0,
        stdout: "configmap/app\n",
        stderr: "",
      });
      // A write past the journal's 64 KiB compaction threshold folds it into a new snapshot
      // (sql.js, from the bundle) before the command exits.
      const big = "x".repeat(70_000);
      const folded = await k1s(["create", "configmap", "big", `--from-literal=k=${big}`], {
        script: entry,
        env,
        cwd: dir,
      });
      assertEquals(folded, { code: 0, stdout: "configmap/big created\n", stderr: "" });
      assertEquals((await Deno.stat(`${store}.k1s-journal`)).size < 4096, true);
      const back = await k1s(["get", "cm", "big", "-o", "jsonpath={.data.k}"], {
        script: entry,
        env,
        cwd: dir,
      });
      assertEquals(back, { code: 0, stdout: big, stderr: "" });
      // The bundle carries the browser builds of yaml and sql.js, which load without Deno's
      // Node compatibility layer: no chunk requires a Node module or looks at `process`.
      const bundled = single ? [entry] : [...Deno.readDirSync(`${dir}/bundle`)]
        .filter((f) => f.name.endsWith(".js")).map((f) => `${dir}/bundle/${f.name}`);
      for (const file of bundled) {
        const text = Deno.readTextFileSync(file);
        assertEquals(/__require\("node:|globalThis\.process\b/.test(text), false, file);
        // Minified whitespace: no comments (the bundler marks each source file with one).
        assertEquals(/^\/\/ (cli|core|storage)\//m.test(text), false, file);
      }
      // YAML manifests read as the sources read them.
      await Deno.writeTextFile(
        `${dir}/m.yaml`,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  k: v\n---\n" +
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n data: x\n",
      );
      const applied = await k1s(["apply", "-f", "m.yaml"], { script: entry, env, cwd: dir });
      assertEquals(applied, await k1s(["apply", "-f", "m.yaml"], { env, cwd: dir }));
      // A malformed document stops the file before anything is applied, with its line in
      // that document (as kubectl counts).
      assertEquals(applied, {
        code: 1,
        stdout: "",
        stderr: "error: error parsing m.yaml: error converting YAML to JSON: yaml: line 4: " +
          "did not find expected key\n",
      });
    } finally {
      await cleanup();
    }
  });
}

Deno.test("a tool built with createCli bundles its own entry module, and it creates a store", async () => {
  const { dir, store, cleanup } = await tempStore();
  try {
    const entry = await bundleCli(`${dir}/bundle`, {
      entry: new URL("./testdata/inventory_cli.ts", import.meta.url),
      name: "inventory",
    });
    assertEquals(entry, `${dir}/bundle/inventory_cli.js`);
    await Deno.writeTextFile(
      `${dir}/tools.yaml`,
      "apiVersion: examples.k1s.dtomasi.github.io/v1alpha1\nkind: Category\nmetadata:\n" +
        "  name: tools\nspec:\n  name: Tools\n",
    );
    // A new store: sql.js loads from the bundle's browser build and its WASM file.
    const env = { INVENTORY_STORE: store };
    const applied = await k1s(["apply", "-f", "tools.yaml"], { script: entry, env, cwd: dir });
    assertEquals(applied, {
      code: 0,
      stdout: "category.examples.k1s.dtomasi.github.io/tools created\n",
      stderr: "",
    });
    const got = await k1s(["get", "cat", "tools", "-o", "jsonpath={.spec.name}"], {
      script: entry,
      env,
      cwd: dir,
    });
    assertEquals(got, { code: 0, stdout: "Tools", stderr: "" });
  } finally {
    await cleanup();
  }
});

Deno.test("a table and action lines from the code-split bundle read none of the other printers' chunks", async () => {
  const { dir, store, cleanup } = await tempStore();
  // Outside the store's directory, which the command may read whole.
  const bundle = await Deno.makeTempDir({ prefix: "k1s_bundle_test_" });
  try {
    const entry = await bundleCli(bundle);
    const env = { K1S_STORE: store };
    const created = await k1s(["create", "configmap", "app", "--from-literal=a=b"], {
      script: entry,
      env,
      cwd: dir,
    });
    assertEquals(created.code, 0, created.stderr);
    // Read access to every file of the bundle but the chunks of the YAML and JSONPath code.
    const files = [...Deno.readDirSync(bundle)].map((f) => `${bundle}/${f.name}`);
    const holding = (code: RegExp) => files.filter((f) => code.test(Deno.readTextFileSync(f)));
    const yamlChunks = holding(/\bfunction toGoYaml\(/);
    const jsonPathChunks = holding(/\bJSONPath ?= ?class\b/);
    assertEquals([yamlChunks.length > 0, jsonPathChunks.length > 0], [true, true]);
    const printers = [...yamlChunks, ...jsonPathChunks];
    const run = (args: string[]) =>
      k1s(args, {
        script: entry,
        env,
        cwd: dir,
        denoFlags: permissionFlags({
          args,
          env: (k) => (env as Record<string, string>)[k],
          cwd: dir,
          extraRead: files.filter((f) => !printers.includes(f)),
        }).flags,
      });
    const table = await run(["get", "configmaps"]);
    assertEquals([table.code, table.stderr], [0, ""]);
    assertEquals(table.stdout.split("\n")[1].split(/ +/).slice(0, 2), ["app", "1"]);
    // Write commands without -o print their action lines without them too, and `version` its
    // lines.
    for (
      const [args, line] of [
        [["create", "configmap", "two", "--from-literal=a=b"], "configmap/two created\n"],
        [["label", "configmaps", "app", "tier=web"], "configmap/app labeled\n"],
        [["delete", "configmap", "two"], 'configmap "two" deleted\n'],
        [["version"], `Client Version: v${version}\nServer Version: v${version}\n`],
      ] as const
    ) {
      const out = await run([...args]);
      assertEquals([out.code, out.stdout, out.stderr], [0, line, ""], args.join(" "));
    }
    // `events` prints its table (here, that there is none) without them.
    const events = await run(["events"]);
    assertEquals(
      [events.code, events.stdout, events.stderr],
      [0, "", "No events found in default namespace.\n"],
    );
    // The same permissions fail a command that prints YAML: the check can fail.
    const yaml = await run(["get", "configmaps", "-o", "yaml"]);
    assertEquals(yaml.code, 1);
    assertEquals(yaml.stderr.includes("needs read access"), true, yaml.stderr);
    const labeledYaml = await run([
      "label",
      "configmaps",
      "app",
      "tier=db",
      "--overwrite",
      "-o",
      "yaml",
    ]);
    assertEquals(labeledYaml.code, 1);
    assertEquals(labeledYaml.stderr.includes("needs read access"), true, labeledYaml.stderr);
  } finally {
    await cleanup();
    await Deno.remove(bundle, { recursive: true });
  }
});

Deno.test("deno task compile fails with an explanation when DENORT_BIN is not set", async () => {
  const run = async (env: Record<string, string>) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", `${ROOT}cli/compile.ts`, "--output", "/tmp/never-written-k1s"],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
  };
  assertEquals(await run({ HOME: "/tmp" }), { code: 1, stderr: `error: ${NO_DENORT_MESSAGE}\n` });
  assertEquals(await run({ HOME: "/tmp", DENORT_BIN: "/nonexistent/denort" }), {
    code: 1,
    stderr:
      'error: Cannot compile the CLI: DENORT_BIN is "/nonexistent/denort", which does not exist.\n',
  });
});
