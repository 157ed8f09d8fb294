// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { createRuntime, type KubeObject, type Runtime, StatusError } from "../../mod.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { isConfinedKey } from "./mod.ts";
import { CM, configMap, namespace, shared } from "./testdata/fixtures.ts";

const CRAFTED_NAMES = [
  "../../../b/registry/configmaps/default/theirs",
  "../../../../tenants/b/registry/configmaps/default/theirs",
  "theirs/../theirs",
  "default/theirs",
  "a/b",
  "%2F",
  "..%2F..%2Ftenants%2Fb",
  "..",
  ".",
  "",
  "theirs\0",
  "x".repeat(100_000),
];
const CRAFTED_NAMESPACES = [
  "../../../tenants/b/registry/configmaps/default",
  "default/../../../../tenants/b/registry/configmaps/default",
  "default/..",
  "%2E%2E",
  "..",
  "x".repeat(10_000),
];

async function tenants(
  fn: (a: Runtime, b: Runtime, root: Runtime) => Promise<void>,
): Promise<void> {
  const storage = createMemoryStorage();
  const a = await createRuntime({ store: shared(storage), tenant: "a" });
  const b = await createRuntime({ store: shared(storage), tenant: "b" });
  const root = await createRuntime({ store: shared(storage) });
  try {
    await b.client.create(configMap("theirs"));
    await b.client.create(namespace("hidden"));
    await b.client.create(configMap("theirs", "hidden"));
    await root.client.create(configMap("rooted"));
    await a.client.create(configMap("mine"));
    await fn(a, b, root);
    // Nothing crafted wrote anywhere, and tenant b's objects are intact.
    const all = await storage.list({ prefix: "/" });
    assert(all.items.every((o) => (o.data as Record<string, string> | undefined)?.k !== "pwned"));
    assertEquals((await b.client.get(CM, { namespace: "hidden", name: "theirs" })).data, {
      k: "v",
    });
    const aKeys = await storage.list({ prefix: "/tenants/a/" });
    assert(aKeys.items.every((o) => o.metadata.name !== "theirs"));
  } finally {
    await a.close();
    await b.close();
    await root.close();
    await storage.close();
  }
}

