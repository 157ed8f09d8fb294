// Copyright 2026 the k1s authors. Apache-2.0 license.
// Summaries in the snapshot: written at compaction by the runtime's summarizer, read by lists
// made for a table, ignored when stale, added to stores written before them.
import { assert, assertEquals } from "@std/assert";
import type { KubeObject } from "../../core/object/types.ts";
import type { Summarizer } from "../../core/storage/types.ts";
import { createSummarizer, tableCells } from "../../core/storage/summary.ts";
import { builtinResourceTypes } from "../../core/builtins/mod.ts";
import { createSqliteStorage } from "./mod.ts";
import { loadSqlJs } from "./_sqljs.ts";

const TS = "2026-11-26T10:00:00Z";
const PREFIX = "/registry/configmaps/default/";

function cm(name: string, data: Record<string, string>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name,
      namespace: "default",
      labels: { app: "web" },
      annotations: { note: "x".repeat(100) },
      creationTimestamp: TS,
      managedFields: [
        {
          manager: "k1s",
          operation: "Update",
          apiVersion: "v1",
          fieldsType: "FieldsV1",
          fieldsV1: {},
        },
      ],
    },
    data,
  };
}

const builtins = () => createSummarizer(builtinResourceTypes());

/** The same summaries under another version, with a marker in the first cell. */
function otherVersion(version: string): Summarizer {
  const base = builtins();
  return {
    version,
    summarize: (json) => {
      const s = base.summarize(json);
      return s && s.replace(/"c":\[[^,\]]*/, `"c":["${version}"`);
    },
  };
}

async function withStore(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-summaries-" });
  try {
    await fn(`${dir}/k1s.db`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Opens the store with a snapshot after every write, and a summarizer when given. */
async function open(path: string, summarizer?: Summarizer, compact = true) {
  const s = await createSqliteStorage({
    path,
    compactMinBytes: compact ? 0 : 1e9,
    compactScaleBytes: 0,
  });
  if (summarizer) s.setSummarizer!(summarizer);
  return s;
}

async function sql(path: string, statements: string): Promise<unknown[][]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(Deno.readFileSync(path));
  try {
    const rows: unknown[][] = [];
    for (const stmt of statements.split(";").map((s) => s.trim()).filter(Boolean)) {
      const q = db.prepare(stmt);
      while (q.step()) rows.push(q.get());
      q.free();
    }
    Deno.writeFileSync(path, db.export());
    return rows;
  } finally {
    db.close();
  }
}

Deno.test("a list for a table reads the snapshot's summaries, and whole objects written since", () =>
  withStore(async (path) => {
    const w = await open(path, builtins());
    await w.create(PREFIX + "a", cm("a", { k: "1", l: "2" }));
    await w.close();
    const r = await open(path, builtins(), false);
    await r.create(PREFIX + "b", cm("b", { k: "1" }));
    const { items } = await r.list({ prefix: PREFIX, summaries: true });
    assertEquals(items.map((o) => o.metadata.name), ["a", "b"]);
    const [a, b] = items;
    // The summary: the object without its contents, managedFields and annotations.
    assertEquals(a, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "a",
        namespace: "default",
        labels: { app: "web" },
        creationTimestamp: TS,
        resourceVersion: "1",
      },
    });
    assertEquals(tableCells(a), [2, TS]);
    // Written since the snapshot: in the journal, read whole.
    assertEquals(b.data, { k: "1" });
    assertEquals(tableCells(b), undefined);
    // A list not made for a table reads whole objects.
    const whole = await r.list({ prefix: PREFIX });
    assertEquals(whole.items[0].data, { k: "1", l: "2" });
    assertEquals(tableCells(whole.items[0]), undefined);
    // A filter sees the summary.
    const seen: KubeObject[] = [];
    await r.list({ prefix: PREFIX, summaries: true, filter: (o) => !!seen.push(o) });
    assertEquals(seen[0], a);
    await r.close();
  }));

Deno.test("a changed or deleted object is not listed from its old summary", () =>
  withStore(async (path) => {
    const w = await open(path, builtins());
    await w.create(PREFIX + "a", cm("a", { k: "1" }));
    await w.create(PREFIX + "b", cm("b", { k: "1" }));
    await w.close();
    const r = await open(path, builtins(), false);
    await r.update(PREFIX + "a", cm("a", { k: "1", l: "2" }), { expectedRevision: 1 });
    await r.delete(PREFIX + "b");
    const { items } = await r.list({ prefix: PREFIX, summaries: true });
    assertEquals(items.map((o) => [o.metadata.name, o.data]), [["a", { k: "1", l: "2" }]]);
    await r.close();
  }));

