// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertRejects } from "@std/assert";
import {
  type Client,
  createRuntime,
  isGone,
  type KubeObject,
  StatusError,
  type WatchEvent,
} from "../../mod.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap" };

function cm(name: string, labels?: Record<string, string>, ns = "default"): KubeObject {
  return { ...CM, metadata: { name, namespace: ns, ...(labels ? { labels } : {}) }, data: {} };
}

async function withClient(fn: (c: Client) => Promise<void>): Promise<void> {
  const rt = await createRuntime({ store: "memory:" });
  try {
    await fn(rt.client);
  } finally {
    await rt.close();
  }
}

async function names(c: Client, labelSelector: string): Promise<string[]> {
  const l = await c.list(CM, { namespace: "default", labelSelector });
  return l.items.map((o) => o.metadata.name!);
}

Deno.test("label selectors support every operator", () =>
  withClient(async (c) => {
    await c.create(cm("web", { app: "web", tier: "front" }));
    await c.create(cm("db", { app: "db", tier: "back", legacy: "yes" }));
    await c.create(cm("none"));
    await c.create(cm("n5", { n: "5" }));
    const cases: [string, string[]][] = [
      ["app=web", ["web"]],
      ["app==web", ["web"]],
      ["app!=web", ["db", "n5", "none"]],
      ["app in (web,db)", ["db", "web"]],
      ["app notin (web)", ["db", "n5", "none"]],
      ["app", ["db", "web"]],
      ["!app", ["n5", "none"]],
      ["app in (web,db),!legacy", ["web"]],
      ["n>4", ["n5"]],
      ["n<4", []],
      ["", ["db", "n5", "none", "web"]],
    ];
    for (const [sel, want] of cases) assertEquals(await names(c, sel), want, sel);
  }));

Deno.test("field selectors: metadata fields, per-kind fields and unknown fields", async (t) => {
  await withClient(async (c) => {
    await c.create(cm("a"));
    await c.create(cm("b"));
    await c.create({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", namespace: "default" },
      type: "Opaque",
    });
    await t.step("metadata.name", async () => {
      const l = await c.list(CM, { fieldSelector: "metadata.name=a" });
      assertEquals(l.items.map((o) => o.metadata.name), ["a"]);
      const n = await c.list(CM, { namespace: "default", fieldSelector: "metadata.name!=a" });
      assertEquals(n.items.map((o) => o.metadata.name), ["b"]);
    });
    await t.step("secret type", async () => {
      const l = await c.list({ apiVersion: "v1", kind: "Secret" }, {
        fieldSelector: "type=Opaque",
      });
      assertEquals(l.items.length, 1);
    });
    await t.step("unknown field of a kind without field labels of its own", async () => {
      await assertRejects(
        () => c.list(CM, { fieldSelector: "spec.foo=x" }),
        StatusError,
        '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
      );
    });
    await t.step("unknown field of a kind with field labels", async () => {
      await assertRejects(
        () => c.list({ apiVersion: "v1", kind: "Secret" }, { fieldSelector: "spec.foo=x" }),
        StatusError,
        "field label not supported: spec.foo",
      );
    });
  });
});

Deno.test("paging: limit, continue and a consistent revision across pages", () =>
  withClient(async (c) => {
    for (let i = 0; i < 5; i++) await c.create(cm(`o${i}`));
    const p1 = await c.list(CM, { namespace: "default", limit: 2 });
    assertEquals(p1.items.map((o) => o.metadata.name), ["o0", "o1"]);
    assert(p1.metadata.continue);
    assertEquals(p1.metadata.remainingItemCount, 3);
    await c.create(cm("o11"));
    const p2 = await c.list(CM, { namespace: "default", limit: 2, continue: p1.metadata.continue });
    assertEquals(p2.items.map((o) => o.metadata.name), ["o2", "o3"]);
    assertEquals(p2.metadata.resourceVersion, p1.metadata.resourceVersion);
    const p3 = await c.list(CM, { namespace: "default", limit: 2, continue: p2.metadata.continue });
    assertEquals(p3.items.map((o) => o.metadata.name), ["o4"]);
    assertEquals(p3.metadata.continue, undefined);
    const token = JSON.parse(atob(p1.metadata.continue!.replaceAll("-", "+").replaceAll("_", "/")));
    assertEquals(token.v, "meta.k8s.io/v1");
    await assertRejects(
      () =>
        c.list(CM, { namespace: "default", continue: p1.metadata.continue, resourceVersion: "3" }),
      StatusError,
      "specifying resource version is not allowed when using continue",
    );
    await assertRejects(
      () => c.list(CM, { continue: "garbage!" }),
      StatusError,
      "invalid continue token",
    );
    await assertRejects(
      () => c.list(CM, { resourceVersionMatch: "Exact" }),
      StatusError,
      "resourceVersionMatch is forbidden unless resourceVersion is provided",
    );
  }));

