// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import type { KubeObject, ManagedFieldsEntry } from "../object/types.ts";
import { StatusError } from "../errors/status_error.ts";
import { serverSideApply, type ServerSideApplyOptions } from "./server_side_apply.ts";
import { updateManagedFields } from "./managed_fields.ts";
import { CONFIG_MAP, DEPLOYMENT } from "./testdata/schemas.ts";

const T1 = "2026-01-01T00:00:00Z", T2 = "2026-01-02T00:00:00Z", T3 = "2026-01-03T00:00:00Z";

function cm(data: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "app", namespace: "default" },
    data,
    ...extra,
  };
}

function apply(
  o: Partial<ServerSideApplyOptions> & { applied: KubeObject; manager: string },
): KubeObject {
  return serverSideApply({
    force: false,
    apiVersion: o.applied.apiVersion,
    time: T2,
    schema: CONFIG_MAP,
    ...o,
  });
}

/** What the store adds on create. */
function persisted(obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, uid: "u1", resourceVersion: "1", creationTimestamp: T1 },
  };
}

function applyEntry(
  manager: string,
  time: string | undefined,
  fieldsV1: Record<string, unknown>,
): ManagedFieldsEntry {
  return {
    manager,
    operation: "Apply",
    apiVersion: "v1",
    ...(time ? { time } : {}),
    fieldsType: "FieldsV1",
    fieldsV1,
  } as ManagedFieldsEntry;
}

function conflictOf(f: () => unknown): StatusError {
  const err = assertThrows(f, StatusError);
  assertEquals([err.code, err.reason], [409, "Conflict"]);
  return err;
}

Deno.test("serverSideApply() creates an object owned by the applier", () => {
  const applied = cm({ k: "v" });
  applied.metadata.labels = { app: "web" };
  const out = apply({ applied, manager: "kubectl", time: T1 });
  assertEquals(out, {
    ...applied,
    metadata: {
      ...applied.metadata,
      managedFields: [
        applyEntry("kubectl", T1, {
          "f:data": { "f:k": {} },
          "f:metadata": { "f:labels": { "f:app": {} } },
        }),
      ],
    },
  });
});

Deno.test("serverSideApply() re-applying the same configuration changes nothing", () => {
  const live = persisted(apply({ applied: cm({ k: "v" }), manager: "kubectl", time: T1 }));
  const again = apply({ live, applied: cm({ k: "v" }), manager: "kubectl", time: T3 });
  assertEquals(again, live);
});

Deno.test("serverSideApply() removes fields the applier stops applying", async (t) => {
  const live = persisted(apply({ applied: cm({ k: "v", j: "w" }), manager: "kubectl", time: T1 }));
  await t.step("when nobody else owns them", () => {
    const out = apply({ live, applied: cm({ k: "v" }), manager: "kubectl", time: T2 });
    assertEquals(out.data, { k: "v" });
    assertEquals(out.metadata.managedFields, [
      applyEntry("kubectl", T2, { "f:data": { "f:k": {} } }),
    ]);
    assertEquals([out.metadata.uid, out.metadata.resourceVersion], ["u1", "1"]);
  });
  await t.step("but keeps those another manager shares", () => {
    const shared = persisted(apply({ live, applied: cm({ j: "w" }), manager: "other", time: T2 }));
    const out = apply({ live: shared, applied: cm({ k: "v" }), manager: "kubectl", time: T3 });
    assertEquals(out.data, { k: "v", j: "w" });
  });
  await t.step("and all of them when the applier applies nothing of them", () => {
    const { data: _, ...bare } = cm({});
    const out = apply({ live, applied: bare as KubeObject, manager: "kubectl", time: T2 });
    assertEquals(out.data, undefined);
    assertEquals(out.metadata.managedFields, undefined);
  });
  await t.step("an applied empty map is owned, its old entries go", () => {
    const out = apply({ live, applied: cm({}), manager: "kubectl", time: T2 });
    assertEquals(out.data, undefined);
    assertEquals(out.metadata.managedFields, [applyEntry("kubectl", T2, { "f:data": {} })]);
  });
});

