// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { loadManifests, ManifestError } from "./load_manifests.ts";
import { decodeJsonStream } from "./json_stream.ts";

// testdata/files.json holds the input files by path (kept as JSON strings so formatters leave
// the deliberately broken ones alone); tests write them to a temporary directory.
const files: Record<string, string> = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/files.json", import.meta.url)),
);

interface Golden {
  file: string;
  validate?: boolean;
  recursive?: boolean;
  stdout: string;
  stderr: string;
  rc: number;
}
// testdata/manifests.kubectl.json: `kubectl create -f <file> --dry-run=client -o json
// [--validate=false]` and `-R -o name`, run over those files against a discovery-only server.
const golden: Golden[] = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/manifests.kubectl.json", import.meta.url)),
);

async function inFixtures<T>(fn: () => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "k1s_manifests_" });
  const cwd = Deno.cwd();
  try {
    for (const [path, content] of Object.entries(files)) {
      const full = `${dir}/${path}`;
      await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(full, content);
    }
    Deno.chdir(dir);
    return await fn();
  } finally {
    Deno.chdir(cwd);
    await Deno.remove(dir, { recursive: true });
  }
}

async function load(file: string, opts: { validate: boolean; recursive?: boolean }) {
  try {
    return { objects: await loadManifests([file], opts), error: "" };
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return { objects: [], error: e.render() };
  }
}

Deno.test("loadManifests() reads and rejects files as kubectl does", async (t) => {
  await inFixtures(async () => {
    for (const g of golden) {
      // Validation needs the server's OpenAPI, which the recording server did not publish.
      if (
        g.stderr.includes("failed to download openapi") ||
        g.stderr.includes("error validating data: the server")
      ) continue;
      const name = `${g.file} (${g.recursive ? "-R" : g.validate ? "validate" : "no validate"})`;
      await t.step(name, async () => {
        const got = await load(g.file, { validate: g.validate ?? false, recursive: g.recursive });
        if (g.stderr === "error: no objects passed to create\n") {
          assertEquals(got, { objects: [], error: "" });
          return;
        }
        if (g.stderr) {
          assertEquals(got.error, g.stderr);
          return;
        }
        if (g.recursive) {
          assertEquals(
            got.objects.map((o) => `configmap/${o.object.metadata!.name}\n`).join(""),
            g.stdout,
          );
          return;
        }
        // `create` puts objects in the default namespace; the loader leaves that to commands.
        const objects = got.objects.map((o) => ({
          ...o.object,
          metadata: { ...o.object.metadata, namespace: "default" },
        }));
        assertEquals(objects, decodeJsonStream(g.stdout).map((v) => v.value));
      });
    }
  });
});

Deno.test("loadManifests() records sources", async () => {
  const objs = await inFixtures(() => loadManifests(["multi.yaml", "dir"], { recursive: true }));
  assertEquals(objs.map((o) => [o.object.metadata!.name, o.source]), [
    ["d1", { name: "multi.yaml", document: 0, line: 2 }],
    ["d2", { name: "multi.yaml", document: 2, line: 9 }],
    ["d1", { name: "dir/a.yaml", document: 0, line: 2 }],
    ["d2", { name: "dir/a.yaml", document: 2, line: 9 }],
    ["j1", { name: "dir/b.json", document: 0, line: 1 }],
    ["j2", { name: "dir/b.json", document: 1, line: 2 }],
    ["s1", { name: "dir/sub/c.yml", document: 0, line: 1 }],
  ]);
});

Deno.test("loadManifests() reads stdin for -", async () => {
  const objs = await loadManifests(["-"], {
    readStdin: () => Promise.resolve("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n"),
  });
  assertEquals(objs.map((o) => o.source.name), ["STDIN"]);
  await assertRejects(
    () => loadManifests(["-"], { readStdin: () => Promise.resolve("a: b: c\n") }),
    ManifestError,
    "error parsing STDIN: error converting YAML to JSON: yaml: mapping values are not allowed in this context",
  );
});

Deno.test("loadManifests() uses an injected file system", async () => {
  const fs = {
    readTextFile: (p: string) =>
      Promise.resolve(
        p === "d/x.yaml" ? "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n" : "",
      ),
    stat: (p: string) => Promise.resolve(p === "d" ? { isDirectory: true } : undefined),
    readDir: () =>
      Promise.resolve([{ name: "x.yaml", isDirectory: false }, {
        name: "y.md",
        isDirectory: false,
      }]),
  };
  const objs = await loadManifests(["d"], { fs });
  assertEquals(objs.map((o) => [o.object.kind, o.source.name]), [["Namespace", "d/x.yaml"]]);
  await assertRejects(
    () => loadManifests(["nope"], { fs }),
    ManifestError,
    'the path "nope" does not exist',
  );
});

Deno.test("loadManifests() goes past unreadable files when told of their errors", async () => {
  const texts: Record<string, string> = {
    "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
    "bad.yaml": "a: [\n",
    "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n",
  };
  const fs = {
    readTextFile: (p: string) => Promise.resolve(texts[p]),
    stat: (p: string) => Promise.resolve(p in texts ? { isDirectory: false } : undefined),
    readDir: () => Promise.resolve([]),
  };
  const files = ["a.yaml", "bad.yaml", "b.yaml"];
  await assertRejects(() => loadManifests(files, { fs }), ManifestError, "error parsing bad.yaml");
  const errors: string[] = [];
  const objs = await loadManifests(files, { fs, onError: (e) => errors.push(e.message) });
  assertEquals(objs.map((o) => o.object.metadata?.name), ["a", "b"]);
  assertEquals(errors, [
    "error parsing bad.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content",
  ]);
  await assertRejects(
    () => loadManifests(["nope"], { fs, onError: () => {} }),
    ManifestError,
    'the path "nope" does not exist',
  );
  // Within a file: an undecodable document is skipped, a syntax error ends the file.
  texts["mixed.yaml"] = `${texts["a.yaml"]}---\nmetadata: {name: x}\n---\na: [\n---\n${
    texts["b.yaml"]
  }`;
  errors.length = 0;
  const some = await loadManifests(["mixed.yaml"], {
    fs,
    validate: false,
    onError: (e) => errors.push(e.message),
  });
  assertEquals(some.map((o) => o.object.metadata?.name), ["a"]);
  assertEquals(errors, [
    `unable to decode "mixed.yaml": Object 'Kind' is missing in '{"metadata":{"name":"x"}}'`,
    "error parsing mixed.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content",
  ]);
});