Deno.test("summaries of another summarizer version are not used, and are rewritten at the next snapshot", () =>
  withStore(async (path) => {
    const w = await open(path, builtins());
    await w.create(PREFIX + "a", cm("a", { k: "1" }));
    await w.close();
    // Another version, or no summarizer: whole objects.
    for (const s of [otherVersion("v2"), undefined]) {
      const r = await open(path, s, false);
      const { items } = await r.list({ prefix: PREFIX, summaries: true });
      assertEquals(items[0].data, { k: "1" });
      await r.close();
    }
    // A snapshot written by another version rewrites every summary, changed or not.
    const v2 = await open(path, otherVersion("v2"));
    await v2.create("/registry/other/x", cm("x", {}));
    await v2.close();
    const r = await open(path, otherVersion("v2"), false);
    const { items } = await r.list({ prefix: PREFIX, summaries: true });
    assertEquals(tableCells(items[0]), ["v2", TS]);
    await r.close();
    assertEquals(await sql(path, "SELECT value FROM k1s_meta WHERE name = 'summary_version'"), [
      ["v2"],
    ]);
  }));

Deno.test("a snapshot written without a summarizer keeps the summaries of the objects it did not change", () =>
  withStore(async (path) => {
    const w = await open(path, builtins());
    await w.create(PREFIX + "a", cm("a", { k: "1" }));
    await w.create(PREFIX + "b", cm("b", { k: "1" }));
    await w.close();
    const plain = await open(path);
    await plain.update(PREFIX + "b", cm("b", { k: "1", l: "2" }), { expectedRevision: 2 });
    await plain.close();
    const rows = await sql(path, "SELECT key, summary IS NOT NULL FROM objects ORDER BY key");
    assertEquals(rows, [[PREFIX + "a", 1], [PREFIX + "b", 0]]);
    const r = await open(path, builtins(), false);
    const { items } = await r.list({ prefix: PREFIX, summaries: true });
    assertEquals(items.map((o) => [tableCells(o), o.data]), [
      [[1, TS], undefined],
      [undefined, { k: "1", l: "2" }],
    ]);
    await r.close();
  }));

Deno.test("a store written before summaries gets them at its next snapshot", () =>
  withStore(async (path) => {
    const w = await open(path);
    await w.create(PREFIX + "a", cm("a", { k: "1" }));
    await w.close();
    // The objects table as k1s wrote it before summaries.
    await sql(path, "ALTER TABLE objects DROP COLUMN summary");
    const before = await open(path, builtins(), false);
    const { items } = await before.list({ prefix: PREFIX, summaries: true });
    assertEquals(items[0].data, { k: "1" });
    await before.close();
    const next = await open(path, builtins());
    await next.create("/registry/other/x", cm("x", {}));
    await next.close();
    const r = await open(path, builtins(), false);
    const after = await r.list({ prefix: PREFIX, summaries: true });
    assertEquals(tableCells(after.items[0]), [1, TS]);
    assert(after.items[0].data === undefined);
    await r.close();
  }));

Deno.test("a summary that cannot be read stands for nothing: the object is read whole", () =>
  withStore(async (path) => {
    const w = await open(path, builtins());
    await w.create(PREFIX + "a", cm("a", { k: "1" }));
    await w.create(PREFIX + "b", cm("b", { k: "2" }));
    await w.close();
    await sql(
      path,
      `UPDATE objects SET summary = CASE key WHEN '${PREFIX}a' THEN '{"o":' ELSE '[]' END`,
    );
    const r = await open(path, builtins(), false);
    const { items } = await r.list({ prefix: PREFIX, summaries: true });
    assertEquals(items.map((o) => [o.data, tableCells(o)]), [
      [{ k: "1" }, undefined],
      [{ k: "2" }, undefined],
    ]);
    await r.close();
  }));

/** Writes `n` ConfigMaps `c-000`... under `prefix` in one transaction. */
async function fill(path: string, prefix: string, n: number, summarizer = builtins()) {
  const w = await open(path, summarizer);
  await w.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const name = `c-${String(i).padStart(3, "0")}`;
      await tx.create(prefix + name, cm(name, { k: String(i) }));
    }
  });
  await w.close();
}

const names = (items: KubeObject[]) => items.map((o) => o.metadata.name);