Deno.test("serverSideApply() shares ownership of fields set to the same value", () => {
  const live = persisted(apply({ applied: cm({ k: "v" }), manager: "alice", time: T1 }));
  const out = apply({ live, applied: cm({ k: "v" }), manager: "bob", time: T2 });
  assertEquals(out.data, { k: "v" });
  // Nothing changed, so bob's entry gets no time and sorts first, as in Kubernetes.
  assertEquals(out.metadata.managedFields, [
    applyEntry("bob", undefined, { "f:data": { "f:k": {} } }),
    applyEntry("alice", T1, { "f:data": { "f:k": {} } }),
  ]);
});

Deno.test("serverSideApply() reports conflicts as the apiserver does", async (t) => {
  const alice = persisted(apply({ applied: cm({ a: "1", b: "1" }), manager: "alice", time: T1 }));

  await t.step("with another applier", () => {
    const err = conflictOf(() => apply({ live: alice, applied: cm({ a: "2" }), manager: "bob" }));
    assertEquals(err.message, 'Apply failed with 1 conflict: conflict with "alice": .data.a');
    assertEquals(err.status.details, {
      causes: [{
        reason: "FieldManagerConflict",
        message: 'conflict with "alice"',
        field: ".data.a",
      }],
    });
  });

  await t.step("with an Update manager", () => {
    const created = persisted(cm({ k: "v" }));
    created.metadata.managedFields = updateManagedFields({
      obj: created,
      manager: "kubectl-client-side-apply",
      operation: "Update",
      apiVersion: "v1",
      time: T1,
      schema: CONFIG_MAP,
    });
    const err = conflictOf(() =>
      apply({ live: created, applied: cm({ k: "v2" }), manager: "ssa" })
    );
    assertEquals(
      err.message,
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.k',
    );
  });

  await t.step("several, grouped by manager", () => {
    const edited = { ...alice, data: { a: "1", b: "1", c: "1" } };
    edited.metadata = {
      ...edited.metadata,
      managedFields: updateManagedFields({
        old: alice,
        obj: edited,
        manager: "editor",
        operation: "Update",
        apiVersion: "v1",
        time: T2,
        schema: CONFIG_MAP,
      }),
    };
    const err = conflictOf(() =>
      apply({ live: edited, applied: cm({ a: "2", b: "2", c: "2" }), manager: "bob" })
    );
    assertEquals(
      err.message,
      'Apply failed with 3 conflicts: conflicts with "alice":\n- .data.a\n- .data.b\nconflicts with "editor" using v1:\n- .data.c',
    );
    assertEquals(err.status.details?.causes?.map((c) => c.field), [
      ".data.a",
      ".data.b",
      ".data.c",
    ]);
  });

  await t.step("from a subresource manager", () => {
    const status = persisted(
      apply({ applied: cm({ s: "1" }), manager: "ctl", subresource: "status", time: T1 }),
    );
    const err = conflictOf(() => apply({ live: status, applied: cm({ s: "2" }), manager: "bob" }));
    assertEquals(
      err.message,
      'Apply failed with 1 conflict: conflict with "ctl" with subresource "status": .data.s',
    );
  });
});

Deno.test("serverSideApply() with force takes the conflicting fields over", () => {
  const alice = persisted(apply({ applied: cm({ a: "1", b: "1" }), manager: "alice", time: T1 }));
  const out = apply({
    live: alice,
    applied: cm({ a: "2" }),
    manager: "bob",
    force: true,
    time: T2,
  });
  assertEquals(out.data, { a: "2", b: "1" });
  assertEquals(out.metadata.managedFields, [
    applyEntry("alice", T1, { "f:data": { "f:b": {} } }),
    applyEntry("bob", T2, { "f:data": { "f:a": {} } }),
  ]);
});

