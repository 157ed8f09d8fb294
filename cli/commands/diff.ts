// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `diff -f`: writes the live objects and the objects as they would be after `apply` (computed
 * by a server dry run: a create, a client-side-apply patch or, with `--server-side`, a
 * server-side apply) as YAML into two temporary directories, and runs `diff -u -N` on them (or
 * `$KUBECTL_EXTERNAL_DIFF`). Secret values are masked. Exit status 0 means no differences,
 * 1 differences, more than 1 an error. Running the diff program needs `--allow-run`.
 *
 * @module
 */
import type { KubeObject, ResourceType, Runtime } from "@k1s/core";
import { createThreeWayMergePatch } from "@k1s/core";
import type { CommandContext, NamedTarget } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import {
  apiVersionOf,
  cloneJson,
  LAST_APPLIED,
  modifiedConfiguration,
  objectKey,
  reasonOf,
  targetObject,
  typeMeta,
} from "./_write_common.ts";

/** How many times a changing object is diffed before giving up the lock (kubectl's). */
const MAX_RETRIES = 4;

/**
 * Runs `diff`.
 *
 * @param ctx The command context.
 * @returns 0 (no differences), 1 (differences) or more (errors).
 */
export async function run(ctx: CommandContext): Promise<number> {
  try {
    return await diff(ctx);
  } catch (e) {
    // kubectl's CheckDiffErr: the usual message, exit code 2.
    ctx.printError(e);
    return 2;
  }
}

async function diff(ctx: CommandContext): Promise<number> {
  if (ctx.strings("filename").length === 0) throw new CliError("must specify one of -f and -k");
  const serverSide = ctx.bool("server-side");
  const fieldManager = ctx.changed.has("field-manager")
    ? ctx.string("field-manager")
    : serverSide
    ? "kubectl"
    : "kubectl-client-side-apply";
  const forceConflicts = ctx.bool("force-conflicts");
  if (forceConflicts && !serverSide) {
    throw new CliError("--force-conflicts only works with --server-side");
  }
  if (ctx.args.length > 0) throw ctx.usageError(`Unexpected args: [${ctx.args.join(" ")}]`);
  const rt = await ctx.runtime();
  const sel = await ctx.resources();
  let targets = sel.targets.filter((t): t is NamedTarget => t.kind === "name" && !!t.object);
  const selector = ctx.string("selector");
  if (selector) {
    const { parseLabelSelector } = await import("@k1s/core");
    const s = parseLabelSelector(selector);
    targets = targets.filter((t) => s.matches(t.object!.metadata?.labels));
  }

  const live = await Deno.makeTempDir({ prefix: "LIVE-" });
  const merged = await Deno.makeTempDir({ prefix: "MERGED-" });
  try {
    const visitedUids = new Set<string>();
    const visitedNamespaces = new Set<string>();
    if (ctx.explicitNamespace) visitedNamespaces.add(ctx.namespace);
    for (const t of targets) {
      if (t.type.namespaced) visitedNamespaces.add(t.namespace);
      const local = targetObject(t);
      let before: KubeObject | undefined;
      let after: KubeObject;
      for (let i = 1;; i++) {
        before = await getLive(rt, t);
        try {
          after = await mergedObject(rt, t, local, before, {
            serverSide,
            fieldManager,
            forceConflicts,
            lock: i < MAX_RETRIES,
          });
          break;
        } catch (e) {
          if (reasonOf(e) !== "Conflict" || i >= MAX_RETRIES) throw e;
        }
      }
      if (before?.metadata?.uid) visitedUids.add(before.metadata.uid);
      await writePair(ctx, t.type, t.namespace, local.metadata.name ?? "", before, after, {
        live,
        merged,
      });
    }
    if (ctx.bool("prune")) {
      await pruned(ctx, rt, targets, [...visitedNamespaces].sort(), visitedUids, selector, {
        live,
        merged,
      });
    }
    return await runDiff(ctx, live, merged);
  } finally {
    await Deno.remove(live, { recursive: true }).catch(() => {});
    await Deno.remove(merged, { recursive: true }).catch(() => {});
  }
}