Deno.test("a large group is listed from its summary list, merged with what was written since", () =>
  withStore(async (path) => {
    await fill(path, PREFIX, 70);
    const small = "/registry/configmaps/small/";
    const w = await open(path, builtins());
    await w.create(small + "s", cm("s", {}));
    await w.close();
    const [[generation]] = await sql(
      path,
      "SELECT value FROM k1s_meta WHERE name = 'generation'",
    );
    assertEquals(await sql(path, "SELECT parent FROM summary_lists"), [[PREFIX]]);
    assertEquals(
      await sql(path, "SELECT value FROM k1s_meta WHERE name = 'summary_lists_generation'"),
      [[generation]],
    );
    const r = await open(path, builtins(), false);
    await r.create(PREFIX + "a", cm("a", {}));
    await r.create(PREFIX + "c-005a", cm("c-005a", {}));
    await r.update(PREFIX + "c-010", cm("c-010", { k: "changed" }), { expectedRevision: 11 });
    await r.delete(PREFIX + "c-020");
    await r.create(PREFIX + "zzz", cm("zzz", {}));
    const whole = await r.list({ prefix: PREFIX });
    const listed = await r.list({ prefix: PREFIX, summaries: true });
    assertEquals(names(listed.items), names(whole.items));
    assertEquals(listed.items.length, 72);
    const byName = new Map(listed.items.map((o) => [o.metadata.name, o]));
    assertEquals(tableCells(byName.get("c-000")!), [1, TS]);
    assertEquals(byName.get("c-000")!.metadata.resourceVersion, "1");
    assertEquals(byName.get("c-010")!.data, { k: "changed" });
    assertEquals(byName.get("zzz")!.data, {});
    // A filter sees each object once.
    const seen: string[] = [];
    const filtered = await r.list({
      prefix: PREFIX,
      summaries: true,
      filter: (o) => !!seen.push(o.metadata.name!) && o.metadata.name!.endsWith("5"),
    });
    assertEquals(seen, names(whole.items));
    assertEquals(names(filtered.items), names(whole.items).filter((n) => n!.endsWith("5")));
    // A transaction's own writes are listed over it.
    await r.transaction(async (tx) => {
      await tx.create(PREFIX + "c-001b", cm("c-001b", {}));
      await tx.delete(PREFIX + "c-002");
      const inTx = await tx.list({ prefix: PREFIX, summaries: true });
      assertEquals(names(inTx.items).slice(0, 5), ["a", "c-000", "c-001", "c-001b", "c-003"]);
    });
    // Small groups are walked in the index.
    assertEquals(names((await r.list({ prefix: small, summaries: true })).items), ["s"]);
    await r.close();
  }));

Deno.test("a summary list is used only for the generation it was written for, and only whole", () =>
  withStore(async (path) => {
    await fill(path, PREFIX, 70);
    const list = async () => {
      const r = await open(path, builtins(), false);
      const { items } = await r.list({ prefix: PREFIX, summaries: true });
      await r.close();
      return names(items);
    };
    // The list is what is read: a name changed in it shows.
    await sql(
      path,
      `UPDATE summary_lists SET body = replace(body, '"name":"c-001"', '"name":"x"')`,
    );
    assertEquals((await list()).slice(0, 3), ["c-000", "x", "c-002"]);
    // Written for another generation (by a k1s that did not know the table): not used.
    await sql(
      path,
      "UPDATE k1s_meta SET value = value - 1 WHERE name = 'summary_lists_generation'",
    );
    assertEquals((await list()).slice(0, 3), ["c-000", "c-001", "c-002"]);
    await sql(
      path,
      "UPDATE k1s_meta SET value = value + 1 WHERE name = 'summary_lists_generation'",
    );
    // Damaged: not used at all.
    for (
      const body of [
        "[",
        "[]",
        "{}",
        `{"n":["c-000"],"r":[1],"s":[{"o":1,"c":[]}]}`,
        `{"n":["c-000"],"r":["1"],"s":[{"o":{},"c":[]}]}`,
        `{"n":["c-000","c-001"],"r":[1],"s":[{"o":{},"c":[]}]}`,
      ]
    ) {
      await sql(path, `UPDATE summary_lists SET body = '${body}'`);
      const got = await list();
      assertEquals([got.length, got[1]], [70, "c-001"], body);
    }
  }));

Deno.test("summary lists: not for a prefix with deeper keys, dropped by a snapshot without a summarizer", () =>
  withStore(async (path) => {
    await fill(path, "/registry/things/", 70);
    const w = await open(path, builtins());
    await w.create("/registry/things/deeper/x", cm("x", {}));
    await w.close();
    assertEquals(await sql(path, "SELECT parent FROM summary_lists"), []);
    const r = await open(path, builtins(), false);
    const { items } = await r.list({ prefix: "/registry/things/", summaries: true });
    assertEquals(items.length, 71);
    await r.close();
    await fill(path, PREFIX, 70);
    assertEquals(await sql(path, "SELECT parent FROM summary_lists"), [[PREFIX]]);
    const plain = await open(path);
    await plain.create("/registry/other/y", cm("y", {}));
    await plain.close();
    assertEquals(
      await sql(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'summary_lists'"),
      [[0]],
    );
  }));
