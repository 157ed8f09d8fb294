// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { StorageError } from "../../core/storage/storage_error.ts";
import { columnNumber, columnText, SqliteReader } from "./_sqlite_reader.ts";
import { loadSqlJs } from "./_sqljs.ts";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes `bytes` to a temporary file and opens a reader on it. */
async function reader(bytes: Uint8Array): Promise<{ db: SqliteReader; done: () => void }> {
  const path = await Deno.makeTempFile({ prefix: "k1s-reader-" });
  await Deno.writeFile(path, bytes);
  const file = await Deno.open(path);
  const db = new SqliteReader(file, path, bytes.length, 64);
  return {
    db,
    done: () => {
      db.close();
      Deno.removeSync(path);
    },
  };
}

function roots(db: SqliteReader): Map<string, number> {
  const out = new Map<string, number>();
  for (const [, payload] of db.tableScan(1)) {
    const c = db.columns(payload);
    out.set(columnText(payload, c[1])!, columnNumber(payload, c[3])!);
  }
  return out;
}

Deno.test("SqliteReader reads what SQLite wrote, at every page size", async (t) => {
  const SQL = await loadSqlJs();
  for (const pageSize of [512, 1024, 4096, 65536]) {
    await t.step(`page size ${pageSize}`, async () => {
      const rand = mulberry32(pageSize);
      const chars = ["a", "z", "/", "-", "\u00e9", "\u4e2d", "\uffff", "\u{1f600}"];
      const word = (n: number) =>
        Array.from({ length: n }, () => chars[Math.floor(rand() * chars.length)]).join("");
      const db = new SQL.Database();
      db.exec(`PRAGMA page_size = ${pageSize};
        CREATE TABLE objects (key TEXT PRIMARY KEY, rev INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE revs (rev INTEGER PRIMARY KEY, key TEXT, value TEXT);`);
      const keys = new Set<string>();
      while (keys.size < 300) keys.add("/k/" + word(1 + Math.floor(rand() ** 4 * 1500)));
      const insObj = db.prepare("INSERT INTO objects VALUES (?, ?)");
      const insRev = db.prepare("INSERT INTO revs VALUES (?, ?, ?)");
      const values = new Map<number, string>();
      const keyOf = new Map<number, string>();
      let rev = 1;
      for (const k of keys) {
        rev += 1 + Math.floor(rand() * 3);
        const v = word(20).repeat(Math.floor(rand() ** 6 * 5_000));
        values.set(rev, v);
        keyOf.set(rev, k);
        insObj.run([k, rev]);
        insRev.run([rev, k, v]);
      }
      insObj.free();
      insRev.free();
      // Rewrite a third of the values: new overflow pages come from the free list, so their
      // chains are not all in consecutive pages.
      const del = db.prepare("DELETE FROM revs WHERE rev = ?");
      const ins = db.prepare("INSERT INTO revs VALUES (?, ?, ?)");
      const rewritten = [...values.keys()].filter((_, i) => i % 3 === 0);
      for (const id of rewritten) del.run([id]);
      for (const id of rewritten.reverse()) {
        const v = word(30).repeat(Math.floor(rand() ** 4 * 4_000));
        values.set(id, v);
        ins.run([id, keyOf.get(id)!, v]);
      }
      del.free();
      ins.free();
      const { db: r, done } = await reader(db.export());
      try {
        const rt = roots(r);
        const objects = rt.get("objects")!;
        const revs = rt.get("revs")!;
        // Point lookups, present and absent.
        for (const k of keys) {
          const e = r.indexGet(objects, encoder.encode(k))!;
          const ki = r.keyInt(e);
          assertEquals(decoder.decode(e.subarray(ki.start, ki.start + ki.length)), k);
          const row = r.tableGet(revs, ki.int)!;
          const c = r.columns(row);
          assertEquals(columnText(row, c[1]), k);
          assertEquals(columnText(row, c[2]), values.get(ki.int));
        }
        for (let i = 0; i < 50; i++) {
          assertEquals(r.indexGet(objects, encoder.encode("/k/" + word(3) + "!")), undefined);
        }
        assertEquals(r.tableGet(revs, 0), undefined);
        assertEquals(r.tableGet(revs, rev + 1), undefined);
        // Scan lookups (through the reused read-ahead window) in order and shuffled, mixed
        // with cached lookups, each used before the next.
        const ordered = [...values.keys()];
        const shuffled = [...ordered].sort(() => rand() - 0.5);
        for (const order of [ordered, shuffled]) {
          for (const id of order) {
            const row = r.tableGet(revs, id, true)!;
            assertEquals(columnText(row, r.column(row, 2)), values.get(id), `rev ${id}`);
            if (rand() < 0.2) {
              const other = ordered[Math.floor(rand() * ordered.length)];
              const o = r.tableGet(revs, other)!;
              assertEquals(columnText(o, r.columns(o)[2]), values.get(other));
            }
          }
        }
        // Range scans from random starts, against SQLite's own order.
        const q = db.prepare("SELECT key FROM objects WHERE key >= ? ORDER BY key");
        for (let i = 0; i < 20; i++) {
          const start = i === 0 ? "" : "/k/" + word(Math.floor(rand() * 4));
          q.bind([start]);
          const want: string[] = [];
          while (q.step()) want.push(q.get()[0] as string);
          q.reset();
          const got: string[] = [];
          for (const e of r.indexScan(objects, i === 0 ? undefined : encoder.encode(start))) {
            const ki = r.keyInt(e);
            got.push(decoder.decode(e.subarray(ki.start, ki.start + ki.length)));
          }
          assertEquals(got, want, `scan from ${JSON.stringify(start)}`);
        }
        q.free();
        const from = Math.floor(rev / 2);
        const ids = [...r.tableScan(revs, from)].map(([id]) => id);
        assertEquals(ids, [...values.keys()].filter((x) => x >= from));
      } finally {
        done();
        db.close();
      }
    });
  }
});

