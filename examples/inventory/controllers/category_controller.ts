// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The category controller: keeps each Category's item and subcategory counts current and stops
 * a Category that is still in use from being deleted.
 *
 * @module
 */
import {
  addFinalizer,
  type Controller,
  isNotFound,
  type KubeObject,
  type ReconcileContext,
  removeFinalizer,
  type Request,
} from "@k1s/core";
import {
  type Category,
  CategoryGVK,
  type CategoryStatus,
  type Item,
  ItemGVK,
} from "../generated/mod.ts";
import { countText, timestamp } from "./_text.ts";

/** The finalizer that holds a Category while Items or sub-Categories reference it. */
export const IN_USE_FINALIZER = "inventory.examples.k1s.dtomasi.github.io/in-use";

/** The name of the category controller: its field manager and its events' source. */
export const CATEGORY_CONTROLLER = "category-controller";

/** Options of {@linkcode createCategoryController}. */
export interface CategoryControllerOptions {
  /** The clock for `status.lastUpdated`. @default {() => new Date()} */
  now?: () => Date;
}

/**
 * Creates the category controller. For every Category it
 *
 * - counts the Items whose `spec.category` and the Categories whose `spec.parent` is the
 *   Category's name (in its namespace) into `status.itemCount` and `status.subCategoryCount`,
 *   through the status subresource, and records a `Normal Updated` event when a count changes;
 * - adds the {@linkcode IN_USE_FINALIZER}; when the Category is being deleted it keeps the
 *   finalizer (and records a `Warning InUse` event) while anything still references it, and
 *   removes it, letting the Category go, once nothing does.
 *
 * Changes of Items trigger their (old and new) Category; changes of Categories also trigger
 * their parent.
 *
 * @param options The clock.
 * @returns The controller, for `createCli({ controllers })` or `rt.controllers.add()`.
 *
 * @example Counting the items of a category
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * import { register } from "../generated/mod.ts";
 * import { createCategoryController } from "./category_controller.ts";
 *
 * await using rt = await createRuntime({ store: "memory:" });
 * register(rt);
 * rt.controllers.add(createCategoryController());
 * const meta = (name: string) => ({ name, namespace: "default" });
 * const apiVersion = "examples.k1s.dtomasi.github.io/v1alpha1";
 * await rt.client.create({ apiVersion, kind: "Category", metadata: meta("books"), spec: { name: "Books" } });
 * await rt.client.create({
 *   apiVersion, kind: "Item", metadata: meta("novel"),
 *   spec: { name: "A novel", quantity: 3, category: "books" },
 * });
 * await rt.controllers.drain();
 * const books = await rt.client.get({ apiVersion, kind: "Category" }, meta("books"));
 * assertEquals((books.status as { itemCount: number }).itemCount, 1);
 * ```
 */
export function createCategoryController(options: CategoryControllerOptions = {}): Controller {
  const now = options.now ?? (() => new Date());
  return {
    name: CATEGORY_CONTROLLER,
    for: CategoryGVK,
    watches: [
      // An Item counts for the Category it names; updates map both the old and the new Item,
      // so moving an Item recounts both Categories.
      { type: ItemGVK, map: (obj) => categoryRequests(obj, specField(obj, "category")) },
      // A Category counts for its parent.
      { type: CategoryGVK, map: (obj) => categoryRequests(obj, specField(obj, "parent")) },
    ],
    reconcile: (ctx, req) => reconcileCategory(ctx, req, now),
  };
}

function specField(obj: KubeObject, field: string): unknown {
  return (obj.spec as Record<string, unknown> | undefined)?.[field];
}

// The request of the Category an object names, in the object's namespace.
function categoryRequests(obj: KubeObject, name: unknown): Request[] {
  return typeof name === "string" && name ? [{ namespace: obj.metadata.namespace, name }] : [];
}

async function reconcileCategory(
  { client, recorder }: ReconcileContext,
  req: Request,
  now: () => Date,
): Promise<void> {
  let category: Category;
  try {
    category = await client.get<Category>(CategoryGVK, req);
  } catch (e) {
    if (isNotFound(e)) return; // Gone: its parent was triggered by the deletion itself.
    throw e;
  }
  const namespace = req.namespace;
  const [items, categories] = await Promise.all([
    client.list<Item>(ItemGVK, { namespace }),
    client.list<Category>(CategoryGVK, { namespace }),
  ]);
  const itemCount = items.items.filter((i) => i.spec?.category === req.name).length;
  const subCategoryCount = categories.items.filter((c) => c.spec?.parent === req.name).length;
  const inUse = itemCount + subCategoryCount > 0;
  const counted = `${countText(itemCount, "item")} and ${
    countText(subCategoryCount, "subcategory", "subcategories")
  }`;

  if (category.metadata.deletionTimestamp) {
    if (!inUse) {
      // Nothing references it any more: let it go. The update that empties the finalizers
      // removes the Category.
      if (removeFinalizer(category, IN_USE_FINALIZER)) {
        await client.update(category);
        recorder.event(
          category,
          "Normal",
          "Released",
          `no items or subcategories reference the category; removed finalizer ${IN_USE_FINALIZER}`,
        );
      }
      return;
    }
    // Still in use: the finalizer stays. Warn once per deletion (the deletion raised the
    // generation) and again whenever the counts change.
    if (await writeStatus(client, req, category, itemCount, subCategoryCount, now)) {
      recorder.event(
        category,
        "Warning",
        "InUse",
        `category is still used by ${counted}; delete or move them before the category can be deleted`,
      );
    }
    return;
  }

  if (addFinalizer(category, IN_USE_FINALIZER)) await client.update(category);
  const old = category.status;
  const changed = await writeStatus(client, req, category, itemCount, subCategoryCount, now);
  if (changed && (old?.itemCount !== itemCount || old?.subCategoryCount !== subCategoryCount)) {
    recorder.event(category, "Normal", "Updated", `counted ${counted}`);
  }
}

// Writes the status when the counts or the observed generation differ; returns whether it did.
async function writeStatus(
  client: ReconcileContext["client"],
  req: Request,
  category: Category,
  itemCount: number,
  subCategoryCount: number,
  now: () => Date,
): Promise<boolean> {
  const s = category.status;
  const generation = category.metadata.generation;
  if (
    s && s.itemCount === itemCount && s.subCategoryCount === subCategoryCount &&
    (generation === undefined || s.observedGeneration === generation)
  ) return false;
  const status: CategoryStatus = {
    itemCount,
    subCategoryCount,
    lastUpdated: timestamp(now()),
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
  await client.status().patch(CategoryGVK, { ...req }, { status }, { type: "merge" });
  return true;
}