Deno.test("list resourceVersion ahead of the store is 504", () =>
  withClient(async (c) => {
    await c.create(cm("a"));
    const current = (await c.list(CM)).metadata.resourceVersion;
    const e = await assertRejects(
      () => c.list(CM, { resourceVersion: "999" }),
      StatusError,
    ) as StatusError;
    assertEquals(e.status.code, 504);
    assertEquals(e.message, `Too large resource version: 999, current: ${current}`);
  }));

async function collect(stream: AsyncIterable<WatchEvent>, n: number): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  for await (const ev of stream) {
    out.push(ev);
    if (out.length >= n) break;
  }
  return out;
}

function summary(evs: WatchEvent[]): string[] {
  return evs.map((e) => `${e.type} ${e.type === "ERROR" ? e.object.code : e.object.metadata.name}`);
}

Deno.test("watch: initial ADDED events, then changes in revision order", () =>
  withClient(async (c) => {
    await c.create(cm("a"));
    const w = c.watch(CM, { namespace: "default" });
    const got = collect(w, 4);
    await new Promise((r) => setTimeout(r, 10));
    const b = await c.create(cm("b"));
    b.data = { x: "1" };
    await c.update(b);
    await c.delete(CM, { namespace: "default", name: "a" });
    const evs = await got;
    w.stop();
    assertEquals(summary(evs), ["ADDED a", "ADDED b", "MODIFIED b", "DELETED a"]);
    const del = evs[3].object as KubeObject;
    assert(
      Number(del.metadata.resourceVersion) >
        Number((evs[2].object as KubeObject).metadata.resourceVersion),
    );
  }));

Deno.test("watch from a resourceVersion sees only later changes", () =>
  withClient(async (c) => {
    const a = await c.create(cm("a"));
    await c.create(cm("b"));
    const w = c.watch(CM, { namespace: "default", resourceVersion: a.metadata.resourceVersion });
    const evs = await collect(w, 1);
    w.stop();
    assertEquals(summary(evs), ["ADDED b"]);
  }));

Deno.test("selector watches turn matches starting and stopping into ADDED and DELETED", () =>
  withClient(async (c) => {
    const o = await c.create(cm("x", { app: "db" }));
    const w = c.watch(CM, {
      namespace: "default",
      labelSelector: "app=web",
      resourceVersion: o.metadata.resourceVersion,
    });
    const got = collect(w, 3);
    o.metadata.labels = { app: "web" };
    await c.update(o);
    o.data = { k: "1" };
    await c.update(o);
    o.metadata.labels = { app: "db" };
    await c.update(o);
    const evs = await got;
    w.stop();
    assertEquals(summary(evs), ["ADDED x", "MODIFIED x", "DELETED x"]);
    assertEquals(
      (evs[2].object as KubeObject).metadata.labels,
      { app: "web" },
      "DELETED carries the old state",
    );
  }));

Deno.test("watch from a compacted revision ends with a 410 ERROR event", async () => {
  const storage = createMemoryStorage();
  const rt = await createRuntime({ store: storage });
  try {
    const c = rt.client;
    const a = await c.create(cm("a"));
    for (let i = 0; i < 3; i++) {
      a.data = { i: String(i) };
      await c.update(a);
    }
    await storage.compact(await storage.revision() - 1);
    const w = c.watch(CM, { resourceVersion: "1" });
    const evs = await collect(w, 5);
    assertEquals(evs.length, 1);
    assertEquals(evs[0].type, "ERROR");
    if (evs[0].type === "ERROR") {
      assert(isGone(new StatusError(evs[0].object)));
      assertEquals(evs[0].object.reason, "Expired");
    }
  } finally {
    await rt.close();
  }
});

Deno.test("paging works for names containing dots, and tokens cannot leave the prefix", () =>
  withClient(async (c) => {
    const ROLE = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role" };
    for (const name of ["a..b", "b..c", "c..d"]) {
      await c.create({ ...ROLE, metadata: { name, namespace: "default" }, rules: [] });
    }
    const p1 = await c.list(ROLE, { namespace: "default", limit: 1 });
    const p2 = await c.list(ROLE, {
      namespace: "default",
      limit: 5,
      continue: p1.metadata.continue,
    });
    assertEquals(p2.items.map((o) => o.metadata.name), ["b..c", "c..d"]);
    const forged = btoa(JSON.stringify({ v: "meta.k8s.io/v1", rv: 1, start: "../../secrets/x" }))
      .replaceAll("=", "");
    await assertRejects(
      () => c.list(ROLE, { namespace: "default", continue: forged }),
      StatusError,
      "invalid continue token: continue key is not valid",
    );
  }));

