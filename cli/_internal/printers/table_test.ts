// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { builtinResourceTypes, createSummarizer, decodeSummary, type KubeObject } from "@k1s/core";
import {
  buildTable,
  decorateTable,
  noResourcesFound,
  printTableGroups,
  type Table,
  type TableOptions,
  TablePrinter,
} from "./table.ts";
import { parseCustomColumns, printCustomColumns } from "./custom_columns.ts";
import { newJSONPathPrinter } from "./jsonpath_printer.ts";
import { formatName } from "./format_name.ts";
import { printJson, printYaml, toList } from "./resource_printers.ts";
import { sortObjects } from "./sort_by.ts";

const dir = new URL("./testdata/", import.meta.url);
const store: Record<string, KubeObject[]> = JSON.parse(
  await Deno.readTextFile(new URL("get_store.json", dir)),
);
const golden: { args: string; stdout: string; stderr: string; rc: number }[] = JSON.parse(
  await Deno.readTextFile(new URL("get.kubectl.json", dir)),
);

// The tables testdata/fake_apiserver.ts serves (its cells are fixed strings, not ages).
function serverTable(resource: string, objs: KubeObject[]): Table {
  if (resource === "configmaps") {
    return {
      columns: [
        { name: "Name", type: "string", format: "name" },
        { name: "Data", type: "integer" },
        { name: "Age", type: "string" },
        { name: "Wide Col", type: "string", priority: 1 },
      ],
      rows: objs.map((o) => ({
        cells: [
          o.metadata.name,
          Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length,
          "AGE-" + o.metadata.name!.slice(0, 3),
          "w" + o.metadata.resourceVersion,
        ],
        object: o,
      })),
    };
  }
  return {
    columns: [{ name: "Name", type: "string", format: "name" }, {
      name: "Created At",
      type: "date",
    }],
    rows: objs.map((o) => ({ cells: [o.metadata.name, o.metadata.creationTimestamp], object: o })),
  };
}

const KINDS: Record<string, { group: string; kind: string }> = {
  configmaps: { group: "", kind: "ConfigMap" },
  roles: { group: "rbac.authorization.k8s.io", kind: "Role" },
};

interface GetArgs {
  resources: string[];
  names: string[];
  namespace: string;
  all: boolean;
  output: string;
  sortBy?: string;
  table: TableOptions;
  showKind: boolean;
}

function parse(args: string): GetArgs {
  const a: GetArgs = {
    resources: [],
    names: [],
    namespace: "default",
    all: false,
    output: "",
    table: {},
    showKind: false,
  };
  const labels: string[] = [];
  const words = args.split(" ").slice(1);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "-A") a.all = true;
    else if (w === "-n") a.namespace = words[++i];
    else if (w === "-o") a.output = words[++i];
    else if (w.startsWith("-o=")) a.output = w.slice(3);
    else if (w === "-L") labels.push(words[++i]);
    else if (w === "--show-labels") a.table.showLabels = true;
    else if (w === "--no-headers") a.table.noHeaders = true;
    else if (w === "--show-kind") a.showKind = true;
    else if (w.startsWith("--sort-by=")) a.sortBy = w.slice(10);
    else if (a.resources.length === 0) {
      a.resources = w.split(",").map((r) => (r === "cm" ? "configmaps" : r));
    } else a.names.push(w);
  }
  if (labels.length) a.table.columnLabels = labels;
  if (a.output === "wide") a.table.wide = true;
  return a;
}

// A miniature `kubectl get` over the printers, following cmd/get/get.go's printing loop.
function get(args: string): { stdout: string; stderr: string; rc: number } {
  const a = parse(args);
  const groups = a.resources.map((r) => {
    let objs = store[r].filter((o) => a.all || o.metadata.namespace === a.namespace);
    if (a.names.length) objs = a.names.map((n) => objs.find((o) => o.metadata.name === n)!);
    if (a.sortBy) objs = sortObjects(objs, a.sortBy);
    return { resource: r, objs };
  });
  const all = groups.flatMap((g) => g.objs);
  const single = a.names.length === 1 && a.resources.length === 1;
  if (a.output === "yaml") return ok(printYaml(single ? all[0] : toList(all)));
  if (a.output === "json") return ok(printJson(single ? all[0] : toList(all)));
  if (a.output === "name") return ok(all.map((o) => formatName(o)).join(""));
  if (a.output.startsWith("jsonpath=")) {
    return ok(newJSONPathPrinter(a.output.slice(9)).print(single ? all[0] : toList(all)));
  }
  if (a.output.startsWith("custom-columns=")) {
    return ok(
      printCustomColumns(parseCustomColumns(a.output.slice(15)), all, {
        noHeaders: a.table.noHeaders,
      }),
    );
  }
  const withKind = a.showKind || a.resources.length > 1;
  const out = printTableGroups(groups.map((g) => ({
    // A request per name returns a table per name.
    tables: a.names.length
      ? g.objs.map((o) => serverTable(g.resource, [o]))
      : [serverTable(g.resource, g.objs)],
    options: { ...a.table, withNamespace: a.all, kind: withKind ? KINDS[g.resource] : undefined },
  })));
  if (!out) return { stdout: "", stderr: noResourcesFound(a.all ? undefined : a.namespace), rc: 0 };
  return ok(out);
}

