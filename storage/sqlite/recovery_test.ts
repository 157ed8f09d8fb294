// Copyright 2026 the k1s authors. Apache-2.0 license.
// Bad input and recovery: files that are not k1s stores, newer formats, torn and corrupt
// journals, every on-disk state a crash can leave behind a compaction, read-only stores and
// full disks. Each error must name the file and say what to do, and nothing stored may be
// lost or overwritten.
import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import type { KubeObject } from "../../core/object/types.ts";
import { StorageError } from "../../core/storage/storage_error.ts";
import { createSqliteStorage, type SqliteStorageOptions } from "./mod.ts";
import { encodeCommit, JOURNAL_HEADER_SIZE, OP_ADDED, scanRecords } from "./_journal.ts";
import { crc32 } from "./_crc32.ts";
import { loadSqlJs } from "./_sqljs.ts";

const P = "/registry/configmaps/default/";
const WORKER = new URL("./testdata/worker.ts", import.meta.url).pathname;
const NEVER = { compactMinBytes: 1e12 };

function obj(name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-sqlite-rec-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A store with `n` objects, all in the journal (no compaction). */
async function makeStore(path: string, n: number, options: Partial<SqliteStorageOptions> = NEVER) {
  const s = await createSqliteStorage({ path, ...options });
  for (let i = 0; i < n; i++) await s.create(P + i, obj(String(i), { i: String(i) }));
  await s.close();
}

/** The bytes of every file in `dir`, to show that a failed request changed nothing. */
function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of Deno.readDirSync(dir)) {
    if (e.isFile) out.set(e.name, String(crc32(Deno.readFileSync(`${dir}/${e.name}`))));
  }
  return out;
}

async function openError(options: SqliteStorageOptions, code: string): Promise<StorageError> {
  const err = await assertRejects(() => createSqliteStorage(options), StorageError);
  assertEquals(err.code, code, err.message);
  return err;
}

Deno.test("a missing store reads as empty and creates nothing until the first write", () =>
  withDir(async (dir) => {
    const path = `${dir}/a/b/store.db`;
    const s = await createSqliteStorage({ path });
    assertEquals(await s.get(P + "x"), undefined);
    assertEquals((await s.list({ prefix: P })).items, []);
    assertEquals(await s.revision(), 0);
    assertEquals(await s.compactedRevision(), 0);
    s.watch({ prefix: P }).stop();
    await assertRejects(() => s.update(P + "x", obj("x"), { expectedRevision: 1 }), StorageError);
    await assertRejects(() => s.delete(P + "x"), StorageError);
    await s.compact(0);
    assertEquals([...Deno.readDirSync(dir)].length, 0, "nothing created by reads");
    await s.create(P + "x", obj("x"));
    assertEquals(
      [...Deno.readDirSync(`${dir}/a/b`)].map((e) => e.name).sort(),
      ["store.db", "store.db.k1s-journal", "store.db.k1s-lock"],
    );
    await s.close();
  }));

Deno.test("a file that is not a k1s store is reported and left alone", async (t) => {
  const SQL = await loadSqlJs();
  const other = new SQL.Database();
  other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
  const sqlite = other.export();
  other.close();
  const cases: [string, Uint8Array, string][] = [
    ["text", new TextEncoder().encode("apiVersion: v1\nkind: List\n"), "not a k1s store"],
    ["an empty file", new Uint8Array(), "not a k1s store"],
    ["another SQLite database", sqlite, "SQLite database but not a k1s store"],
  ];
  for (const [name, content, message] of cases) {
    await t.step(name, () =>
      withDir(async (dir) => {
        const path = `${dir}/store.db`;
        Deno.writeFileSync(path, content);
        const before = files(dir);
        const err = await openError({ path }, "Corrupt");
        assertStringIncludes(err.message, `"${path}"`);
        assertStringIncludes(err.message, message);
        assertStringIncludes(err.message, "choose another store path");
        await openError({ path, readOnly: true }, "Corrupt");
        assertEquals(files(dir), before, "nothing created or changed");
      }));
  }
});