Deno.test("a watch by name without a namespace watches that name in every namespace", () =>
  withClient(async (c) => {
    await c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "other" } });
    const w = c.watch(CM, { name: "x" });
    const got = collect(w, 2);
    await new Promise((r) => setTimeout(r, 10));
    await c.create(cm("y"));
    await c.create(cm("x", undefined, "other"));
    await c.create(cm("x"));
    const evs = await got;
    w.stop();
    assertEquals(
      evs.map((e) =>
        `${e.type} ${(e.object as KubeObject).metadata.namespace}/${
          (e.object as KubeObject).metadata.name
        }`
      ),
      [
        "ADDED other/x",
        "ADDED default/x",
      ],
    );
  }));

Deno.test("a paged list at a resourceVersion is served at exactly that version", async () => {
  const storage = createMemoryStorage();
  const rt = await createRuntime({ store: storage });
  try {
    const c = rt.client;
    await c.create(cm("a"));
    const rv = (await c.list(CM, { namespace: "default" })).metadata.resourceVersion!;
    await c.create(cm("b"));
    const listed = async (o: { limit?: number; resourceVersionMatch?: "Exact" }) =>
      (await c.list(CM, { namespace: "default", resourceVersion: rv, ...o })).items
        .map((i) => i.metadata.name);
    // Without a limit the version is a lower bound; with one, as the apiserver keeps for
    // clients older than resourceVersionMatch, it is exact.
    assertEquals(await listed({}), ["a", "b"]);
    assertEquals(await listed({ limit: 10 }), ["a"]);
    assertEquals(await listed({ resourceVersionMatch: "Exact" }), ["a"]);
    await storage.compact(await storage.revision());
    for (const o of [{ limit: 10 }, { resourceVersionMatch: "Exact" as const }]) {
      const e = await assertRejects(() => listed(o), StatusError);
      assertEquals(
        [(e as StatusError).status.code, (e as StatusError).status.reason, e.message],
        [410, "Expired", "The resourceVersion for the provided list is too old."],
      );
    }
  } finally {
    await rt.close();
  }
});

Deno.test("list options are checked all at once, as ValidateListOptions", () =>
  withClient(async (c) => {
    const e = await assertRejects(
      () => c.list(CM, { resourceVersionMatch: "Foo" as "Exact" }),
      StatusError,
    );
    assertEquals(
      e.message,
      'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, resourceVersionMatch: Unsupported value: "Foo": supported values: "Exact", "NotOlderThan", ""]',
    );
  }));

Deno.test("malformed continue tokens are 400 with apiserver's DecodeContinue messages", async (t) => {
  const enc = (s: string) => btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  const cases: [string, string, string][] = [
    ["not base64", "!!!", "illegal base64 data at input byte 0"],
    ["padded", enc('{"v":"x"}') + "==", "illegal base64 data at input byte 12"],
    ["a lone last character", "abcde", "illegal base64 data at input byte 4"],
    ["not JSON", enc("abc"), "invalid character 'a' looking for beginning of value"],
    ["empty", enc(" "), "unexpected end of JSON input"],
    [
      "an array",
      enc("[]"),
      "json: cannot unmarshal array into Go value of type storage.continueToken",
    ],
    [
      "rv of another type",
      enc('{"v":"meta.k8s.io/v1","rv":"1","start":"a"}'),
      "json: cannot unmarshal string into Go struct field continueToken.rv of type int64",
    ],
    [
      "another version",
      enc('{"v":"x","rv":1,"start":"a"}'),
      "server does not recognize this encoded version x",
    ],
    [
      "rv 0",
      enc('{"v":"meta.k8s.io/v1","rv":0,"start":"a"}'),
      "incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
    ],
    [
      "no start key",
      enc('{"v":"meta.k8s.io/v1","rv":1,"start":""}'),
      "encoded start key empty (version meta.k8s.io/v1)",
    ],
    ["an unclean key", enc('{"v":"meta.k8s.io/v1","rv":1,"start":"a/"}'), "a/"],
  ];
  await withClient(async (c) => {
    for (const [name, token, detail] of cases) {
      await t.step(name, async () => {
        const e = await assertRejects(() => c.list(CM, { continue: token }), StatusError);
        assertEquals(
          [(e as StatusError).status.code, e.message],
          [400, `invalid continue token: continue key is not valid: ${detail}`],
        );
      });
    }
  });
});
