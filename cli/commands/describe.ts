// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `describe`: kubectl's describers (cli/_internal/describe) with each object's Events
 * section; `TYPE NAME_PREFIX` (those two arguments only) falls back to a prefix match as kubectl
 * does.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import type { CommandContext, ResourceTarget } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { apiVersionOf, reasonOf } from "../_cli/resources.ts";
import { describeObject } from "../_internal/describe/describe_object.ts";

/**
 * Runs `describe`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0 && ctx.strings("filename").length === 0) {
    throw new CliError(
      `You must specify the type of resource to describe. Use "${ctx.name} api-resources" for a complete list of supported resources.`,
    );
  }
  // kubectl's builder reads files while visiting them: a file it cannot read is one more error.
  const sel = await ctx.resources({ keepUnreadable: true });
  const errors: unknown[] = [];
  let first = true;
  let found = false;
  const now = ctx.now();
  // kubectl falls back to a prefix match only for exactly `TYPE NAME`.
  const prefixable = ctx.args.length === 2 && !ctx.args[0].includes("/") &&
    sel.targets.length === 1;
  for (const target of sel.targets) {
    let objs: KubeObject[];
    let byPrefix: boolean;
    try {
      ({ objects: objs, byPrefix } = await fetchForDescribe(ctx, target, prefixable));
    } catch (e) {
      errors.push(e);
      continue;
    }
    for (const obj of objs) {
      found = true;
      const o = obj.kind
        ? obj
        : { ...obj, apiVersion: apiVersionOf(target.type), kind: target.type.kind };
      const events = ctx.bool("show-events") ? await eventsFor(ctx, o) : null;
      const secrets = o.kind === "ServiceAccount" && !o.apiVersion.includes("/")
        ? await listQuiet(ctx, { apiVersion: "v1", kind: "Secret" }, o.metadata.namespace ?? "")
        : undefined;
      const text = describeObject(o, { now, events, ...(secrets ? { secrets } : {}) });
      // kubectl separates descriptions with a blank line, but ends each prefix match with one.
      if (byPrefix) ctx.stdout.write(`${text}\n`);
      else ctx.stdout.write((first ? "" : "\n\n") + text);
      first = false;
    }
  }
  errors.push(...sel.unreadable.map((u) => u.error));
  if (!found && errors.length === 0) {
    // Unlike get, kubectl's describe names the namespace for cluster-scoped types too.
    ctx.stderr.write(
      ctx.allNamespaces
        ? "No resources found\n"
        : `No resources found in ${ctx.namespace} namespace.\n`,
    );
  }
  // What describe collected is reported as it is (`MultipleErrors`), a file's error bare.
  if (errors.length === 1 && !sel.unreadable.length) throw errors[0];
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
}

// An exact name first; when it does not exist, every object whose name starts with it.
async function fetchForDescribe(
  ctx: CommandContext,
  target: ResourceTarget,
  prefixable: boolean,
): Promise<{ objects: KubeObject[]; byPrefix: boolean }> {
  if (target.kind === "list" || target.object || !prefixable) {
    return { objects: await ctx.fetch(target), byPrefix: false };
  }
  try {
    return { objects: await ctx.fetch(target), byPrefix: false };
  } catch (e) {
    if (reasonOf(e) !== "NotFound") throw e;
    const all = await ctx.fetch({ kind: "list", type: target.type, namespace: target.namespace });
    const matches = all.filter((o) => (o.metadata.name ?? "").startsWith(target.name));
    if (matches.length === 0) throw e;
    return { objects: matches, byPrefix: true };
  }
}

async function eventsFor(ctx: CommandContext, obj: KubeObject): Promise<KubeObject[]> {
  const m = obj.metadata;
  const selector = [
    `involvedObject.name=${m.name ?? ""}`,
    `involvedObject.namespace=${m.namespace ?? ""}`,
    `involvedObject.kind=${obj.kind}`,
    ...(m.uid ? [`involvedObject.uid=${m.uid}`] : []),
  ].join(",");
  return await listQuiet(ctx, { apiVersion: "v1", kind: "Event" }, m.namespace ?? "", selector);
}

// Related lists are best effort: an identity that may not read events still gets the object.
async function listQuiet(
  ctx: CommandContext,
  type: { apiVersion: string; kind: string },
  namespace: string,
  fieldSelector?: string,
): Promise<KubeObject[]> {
  const rt = await ctx.runtime();
  try {
    const list = await rt.client.list(type, {
      namespace,
      ...(fieldSelector ? { fieldSelector } : {}),
    });
    return list.items;
  } catch (e) {
    if (reasonOf(e) === "Forbidden" || reasonOf(e) === "NotFound") return [];
    throw e;
  }
}
