// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The storage conformance suite: one call runs every contract check against a backend.
 *
 * @module
 */
import type { KubeObject } from "../../core/object/types.ts";
import type { Storage, StorageEvent, StorageWatch } from "../../core/storage/types.ts";
import { StorageError } from "../../core/storage/storage_error.ts";

/** Cases to skip, each group with the reason it does not apply. */
export interface ConformanceSkip {
  /** Why these cases do not apply to the backend. */
  reason: string;
  /** Names of the skipped cases, as listed by {@linkcode conformanceCases}. */
  tests: string[];
}

/** Options of {@linkcode runStorageConformance}. */
export interface ConformanceOptions {
  /** Returns a new, empty storage; called once per case. */
  newStorage: () => Promise<Storage>;
  /** Cases that do not apply, with reasons. */
  skip?: ConformanceSkip[];
  /** Called after each case with the storage it used (e.g. to remove files). */
  cleanup?: (storage: Storage) => Promise<void>;
}

function obj(
  name: string,
  data: Record<string, string> = {},
  labels?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: "default", ...(labels ? { labels } : {}) },
    data,
  };
}

function fail(msg: string): never {
  throw new Error(msg);
}

function eq(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

async function rejectsWith(p: Promise<unknown>, code: string, what: string): Promise<StorageError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StorageError && e.code === code) return e;
    fail(`${what}: expected StorageError ${code}, got ${e}`);
  }
  fail(`${what}: expected StorageError ${code}, but it succeeded`);
}