Deno.test("a store written by a newer k1s is refused with a hint to upgrade", async (t) => {
  await t.step("newer snapshot format", () =>
    withDir(async (dir) => {
      const path = `${dir}/store.db`;
      await makeStore(path, 2);
      const SQL = await loadSqlJs();
      const db = new SQL.Database(Deno.readFileSync(path));
      db.exec("UPDATE k1s_meta SET value = 2 WHERE name = 'version'");
      Deno.writeFileSync(path, db.export());
      db.close();
      const before = files(dir);
      const err = await openError({ path }, "Corrupt");
      assertStringIncludes(err.message, `"${path}"`);
      assertStringIncludes(err.message, "newer k1s (store format 2, this k1s reads 1)");
      assertStringIncludes(err.message, "upgrade k1s");
      assertEquals(files(dir), before);
    }));
  await t.step("newer journal format", () =>
    withDir(async (dir) => {
      const path = `${dir}/store.db`;
      await makeStore(path, 2);
      const j = Deno.readFileSync(`${path}.k1s-journal`);
      const v = new DataView(j.buffer);
      v.setUint32(8, 2, true);
      v.setUint32(60, crc32(j, 0, 60), true);
      Deno.writeFileSync(`${path}.k1s-journal`, j);
      const before = files(dir);
      const err = await openError({ path }, "Corrupt");
      assertStringIncludes(err.message, `"${path}.k1s-journal"`);
      assertStringIncludes(err.message, "newer k1s (journal format 2, this k1s reads 1)");
      assertEquals(files(dir), before);
    }));
});

Deno.test("a torn journal tail is dropped as never acknowledged, and the next write repairs it", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    const jpath = `${path}.k1s-journal`;
    await makeStore(path, 5);
    const full = Deno.readFileSync(jpath);
    const scan = scanRecords(full, JOURNAL_HEADER_SIZE);
    const lastStart = scan.records[scan.records.length - 2].end;
    assertEquals(scan.records[scan.records.length - 1].end, full.length);
    // Every cut inside the last record (and a zero-filled tail, as some file systems leave).
    const cuts = Array.from({ length: full.length - lastStart - 1 }, (_, i) => lastStart + 1 + i);
    const tails: Uint8Array[] = cuts.map((c) => full.subarray(0, c));
    const zeroed = new Uint8Array(lastStart + 4096);
    zeroed.set(full.subarray(0, lastStart));
    tails.push(zeroed);
    for (const tail of tails) {
      Deno.writeFileSync(jpath, tail);
      const warnings: string[] = [];
      const s = await createSqliteStorage({
        path,
        readOnly: true,
        onWarning: (m) => void warnings.push(m),
      });
      assertEquals(await s.revision(), 4, `cut at ${tail.length}`);
      // Said once, naming the journal and where the ignored bytes start.
      assertEquals(warnings.length, 1, `cut at ${tail.length}`);
      assertStringIncludes(
        warnings[0],
        `ignoring ${
          tail.length - lastStart
        } bytes of an unfinished write at byte ${lastStart} of its journal "${jpath}"`,
      );
      assertEquals(await s.get(P + 4), undefined);
      assertEquals((await s.get(P + 3))?.data, { i: "3" });
      await s.close();
    }
    // A write on the torn journal keeps the valid records and replaces the file.
    Deno.writeFileSync(jpath, full.subarray(0, full.length - 3));
    const ino = Deno.statSync(jpath).ino;
    const s = await createSqliteStorage({ path });
    const o = await s.create(P + "new", obj("new"));
    assertEquals(o.metadata.resourceVersion, "5");
    await s.close();
    assert(Deno.statSync(jpath).ino !== ino, "the journal was rewritten to a new file");
    const r = await createSqliteStorage({ path, readOnly: true });
    assertEquals(await r.revision(), 5);
    assertEquals((await r.list({ prefix: P })).items.map((x) => x.metadata.name), [
      "0",
      "1",
      "2",
      "3",
      "new",
    ]);
    await r.close();
  }));

Deno.test("damage before the journal's last record is an error and nothing is overwritten", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    const jpath = `${path}.k1s-journal`;
    await makeStore(path, 5);
    const j = Deno.readFileSync(jpath);
    const first = scanRecords(j, JOURNAL_HEADER_SIZE).records[0];
    j[first.end - 5] ^= 0x40;
    Deno.writeFileSync(jpath, j);
    const before = files(dir);
    for (const readOnly of [false, true]) {
      const err = await openError({ path, readOnly }, "Corrupt");
      assertStringIncludes(err.message, `"${jpath}" is damaged at byte ${JOURNAL_HEADER_SIZE}`);
      assertStringIncludes(err.message, "checksum mismatch");
      assertStringIncludes(err.message, "restore the store from a backup");
    }
    assertEquals(files(dir), before);
  }));

