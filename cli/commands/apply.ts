// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `apply`: client-side apply with the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation (created / unchanged / configured; three-way strategic merge patches for built-in
 * kinds, JSON merge patches for custom kinds; field manager `kubectl-client-side-apply`),
 * server-side apply (`--server-side`, field manager `kubectl`, `--force-conflicts`), `--prune`
 * with `-l` or `--all`, dry runs and `-o`. The objects are written in store transactions of a
 * few dozen objects (`_write_batches.ts`); a failure in one does not stop the others.
 *
 * @module
 */
import type { Client, KubeObject, ResourceType, Runtime } from "@k1s/core";
import { createThreeWayMergePatch, StatusError } from "@k1s/core";
import type { CommandContext, NamedTarget } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import {
  addSourceToErr,
  cascadingStrategy,
  cloneJson,
  fileObjects,
  finishErrors,
  infoString,
  LAST_APPLIED,
  modifiedConfiguration,
  objectKey,
  objectName,
  printObjectsAsList,
  printsObjects,
  reasonOf,
  setLastApplied,
  targetObject,
  typeMeta,
  validationDirective,
  type WritePrinter,
  writePrinter,
} from "./_write_common.ts";
import { jsonSize, WriteBatches } from "./_write_batches.ts";

const SSA_CONFLICT_HELP = `
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** kubectl's default `--prune-allowlist` (the kinds k1s serves are used). */
const DEFAULT_PRUNE: [string, string, string][] = [
  ["", "v1", "ConfigMap"],
  ["", "v1", "Endpoints"],
  ["", "v1", "PersistentVolumeClaim"],
  ["", "v1", "Pod"],
  ["", "v1", "ReplicationController"],
  ["", "v1", "Secret"],
  ["", "v1", "Service"],
  ["batch", "v1", "Job"],
  ["batch", "v1", "CronJob"],
  ["networking.k8s.io", "v1", "Ingress"],
  ["apps", "v1", "DaemonSet"],
  ["apps", "v1", "Deployment"],
  ["apps", "v1", "ReplicaSet"],
  ["apps", "v1", "StatefulSet"],
  ["", "v1", "Namespace"],
  ["", "v1", "PersistentVolume"],
];

interface Applied {
  obj: KubeObject;
  operation: string;
}

/**
 * Runs `apply`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const sub = ctx.path[1];
  if (sub === "edit-last-applied") return await (await import("./edit.ts")).editLastApplied(ctx);
  if (sub) {
    const { setLastApplied, viewLastApplied } = await import("./_apply_last_applied.ts");
    return sub === "view-last-applied" ? await viewLastApplied(ctx) : await setLastApplied(ctx);
  }
  const serverSide = ctx.bool("server-side");
  const dryRun = ctx.dryRun;
  // kubectl's Complete (the filenames), then its Validate, in their order.
  if (ctx.strings("filename").length === 0) throw new CliError("must specify one of -f and -k");
  if (ctx.bool("force-conflicts") && !serverSide) {
    throw new CliError("--force-conflicts only works with --server-side");
  }
  if (dryRun === "client" && serverSide) {
    throw new CliError(
      "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
    );
  }
  const force = ctx.bool("force");
  if (serverSide && force) throw new CliError("--force cannot be used with --server-side");
  if (dryRun === "server" && force) {
    throw new CliError("--dry-run=server cannot be used with --force");
  }
  const prune = ctx.bool("prune");
  const selector = ctx.string("selector");
  if (ctx.bool("all") && selector) {
    throw new CliError("cannot set --all and --selector at the same time");
  }
  if (prune && !ctx.bool("all") && !selector) {
    throw new CliError(
      "all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector",
    );
  }
  const subresource = ctx.string("subresource");
  if (subresource && !serverSide) {
    throw new CliError("--subresource can only be specified for --server-side");
  }
  if (ctx.args.length > 0) throw ctx.usageError(`Unexpected args: [${ctx.args.join(" ")}]`);
  const rt = await ctx.runtime();
  const pruneTypes = prune ? await pruneAllowlist(rt, ctx.strings("prune-allowlist")) : [];
  const cascade = prune ? cascadingStrategy(ctx) : "Background";
  const fieldValidation = validationDirective(ctx);
  const fieldManager = ctx.changed.has("field-manager")
    ? ctx.string("field-manager")
    : serverSide
    ? "kubectl"
    : "kubectl-client-side-apply";
  const printer = await writePrinter(ctx);
  const { targets, mappingErrors } = await fileObjects(ctx);
  if (targets.length === 0 && mappingErrors.length === 0) {
    throw new CliError("no objects passed to apply");
  }

  const errors: unknown[] = [...mappingErrors];
  const applied: Applied[] = [];
  const visitedNamespaces = new Set<string>();
  const visitedUids = new Set<string>();
  if (ctx.explicitNamespace) visitedNamespaces.add(ctx.namespace);
  const opts = {
    dryRun,
    fieldManager,
    fieldValidation,
    force,
    forceConflicts: ctx.bool("force-conflicts"),
    overwrite: !("overwrite" in ctx.flags) || ctx.bool("overwrite"),
    serverSide,
    subresource,
  };
  const objects = printsObjects(ctx);
  let committed = 0;
  const batches = new WriteBatches(rt, {
    enabled: dryRun === "none",
    onCommit: () => committed = applied.length,
  });
  try {
    for (const t of targets) {
      if (t.type.namespaced) visitedNamespaces.add(t.namespace);
      // The stored object also carries the manifest as its last-applied-configuration.
      const client = await batches.client(2 * jsonSize(t.object));
      try {
        const r = await applyOne(ctx, client, t, opts);
        if (r.obj.metadata?.uid) visitedUids.add(r.obj.metadata.uid);
        applied.push(r);
      } catch (e) {
        errors.push(e);
      }
    }
    await batches.commit();
  } catch (e) {
    // A batch failed to commit: the earlier ones are written, and said so.
    await batches.abort(e);
    if (!objects) {
      for (const a of applied.slice(0, committed)) printer.print(a.obj, a.operation);
    }
    throw e;
  }

  if (!objects) { for (const a of applied) printer.print(a.obj, a.operation); }
  if (dryRun === "none" && applied.length > 0) await ctx.afterWrite();
  if (errors.length > 0) return finishErrors(ctx, errors);

  if (objects) await printObjectsAsList(ctx, applied.map((a) => a.obj));
  if (prune) {
    const types = [...pruneTypes];
    if (ctx.strings("prune-allowlist").length === 0) {
      const { klogLine } = await import("../_cli/verbose.ts");
      ctx.stderr.write(klogLine(
        "W",
        `Deprecated: ${ctx.name} apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.`,
        ctx.now(),
      ));
      // k1s also prunes the kinds it applied, not only kubectl's default list.
      for (const t of targets) if (!types.includes(t.type)) types.push(t.type);
    }
    await pruneObjects(ctx, rt, printer, {
      types,
      namespaces: [...visitedNamespaces].sort(),
      visitedUids,
      selector,
      cascade,
      dryRun,
    });
  }
  return 0;
}

/** What the API server answers for a subresource it does not serve. */
function notServed(): never {
  throw new StatusError({
    reason: "NotFound",
    code: 404,
    message: "the server could not find the requested resource",
  });
}

interface ApplyOptions {
  dryRun: "none" | "client" | "server";
  fieldManager: string;
  fieldValidation: "Strict" | "Warn" | "Ignore";
  force: boolean;
  forceConflicts: boolean;
  overwrite: boolean;
  serverSide: boolean;
  /** `--subresource` (server-side only): `status`, `scale`; others are not served. */
  subresource: string;
}

async function applyOne(
  ctx: CommandContext,
  client: Client,
  t: NamedTarget,
  o: ApplyOptions,
): Promise<Applied> {
  const source = t.source?.name ?? "";
  const obj = targetObject(t);
  const name = obj.metadata?.name ?? "";
  if (!name && obj.metadata?.generateName) {
    throw new CliError(`from ${obj.metadata.generateName}: cannot use generate name with apply`);
  }
  const type = typeMeta(t.type);
  const key = objectKey(t.type, { namespace: t.namespace, name });
  const info = infoString(t.type, { name, namespace: t.type.namespaced ? t.namespace : "" });

  if (o.serverSide) {
    const options = {
      type: "apply" as const,
      dryRun: o.dryRun === "server",
      fieldManager: o.fieldManager,
      fieldValidation: o.fieldValidation,
      force: o.forceConflicts,
    };
    try {
      const out = o.subresource === "status"
        ? await client.status().patch(type, key, obj, options)
        : o.subresource === "scale"
        ? await client.scale().patch(type, key, obj, options)
        : o.subresource
        ? notServed()
        : await client.patch(type, key, obj, options);
      warnIfDeleting(ctx, out);
      return { obj: withType(out, t.type), operation: "serverside-applied" };
    } catch (e) {
      if (reasonOf(e) === "Conflict") {
        throw new CliError(`${(e as Error).message}${SSA_CONFLICT_HELP}`, { cause: e });
      }
      throw e;
    }
  }

  const modified = modifiedConfiguration(obj, true);
  if (!name) {
    throw addSourceToErr(new Error("resource name may not be empty"), {
      verb: `retrieving current configuration of:\n${info}\nfrom server for:`,
      source,
    });
  }
  let live: KubeObject;
  try {
    live = await client.get(type, key);
  } catch (e) {
    if (reasonOf(e) !== "NotFound") {
      throw addSourceToErr(e, {
        verb: `retrieving current configuration of:\n${info}\nfrom server for:`,
        source,
      });
    }
    setLastApplied(obj);
    if (o.dryRun === "client") return { obj, operation: "created" };
    try {
      const created = await client.create(obj, {
        dryRun: o.dryRun === "server",
        fieldManager: o.fieldManager,
        fieldValidation: o.fieldValidation,
      });
      return { obj: withType(created, t.type), operation: "created" };
    } catch (err) {
      throw addSourceToErr(err, { verb: "creating", source });
    }
  }
  live = withType(live, t.type);
  if (o.dryRun === "client") return { obj: live, operation: "configured" };
  if (!(live.metadata?.annotations && LAST_APPLIED in live.metadata.annotations)) {
    ctx.stderr.write(
      `Warning: resource ${
        objectName(t.type, name)
      } is missing the ${LAST_APPLIED} annotation which is required by ${ctx.name} apply. ${ctx.name} apply should only be used on resources created declaratively by either ${ctx.name} create --save-config or ${ctx.name} apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const strategic = t.type.strategy.strategicMerge;
  const originalText = live.metadata?.annotations?.[LAST_APPLIED];
  let original: unknown;
  try {
    original = originalText ? JSON.parse(originalText) : undefined;
  } catch {
    original = undefined;
  }
  let patch: Record<string, unknown>;
  const modifiedObj = JSON.parse(modified);
  try {
    patch = createThreeWayMergePatch({
      original,
      modified: modifiedObj,
      current: cloneJson(live),
      ...(t.type.schema ? { schema: t.type.schema } : {}),
      strategic,
      overwrite: o.overwrite,
    });
  } catch (e) {
    throw addSourceToErr(e, {
      verb: `creating patch with:\noriginal:\n${
        originalText ?? ""
      }\nmodified:\n${modified}\ncurrent:\n${JSON.stringify(live)}\nfor:`,
      source,
    });
  }
  const { goJson } = await import("../_internal/printers/mod.ts");
  const patchText = goJson(patch);
  if (patchText === "{}") {
    warnIfDeleting(ctx, live);
    return { obj: live, operation: printsObjects(ctx) ? "configured" : "unchanged" };
  }
  try {
    const out = await client.patch(type, key, patch, {
      type: strategic ? "strategic" : "merge",
      dryRun: o.dryRun === "server",
      fieldManager: o.fieldManager,
      fieldValidation: o.fieldValidation,
    });
    warnIfDeleting(ctx, out);
    return { obj: withType(out, t.type), operation: "configured" };
  } catch (e) {
    const reason = reasonOf(e);
    if (o.force && (reason === "Conflict" || reason === "Invalid")) {
      return { obj: await deleteAndCreate(client, t, modifiedObj, o), operation: "configured" };
    }
    throw addSourceToErr(addSourceToErr(e, { verb: "patching", source }), {
      verb: `applying patch:\n${patchText}\nto:\n${info}\nfor:`,
      source,
    });
  }
}