Deno.test("SqliteReader reads a fragmented overflow chain about three times at most", async () => {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(`PRAGMA page_size = 4096;
    CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT);`);
  // Rows of three to four overflow pages each; deleting every other one leaves runs of free
  // pages between kept ones, which a large value written next is chained through.
  const ins = db.prepare("INSERT INTO t VALUES (?, ?)");
  for (let i = 1; i <= 120; i++) ins.run([i, String(i % 10).repeat(12_000 + 97 * i)]);
  db.exec("DELETE FROM t WHERE id % 2 = 0");
  const big = "abcdefghij".repeat(24_000);
  ins.run([1000, big]);
  ins.free();
  const bytes = db.export();
  db.close();
  const path = await Deno.makeTempFile({ prefix: "k1s-reader-" });
  await Deno.writeFile(path, bytes);
  const file = await Deno.open(path);
  // The real file, counting what the reader reads from it.
  let read = 0;
  const counted = {
    seekSync: (offset: number, whence: Deno.SeekMode) => file.seekSync(offset, whence),
    readSync: (buf: Uint8Array) => {
      const n = file.readSync(buf);
      read += n ?? 0;
      return n;
    },
    close: () => file.close(),
  } as unknown as Deno.FsFile;
  const r = new SqliteReader(counted, path, bytes.length, 64);
  try {
    const root = roots(r).get("t")!;
    read = 0;
    const row = r.tableGet(root, 1000)!;
    assertEquals(columnText(row, r.columns(row)[1]), big);
    // Its leaf, then pieces of the chain that overlap: 2.8 times the chain's pages here, 3.6
    // when every piece followed to its end made the reader take the whole rest again.
    const chain = Math.ceil(big.length / (4096 - 4)) * 4096;
    assert(read <= 3 * chain, `read ${read} bytes for a chain of ${chain}`);
  } finally {
    r.close();
    await Deno.remove(path);
  }
});

Deno.test("SqliteReader decodes every integer and float storage class", async () => {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  const nums = [0, 1, -1, 127, -128, 32767, -32768, 8388607, -8388608, 2 ** 31 - 1, -(2 ** 31)];
  nums.push(2 ** 40, -(2 ** 47), 2 ** 52, -(2 ** 53) + 1, 1.5, -2.25e100);
  db.exec("CREATE TABLE n (x)");
  const ins = db.prepare("INSERT INTO n VALUES (?)");
  for (const x of nums) ins.run([x]);
  ins.free();
  const { db: r, done } = await reader(db.export());
  try {
    const got = [...r.tableScan(roots(r).get("n")!)].map(([, p]) =>
      columnNumber(p, r.columns(p)[0])
    );
    assertEquals(got, nums);
  } finally {
    done();
    db.close();
  }
});

Deno.test("SqliteReader refuses files it cannot read, naming them", async () => {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec("CREATE TABLE t (x)");
  const good = db.export();
  db.close();
  const wal = good.slice();
  wal[18] = wal[19] = 2;
  const truncated = good.slice(0, good.length - 100);
  for (
    const [bytes, message] of [
      [new Uint8Array(50), "not a k1s store"],
      [wal, "WAL mode"],
      [truncated, "truncated"],
    ] as const
  ) {
    const path = await Deno.makeTempFile();
    await Deno.writeFile(path, bytes);
    const file = await Deno.open(path);
    const err = await assertRejects(
      () => Promise.resolve().then(() => new SqliteReader(file, path, bytes.length)),
      StorageError,
    );
    assertStringIncludes(err.message, path);
    assertStringIncludes(err.message, message);
    file.close();
    await Deno.remove(path);
  }
});