Deno.test("a damaged record length is an error, not a torn tail a writer would cut off", async (t) => {
  // A flipped bit makes a record's length run past the end of the file, as a torn append's
  // does; the intact records after it tell the two apart.
  for (const [name, record, byte] of [["the second record", 1, 3], ["the first", 0, 2]] as const) {
    await t.step(name, () =>
      withDir(async (dir) => {
        const path = `${dir}/store.db`;
        const jpath = `${path}.k1s-journal`;
        await makeStore(path, 5);
        const j = Deno.readFileSync(jpath);
        const records = scanRecords(j, JOURNAL_HEADER_SIZE).records;
        const at = record === 0 ? JOURNAL_HEADER_SIZE : records[record - 1].end;
        j[at + byte] ^= 0x10;
        Deno.writeFileSync(jpath, j);
        const before = files(dir);
        for (const readOnly of [false, true]) {
          const err = await openError({ path, readOnly }, "Corrupt");
          assertStringIncludes(err.message, `is damaged at byte ${at}`);
          assertStringIncludes(err.message, "record length past the end of the file");
        }
        assertEquals(files(dir), before);
      }));
  }
});

Deno.test("an append cut short stays torn even when its partial body holds a record's bytes", () => {
  // A name may carry any bytes but `/` and `%`: one shaped like a whole record, inside an
  // append that a crash cut short, must not pass for intact records behind a damaged length.
  const first = encodeCommit(1, [{ type: OP_ADDED, key: `${P}a`, prevRev: 0, json: "{}" }]);
  const forged = encodeCommit(9, [{ type: OP_ADDED, key: `${P}x`, prevRev: 0, json: "{}" }]);
  const placeholder = "q".repeat(forged.length);
  const json = JSON.stringify({ data: { pad: "p".repeat(200) } });
  const cut = encodeCommit(2, [{ type: OP_ADDED, key: P + placeholder, prevRev: 0, json }]);
  const at = new TextDecoder().decode(cut).indexOf(placeholder);
  cut.set(forged, at); // the record's bytes, as a name spelling them would store them
  const partial = cut.subarray(0, at + forged.length + 3);
  const buf = new Uint8Array(JOURNAL_HEADER_SIZE + first.length + partial.length);
  buf.set(first, JOURNAL_HEADER_SIZE);
  buf.set(partial, JOURNAL_HEADER_SIZE + first.length);
  // The forged record is whole in there...
  const whole = scanRecords(
    buf.subarray(0, JOURNAL_HEADER_SIZE + first.length + at + forged.length),
    JOURNAL_HEADER_SIZE + first.length + at,
  );
  assertEquals(whole.records.length, 1);
  // ...but no chain of intact records runs from it to the end of the file.
  const scan = scanRecords(buf, JOURNAL_HEADER_SIZE);
  assertEquals([scan.records.length, scan.torn, scan.corrupt], [1, true, undefined]);
});

Deno.test("a journal that does not belong to the snapshot is refused", async (t) => {
  await t.step("another store's journal", () =>
    withDir(async (dir) => {
      await makeStore(`${dir}/a.db`, 2);
      await makeStore(`${dir}/b.db`, 2);
      Deno.copyFileSync(`${dir}/b.db.k1s-journal`, `${dir}/a.db.k1s-journal`);
      const before = files(dir);
      const err = await openError({ path: `${dir}/a.db` }, "Corrupt");
      assertStringIncludes(err.message, "belongs to another store");
      assertEquals(files(dir), before);
    }));
  await t.step("a journal newer than the snapshot", () =>
    withDir(async (dir) => {
      const path = `${dir}/store.db`;
      await makeStore(path, 2);
      Deno.copyFileSync(path, `${dir}/old-snapshot`);
      await makeStore(path, 0, { compactMinBytes: 0, compactScaleBytes: 0 });
      const s = await createSqliteStorage({ path, compactMinBytes: 0, compactScaleBytes: 0 });
      await s.create(P + "x", obj("x"));
      await s.close();
      Deno.copyFileSync(`${dir}/old-snapshot`, path);
      const before = files(dir);
      const err = await openError({ path }, "Corrupt");
      assertStringIncludes(err.message, "is newer than the snapshot");
      assertEquals(files(dir), before);
    }));
  await t.step("a journal without its snapshot", () =>
    withDir(async (dir) => {
      const path = `${dir}/store.db`;
      await makeStore(path, 2);
      Deno.removeSync(path);
      const before = files(dir);
      const err = await openError({ path }, "Corrupt");
      assertStringIncludes(err.message, "the snapshot file is missing");
      assertEquals(files(dir), before);
    }));
});

