// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Source loading: `deno doc --json` (a real TypeScript parser, run as a subprocess) gives the
 * declarations, their types and how names resolve; the comments in front of a declaration are
 * read from the source text, which gives exact lines for markers and keeps markers written
 * after a JSDoc tag (which `deno doc` folds into the tag).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { isMarkerLine } from "./_markers.ts";
import { GenerateError } from "./generate_error.ts";

/** A position in `deno doc` output (0-based line). */
export interface DocLocation {
  filename: string;
  line: number;
  col: number;
  byteIndex: number;
}

/** A type in `deno doc` output. */
export interface TsType {
  kind: string;
  repr?: string;
  // deno-lint-ignore no-explicit-any
  value?: any;
}

/** A property of an interface or type literal. */
export interface DocProperty {
  name: string;
  location: DocLocation;
  optional?: boolean;
  computed?: boolean;
  tsType?: TsType;
}

/** One declaration of a symbol. */
export interface DocDeclaration {
  location: DocLocation;
  declarationKind: string;
  kind: string;
  // deno-lint-ignore no-explicit-any
  def: any;
}

/** A symbol of a module. */
export interface DocSymbol {
  name: string;
  declarations: DocDeclaration[];
}

/** An import of a module. */
export interface DocImport {
  importedName: string;
  originalName: string;
  src: string;
}

/** A module in `deno doc` output. */
export interface DocModule {
  symbols: DocSymbol[];
  imports?: DocImport[];
}

/** A comment line with its 1-based line number. */
export interface CommentLine {
  text: string;
  line: number;
}

/** The comments in front of a declaration. */
export interface LeadingComments {
  /** The nearest JSDoc block's lines (comment syntax removed), or none. */
  jsdoc: CommentLine[];
  /** Marker lines from every comment in front of the declaration. */
  markers: CommentLine[];
}

interface SourceText {
  text: string;
  lineStarts: number[];
  ascii: boolean;
  bytes?: Uint8Array;
}

/** Loads modules through `deno doc --json` and reads their sources. */
export class SourceIndex {
  readonly #deno: string;
  readonly #modules = new Map<string, DocModule>();
  readonly #sources = new Map<string, SourceText>();

  constructor(deno: string) {
    this.#deno = deno;
  }

  /** The loaded module at `url`, if any. */
  module(url: string): DocModule | undefined {
    return this.#modules.get(url);
  }

