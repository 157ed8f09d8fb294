// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `scale`: sets the desired replicas of objects through their scale subresource, as kubectl's
 * generic scaler does. Without preconditions it sends the merge patch
 * `{"spec":{"replicas":N}}` to `/scale`; with `--current-replicas` or `--resource-version` it
 * reads the `Scale`, checks them (`Expected replicas to be 2, was 3`) and replaces it, so the
 * write fails on a concurrent change (and is tried again, re-checking). `--timeout` then waits
 * for the status to reach the new size. It prints the object as it was read (kubectl 1.32
 * prints the builder's object, not the scaled one): `widget.example.com/w scaled`.
 *
 * @module
 */
import type { KubeObject, ResourceType } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError, ExitCode } from "../_cli/errors.ts";
import {
  apiVersionOf,
  finishErrors,
  mappingErrors,
  objectKey,
  reasonOf,
  targetObject,
  typeMeta,
  writePrinter,
} from "./_write_common.ts";

/** kubectl retries a scale that hit a conflict for up to five minutes, once a second. */
const RETRY_TIMEOUT_MS = 5 * 60_000;
const POLL_INTERVAL_MS = 1000;

/** One object to scale: its type and the object the builder handed on. */
interface Info {
  type: ResourceType;
  object: KubeObject;
}

/**
 * Runs `scale`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  // cobra checks required flags before the command runs, and component-base logs the failure.
  if (!ctx.changed.has("replicas")) {
    const { klogLine } = await import("../_cli/verbose.ts");
    ctx.stderr.write(
      klogLine("E", `"command failed" err="required flag(s) \\"replicas\\" not set"`, ctx.now()),
    );
    throw new ExitCode(1);
  }
  const dryRun = ctx.dryRun;
  const printer = await writePrinter(ctx);
  const replicas = ctx.number("replicas");
  const current = ctx.number("current-replicas");
  if (replicas < 0) {
    throw new CliError(
      "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
    );
  }
  if (current < -1) {
    throw new CliError("The --current-replicas must specify an integer of -1 or greater");
  }
  const resourceVersion = ctx.string("resource-version");

  const { infos, error: infoErr } = await buildInfos(ctx);
  if (resourceVersion && infos.length > 1) {
    throw new CliError("cannot use --resource-version with multiple resources");
  }
  if (infos.length === 0) {
    // kubectl wraps the builder's error with `%w`, so it prints as a plain `error: ...`.
    throw new CliError(
      infoErr ? `no objects passed to scale ${goErrorText(infoErr)}` : "no objects passed to scale",
      { cause: infoErr },
    );
  }

  const precondition = current !== -1 || resourceVersion !== ""
    ? { size: current, resourceVersion }
    : undefined;
  const timeout = ctx.number("timeout");
  for (const info of infos) {
    if (dryRun !== "client") {
      await scaleOne(ctx, info, replicas, precondition);
      if (timeout !== 0 && dryRun === "none") {
        await waitForReplicas(ctx, info, replicas, timeout);
      }
    }
    printer.print(info.object, "scaled");
  }
  if (dryRun === "none") await ctx.afterWrite();
  return infoErr ? finishErrors(ctx, [infoErr]) : 0;
}

/**
 * The objects to scale and the builder's errors, as kubectl's `r.Infos()` collects them on a
 * `ContinueOnError` builder: names are read from the store, `-f` objects are taken as written
 * (scale's builder does not fetch them), filtered by `-l`.
 */
async function buildInfos(
  ctx: CommandContext,
): Promise<{ infos: Info[]; error: unknown }> {
  const sel = await ctx.resources({ allowEmptySelector: false, keepUnknownKinds: true });
  const selector = ctx.changed.has("selector") ? ctx.string("selector") : "";
  const matches = selector ? (await import("@k1s/core")).parseLabelSelector(selector) : undefined;
  const infos: Info[] = [];
  const errors: unknown[] = [];
  for (const target of sel.targets) {
    if (target.kind === "name" && target.object) {
      if (matches && !matches.matches(target.object.metadata?.labels)) continue;
      infos.push({ type: target.type, object: targetObject(target) });
      continue;
    }
    try {
      for (const o of await ctx.fetch(target)) {
        const object = o.kind
          ? o
          : { ...o, apiVersion: apiVersionOf(target.type), kind: target.type.kind };
        infos.push({ type: target.type, object });
      }
    } catch (e) {
      const { explainNotFound } = await import("../_cli/resources.ts");
      errors.push(await explainNotFound(await ctx.runtime(), target, e));
    }
  }
  errors.push(...mappingErrors(sel.unknown));
  const error = errors.length === 0
    ? undefined
    : errors.length === 1
    ? errors[0]
    : new AggregateError(errors, `[${errors.map(goErrorText).join(", ")}]`);
  return { infos, error };
}