function names(list: { items: KubeObject[] }): string[] {
  return list.items.map((o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`);
}

/** Resolves to the object, or to the StatusError reason (or the client's refusal). */
async function outcome(p: Promise<KubeObject>): Promise<string> {
  try {
    const o = await p;
    return `object ${o.metadata.namespace}/${o.metadata.name}`;
  } catch (e) {
    if (e instanceof StatusError) return e.status.reason ?? "";
    // The client refuses an empty name before any request, as client-go does.
    if (e instanceof Error && e.message === "resource name may not be empty") return e.message;
    throw e;
  }
}

Deno.test("crafted names and namespaces cannot reach another tenant's objects", async (t) => {
  await tenants(async (a) => {
    for (const name of CRAFTED_NAMES) {
      await t.step(`get/update/delete name ${JSON.stringify(name.slice(0, 60))}`, async () => {
        const got = await outcome(a.client.get(CM, { namespace: "default", name }));
        assert(!got.startsWith("object"), got);
        const upd = await outcome(
          a.client.update({ ...configMap(name), metadata: { name, namespace: "default" } }),
        );
        assert(!upd.startsWith("object"), upd);
        const del = await outcome(a.client.delete(configMap(name)) as Promise<KubeObject>);
        assert(!del.startsWith("object"), del);
        const patched = await outcome(
          a.client.patch(CM, { namespace: "default", name }, { data: { k: "pwned" } }, {
            type: "merge",
          }),
        );
        assert(!patched.startsWith("object"), patched);
      });
    }
    for (const ns of CRAFTED_NAMESPACES) {
      await t.step(`get/list in namespace ${JSON.stringify(ns.slice(0, 60))}`, async () => {
        const got = await outcome(a.client.get(CM, { namespace: ns, name: "theirs" }));
        assert(!got.startsWith("object"), got);
        try {
          assertEquals(names(await a.client.list(CM, { namespace: ns })), []);
        } catch (e) {
          assert(e instanceof StatusError, String(e));
        }
      });
    }
    await t.step("label and field selectors only filter", async () => {
      for (
        const sel of [
          "app=../../b",
          "metadata.namespace=../../../tenants/b/registry/configmaps/default",
        ]
      ) {
        const opts = sel.startsWith("metadata") ? { fieldSelector: sel } : { labelSelector: sel };
        try {
          assertEquals(names(await a.client.list(CM, opts)), []);
        } catch (e) {
          assert(e instanceof StatusError, String(e));
        }
      }
      assertEquals(names(await a.client.list(CM, {})), ["default/mine"]);
    });
  });
});

Deno.test("continue tokens cannot page into another tenant", async (t) => {
  await tenants(async (a, b) => {
    for (let i = 0; i < 3; i++) await b.client.create(configMap(`p${i}`));
    const page = await b.client.list(CM, { namespace: "default", limit: 1 });
    const token = page.metadata.continue!;
    assert(token);
    await t.step("a token of tenant b lists tenant a's keys only", async () => {
      // The start key is relative to the prefix of the list it is used in: after "p1" in a.
      const list = await a.client.list(CM, { namespace: "default", continue: token });
      assert(names(list).every((n) => n === "default/mine"), names(list).join());
    });
    const enc = (o: unknown) =>
      btoa(JSON.stringify(o)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    const crafted = [
      { v: "meta.k8s.io/v1", rv: 0, start: "../../../../tenants/b/registry/configmaps/default/" },
      { v: "meta.k8s.io/v1", rv: 0, start: "/tenants/b/registry/configmaps/default/" },
      { v: "meta.k8s.io/v1", rv: 0, start: "\u0000" },
      { v: "meta.k8s.io/v1", rv: 1e308, start: "" },
      { v: "meta.k8s.io/v1", rv: -5, start: "" },
    ];
    for (const c of crafted) {
      await t.step(`crafted ${JSON.stringify(c)}`, async () => {
        try {
          const list = await a.client.list(CM, { namespace: "default", continue: enc(c) });
          assert(names(list).every((n) => n === "default/mine"), names(list).join());
        } catch (e) {
          assert(e instanceof StatusError, String(e));
        }
      });
    }
  });
});

Deno.test("a watch sees only its own tenant's changes", async () => {
  await tenants(async (a, b, root) => {
    const rv = (await a.client.list(CM, {})).metadata.resourceVersion;
    const w = a.client.watch(CM, { resourceVersion: rv });
    const seen: string[] = [];
    const done = (async () => {
      for await (const ev of w) {
        if (ev.type === "ERROR") break;
        seen.push(`${ev.type} ${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
        if (ev.object.metadata.name === "sentinel") break;
      }
    })();
    await b.client.create(configMap("leak"));
    await b.client.delete(configMap("theirs"));
    await root.client.create(configMap("leak-root"));
    await a.client.create(configMap("sentinel"));
    await done;
    w.stop();
    assertEquals(seen, ["ADDED default/sentinel"]);
  });
});

Deno.test("isConfinedKey() accepts only keys inside the prefix", async (t) => {
  const P = "/tenants/a/registry";
  const cases: [string, boolean][] = [
    [`${P}/configmaps/default/app`, true],
    [`${P}/configmaps/default/`, true],
    [`${P}/configmaps/`, true],
    [`${P}/example.com/widgets/ns/w`, true],
    [`${P}`, false],
    [`${P}/`, false],
    ["/tenants/ab/registry/configmaps/default/app", false],
    ["/registry/configmaps/default/app", false],
    [`${P}/configmaps/default/../../../../b/registry/x`, false],
    [`${P}/configmaps/./x`, false],
    [`${P}/configmaps//x`, false],
    [`${P}/configmaps/default/x\0`, false],
  ];
  for (const [key, want] of cases) {
    await t.step(key, () => assertEquals(isConfinedKey(P, key), want));
  }
});