Deno.test("every state a crash can leave behind a compaction opens with all acknowledged writes", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    const jpath = `${path}.k1s-journal`;
    await makeStore(path, 6);
    // Keep the old files' inodes: a compaction appends a hint to the old journal, then renames
    // the new snapshot and journal over the old ones.
    Deno.linkSync(path, `${dir}/old-snapshot`);
    Deno.linkSync(jpath, `${dir}/old-journal`);
    const s = await createSqliteStorage({ path, compactMinBytes: 0, compactScaleBytes: 0 });
    await s.create(P + "last", obj("last"));
    await s.close();
    Deno.copyFileSync(path, `${dir}/new-snapshot`);
    Deno.copyFileSync(jpath, `${dir}/new-journal`);
    const states: Record<string, [string, string, [string, string][]]> = {
      "before the renames": ["old-snapshot", "old-journal", [
        ["new-snapshot", `${path}.k1s-snapshot.tmp`],
        ["new-journal", `${jpath}.tmp`],
      ]],
      "between the renames": ["new-snapshot", "old-journal", [["new-journal", `${jpath}.tmp`]]],
      "after the renames": ["new-snapshot", "new-journal", []],
    };
    for (const [name, [snapshot, journal, leftovers]] of Object.entries(states)) {
      for (const f of [path, jpath, `${path}.k1s-snapshot.tmp`, `${jpath}.tmp`]) {
        try {
          Deno.removeSync(f);
        } catch {
          // Absent.
        }
      }
      Deno.copyFileSync(`${dir}/${snapshot}`, path);
      Deno.copyFileSync(`${dir}/${journal}`, jpath);
      for (const [from, to] of leftovers) Deno.copyFileSync(`${dir}/${from}`, to);
      const r = await createSqliteStorage({ path });
      assertEquals(await r.revision(), 7, name);
      assertEquals((await r.list({ prefix: P })).items.length, 7, name);
      // And the store keeps working from that state.
      const o = await r.create(P + "after", obj("after"));
      assertEquals(o.metadata.resourceVersion, "8", name);
      await r.close();
      const again = await createSqliteStorage({ path, readOnly: true });
      assertEquals(await again.revision(), 8, name);
      await again.close();
    }
  }));

Deno.test("a store opened read-only serves reads and refuses writes without touching a file", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    await makeStore(path, 3);
    const before = files(dir);
    const s = await createSqliteStorage({ path, readOnly: true });
    assertEquals((await s.list({ prefix: P })).items.length, 3);
    const writes: [string, () => Promise<unknown>][] = [
      ["create", () => s.create(P + "x", obj("x"))],
      ["update", () => s.update(P + 0, obj("0"), { expectedRevision: 1 })],
      ["delete", () => s.delete(P + 0)],
      ["transaction", () => s.transaction((tx) => tx.create(P + "y", obj("y")))],
      ["compact", () => s.compact(1)],
    ];
    for (const [name, write] of writes) {
      const err = await assertRejects(write, StorageError);
      assertEquals(err.code, "ReadOnly", name);
      assertStringIncludes(err.message, `"${path}"`);
    }
    await s.close();
    assertEquals(files(dir), before);
    const missing = await createSqliteStorage({ path: `${dir}/none/store.db`, readOnly: true });
    await assertRejects(() => missing.create(P + "x", obj("x")), StorageError, "read-only");
    await missing.close();
    assertEquals([...Deno.readDirSync(dir)].some((e) => e.name === "none"), false);
  }));

Deno.test("a process without write permission gets ReadOnly and reads normally", () =>
  withDir(async (dir) => {
    // Deno's permissions refuse the write even to root, unlike file modes.
    const path = `${dir}/store.db`;
    await makeStore(path, 1);
    const before = files(dir);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        `--allow-read`,
        `--allow-write=${Deno.makeTempDirSync()}`,
        WORKER,
        "try-create",
        path,
        "{}",
        P + "x",
      ],
    }).output();
    const line = new TextDecoder().decode(out.stdout).trim();
    assertStringIncludes(line, "error ReadOnly");
    assertStringIncludes(line, "write access is not granted");
    assertEquals(files(dir), before);
  }));

