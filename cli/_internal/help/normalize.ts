// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * kubectl's help text normalizers (`templates.LongDesc`, `templates.Examples`): descriptions
 * are dedented and rendered from light markdown as kubectl's ASCII renderer does (paragraph
 * lines joined, one leading space per paragraph except the first, code blocks indented);
 * examples are dedented and indented by two spaces.
 *
 * @module
 */

const CODE_INDENT = "        ";

/**
 * Normalises a long description as `templates.LongDesc` does.
 *
 * @param text The description, possibly indented as a template literal.
 * @returns The rendered text, trimmed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { longDesc } from "./normalize.ts";
 * assertEquals(
 *   longDesc(`
 *     Display one or many resources.
 *
 *     Prints a table of the most important information
 *     about the specified resources.`),
 *   "Display one or many resources.\n\n Prints a table of the most important information about the specified resources.",
 * );
 * ```
 */
export function longDesc(text: string): string {
  if (text.length === 0) return text;
  const lines = dedent(text).split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (/^( {4}|\t)/.test(line)) {
      const code: string[] = [];
      while (i < lines.length && (/^( {4}|\t)/.test(lines[i]) || lines[i].trim() === "")) {
        code.push(lines[i].trim());
        i++;
      }
      while (code.length > 0 && code[code.length - 1] === "") code.pop();
      out.push("\n" + [...code, ""].map((l) => CODE_INDENT + l).join("\n"));
      continue;
    }
    if (/^[*-] /.test(line.trim())) {
      const items: string[] = [];
      while (i < lines.length && lines[i].trim() !== "" && /^[*-] /.test(lines[i].trim())) {
        items.push(`  *  ${lines[i].trim().slice(2).trim()}`);
        i++;
      }
      out.push("\n" + items.join("\n") + "\n");
      continue;
    }
    // An indented line does not end a paragraph: a code block cannot interrupt one in
    // Markdown, so it is a continuation line.
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() !== "") {
      para.push(lines[i].trim());
      i++;
    }
    out.push("\n " + para.join(" ") + "\n");
  }
  return out.join("").trim();
}

/**
 * Normalises examples as `templates.Examples` does: dedented, trimmed, every line indented by
 * two spaces (blank lines too).
 *
 * @param text The examples.
 * @returns The indented text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { examples } from "./normalize.ts";
 * assertEquals(examples("# List pods\nk1s get pods\n\n# More\nk1s get cm"), "  # List pods\n  k1s get pods\n  \n  # More\n  k1s get cm");
 * ```
 */
export function examples(text: string): string {
  if (text.length === 0) return text;
  return dedent(text).trim().split("\n").map((l) => "  " + l.trim()).join("\n");
}

// heredoc: remove the indentation common to all non-blank lines.
function dedent(text: string): string {
  const lines = text.replace(/^\n/, "").split("\n");
  let min = Infinity;
  for (const l of lines) {
    if (l.trim() === "") continue;
    const m = /^[ \t]*/.exec(l)![0].length;
    if (m < min) min = m;
  }
  if (min === Infinity) min = 0;
  return lines.map((l) => (l.trim() === "" ? "" : l.slice(min))).join("\n");
}
