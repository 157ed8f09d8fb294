// Copyright 2026 the k1s authors. Apache-2.0 license.
// `k1s get` as a subprocess on a temporary store: argument errors, files, templates,
// verbosity and watches (the table and format output is compared with kubectl in
// kubectl_parity_test.ts).
import { assert, assertEquals, assertMatch } from "@std/assert";
import { createRuntime } from "@k1s/core";
import { createSqliteStorage } from "../../storage/sqlite/mod.ts";
import { loadSqlJs } from "../../storage/sqlite/_sqljs.ts";
import { CLI_V8_FLAGS } from "../../cli/_cli/v8_flags.ts";
import { configMap, k1s, LONG_AGO, MAIN, namespace, seed, tempStore } from "./_helpers.ts";

Deno.test("k1s get reports argument errors as kubectl does", async (t) => {
  const { store, cleanup } = await tempStore();
  await seed(store, [configMap("foo", { a: "1" })]);
  const cases: [string, string[], string][] = [
    [
      "no type",
      ["get"],
      'You must specify the type of resource to get. Use "k1s api-resources" for a complete list of supported resources.\n\n' +
      'error: Required resource not specified.\nUse "k1s explain <resource>" for a detailed description of that resource (e.g. k1s explain configmaps).\n' +
      "See 'k1s get -h' for help and examples\n",
    ],
    [
      "type and TYPE/NAME",
      ["get", "cm", "cm/foo"],
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'k1s get resource/<resource_name>' instead of 'k1s get resource resource/<resource_name>'\n",
    ],
    [
      "two slashes",
      ["get", "cm/foo/bar"],
      "error: arguments in resource/name form may not have more than one slash\n",
    ],
    [
      "empty name",
      ["get", "cm/"],
      "error: arguments in resource/name form must have a single resource and name\n",
    ],
    [
      "names with several types",
      ["get", "cm,secrets", "foo"],
      "error: you must specify only one resource\n",
    ],
    [
      "name with -A",
      ["get", "cm", "foo", "-A"],
      "error: a resource cannot be retrieved by name across all namespaces\n",
    ],
    [
      "name with a selector",
      ["get", "cm", "foo", "-l", "app=x"],
      "error: name cannot be provided when a selector is specified\n",
    ],
    [
      "unknown flag",
      ["get", "cm", "--local"],
      "Error: unknown flag: --local\nSee 'k1s get --help' for usage.\n",
    ],
    [
      "flag without value",
      ["get", "cm", "-o"],
      "Error: flag needs an argument: 'o' in -o\nSee 'k1s get --help' for usage.\n",
    ],
    [
      "unknown output format",
      ["get", "cm", "-o", "bogus"],
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,custom-columns-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,wide,yaml\n',
    ],
    [
      "bad jsonpath",
      ["get", "cm", "-o", "jsonpath={.items[0"],
      "error: error parsing jsonpath {.items[0, unterminated array\n",
    ],
    [
      "unknown command",
      ["gett", "cm"],
      'Error: unknown command "gett" for "k1s"\n\nDid you mean this?\n\tget\n\n',
    ],
    [
      "missing file",
      ["get", "-f", "/nonexistent/x.yaml"],
      'error: the path "/nonexistent/x.yaml" does not exist\n',
    ],
    // kubectl sends selectors to the server unparsed and wraps the list's BadRequest
    // (cli-runtime's EnhanceListError); checked against kubectl in kubectl_parity_test.ts.
    [
      "bad selector",
      ["get", "cm", "-l", "a in (b"],
      `Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "a in (b", field selector "": unable to parse requirement: found '', expected: ',' or ')'\n`,
    ],
    [
      "unknown field selector",
      ["get", "cm", "--field-selector", "foo=bar"],
      'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "foo=bar": "foo" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
    ],
    [
      "unknown field selector, several types",
      ["get", "cm,secrets", "-l", "x", "--field-selector", "foo=bar"],
      'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "x", field selector "foo=bar": "foo" is not a known field selector: only "metadata.name", "metadata.namespace"\n' +
      'Error from server (BadRequest): Unable to find "/v1, Resource=secrets" that match label selector "x", field selector "foo=bar": field label not supported: foo\n',
    ],
  ];
  try {
    for (const [name, args, stderr] of cases) {
      await t.step(name, async () => {
        const r = await k1s(args, { store });
        assertEquals(r.code, 1);
        assertEquals(r.stdout, "");
        if (stderr) assertEquals(r.stderr, stderr);
        else assert(r.stderr.length > 0);
      });
    }
  } finally {
    await cleanup();
  }
});

