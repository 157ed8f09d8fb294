// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `wait --for=create|delete|condition=X[=v]|jsonpath='{...}'[=v]`: polls the store (other
 * processes write it) until every target meets the condition or `--timeout` passes.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import type { CommandContext, NamedTarget, ResourceTarget } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { actionLine } from "../_cli/action_line.ts";
import { OBJECT_OUTPUT_FORMATS, outputFormat } from "../_cli/output_format.ts";
import { reasonOf } from "../_cli/resources.ts";
import type { JSONPath } from "../_internal/printers/jsonpath/jsonpath.ts";
import { relaxedJSONPathExpression } from "../_internal/printers/jsonpath/relaxed.ts";

type Condition = (obj: KubeObject | undefined) => boolean;

const WEEK = 7 * 24 * 3600 * 1000;
const POLL_MS = 100;

/**
 * Runs `wait`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const forFlag = ctx.string("for");
  const lower = forFlag.toLowerCase();
  const mode = lower === "delete" ? "delete" : lower === "create" ? "create" : "condition";
  const condition = mode === "condition" ? await parseCondition(forFlag) : undefined;
  const format = ctx.string("output") ? await outputFormat(ctx, OBJECT_OUTPUT_FORMATS) : undefined;
  let timeout = ctx.number("timeout");
  if (timeout < 0) timeout = WEEK;
  const deadline = Date.now() + timeout;
  const sel = await ctx.resources({ allowEmptySelector: false });
  // The object printers load for -o only: without it, wait prints action lines.
  const printer = format &&
    new (await import("../_cli/printing.ts")).ObjectPrinter(format, ctx.stdout, {
      showManagedFields: ctx.bool("show-managed-fields"),
    });

  // Named targets keep their identity; list targets are expanded once, as kubectl's builder does.
  const named: NamedTarget[] = [];
  for (const t of sel.targets) {
    if (t.kind === "name") {
      if (mode !== "create" && mode !== "delete") {
        await ctx.fetch(t); // NotFound ends the command, as kubectl's visitor does
      } else if (mode === "delete" && !(await exists(ctx, t))) {
        continue;
      }
      named.push(t);
      continue;
    }
    for (const o of await ctx.fetch(t)) named.push(toNamed(t, o));
  }
  if (named.length === 0 && mode !== "delete") throw new CliError("no matching resources found");

  for (const t of named) {
    const met = await waitFor(ctx, t, mode, condition, deadline, timeout === 0);
    if (!met.ok) {
      throw new CliError(
        `timed out waiting for the condition on ${t.type.plural}/${t.name}`,
      );
    }
    const obj = met.object ?? {
      apiVersion: t.type.group ? `${t.type.group}/${t.type.version}` : t.type.version,
      kind: t.type.kind,
      metadata: { name: t.name },
    };
    if (printer) printer.print(obj, "condition met");
    else ctx.stdout.write(actionLine(obj, "condition met", "none"));
  }
  return 0;
}

function toNamed(t: ResourceTarget, o: KubeObject): NamedTarget {
  return {
    kind: "name",
    type: t.type,
    namespace: o.metadata.namespace ?? "",
    name: o.metadata.name ?? "",
  };
}

async function exists(ctx: CommandContext, t: ResourceTarget): Promise<boolean> {
  try {
    await ctx.fetch(t);
    return true;
  } catch (e) {
    if (reasonOf(e) === "NotFound") return false;
    throw e;
  }
}

async function waitFor(
  ctx: CommandContext,
  t: NamedTarget,
  mode: "create" | "delete" | "condition",
  condition: Condition | undefined,
  deadline: number,
  once: boolean,
): Promise<{ ok: boolean; object?: KubeObject }> {
  for (;;) {
    let obj: KubeObject | undefined;
    try {
      [obj] = await ctx.fetch(t);
    } catch (e) {
      if (reasonOf(e) !== "NotFound") throw e;
    }
    if (mode === "delete" && !obj) return { ok: true };
    if (mode === "create" && obj) return { ok: true, object: obj };
    if (mode === "condition" && obj && condition!(obj)) return { ok: true, object: obj };
    if (once || Date.now() >= deadline || ctx.signal.aborted) return { ok: false };
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), ctx.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

async function parseCondition(forFlag: string): Promise<Condition> {
  if (forFlag.startsWith("condition=")) {
    let name = forFlag.slice("condition=".length);
    let value = "true";
    const eq = name.indexOf("=");
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return (obj) => conditionMet(obj!, name, value);
  }
  if (forFlag.startsWith("jsonpath=")) {
    const [expr, value] = splitJsonPath(forFlag.slice("jsonpath=".length).trim());
    const jsonpath = await import("../_internal/printers/jsonpath/jsonpath.ts");
    let jp: JSONPath;
    try {
      jp = new jsonpath.JSONPath(relaxedJSONPathExpression(expr), { allowMissingKeys: true });
    } catch (e) {
      throw new CliError((e as Error).message, { cause: e });
    }
    return (obj) => {
      let results: unknown[][];
      try {
        results = jp.findResults(obj);
      } catch {
        return false;
      }
      const flat = results.flat();
      if (value === undefined) return flat.length > 0;
      if (flat.length !== 1) return false;
      const v = flat[0];
      const text = typeof v === "string" ? v : JSON.stringify(v);
      return text === value;
    };
  }
  throw new CliError(`unrecognized condition: ${JSON.stringify(forFlag)}`);
}

// Splits `{.a.b}=value` at the `=` outside the braces.
function splitJsonPath(input: string): [string, string | undefined] {
  let depth = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "=" && depth === 0) {
      const value = input.slice(i + 1).replace(/^['"]+|['"]+$/g, "");
      if (value === "") {
        throw new CliError(
          "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
        );
      }
      return [input.slice(0, i), value];
    }
  }
  return [input, undefined];
}

function conditionMet(obj: KubeObject, name: string, value: string): boolean {
  const status = obj.status as { conditions?: unknown } | undefined;
  const conditions = Array.isArray(status?.conditions) ? status!.conditions as unknown[] : [];
  for (const c of conditions) {
    const cond = c as { type?: unknown; status?: unknown; observedGeneration?: unknown };
    if (typeof cond.type !== "string" || cond.type.toLowerCase() !== name.toLowerCase()) continue;
    if (typeof cond.status !== "string") continue;
    const gen = obj.metadata.generation;
    const observed = typeof cond.observedGeneration === "number"
      ? cond.observedGeneration
      : (obj.status as { observedGeneration?: unknown })?.observedGeneration;
    if (typeof gen === "number" && typeof observed === "number" && observed < gen) return false;
    return cond.status.toLowerCase() === value.toLowerCase();
  }
  return false;
}