function ok(stdout: string) {
  return { stdout, stderr: "", rc: 0 };
}

Deno.test("table, name, list, custom-columns and sort output match kubectl get", async (t) => {
  // testdata/get.kubectl.json: kubectl 1.32 against testdata/fake_apiserver.ts serving get_store.json.
  for (const g of golden) {
    await t.step(
      g.args,
      () => assertEquals(get(g.args), { stdout: g.stdout, stderr: g.stderr, rc: g.rc }),
    );
  }
});

Deno.test("buildTable() computes cells like the apiserver's table convertors", async (t) => {
  const now = new Date("2026-11-26T10:00:00Z");
  const obj = {
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w", creationTimestamp: "2026-11-24T03:00:00Z" },
    spec: {
      size: 3.7,
      ratio: 1000000,
      on: true,
      tags: ["a"],
      when: "bad",
      text: "one\ntwo",
      obj: { k: "v", a: 1 },
    },
  } as unknown as KubeObject;
  const cases: [
    string,
    { name: string; type: "integer" | "number" | "string" | "boolean" | "date"; jsonPath?: string },
    unknown,
  ][] = [
    ["integer truncates", { name: "S", type: "integer", jsonPath: ".spec.size" }, 3],
    ["number prints as Go float", { name: "R", type: "number", jsonPath: ".spec.ratio" }, "1e+06"],
    ["boolean", { name: "O", type: "boolean", jsonPath: ".spec.on" }, true],
    ["string of a list is JSON", { name: "T", type: "string", jsonPath: ".spec.tags" }, '["a"]'],
    [
      "string of an object is Go's JSON, keys sorted",
      { name: "J", type: "string", jsonPath: ".spec.obj" },
      '{"a":1,"k":"v"}',
    ],
    [
      "date is an age",
      { name: "A", type: "date", jsonPath: ".metadata.creationTimestamp" },
      "2d7h",
    ],
    ["bad date", { name: "W", type: "date", jsonPath: ".spec.when" }, "<invalid>"],
    ["type mismatch is empty", { name: "X", type: "integer", jsonPath: ".spec.on" }, null],
    ["missing is empty", { name: "M", type: "string", jsonPath: ".spec.nope" }, null],
  ];
  for (const [name, col, want] of cases) {
    await t.step(name, async () => {
      const table = await buildTable([col], [obj], { now });
      const cell = table.rows[0].cells[1];
      assertEquals(cell === null || typeof cell !== "object" ? cell : String(cell), want);
    });
  }
  await t.step("rows render like kubectl: truncated at a newline, empty for null", async () => {
    const p = new TablePrinter({});
    p.print(
      await buildTable(
        [{ name: "Text", type: "string", jsonPath: ".spec.text" }, {
          name: "M",
          type: "string",
          jsonPath: ".x",
        }],
        [obj],
        { now },
      ),
    );
    assertEquals(p.flush(), "NAME   TEXT     M\nw      one...   \n");
  });
});

Deno.test("TablePrinter prints no header for an empty table and an EVENT column for watch events", () => {
  const cm = store.configmaps[0];
  const p = new TablePrinter({});
  const cols = serverTable("configmaps", [cm]);
  p.print({ ...cols, rows: [] });
  assertEquals(p.flush(), "");
  p.print(cols, { eventType: "ADDED" });
  p.print({ columns: [], rows: cols.rows }, { eventType: "MODIFIED" });
  assertEquals(
    p.flush(),
    "EVENT      NAME   DATA   AGE\nADDED      foo    2      AGE-foo\nMODIFIED   foo    2      AGE-foo\n",
  );
});

