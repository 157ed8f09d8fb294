// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `delete`: objects by `TYPE NAME...`, `TYPE/NAME`, `-f`, `-l`, `--field-selector` or `--all`
 * (`-A` across namespaces), with `--cascade`, `--ignore-not-found`, dry runs, `-o name`, and
 * `--wait` (the default): the triggered controllers (garbage collector, finalizers) run first,
 * then the command waits until the objects are gone or `--timeout` passes.
 *
 * @module
 */
import type { KubeObject, ResourceType, Runtime } from "@k1s/core";
import type { CommandContext, ResourceTarget } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import {
  addSourceToErr,
  cascadingStrategy,
  finishErrors,
  kindString,
  mappingErrors,
  objectKey,
  reasonOf,
  typeMeta,
} from "./_write_common.ts";
import { WriteBatches } from "./_write_batches.ts";

/** One object to delete. */
interface Victim {
  type: ResourceType;
  namespace: string;
  name: string;
  source: string;
}

/** One deleted object, to wait for. */
interface Deleted {
  type: ResourceType;
  namespace: string;
  name: string;
  uid: string | undefined;
}

/**
 * Runs `delete`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const output = ctx.string("output");
  const all = ctx.bool("all");
  const labelSelector = ctx.string("selector");
  const fieldSelector = ctx.string("field-selector");
  let gracePeriod = ctx.number("grace-period");
  const force = ctx.bool("force");
  if (ctx.bool("now")) {
    if (gracePeriod !== -1) {
      throw new CliError("--now and --grace-period cannot be specified together");
    }
    gracePeriod = 1;
  }
  // kubectl keeps --grace-period=0 from deleting at once unless --force says so.
  if (gracePeriod === 0 && !force) gracePeriod = 1;
  if (force && gracePeriod < 0) gracePeriod = 0;
  const cascade = cascadingStrategy(ctx);
  const dryRun = ctx.dryRun;
  if (all && (labelSelector || fieldSelector)) {
    throw new CliError("setting 'all' parameter but found a non empty selector. ");
  }
  const sel = await ctx.resources({ allowEmptySelector: false, keepUnknownKinds: true });
  if (output !== "" && output !== "name") {
    throw new CliError(`unexpected -o output mode: ${output}. We only support '-o name'`);
  }
  if (all && labelSelector) throw new CliError("cannot set --all and --selector at the same time");
  if (gracePeriod === 0 && force) {
    ctx.warn(
      "Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.",
    );
  } else if (gracePeriod > 0 && force) {
    throw new CliError("--force and --grace-period greater than 0 cannot be specified together");
  }
  const ignoreNotFound = ctx.changed.has("ignore-not-found")
    ? ctx.bool("ignore-not-found")
    : all || ctx.bool("ignore-not-found");

  const rt = await ctx.runtime();
  const errors: unknown[] = [];
  const lines: string[] = [];
  const deleted: Deleted[] = [];
  let found = 0;
  let warnClusterScope = ctx.explicitNamespace && !ctx.allNamespaces;
  const print = (t: ResourceType, name: string) => {
    if (output === "name") {
      lines.push(`${kindString(t)}/${name}\n`);
      return;
    }
    let op = gracePeriod === 0 ? "force deleted" : "deleted";
    if (dryRun === "client") op += " (dry run)";
    else if (dryRun === "server") op += " (server dry run)";
    lines.push(`${kindString(t)} "${name}" ${op}\n`);
  };

  let committed = 0;
  const batches = new WriteBatches(rt, {
    enabled: dryRun === "none",
    onCommit: () => committed = lines.length,
  });
  // --interactive: everything is looked up (names are not read) and confirmed first.
  const resolved = new Map<ResourceTarget, Victim[] | { error: unknown }>();
  if (ctx.bool("interactive")) {
    const all: Victim[] = [];
    for (const target of sel.targets) {
      try {
        const victims = await victimsOf(ctx, target);
        resolved.set(target, victims);
        all.push(...victims);
      } catch (error) {
        resolved.set(target, { error });
      }
    }
    if (all.length > 0 && !await confirmDeletion(ctx, all)) {
      ctx.stdout.write("deletion is cancelled\n");
      return 0;
    }
  }
  const visit = async () => {
    for (const target of sel.targets) {
      let victims: Victim[];
      try {
        const r = resolved.get(target) ?? await victimsOf(ctx, target);
        if ("error" in r) throw r.error;
        victims = r;
      } catch (e) {
        if (!(ignoreNotFound && reasonOf(e) === "NotFound")) errors.push(e);
        continue;
      }
      for (const v of victims) {
        found++;
        if (warnClusterScope && !v.type.namespaced) {
          ctx.warn("deleting cluster-scoped resources, not scoped to the provided namespace");
          warnClusterScope = false;
        }
        if (dryRun === "client") {
          print(v.type, v.name);
          continue;
        }
        const client = await batches.client();
        try {
          const last = await client.delete(
            typeMeta(v.type),
            objectKey(v.type, { namespace: v.namespace, name: v.name }),
            {
              propagationPolicy: cascade,
              ...(dryRun === "server" ? { dryRun: true } : {}),
              ...(gracePeriod >= 0 ? { gracePeriodSeconds: gracePeriod } : {}),
            },
          );
          print(v.type, v.name);
          deleted.push({ ...v, uid: last?.metadata?.uid });
        } catch (e) {
          if (ignoreNotFound && reasonOf(e) === "NotFound") continue;
          errors.push(addSourceToErr(e, { verb: "deleting", source: v.source }));
        }
      }
    }
  };
  try {
    await visit();
    await batches.commit();
  } catch (e) {
    // A batch failed to commit: the earlier ones are deleted, and said so.
    await batches.abort(e);
    for (const l of lines.slice(0, committed)) ctx.stdout.write(l);
    throw e;
  }
  for (const l of lines) ctx.stdout.write(l);
  if (dryRun === "none" && deleted.length > 0) await ctx.afterWrite();
  // kubectl's builder reports the objects of unknown kinds after the others.
  errors.push(...mappingErrors(sel.unknown));
  if (errors.length > 0) return finishErrors(ctx, errors);
  if (found === 0) {
    ctx.stdout.write("No resources found\n");
    return 0;
  }
  if (!ctx.bool("wait") || dryRun !== "none" || deleted.length === 0) return 0;
  await waitForDeletion(ctx, rt, deleted);
  return 0;
}

/**
 * kubectl's confirmDeletion: the list, the question, and the first word of the answer, which
 * must be `y` (any case); no answer is a no.
 */