// `--force`: replace an object a patch cannot change by deleting and creating it.
async function deleteAndCreate(
  client: Client,
  t: NamedTarget,
  modified: KubeObject,
  o: ApplyOptions,
): Promise<KubeObject> {
  const type = typeMeta(t.type);
  const key = objectKey(t.type, { namespace: t.namespace, name: modified.metadata.name ?? "" });
  await client.delete(type, key);
  const created = await client.create(modified, {
    fieldManager: o.fieldManager,
    fieldValidation: o.fieldValidation,
  });
  return withType(created, t.type);
}

function warnIfDeleting(ctx: CommandContext, obj: KubeObject): void {
  if (obj.metadata?.deletionTimestamp) {
    ctx.stderr.write(
      `Warning: Detected changes to resource ${obj.metadata.name} which is currently being deleted.\n`,
    );
  }
}

function withType(obj: KubeObject, t: ResourceType): KubeObject {
  if (obj.kind) return obj;
  return { ...obj, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, kind: t.kind };
}

async function pruneAllowlist(rt: Runtime, list: readonly string[]): Promise<ResourceType[]> {
  const out: ResourceType[] = [];
  if (list.length === 0) {
    for (const [g, v, k] of DEFAULT_PRUNE) {
      const t = rt.registry.get(g ? `${g}/${v}` : v, k);
      if (t) out.push(t);
    }
    return out;
  }
  for (const entry of list) {
    const parts = entry.split("/");
    if (parts.length !== 3) {
      throw new CliError(
        `invalid GroupVersionKind format: ${entry}, please follow <group/version/kind>`,
      );
    }
    const group = parts[0] === "core" ? "" : parts[0];
    const apiVersion = group ? `${group}/${parts[1]}` : parts[1];
    try {
      out.push(await rt.resolveType({ apiVersion, kind: parts[2] }));
    } catch {
      throw new CliError(`no matches for kind "${parts[2]}" in version "${apiVersion}"`);
    }
  }
  return out;
}