async function getLive(rt: Runtime, t: NamedTarget): Promise<KubeObject | undefined> {
  try {
    const o = await rt.client.get(
      typeMeta(t.type),
      objectKey(t.type, { namespace: t.namespace, name: t.name }),
    );
    return o.kind ? o : { ...o, apiVersion: apiVersionOf(t.type), kind: t.type.kind };
  } catch (e) {
    if (reasonOf(e) === "NotFound") return undefined;
    throw e;
  }
}

/** The object as `apply` would leave it, computed by a server dry run. */
async function mergedObject(
  rt: Runtime,
  t: NamedTarget,
  local: KubeObject,
  live: KubeObject | undefined,
  o: { serverSide: boolean; fieldManager: string; forceConflicts: boolean; lock: boolean },
): Promise<KubeObject> {
  const type = typeMeta(t.type);
  const key = objectKey(t.type, { namespace: t.namespace, name: local.metadata.name ?? "" });
  const withType = (x: KubeObject) =>
    x.kind ? x : { ...x, apiVersion: apiVersionOf(t.type), kind: t.type.kind };
  if (o.serverSide) {
    return withType(
      await rt.client.patch(type, key, local, {
        type: "apply",
        dryRun: true,
        fieldManager: o.fieldManager,
        force: o.forceConflicts,
      }),
    );
  }
  if (!live) {
    return withType(
      await rt.client.create(cloneJson(local), {
        dryRun: true,
        fieldManager: o.fieldManager,
      }),
    );
  }
  const modified = JSON.parse(modifiedConfiguration(local, false));
  const originalText = live.metadata?.annotations?.[LAST_APPLIED];
  let original: unknown;
  try {
    original = originalText ? JSON.parse(originalText) : undefined;
  } catch {
    original = undefined;
  }
  const strategic = t.type.strategy.strategicMerge;
  const patch = createThreeWayMergePatch({
    original,
    modified,
    current: cloneJson(live),
    ...(t.type.schema ? { schema: t.type.schema } : {}),
    strategic,
    overwrite: true,
  });
  if (Object.keys(patch).length === 0) return live;
  if (o.lock && live.metadata.resourceVersion) {
    const meta = (patch.metadata ?? {}) as Record<string, unknown>;
    patch.metadata = { ...meta, resourceVersion: live.metadata.resourceVersion };
  }
  return withType(
    await rt.client.patch(type, key, patch, {
      type: strategic ? "strategic" : "merge",
      dryRun: true,
      fieldManager: o.fieldManager,
    }),
  );
}

/** The file name kubectl gives an object: `[group.]version.Kind.namespace.name`. */
function fileName(t: ResourceType, namespace: string, name: string): string {
  return `${t.group ? `${t.group}.` : ""}${t.version}.${t.kind}.${
    t.namespaced ? namespace : ""
  }.${name}`;
}

async function writePair(
  ctx: CommandContext,
  t: ResourceType,
  namespace: string,
  name: string,
  before: KubeObject | undefined,
  after: KubeObject | undefined,
  dirs: { live: string; merged: string },
  keepManagedFields = false,
): Promise<void> {
  const { printYaml } = await import("../_internal/printers/mod.ts");
  const show = keepManagedFields || ctx.bool("show-managed-fields");
  const clean = (o: KubeObject | undefined) => {
    if (!o) return undefined;
    const c = cloneJson(o);
    if (!show) delete c.metadata?.managedFields;
    return c;
  };
  let from: unknown = clean(before);
  let to: unknown = clean(after);
  const secret = t.group === "" && t.kind === "Secret";
  if (secret) [from, to] = maskSecrets(from as KubeObject, to as KubeObject);
  const text = (o: unknown) => (o === undefined ? "" : printYaml(o));
  const file = fileName(t, namespace, name);
  await Deno.writeTextFile(
    `${dirs.live}/${file}`,
    secret && from === null ? "null\n" : text(from),
    {
      mode: 0o700,
    },
  );
  await Deno.writeTextFile(`${dirs.merged}/${file}`, secret && to === null ? "null\n" : text(to), {
    mode: 0o700,
  });
}

/**
 * kubectl's `Masker`: Secret values become `***`, or `*** (before)`/`*** (after)` when they
 * differ, so diffs show which keys changed without their content.
 */