async function confirmDeletion(ctx: CommandContext, victims: readonly Victim[]): Promise<boolean> {
  ctx.stdout.write(
    `You are about to delete the following ${victims.length} resource(s):\n${
      victims.map((v) => `${kindString(v.type)}/${v.name}\n`).join("")
    }Do you want to continue? (y/n): `,
  );
  let answer = "";
  try {
    answer = Deno.stdin.isTerminal() ? await readLine() : await ctx.readStdin();
  } catch {
    // Standard input already read (`-f -`) or closed: no answer, as kubectl's read at its end.
  }
  return /^\s*[yY](?:\s|$)/.test(answer);
}

/** One line typed at the terminal (reading to the end would wait for Ctrl-D). */
async function readLine(): Promise<string> {
  const reader = Deno.stdin.readable.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
  return text;
}

async function victimsOf(ctx: CommandContext, target: ResourceTarget): Promise<Victim[]> {
  if (target.kind === "name") {
    return [{
      type: target.type,
      namespace: target.namespace,
      name: target.name,
      source: target.source?.name ?? "",
    }];
  }
  const objs: KubeObject[] = await ctx.fetch(target);
  return objs.map((o) => ({
    type: target.type,
    namespace: o.metadata?.namespace ?? "",
    name: o.metadata?.name ?? "",
    source: "",
  }));
}

/**
 * kubectl's `wait --for=delete` after a delete: the runtime's triggered controllers run first
 * (garbage collector, namespace controller, yours), then each object is checked until it is
 * gone (or replaced by one with another uid).
 */
async function waitForDeletion(
  ctx: CommandContext,
  rt: Runtime,
  deleted: readonly Deleted[],
): Promise<void> {
  const timeout = ctx.number("timeout");
  const deadline = Date.now() + (timeout > 0 ? timeout : 168 * 3600 * 1000);
  let delay = 50;
  for (const d of deleted) {
    for (;;) {
      let live: KubeObject | undefined;
      try {
        live = await rt.client.get(
          typeMeta(d.type),
          objectKey(d.type, { namespace: d.namespace, name: d.name }),
        );
      } catch (e) {
        const reason = reasonOf(e);
        if (reason === "NotFound") break;
        // kubectl does not fail a delete because it may not watch.
        if (reason === "Forbidden" || reason === "MethodNotAllowed") return;
        throw e;
      }
      if (d.uid && live.metadata?.uid !== d.uid) break;
      if (Date.now() >= deadline || ctx.signal.aborted) {
        const gr = d.type.group ? `${d.type.plural}.${d.type.group}` : d.type.plural;
        throw new CliError(`timed out waiting for the condition on ${gr}/${d.name}`);
      }
      // Finalizers held by this runtime's controllers go away when they run.
      await rt.controllers.drain({ signal: ctx.signal });
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, deadline - Date.now()))));
      delay = Math.min(delay * 2, 1000);
    }
  }
}
