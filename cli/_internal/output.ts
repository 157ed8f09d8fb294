// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Where commands write: injected stdout/stderr sinks (real streams, or buffers in tests), and
 * kubectl's final error rendering (`cmdutil.CheckErr`).
 *
 * @module
 */
import type { Status } from "@k1s/core";

export type { Status };

/** A text sink. Writes are synchronous so output keeps its order. */
export interface TextSink {
  /**
   * Writes text.
   *
   * @param text The text.
   */
  write(text: string): void;
}

/** The two streams a command writes to. */
export interface Output {
  /** Results. */
  stdout: TextSink;
  /** Errors, warnings and `No resources found`. */
  stderr: TextSink;
}

/** An {@linkcode Output} that keeps everything, for tests. */
export interface BufferedOutput extends Output {
  /** Everything written to stdout. */
  readonly stdoutText: string;
  /** Everything written to stderr. */
  readonly stderrText: string;
}

/**
 * An output that records what is written.
 *
 * @returns The buffered output.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { bufferOutput } from "./output.ts";
 * const out = bufferOutput();
 * out.stdout.write("configmap/foo created\n");
 * out.stderr.write("Warning: x\n");
 * assertEquals([out.stdoutText, out.stderrText], ["configmap/foo created\n", "Warning: x\n"]);
 * ```
 */
export function bufferOutput(): BufferedOutput {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
    get stdoutText() {
      return out.join("");
    },
    get stderrText() {
      return err.join("");
    },
  };
}

/** The part of `Deno.stdout`/`Deno.stderr` a sink needs. */
export interface SyncWriter {
  /**
   * Writes some bytes.
   *
   * @param p The bytes.
   * @returns How many were written.
   */
  writeSync(p: Uint8Array): number;
}

/**
 * An output writing to the process's streams (or other synchronous writers).
 *
 * @param streams The writers; defaults to `Deno.stdout` and `Deno.stderr`.
 * @returns The output.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { streamOutput } from "./output.ts";
 * const chunks: Uint8Array[] = [];
 * const w = { writeSync: (p: Uint8Array) => (chunks.push(p), p.length) };
 * streamOutput({ stdout: w, stderr: w }).stdout.write("hi\n");
 * assertEquals(new TextDecoder().decode(chunks[0]), "hi\n");
 * ```
 */
export function streamOutput(streams?: { stdout: SyncWriter; stderr: SyncWriter }): Output {
  const enc = new TextEncoder();
  const sink = (w: SyncWriter): TextSink => ({
    write(text: string) {
      let bytes = enc.encode(text);
      while (bytes.length > 0) bytes = bytes.subarray(w.writeSync(bytes));
    },
  });
  const s = streams ?? { stdout: Deno.stdout, stderr: Deno.stderr };
  return { stdout: sink(s.stdout), stderr: sink(s.stderr) };
}

/**
 * The text kubectl prints for an error that ends a command (`cmdutil.CheckErr`), ending with a
 * newline:
 * - an object with `render()` (a `UsageError`) renders itself;
 * - a `StatusError` of reason Invalid: `The ConfigMap "x" is invalid: <field>: <msg>`, or one
 *   `* <field>: <msg>` line per cause;
 * - other `StatusError`s: `Error from server (NotFound): <message>`;
 * - anything else: `error: <message>` (unless the message already starts with `error: `).
 *
 * @param err The error.
 * @returns The stderr text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newNotFound } from "@k1s/core";
 * import { errorText } from "./output.ts";
 * assertEquals(errorText(newNotFound({ group: "", resource: "configmaps" }, "foo")), 'Error from server (NotFound): configmaps "foo" not found\n');
 * assertEquals(errorText(new Error("exactly one NAME is required, got 0")), "error: exactly one NAME is required, got 0\n");
 * ```
 */
export function errorText(err: unknown): string {
  let msg: string;
  const e = err as { render?: () => string; status?: Status; message?: string };
  if (e && typeof e.render === "function") return e.render();
  if (e?.status?.kind === "Status") {
    msg = statusText(e.status, e.message ?? "");
  } else {
    msg = e instanceof Error ? e.message : String(err);
    if (!msg.startsWith("error: ")) msg = `error: ${msg}`;
  }
  return msg.endsWith("\n") ? msg : msg + "\n";
}

/**
 * One line of kubectl's `MultipleErrors` (errors collected over several objects, each through
 * `StandardErrorMessage`): `Error from server (Reason): <message>` for an API error (an invalid
 * object included), `[a, b]` for a nested aggregate, the bare message otherwise.
 *
 * @param err The error.
 * @returns The line, ending with a newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newAlreadyExists } from "@k1s/core";
 * import { multipleErrorLine } from "./output.ts";
 * assertEquals(multipleErrorLine(new Error("boom")), "boom\n");
 * assertEquals(
 *   multipleErrorLine(newAlreadyExists({ group: "", resource: "configmaps" }, "a")),
 *   'Error from server (AlreadyExists): configmaps "a" already exists\n',
 * );
 * ```
 */
export function multipleErrorLine(err: unknown): string {
  const e = err as { status?: Status; message?: string };
  const message = (x: unknown) => (x instanceof Error ? x.message : String(x));
  let msg: string;
  if (e?.status?.kind === "Status") {
    msg = e.status.reason === "Invalid"
      ? `Error from server (Invalid): ${e.message ?? ""}`
      : statusText(e.status, e.message ?? "");
  } else if (err instanceof AggregateError) {
    // An aggregate within the list is one line, as Go's: its error alone, or them bracketed.
    msg = err.errors.length === 1
      ? message(err.errors[0])
      : `[${err.errors.map(message).join(", ")}]`;
  } else msg = message(err);
  return msg.endsWith("\n") ? msg : msg + "\n";
}

function statusText(s: Status, message: string): string {
  if (s.reason === "Invalid") {
    const d = s.details;
    if (!d) return "The request is invalid" + (s.message ? `: ${s.message}` : "");
    let prefix = "The request is invalid";
    // statusCausesToAggrError: `<field>: <message>`, duplicates dropped.
    const causes = [
      ...new Set((d.causes ?? []).map((c) => `${c.field ?? ""}: ${c.message ?? ""}`)),
    ];
    if (d.kind || d.name) prefix = `The ${d.kind ?? ""} ${JSON.stringify(d.name ?? "")} is invalid`;
    // Neither an object nor causes to name: the message is all there is.
    else if (s.message && causes.length === 0) prefix += `: ${s.message}`;
    if (causes.length === 0) return prefix;
    if (causes.length === 1) return `${prefix}: ${causes[0]}\n`;
    return `${prefix}: \n${causes.map((c) => `* ${c}\n`).join("")}`;
  }
  if (s.reason === "Unauthorized") {
    return `error: You must be logged in to the server (${s.message ?? ""})`;
  }
  if (s.reason) return `Error from server (${s.reason}): ${message}`;
  return `Error from server: ${message}`;
}
