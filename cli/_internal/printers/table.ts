// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Tables as kubectl prints them: the server-side `metav1.Table` built from a kind's printer
 * columns (apiserver's table convertor and the CRD convertor's cell rules), kubectl's
 * decorations (`-A` NAMESPACE, `kind/name`, `-L`, `--show-labels`), and the human-readable
 * printer (`-o wide`, `--no-headers`, headers once per column set, watch EVENT column).
 *
 * @module
 */
import type { KubeObject, PrinterColumn } from "@k1s/core";
// From its own entry point: `@k1s/core` as a whole would be bundled into the table's code.
import { simplePathFields, tableCells, valueAtFields } from "@k1s/core/summary";
import { compareUtf8, goFormatFloat, goFormatNumber, goJson } from "./go_format.ts";
import { ageSince } from "./human_duration.ts";
import type { JSONPath } from "./jsonpath/jsonpath.ts";
import { KUBECTL_TABLE, TabWriter } from "./tabwriter.ts";

/** A column header (`metav1.TableColumnDefinition`). */
export interface TableColumnDefinition {
  /** Header before upper-casing, e.g. `Last Seen`. */
  name: string;
  /** `string`, `integer`, `number`, `boolean` or `date`. */
  type: string;
  /** `name` marks the column `kind/` is prefixed to. */
  format?: string;
  /** 0: always shown; greater: only with `-o wide`. */
  priority?: number;
}

/** A table row: the cells and the object they describe. */
export interface TableRow {
  /** Cell values; `null` prints as an empty cell. */
  cells: unknown[];
  /** The object, for namespace and label decorations. */
  object?: KubeObject;
}

/** A table (`metav1.Table`). */
export interface Table {
  /** Column headers. */
  columns: TableColumnDefinition[];
  /** Rows. */
  rows: TableRow[];
}

const NAME_COLUMN: TableColumnDefinition = { name: "Name", type: "string", format: "name" };

/**
 * The columns a kind's table shows: NAME first (unless a column is marked `format: name`,
 * as events do), then the kind's printer columns.
 *
 * @param columns The kind's printer columns (`ResourceType.printerColumns`).
 * @returns The column definitions.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tableColumns } from "./table.ts";
 * assertEquals(tableColumns([{ name: "Data", type: "integer" }]).map((c) => c.name), ["Name", "Data"]);
 * ```
 */
export function tableColumns(columns: readonly PrinterColumn[]): TableColumnDefinition[] {
  const defs = columns.map((c) => {
    const d: TableColumnDefinition = { name: c.name, type: c.type };
    if (c.format) d.format = c.format;
    if (c.priority) d.priority = c.priority;
    return d;
  });
  return columns.some((c) => c.format === "name") ? defs : [NAME_COLUMN, ...defs];
}

/**
 * A custom resource's columns as the apiserver serves them: its additional printer columns,
 * or AGE alone when it declares none.
 *
 * @param columns The CRD version's `additionalPrinterColumns`.
 * @returns The printer columns to show after NAME.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { customResourceColumns } from "./table.ts";
 * assertEquals(customResourceColumns([]).map((c) => c.name), ["Age"]);
 * ```
 */