Deno.test("a process without read permission is told to grant it", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    await makeStore(path, 1);
    const script = `${Deno.makeTempDirSync()}/open.ts`;
    Deno.writeTextFileSync(
      script,
      `const { createSqliteStorage } = await import(${
        JSON.stringify(new URL("./mod.ts", import.meta.url).href)
      });
      try {
        const s = await createSqliteStorage({ path: ${JSON.stringify(path)} });
        await s.get("/x");
        console.log("ok");
      } catch (e) {
        console.log(e.code, e.message);
      }`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        "--config",
        new URL("../../deno.json", import.meta.url).pathname,
        script,
      ],
    }).output();
    const line = new TextDecoder().decode(out.stdout).trim();
    assertStringIncludes(line, "Unreachable Cannot read store file");
    assertStringIncludes(
      line,
      "read access is not granted to this program; grant it (--allow-read)",
    );
  }));

function canMount(): boolean {
  if (Deno.build.os !== "linux" || Deno.uid() !== 0) return false;
  try {
    return new Deno.Command("mount", { args: ["--version"] }).outputSync().success;
  } catch {
    return false;
  }
}

function sh(cmd: string, ...args: string[]): void {
  const out = new Deno.Command(cmd, { args }).outputSync();
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
}

Deno.test({
  name: "a store in a read-only directory gets ReadOnly on write and reads normally",
  // As root, file modes do not stop writes, so the test makes the directory a read-only
  // bind mount instead (EROFS); elsewhere it removes write permission (EACCES).
  ignore: Deno.uid() === 0 && !canMount(),
  fn: () =>
    withDir(async (dir) => {
      const store = `${dir}/ro`;
      Deno.mkdirSync(store);
      const path = `${store}/store.db`;
      await makeStore(path, 2);
      const before = files(store);
      const root = Deno.uid() === 0;
      if (root) {
        sh("mount", "--bind", store, store);
        sh("mount", "-o", "remount,ro,bind", store);
      } else {
        for (const e of Deno.readDirSync(store)) Deno.chmodSync(`${store}/${e.name}`, 0o444);
        Deno.chmodSync(store, 0o555);
      }
      try {
        const s = await createSqliteStorage({ path });
        assertEquals((await s.list({ prefix: P })).items.length, 2);
        const err = await assertRejects(() => s.create(P + "x", obj("x")), StorageError);
        assertEquals(err.code, "ReadOnly");
        assertStringIncludes(err.message, store);
        assertStringIncludes(err.message, root ? "read-only file system" : "permission denied");
        await s.close();
      } finally {
        if (root) sh("umount", store);
        else Deno.chmodSync(store, 0o755);
      }
      assertEquals(files(store), before);
    }),
});