  /** Runs `deno doc --json` on the given `file:` URLs not loaded yet. */
  async load(urls: Iterable<string>, cwd: string): Promise<void> {
    const todo = [...new Set(urls)].filter((u) => !this.#modules.has(u)).sort();
    if (todo.length === 0) return;
    const paths = todo.map((u) => fileURLToPath(u));
    const out = await new Deno.Command(this.#deno, {
      args: ["doc", "--json", "--private", ...paths],
      cwd,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    if (!out.success) {
      const stderr = new TextDecoder().decode(out.stderr).trim();
      const problem = locatedProblem(stderr);
      if (problem !== undefined) throw new GenerateError([problem], { cwd: Deno.cwd() });
      throw new Error(`"deno doc" failed: ${stderr}`);
    }
    const doc = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      version?: number;
      nodes?: Record<string, DocModule>;
    };
    if (doc.version !== 2 || doc.nodes === undefined) {
      throw new Error(
        `Unsupported "deno doc --json" output version ${JSON.stringify(doc.version)}`,
      );
    }
    for (const url of todo) this.#modules.set(url, doc.nodes[url] ?? { symbols: [] });
  }

  /** Reads the source of a `file:` URL (cached). */
  async read(url: string): Promise<void> {
    if (this.#sources.has(url)) return;
    const text = await Deno.readTextFile(fileURLToPath(url));
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
    // deno-lint-ignore no-control-regex
    const ascii = !/[^\x00-\x7f]/.test(text);
    this.#sources.set(url, { text, lineStarts, ascii });
  }

  /** The source text of a loaded `file:` URL. */
  text(url: string): string {
    return this.#source(url).text;
  }

  #source(url: string): SourceText {
    const src = this.#sources.get(url);
    if (src === undefined) throw new Error(`Source ${JSON.stringify(url)} was not read`);
    return src;
  }

  /** The comments in front of the declaration at `loc`. */
  leadingComments(loc: DocLocation): LeadingComments {
    const src = this.#source(loc.filename);
    const offset = charOffset(src, loc.byteIndex);
    return leadingComments(src.text, src.lineStarts, offset);
  }

  /** The `@module` JSDoc of a file, if any. */
  moduleDoc(url: string): LeadingComments | undefined {
    const src = this.#source(url);
    for (const m of src.text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
      const lines = jsdocLines(m[0], lineOf(src.lineStarts, m.index));
      if (lines.some((l) => /^\s*@module\b/.test(l.text))) {
        return { jsdoc: lines, markers: lines.filter((l) => isMarkerLine(l.text)) };
      }
    }
    return undefined;
  }
}

/**
 * The first problem `deno doc` reports with a location (a syntax error, an unresolvable import)
 * as a diagnostic: the message line in front of the code frame and `at file:line:col`.
 */
function locatedProblem(
  stderr: string,
): { file: string; line: number; message: string } | undefined {
  const lines = stderr.split("\n");
  for (const [i, l] of lines.entries()) {
    const at = /^\s*at (file:\/\/\S+?):(\d+):\d+\s*$/.exec(l);
    if (at === null) continue;
    for (let j = i - 1; j >= 0; j--) {
      const text = lines[j].trim();
      // Skip source excerpts, carets and Deno's `hint:` lines, up to the error itself.
      if (
        text === "" || /^(\d+\s*)?\|/.test(text) || /^[~^\s]+$/.test(text) ||
        text.startsWith("hint:")
      ) continue;
      const message = text.replace(/^(Warning|error:)\s+/, "");
      return { file: fileURLToPath(at[1]), line: Number(at[2]), message };
    }
  }
  return undefined;
}

function charOffset(src: SourceText, byteIndex: number): number {
  if (src.ascii) return byteIndex;
  src.bytes ??= new TextEncoder().encode(src.text);
  return new TextDecoder().decode(src.bytes.subarray(0, byteIndex)).length;
}

/** 1-based line of a character offset. */
function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function leadingComments(text: string, lineStarts: number[], offset: number): LeadingComments {
  const comments: CommentLine[][] = [];
  let jsdoc: CommentLine[] | undefined;
  let pos = offset;
  for (;;) {
    while (pos > 0 && /\s/.test(text[pos - 1])) pos--;
    const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
    if (text.startsWith("*/", pos - 2)) {
      const start = text.lastIndexOf("/*", pos - 3);
      if (start < 0) break;
      const startLineStart = text.lastIndexOf("\n", start - 1) + 1;
      // A block comment after code on its line belongs to that code.
      if (text.slice(startLineStart, start).trim() !== "") break;
      const block = text.slice(start, pos);
      const lines = block.startsWith("/**")
        ? jsdocLines(block, lineOf(lineStarts, start))
        : blockLines(block, lineOf(lineStarts, start));
      // The module's own JSDoc describes the file, not the declaration after it.
      if (block.startsWith("/**") && lines.some((l) => /^\s*@module\b/.test(l.text))) break;
      if (block.startsWith("/**") && jsdoc === undefined) jsdoc = lines;
      comments.push(lines);
      pos = start;
      continue;
    }
    const line = text.slice(lineStart, pos);
    if (line.trimStart().startsWith("//")) {
      const body = line.trimStart().slice(2);
      comments.push([{
        text: body.startsWith(" ") ? body.slice(1) : body,
        line: lineOf(lineStarts, lineStart),
      }]);
      pos = lineStart;
      continue;
    }
    break;
  }
  const markers: CommentLine[] = [];
  for (const lines of comments.reverse()) {
    let fenced = false;
    for (const l of lines) {
      if (/^\s*(```|~~~)/.test(l.text)) fenced = !fenced;
      else if (!fenced && isMarkerLine(l.text)) markers.push(l);
    }
  }
  return { jsdoc: jsdoc ?? [], markers };
}

/** The lines of a `/** ... *\/` block without the comment syntax. */
function jsdocLines(block: string, firstLine: number): CommentLine[] {
  const body = block.slice(3, -2);
  return body.split("\n").map((raw, i) => {
    let text = raw.replace(/\r$/, "");
    if (i > 0) {
      const m = /^\s*\*(?: |\t)?/.exec(text);
      text = m !== null ? text.slice(m[0].length) : text.trimStart();
    } else {
      text = text.trimStart();
    }
    return { text: text.trimEnd(), line: firstLine + i };
  });
}

function blockLines(block: string, firstLine: number): CommentLine[] {
  return block.slice(2, -2).split("\n").map((raw, i) => ({
    text: raw.replace(/^\s*\*?\s?/, "").trimEnd(),
    line: firstLine + i,
  }));
}

/**
 * The description in a JSDoc: the text before the first tag, without marker lines, processed
 * like controller-tools' `extractDoc` (`TODO` lines dropped, text after `---` dropped, runs of
 * blank lines collapsed, outer blank lines removed). `{@link X}` becomes `X`.
 */
export function descriptionOf(jsdoc: CommentLine[]): string {
  const out: string[] = [];
  let fenced = false;
  for (const { text } of jsdoc) {
    const isFence = /^\s*(```|~~~)/.test(text);
    if (!fenced && /^\s*@\w/.test(text)) break;
    if (!fenced && !isFence) {
      if (isMarkerLine(text)) continue;
      if (text.trimStart().startsWith("TODO")) continue;
      if (text.trimStart().startsWith("---")) break;
    }
    if (isFence) fenced = !fenced;
    if (text.trim() === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    out.push(text.trim() === "" ? "" : text);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n").replace(
    /\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g,
    (_m, name: string, label: string) => label.trim() !== "" ? label.trim() : name,
  );
}
