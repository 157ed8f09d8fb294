// Copyright 2026 the k1s authors. Apache-2.0 license.
// Unit tests of the inventory controllers on the controller test environment (fake client,
// fake clock).
import { assert, assertEquals, assertRejects } from "@std/assert";
import { isNotFound } from "@k1s/core";
import { createControllerTestEnv } from "@k1s/core/testing";
import {
  CATEGORY_CONTROLLER,
  createCategoryController,
  createItemController,
  IN_USE_FINALIZER,
  ITEM_CONTROLLER,
  MISSING_CATEGORY_RETRY_MS,
} from "../../examples/inventory/controllers/mod.ts";
import {
  type Category,
  CategoryGVK,
  type Item,
  ItemGVK,
  register,
} from "../../examples/inventory/generated/mod.ts";

const START = new Date("2026-01-01T00:00:00Z");

function category(name: string, parent?: string): Category {
  return {
    apiVersion: CategoryGVK.apiVersion,
    kind: CategoryGVK.kind,
    metadata: { name, namespace: "default" },
    spec: { name: name[0].toUpperCase() + name.slice(1), ...(parent ? { parent } : {}) },
  };
}

function item(name: string, categoryName: string): Item {
  return {
    apiVersion: ItemGVK.apiVersion,
    kind: ItemGVK.kind,
    metadata: { name, namespace: "default" },
    spec: { name, quantity: 1, price: 100, category: categoryName },
  };
}

async function setup() {
  const env = await createControllerTestEnv({ start: START });
  register(env.runtime);
  const clock = () => new Date(env.clock.now());
  env.runtime.controllers.add(createCategoryController({ now: clock }));
  env.runtime.controllers.add(createItemController({ now: clock }));
  const getCategory = (name: string) =>
    env.client.get<Category>(CategoryGVK, { namespace: "default", name });
  const reasons = async (name: string) =>
    (await env.events("default"))
      .filter((e) => (e.involvedObject as { name: string }).name === name)
      .map((e) => `${e.type} ${e.reason}: ${e.message}`);
  return { env, getCategory, reasons };
}

async function seedExample(env: Awaited<ReturnType<typeof setup>>["env"]): Promise<void> {
  for (
    const o of [
      category("electronics"),
      category("computers", "electronics"),
      item("laptop-123", "computers"),
      item("monitor-789", "computers"),
      item("phone-456", "electronics"),
    ]
  ) await env.client.create(o);
}

Deno.test("category controller counts items and subcategories into the status", async () => {
  const { env, getCategory, reasons } = await setup();
  await using _ = env;
  await seedExample(env);
  const result = await env.drain();
  assertEquals([result.failed, result.remaining], [[], []]);

  const electronics = await getCategory("electronics");
  assertEquals(electronics.status, {
    itemCount: 1,
    subCategoryCount: 1,
    lastUpdated: "2026-01-01T00:00:00Z",
    observedGeneration: 1,
  });
  assertEquals(electronics.metadata.finalizers, [IN_USE_FINALIZER]);
  const computers = await getCategory("computers");
  assertEquals([computers.status?.itemCount, computers.status?.subCategoryCount], [2, 0]);
  assertEquals(await reasons("electronics"), [
    "Normal Updated: counted 1 item and 1 subcategory",
  ]);
  assertEquals(await reasons("computers"), [
    "Normal Updated: counted 2 items and 0 subcategories",
  ]);

  // A quiet drain writes nothing: the status is only written when it changes.
  const rv = (await getCategory("electronics")).metadata.resourceVersion;
  env.clock.advance(60_000);
  await env.reconcile(CATEGORY_CONTROLLER, { namespace: "default", name: "electronics" });
  assertEquals((await getCategory("electronics")).metadata.resourceVersion, rv);
});

Deno.test("category controller follows items and categories that move", async () => {
  const { env, getCategory } = await setup();
  await using _ = env;
  await seedExample(env);
  await env.drain();
  env.clock.advance(5_000);

  // An item moves: both its old and its new category are recounted.
  await env.client.patch(ItemGVK, { namespace: "default", name: "laptop-123" }, {
    spec: { category: "electronics" },
  }, { type: "merge" });
  await env.drain();
  const electronics = await getCategory("electronics");
  assertEquals(electronics.status?.itemCount, 2);
  assertEquals(electronics.status?.lastUpdated, "2026-01-01T00:00:05Z");
  assertEquals((await getCategory("computers")).status?.itemCount, 1);

  // A subcategory leaves its parent; a new one arrives.
  await env.client.patch(CategoryGVK, { namespace: "default", name: "computers" }, {
    spec: { parent: null },
  }, { type: "merge" });
  await env.client.create(category("phones", "electronics"));
  await env.client.create(category("laptops", "computers"));
  await env.drain();
  assertEquals((await getCategory("electronics")).status?.subCategoryCount, 1);
  assertEquals((await getCategory("computers")).status?.subCategoryCount, 1);

  // A deleted item is no longer counted.
  await env.client.delete(ItemGVK, { namespace: "default", name: "phone-456" });
  await env.drain();
  assertEquals((await getCategory("electronics")).status?.itemCount, 1);
});