async function pruneObjects(
  ctx: CommandContext,
  rt: Runtime,
  printer: WritePrinter,
  p: {
    types: ResourceType[];
    namespaces: string[];
    visitedUids: Set<string>;
    selector: string;
    cascade: "Background" | "Foreground" | "Orphan";
    dryRun: "none" | "client" | "server";
  },
): Promise<void> {
  const namespaced = p.types.filter((t) => t.namespaced);
  const cluster = p.types.filter((t) => !t.namespaced);
  const passes: [string, ResourceType][] = [];
  for (const ns of p.namespaces) for (const t of namespaced) passes.push([ns, t]);
  for (const t of cluster) passes.push(["", t]);
  let wrote = false;
  for (const [ns, t] of passes) {
    const list = await rt.client.list(typeMeta(t), {
      ...(ns ? { namespace: ns } : {}),
      ...(p.selector ? { labelSelector: p.selector } : {}),
    });
    for (const item of list.items) {
      const obj = withType(item, t);
      if (!(obj.metadata.annotations && LAST_APPLIED in obj.metadata.annotations)) continue;
      if (p.visitedUids.has(obj.metadata.uid ?? "")) continue;
      if (p.dryRun !== "client") {
        await rt.client.delete(
          typeMeta(t),
          objectKey(t, { namespace: ns, name: obj.metadata.name ?? "" }),
          {
            propagationPolicy: p.cascade,
            ...(p.dryRun === "server" ? { dryRun: true } : {}),
          },
        );
        wrote ||= p.dryRun === "none";
      }
      printer.print(obj, "pruned");
    }
  }
  if (wrote) await ctx.afterWrite();
}
