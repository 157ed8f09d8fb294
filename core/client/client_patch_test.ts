// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { type Client, createRuntime, isConflict, type KubeObject, StatusError } from "../../mod.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap" };
const SA = { apiVersion: "v1", kind: "ServiceAccount" };
const key = { namespace: "default", name: "app" };

async function withClient(fn: (c: Client) => Promise<void>): Promise<void> {
  const rt = await createRuntime({ store: "memory:" });
  try {
    await fn(rt.client);
  } finally {
    await rt.close();
  }
}

function app(data: Record<string, string>): KubeObject {
  return { ...CM, metadata: { name: "app", namespace: "default" }, data };
}

Deno.test("merge patch: null deletes a key, others merge", () =>
  withClient(async (c) => {
    await c.create(app({ a: "1", b: "2" }));
    const p = await c.patch(CM, key, { data: { a: null, c: "3" } }, { type: "merge" });
    assertEquals(p.data, { b: "2", c: "3" });
  }));

Deno.test("merge patch with a stale resourceVersion is a Conflict", () =>
  withClient(async (c) => {
    const a = await c.create(app({ a: "1" }));
    await c.patch(CM, key, { data: { a: "2" } }, { type: "merge" });
    const e = await assertRejects(
      () =>
        c.patch(CM, key, {
          metadata: { resourceVersion: a.metadata.resourceVersion },
          data: { a: "3" },
        }, { type: "merge" }),
      StatusError,
    );
    assertEquals(isConflict(e), true);
  }));

Deno.test("concurrent patches without a resourceVersion all apply: the server retries them", async (t) => {
  const patches: [string, "merge" | "strategic" | "json", (i: number) => unknown][] = [
    ["merge", "merge", (i) => ({ data: { [`k${i}`]: "v" } })],
    ["strategic", "strategic", (i) => ({ data: { [`k${i}`]: "v" } })],
    ["json", "json", (i) => [{ op: "add", path: `/data/k${i}`, value: "v" }]],
  ];
  for (const [name, type, patch] of patches) {
    await t.step(name, () =>
      withClient(async (c) => {
        await c.create(app({ a: "1" }));
        const n = 8;
        await Promise.all(
          Array.from({ length: n }, (_, i) => c.patch(CM, key, patch(i), { type })),
        );
        const got = await c.get(CM, key);
        assertEquals(Object.keys(got.data ?? {}).length, n + 1);
      }));
  }
});

Deno.test("JSON patch: a failed test aborts the whole patch", () =>
  withClient(async (c) => {
    await c.create(app({ a: "1" }));
    await assertRejects(
      () =>
        c.patch(CM, key, [
          { op: "replace", path: "/data/a", value: "2" },
          { op: "test", path: "/data/a", value: "nope" },
        ], { type: "json" }),
      StatusError,
    );
    assertEquals((await c.get(CM, key)).data, { a: "1" });
    const ok = await c.patch(CM, key, [{ op: "add", path: "/data/b", value: "x" }], {
      type: "json",
    });
    assertEquals(ok.data, { a: "1", b: "x" });
  }));

Deno.test("strategic merge patch merges lists by their merge key", () =>
  withClient(async (c) => {
    await c.create({
      ...SA,
      metadata: { name: "app", namespace: "default" },
      secrets: [{ name: "a" }],
    });
    const p = await c.patch(SA, key, { secrets: [{ name: "b" }] }, { type: "strategic" });
    assertEquals((p.secrets as { name: string }[]).map((s) => s.name).sort(), ["a", "b"]);
  }));

Deno.test("server-side apply: ownership, conflicts and force", () =>
  withClient(async (c) => {
    const created = await c.patch(CM, key, app({ k: "v" }), {
      type: "apply",
      fieldManager: "alice",
    });
    assertEquals(created.data, { k: "v" });
    assertEquals(created.metadata.managedFields?.[0]?.manager, "alice");
    const e = await assertRejects(
      () => c.patch(CM, key, app({ k: "other" }), { type: "apply", fieldManager: "bob" }),
      StatusError,
    );
    assertEquals(e.message, 'Apply failed with 1 conflict: conflict with "alice": .data.k');
    assertEquals((e as StatusError).status.code, 409);
    const forced = await c.patch(CM, key, app({ k: "other" }), {
      type: "apply",
      fieldManager: "bob",
      force: true,
    });
    assertEquals(forced.data, { k: "other" });
    // alice re-applies without k: k stays, because bob owns it now.
    const kept = await c.patch(CM, key, app({ extra: "1" }), {
      type: "apply",
      fieldManager: "alice",
    });
    assertEquals(kept.data, { k: "other", extra: "1" });
    // bob drops k: it goes, nobody else owns it.
    const dropped = await c.patch(CM, key, app({}), { type: "apply", fieldManager: "bob" });
    assertEquals(dropped.data, { extra: "1" });
    await assertRejects(
      () => c.patch(CM, key, app({}), { type: "apply" }),
      StatusError,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  }));

Deno.test("apply conflicts with an Update manager name its version", () =>
  withClient(async (c) => {
    await c.create(app({ k: "v" }), { fieldManager: "kubectl-client-side-apply" });
    await assertRejects(
      () => c.apply(app({ k: "x" }), { fieldManager: "kubectl" }),
      StatusError,
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.k',
    );
  }));

Deno.test("strategic merge patch on a custom kind is 415", () =>
  withClient(async (c) => {
    await c.create(app({}));
    // ConfigMaps accept strategic patches; an unknown patch type does not.
    const e = await assertRejects(
      () => c.patch(CM, key, {}, { type: "yaml" as "merge" }),
      StatusError,
    );
    assertEquals((e as StatusError).status.code, 415);
  }));

Deno.test("server-side apply of another type is 400, as the apiserver's field manager says", async (t) => {
  for (
    const [name, body, message] of [
      [
        "another kind",
        { apiVersion: "v1", kind: "Secret" },
        "invalid object type: /v1, Kind=Secret",
      ],
      [
        "another version",
        { apiVersion: "v2", kind: "ConfigMap" },
        "invalid object type: /v2, Kind=ConfigMap",
      ],
      ["no type", {}, "invalid object type: /, Kind="],
    ] as const
  ) {
    await t.step(name, () =>
      withClient(async (c) => {
        for (const existing of [false, true]) {
          if (existing) await c.create(app({}));
          const e = await assertRejects(
            () =>
              c.patch(CM, key, { ...body, metadata: key }, { type: "apply", fieldManager: "m" }),
            StatusError,
          );
          assertEquals([(e as StatusError).status.code, e.message], [400, message]);
        }
      }));
  }
});