export function customResourceColumns(columns: readonly PrinterColumn[]): readonly PrinterColumn[] {
  if (columns.length > 0) return columns;
  return [{ name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" }];
}

/**
 * Builds the table the apiserver would return for these objects.
 *
 * @param columns The kind's printer columns (after NAME).
 * @param objects The objects, one row each.
 * @param options `now`, the clock for ages.
 * @returns The table.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { buildTable } from "./table.ts";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "foo", creationTimestamp: "2026-11-26T09:59:56Z" }, data: { a: "1" } };
 * const t = await buildTable(
 *   [{ name: "Data", type: "integer", value: (o) => Object.keys(o.data as object).length },
 *    { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" }],
 *   [cm],
 *   { now: new Date("2026-11-26T10:00:00Z") },
 * );
 * assertEquals(t.rows[0].cells, ["foo", 1, "4s"]);
 * ```
 */
export async function buildTable(
  columns: readonly PrinterColumn[],
  objects: readonly KubeObject[],
  options: { now: Date },
): Promise<Table> {
  const defs = tableColumns(columns);
  const leadingName = defs.length > columns.length;
  // A plain `.a.b.c` column through maps that have every key is read without evaluating its
  // JSONPath (most columns are `.metadata.creationTimestamp` and the like), and summarized
  // rows carry their values: the JSONPath code is loaded only when some row needs it.
  const fields = columns.map((c) => c.jsonPath ? simplePathFields(c.jsonPath) : undefined);
  const needsPath = (obj: KubeObject) =>
    tableCells(obj)?.length !== columns.length &&
    columns.some((c, i) =>
      !c.value && c.jsonPath !== undefined &&
      (!fields[i] || valueAtFields(obj, fields[i]!) === undefined)
    );
  let paths: (JSONPath | undefined)[] | undefined;
  if (objects.some(needsPath)) {
    const { JSONPath } = await import("./jsonpath/jsonpath.ts");
    paths = columns.map((c) => c.jsonPath ? compileColumnPath(JSONPath, c.jsonPath) : undefined);
  }
  const env: CellEnv = { now: options.now, ages: new Map() };
  const rows = new Array<TableRow>(objects.length);
  for (let r = 0; r < objects.length; r++) {
    const obj = objects[r];
    const cells: unknown[] = leadingName ? [obj.metadata?.name ?? ""] : [];
    // A summarized item (a list made for a table) carries its columns' values.
    const given = tableCells(obj);
    if (given && given.length === columns.length) {
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i];
        cells.push(c.value ? valueCell(c, given[i], env) : foundCell(c, given[i], env));
      }
    } else {
      for (let i = 0; i < columns.length; i++) {
        cells.push(cellFor(columns[i], fields[i], paths?.[i], obj, env));
      }
    }
    rows[r] = { cells, object: obj };
  }
  return { columns: defs, rows };
}

/** What cells of one table share: the clock, and ages already computed per timestamp. */
interface CellEnv {
  now: Date;
  ages: Map<string, string>;
}

// A column's JSONPath, or undefined when it does not compile (the column's cells are empty).
function compileColumnPath(jsonPath: typeof JSONPath, path: string): JSONPath | undefined {
  try {
    return new jsonPath(`{${path}}`);
  } catch {
    return undefined;
  }
}

function cellFor(
  c: PrinterColumn,
  fields: string[] | undefined,
  path: JSONPath | undefined,
  obj: KubeObject,
  env: CellEnv,
): unknown {
  if (c.value) return valueCell(c, c.value(obj), env);
  if (c.jsonPath === undefined) return null;
  let value = fields ? valueAtFields(obj, fields) : undefined;
  if (value === undefined) {
    // Compiled (by buildTable) for every row that gets here.
    if (!path) return null;
    let results: unknown[][];
    try {
      results = path.findResults(obj);
    } catch {
      return null;
    }
    if (results.length === 0 || results[0].length === 0) return null;
    value = results[0][0];
  }
  return foundCell(c, value, env);
}

// The cell of a JSONPath column, from the value found.
function foundCell(c: PrinterColumn, value: unknown, env: CellEnv): unknown {
  if (c.type === "string") return typeof value === "string" ? value : printResult(value);
  return cellForJSONValue(c.type, value, env);
}

// The cell of a column computed in code, from its value.
function valueCell(c: PrinterColumn, v: unknown, env: CellEnv): unknown {
  if (c.type === "date") {
    if (v === undefined || v === null || v === "") return "<unknown>";
    if (typeof v === "string") return dateCell(v, env);
    return v;
  }
  return v === undefined ? null : v;
}

function printResult(v: unknown): string | null {
  if (v === null || v === undefined) return "null";
  // JSONPath's PrintResults: encoding/json, whose maps come out with their keys sorted.
  if (typeof v === "object") return goJson(v);
  if (typeof v === "number") return goFormatNumber(v);
  return String(v);
}

// apiextensions-apiserver's cellForJSONValue.
function cellForJSONValue(type: string, value: unknown, env: CellEnv): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "integer":
      return typeof value === "number" ? Math.trunc(value) : null;
    case "number":
      return typeof value === "number" ? new GoFloatCell(value) : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "date":
      return typeof value === "string" ? dateCell(value, env) : null;
  }
  return null;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// Objects created together share their timestamps: compute each age once per table.