Deno.test("decorateTable() fills cells of rows without objects", () => {
  const t = decorateTable(
    { columns: [{ name: "Name", type: "string" }], rows: [{ cells: ["x"] }] },
    { withNamespace: true, showLabels: true },
  );
  assertEquals(t.rows[0].cells, [null, "x", null]);
});

Deno.test("TablePrinter matches kubectl get -w --output-watch-events", () => {
  // Observed against a fake server: the list is printed as ADDED events, then one table per
  // watch event (columns omitted after the first), flushed each time; widths only grow.
  const [foo, old] = store.configmaps;
  const longer = { ...foo, metadata: { ...foo.metadata, name: "a-much-longer-configmap-name" } };
  const p = new TablePrinter({});
  let out = "";
  p.print(serverTable("configmaps", [foo, old]), { eventType: "ADDED" });
  out += p.flush();
  p.print(serverTable("configmaps", [foo]), { eventType: "MODIFIED" });
  out += p.flush();
  p.print({ columns: [], rows: serverTable("configmaps", [longer]).rows }, { eventType: "ADDED" });
  out += p.flush();
  p.print({ columns: [], rows: serverTable("configmaps", [foo]).rows }, { eventType: "DELETED" });
  out += p.flush();
  assertEquals(
    out,
    [
      "EVENT      NAME                DATA   AGE",
      "ADDED      foo                 2      AGE-foo",
      "ADDED      old-and-long-name   2      AGE-old",
      "MODIFIED   foo                 2      AGE-foo",
      "ADDED      a-much-longer-configmap-name   2      AGE-a-m",
      "DELETED    foo                            2      AGE-foo",
      "",
    ].join("\n"),
  );
});

Deno.test("buildTable() prints a summarized item as its whole object", async (t) => {
  const now = new Date("2026-11-26T10:00:00Z");
  const created = "2026-11-24T03:00:00Z";
  const meta = (name: string, namespace?: string) => ({
    name,
    ...(namespace ? { namespace } : {}),
    labels: { app: "web", tier: "front" },
    annotations: { note: "n" },
    creationTimestamp: created,
    resourceVersion: "7",
  });
  const subjects = [
    { kind: "User", name: "jane" },
    { kind: "Group", name: "devs" },
    { kind: "ServiceAccount", name: "robot", namespace: "ops" },
  ];
  const objects: KubeObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: meta("ns"), status: { phase: "Active" } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: meta("c", "ns"), data: { a: "1" } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "bare", namespace: "ns" } },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta("s", "ns"),
      type: "Opaque",
      data: { a: "MQ==" },
    },
    {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta("sa", "ns"),
      secrets: [{ name: "t" }],
    },
    {
      apiVersion: "v1",
      kind: "Event",
      metadata: meta("e", "ns"),
      type: "Warning",
      reason: "Failed",
      message: "it failed",
      involvedObject: { kind: "ConfigMap", name: "c", namespace: "ns", fieldPath: "data" },
      source: { component: "k1s" },
      firstTimestamp: "2026-11-25T03:00:00Z",
      lastTimestamp: "2026-11-26T09:00:00Z",
      count: 3,
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta("r", "ns"),
      rules: [],
    },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: meta("cr") },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta("rb", "ns"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" },
      subjects,
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: meta("crb"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cr" },
      subjects,
    },
  ];
  const types = builtinResourceTypes();
  const summarizer = createSummarizer(types);
  const options: TableOptions[] = [
    {},
    { wide: true, withNamespace: true, showLabels: true, columnLabels: ["app"] },
  ];
  for (const obj of objects) {
    await t.step(`${obj.kind} ${obj.metadata.name}`, async () => {
      const type = types.find((t) => t.kind === obj.kind)!;
      const { resourceVersion: _, ...stored } = obj.metadata;
      const summary = summarizer.summarize(JSON.stringify({ ...obj, metadata: stored }));
      assert(summary, "no summary");
      const item = decodeSummary(summary, 7);
      assertEquals(Object.keys(item).sort(), ["apiVersion", "kind", "metadata"]);
      for (const o of options) {
        const print = async (x: KubeObject) => {
          const p = new TablePrinter(o);
          p.print(await buildTable(type.printerColumns, [x], { now }));
          return p.flush();
        };
        assertEquals(await print(item), await print(obj));
      }
    });
  }
  await t.step("an Event without a type has no summary", () => {
    const event = { ...objects.find((o) => o.kind === "Event")!, type: undefined };
    assertEquals(summarizer.summarize(JSON.stringify(event)), undefined);
  });
});
