// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The describer for any object (kubectl's `genericDescriber`): metadata, then every field
 * of the object, sorted, with labels made from field names (`displayName` → `Display Name`,
 * `apiURL` → `API URL`).
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import { goSprint } from "../printers/go_format.ts";
import { describeEvents } from "./events.ts";
import {
  type PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  tabbedString,
} from "./prefix_writer.ts";
import type { DescribeOptions } from "./describe_core.ts";

const SKIP = [
  ".metadata.managedFields",
  ".metadata.name",
  ".metadata.namespace",
  ".metadata.labels",
  ".metadata.annotations",
];

/**
 * Describes any object by walking its fields.
 *
 * @param obj The object.
 * @param options Clock and events.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeGeneric } from "./describe_generic.ts";
 * const w = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: { displayName: "x", size: 3 } };
 * assertEquals(
 *   describeGeneric(w, { now: new Date() }),
 *   "Name:         w\nNamespace:    \nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  example.com/v1\nKind:         Widget\n" +
 *     "Metadata:\nSpec:\n  Display Name:  x\n  Size:          3\n",
 * );
 * ```
 */
export function describeGeneric(obj: KubeObject, options: DescribeOptions): string {
  return tabbedString((w) => {
    w.write(0, `Name:\t${obj.metadata?.name ?? ""}\n`);
    w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", obj.metadata?.labels);
    printAnnotationsMultiline(w, "Annotations", obj.metadata?.annotations);
    printUnstructuredContent(w, 0, obj as unknown as Record<string, unknown>, "");
    if (options.events) describeEvents(options.events, w, options.now);
  });
}

function printUnstructuredContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.includes(path)) continue;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === "object" && !Array.isArray(child)) {
          printUnstructuredContent(w, level + 1, child as Record<string, unknown>, path);
        } else {
          w.write(level + 1, `${goSprint(child)}\n`);
        }
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goSprint(value)}\n`);
    }
  }
}

const ACRONYMS = ["API", "URL", "UID", "OSB", "GUID"];

/**
 * Turns a field name into a describe label as kubectl's `smartLabelFor` does; names with
 * characters other than letters and `-` stay as they are.
 *
 * @param field The field name.
 * @returns The label.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { smartLabelFor } from "./describe_generic.ts";
 * assertEquals(smartLabelFor("apiURL"), "API URL");
 * assertEquals(smartLabelFor("containerPort"), "Container Port");
 * assertEquals(smartLabelFor("snake_case"), "snake_case");
 * ```
 */
export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== "-")) return field;
  return camelcaseSplit(field)
    .filter((p) => p !== "_")
    .map((
      p,
    ) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(" ");
}

// github.com/fatih/camelcase.Split.
function camelcaseSplit(src: string): string[] {
  const cls = (
    r: string,
  ) => (/\p{Ll}/u.test(r) ? 1 : /\p{Lu}/u.test(r) ? 2 : /\p{Nd}/u.test(r) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const r of src) {
    const c = cls(r);
    if (c === last) runs[runs.length - 1].push(r);
    else runs.push([r]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (/\p{Lu}/u.test(runs[i][0]) && /\p{Ll}/u.test(runs[i + 1][0])) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(""));
}
