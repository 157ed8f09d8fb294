// Copyright 2026 the k1s authors. Apache-2.0 license.
// kubectl's tab writer (printers.GetNewTabWriter: minwidth 6, padding 3, spaces): every cell but
// the last of a line is padded to its column's width; the last is written as is.

const MIN_WIDTH = 6;
const PADDING = 3;

function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Lays out rows of cells as kubectl's tab writer does; each line ends with a newline. */
export function tabwrite(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length - 1; i++) {
      widths[i] = Math.max(widths[i] ?? MIN_WIDTH, width(row[i]) + PADDING);
    }
  }
  let out = "";
  for (const row of rows) {
    for (let i = 0; i < row.length - 1; i++) out += row[i] + " ".repeat(widths[i] - width(row[i]));
    out += (row[row.length - 1] ?? "") + "\n";
  }
  return out;
}