function dateCell(value: string, env: CellEnv): string {
  let age = env.ages.get(value);
  if (age === undefined) {
    age = TIMESTAMP.test(value) ? ageSince(value, env.now) : "<invalid>";
    env.ages.set(value, age);
  }
  return age;
}

/** A `number` column's float, printed as Go's `%v` prints a float64. */
class GoFloatCell {
  constructor(readonly value: number) {}
  toString(): string {
    return goFormatFloat(this.value);
  }
}

/**
 * Formats labels as `labels.FormatLabels`: sorted `k=v` pairs, or `<none>`.
 *
 * @param labels The labels.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatLabels } from "./table.ts";
 * assertEquals(formatLabels({ tier: "back", app: "db" }), "app=db,tier=back");
 * assertEquals(formatLabels({}), "<none>");
 * ```
 */
export function formatLabels(labels: Record<string, string> | undefined): string {
  // labels.Set.String sorts the `k=v` strings, so `app.x/y=1` sorts before `app=2`.
  const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).sort(compareUtf8);
  return pairs.length === 0 ? "<none>" : pairs.join(",");
}

/** kubectl's table decorations and layout flags. */
export interface TableOptions {
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** `-o wide`: show columns with priority > 0. */
  wide?: boolean;
  /** `-A`: prepend NAMESPACE (never for cluster-scoped kinds). */
  withNamespace?: boolean;
  /** Prefix names with `<kind>[.<group>]/`, lower case (several types, `--show-kind`). */
  kind?: { group: string; kind: string };
  /** `-L key`: one column per label key. */
  columnLabels?: readonly string[];
  /** `--show-labels`: a LABELS column. */
  showLabels?: boolean;
}

/**
 * Applies kubectl's decorations (`decorateTable`) to a table.
 *
 * @param table The server table.
 * @param options The decorations.
 * @returns A new, decorated table.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decorateTable } from "./table.ts";
 * const obj = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "foo", namespace: "default" } };
 * const t = decorateTable(
 *   { columns: [{ name: "Name", type: "string", format: "name" }], rows: [{ cells: ["foo"], object: obj }] },
 *   { withNamespace: true, kind: { group: "", kind: "ConfigMap" } },
 * );
 * assertEquals(t.rows[0].cells, ["default", "configmap/foo"]);
 * ```
 */
export function decorateTable(table: Table, options: TableOptions): Table {
  const columnLabels = options.columnLabels ?? [];
  if (!options.kind && !options.withNamespace && !columnLabels.length && !options.showLabels) {
    return undecorated(table);
  }
  let columns = table.columns;
  let nameColumn = -1;
  if (options.kind) {
    nameColumn = columns.findIndex((c) => c.format === "name" && c.type === "string");
  }
  const widened = options.withNamespace || columnLabels.length > 0 || options.showLabels;
  if (widened) {
    columns = [
      ...(options.withNamespace ? [{ name: "Namespace", type: "string" }] : []),
      ...table.columns,
      ...labelHeaders(columnLabels).map((name) => ({ name, type: "string" })),
      ...(options.showLabels ? [{ name: "Labels", type: "string" }] : []),
    ];
  }
  const kindPrefix = options.kind
    ? (options.kind.group ? `${options.kind.kind}.${options.kind.group}` : options.kind.kind)
      .toLowerCase()
    : "";
  const rows = table.rows.map((row) => {
    let cells = [...row.cells];
    if (nameColumn >= 0) cells[nameColumn] = `${kindPrefix}/${cells[nameColumn]}`;
    const m = row.object?.metadata;
    if (options.withNamespace) cells = [m ? m.namespace ?? "" : null, ...cells];
    if (!m) {
      while (cells.length < columns.length) cells.push(null);
    } else {
      for (const key of columnLabels) cells.push(m.labels?.[key] ?? "");
      if (options.showLabels) cells.push(formatLabels(m.labels));
    }
    return { cells, object: row.object };
  });
  return { columns, rows };
}

