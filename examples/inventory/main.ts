// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `inventory`: a kubectl-style CLI for product Categories and Items, built with `createCli`
 * from the generated CRDs and the inventory controllers.
 *
 * ```sh
 * deno task inventory apply -f examples/inventory/resources/
 * deno task inventory get categories
 * deno task inventory get items -l category=computers
 * deno task inventory describe category electronics
 * ```
 *
 * The store is `--store`, else `$K1S_STORE`, else `~/.inventory/inventory.db`.
 *
 * @module
 */
import { type Cli, createCli } from "@k1s/cli";
import { inventoryControllers } from "./controllers/mod.ts";
import { cliResources } from "./generated/mod.ts";

/** The version of the inventory tool. */
export const VERSION = "0.1.0";

/** Options of {@linkcode createInventoryCli}. */
export interface InventoryCliOptions {
  /** The store when neither `--store` nor `K1S_STORE` is set. @default {"~/.inventory/inventory.db"} */
  defaultStore?: string;
}

/**
 * Builds the inventory CLI: every k1s command, serving Categories and Items (with their
 * columns and short names `cat` and `itm`) and running the category and item controllers
 * after each write and on `inventory reconcile`.
 *
 * @param options The default store.
 * @returns The CLI.
 *
 * @example
 * ```ts
 * import { assertEquals, assertStringIncludes } from "@std/assert";
 * import { createInventoryCli } from "./main.ts";
 *
 * const cli = createInventoryCli({ defaultStore: "memory:" });
 * const out: string[] = [];
 * const sink = { write: (t: string) => void out.push(t) };
 * assertEquals(await cli.run(["api-resources", "--api-group=examples.k1s.dtomasi.github.io"], { stdout: sink, stderr: sink }), 0);
 * assertStringIncludes(out.join(""), "categories");
 * ```
 */
export function createInventoryCli(options: InventoryCliOptions = {}): Cli {
  return createCli({
    name: "inventory",
    version: VERSION,
    description: "inventory keeps product categories and items in an embedded store.",
    crds: cliResources.crds,
    controllers: inventoryControllers(),
    defaultStore: options.defaultStore ?? defaultStore(),
  });
}

// The tool keeps its own store, apart from k1s's `~/.k1s/k1s.db`.
function defaultStore(): string | undefined {
  let home: string | undefined;
  try {
    home = Deno.env.get("HOME");
  } catch {
    // No --allow-env=HOME: the CLI falls back to its own default (and says what to set).
  }
  return home ? `${home.replace(/\/+$/, "")}/.inventory/inventory.db` : undefined;
}

if (import.meta.main) await createInventoryCli().main();
