// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `--output-watch-events` for JSON and YAML: kubectl prints a `metav1.WatchEvent`; as JSON it
 * is one compact line per event (`{"type":"ADDED","object":{...}}`), as YAML a document with
 * sorted keys (`object:` then `type:`), separated by `---` like other YAML output.
 *
 * @module
 */
import { goJson } from "./go_format.ts";
import { toGoYaml } from "./go_yaml.ts";

/**
 * Renders a watch event as `-o json` or `-o yaml` prints it with `--output-watch-events`.
 *
 * @param type `ADDED`, `MODIFIED`, `DELETED`, `BOOKMARK` or `ERROR`.
 * @param object The object.
 * @param format `json` or `yaml`.
 * @returns The text, ending with a newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { printWatchEvent } from "./watch_event.ts";
 * assertEquals(printWatchEvent("ADDED", { kind: "X" }, "yaml"), "object:\n  kind: X\ntype: ADDED\n");
 * assertEquals(printWatchEvent("ADDED", { kind: "X" }, "json"), '{"type":"ADDED","object":{"kind":"X"}}\n');
 * ```
 */
export function printWatchEvent(type: string, object: unknown, format: "json" | "yaml"): string {
  if (format === "yaml") return toGoYaml({ object, type });
  return `{"type":${goJson(type)},"object":${goJson(object)}}\n`;
}
