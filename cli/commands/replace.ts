// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `replace`: replaces objects with the ones in `-f` files (an object without a
 * `resourceVersion` overwrites the live one; a stale one is a conflict), or with `--force`
 * deletes them, waits until they are gone and creates them again. Written in store
 * transactions of a few dozen objects (`_write_batches.ts`); a failure in one object does not
 * stop the others.
 *
 * @module
 */
import type { Client, KubeObject, Runtime } from "@k1s/core";
import { StatusError } from "@k1s/core";
import type { CommandContext, NamedTarget } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import {
  addSourceToErr,
  apiVersionOf,
  cascadingStrategy,
  fileObjects,
  finishErrors,
  kindString,
  objectKey,
  reasonOf,
  setLastApplied,
  targetObject,
  typeMeta,
  validationDirective,
  writePrinter,
} from "./_write_common.ts";
import { jsonSize, WriteBatches } from "./_write_batches.ts";

/**
 * Runs `replace`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const force = ctx.bool("force");
  const dryRun = ctx.dryRun;
  if (ctx.strings("filename").length === 0) throw new CliError("must specify one of -f and -k");
  if (dryRun !== "none" && force) {
    throw new CliError("--dry-run can not be used when --force is set");
  }
  const cascade = cascadingStrategy(ctx);
  const gracePeriod = ctx.number("grace-period");
  if (gracePeriod >= 0 && !force) throw new CliError("--grace-period must have --force specified");
  if (ctx.number("timeout") !== 0 && !force) {
    throw new CliError("--timeout must have --force specified");
  }
  if (ctx.args.length > 0) throw ctx.usageError(`Unexpected args: [${ctx.args.join(" ")}]`);
  const fieldValidation = validationDirective(ctx);
  const fieldManager = ctx.string("field-manager");
  const subresource = ctx.string("subresource");
  const printer = await writePrinter(ctx);
  const { targets, mappingErrors } = await fileObjects(ctx);
  const rt = await ctx.runtime();
  if (force) {
    return await forceReplace(ctx, rt, targets, mappingErrors, {
      cascade,
      gracePeriod,
      fieldManager,
      fieldValidation,
    });
  }

  const errors: unknown[] = [];
  const done: KubeObject[] = [];
  let committed = 0;
  const batches = new WriteBatches(rt, {
    enabled: dryRun === "none",
    onCommit: () => committed = done.length,
  });
  try {
    for (const t of targets) {
      const obj = targetObject(t);
      if (ctx.bool("save-config")) setLastApplied(obj);
      if (dryRun === "client") {
        done.push(obj);
        continue;
      }
      const client = await batches.client(jsonSize(obj));
      try {
        done.push(
          await replaceOne(client, t, obj, {
            dryRun: dryRun === "server",
            fieldManager,
            fieldValidation,
            subresource,
          }),
        );
      } catch (e) {
        errors.push(addSourceToErr(e, { verb: "replacing", source: t.source?.name ?? "" }));
      }
    }
    await batches.commit();
  } catch (e) {
    // A batch failed to commit: the earlier ones are written, and said so.
    await batches.abort(e);
    for (const o of done.slice(0, committed)) printer.print(o, "replaced");
    throw e;
  }
  for (const o of done) printer.print(o, "replaced");
  if (dryRun === "none" && done.length > 0) await ctx.afterWrite();
  return finishErrors(ctx, [...errors, ...mappingErrors]);
}

/** `resource.Helper.Replace` with `overwrite`: no resourceVersion means the live one. */
async function replaceOne(
  client: Client,
  t: NamedTarget,
  obj: KubeObject,
  o: {
    dryRun: boolean;
    fieldManager: string;
    fieldValidation: "Strict" | "Warn" | "Ignore";
    subresource: string;
  },
): Promise<KubeObject> {
  const type = typeMeta(t.type);
  if (o.subresource && o.subresource !== "status") {
    throw new StatusError({
      reason: "NotFound",
      code: 404,
      message: "the server could not find the requested resource",
    });
  }
  if (!obj.metadata.resourceVersion) {
    try {
      const live = await client.get(
        type,
        objectKey(t.type, { namespace: t.namespace, name: obj.metadata.name ?? "" }),
      );
      if (live.metadata.resourceVersion) {
        obj.metadata.resourceVersion = live.metadata.resourceVersion;
      }
    } catch {
      // The update reports the missing object.
    }
  }
  const options = {
    dryRun: o.dryRun,
    fieldManager: o.fieldManager,
    fieldValidation: o.fieldValidation,
  };
  const out = o.subresource === "status"
    ? await client.status().update(obj, options)
    : await client.update(obj, options);
  return out.kind ? out : { ...out, apiVersion: apiVersionOf(t.type), kind: t.type.kind };
}

async function forceReplace(
  ctx: CommandContext,
  rt: Runtime,
  targets: NamedTarget[],
  mappingErrors: unknown[],
  o: {
    cascade: "Background" | "Foreground" | "Orphan";
    gracePeriod: number;
    fieldManager: string;
    fieldValidation: "Strict" | "Warn" | "Ignore";
  },
): Promise<number> {
  const errors: unknown[] = [...mappingErrors];
  const deleted: { t: NamedTarget; uid?: string }[] = [];
  for (const t of targets) {
    try {
      const last = await rt.client.delete(
        typeMeta(t.type),
        objectKey(t.type, { namespace: t.namespace, name: t.name }),
        {
          propagationPolicy: o.cascade,
          ...(o.gracePeriod >= 0 ? { gracePeriodSeconds: o.gracePeriod } : {}),
        },
      );
      ctx.stdout.write(
        `${kindString(t.type)} "${t.name}" ${o.gracePeriod === 0 ? "force deleted" : "deleted"}\n`,
      );
      deleted.push({ t, uid: last?.metadata?.uid });
    } catch (e) {
      if (reasonOf(e) !== "NotFound") {
        errors.push(addSourceToErr(e, { verb: "deleting", source: t.source?.name ?? "" }));
      }
    }
  }
  if (errors.length > 0) return finishErrors(ctx, errors);
  if (deleted.length > 0) await ctx.afterWrite();
  const timeout = ctx.number("timeout") || 5 * 60 * 1000;
  const deadline = Date.now() + timeout;
  for (const { t, uid } of deleted) {
    for (;;) {
      try {
        const live = await rt.client.get(
          typeMeta(t.type),
          objectKey(t.type, { namespace: t.namespace, name: t.name }),
        );
        if (uid && live.metadata.uid !== uid) break;
      } catch (e) {
        if (reasonOf(e) === "NotFound") break;
        throw e;
      }
      if (Date.now() >= deadline) throw new CliError("timed out waiting for the condition");
      await rt.controllers.drain({ signal: ctx.signal });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const printer = await writePrinter(ctx);
  const created: KubeObject[] = [];
  for (const t of targets) {
    const obj = targetObject(t);
    if (ctx.bool("save-config")) setLastApplied(obj);
    try {
      const out = await rt.client.create(obj, {
        fieldManager: o.fieldManager,
        fieldValidation: o.fieldValidation,
      });
      created.push(
        out.kind ? out : { ...out, apiVersion: apiVersionOf(t.type), kind: t.type.kind },
      );
    } catch (e) {
      errors.push(e);
    }
  }
  for (const c of created) printer.print(c, "replaced");
  if (created.length > 0) await ctx.afterWrite();
  if (errors.length === 0 && created.length === 0) {
    throw new CliError("no objects passed to replace");
  }
  return finishErrors(ctx, errors);
}
