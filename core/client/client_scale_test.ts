// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { createRuntime, StatusError } from "../../mod.ts";
import { widgetCrd } from "../crd/_fixtures_test.ts";

const WIDGET = { apiVersion: "example.com/v1", kind: "Widget" };

/** Widgets with desired replicas and a selector in the spec, and the scale subresource. */
function crd() {
  return widgetCrd((c) => {
    c.spec.versions[0].subresources = { status: {}, scale: SCALE };
  }, {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: {
          replicas: { type: "integer" },
          selector: { type: "string" },
          size: { type: "integer" },
        },
      },
      status: {
        type: "object",
        properties: { replicas: { type: "integer" }, selector: { type: "string" } },
      },
    },
  });
}

const SCALE = {
  specReplicasPath: ".spec.replicas",
  statusReplicasPath: ".status.replicas",
  labelSelectorPath: ".status.selector",
};

async function statusOf(p: Promise<unknown>): Promise<StatusError> {
  return await assertRejects(() => p, StatusError);
}

Deno.test("the scale subresource", async (t) => {
  await using rt = await createRuntime({ store: "memory:" });
  const c = rt.client;
  await c.create(crd());
  const w = await c.create({
    ...WIDGET,
    metadata: { name: "w", namespace: "default" },
    spec: { replicas: 2, size: 1 },
  });
  await c.status().update({ ...w, status: { replicas: 1, selector: "app=w" } });
  const key = { namespace: "default", name: "w" };

  await t.step("get shows the replicas and selector at the declared paths", async () => {
    const s = await c.scale().get(WIDGET, key);
    const now = await c.get(WIDGET, key);
    assertEquals(s, {
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: {
        name: "w",
        namespace: "default",
        uid: now.metadata.uid,
        resourceVersion: now.metadata.resourceVersion,
        creationTimestamp: now.metadata.creationTimestamp,
      },
      spec: { replicas: 2 },
      status: { replicas: 1, selector: "app=w" },
    });
  });

  await t.step("concurrent patches without a resourceVersion all apply", async () => {
    const before = await c.get(WIDGET, key);
    const n = 6;
    await Promise.all(
      Array.from(
        { length: n },
        (_, i) => c.scale().patch(WIDGET, key, { spec: { replicas: 10 + i } }, { type: "merge" }),
      ),
    );
    const after = await c.get(WIDGET, key);
    assertEquals(after.metadata.generation, before.metadata.generation! + n);
  });

  await t.step("patch sets spec.replicas and bumps the generation", async () => {
    const before = await c.get(WIDGET, key);
    const s = await c.scale().patch(WIDGET, key, { spec: { replicas: 5 } }, { type: "merge" });
    assertEquals(s.spec, { replicas: 5 });
    const after = await c.get(WIDGET, key);
    assertEquals(after.spec, { replicas: 5, size: 1 });
    assertEquals(after.metadata.generation, before.metadata.generation! + 1);
    assertEquals(s.metadata.resourceVersion, after.metadata.resourceVersion);
  });

  await t.step("update with a stale resourceVersion is a conflict", async () => {
    const s = await c.scale().get(WIDGET, key);
    await c.scale().update(WIDGET, key, { ...s, spec: { replicas: 3 } });
    const err = await statusOf(c.scale().update(WIDGET, key, { ...s, spec: { replicas: 4 } }));
    assertEquals(err.status.code, 409);
    assertEquals(
      err.message,
      'Operation cannot be fulfilled on widgets.example.com "w": the object has been modified; please apply your changes to the latest version and try again',
    );
    assertEquals((await c.get(WIDGET, key)).spec, { replicas: 3, size: 1 });
  });

  await t.step("negative replicas are invalid", async () => {
    const err = await statusOf(
      c.scale().patch(WIDGET, key, { spec: { replicas: -1 } }, { type: "merge" }),
    );
    assertEquals(err.status.code, 422);
    assertEquals(
      err.message,
      'Scale.autoscaling "w" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  await t.step("zero replicas: spec.replicas is omitted, as int32 omitempty", async () => {
    const s = await c.scale().patch(WIDGET, key, { spec: { replicas: 0 } }, { type: "merge" });
    assertEquals(s.spec, {});
    assertEquals((await c.get(WIDGET, key)).spec, { replicas: 0, size: 1 });
  });

  await t.step("missing objects and kinds without the subresource are 404s", async () => {
    const missing = await statusOf(c.scale().get(WIDGET, { namespace: "default", name: "x" }));
    assertEquals(missing.message, 'widgets.example.com "x" not found');
    const cm = await statusOf(
      c.scale().get({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "default", name: "a" }),
    );
    assertEquals(cm.message, "the server could not find the requested resource");
  });
});
