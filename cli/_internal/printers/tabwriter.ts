// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * A port of Go's `text/tabwriter` (elastic tabstops) with the `RememberWidths` flag of the
 * fork kubectl uses (`github.com/liggitt/tabwriter`), so tables and describe output align
 * byte for byte like kubectl's.
 *
 * @module
 */

/** Settings of a {@linkcode TabWriter} (Go's `Writer.Init` arguments). */
export interface TabWriterOptions {
  /** Minimal cell width including padding. */
  minWidth: number;
  /** Cell padding added to the widest cell of a column. */
  padding: number;
  /** Keep column widths across flushes, only ever growing them (kubectl watch output). */
  rememberWidths?: boolean;
}

/** kubectl's table settings (`printers.GetNewTabWriter`): min width 6, padding 3, remembered widths. */
export const KUBECTL_TABLE: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true };

/** kubectl describe's settings (`tabbedString`): min width 0, padding 2. */
export const KUBECTL_DESCRIBE: TabWriterOptions = { minWidth: 0, padding: 2 };

/**
 * TabWriter knows how to align tab-separated cells into columns. Text is buffered until a
 * line with a single cell (which cannot affect alignment) or {@linkcode TabWriter.flush}.
 *
 * @example Align two rows
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { KUBECTL_TABLE, TabWriter } from "./tabwriter.ts";
 * const w = new TabWriter(KUBECTL_TABLE);
 * w.write("NAME\tDATA\tAGE\nfoo\t2\t4s\n");
 * assertEquals(w.flush(), "NAME   DATA   AGE\nfoo    2      4s\n");
 * ```
 */
export class TabWriter {
  #opts: TabWriterOptions;
  // The buffered cells, flat: their texts and widths, and where each line's cells start (the
  // last line is the one being written). Flat arrays rather than objects per cell and line:
  // a table of a thousand rows is printed by code that has not been optimized yet.
  #texts: string[] = [];
  #cellWidths: number[] = [];
  #lineStarts: number[] = [0];
  #cell = "";
  #out = "";
  #widths: number[] = [];
  #maxWidths: number[] = [];

  /**
   * Creates an instance.
   *
   * @param options Column settings.
   */
  constructor(options: TabWriterOptions) {
    this.#opts = options;
  }

  /**
   * Buffers text; a newline after a line with a single cell flushes what came before.
   *
   * @param text Text with `\t`-terminated cells and `\n`-terminated lines.
   */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // \t \v \n \f
      if (ch === 9 || ch === 11 || ch === 10 || ch === 12) {
        this.#cell += text.slice(start, i);
        start = i + 1;
        this.#terminateCell();
        if (ch === 10 || ch === 12) this.#endLine(ch === 12);
      }
    }
    this.#cell += text.slice(start);
  }

  /**
   * Buffers one cell: the same as `write(text + (endOfLine ? "\n" : "\t"))` for a text that
   * contains no `\t`, `\v`, `\n` or `\f`, without scanning it.
   *
   * @param text The cell's text (no tab, vertical tab, newline or form feed).
   * @param endOfLine Whether the cell ends its line.
   */
  writeCell(text: string, endOfLine: boolean): void {
    if (this.#cell.length > 0) {
      text = this.#cell + text;
      this.#cell = "";
    }
    this.#texts.push(text);
    this.#cellWidths.push(runeCount(text));
    if (endOfLine) this.#endLine(false);
  }

  /**
   * Formats and returns everything buffered, including a trailing partial line.
   *
   * @returns The aligned text written since the previous flush.
   */
  flush(): string {
    this.#flushInternal();
    const s = this.#out;
    this.#out = "";
    return s;
  }

  /** Forgets remembered column widths (kubectl does this when the resource type changes). */
  resetRememberedWidths(): void {
    this.#maxWidths = [];
  }

  #terminateCell(): void {
    this.#texts.push(this.#cell);
    this.#cellWidths.push(runeCount(this.#cell));
    this.#cell = "";
  }

  // Ends the current line; a line of one cell cannot affect alignment, so what came before is
  // formatted (Go's tabwriter does the same, and so does a form feed).
  #endLine(formFeed: boolean): void {
    const start = this.#lineStarts[this.#lineStarts.length - 1];
    this.#lineStarts.push(this.#texts.length);
    if (formFeed || this.#texts.length - start === 1) this.#flushInternal();
  }

  #flushInternal(): void {
    if (this.#cell.length > 0) this.#terminateCell();
    this.#format(0, this.#lineStarts.length);
    this.#texts = [];
    this.#cellWidths = [];
    this.#lineStarts = [0];
    this.#widths = [];
  }

  // The number of cells of a buffered line.
  #cellCount(line: number): number {
    const end = line + 1 < this.#lineStarts.length
      ? this.#lineStarts[line + 1]
      : this.#texts.length;
    return end - this.#lineStarts[line];
  }

  #format(line0: number, line1: number): void {
    const column = this.#widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= this.#cellCount(current) - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.#writeLines(line0, current);
      line0 = current;
      let width = this.#opts.minWidth;
      for (; current < line1; current++) {
        if (column >= this.#cellCount(current) - 1) break;
        const w = this.#cellWidths[this.#lineStarts[current] + column] + this.#opts.padding;
        if (w > width) width = w;
      }
      if (this.#opts.rememberWidths) {
        const depth = this.#widths.length;
        if (this.#maxWidths.length < depth) {
          this.#maxWidths.push(...this.#widths.slice(this.#maxWidths.length));
        }
        if (this.#maxWidths.length === depth) this.#maxWidths.push(width);
        else if (this.#maxWidths[depth] > width) width = this.#maxWidths[depth];
        else this.#maxWidths[depth] = width;
      }
      this.#widths.push(width);
      this.#format(line0, current);
      this.#widths.pop();
      line0 = current;
      current--;
    }
    this.#writeLines(line0, line1);
  }

  #writeLines(line0: number, line1: number): void {
    const lines = this.#lineStarts.length;
    const widths = this.#widths;
    let out = this.#out;
    for (let i = line0; i < line1; i++) {
      const start = this.#lineStarts[i];
      const n = this.#cellCount(i);
      for (let j = 0; j < n; j++) {
        const text = this.#texts[start + j];
        out += j < widths.length ? text + spaces(widths[j] - this.#cellWidths[start + j]) : text;
      }
      // The last buffered line has no newline yet.
      if (i + 1 < lines) out += "\n";
    }
    this.#out = out;
  }
}

const SPACES: string[] = [];

function spaces(n: number): string {
  if (n <= 0) return "";
  return SPACES[n] ??= " ".repeat(n);
}

const HIGH_SURROGATE = /[\ud800-\udbff]/;

function runeCount(s: string): number {
  if (!HIGH_SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Count a surrogate pair once.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}