// No decorations: the rows as they are, but rows without an object are padded to the columns.
function undecorated(table: Table): Table {
  const n = table.columns.length;
  let rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.object?.metadata || row.cells.length >= n) continue;
    if (rows === table.rows) rows = [...rows];
    const cells = [...row.cells];
    while (cells.length < n) cells.push(null);
    rows[i] = { cells, object: row.object };
  }
  return { columns: table.columns, rows };
}

function labelHeaders(keys: readonly string[]): string[] {
  return keys.map((k) => {
    const parts = k.split("/");
    return parts[parts.length - 1].toUpperCase();
  });
}

/**
 * TablePrinter knows how to print tables as kubectl's human-readable printer does: headers
 * once per column set (skipped when there are no rows), `-o wide` columns, cells truncated at
 * the first line break, terminal escapes neutralised, and columns aligned across everything
 * printed before {@linkcode TablePrinter.flush}. Widths are remembered across flushes, as in
 * kubectl's watch output.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TablePrinter } from "./table.ts";
 * const p = new TablePrinter({});
 * p.print({ columns: [{ name: "Name", type: "string" }, { name: "Data", type: "integer" }], rows: [{ cells: ["foo", 2] }] });
 * assertEquals(p.flush(), "NAME   DATA\nfoo    2\n");
 * ```
 */
export class TablePrinter {
  #options: TableOptions;
  #tw = new TabWriter(KUBECTL_TABLE);
  #lastColumns: TableColumnDefinition[] | undefined;
  #printedHeaders = false;

  /**
   * Creates an instance.
   *
   * @param options Decorations and layout flags.
   */
  constructor(options: TableOptions) {
    this.#options = options;
  }

