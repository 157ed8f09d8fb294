// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * {@linkcode GenerateError}: what {@linkcode generate} throws when the input has problems.
 *
 * @module
 */
import { isAbsolute, relative } from "node:path";

/** A problem in the input, at a file and line. */
export interface Diagnostic {
  /** Absolute path of the file (or directory). */
  file: string;
  /** 1-based line, or 0 when the problem concerns the whole file or directory. */
  line: number;
  /** What is wrong, e.g. `unknown marker "+kubebuilder:validation:Foo"`. */
  message: string;
}

/**
 * Formats a diagnostic as `error: <file>:<line>: <message>`, the file relative to `cwd`.
 *
 * @param d The diagnostic.
 * @param cwd Directory paths inside it are shown relative to; absolute paths when omitted.
 * @returns One line of text.
 *
 * @example Formatting a diagnostic
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatDiagnostic } from "@k1s/gen";
 *
 * const d = { file: "/src/api/v1/widget_types.ts", line: 12, message: "unknown marker \"+x\"" };
 * assertEquals(formatDiagnostic(d, "/src"), 'error: api/v1/widget_types.ts:12: unknown marker "+x"');
 * ```
 */
export function formatDiagnostic(d: Diagnostic, cwd?: string): string {
  const file = cwd === undefined ? d.file : displayPath(d.file, cwd);
  return `error: ${file}${d.line > 0 ? `:${d.line}` : ""}: ${d.message}`;
}

/** `path` relative to `cwd` when it is inside it, else absolute. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === "") return ".";
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/**
 * The input of {@linkcode generate} has problems: unknown or malformed markers, unsupported
 * types, missing group names. {@linkcode GenerateError.diagnostics} lists all of them, sorted by
 * file and line; the message is their {@linkcode formatDiagnostic} lines.
 *
 * @example Catching generator errors
 * ```ts
 * import { assert } from "@std/assert";
 * import { GenerateError } from "@k1s/gen";
 *
 * const err = new GenerateError([{ file: "/a.ts", line: 3, message: "unknown marker \"+x\"" }]);
 * assert(err.message.includes("/a.ts:3"));
 * ```
 */
export class GenerateError extends Error {
  /** The problems, sorted by file and line. */
  readonly diagnostics: readonly Diagnostic[];

  /**
   * Creates the error.
   *
   * @param diagnostics The problems found.
   * @param options `cwd`: directory paths in the message are relative to.
   */
  constructor(diagnostics: Diagnostic[], options: { cwd?: string } = {}) {
    const sorted = [...diagnostics].sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line
    );
    super(sorted.map((d) => formatDiagnostic(d, options.cwd)).join("\n"));
    this.name = "GenerateError";
    this.diagnostics = sorted;
  }
}
