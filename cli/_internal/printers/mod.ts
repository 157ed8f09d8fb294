// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * kubectl's output printers: tables, JSON, YAML, names, JSONPath, custom columns, sorting
 * and ages. Nothing here loads a third-party module.
 *
 * @module
 */
export { ageSince, humanDuration, shortHumanDuration } from "./human_duration.ts";
export { KUBECTL_DESCRIBE, KUBECTL_TABLE, TabWriter, type TabWriterOptions } from "./tabwriter.ts";
export {
  compareUtf8,
  goFormatFloat,
  goFormatNumber,
  goJson,
  goQuote,
  goSharpV,
  goSprint,
} from "./go_format.ts";
export { toGoYaml, yamlKeyLess } from "./go_yaml.ts";
export {
  buildTable,
  customResourceColumns,
  decorateTable,
  escapeTerminal,
  formatLabels,
  noResourcesFound,
  printTableGroups,
  type Table,
  type TableColumnDefinition,
  tableColumns,
  type TableGroup,
  type TableOptions,
  TablePrinter,
  type TableRow,
} from "./table.ts";
export { formatName, type NamedObject, qualifiedKind } from "./format_name.ts";
export {
  omitManagedFields,
  printJson,
  printYaml,
  toList,
  YamlPrinter,
} from "./resource_printers.ts";
export {
  type JSONPathPrinter,
  type JSONPathPrinterOptions,
  newJSONPathPrinter,
} from "./jsonpath_printer.ts";
export {
  type CustomColumn,
  parseCustomColumns,
  parseCustomColumnsFile,
  printCustomColumns,
} from "./custom_columns.ts";
export { naturalLess, parseQuantity, sortObjects } from "./sort_by.ts";
export { relaxedJSONPathExpression } from "./jsonpath/relaxed.ts";
export {
  GET_OUTPUT_FORMATS,
  OBJECT_OUTPUT_FORMATS,
  type OutputFormat,
  parseOutputFormat,
  type ParseOutputFormatOptions,
} from "./output_format.ts";
export { printWatchEvent } from "./watch_event.ts";
export { PrintError } from "./print_error.ts";
// Types from @k1s/core that signatures here use.
export type { KubeObject, PrinterColumn } from "@k1s/core";