  /**
   * Decorates and buffers a table.
   *
   * @param table The table (an empty column list reuses the previous columns, as watch tables do).
   * @param options `eventType` (`ADDED`, `MODIFIED`, `DELETED`) adds kubectl's EVENT column.
   */
  print(table: Table, options: { eventType?: string } = {}): void {
    let noHeaders = this.#options.noHeaders ?? false;
    if (
      this.#printedHeaders &&
      (table.columns.length === 0 || sameColumns(table.columns, this.#lastColumns))
    ) {
      noHeaders = true;
    }
    let columns = table.columns;
    if (columns.length === 0) columns = this.#lastColumns ?? [];
    else if (!sameColumns(columns, this.#lastColumns)) {
      this.#lastColumns = columns;
      this.#printedHeaders = false;
    }
    if (table.rows.length > 0) this.#printedHeaders = true;
    let t = decorateTable({ columns, rows: table.rows }, this.#options);
    if (options.eventType) {
      const ev = formatEventType(options.eventType);
      t = {
        columns: [{ name: "Event", type: "string" }, ...t.columns],
        rows: t.rows.map((r) => ({ cells: [ev, ...r.cells], object: r.object })),
      };
    }
    writeTable(this.#tw, t, { noHeaders, wide: this.#options.wide ?? false });
  }

  /**
   * Returns the aligned text buffered so far.
   *
   * @returns The text.
   */
  flush(): string {
    return this.#tw.flush();
  }

  /** Forgets remembered column widths (kubectl does this when the resource type changes). */
  resetWidths(): void {
    this.#tw.resetRememberedWidths();
  }
}

function sameColumns(a: TableColumnDefinition[], b: TableColumnDefinition[] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  return a.every((c, i) =>
    c.name === b[i].name && c.type === b[i].type && (c.format ?? "") === (b[i].format ?? "") &&
    (c.priority ?? 0) === (b[i].priority ?? 0)
  );
}

const EVENT_TYPES: Record<string, string> = {
  ADDED: "ADDED   ",
  MODIFIED: "MODIFIED",
  DELETED: "DELETED ",
  ERROR: "ERROR   ",
};

function formatEventType(t: string): string {
  return EVENT_TYPES[t] ?? t;
}

function writeTable(
  tw: TabWriter,
  t: Table,
  options: { noHeaders: boolean; wide: boolean },
): void {
  const visible = t.columns.map((c) => options.wide || !c.priority);
  if (!options.noHeaders) {
    if (t.rows.length === 0) return;
    writeCells(tw, t.columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()));
  }
  const n = t.columns.length;
  for (const row of t.rows) {
    const cells = row.cells;
    // The last visible cell ends the line; a line without one is empty.
    let last = (cells.length < n ? cells.length : n) - 1;
    while (last >= 0 && !visible[last]) last--;
    if (last < 0) tw.write("\n");
    for (let i = 0; i <= last; i++) {
      if (visible[i]) writeCell(tw, cellText(cells[i]), i === last);
    }
  }
}

const CELL_SEPARATORS = /[\t\v\n\f]/;

// One cell of a line of the table, as the text `cells.join("\t") + "\n"` would give it (a
// cell can hold a tab, which then separates cells as it does in kubectl's output).
function writeCell(tw: TabWriter, text: string, endOfLine: boolean): void {
  if (CELL_SEPARATORS.test(text)) tw.write(text + (endOfLine ? "\n" : "\t"));
  else tw.writeCell(text, endOfLine);
}

// A line of cells (the headers).
function writeCells(tw: TabWriter, cells: string[]): void {
  if (cells.length === 0) tw.write("\n");
  for (let i = 0; i < cells.length; i++) writeCell(tw, cells[i], i === cells.length - 1);
}

// Line breaks end a cell and ESC is escaped (`cellText`); most cells have neither.
// deno-lint-ignore no-control-regex
const CELL_SPECIALS = /[\f\n\r\x1b]/;

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") {
    if (!CELL_SPECIALS.test(cell)) return cell;
    const br = cell.search(/[\f\n\r]/);
    return br >= 0 ? escapeTerminal(cell.slice(0, br)) + "..." : escapeTerminal(cell);
  }
  if (typeof cell === "number") return goFormatNumber(cell);
  if (typeof cell === "boolean") return cell ? "true" : "false";
  return escapeTerminal(String(cell));
}

/**
 * Neutralises terminal escapes as cli-runtime's `EscapeTerminal` does (`\x1b` → `^[`,
 * `\r` → `\r` literally).
 *
 * @param s The text.
 * @returns The escaped text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { escapeTerminal } from "./table.ts";
 * assertEquals(escapeTerminal("a\x1b[31mb\r"), "a^[[31mb\\r");
 * ```
 */
export function escapeTerminal(s: string): string {
  return s.replaceAll("\x1b", "^[").replaceAll("\r", "\\r");
}

/** One resource type's tables for {@linkcode printTableGroups}. */
export interface TableGroup {
  /** The tables (one per request, e.g. one per name asked for). */
  tables: readonly Table[];
  /** Decorations for this type (`kind` when several types are printed, `withNamespace`...). */
  options: TableOptions;
}

/**
 * Prints the tables of several resource types as `kubectl get cm,secret` does: each type
 * aligned on its own, types separated by a blank line unless `--no-headers`.
 *
 * @param groups The types, in order.
 * @returns The text (empty when nothing was printed: the caller then reports
 *   `No resources found`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { printTableGroups } from "./table.ts";
 * const t = (name: string) => ({ columns: [{ name: "Name", type: "string", format: "name" }], rows: [{ cells: [name] }] });
 * assertEquals(
 *   printTableGroups([
 *     { tables: [t("foo")], options: { kind: { group: "", kind: "ConfigMap" } } },
 *     { tables: [t("s1")], options: { kind: { group: "", kind: "Secret" } } },
 *   ]),
 *   "NAME\nconfigmap/foo\n\nNAME\nsecret/s1\n",
 * );
 * ```
 */
export function printTableGroups(groups: readonly TableGroup[]): string {
  let out = "";
  for (const g of groups) {
    const p = new TablePrinter(g.options);
    for (const t of g.tables) p.print(t);
    const text = p.flush();
    if (out && text && !g.options.noHeaders) out += "\n";
    out += text;
  }
  return out;
}

/**
 * kubectl's message when `get` printed nothing (written to stderr, exit code 0).
 *
 * @param namespace The namespace listed, or `undefined` for `-A` and cluster-scoped types.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { noResourcesFound } from "./table.ts";
 * assertEquals(noResourcesFound("default"), "No resources found in default namespace.\n");
 * assertEquals(noResourcesFound(undefined), "No resources found\n");
 * ```
 */
export function noResourcesFound(namespace: string | undefined): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : "No resources found\n";
}
