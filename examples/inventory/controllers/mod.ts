// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The controllers of the inventory tool.
 *
 * @module
 */
import type { Controller } from "@k1s/core";
import { createCategoryController } from "./category_controller.ts";
import { createItemController } from "./item_controller.ts";

export {
  CATEGORY_CONTROLLER,
  type CategoryControllerOptions,
  createCategoryController,
  IN_USE_FINALIZER,
} from "./category_controller.ts";
export {
  createItemController,
  ITEM_CONTROLLER,
  type ItemControllerOptions,
  MISSING_CATEGORY_RETRY_MS,
} from "./item_controller.ts";

/** Options of {@linkcode inventoryControllers}. */
export interface InventoryControllersOptions {
  /** The controllers' clock. @default {() => new Date()} */
  now?: () => Date;
}

/**
 * The inventory tool's controllers: the category controller and the item controller.
 *
 * @param options The clock.
 * @returns The controllers, for `createCli({ controllers })`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { inventoryControllers } from "./mod.ts";
 * assertEquals(inventoryControllers().map((c) => c.name), ["category-controller", "item-controller"]);
 * ```
 */
export function inventoryControllers(options: InventoryControllersOptions = {}): Controller[] {
  return [createCategoryController(options), createItemController(options)];
}
