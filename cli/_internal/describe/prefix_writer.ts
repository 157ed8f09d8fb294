// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * kubectl describe's layout primitives: a prefix writer over a tab writer (padding 2),
 * multi-line labels and annotations, and `<none>` for empty values.
 *
 * @module
 */
import { escapeTerminal } from "../printers/table.ts";
import { KUBECTL_DESCRIBE, TabWriter } from "../printers/tabwriter.ts";

/**
 * PrefixWriter knows how to write text at indentation levels (two spaces each), with
 * terminal escapes neutralised, into describe's tab-aligned layout.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tabbedString } from "./prefix_writer.ts";
 * const text = tabbedString((w) => {
 *   w.write(0, "Name:\tfoo\n");
 *   w.write(0, "Namespace:\tdefault\n");
 *   w.write(1, "Kind:\tRole\n");
 * });
 * assertEquals(text, "Name:       foo\nNamespace:  default\n  Kind:     Role\n");
 * ```
 */
export class PrefixWriter {
  #tw: TabWriter;
  #out: string[];

  /**
   * Creates an instance.
   *
   * @param tw The tab writer to write into.
   * @param out Where flushed text goes.
   */
  constructor(tw: TabWriter, out: string[]) {
    this.#tw = tw;
    this.#out = out;
  }

  /**
   * Writes text indented by `level` × two spaces.
   *
   * @param level The indentation level.
   * @param text The text (tabs separate aligned cells).
   */
  write(level: number, text: string): void {
    this.#tw.write(escapeTerminal("  ".repeat(level) + text));
  }

  /**
   * Writes a whole line (Go's `fmt.Sprintln` of the values).
   *
   * @param values The values, joined by spaces.
   */
  writeLine(...values: unknown[]): void {
    this.#tw.write(escapeTerminal(values.map(String).join(" ") + "\n"));
  }

  /** Ends the current alignment block. */
  flush(): void {
    this.#out.push(this.#tw.flush());
  }
}

/**
 * Runs a describer body against a fresh describe layout and returns the text
 * (kubectl's `tabbedString`).
 *
 * @param body Writes the description.
 * @returns The aligned text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tabbedString } from "./prefix_writer.ts";
 * assertEquals(tabbedString((w) => w.write(0, "Events:\t<none>\n")), "Events:  <none>\n");
 * ```
 */
export function tabbedString(body: (w: PrefixWriter) => void): string {
  const out: string[] = [];
  const w = new PrefixWriter(new TabWriter(KUBECTL_DESCRIBE), out);
  body(w);
  w.flush();
  return out.join("");
}

/**
 * Writes `Labels:` with one `key=value` per line, sorted, or `<none>`.
 *
 * @param w The writer.
 * @param title The title, e.g. `Labels`.
 * @param labels The labels.
 * @param options `initialIndent`/`innerIndent` (kubectl's `printLabelsMultilineWithIndent`) and
 *   keys to skip.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { printLabelsMultiline, tabbedString } from "./prefix_writer.ts";
 * const text = tabbedString((w) => printLabelsMultiline(w, "Labels", { tier: "front", app: "web" }));
 * assertEquals(text, "Labels:  app=web\n         tier=front\n");
 * ```
 */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  options: { initialIndent?: string; innerIndent?: string; skip?: ReadonlySet<string> } = {},
): void {
  const initial = options.initialIndent ?? "";
  const inner = options.innerIndent ?? "\t";
  w.write(0, `${initial}${title}:${inner}`);
  const keys = Object.keys(labels ?? {}).filter((k) => !options.skip?.has(k)).sort();
  if (keys.length === 0) return w.writeLine("<none>");
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, initial + inner);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const SKIPPED_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;

/**
 * Writes `Annotations:` as kubectl does: sorted, `last-applied-configuration` skipped, values
 * with line breaks or longer than 140 characters on their own lines, shortened to 138.
 *
 * @param w The writer.
 * @param title The title, e.g. `Annotations`.
 * @param annotations The annotations.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { printAnnotationsMultiline, tabbedString } from "./prefix_writer.ts";
 * const text = tabbedString((w) => printAnnotationsMultiline(w, "Annotations", { a: "1", b: "x\ny" }));
 * assertEquals(text, "Annotations:  a: 1\n              b:\n                x\n                y\n");
 * ```
 */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIPPED_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) return w.writeLine("<none>");
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, "\t");
    const value = annotations![k].replace(/\n$/, "");
    if (utf8Length(value) + utf8Length(k) + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(0, `${k}:\n`);
      for (const s of value.split("\n")) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

// Go slices bytes; cut at a character boundary at or below the byte limit.
function shorten(s: string, max: number): string {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length <= max) return s;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end)) + "...";
}
