// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Errors of the CLI framework and their rendering: kubectl's final error handler
 * (`cmdutil.CheckErr`, from cli/_internal/output.ts) plus a clear message for a Deno
 * permission the process was not given.
 *
 * @module
 */
import { errorText, multipleErrorLine } from "../_internal/output.ts";

/**
 * A command failure whose text is printed as is (`error: ` is added unless present), with an
 * exit code. Commands throw it for kubectl messages that are not usage errors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { CliError } from "./errors.ts";
 * assertEquals(new CliError("the server doesn't have a resource type \"x\"").exitCode, 1);
 * ```
 */
export class CliError extends Error {
  /** The process exit code. */
  readonly exitCode: number;
  /** Text printed to stdout before the error (kubectl prints some headers first). */
  readonly stdout: string;

  /**
   * @param message The message after `error: `.
   * @param options Exit code (default 1), text already meant for stdout, and `cause`.
   */
  constructor(
    message: string,
    options: { exitCode?: number; stdout?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "CliError";
    this.exitCode = options.exitCode ?? 1;
    this.stdout = options.stdout ?? "";
  }
}

/**
 * An exit with a code and no message (kubectl's `DefaultErrorExitCode` paths that already
 * printed their output, e.g. `auth can-i` answering `no`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ExitCode } from "./errors.ts";
 * assertEquals(new ExitCode(1).exitCode, 1);
 * ```
 */
export class ExitCode extends Error {
  /** The exit code. */
  readonly exitCode: number;

  /** @param code The exit code. */
  constructor(code: number) {
    super(`exit ${code}`);
    this.name = "ExitCode";
    this.exitCode = code;
  }
}

const PERMISSION_RE =
  /Requires (\w+) access to "?(.*?)"?, run again with the (--allow-[\w-]+) flag/;

function tempDir(): string {
  try {
    return Deno.env.get("TMPDIR") || "/tmp";
  } catch {
    return "/tmp"; // TMPDIR not granted
  }
}

/**
 * The text for a Deno permission error: which access was refused and the flag to add.
 *
 * @param err The `Deno.errors.NotCapable` (or `PermissionDenied` raised by a permission check).
 * @param tool The tool name.
 * @returns The line, or `undefined` when `err` is not a Deno permission error.
 */
export function permissionErrorText(err: unknown, tool: string): string | undefined {
  // Storage and server layers wrap the Deno error; the cause chain still holds it.
  for (let e: unknown = err, i = 0; e && i < 8; e = (e as Error).cause, i++) {
    const text = denoPermissionText(e, tool);
    if (text) return text;
  }
  return undefined;
}

function denoPermissionText(err: unknown, tool: string): string | undefined {
  const e = err as Error;
  const capable = (Deno.errors as Record<string, unknown>).NotCapable as
    | (new () => Error)
    | undefined;
  const typed = (capable && e instanceof capable) || e instanceof Deno.errors.PermissionDenied;
  // Some layers (sql.js's WASM loader, messages built from errors) keep only the text.
  const m = PERMISSION_RE.exec(typeof e?.message === "string" ? e.message : String(err));
  if (!typed && !m) return undefined;
  if (!m) {
    if (e instanceof Deno.errors.PermissionDenied) return undefined; // an OS error (EACCES)
    return `error: ${tool} was not given a Deno permission it needs: ${(err as Error).message}\n`;
  }
  const [, access, rawTarget, flag] = m;
  // Deno writes the temporary directory as "<TMP>" (makeTempFile); name it.
  const target = rawTarget === "<TMP>" ? tempDir() : rawTarget;
  // --allow-all takes no list.
  const value = target && flag !== "--allow-all" ? `${flag}=${target}` : flag;
  // k1s's own docs explain its permissions; a tool's users have the tool's docs.
  const see = tool === "k1s" ? ' (see "Permissions" in docs/cli.md)' : "";
  return `error: ${tool} needs ${access} access to ${
    target ? JSON.stringify(target) : "this resource"
  } but Deno did not grant it; run it with ${value}${see}\n`;
}

/**
 * The stderr text for an error that ends a command.
 *
 * @param err The error.
 * @param tool The tool name (for permission messages).
 * @returns The text, ending with a newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderError } from "./errors.ts";
 * assertEquals(renderError(new Error("boom"), "k1s"), "error: boom\n");
 * ```
 */
export function renderError(err: unknown, tool: string): string {
  const perm = permissionErrorText(err, tool);
  if (perm) return perm;
  if (err instanceof AggregateError && err.errors.length > 0) {
    return err.errors.map((e) => permissionErrorText(e, tool) ?? multipleErrorLine(e)).join("");
  }
  return errorText(err);
}

/**
 * The exit code for an error.
 *
 * @param err The error.
 * @returns The error's `exitCode`, else 1.
 */
export function exitCodeOf(err: unknown): number {
  const code = (err as { exitCode?: unknown })?.exitCode;
  return typeof code === "number" ? code : 1;
}