/** Go's `err.Error()` of an error kubectl would hold: an aggregate prints as `[a, b]`. */
function goErrorText(err: unknown): string {
  if (err instanceof AggregateError) return `[${err.errors.map(goErrorText).join(", ")}]`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * kubectl's `genericScaler.Scale` without waiting: one attempt now, then one a second while
 * the write hits a conflict.
 */
async function scaleOne(
  ctx: CommandContext,
  info: Info,
  replicas: number,
  precondition: { size: number; resourceVersion: string } | undefined,
): Promise<void> {
  const rt = await ctx.runtime();
  const t = info.type;
  const type = typeMeta(t);
  const key = objectKey(t, {
    namespace: info.object.metadata.namespace ?? "",
    name: info.object.metadata.name ?? "",
  });
  const dryRun = ctx.dryRun === "server";
  const deadline = Date.now() + RETRY_TIMEOUT_MS;
  for (;;) {
    try {
      if (!precondition) {
        await rt.client.scale().patch(type, key, { spec: { replicas } }, { type: "merge", dryRun });
        return;
      }
      const scale = await rt.client.scale().get(type, key);
      checkPrecondition(precondition, scale);
      await rt.client.scale().update(
        type,
        key,
        { ...scale, spec: { ...(scale.spec as object), replicas } },
        { dryRun },
      );
      return;
    } catch (e) {
      if (reasonOf(e) !== "Conflict") throw e;
      if (Date.now() + POLL_INTERVAL_MS > deadline) {
        throw new CliError("timed out waiting for the condition", { cause: e });
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }
}

/** `ScalePrecondition.validate`, with kubectl's `PreconditionError` wording. */
function checkPrecondition(
  p: { size: number; resourceVersion: string },
  scale: KubeObject,
): void {
  const actual = specReplicas(scale);
  if (p.size !== -1 && actual !== p.size) {
    throw new CliError(`Expected replicas to be ${p.size}, was ${actual}`);
  }
  const rv = scale.metadata.resourceVersion ?? "";
  if (p.resourceVersion && rv !== p.resourceVersion) {
    throw new CliError(`Expected resource version to be ${p.resourceVersion}, was ${rv}`);
  }
}

/** `spec.replicas` of a `Scale` (omitted when 0). */
function specReplicas(scale: KubeObject): number {
  return (scale.spec as { replicas?: number } | undefined)?.replicas ?? 0;
}

/**
 * `WaitForScaleHasDesiredReplicas`: polls the `Scale` once a second until its status reaches
 * the desired size (or something else changed the desired size). The controllers that keep the
 * status run first, as a cluster's would while kubectl waits.
 */
async function waitForReplicas(
  ctx: CommandContext,
  info: Info,
  replicas: number,
  timeout: number,
): Promise<void> {
  const rt = await ctx.runtime();
  const t = info.type;
  const name = info.object.metadata.name ?? "";
  const key = objectKey(t, { namespace: info.object.metadata.namespace ?? "", name });
  const deadline = Date.now() + timeout;
  for (;;) {
    await ctx.afterWrite();
    const scale = await rt.client.scale().get(typeMeta(t), key);
    const desired = specReplicas(scale);
    const status = (scale.status as { replicas?: number } | undefined)?.replicas ?? 0;
    if (desired !== replicas || (desired === status && status === replicas)) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new CliError(`timed out waiting for ${JSON.stringify(name)} to be synced`);
    await sleep(Math.min(POLL_INTERVAL_MS, left));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