function maskSecrets(
  from: KubeObject | undefined,
  to: KubeObject | undefined,
): [KubeObject | null, KubeObject | null] {
  const f = from ? cloneJson(from) : null;
  const t = to ? cloneJson(to) : null;
  const fd = { ...((f?.data as Record<string, string> | undefined) ?? {}) };
  const td = { ...((t?.data as Record<string, string> | undefined) ?? {}) };
  for (const k of Object.keys(fd)) {
    if (k in td) {
      if (fd[k] !== td[k]) {
        fd[k] = "*** (before)";
        td[k] = "*** (after)";
        continue;
      }
      td[k] = "***";
    }
    fd[k] = "***";
  }
  for (const k of Object.keys(td)) if (!(k in fd)) td[k] = "***";
  if (f && f.data) f.data = fd;
  if (t && t.data) t.data = td;
  return [f, t];
}

async function pruned(
  ctx: CommandContext,
  rt: Runtime,
  targets: NamedTarget[],
  namespaces: string[],
  visitedUids: Set<string>,
  selector: string,
  dirs: { live: string; merged: string },
): Promise<void> {
  const allow = ctx.strings("prune-allowlist");
  const types: ResourceType[] = [];
  if (allow.length > 0) {
    for (const entry of allow) {
      const parts = entry.split("/");
      if (parts.length !== 3) {
        throw new CliError(
          `invalid GroupVersionKind format: ${entry}, please follow <group/version/kind>`,
        );
      }
      const group = parts[0] === "core" ? "" : parts[0];
      const apiVersion = group ? `${group}/${parts[1]}` : parts[1];
      try {
        types.push(await rt.resolveType({ apiVersion, kind: parts[2] }));
      } catch {
        throw new CliError(`no matches for kind "${parts[2]}" in version "${apiVersion}"`);
      }
    }
  } else {
    for (const k of ["ConfigMap", "Secret", "Namespace"]) {
      const t = rt.registry.get("v1", k);
      if (t) types.push(t);
    }
    for (const t of targets) if (!types.includes(t.type)) types.push(t.type);
  }
  const passes: [string, ResourceType][] = [];
  for (const ns of namespaces) for (const t of types) if (t.namespaced) passes.push([ns, t]);
  for (const t of types) if (!t.namespaced) passes.push(["", t]);
  for (const [ns, t] of passes) {
    const list = await rt.client.list(typeMeta(t), {
      ...(ns ? { namespace: ns } : {}),
      ...(selector ? { labelSelector: selector } : {}),
    });
    for (const item of list.items) {
      const obj = item.kind ? item : { ...item, apiVersion: apiVersionOf(t), kind: t.kind };
      if (!(obj.metadata.annotations && LAST_APPLIED in obj.metadata.annotations)) continue;
      if (visitedUids.has(obj.metadata.uid ?? "")) continue;
      // kubectl does not strip the managed fields of objects it would prune.
      await writePair(ctx, t, ns, obj.metadata.name ?? "", obj, undefined, dirs, true);
    }
  }
}

/** Runs `diff -u -N LIVE MERGED` or `$KUBECTL_EXTERNAL_DIFF LIVE MERGED [flags]`. */
async function runDiff(ctx: CommandContext, from: string, to: string): Promise<number> {
  let program = "diff";
  let args = ["-u", "-N", from, to];
  const external = ctx.env("KUBECTL_EXTERNAL_DIFF");
  if (external) {
    const parts = external.split(" ");
    program = parts[0];
    args = [from, to, ...parts.slice(1).filter((a) => /^[a-zA-Z0-9-=]+$/.test(a))];
  }
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(program, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new CliError(
        `failed to run ${JSON.stringify(program)}: exec: ${
          JSON.stringify(program)
        }: executable file not found in $PATH`,
        { cause: e },
      );
    }
    throw e;
  }
  const dec = new TextDecoder();
  ctx.stdout.write(dec.decode(out.stdout));
  ctx.stderr.write(dec.decode(out.stderr));
  if (out.code <= 1) return out.code;
  throw new CliError(`failed to run ${JSON.stringify(program)}: exit status ${out.code}`);
}
