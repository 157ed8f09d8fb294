// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Pieces of `edit` that do not touch the store: the file's header and error block, kubectl's
 * comment stripping, and how the editor command line is built from `KUBE_EDITOR`/`EDITOR`.
 *
 * @module
 */

/** One reason the file is reopened, with its detail lines. */
export interface EditReason {
  /** The heading, e.g. `configmaps "a" was not valid`. */
  head: string;
  /** Detail lines (`* field: message`). */
  other: string[];
}

/**
 * kubectl's `hashOnLineBreak`: continues a comment over line breaks.
 *
 * @param s The text.
 * @returns The text with `# ` after every line break not already followed by `#`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { hashOnLineBreak } from "./_write_edit.ts";
 * assertEquals(hashOnLineBreak("a\nb\n#c"), "a\n# b\n#c");
 * ```
 */
export function hashOnLineBreak(s: string): string {
  let r = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\n" && i + 1 < s.length && s[i + 1] !== "#") r += "\n# ";
    else r += ch;
  }
  return r;
}

/**
 * The comment block at the top of the file `edit` opens (YAML only), with the reasons of a
 * failed previous attempt.
 *
 * @param reasons Why the file is reopened.
 * @param mode `apply` for `apply edit-last-applied`'s wording (`normal`: edit, `create`:
 *   create --edit).
 * @returns The header text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { editHeader } from "./_write_edit.ts";
 * assertEquals(editHeader([{ head: 'configmaps "a" was not valid', other: ["data: bad"] }]).split("\n").slice(4), [
 *   '# configmaps "a" was not valid:',
 *   "# * data: bad",
 *   "#",
 *   "",
 * ]);
 * ```
 */
export function editHeader(
  reasons: readonly EditReason[],
  mode: "normal" | "apply" | "create" = "normal",
): string {
  let s = mode === "apply"
    ? "# Please edit the 'last-applied-configuration' annotations below.\n" +
      "# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\n"
    : "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
      "# and an empty file will abort the edit. If an error occurs while saving this file will be\n" +
      "# reopened with the relevant failures.\n#\n";
  for (const r of reasons) {
    s += r.other.length > 0 ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) s += `# * ${hashOnLineBreak(o)}\n`;
    s += "#\n";
  }
  return s;
}

/**
 * `cmdutil.ManualStrip`: drops comment lines (`#`, but not `#!`).
 *
 * @param text The file.
 * @returns The file without comment lines.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { manualStrip } from "./_write_edit.ts";
 * assertEquals(manualStrip("# c\na: 1\n  # d\n#!x\n"), "a: 1\n#!x\n");
 * ```
 */
export function manualStrip(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t.startsWith("#") && !t.startsWith("#!")) return;
    out.push(line + (i < lines.length - 1 ? "\n" : ""));
  });
  return out.join("");
}

/**
 * `hasLines`: whether a file has a line that is neither blank nor a comment.
 *
 * @param text The file.
 * @returns Whether it has content.
 */
export function hasLines(text: string): boolean {
  return text.split("\n").some((l) => {
    const t = l.trim();
    return t.length > 0 && t[0] !== "#";
  });
}

/**
 * The command line that opens a file, as kubectl's `defaultEnvEditor` builds it: the first of
 * `KUBE_EDITOR` and `EDITOR` (default `vi`), split on spaces, or run through `$SHELL -c`
 * (default `/bin/bash`) when it has quotes or backslashes.
 *
 * @param env Reads an environment variable.
 * @param path The absolute path of the file.
 * @returns The program and its arguments, and the editor as kubectl names it in messages.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { editorCommand } from "./_write_edit.ts";
 * const env = (k: string) => ({ KUBE_EDITOR: "code --wait" } as Record<string, string>)[k];
 * assertEquals(editorCommand(env, "/tmp/x.yaml").args, ["code", "--wait", "/tmp/x.yaml"]);
 * ```
 */
export function editorCommand(
  env: (name: string) => string | undefined,
  path: string,
): { args: string[]; name: string } {
  let editor = "";
  for (const name of ["KUBE_EDITOR", "EDITOR"]) {
    editor = env(name) ?? "";
    if (editor) break;
  }
  if (!editor) editor = Deno.build.os === "windows" ? "notepad" : "vi";
  let args: string[];
  if (!editor.includes(" ")) args = [editor];
  else if (!/["'\\]/.test(editor)) args = editor.split(" ");
  else {
    const shell = env("SHELL") || (Deno.build.os === "windows" ? "cmd" : "/bin/bash");
    const flag = Deno.build.os === "windows" && !env("SHELL") ? "/C" : "-c";
    return {
      args: [shell, flag, `${editor} ${JSON.stringify(path)}`],
      name: [shell, flag, editor].join(" "),
    };
  }
  return { args: [...args, path], name: args.join(" ") };
}
