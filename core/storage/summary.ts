// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Summaries: the table row of a stored object, kept by a backend beside the object so that a
 * table of many objects reads a few hundred bytes each instead of decoding them whole. The API
 * server builds a Table's rows from whole objects on every request; an embedded store pays that
 * in the command's start-up, so it computes them once, when it writes its snapshot.
 *
 * A summary is `{"o": <metadata-only object>, "c": [<cells>]}`: the object without its contents,
 * `managedFields` or `annotations`, and each printer column's raw value (what
 * `PrinterColumn.value` returns, or the value at the column's JSONPath). When a cell holds the
 * object's `metadata.creationTimestamp` (an AGE column), the metadata leaves it out and
 * `"t"` names that cell: a list of a thousand summaries then parses a thousand strings fewer,
 * and the object and its row share one. Only the built-in kinds have summaries: their columns
 * are code, versioned by {@linkcode SUMMARY_VERSION}.
 *
 * @module
 */
import type { KubeObject, ObjectMeta } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { Summarizer } from "./types.ts";

/**
 * Names how built-in summaries are computed. Change it whenever a built-in kind's printer
 * columns change, so that stores ignore (and at their next compaction recompute) summaries
 * written by an older k1s.
 */
export const SUMMARY_VERSION = "builtin-2";

const cellsOf = new WeakMap<KubeObject, readonly unknown[]>();

/**
 * The table cells a summarized list item carries (one per printer column of its kind), or
 * undefined for a whole object.
 *
 * @param obj An item of a list made with `asTable`.
 * @returns Its cells, or undefined.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tableCells } from "@k1s/core";
 * assertEquals(tableCells({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } }), undefined);
 * ```
 */
export function tableCells(obj: KubeObject): readonly unknown[] | undefined {
  return cellsOf.get(obj);
}

// A JSONPath that names one field through maps, such as `.status.phase`.
const SIMPLE_PATH = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * The field names of a printer column's JSONPath when it names one field through maps
 * (`.status.phase`: `["status", "phase"]`), or undefined for any other JSONPath.
 *
 * @param jsonPath The column's JSONPath.
 * @returns The field names, or undefined.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { simplePathFields } from "@k1s/core/summary";
 * assertEquals(simplePathFields(".status.phase"), ["status", "phase"]);
 * assertEquals(simplePathFields(".spec.items[0]"), undefined);
 * ```
 */
export function simplePathFields(jsonPath: string): string[] | undefined {
  return SIMPLE_PATH.test(jsonPath) ? jsonPath.slice(1).split(".") : undefined;
}

/**
 * The value at `fields` through maps that have every key, or undefined: a missing key, a list
 * or a scalar on the way, or an undefined value, all of which a printer leaves to the column's
 * JSONPath, which knows every rule.
 *
 * @param obj The object.
 * @param fields Field names, from {@linkcode simplePathFields}.
 * @returns The value, or undefined.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { valueAtFields } from "@k1s/core/summary";
 * assertEquals(valueAtFields({ status: { phase: "Active" } }, ["status", "phase"]), "Active");
 * assertEquals(valueAtFields({ status: [] }, ["status", "phase"]), undefined);
 * ```
 */
export function valueAtFields(obj: unknown, fields: readonly string[]): unknown {
  let cur = obj;
  for (let i = 0; i < fields.length; i++) {
    if (
      cur === null || typeof cur !== "object" || Array.isArray(cur) ||
      !Object.hasOwn(cur, fields[i])
    ) {
      return undefined;
    }
    cur = (cur as Record<string, unknown>)[fields[i]];
  }
  return cur;
}

/**
 * Decodes a summary written by a {@linkcode Summarizer}: the metadata-only object, with
 * `metadata.resourceVersion` set and its cells attached for {@linkcode tableCells}.
 *
 * @param text The summary.
 * @param revision The revision of the object it summarizes.
 * @returns The object.
 * @throws {SyntaxError} When `text` is not a summary.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { builtinResourceTypes, createSummarizer, decodeSummary, tableCells } from "@k1s/core";
 * const s = createSummarizer(builtinResourceTypes());
 * const text = s.summarize(JSON.stringify({
 *   apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" },
 * }))!;
 * const obj = decodeSummary(text, 7);
 * assertEquals(obj.metadata.resourceVersion, "7");
 * assertEquals(tableCells(obj)?.[0], 1);
 * ```
 */
export function decodeSummary(text: string, revision: number): KubeObject {
  return summaryObject(JSON.parse(text), revision);
}

