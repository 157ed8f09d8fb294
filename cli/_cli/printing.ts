// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Printing helpers shared by commands: the `-o` format of a command, kubectl's action lines
 * (`configmap/app created`, `... (dry run)`), and the generic printers (json, yaml, name,
 * jsonpath, custom-columns) for one object or a `List`.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import type { DryRun } from "./command.ts";
import {
  formatName,
  newJSONPathPrinter,
  omitManagedFields,
  type OutputFormat,
  printCustomColumns,
  printJson,
  printYaml,
  toList,
  YamlPrinter,
} from "../_internal/printers/mod.ts";
import { actionLine } from "./action_line.ts";

export { OBJECT_OUTPUT_FORMATS, outputFormat } from "./output_format.ts";

/**
 * ObjectPrinter knows how to print the objects a write command produced: the action line
 * (`configmap/app created`) without `-o` or with `-o name`, else the object in the format
 * (YAML documents separated by `---`, as kubectl's reused printer does).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ObjectPrinter } from "./printing.ts";
 * const out: string[] = [];
 * const p = new ObjectPrinter(undefined, { write: (t) => void out.push(t) });
 * p.print({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } }, "created");
 * assertEquals(out.join(""), "configmap/a created\n");
 * ```
 */
export class ObjectPrinter {
  #format: OutputFormat | undefined;
  #out: { write(text: string): void };
  #yaml = new YamlPrinter();
  #showManagedFields: boolean;
  #dryRun: DryRun;
  #allowMissingKeys: boolean;

  /**
   * @param format The `-o` format (`undefined`: action lines).
   * @param out Where to write (`ctx.stdout`).
   * @param options `dryRun` (adds ` (dry run)` to action lines), `showManagedFields`,
   *   `allowMissingKeys` (`--allow-missing-template-keys`).
   */
  constructor(
    format: OutputFormat | undefined,
    out: { write(text: string): void },
    options: { dryRun?: DryRun; showManagedFields?: boolean; allowMissingKeys?: boolean } = {},
  ) {
    this.#format = format && format.type !== "table" ? format : undefined;
    this.#out = out;
    this.#dryRun = options.dryRun ?? "none";
    this.#showManagedFields = options.showManagedFields ?? false;
    this.#allowMissingKeys = options.allowMissingKeys ?? true;
  }

  /**
   * Prints one object.
   *
   * @param obj The object.
   * @param operation The past-tense action (`created`, `configured`, `deleted`, ...).
   */
  print(obj: KubeObject, operation?: string): void {
    const f = this.#format;
    if (!f) {
      this.#out.write(actionLine(obj, operation, this.#dryRun));
      return;
    }
    if (f.type === "name") {
      this.#out.write(formatName(obj));
      return;
    }
    // kubectl hides managed fields from its JSON and YAML printers only.
    const hide = !this.#showManagedFields && (f.type === "json" || f.type === "yaml");
    const o = hide ? omitManagedFields(obj) : obj;
    switch (f.type) {
      case "json":
        this.#out.write(printJson(o));
        return;
      case "yaml":
        this.#out.write(this.#yaml.print(o));
        return;
      case "jsonpath":
        this.#out.write(
          newJSONPathPrinter(f.template, {
            asJson: f.asJson,
            allowMissingKeys: this.#allowMissingKeys,
          })
            .print(o),
        );
        return;
      case "custom-columns":
        this.#out.write(printCustomColumns(f.columns, [o]));
        return;
    }
  }
}

/**
 * Renders objects with a non-table format as `kubectl get` does: one object as itself when a
 * single item was named, otherwise a `List` (`kind: List`, empty resourceVersion).
 *
 * @param format The format (not a table).
 * @param objects The objects.
 * @param options `single`: a single item was named; `noHeaders` for custom columns;
 *   `showManagedFields` (JSON and YAML hide them without it); `allowMissingKeys`.
 * @returns The text.
 */
export function renderObjects(
  format: OutputFormat,
  objects: readonly KubeObject[],
  options: {
    single?: boolean;
    noHeaders?: boolean;
    showManagedFields?: boolean;
    allowMissingKeys?: boolean;
  } = {},
): string {
  // kubectl hides managed fields from its JSON and YAML printers only.
  const hide = !options.showManagedFields && (format.type === "json" || format.type === "yaml");
  const items = hide ? objects.map((o) => omitManagedFields(o)) : [...objects];
  const value: unknown = options.single && items.length === 1 ? items[0] : toList(items);
  switch (format.type) {
    case "json":
      return printJson(value);
    case "yaml":
      return printYaml(value);
    case "name":
      return items.map((o) => formatName(o)).join("");
    case "jsonpath":
      return newJSONPathPrinter(format.template, {
        asJson: format.asJson,
        allowMissingKeys: options.allowMissingKeys ?? true,
      }).print(value);
    case "custom-columns":
      return printCustomColumns(format.columns, items, { noHeaders: options.noHeaders });
    case "table":
      throw new TypeError("Cannot render a table with renderObjects");
  }
}
