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

  const once = timeout === 0;
  // kubectl first polls until every named object exists, then checks them as for any condition.
  if (mode === "create") {
    const named = sel.targets.filter((t): t is NamedTarget => t.kind === "name");
    for (const t of named) {
      const met = await waitFor(ctx, t, "create", undefined, deadline, once);
      if (!met.ok) throw new CliError("timed out waiting for the condition");
    }
  }

  // Each object is waited for in turn (one deadline for all); what fails is reported at the
  // end, every object's, as kubectl's builder visits them and collects the errors.
  const errors: unknown[] = [];
  let visited = 0;
  const check = async (t: NamedTarget) => {
    visited++;
    const met = await waitFor(ctx, t, mode, condition, deadline, once);
    if (!met.ok) {
      const on = `${t.type.plural}/${t.name}`;
      throw new CliError(
        mode === "create"
          ? "timed out waiting for the condition"
          : once
          ? `condition not met for ${on}`
          : `timed out waiting for the condition on ${on}`,
      );
    }
    const obj = met.object ?? {
      apiVersion: t.type.group ? `${t.type.group}/${t.type.version}` : t.type.version,
      kind: t.type.kind,
      metadata: { name: t.name },
    };
    if (printer) printer.print(obj, "condition met");
    else ctx.stdout.write(actionLine(obj, "condition met", "none"));
  };
  for (const t of sel.targets) {
    try {
      if (t.kind === "name") {
        // A missing object is its own error (a deletion is already met).
        if (mode === "delete" && !(await exists(ctx, t))) continue;
        if (mode === "condition") await ctx.fetch(t);
        await check(t);
        continue;
      }
      // A list is read once, as kubectl's builder does.
      for (const o of await ctx.fetch(t)) {
        try {
          await check(toNamed(t, o));
        } catch (e) {
          errors.push(e);
        }
      }
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
  if (visited === 0 && mode !== "delete") throw new CliError("no matching resources found");
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
  // kubectl's watch for a condition starts under the command's deadline: an object reached after
  // it has passed times out unchecked (a deletion is still seen by the first read).
  if (mode === "condition" && !once && Date.now() >= deadline) return { ok: false };
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
    // processJSONPathInput: one `=` (not `==`) between the expression and the value, at most.
    const parts = splitJsonPath(forFlag.slice("jsonpath=".length));
    if (parts.length > 2) {
      throw new CliError(
        "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'",
      );
    }
    const jsonpath = await import("../_internal/printers/jsonpath/jsonpath.ts");
    let expr: string;
    try {
      expr = relaxedJSONPathExpression(parts[0]);
    } catch (e) {
      throw new CliError((e as Error).message, { cause: e });
    }
    let value: string | undefined;
    if (parts.length === 2) {
      value = parts[1].replace(/^['"]+|['"]+$/g, "");
      if (value === "") {
        throw new CliError(
          "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
        );
      }
    }
    if (expr === "") throw new CliError("jsonpath expression cannot be empty");
    let jp: JSONPath;
    try {
      jp = new jsonpath.JSONPath(expr, { allowMissingKeys: true });
    } catch (e) {
      throw new CliError((e as Error).message, { cause: e });
    }
    return (obj) => {
      let results: unknown[][];
      try {
        results = jp.findResults(obj);
      } catch (e) {
        throw new CliError((e as Error).message, { cause: e });
      }
      if (results.length === 0 || results[0].length === 0) return false;
      // verifyParsedJSONPath and compareResults: one plain value, or an error at once.
      if (results.length > 1) {
        throw new CliError("given jsonpath expression matches more than one list");
      }
      if (results[0].length > 1) {
        throw new CliError("given jsonpath expression matches more than one value");
      }
      if (value === undefined) return true;
      const v = results[0][0];
      if (v !== null && typeof v === "object") {
        throw new CliError("jsonpath leads to a nested object or list which is not supported");
      }
      return goSprint(v).trim() === value.trim();
    };
  }
  throw new CliError(`unrecognized condition: ${JSON.stringify(forFlag)}`);
}

// kubectl's splitJSONPathInput: splits at every single `=`; `==` (a filter's) stays whole.
function splitJsonPath(input: string): string[] {
  const out: string[] = [];
  let element = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== "=") {
      element += input[i];
    } else if (input[i + 1] === "=") {
      element += "==";
      i++;
    } else {
      out.push(element);
      element = "";
    }
  }
  out.push(element);
  return out;
}

// Go's %v of a decoded JSON scalar.
function goSprint(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  return String(v);
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