Deno.test({
  name: "a full disk fails the write with ReadOnly, keeps the store intact, and recovers",
  ignore: !canMount(),
  fn: () =>
    withDir(async (dir) => {
      const mnt = `${dir}/small`;
      Deno.mkdirSync(mnt);
      sh("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt);
      try {
        const path = `${mnt}/store.db`;
        const warnings: string[] = [];
        const s = await createSqliteStorage({ path, onWarning: (m) => warnings.push(m) });
        await s.create(P + "a", obj("a"));
        // Leave about 8 KiB free, then write an object that does not fit.
        const free = () => {
          const out = new Deno.Command("df", { args: ["-B1", "--output=avail", mnt] }).outputSync();
          return Number(new TextDecoder().decode(out.stdout).split("\n")[1]);
        };
        Deno.writeFileSync(`${mnt}/filler`, new Uint8Array(free() - 8192));
        const big = obj("big", { blob: "x".repeat(64 * 1024) });
        const err = await assertRejects(() => s.create(P + "big", big), StorageError);
        assertEquals(err.code, "ReadOnly");
        assertStringIncludes(err.message, "no space left on device");
        assertStringIncludes(err.message, path);
        assertEquals(await s.get(P + "big"), undefined);
        assertEquals(await s.revision(), 1);
        const other = await createSqliteStorage({ path, readOnly: true });
        assertEquals(await other.revision(), 1, "another process sees no trace of it");
        await other.close();
        Deno.removeSync(`${mnt}/filler`);
        const ok = await s.create(P + "big", big);
        assertEquals(ok.metadata.resourceVersion, "2");
        await s.close();
      } finally {
        sh("umount", mnt);
      }
    }),
});

Deno.test({
  name: "writers lock the store's directory only when no one else may read it",
  ignore: Deno.build.os === "windows",
  fn: async (t) => {
    for (const [mode, locked] of [[0o700, true], [0o755, false]] as const) {
      await t.step(`mode ${mode.toString(8)}`, () =>
        withDir(async (dir) => {
          Deno.chmodSync(dir, mode);
          const path = `${dir}/store.db`;
          await makeStore(path, 1);
          // Another holder of the directory's lock (here this process, on a descriptor of
          // its own, which flock treats as a separate holder).
          const other = Deno.openSync(dir, { read: true });
          other.lockSync(true);
          const s = await createSqliteStorage({ path });
          let wrote = false;
          const write = s.create(P + "w", obj("w")).then(() => wrote = true);
          if (locked) {
            await new Promise((r) => setTimeout(r, 300));
            assertEquals(wrote, false, "a writer went past the directory's lock");
          } else {
            // Not held up: the write completes while the directory stays locked.
            let timer: ReturnType<typeof setTimeout> | undefined;
            await Promise.race([
              write,
              new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error("the write waited")), 10_000);
              }),
            ]).finally(() => clearTimeout(timer));
          }
          other.unlockSync();
          other.close();
          await write;
          await s.close();
        }));
    }
  },
});

Deno.test("a deleted lock file is recreated and shared, not left to split the writers", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    const a = await createSqliteStorage({ path });
    await a.create(P + "a", obj("a"));
    Deno.removeSync(`${path}.k1s-lock`);
    const b = await createSqliteStorage({ path });
    let aDone = false;
    await b.transaction(async (tx) => {
      // b created a new lock file and holds it; a, still holding the deleted one, must wait.
      const pending = a.create(P + "c", obj("c")).then(() => aDone = true);
      await new Promise((r) => setTimeout(r, 300));
      assertEquals(aDone, false, "a wrote while b held the lock");
      await tx.create(P + "b", obj("b"));
      pending.catch(() => {});
    });
    await new Promise((r) => setTimeout(r, 50));
    const c = await a.get(P + "c");
    assertEquals(c?.metadata.resourceVersion, "3");
    assertEquals(await b.revision(), 3);
    await a.close();
    await b.close();
  }));

Deno.test("a damaged snapshot index is Corrupt for lists, and compaction refuses to copy it", () =>
  withDir(async (dir) => {
    const path = `${dir}/store.db`;
    await makeStore(path, 100);
    // One more write folds everything into the snapshot.
    const folding = await createSqliteStorage({ path, compactMinBytes: 1, compactScaleBytes: 1 });
    await folding.create(P + "z", obj("z"));
    await folding.close();
    // Damage one key where it is stored: `default/50` becomes `defaulz/50`, out of order.
    const snap = Deno.readFileSync(path);
    const needle = new TextEncoder().encode(`${P}50`);
    let flipped = 0;
    for (let i = 0; i + needle.length <= snap.length; i++) {
      if (needle.every((b, j) => snap[i + j] === b)) {
        snap[i + P.length - 2] = "z".charCodeAt(0);
        flipped++;
      }
    }
    assert(flipped > 0);
    Deno.writeFileSync(path, snap);
    const s = await createSqliteStorage({ path });
    try {
      const err = await assertRejects(() => s.list({ prefix: P }), StorageError);
      assertEquals(err.code, "Corrupt");
      assertStringIncludes(err.message, "the snapshot is damaged (index keys out of order)");
    } finally {
      await s.close();
    }
    const warnings: string[] = [];
    const w = await createSqliteStorage({
      path,
      compactMinBytes: 1,
      compactScaleBytes: 1,
      onWarning: (m) => void warnings.push(m),
    });
    await w.create(P + "after", obj("after"));
    await w.close();
    assertStringIncludes(warnings.join("\n"), "SQLite's integrity check");
    assertEquals(Deno.readFileSync(path), snap, "the damaged snapshot was not replaced");
  }));