async function take(w: StorageWatch, n: number, timeoutMs = 2000): Promise<StorageEvent[]> {
  const out: StorageEvent[] = [];
  const it = w[Symbol.asyncIterator]();
  while (out.length < n) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const r = await Promise.race([
      it.next(),
      new Promise<"timeout">((res) => timer = setTimeout(() => res("timeout"), timeoutMs)),
    ]);
    clearTimeout(timer);
    if (r === "timeout") fail(`watch: timed out after ${out.length} of ${n} events`);
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

const P = "/registry/configmaps/default/";
const rv = (o: KubeObject) => Number(o.metadata.resourceVersion);

/** The conformance cases, by name. Each gets a fresh storage. */
export const conformanceCases: Record<string, (s: Storage) => Promise<void>> = {
  "create returns the object with the next revision": async (s) => {
    const r0 = await s.revision();
    const a = await s.create(P + "a", obj("a", { k: "v" }));
    eq(rv(a), r0 + 1, "revision of first create");
    eq(a.data, { k: "v" }, "data");
    const b = await s.create(P + "b", obj("b"));
    eq(rv(b), r0 + 2, "revision of second create");
    eq(await s.revision(), r0 + 2, "store revision");
  },
  "one global revision across create, update and delete": async (s) => {
    const a = await s.create(P + "a", obj("a"));
    const b = await s.create("/registry/secrets/default/b", obj("b"));
    eq(rv(b), rv(a) + 1, "B after A");
    const a2 = await s.update(P + "a", obj("a", { x: "1" }), { expectedRevision: rv(a) });
    eq(rv(a2), rv(a) + 2, "update of A");
    const d = await s.delete("/registry/secrets/default/b");
    eq(rv(d), rv(a) + 3, "delete revision");
    eq(await s.revision(), rv(a) + 3, "store revision");
  },
  "create of an existing key fails with KeyExists": async (s) => {
    await s.create(P + "a", obj("a"));
    await rejectsWith(s.create(P + "a", obj("a")), "KeyExists", "second create");
  },
  "a create with a precondition commits only while the other key is at its revision": async (s) => {
    const NS = "/registry/namespaces/ns1";
    const ns = await s.create(NS, obj("ns1"));
    const a = await s.create(P + "a", obj("a"), { precondition: { key: NS, revision: rv(ns) } });
    eq((await s.get(P + "a"))?.metadata.resourceVersion, a.metadata.resourceVersion, "created");
    const ns2 = await s.update(NS, obj("ns1", { x: "1" }), { expectedRevision: rv(ns) });
    const r0 = await s.revision();
    const stale = await rejectsWith(
      s.create(P + "b", obj("b"), { precondition: { key: NS, revision: rv(ns) } }),
      "Conflict",
      "create on a changed precondition",
    );
    eq([stale.key, stale.revision], [NS, rv(ns2)], "the conflict names the precondition");
    // The precondition is checked first: an existing key with a stale one is a Conflict.
    await rejectsWith(
      s.create(P + "a", obj("a"), { precondition: { key: NS, revision: rv(ns) } }),
      "Conflict",
      "existing key, changed precondition",
    );
    eq(await s.revision(), r0, "nothing written");
    eq(await s.get(P + "b"), undefined, "not created");
    await s.delete(NS);
    const gone = await rejectsWith(
      s.create(P + "c", obj("c"), { precondition: { key: NS, revision: rv(ns2) } }),
      "Conflict",
      "create on a deleted precondition",
    );
    eq(gone.revision, 0, "a deleted key is at revision 0");
    await s.create(P + "d", obj("d"), { precondition: { key: NS, revision: 0 } });
    await s.transaction(async (tx) => {
      const ns3 = await tx.create(NS, obj("ns1"));
      await tx.create(P + "e", obj("e"), { precondition: { key: NS, revision: rv(ns3) } });
      await rejectsWith(
        tx.create(P + "f", obj("f"), { precondition: { key: NS, revision: rv(ns2) } }),
        "Conflict",
        "stale precondition in a transaction",
      );
    });
    eq((await s.get(P + "e")) !== undefined, true, "created in the transaction");
  },
  "get returns the latest state or undefined": async (s) => {
    eq(await s.get(P + "missing"), undefined, "missing key");
    const a = await s.create(P + "a", obj("a", { k: "1" }));
    const got = await s.get(P + "a");
    eq(got?.metadata.resourceVersion, a.metadata.resourceVersion, "resourceVersion");
    eq(got?.data, { k: "1" }, "data");
  },
  "returned objects are copies and resourceVersion is not stored": async (s) => {
    const input = obj("a", { k: "1" });
    input.metadata.resourceVersion = "999";
    const a = await s.create(P + "a", input);
    eq(a.metadata.resourceVersion !== "999", true, "resourceVersion comes from the store");
    input.data = { k: "changed" };
    a.data = { k: "mutated" };
    const got = await s.get(P + "a");
    eq(got?.data, { k: "1" }, "stored data untouched by caller mutation");
    got!.data = { k: "again" };
    eq((await s.get(P + "a"))?.data, { k: "1" }, "get returns a fresh copy");
  },
  "update checks the expected revision": async (s) => {
    const a = await s.create(P + "a", obj("a"));
    await s.create(P + "b", obj("b"));
    const a2 = await s.update(P + "a", obj("a", { v: "2" }), { expectedRevision: rv(a) });
    const e = await rejectsWith(
      s.update(P + "a", obj("a", { v: "3" }), { expectedRevision: rv(a) }),
      "Conflict",
      "stale update",
    );
    eq(e.revision, rv(a2), "conflict carries the current revision");
    eq((await s.get(P + "a"))?.data, { v: "2" }, "state after failed update");
    await rejectsWith(
      s.update(P + "zzz", obj("zzz"), { expectedRevision: 1 }),
      "KeyNotFound",
      "update missing",
    );
  },
  "delete returns the last state at the deletion revision": async (s) => {
    const a = await s.create(P + "a", obj("a", { k: "v" }));
    const d = await s.delete(P + "a");
    eq(d.data, { k: "v" }, "last state");
    eq(rv(d), rv(a) + 1, "deletion revision");
    eq(await s.get(P + "a"), undefined, "gone");
    await rejectsWith(s.delete(P + "a"), "KeyNotFound", "second delete");
  },
  "delete checks the expected revision": async (s) => {
    const a = await s.create(P + "a", obj("a"));
    await s.update(P + "a", obj("a", { x: "y" }), { expectedRevision: rv(a) });
    await rejectsWith(s.delete(P + "a", { expectedRevision: rv(a) }), "Conflict", "stale delete");
    eq((await s.get(P + "a")) !== undefined, true, "still there");
  },
  "list returns the prefix in key order at the store revision": async (s) => {
    for (const n of ["c", "a", "b"]) await s.create(P + n, obj(n));
    await s.create("/registry/configmaps/defaultx/z", obj("z"));
    await s.create("/registry/configmapsx/default/z", obj("z"));
    const r = await s.list({ prefix: P });
    eq(r.items.map((o) => o.metadata.name), ["a", "b", "c"], "names");
    eq(r.revision, await s.revision(), "list revision = store revision");
    eq(r.more, false, "more");
    for (const o of r.items) {
      eq(typeof o.metadata.resourceVersion, "string", "item resourceVersion");
    }
    const all = await s.list({ prefix: "/registry/configmaps/" });
    eq(all.items.length, 4, "all namespaces");
  },
  "an empty list still has a revision": async (s) => {
    await s.create("/registry/other/x", obj("x"));
    const r = await s.list({ prefix: P });
    eq(r.items, [], "items");
    eq(r.revision, await s.revision(), "revision");
  },
  "list pages with limit and start": async (s) => {
    for (let i = 0; i < 7; i++) await s.create(P + `o${i}`, obj(`o${i}`));
    const p1 = await s.list({ prefix: P, limit: 3 });
    eq(p1.items.map((o) => o.metadata.name), ["o0", "o1", "o2"], "page 1");
    eq(p1.more, true, "more after page 1");
    eq(p1.remaining, 4, "remaining after page 1");
    // Writes between pages must not show up: later pages are read at the first page's revision.
    await s.create(P + "o10", obj("o10"));
    await s.delete(P + "o4");
    const p2 = await s.list({ prefix: P, limit: 3, start: p1.next, revision: p1.revision });
    eq(p2.items.map((o) => o.metadata.name), ["o3", "o4", "o5"], "page 2 at the first revision");
    const p3 = await s.list({ prefix: P, limit: 3, start: p2.next, revision: p1.revision });
    eq(p3.items.map((o) => o.metadata.name), ["o6"], "page 3");
    eq(p3.more, false, "no more");
  },
  "list limit counts items after the filter": async (s) => {
    for (let i = 0; i < 10; i++) {
      await s.create(P + `o${i}`, obj(`o${i}`, {}, { even: String(i % 2 === 0) }));
    }
    const r = await s.list({
      prefix: P,
      limit: 2,
      filter: (o) => o.metadata.labels?.even === "true",
    });
    eq(r.items.map((o) => o.metadata.name), ["o0", "o2"], "filtered page");
    eq(r.more, true, "more");
    const rest = await s.list({
      prefix: P,
      start: r.next,
      revision: r.revision,
      filter: (o) => o.metadata.labels?.even === "true",
    });
    eq(rest.items.map((o) => o.metadata.name), ["o4", "o6", "o8"], "rest");
  },
  "list at an older revision shows the state at that revision": async (s) => {
    const a = await s.create(P + "a", obj("a", { v: "1" }));
    await s.create(P + "b", obj("b"));
    const at = await s.revision();
    await s.update(P + "a", obj("a", { v: "2" }), { expectedRevision: rv(a) });
    await s.delete(P + "b");
    await s.create(P + "c", obj("c"));
    const r = await s.list({ prefix: P, revision: at });
    eq(r.items.map((o) => [o.metadata.name, o.data]), [["a", { v: "1" }], ["b", {}]], "old state");
    eq(r.revision, at, "revision");
    eq(r.items[0].metadata.resourceVersion, a.metadata.resourceVersion, "old item revision");
  },
  "list at a compacted or future revision fails": async (s) => {
    const a = await s.create(P + "a", obj("a"));
    await s.update(P + "a", obj("a", { v: "2" }), { expectedRevision: rv(a) });
    await s.update(P + "a", obj("a", { v: "3" }), { expectedRevision: rv(a) + 1 });
    await s.compact(rv(a) + 1);
    await rejectsWith(s.list({ prefix: P, revision: rv(a) }), "Compacted", "compacted list");
    const e = await rejectsWith(
      s.list({ prefix: P, revision: rv(a) + 100 }),
      "TooLargeRevision",
      "future list",
    );
    eq(e.message, `Too large resource version: ${rv(a) + 100}, current: ${rv(a) + 2}`, "message");
  },
  "watch from a revision replays later changes in order": async (s) => {
    await s.create("/registry/first/x", obj("x"));
    const a = await s.create(P + "a", obj("a", { v: "1" }));
    const a2 = await s.update(P + "a", obj("a", { v: "2" }), { expectedRevision: rv(a) });
    await s.create("/registry/secrets/default/s", obj("s"));
    const d = await s.delete(P + "a");
    const w = s.watch({ prefix: P, fromRevision: rv(a) - 1 });
    try {
      const evs = await take(w, 3);
      eq(evs.map((e) => [e.type, e.revision]), [
        ["ADDED", rv(a)],
        ["MODIFIED", rv(a2)],
        ["DELETED", rv(d)],
      ], "events");
      eq(evs[1].prevObject?.data, { v: "1" }, "MODIFIED carries the previous state");
      eq(evs[2].object.data, { v: "2" }, "DELETED carries the last state");
      eq(evs[2].object.metadata.resourceVersion, String(rv(d)), "DELETED at the deletion revision");
    } finally {
      w.stop();
    }
  },
  "watch without a revision sees only new changes": async (s) => {
    await s.create(P + "old", obj("old"));
    const w = s.watch({ prefix: P });
    try {
      const b = await s.create(P + "b", obj("b"));
      await s.create("/registry/other/b", obj("b"));
      const c = await s.create(P + "c", obj("c"));
      const evs = await take(w, 2);
      eq(evs.map((e) => [e.type, e.key, e.revision]), [
        ["ADDED", P + "b", rv(b)],
        ["ADDED", P + "c", rv(c)],
      ], "events");
    } finally {
      w.stop();
    }
  },
  "watch of one key sees only that key": async (s) => {
    const w = s.watch({ prefix: P + "a" });
    try {
      await s.create(P + "ab", obj("ab"));
      await s.create(P + "a", obj("a"));
      const evs = await take(w, 1);
      eq(evs.map((e) => e.key), [P + "a"], "keys");
    } finally {
      w.stop();
    }
  },
  "watch from a compacted revision fails with Compacted": async (s) => {
    await s.create("/registry/first/x", obj("x"));
    const a = await s.create(P + "a", obj("a"));
    await s.update(P + "a", obj("a", { v: "2" }), { expectedRevision: rv(a) });
    await s.update(P + "a", obj("a", { v: "3" }), { expectedRevision: rv(a) + 1 });
    await s.compact(rv(a) + 1);
    eq(await s.compactedRevision() >= rv(a) + 1, true, "compactedRevision");
    const w = s.watch({ prefix: P, fromRevision: rv(a) - 1 });
    await rejectsWith(take(w, 1), "Compacted", "watch");
    w.stop();
    const ok = s.watch({ prefix: P, fromRevision: rv(a) + 1 });
    try {
      const evs = await take(ok, 1);
      eq(evs[0].revision, rv(a) + 2, "watch from the compacted revision itself works");
    } finally {
      ok.stop();
    }
  },
  "stopping a watch ends its iteration": async (s) => {
    const w = s.watch({ prefix: P });
    const it = w[Symbol.asyncIterator]();
    const pending = it.next();
    w.stop();
    const r = await pending;
    eq(r.done, true, "done after stop");
  },
  "concurrent creates get distinct revisions": async (s) => {
    const made = await Promise.all(
      Array.from({ length: 50 }, (_, i) => s.create(P + `c${i}`, obj(`c${i}`))),
    );
    const revs = new Set(made.map(rv));
    eq(revs.size, 50, "distinct revisions");
    eq(Math.max(...revs), await s.revision(), "last revision");
  },
  "concurrent compare-and-swap lets exactly one writer win": async (s) => {
    const a = await s.create(P + "a", obj("a"));
    const results = await Promise.allSettled(
      Array.from(
        { length: 10 },
        (_, i) => s.update(P + "a", obj("a", { w: String(i) }), { expectedRevision: rv(a) }),
      ),
    );
    eq(results.filter((r) => r.status === "fulfilled").length, 1, "winners");
    for (const r of results) {
      if (r.status === "rejected") eq((r.reason as StorageError).code, "Conflict", "loser error");
    }
  },
  "a transaction commits all writes with consecutive revisions": async (s) => {
    const base = await s.create(P + "base", obj("base"));
    const w = s.watch({ prefix: P, fromRevision: rv(base) });
    try {
      const made = await s.transaction(async (tx) => {
        const x = await tx.create(P + "x", obj("x"));
        const y = await tx.create(P + "y", obj("y"));
        eq((await tx.get(P + "x"))?.metadata.name, "x", "read own write");
        eq(
          (await tx.list({ prefix: P })).items.map((o) => o.metadata.name),
          ["base", "x", "y"],
          "list own writes",
        );
        await tx.update(P + "base", obj("base", { t: "1" }), { expectedRevision: rv(base) });
        return [x, y];
      });
      eq(made.map(rv), [rv(base) + 1, rv(base) + 2], "revisions");
      eq(await s.revision(), rv(base) + 3, "store revision");
      eq((await s.get(P + "base"))?.data, { t: "1" }, "update committed");
      const evs = await take(w, 3);
      eq(evs.map((e) => e.revision), [rv(base) + 1, rv(base) + 2, rv(base) + 3], "events in order");
    } finally {
      w.stop();
    }
  },
  "a failed transaction commits nothing": async (s) => {
    const base = await s.create(P + "base", obj("base"));
    const r0 = await s.revision();
    try {
      await s.transaction(async (tx) => {
        await tx.create(P + "x", obj("x"));
        await tx.delete(P + "base");
        throw new Error("abort");
      });
      fail("transaction should reject");
    } catch (e) {
      eq((e as Error).message, "abort", "error passes through");
    }
    eq(await s.revision(), r0, "revision unchanged");
    eq(await s.get(P + "x"), undefined, "create discarded");
    eq(
      (await s.get(P + "base"))?.metadata.resourceVersion,
      base.metadata.resourceVersion,
      "delete discarded",
    );
  },
  "compare-and-swap inside a transaction": async (s) => {
    const a = await s.create(P + "a", obj("a"));
    await s.transaction(async (tx) => {
      await rejectsWith(tx.create(P + "a", obj("a")), "KeyExists", "create existing in tx");
      await rejectsWith(
        tx.update(P + "a", obj("a"), { expectedRevision: rv(a) + 7 }),
        "Conflict",
        "stale update in tx",
      );
      await tx.create(P + "b", obj("b"));
    });
    eq((await s.get(P + "b")) !== undefined, true, "the rest committed");
  },
  "a closed storage rejects calls": async (s) => {
    await s.close();
    await rejectsWith(s.get(P + "a"), "Unreachable", "get after close");
  },
};

/**
 * Runs every conformance case as a step of `t`, each on a fresh storage from `newStorage`.
 *
 * @param t The test context.
 * @param options The storage factory and the cases to skip, with reasons.
 *
 * @example
 * ```ts ignore
 * import { createMemoryStorage } from "@k1s/core/storage/memory";
 * import { runStorageConformance } from "@k1s/core/storage/testing";
 * Deno.test("memory storage conforms", (t) =>
 *   runStorageConformance(t, { newStorage: () => Promise.resolve(createMemoryStorage()) }));
 * ```
 */
export async function runStorageConformance(
  t: Deno.TestContext,
  options: ConformanceOptions,
): Promise<void> {
  const skipped = new Map<string, string>();
  for (const s of options.skip ?? []) {
    if (!s.reason) throw new TypeError("Cannot skip conformance cases: a reason is required");
    for (const name of s.tests) {
      if (!(name in conformanceCases)) {
        throw new TypeError(`Cannot skip unknown conformance case "${name}"`);
      }
      skipped.set(name, s.reason);
    }
  }
  for (const [name, run] of Object.entries(conformanceCases)) {
    const reason = skipped.get(name);
    await t.step({
      name: reason ? `${name} (skipped: ${reason})` : name,
      ignore: reason !== undefined,
      fn: async () => {
        const s = await options.newStorage();
        try {
          await run(s);
        } finally {
          await s.close().catch(() => {});
          await options.cleanup?.(s);
        }
      },
    });
  }
}
