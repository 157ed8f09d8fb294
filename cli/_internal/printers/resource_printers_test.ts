// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import {
  omitManagedFields,
  printJson,
  printYaml,
  toList,
  YamlPrinter,
} from "./resource_printers.ts";
import { printWatchEvent } from "./watch_event.ts";

Deno.test("List, JSON and YAML printers wrap and render like kubectl", () => {
  const cm = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "a", managedFields: [{ manager: "m" }] },
  };
  const list = omitManagedFields(toList([cm]));
  assertEquals(
    printYaml(list),
    'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\nkind: List\nmetadata:\n  resourceVersion: ""\n',
  );
  assertEquals(
    printJson({ kind: "X", apiVersion: "v1" }, { sortKeys: false }),
    '{\n    "kind": "X",\n    "apiVersion": "v1"\n}\n',
  );
  const p = new YamlPrinter();
  assertEquals(
    p.print({ a: 1 }) + p.print({ b: 2 }) + p.print({ c: 3 }),
    "a: 1\n---\nb: 2\n---\nc: 3\n",
  );
});

Deno.test("printWatchEvent() prints metav1.WatchEvent as kubectl get -w --output-watch-events", () => {
  // Observed: `kubectl get cm -w --output-watch-events -o json|yaml` against a fake server.
  const cm = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "foo", labels: { app: "web" } },
    data: { a: "1" },
  };
  assertEquals(
    printWatchEvent("ADDED", cm, "json"),
    '{"type":"ADDED","object":{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"labels":{"app":"web"},"name":"foo"}}}\n',
  );
  assertEquals(
    printWatchEvent("DELETED", cm, "yaml"),
    'object:\n  apiVersion: v1\n  data:\n    a: "1"\n  kind: ConfigMap\n  metadata:\n    labels:\n      app: web\n    name: foo\ntype: DELETED\n',
  );
});
