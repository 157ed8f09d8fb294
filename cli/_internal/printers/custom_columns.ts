// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `-o custom-columns=` and `-o custom-columns-file=` (kubectl's `CustomColumnsPrinter`).
 *
 * @module
 */
import { goSprint } from "./go_format.ts";
import { JSONPath } from "./jsonpath/jsonpath.ts";
import { relaxedJSONPathExpression } from "./jsonpath/relaxed.ts";
import { PrintError } from "./print_error.ts";
import { escapeTerminal } from "./table.ts";
import { KUBECTL_TABLE, TabWriter } from "./tabwriter.ts";

/** One custom column: a header and a JSONPath template. */
export interface CustomColumn {
  /** Header, printed as given. */
  header: string;
  /** Full template, e.g. `{.metadata.name}`. */
  fieldSpec: string;
}

/**
 * Parses `NAME:.metadata.name,DATA:.data` into columns.
 *
 * @param spec The comma-separated `<header>:<json-path-expr>` list.
 * @returns The columns.
 * @throws {PrintError} With kubectl's wording for an empty or malformed spec.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCustomColumns } from "./custom_columns.ts";
 * assertEquals(parseCustomColumns("NAME:.metadata.name"), [{ header: "NAME", fieldSpec: "{.metadata.name}" }]);
 * ```
 */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.length === 0) {
    throw new PrintError("custom-columns format specified but no custom columns given");
  }
  return spec.split(",").map((part) => {
    const i = part.indexOf(":");
    if (i < 0) {
      throw new PrintError(
        `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
      );
    }
    return { header: part.slice(0, i), fieldSpec: relaxed(part.slice(i + 1)) };
  });
}

/**
 * Parses a custom-columns template file: a line of headers and a line of field specs.
 *
 * @param text The file's content.
 * @returns The columns.
 * @throws {PrintError} With kubectl's wording for a malformed template.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCustomColumnsFile } from "./custom_columns.ts";
 * assertEquals(parseCustomColumnsFile("NAME  KIND\n{metadata.name}  {kind}\n").map((c) => c.fieldSpec), ["{.metadata.name}", "{.kind}"]);
 * ```
 */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  // bufio.Scanner lines: a final newline does not start another line; a trailing \r is dropped.
  const lines = text === ""
    ? []
    : text.replace(/\n$/, "").split("\n").map((l) => l.replace(/\r$/, ""));
  const usage =
    "Expected format is one line of space separated headers, one line of space separated column specs.";
  if (lines.length < 1) throw new PrintError(`invalid template, missing header line. ${usage}`);
  if (lines.length < 2) throw new PrintError(`invalid template, missing spec line. ${usage}`);
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    throw new PrintError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxed(specs[i]) }));
}

function words(line: string): string[] {
  return line.split(/\s+/).filter((w) => w !== "");
}

function relaxed(s: string): string {
  try {
    return relaxedJSONPathExpression(s);
  } catch (e) {
    throw new PrintError((e as Error).message, { cause: e });
  }
}

/**
 * Prints objects as custom columns: a header row (unless `noHeaders`), then one row per
 * object with every value of each column joined by commas, or `<none>`.
 *
 * @param columns The columns.
 * @param objects The objects (the items of a list).
 * @param options `noHeaders` (`--no-headers`); `writer`, a tab writer to align with (a watch
 *   keeps one, whose remembered column widths carry from one event to the next).
 * @returns The aligned text.
 * @throws {PrintError} When a column's template fails to parse or evaluate.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCustomColumns, printCustomColumns } from "./custom_columns.ts";
 * const cols = parseCustomColumns("NAME:.metadata.name,X:.x");
 * assertEquals(printCustomColumns(cols, [{ metadata: { name: "foo" } }]), "NAME   X\nfoo    <none>\n");
 * ```
 */
export function printCustomColumns(
  columns: readonly CustomColumn[],
  objects: readonly unknown[],
  options: { noHeaders?: boolean; writer?: TabWriter } = {},
): string {
  const parsers = columns.map((c) => {
    try {
      return new JSONPath(c.fieldSpec, { allowMissingKeys: true });
    } catch (e) {
      throw new PrintError((e as Error).message, { cause: e });
    }
  });
  const tw = options.writer ?? new TabWriter(KUBECTL_TABLE);
  if (!options.noHeaders) tw.write(columns.map((c) => c.header).join("\t") + "\n");
  for (const obj of objects) {
    const cells = parsers.map((p) => {
      let values: unknown[][];
      try {
        values = p.findResults(obj);
      } catch (e) {
        throw new PrintError((e as Error).message, { cause: e });
      }
      const out = values.length === 0 || values[0].length === 0 ? ["<none>"] : [];
      for (const v of values.flat()) out.push(escapeTerminal(goSprint(v)));
      return out.join(",");
    });
    tw.write(cells.join("\t") + "\n");
  }
  return tw.flush();
}
