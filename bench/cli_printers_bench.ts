// Copyright 2026 the k1s authors. Apache-2.0 license.
// Printer throughput on 1,000 ConfigMaps: table (with decorations), YAML and JSON of the List,
// JSONPath, custom columns, sorting; and loading a 1,000-document YAML manifest.
import type { KubeObject } from "@k1s/core";
import { buildTable, TablePrinter } from "../cli/_internal/printers/table.ts";
import { printJson, printYaml, toList } from "../cli/_internal/printers/resource_printers.ts";
import { newJSONPathPrinter } from "../cli/_internal/printers/jsonpath_printer.ts";
import {
  parseCustomColumns,
  printCustomColumns,
} from "../cli/_internal/printers/custom_columns.ts";
import { sortObjects } from "../cli/_internal/printers/sort_by.ts";
import { decodeFile } from "../cli/_internal/manifest/load_manifests.ts";

const now = new Date("2026-11-26T10:00:00Z");
const objs: KubeObject[] = Array.from({ length: 1000 }, (_, i) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: {
    name: `config-${i}`,
    namespace: i % 2 ? "dev" : "prod",
    labels: { app: i % 3 ? "web" : "db", tier: `t${i % 10}` },
    creationTimestamp: new Date(now.getTime() - i * 60_000).toISOString().replace(/\.\d+Z$/, "Z"),
  },
  data: { "config.yaml": "key: value\nother: thing\n", mode: "fast", n: String(i) },
}));
const columns = [
  {
    name: "Data",
    type: "integer" as const,
    value: (o: KubeObject) => Object.keys(o.data as object).length,
  },
  { name: "Age", type: "date" as const, jsonPath: ".metadata.creationTimestamp" },
];

Deno.bench(
  "table: 1,000 ConfigMaps, -A --show-labels",
  { group: "table", baseline: true },
  async () => {
    const p = new TablePrinter({ withNamespace: true, showLabels: true });
    p.print(await buildTable(columns, objs, { now }));
    p.flush();
  },
);

Deno.bench("yaml: List of 1,000 ConfigMaps", { group: "serialise" }, () => {
  printYaml(toList(objs));
});

Deno.bench("json: List of 1,000 ConfigMaps", { group: "serialise" }, () => {
  printJson(toList(objs));
});

const jp = newJSONPathPrinter('{range .items[*]}{.metadata.name}{"\\t"}{.data.n}{"\\n"}{end}');
Deno.bench("jsonpath: range over 1,000 items", { group: "template" }, () => {
  jp.print(toList(objs));
});

const cc = parseCustomColumns("NAME:.metadata.name,APP:.metadata.labels.app,KEYS:.data");
Deno.bench("custom-columns: 1,000 rows", { group: "template" }, () => {
  printCustomColumns(cc, objs);
});

Deno.bench("sort-by .data.n (quantities) over 1,000", { group: "template" }, () => {
  sortObjects(objs, ".data.n");
});

const manifest = objs.map((o) => printYaml(o)).join("---\n");
Deno.bench("manifest: decode 1,000 YAML documents", { group: "manifest" }, async () => {
  await decodeFile("bench.yaml", manifest, {});
});
