// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `-o/--output` parsing with kubectl's rules and messages. Go templates are not supported,
 * so the allowed-format lists leave them out.
 *
 * @module
 */
import type { CustomColumn } from "./custom_columns.ts";
import { goQuote } from "./go_format.ts";
import { PrintError } from "./print_error.ts";

/** A parsed `-o` value. */
export type OutputFormat =
  | { type: "table"; wide: boolean }
  | { type: "json" }
  | { type: "yaml" }
  | { type: "name" }
  | { type: "jsonpath"; template: string; asJson: boolean }
  | { type: "custom-columns"; columns: CustomColumn[] };

/** The formats `get` accepts (kubectl's list without its Go-template formats). */
export const GET_OUTPUT_FORMATS: readonly string[] = [
  "custom-columns",
  "custom-columns-file",
  "json",
  "jsonpath",
  "jsonpath-as-json",
  "jsonpath-file",
  "name",
  "wide",
  "yaml",
];

/** The formats object-writing commands (`create`, `apply`, `label`...) accept. */
export const OBJECT_OUTPUT_FORMATS: readonly string[] = [
  "json",
  "jsonpath",
  "jsonpath-as-json",
  "jsonpath-file",
  "name",
  "yaml",
];

/** Options of {@linkcode parseOutputFormat}. */
export interface ParseOutputFormatOptions {
  /** Formats the command accepts; defaults to {@linkcode GET_OUTPUT_FORMATS}. */
  allowed?: readonly string[];
  /** The `--template` flag, used when `-o jsonpath` carries no template. */
  template?: string;
  /** Reads `jsonpath-file=` and `custom-columns-file=` files; defaults to `Deno.readTextFileSync`. */
  readTextFile?: (path: string) => string;
}

/**
 * Parses an `-o` value.
 *
 * @param value The flag value (`""` means the default table).
 * @param options Allowed formats, `--template`, and a file reader.
 * @returns The format.
 * @throws {PrintError} With kubectl's wording: `unable to match a printer suitable for the output
 *   format "x", allowed formats are: ...`, `template format specified but no template given`,
 *   `error reading --template f, open f: no such file or directory`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseOutputFormat } from "./output_format.ts";
 * assertEquals(await parseOutputFormat("jsonpath={.kind}"), { type: "jsonpath", template: "{.kind}", asJson: false });
 * assertEquals(await parseOutputFormat("YAML"), { type: "yaml" });
 * ```
 */
export async function parseOutputFormat(
  value: string,
  options: ParseOutputFormatOptions = {},
): Promise<OutputFormat> {
  const allowed = options.allowed ?? GET_OUTPUT_FORMATS;
  const eq = value.indexOf("=");
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? undefined : value.slice(eq + 1);
  const lower = value.toLowerCase();
  const fail = (): never => {
    throw new PrintError(
      `unable to match a printer suitable for the output format ${
        goQuote(value)
      }, allowed formats are: ${[...allowed].sort().join(",")}`,
    );
  };
  if (value === "") {
    if (!allowed.includes("wide")) fail();
    return { type: "table", wide: false };
  }
  if ((lower === "json" || lower === "yaml" || lower === "name") && allowed.includes(lower)) {
    return { type: lower as "json" | "yaml" | "name" };
  }
  if (value === "wide" && allowed.includes("wide")) return { type: "table", wide: true };
  if (!allowed.includes(name)) fail();
  const read = options.readTextFile ?? readTextFileGo;
  switch (name) {
    case "jsonpath":
    case "jsonpath-as-json":
    case "jsonpath-file": {
      const template = arg ?? options.template ?? "";
      if (template === "") throw new PrintError("template format specified but no template given");
      if (name === "jsonpath-file") {
        try {
          return { type: "jsonpath", template: read(template), asJson: false };
        } catch (e) {
          throw new PrintError(`error reading --template ${template}, ${(e as Error).message}`, {
            cause: e,
          });
        }
      }
      return { type: "jsonpath", template, asJson: name === "jsonpath-as-json" };
    }
    // The column parser compiles JSONPaths: loaded only for these formats, which most commands
    // never see.
    case "custom-columns": {
      const { parseCustomColumns } = await import("./custom_columns.ts");
      return { type: "custom-columns", columns: parseCustomColumns(arg ?? "") };
    }
    case "custom-columns-file": {
      const path = arg ?? "";
      let text: string;
      try {
        text = read(path);
      } catch (e) {
        throw new PrintError(`error reading template ${path}, ${(e as Error).message}`, {
          cause: e,
        });
      }
      const { parseCustomColumnsFile } = await import("./custom_columns.ts");
      return { type: "custom-columns", columns: parseCustomColumnsFile(text) };
    }
  }
  return fail();
}

// Reads a file and words failures as Go's os.ReadFile does.
function readTextFileGo(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(`open ${path}: no such file or directory`);
    }
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new Error(`open ${path}: permission denied`);
    }
    if (e instanceof Deno.errors.IsADirectory) throw new Error(`read ${path}: is a directory`);
    throw e;
  }
}
