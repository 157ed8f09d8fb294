// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The item controller: gives new Items their initial status and warns about Items whose
 * Category does not exist.
 *
 * @module
 */
import {
  type Controller,
  isNotFound,
  type ReconcileContext,
  type Request,
  type Result,
} from "@k1s/core";
import { CategoryGVK, type Item, ItemGVK } from "../generated/mod.ts";
import { timestamp } from "./_text.ts";

/** The name of the item controller: its field manager and its events' source. */
export const ITEM_CONTROLLER = "item-controller";

/** How long the item controller waits before it looks again for a missing Category. */
export const MISSING_CATEGORY_RETRY_MS = 30_000;

/** Options of {@linkcode createItemController}. */
export interface ItemControllerOptions {
  /** The clock for `status.lastUpdated`. @default {() => new Date()} */
  now?: () => Date;
}

/**
 * Creates the item controller. For every Item it
 *
 * - sets `status.status: Available` (and `status.lastUpdated`) through the status subresource
 *   when the Item has no status yet (creating an object never sets the status of a kind with a
 *   status subresource);
 * - records a `Warning CategoryNotFound` event when `spec.category` names no Category in the
 *   Item's namespace, and looks again after {@linkcode MISSING_CATEGORY_RETRY_MS}.
 *
 * @param options The clock.
 * @returns The controller, for `createCli({ controllers })` or `rt.controllers.add()`.
 *
 * @example A new item becomes Available
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * import { register } from "../generated/mod.ts";
 * import { createItemController } from "./item_controller.ts";
 *
 * await using rt = await createRuntime({ store: "memory:" });
 * register(rt);
 * rt.controllers.add(createItemController());
 * const apiVersion = "examples.k1s.dtomasi.github.io/v1alpha1";
 * const metadata = { name: "novel", namespace: "default" };
 * await rt.client.create({ apiVersion, kind: "Category", metadata: { name: "books", namespace: "default" }, spec: { name: "Books" } });
 * await rt.client.create({ apiVersion, kind: "Item", metadata, spec: { name: "A novel", quantity: 3, category: "books" } });
 * await rt.controllers.drain();
 * const novel = await rt.client.get({ apiVersion, kind: "Item" }, metadata);
 * assertEquals((novel.status as { status: string }).status, "Available");
 * ```
 */
export function createItemController(options: ItemControllerOptions = {}): Controller {
  const now = options.now ?? (() => new Date());
  return {
    name: ITEM_CONTROLLER,
    for: ItemGVK,
    reconcile: (ctx, req) => reconcileItem(ctx, req, now),
  };
}

async function reconcileItem(
  { client, recorder }: ReconcileContext,
  req: Request,
  now: () => Date,
): Promise<Result | void> {
  let item: Item;
  try {
    item = await client.get<Item>(ItemGVK, req);
  } catch (e) {
    if (isNotFound(e)) return;
    throw e;
  }
  if (item.metadata.deletionTimestamp) return;
  if (!item.status?.status) {
    await client.status().patch(ItemGVK, req, {
      status: { status: "Available", lastUpdated: timestamp(now()) },
    }, { type: "merge" });
  }
  const category = item.spec.category;
  try {
    await client.get(CategoryGVK, { namespace: req.namespace, name: category });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    recorder.event(
      item,
      "Warning",
      "CategoryNotFound",
      `category ${JSON.stringify(category)} not found in namespace ${
        JSON.stringify(req.namespace)
      }`,
    );
    return { requeueAfter: MISSING_CATEGORY_RETRY_MS };
  }
}
