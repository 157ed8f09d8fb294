// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import type { KubeObject, ManagedFieldsEntry } from "../object/types.ts";
import { updateManagedFields, type UpdateManagedFieldsOptions } from "./managed_fields.ts";
import { CONFIG_MAP, DEPLOYMENT } from "./testdata/schemas.ts";

const T1 = "2026-01-01T00:00:00Z", T2 = "2026-01-02T00:00:00Z", T3 = "2026-01-03T00:00:00Z";

function cm(data: Record<string, string>, meta: Partial<KubeObject["metadata"]> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "a",
      namespace: "default",
      uid: "u",
      resourceVersion: "1",
      creationTimestamp: T1,
      ...meta,
    },
    data,
  };
}

function entry(
  manager: string,
  time: string,
  fieldsV1: Record<string, unknown>,
  extra: Partial<ManagedFieldsEntry> = {},
): ManagedFieldsEntry {
  return {
    manager,
    operation: "Update",
    apiVersion: "v1",
    time,
    fieldsType: "FieldsV1",
    fieldsV1,
    ...extra,
  };
}

function update(
  o: Partial<UpdateManagedFieldsOptions> & { obj: KubeObject; manager: string; time: string },
) {
  return updateManagedFields({ operation: "Update", apiVersion: "v1", schema: CONFIG_MAP, ...o });
}

/** The object as stored after a write. */
function stored(obj: KubeObject, managedFields: ManagedFieldsEntry[]): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, managedFields } };
}

Deno.test("updateManagedFields() on create owns every field set, containers marked with '.'", () => {
  const obj = cm({ k: "v" }, { labels: { app: "x" }, finalizers: ["a/b"] });
  assertEquals(update({ obj, manager: "kubectl-create", time: T1 }), [
    entry("kubectl-create", T1, {
      "f:data": { ".": {}, "f:k": {} },
      "f:metadata": {
        "f:finalizers": { ".": {}, 'v:"a/b"': {} },
        "f:labels": { ".": {}, "f:app": {} },
      },
    }),
  ]);
});

Deno.test("updateManagedFields() never tracks server-owned metadata", () => {
  const obj: KubeObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "a", uid: "u", generation: 1 },
  };
  assertEquals(update({ obj, manager: "m", time: T1 }), []);
});

Deno.test("updateManagedFields() moves changed fields to the writer", async (t) => {
  const v1 = cm({ k: "v", j: "w" });
  const created = stored(v1, update({ obj: v1, manager: "creator", time: T1 }));

  await t.step("modified and added fields leave other managers", () => {
    const obj = { ...created, data: { k: "v2", j: "w", n: "new" } };
    assertEquals(update({ old: created, obj, manager: "editor", time: T2 }), [
      entry("creator", T1, { "f:data": { ".": {}, "f:j": {} } }),
      entry("editor", T2, { "f:data": { "f:k": {}, "f:n": {} } }),
    ]);
  });

  await t.step("removed fields leave every manager; a manager left empty goes", () => {
    const obj = { ...created, data: {} };
    const mf = update({ old: created, obj, manager: "editor", time: T2 });
    // The map itself stays owned: only its entries went.
    assertEquals(mf, [entry("creator", T1, { "f:data": {} })]);
  });

  await t.step("an unchanged object keeps managedFields and their times", () => {
    assertEquals(
      update({ old: created, obj: created, manager: "editor", time: T2 }),
      created.metadata.managedFields,
    );
  });

  await t.step("the same manager keeps one entry, with the newest time", () => {
    const obj = { ...created, data: { k: "v2", j: "w2" } };
    const mf = update({ old: created, obj, manager: "creator", time: T3 });
    assertEquals(mf, [entry("creator", T3, { "f:data": { ".": {}, "f:j": {}, "f:k": {} } })]);
  });

  await t.step("other API versions and subresources get their own entries", () => {
    const obj = { ...created, data: { k: "v", j: "w", x: "1" } };
    const v2 = update({ old: created, obj, manager: "creator", apiVersion: "v2", time: T2 });
    assertEquals(v2.map((e) => [e.manager, e.apiVersion, e.time]), [["creator", "v1", T1], [
      "creator",
      "v2",
      T2,
    ]]);
    const sub = update({ old: created, obj, manager: "creator", subresource: "status", time: T2 });
    assertEquals(
      sub[1],
      entry("creator", T2, { "f:data": { "f:x": {} } }, { subresource: "status" }),
    );
  });
});

Deno.test("updateManagedFields() takes managedFields the write carries", async (t) => {
  const v1 = cm({ k: "v" });
  const created = stored(v1, update({ obj: v1, manager: "creator", time: T1 }));
  await t.step("[] and [{}] reset them", () => {
    for (const reset of [[], [{}]] as ManagedFieldsEntry[][]) {
      const obj = stored({ ...created, data: { k: "v2" } }, reset);
      assertEquals(update({ old: created, obj, manager: "editor", time: T2 }), []);
    }
  });
  await t.step("a replacement list is used as the starting point", () => {
    const mine = [entry("other", T1, { "f:data": { "f:k": {} } })];
    const obj = stored({ ...created, data: { k: "v", n: "1" } }, mine);
    assertEquals(update({ old: created, obj, manager: "editor", time: T2 }), [
      ...mine,
      entry("editor", T2, { "f:data": { "f:n": {} } }),
    ]);
  });
  await t.step("a subresource write ignores them", () => {
    const obj = stored({ ...created, data: { k: "v" } }, [
      entry("other", T1, { "f:data": { "f:k": {} } }),
    ]);
    assertEquals(
      update({ old: created, obj, manager: "editor", time: T2, subresource: "status" }),
      created.metadata.managedFields,
    );
  });
});