Deno.test("k1s get reads objects named in files, and templates from files", async () => {
  const { dir, store, cleanup } = await tempStore();
  try {
    await seed(store, [configMap("foo", { a: "1" }), configMap("bar", { b: "2" })]);
    await Deno.writeTextFile(
      `${dir}/cms.yaml`,
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: foo\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bar\n",
    );
    await Deno.writeTextFile(
      `${dir}/one.yaml`,
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: foo\n",
    );
    await Deno.writeTextFile(`${dir}/t.jsonpath`, "{.metadata.name}={.data.a}");
    await Deno.writeTextFile(`${dir}/cols.txt`, "NAME          DATA\n.metadata.name .data\n");
    let r = await k1s(["get", "-f", `${dir}/cms.yaml`, "-o", "name"], { store });
    assertEquals(r, { code: 0, stdout: "configmap/foo\nconfigmap/bar\n", stderr: "" });
    r = await k1s(["get", "-f", `${dir}/one.yaml`, "-o", `jsonpath-file=${dir}/t.jsonpath`], {
      store,
    });
    assertEquals(r, { code: 0, stdout: "foo=1", stderr: "" });
    r = await k1s(["get", "-f", "-", "-o", "name"], {
      store,
      stdin: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bar"}}',
    });
    assertEquals(r, { code: 0, stdout: "configmap/bar\n", stderr: "" });
    r = await k1s(["get", "cm", "-o", `custom-columns-file=${dir}/cols.txt`], { store });
    assertEquals(r, {
      code: 0,
      stdout: "NAME   DATA\nbar    map[b:2]\nfoo    map[a:1]\n",
      stderr: "",
    });
    await Deno.writeTextFile(
      `${dir}/ns.yaml`,
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: foo\n  namespace: default\n",
    );
    r = await k1s(["get", "-f", `${dir}/ns.yaml`, "-n", "dev"], { store });
    assertEquals(r, {
      code: 1,
      stdout: "",
      stderr:
        `error: the namespace from the provided object "default" does not match the namespace "dev". You must pass '--namespace=default' to perform this operation.\n`,
    });
    r = await k1s(["get", "-f", `${dir}/one.yaml`, "-n", "dev"], { store });
    assertEquals(r, {
      code: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): namespaces "dev" not found\n',
    });
  } finally {
    await cleanup();
  }
});

Deno.test("k1s get -v=6 logs store operations on stderr", async () => {
  const { store, cleanup } = await tempStore();
  try {
    await seed(store, [configMap("foo")]);
    const r = await k1s(["get", "cm", "-v=6"], { store });
    assertEquals(r.code, 0);
    assertMatch(
      r.stderr,
      /^I\d{4} [\d:.]+ +\d+ k1s\.ts:0\] LIST \/registry\/configmaps\/default\/ OK in [\d.]+ ms \(1 items\)$/m,
    );
    const quiet = await k1s(["get", "cm"], { store });
    assertEquals(quiet.stderr, "");
  } finally {
    await cleanup();
  }
});

Deno.test("k1s get --chunk-size pages through the store and shows every object", async () => {
  const { store, cleanup } = await tempStore();
  try {
    await seed(store, ["a", "b", "c", "d", "e"].map((n) => configMap(n)));
    const r = await k1s(["get", "cm", "--chunk-size=2", "-o", "name"], { store });
    assertEquals(r.stdout, "configmap/a\nconfigmap/b\nconfigmap/c\nconfigmap/d\nconfigmap/e\n");
  } finally {
    await cleanup();
  }
});

async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  seen: { text: string },
  pattern: RegExp,
): Promise<void> {
  const dec = new TextDecoder();
  const deadline = Date.now() + 20_000;
  while (!pattern.test(seen.text)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${pattern} in ${JSON.stringify(seen.text)}`);
    }
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${pattern}: ${JSON.stringify(seen.text)}`);
    seen.text += dec.decode(value, { stream: true });
  }
}