/**
 * {@linkcode decodeSummary} of a summary already parsed (one of many parsed together): the
 * metadata-only object, with `metadata.resourceVersion` set and its cells attached.
 *
 * @param summary The parsed summary (it becomes the object's parts: do not reuse it).
 * @param revision The revision of the object it summarizes.
 * @returns The object.
 * @throws {SyntaxError} When `summary` is not a summary.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { summaryObject, tableCells } from "@k1s/core";
 * const [obj] = JSON.parse('[{"o":{"metadata":{"name":"a"}},"c":[1]}]').map(
 *   (s: unknown) => summaryObject(s, 7),
 * );
 * assertEquals([obj.metadata.resourceVersion, tableCells(obj)], ["7", [1]]);
 * ```
 */
export function summaryObject(summary: unknown, revision: number): KubeObject {
  const s = summary as { o: KubeObject; c: unknown[]; t?: number } | null;
  if (
    typeof s !== "object" || s === null || typeof s.o !== "object" || s.o === null ||
    !Array.isArray(s.c)
  ) {
    throw new SyntaxError("not a summary");
  }
  const meta = s.o.metadata ??= {};
  if (typeof meta !== "object" || meta === null) throw new SyntaxError("not a summary");
  if (s.t !== undefined) {
    const created = s.c[s.t];
    if (typeof created !== "string") throw new SyntaxError("not a summary");
    meta.creationTimestamp = created;
  }
  meta.resourceVersion = String(revision);
  cellsOf.set(s.o, s.c);
  return s.o;
}

// A column value kept in a summary: more would make the summary a copy of the object.
const MAX_CELL_JSON = 256;

/**
 * A summarizer of the given kinds' objects. A kind gets summaries when each of its printer
 * columns computes its value in code (`PrinterColumn.value`, whose value must be a JSON
 * scalar) or names one field through maps (`.a.b`, whose value is kept as it is, up to 256
 * bytes of JSON). Objects of other kinds, or where a value is missing or not kept, get none:
 * their tables are built from the whole object.
 *
 * @param types The kinds to summarize: built-in kinds (their columns are versioned by
 *   {@linkcode SUMMARY_VERSION}).
 * @returns The summarizer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { builtinResourceTypes, createSummarizer } from "@k1s/core";
 * const s = createSummarizer(builtinResourceTypes());
 * const text = s.summarize(JSON.stringify({
 *   apiVersion: "v1", kind: "ConfigMap",
 *   metadata: { name: "a", creationTimestamp: "2026-11-26T10:00:00Z", annotations: { x: "y" } },
 *   data: { k: "v" },
 * }));
 * // The AGE cell holds the creation timestamp, which the metadata then leaves out.
 * assertEquals(JSON.parse(text!), {
 *   o: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } },
 *   c: [1, "2026-11-26T10:00:00Z"],
 *   t: 1,
 * });
 * assertEquals(s.summarize(JSON.stringify({ apiVersion: "x/v1", kind: "Other", metadata: {} })), undefined);
 * ```
 */
export function createSummarizer(types: readonly ResourceType[]): Summarizer {
  const byKind = new Map<string, { type: ResourceType; paths: (string[] | undefined)[] }>();
  for (const t of types) {
    const cols = t.printerColumns;
    const paths = cols.map((c) => c.value ? undefined : simplePathFields(c.jsonPath ?? ""));
    if (t.custom || !cols.every((c, i) => c.value || paths[i])) continue;
    byKind.set(`${t.group ? `${t.group}/${t.version}` : t.version}\n${t.kind}`, {
      type: t,
      paths,
    });
  }
  return {
    version: SUMMARY_VERSION,
    summarize(json: string): string | undefined {
      let obj: KubeObject;
      try {
        obj = JSON.parse(json);
      } catch {
        return undefined;
      }
      const kind = byKind.get(`${obj?.apiVersion}\n${obj?.kind}`);
      if (!kind) return undefined;
      const cells: unknown[] = [];
      const columns = kind.type.printerColumns;
      for (let i = 0; i < columns.length; i++) {
        const path = kind.paths[i];
        if (path) {
          const v = valueAtFields(obj, path);
          if (v === undefined || JSON.stringify(v).length > MAX_CELL_JSON) return undefined;
          cells.push(v);
          continue;
        }
        const v = columns[i].value!(obj);
        if (v === undefined || v === null) cells.push(null);
        else if (typeof v === "string" || typeof v === "boolean") cells.push(v);
        else if (typeof v === "number" && Number.isFinite(v)) cells.push(v);
        else return undefined;
      }
      const { managedFields: _m, annotations: _a, resourceVersion: _r, ...meta } = obj.metadata ??
        {} as ObjectMeta;
      const { creationTimestamp: created, ...rest } = meta;
      const t = typeof created === "string" ? cells.indexOf(created) : -1;
      return JSON.stringify(
        t < 0
          ? { o: { apiVersion: obj.apiVersion, kind: obj.kind, metadata: meta }, c: cells }
          : { o: { apiVersion: obj.apiVersion, kind: obj.kind, metadata: rest }, c: cells, t },
      );
    },
  };
}
