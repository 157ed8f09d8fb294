// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * A port of Go's `text/tabwriter` (elastic tabstops) with the `RememberWidths` flag of the
 * fork kubectl uses (`github.com/liggitt/tabwriter`), so tables and describe output align
 * byte for byte like kubectl's.
 *
 * @module
 */

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

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
  #lines: Cell[][] = [[]];
  #cell = "";
  #out: string[] = [];
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
        const ncells = this.#terminateCell(ch === 9);
        if (ch === 10 || ch === 12) {
          this.#lines.push([]);
          if (ch === 12 || ncells === 1) this.#flushInternal();
        }
      }
    }
    this.#cell += text.slice(start);
  }

  /**
   * Buffers one line of cells: the same as `write(cells.join("\t") + "\n")` for cells that
   * contain no `\t`, `\v`, `\n` or `\f`, without scanning the text again.
   *
   * @param cells The cells (none may contain a tab, vertical tab, newline or form feed).
   */
  writeRow(cells: readonly string[]): void {
    const line = this.#lines[this.#lines.length - 1];
    for (let i = 0; i < cells.length; i++) {
      let text = cells[i];
      if (i === 0 && this.#cell.length > 0) {
        text = this.#cell + text;
        this.#cell = "";
      }
      line.push({ text, width: runeCount(text), htab: i < cells.length - 1 });
    }
    if (cells.length === 0) this.#terminateCell(false);
    this.#lines.push([]);
    if (line.length === 1) this.#flushInternal();
  }

  /**
   * Formats and returns everything buffered, including a trailing partial line.
   *
   * @returns The aligned text written since the previous flush.
   */
  flush(): string {
    this.#flushInternal();
    const s = this.#out.join("");
    this.#out = [];
    return s;
  }

  /** Forgets remembered column widths (kubectl does this when the resource type changes). */
  resetRememberedWidths(): void {
    this.#maxWidths = [];
  }

  #terminateCell(htab: boolean): number {
    const line = this.#lines[this.#lines.length - 1];
    line.push({ text: this.#cell, width: runeCount(this.#cell), htab });
    this.#cell = "";
    return line.length;
  }

  #flushInternal(): void {
    if (this.#cell.length > 0) this.#terminateCell(false);
    this.#format(0, this.#lines.length);
    this.#lines = [[]];
    this.#widths = [];
  }

  #format(line0: number, line1: number): void {
    const column = this.#widths.length;
    for (let current = line0; current < line1; current++) {
      let line = this.#lines[current];
      if (column >= line.length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.#writeLines(line0, current);
      line0 = current;
      let width = this.#opts.minWidth;
      for (; current < line1; current++) {
        line = this.#lines[current];
        if (column >= line.length - 1) break;
        const w = line[column].width + this.#opts.padding;
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
    for (let i = line0; i < line1; i++) {
      const line = this.#lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        this.#out.push(c.text);
        if (j < this.#widths.length) this.#out.push(spaces(this.#widths[j] - c.width));
      }
      // The last buffered line has no newline yet.
      if (i + 1 < this.#lines.length) this.#out.push("\n");
    }
  }
}

const SPACES: string[] = [];

function spaces(n: number): string {
  if (n <= 0) return "";
  return SPACES[n] ??= " ".repeat(n);
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Count a surrogate pair once.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}