Deno.test("k1s get -w streams changes made by other processes and stops on SIGINT", async (t) => {
  const { store, cleanup } = await tempStore();
  await seed(store, [configMap("foo", { a: "1" })]);
  // -v=6 logs the WATCH when it starts, so the test writes only once the watch is running.
  const watch = async (args: string[], create: string): Promise<string> => {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", ...CLI_V8_FLAGS, MAIN, ...args, "-v=6"],
      env: { K1S_STORE: store },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const out = child.stdout.getReader();
    const err = child.stderr.getReader();
    const seenOut = { text: "" };
    const seenErr = { text: "" };
    try {
      await readUntil(err, seenErr, /\] WATCH /);
      await seed(store, [configMap(create, { b: "2", c: "3" })]);
      await readUntil(out, seenOut, new RegExp(create));
    } finally {
      child.kill("SIGINT");
      out.releaseLock();
      err.releaseLock();
      await child.stdout.cancel();
      await child.stderr.cancel();
    }
    assertEquals((await child.status).code, 0);
    return seenOut.text;
  };
  try {
    await t.step("table", async () => {
      const out = await watch(["get", "cm", "-w"], "bar");
      assertEquals(out, "NAME   DATA   AGE\nfoo    1      11y\nbar    2      11y\n");
    });
    await t.step("--output-watch-events", async () => {
      const out = await watch(["get", "cm", "-w", "--output-watch-events"], "new");
      assertEquals(
        out,
        "EVENT      NAME   DATA   AGE\nADDED      bar    2      11y\nADDED      foo    1      11y\nADDED      new    2      11y\n",
      );
    });
    await t.step("--watch-only -o name", async () => {
      const out = await watch(["get", "cm", "--watch-only", "-o", "name"], "baz");
      assertEquals(out, "configmap/baz\n");
    });
    await t.step("--output-watch-events -o json", async () => {
      const out = await watch(
        ["get", "cm", "--watch-only", "--output-watch-events", "-o", "json"],
        "qux",
      );
      // A WatchEvent has no metadata to hide managed fields from: kubectl prints them.
      assertMatch(
        out,
        /^\{"type":"ADDED","object":\{"apiVersion":"v1","data":\{"b":"2","c":"3"\},"kind":"ConfigMap","metadata":\{"creationTimestamp":"2015-01-01T00:00:00Z","managedFields":\[.*\],"name":"qux",.*\}\}\}\n$/,
      );
    });
    await t.step("--output-watch-events -o jsonpath reads the event", async () => {
      const out = await watch([
        "get",
        "cm",
        "-w",
        "--output-watch-events",
        "-o",
        'jsonpath={.type} {.object.metadata.name}{"\\n"}',
      ], "zed");
      assertEquals(out, "ADDED bar\nADDED baz\nADDED foo\nADDED new\nADDED qux\nADDED zed\n");
    });
    await t.step("-o custom-columns aligns the objects listed first", async () => {
      const out = await watch(
        ["get", "cm", "-w", "-o", "custom-columns=NAME:.metadata.name,A:.data.a"],
        "last-one",
      );
      assertEquals(
        out,
        "NAME   A\nbar    <none>\nbaz    <none>\nfoo    1\nnew    <none>\nqux    <none>\nzed    <none>\nlast-one   <none>\n",
      );
    });
  } finally {
    await cleanup();
  }
});