Deno.test("category controller holds a category in use until nothing references it", async () => {
  const { env, getCategory, reasons } = await setup();
  await using _ = env;
  await seedExample(env);
  await env.drain();

  await env.client.delete(CategoryGVK, { namespace: "default", name: "computers" });
  await env.drain();
  const held = await getCategory("computers");
  assert(held.metadata.deletionTimestamp);
  assertEquals(held.metadata.finalizers, [IN_USE_FINALIZER]);
  const inUse =
    "Warning InUse: category is still used by 2 items and 0 subcategories; delete or move them before the category can be deleted";
  assertEquals(await reasons("computers"), [
    "Normal Updated: counted 2 items and 0 subcategories",
    inUse,
  ]);

  // Draining again (nothing changed) does not warn again.
  await env.reconcile(CATEGORY_CONTROLLER, { namespace: "default", name: "computers" });
  assertEquals((await reasons("computers")).length, 2);

  // One item goes: still held, warned with the new count.
  await env.client.delete(ItemGVK, { namespace: "default", name: "laptop-123" });
  await env.drain();
  assertEquals((await getCategory("computers")).status?.itemCount, 1);
  assertEquals((await reasons("computers")).at(-1), inUse.replace("2 items", "1 item"));

  // The last one goes: the finalizer is removed and the category with it.
  await env.client.delete(ItemGVK, { namespace: "default", name: "monitor-789" });
  await env.drain();
  await assertRejects(() => getCategory("computers"), Error, "not found");
  assertEquals(
    (await reasons("computers")).at(-1),
    `Normal Released: no items or subcategories reference the category; removed finalizer ${IN_USE_FINALIZER}`,
  );
  // Its parent no longer counts it.
  assertEquals((await getCategory("electronics")).status?.subCategoryCount, 0);
});

Deno.test("category controller holds a parent while a subcategory names it", async () => {
  const { env, getCategory, reasons } = await setup();
  await using _ = env;
  await env.client.create(category("electronics"));
  await env.client.create(category("computers", "electronics"));
  await env.drain();
  await env.client.delete(CategoryGVK, { namespace: "default", name: "electronics" });
  await env.drain();
  assert((await getCategory("electronics")).metadata.deletionTimestamp);
  assertEquals(
    (await reasons("electronics")).at(-1),
    "Warning InUse: category is still used by 0 items and 1 subcategory; delete or move them before the category can be deleted",
  );
  // Deleting the child (unused) releases it, and then the parent.
  await env.client.delete(CategoryGVK, { namespace: "default", name: "computers" });
  await env.drain();
  const left = await env.client.list(CategoryGVK, { namespace: "default" });
  assertEquals(left.items, []);
});

Deno.test("category controller lets an unused category go at once", async () => {
  const { env, getCategory } = await setup();
  await using _ = env;
  await env.client.create(category("toys"));
  await env.drain();
  assertEquals((await getCategory("toys")).metadata.finalizers, [IN_USE_FINALIZER]);
  await env.client.delete(CategoryGVK, { namespace: "default", name: "toys" });
  await env.drain();
  const err = await getCategory("toys").catch((e) => e);
  assert(isNotFound(err));
});

Deno.test("item controller sets the initial status and warns about a missing category", async () => {
  const { env, reasons } = await setup();
  await using _ = env;
  await env.client.create(item("lamp-1", "lighting"));
  const first = await env.drain();
  const lamp = await env.client.get<Item>(ItemGVK, {
    namespace: "default",
    name: "lamp-1",
  });
  assertEquals(lamp.status, { status: "Available", lastUpdated: "2026-01-01T00:00:00Z" });
  assertEquals(await reasons("lamp-1"), [
    'Warning CategoryNotFound: category "lighting" not found in namespace "default"',
  ]);
  assertEquals(
    first.scheduled.map((s) => [s.controller, s.request.name, s.due - START.getTime()]),
    [[ITEM_CONTROLLER, "lamp-1", MISSING_CATEGORY_RETRY_MS]],
  );

  // The category appears; the retry finds it and schedules nothing more.
  await env.client.create(category("lighting"));
  env.clock.advance(MISSING_CATEGORY_RETRY_MS);
  const later = await env.drain();
  assertEquals(later.scheduled, []);
  assertEquals((await reasons("lamp-1")).length, 1);

  // A status the user set is kept.
  await env.client.status().patch(ItemGVK, { namespace: "default", name: "lamp-1" }, {
    status: { status: "Sold" },
  }, { type: "merge" });
  await env.drain();
  const sold = await env.client.get<Item>(ItemGVK, {
    namespace: "default",
    name: "lamp-1",
  });
  assertEquals(sold.status?.status, "Sold");
});
