// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `-o jsonpath=`, `-o jsonpath-file=` and `-o jsonpath-as-json=` (cli-runtime's
 * `JSONPathPrinter`), with kubectl's error wording.
 *
 * @module
 */
import { goQuote, goSharpV } from "./go_format.ts";
import { JSONPath } from "./jsonpath/jsonpath.ts";
import { PrintError } from "./print_error.ts";

/** Options of {@linkcode newJSONPathPrinter}. */
export interface JSONPathPrinterOptions {
  /** `--allow-missing-template-keys` (kubectl's default is true). */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: print each result list as an indented JSON array. */
  asJson?: boolean;
}

/** Prints objects through a JSONPath template. */
export interface JSONPathPrinter {
  /**
   * Renders one object (a single object, or a `List` of several).
   *
   * @param obj The object.
   * @returns The text; kubectl adds no newline.
   */
  print(obj: unknown): string;
}

/**
 * Builds a JSONPath printer.
 *
 * @param template The template (`{.metadata.name}`).
 * @param options Printer options.
 * @returns The printer.
 * @throws {PrintError} `error parsing jsonpath <t>, <reason>` when the template is malformed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newJSONPathPrinter } from "./jsonpath_printer.ts";
 * const p = newJSONPathPrinter("{.items[*].metadata.name}");
 * assertEquals(p.print({ items: [{ metadata: { name: "foo" } }, { metadata: { name: "old" } }] }), "foo old");
 * ```
 */
export function newJSONPathPrinter(
  template: string,
  options: JSONPathPrinterOptions = {},
): JSONPathPrinter {
  let jp: JSONPath;
  try {
    jp = new JSONPath(template, {
      allowMissingKeys: options.allowMissingKeys ?? true,
      outputJson: options.asJson ?? false,
    });
  } catch (e) {
    throw new PrintError(`error parsing jsonpath ${template}, ${(e as Error).message}\n`, {
      cause: e,
    });
  }
  return {
    print(obj: unknown): string {
      try {
        return jp.execute(obj);
      } catch (e) {
        throw new PrintError(
          `error executing jsonpath ${goQuote(template)}: Error executing template: ${
            (e as Error).message
          }. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${
            goSharpV(obj)
          }\n\n\n`,
          { cause: e },
        );
      }
    },
  };
}
