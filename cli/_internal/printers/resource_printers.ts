// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The simple object printers: `-o json`, `-o yaml`, `-o name`, kubectl's `List` wrapper and
 * the managed-fields filter (`--show-managed-fields=false`).
 *
 * @module
 */
import { goJson } from "./go_format.ts";
import { toGoYaml } from "./go_yaml.ts";

/**
 * Wraps several objects as kubectl prints them with `-o json|yaml`: `kind: List` with an
 * empty resource version.
 *
 * @param items The objects.
 * @returns The list object.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { toList } from "./resource_printers.ts";
 * assertEquals(toList([]), { apiVersion: "v1", items: [], kind: "List", metadata: { resourceVersion: "" } });
 * ```
 */
export function toList(items: readonly unknown[]): {
  apiVersion: "v1";
  items: unknown[];
  kind: "List";
  metadata: { resourceVersion: "" };
} {
  return { apiVersion: "v1", items: [...items], kind: "List", metadata: { resourceVersion: "" } };
}

/**
 * Renders an object as `-o json` does: four-space indent, Go's escaping, a final newline.
 *
 * @param obj The object.
 * @param options `sortKeys: false` keeps field order (kubectl prints typed objects, such as
 *   `create --dry-run=client` output, in struct order; objects read back are sorted).
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { printJson } from "./resource_printers.ts";
 * assertEquals(printJson({ kind: "X", apiVersion: "v1" }), '{\n    "apiVersion": "v1",\n    "kind": "X"\n}\n');
 * ```
 */
export function printJson(obj: unknown, options: { sortKeys?: boolean } = {}): string {
  return goJson(obj, { indent: "    ", sortKeys: options.sortKeys ?? true }) + "\n";
}

/**
 * Renders an object as `-o yaml` does (go-yaml v2 style, keys sorted).
 *
 * @param obj The object.
 * @returns The YAML document.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { printYaml } from "./resource_printers.ts";
 * assertEquals(printYaml({ kind: "X", apiVersion: "v1" }), "apiVersion: v1\nkind: X\n");
 * ```
 */
export function printYaml(obj: unknown): string {
  return toGoYaml(obj);
}

/**
 * YamlPrinter knows how to print several objects one by one, separated by `---` as
 * kubectl's YAML printer does when it is reused (for example `create -f` with `-o yaml`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { YamlPrinter } from "./resource_printers.ts";
 * const p = new YamlPrinter();
 * assertEquals(p.print({ a: 1 }) + p.print({ b: 2 }), "a: 1\n---\nb: 2\n");
 * ```
 */
export class YamlPrinter {
  #count = 0;

  /**
   * Renders the next object.
   *
   * @param obj The object.
   * @returns Its YAML, preceded by `---` after the first.
   */
  print(obj: unknown): string {
    return (this.#count++ > 0 ? "---\n" : "") + toGoYaml(obj);
  }
}

/**
 * A copy of an object without `metadata.managedFields`, as kubectl prints JSON and YAML
 * unless `--show-managed-fields` is set. Lists have their items stripped too.
 *
 * @param obj The object or list.
 * @returns The copy (or the object itself when there is nothing to strip).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { omitManagedFields } from "./resource_printers.ts";
 * const obj: Record<string, unknown> = { metadata: { name: "a", managedFields: [] } };
 * assertEquals(omitManagedFields(obj), { metadata: { name: "a" } });
 * ```
 */
export function omitManagedFields<T>(obj: T): T {
  if (obj === null || typeof obj !== "object") return obj;
  const o = obj as Record<string, unknown>;
  let out = o;
  const meta = o.metadata as Record<string, unknown> | undefined;
  if (meta && typeof meta === "object" && "managedFields" in meta) {
    const { managedFields: _, ...rest } = meta;
    out = { ...o, metadata: rest };
  }
  if (Array.isArray(o.items)) out = { ...out, items: o.items.map((i) => omitManagedFields(i)) };
  return out as T;
}