Deno.test("serverSideApply() merges list-map items by key and keeps the live order", () => {
  const deploy = (containers: unknown[]): KubeObject => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { template: { spec: { containers } } },
  });
  const opts = { schema: DEPLOYMENT, apiVersion: "apps/v1" };
  const a = persisted(
    apply({
      ...opts,
      applied: deploy([{ name: "a", image: "a:1" }, { name: "b", image: "b:1" }]),
      manager: "one",
      time: T1,
    }),
  );
  const b = apply({
    ...opts,
    live: a,
    applied: deploy([{ name: "c", image: "c:1" }]),
    manager: "two",
  });
  assertEquals(
    (b.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers,
    [
      { name: "a", image: "a:1" },
      { name: "b", image: "b:1" },
      { name: "c", image: "c:1" },
    ],
  );
  const err = conflictOf(() =>
    apply({
      ...opts,
      live: persisted(b),
      applied: deploy([{ name: "a", image: "a:2" }]),
      manager: "two",
    })
  );
  assertEquals(
    err.message,
    'Apply failed with 1 conflict: conflict with "one": .spec.template.spec.containers[name="a"].image',
  );
  const dropped = apply({
    ...opts,
    live: persisted(b),
    applied: deploy([{ name: "a", image: "a:1" }]),
    manager: "two",
  });
  assertEquals(
    (dropped.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec
      .containers.map((c) => c.name),
    ["a", "b"],
  );
});

Deno.test("serverSideApply() validates its input as the apiserver does", async (t) => {
  await t.step("a missing manager is 422", () => {
    const err = assertThrows(() => apply({ applied: cm({}), manager: "" }), StatusError);
    assertEquals([err.code, err.message], [
      422,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    ]);
  });
  await t.step("managedFields in the configuration are 400", () => {
    const applied = cm({});
    applied.metadata.managedFields = [];
    const err = assertThrows(() => apply({ applied, manager: "m" }), StatusError);
    assertEquals([err.code, err.message], [400, "metadata.managedFields must be nil"]);
  });
  await t.step("another kind is 400", () => {
    const err = assertThrows(
      () => apply({ applied: cm({}), manager: "m", apiVersion: "v2" }),
      StatusError,
    );
    assertEquals([err.code, err.message], [400, "invalid object type: /v1, Kind=ConfigMap"]);
  });
  await t.step("duplicate list keys are 500", () => {
    const applied: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "ns" },
      spec: { template: { spec: { containers: [{ name: "x" }, { name: "x" }] } } },
    };
    const err = assertThrows(
      () => apply({ applied, manager: "m", schema: DEPLOYMENT }),
      StatusError,
    );
    assertEquals([err.code, err.message], [
      500,
      'failed to create typed patch object (ns/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="x"]',
    ]);
  });
});

Deno.test("serverSideApply() lets kubectl take over its client-side apply fields", () => {
  const lastApplied =
    '{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"app","namespace":"default"}}\n';
  const created = persisted(cm({ k: "v" }));
  created.metadata.annotations = {
    "kubectl.kubernetes.io/last-applied-configuration": lastApplied,
  };
  created.metadata.managedFields = updateManagedFields({
    obj: created,
    manager: "kubectl-client-side-apply",
    operation: "Update",
    apiVersion: "v1",
    time: T1,
    schema: CONFIG_MAP,
  });
  const out = apply({ live: created, applied: cm({ k: "v2" }), manager: "kubectl", time: T2 });
  assertEquals(out.data, { k: "v2" });
  assertEquals(
    out.metadata.annotations!["kubectl.kubernetes.io/last-applied-configuration"],
    '{"apiVersion":"v1","data":{"k":"v2"},"kind":"ConfigMap","metadata":{"name":"app","namespace":"default"}}\n',
  );
  assertEquals(out.metadata.managedFields!.map((e) => [e.manager, e.fieldsV1]), [
    ["kubectl", { "f:data": { "f:k": {} } }],
    ["kubectl-client-side-apply", {
      "f:data": {},
      "f:metadata": {
        "f:annotations": { ".": {}, "f:kubectl.kubernetes.io/last-applied-configuration": {} },
      },
    }],
  ]);
  // Another manager gets the conflict.
  conflictOf(() => apply({ live: created, applied: cm({ k: "v2" }), manager: "someone" }));
});

Deno.test("serverSideApply() leaves reset fields unowned", () => {
  const applied = cm({ k: "v" }, { status: { phase: "x" } });
  const out = apply({ applied, manager: "m", ignoredFields: ["status"], time: T1 });
  assertEquals(out.metadata.managedFields![0]!.fieldsV1, { "f:data": { "f:k": {} } });
});