Deno.test("k1s get prints the same tables from the snapshot's summaries as from whole objects", async (t) => {
  const { dir, store, cleanup } = await tempStore();
  try {
    // A snapshot after every write: every object has a summary.
    const storage = await createSqliteStorage({
      path: store,
      compactMinBytes: 0,
      compactScaleBytes: 0,
    });
    const rt = await createRuntime({ store: storage, now: () => LONG_AGO });
    for (const ns of ["team-a", "team-b"]) {
      await rt.client.create(namespace(ns));
      for (const name of ["one", "two"]) {
        const cm = configMap(name, { a: "1", b: "2" }, {
          namespace: ns,
          labels: { app: name, tier: "web" },
        });
        // Summaries leave annotations out: sorting by one reads whole objects.
        cm.metadata.annotations = { x: `${ns}-${name}` };
        await rt.client.create(cm);
      }
    }
    // Enough ConfigMaps in one namespace for the snapshot to keep their summaries in one list.
    await rt.client.create(namespace("big"));
    await rt.transaction(async (c) => {
      for (let i = 0; i < 70; i++) {
        await c.create(configMap(`cm-${String(i).padStart(2, "0")}`, { a: "1", b: "2" }, {
          namespace: "big",
          labels: { app: `x${i % 10}` },
        }));
      }
    });
    await rt.client.create({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", namespace: "team-a" },
      type: "Opaque",
      data: { k: "dg==" },
    });
    await rt.client.create({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "rb", namespace: "team-a" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "User", name: "jane" }, { kind: "Group", name: "devs" }],
    });
    await rt.close();
    // The same store with its summaries written under another version: read whole.
    const whole = `${dir}/whole`;
    await Deno.mkdir(whole);
    for (const f of ["k1s.db", "k1s.db.k1s-journal", "k1s.db.k1s-lock"]) {
      await Deno.copyFile(`${dir}/${f}`, `${whole}/${f}`);
    }
    await editSnapshot(
      `${whole}/k1s.db`,
      "UPDATE k1s_meta SET value = 'other' WHERE name = 'summary_version'",
    );
    const commands = [
      ["get", "cm", "-A"],
      ["get", "cm", "-n", "team-a", "-o", "wide", "--show-labels", "-L", "app"],
      ["get", "cm,secrets,rolebindings", "-n", "team-a", "-o", "wide"],
      ["get", "cm", "-A", "-l", "app=two", "--show-kind", "--no-headers"],
      ["get", "cm", "-A", "--chunk-size=1"],
      ["get", "namespaces,clusterroles"],
      ["get", "cm", "-A", "-o", "name"],
      ["get", "cm", "-A", "--sort-by=.metadata.name", "--show-labels"],
      ["get", "cm", "-A", "--sort-by", "{.metadata.labels.app}", "-o", "name"],
      ["get", "cm", "-A", "--sort-by=.metadata.annotations.x"],
      ["get", "cm", "-n", "big"],
      ["get", "cm", "-n", "big", "-o", "wide", "--show-labels", "--sort-by=.metadata.name"],
      ["get", "cm", "-n", "big", "-l", "app in (x3,x7)", "-o", "name"],
      ["get", "cm", "-n", "big", "cm-05", "cm-64"],
    ];
    for (const args of commands) {
      await t.step(args.join(" "), async () => {
        const a = await k1s(args, { store });
        const b = await k1s(args, { store: `${whole}/k1s.db` });
        assertEquals(a, b);
        assertEquals(a.code, 0);
      });
    }
    await t.step("the tables come from the summaries", async () => {
      await editSnapshot(
        store,
        `UPDATE objects SET summary = replace(summary, '"c":[2,', '"c":[7,')`,
      );
      const { stdout } = await k1s(["get", "cm", "-n", "team-b"], { store });
      assertEquals(stdout, "NAME   DATA   AGE\none    7      11y\ntwo    7      11y\n");
      // Sorted by metadata, the table still comes from them; by other fields, not.
      const sorted = await k1s(["get", "cm", "-n", "team-b", "--sort-by=.metadata.name"], {
        store,
      });
      assertEquals(sorted.stdout, stdout);
      const other = await k1s(["get", "cm", "-n", "team-b", "--sort-by=.data.a"], { store });
      assertEquals(other.stdout, "NAME   DATA   AGE\none    2      11y\ntwo    2      11y\n");
      // A large namespace's table comes from its summary list.
      await editSnapshot(
        store,
        `UPDATE summary_lists SET body = replace(body, '"c":[2,', '"c":[9,')`,
      );
      const big = await k1s(["get", "cm", "-n", "big", "-l", "app=x1"], { store });
      assertEquals(
        big.stdout,
        "NAME    DATA   AGE\ncm-01   9      11y\ncm-11   9      11y\n" +
          "cm-21   9      11y\ncm-31   9      11y\ncm-41   9      11y\ncm-51   9      11y\n" +
          "cm-61   9      11y\n",
      );
    });
  } finally {
    await cleanup();
  }
});

async function editSnapshot(path: string, statement: string): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(await Deno.readFile(path));
  try {
    db.exec(statement);
    await Deno.writeFile(path, db.export());
  } finally {
    db.close();
  }
}