Deno.test("updateManagedFields() leaves an existing object without managedFields without them", () => {
  const old = cm({ k: "v" });
  assertEquals(update({ old, obj: cm({ k: "v2" }), manager: "editor", time: T2 }), []);
});

Deno.test("updateManagedFields() tracks list-map items and ignores reset fields", () => {
  const obj: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { template: { spec: { containers: [{ name: "a", image: "a:1" }] } } },
    status: { replicas: 1 },
  };
  const mf = updateManagedFields({
    obj,
    manager: "m",
    operation: "Update",
    apiVersion: "apps/v1",
    time: T1,
    schema: DEPLOYMENT,
    ignoredFields: ["status"],
  });
  assertEquals(mf[0]!.fieldsV1, {
    "f:spec": {
      ".": {},
      "f:template": {
        ".": {},
        "f:spec": {
          ".": {},
          "f:containers": {
            ".": {},
            'k:{"name":"a"}': { ".": {}, "f:image": {}, "f:name": {} },
          },
        },
      },
    },
  });
});

Deno.test("updateManagedFields() folds the oldest of more than ten Update entries into ancient-changes", () => {
  let obj = cm({});
  let mf: ManagedFieldsEntry[] = [];
  for (let i = 0; i < 12; i++) {
    const next = stored({
      ...obj,
      data: { ...(obj.data as Record<string, string>), [`k${i}`]: "v" },
    }, mf);
    mf = update({
      old: i === 0 ? undefined : obj,
      obj: next,
      manager: `m${i}`,
      time: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`,
    });
    obj = stored(next, mf);
  }
  assertEquals(mf.length, 10);
  assertEquals(mf[0]!.manager, "ancient-changes");
  assertEquals(mf[0]!.fieldsV1, { "f:data": { ".": {}, "f:k0": {}, "f:k1": {}, "f:k2": {} } });
  assertEquals(mf[0]!.time, "2026-01-01T00:00:02Z");
  assertEquals(mf.slice(1).map((e) => e.manager), [
    "m3",
    "m4",
    "m5",
    "m6",
    "m7",
    "m8",
    "m9",
    "m10",
    "m11",
  ]);
});

Deno.test("updateManagedFields() drops managedFields when the object breaks its list rules", () => {
  const old: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", managedFields: [entry("m", T1, { "f:spec": { "f:replicas": {} } })] },
    spec: { replicas: 1 },
  };
  const obj = {
    ...old,
    spec: { replicas: 1, template: { spec: { containers: [{ image: "x" }] } } },
  };
  assertEquals(
    updateManagedFields({
      old,
      obj,
      manager: "m",
      operation: "Update",
      apiVersion: "apps/v1",
      time: T2,
      schema: DEPLOYMENT,
    }),
    [],
  );
});

Deno.test("updateManagedFields() creates entries as the general comparison would", async (t) => {
  const objects: [string, KubeObject, typeof CONFIG_MAP | undefined][] = [
    [
      "ConfigMap",
      cm({ a: "1", b: "" }, { labels: { x: "y" }, annotations: {}, finalizers: ["f/g"] }),
      CONFIG_MAP,
    ],
    ["Deployment", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "web",
        ownerReferences: [{ apiVersion: "v1", kind: "X", name: "o", uid: "1" }],
      },
      spec: {
        replicas: 1,
        paused: null,
        selector: { matchLabels: { a: "b" } },
        template: {
          spec: {
            containers: [
              {
                name: "b",
                image: "b",
                ports: [{ containerPort: 80 }, { containerPort: 81, protocol: "UDP" }],
              },
              { name: "a", args: [], env: [] },
            ],
          },
        },
      },
    }, DEPLOYMENT],
    ["no schema", {
      apiVersion: "x/v1",
      kind: "X",
      metadata: { name: "x" },
      spec: { a: { b: [1] }, c: {} },
    }, undefined],
  ];
  for (const [name, obj, schema] of objects) {
    await t.step(name, () => {
      const fast = updateManagedFields({
        obj,
        manager: "m",
        operation: "Update",
        apiVersion: "v1",
        time: T1,
        schema,
      });
      // A managedFields list on the object takes the general path.
      const other = entry("other", T1, { "f:nothing": {} });
      const general = updateManagedFields({
        obj: { ...obj, metadata: { ...obj.metadata, managedFields: [other] } },
        manager: "m",
        operation: "Update",
        apiVersion: "v1",
        time: T1,
        schema,
      });
      const mine = general.find((e) => e.manager === "m")!;
      assertEquals(JSON.stringify(mine.fieldsV1), JSON.stringify(fast[0]!.fieldsV1));
    });
  }
});
