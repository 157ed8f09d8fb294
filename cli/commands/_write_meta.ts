// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `label` and `annotate`, which kubectl implements twice with small differences: the `KEY=VAL`
 * and `KEY-` arguments, `--overwrite`, `--list`, `--local`, `--resource-version`, and a JSON
 * merge patch of the metadata sent as the command's field manager; `labeled` / `unlabeled` /
 * `not labeled` and `annotated`, with each command's messages.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import { createMergePatch, isValidLabelValue } from "@k1s/core";
import type { CommandContext, ResourceTarget } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import {
  apiVersionOf,
  cloneJson,
  finishErrors,
  localOrder,
  objectKey,
  typeMeta,
  visitErrors,
  writePrinter,
} from "./_write_common.ts";

/** Which command runs. */
export type MetaKind = "label" | "annotation";

/**
 * `cmdutil.GetResourcesAndPairs`: splits the arguments into resources and `KEY=VAL`/`KEY-`
 * pairs, which must come last.
 *
 * @param args The positional arguments.
 * @param pairType `label` or `annotation`, for the message.
 * @returns The resources and the pairs.
 * @throws {CliError} `all resources must be specified before label changes: x`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { resourcesAndPairs } from "./_write_meta.ts";
 * assertEquals(resourcesAndPairs(["cm", "a", "env=prod", "old-"], "label"), [["cm", "a"], ["env=prod", "old-"]]);
 * ```
 */
export function resourcesAndPairs(args: readonly string[], pairType: string): [string[], string[]] {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const nonResource = (s.includes("=") && s[0] !== "=") || (s.endsWith("-") && s !== "-");
    if (nonResource) {
      found = true;
      pairs.push(s);
    } else if (!found) {
      resources.push(s);
    } else {
      throw new CliError(`all resources must be specified before ${pairType} changes: ${s}`);
    }
  }
  return [resources, pairs];
}

/**
 * `label`'s `parseLabels`: `k=v` (validated as a label value) and `k-`.
 *
 * @param specs The pairs.
 * @returns The labels to set and the keys to remove.
 * @throws {CliError} `invalid label spec: x`, `invalid label value: "k=v": ...`,
 *   `unknown label spec: x`, `can not both modify and remove a label in the same command`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseLabelPairs } from "./_write_meta.ts";
 * assertEquals(parseLabelPairs(["a=1", "b-"]), [{ a: "1" }, ["b"]]);
 * ```
 */
export function parseLabelPairs(specs: readonly string[]): [Record<string, string>, string[]] {
  const labels: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes("=")) {
      const parts = spec.split("=");
      if (parts.length !== 2) throw new CliError(`invalid label spec: ${spec}`);
      const errs = isValidLabelValue(parts[1]);
      if (errs.length) {
        throw new CliError(`invalid label value: ${JSON.stringify(spec)}: ${errs.join(";")}`);
      }
      labels[parts[0]] = parts[1];
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new CliError(`unknown label spec: ${spec}`);
    }
  }
  if (remove.some((k) => k in labels)) {
    throw new CliError("can not both modify and remove a label in the same command");
  }
  return [labels, remove];
}

/**
 * `cmdutil.ParsePairs(args, "annotation", true)`: `k=v` (the value may contain `=`) and `k-`.
 *
 * @param specs The pairs.
 * @returns The annotations to set and the keys to remove.
 * @throws {CliError} `invalid annotation format: x`,
 *   `can not both modify and remove the following annotation(s) in the same command: k`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseAnnotationPairs } from "./_write_meta.ts";
 * assertEquals(parseAnnotationPairs(["a=x=y", "b-"]), [{ a: "x=y" }, ["b"]]);
 * ```
 */
export function parseAnnotationPairs(
  specs: readonly string[],
): [Record<string, string>, string[]] {
  const pairs: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const spec of specs) {
    if (spec.includes("=") && spec[0] !== "=") {
      const i = spec.indexOf("=");
      pairs[spec.slice(0, i)] = spec.slice(i + 1);
    } else if (spec.endsWith("-") && spec !== "-") {
      remove.push(spec.slice(0, -1));
    } else {
      invalid.push(spec);
    }
  }
  if (invalid.length) throw new CliError(`invalid annotation format: ${invalid.join(", ")}`);
  return [pairs, remove];
}

function checkAnnotationConflicts(remove: readonly string[], add: Record<string, string>): void {
  const both = remove.filter((k) => k in add);
  if (both.length) {
    throw new CliError(
      `can not both modify and remove the following annotation(s) in the same command: ${
        both.join(", ")
      }`,
    );
  }
}

function sortedKeys(r: Record<string, string>): string[] {
  return Object.keys(r).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Applies the changes to an object's labels or annotations, with kubectl's overwrite checks. */
function update(
  kind: MetaKind,
  obj: KubeObject,
  add: Record<string, string>,
  remove: readonly string[],
  overwrite: boolean,
  resourceVersion: string,
): void {
  const field = kind === "label" ? "labels" : "annotations";
  obj.metadata ??= {} as KubeObject["metadata"];
  const current = (obj.metadata[field] ?? {}) as Record<string, string>;
  if (!overwrite) {
    // kubectl's validateNoOverwrites: only a different value is a conflict.
    const taken = (k: string) => Object.hasOwn(current, k) && current[k] !== add[k];
    if (kind === "label") {
      const errs = sortedKeys(add).filter(taken).map((k) =>
        `'${k}' already has a value (${current[k]}), and --overwrite is false`
      );
      if (errs.length === 1) throw new CliError(errs[0]);
      if (errs.length > 1) {
        throw new AggregateError(errs.map((m) => new CliError(m)), `[${errs.join(", ")}]`);
      }
    } else {
      const found = sortedKeys(add).filter((k) => k !== "kubernetes.io/change-cause" && taken(k));
      if (found.length) {
        throw new CliError(
          `--overwrite is false but found the following declared annotation(s): ${
            found.map((k) => `'${k}' already has a value (${current[k]})`).join("; ")
          }`,
        );
      }
    }
  }
  const next = { ...current, ...add };
  for (const k of remove) delete next[k];
  obj.metadata[field] = next;
  if (resourceVersion) obj.metadata.resourceVersion = resourceVersion;
}

/**
 * Runs `label` or `annotate`.
 *
 * @param ctx The command context.
 * @param kind Which command.
 * @returns The exit code.
 */
export async function runMeta(ctx: CommandContext, kind: MetaKind): Promise<number> {
  const list = ctx.bool("list");
  if (list && ctx.string("output")) {
    throw new CliError("--list and --output may not be specified together");
  }
  const [resources, pairArgs] = resourcesAndPairs(ctx.args, kind);
  const [add, remove] = kind === "label"
    ? parseLabelPairs(pairArgs)
    : parseAnnotationPairs(pairArgs);
  const all = ctx.bool("all");
  if (all && ctx.string("selector")) {
    throw new CliError("cannot set --all and --selector at the same time");
  }
  if (all && ctx.string("field-selector")) {
    throw new CliError("cannot set --all and --field-selector at the same time");
  }
  const local = ctx.bool("local");
  const files = ctx.strings("filename");
  const dryRun = ctx.dryRun;
  const example = kind === "label"
    ? "pod.yaml or --filename=pod.json"
    : "rsrc.yaml or --filename=rsrc.json";
  if (local) {
    if (dryRun === "server") {
      throw new CliError(
        "cannot specify --local and --dry-run=server - did you mean --dry-run=client?",
      );
    }
    if (resources.length > 0) {
      throw new CliError(
        `can only use local files by -f ${example} when --local=true is set`,
      );
    }
    if (files.length === 0) {
      throw new CliError(`one or more files must be specified as -f ${example}`);
    }
  } else if (resources.length < 1 && files.length === 0) {
    throw new CliError(
      "one or more resources must be specified as <resource> <name> or <resource>/<name>",
    );
  }
  if (Object.keys(add).length < 1 && remove.length < 1 && !list) {
    throw new CliError(`at least one ${kind} update is required`);
  }
  if (kind === "annotation") checkAnnotationConflicts(remove, add);

  // kubectl's builder reads files while visiting them: a file it cannot read is one more error.
  const sel = await ctx.resources({
    args: resources,
    allowEmptySelector: false,
    keepUnknownKinds: true,
    keepUnreadable: true,
  });
  const single = sel.singleItem;
  const resourceVersion = ctx.string("resource-version");
  if (!single && resourceVersion) {
    throw new CliError("--resource-version may only be used with a single resource");
  }
  const overwrite = ctx.bool("overwrite");
  const fieldManager = ctx.string("field-manager");
  // kubectl fetches every object first (`Latest()`): what it could not read, map to a kind or
  // fetch is reported after the errors of the changes, in file order. Its local builder maps
  // no kinds, so locally they are changed as they are.
  const errors: unknown[] = [];
  const fetchErrors: { index: number; error: unknown }[] = [];
  const indexOf = new Map(sel.targets.map((t, i) => [t, i]));
  const rt = await ctx.runtime();
  const sharedPrinter = await writePrinter(ctx);
  let wrote = false;

  const visit = async (target: ResourceTarget): Promise<KubeObject[]> => {
    if (local) return [cloneJson(target.kind === "name" ? target.object! : undefined)!];
    if (target.kind === "name") {
      const t = target.type;
      const obj = await rt.client.get(
        typeMeta(t),
        objectKey(t, { namespace: target.namespace, name: target.name }),
      );
      return [obj.kind ? obj : { ...obj, apiVersion: apiVersionOf(t), kind: t.kind }];
    }
    return await ctx.fetch(target);
  };

  const handle = async (target: ResourceTarget | undefined, obj: KubeObject) => {
    try {
      const printed = await changeOne(ctx, kind, target, obj, {
        add,
        remove,
        overwrite,
        resourceVersion,
        local,
        list,
        single,
        fieldManager,
      });
      wrote ||= printed.wrote;
      if (printed.output) {
        const p = kind === "label" ? await writePrinter(ctx) : sharedPrinter;
        p.print(printed.output.obj, printed.output.operation);
      }
    } catch (e) {
      errors.push(e);
    }
  };
  for (const item of localOrder(sel, local)) {
    if ("object" in item) {
      await handle(undefined, cloneJson(item.object));
      continue;
    }
    const target = item.target;
    let objs: KubeObject[];
    try {
      objs = await visit(target);
    } catch (e) {
      fetchErrors.push({ index: indexOf.get(target)!, error: e });
      continue;
    }
    for (const obj of objs) await handle(target, obj);
  }
  if (wrote) await ctx.afterWrite();
  errors.push(...visitErrors(sel, { unknown: !local, fetch: fetchErrors }));
  return finishErrors(ctx, errors);
}

interface ChangeOptions {
  add: Record<string, string>;
  remove: string[];
  overwrite: boolean;
  resourceVersion: string;
  local: boolean;
  list: boolean;
  single: boolean;
  fieldManager: string;
}

/** Changes one object; `target` is absent for local objects of kinds the store does not know. */
async function changeOne(
  ctx: CommandContext,
  kind: MetaKind,
  target: ResourceTarget | undefined,
  obj: KubeObject,
  o: ChangeOptions,
): Promise<{ wrote: boolean; output?: { obj: KubeObject; operation: string } }> {
  const dryRun = ctx.dryRun;
  const field = kind === "label" ? "labels" : "annotations";
  if (o.resourceVersion) obj.metadata.resourceVersion = "";
  const oldData = JSON.stringify(sortKeys(obj));
  let output: KubeObject;
  let wrote = false;
  if (dryRun === "client" || o.local || o.list) {
    update(kind, obj, o.add, o.remove, o.overwrite, o.resourceVersion);
    output = obj;
  } else {
    if (kind === "label") {
      const current = obj.metadata.labels ?? {};
      for (const k of o.remove) {
        if (!(k in current)) ctx.stdout.write(`label ${JSON.stringify(k)} not found.\n`);
      }
    }
    const before = cloneJson(obj);
    update(kind, obj, o.add, o.remove, o.overwrite, o.resourceVersion);
    const patch = createMergePatch(before, obj);
    const rt = await ctx.runtime();
    const t = target!.type;
    output = await rt.client.patch(
      typeMeta(t),
      objectKey(t, { namespace: obj.metadata.namespace ?? "", name: obj.metadata.name ?? "" }),
      patch,
      { type: "merge", dryRun: dryRun === "server", fieldManager: o.fieldManager },
    );
    output = output.kind ? output : { ...output, apiVersion: apiVersionOf(t), kind: t.kind };
    wrote = dryRun === "none";
  }
  if (o.list) {
    const values = (output.metadata[field] ?? {}) as Record<string, string>;
    let indent = "";
    if (!o.single) {
      indent = " ";
      const group = output.apiVersion.includes("/") ? output.apiVersion.split("/")[0] : "";
      ctx.stdout.write(
        `Listing ${field} for ${output.kind}.${group}/${output.metadata.name}:\n`,
      );
    }
    for (const k of sortedKeys(values)) ctx.stdout.write(`${indent}${k}=${values[k]}\n`);
    return { wrote };
  }
  if (kind === "annotation") return { wrote, output: { obj: output, operation: "annotated" } };
  const newData = JSON.stringify(sortKeys(obj));
  let msg = "not labeled";
  if (oldData !== newData) {
    msg = "labeled";
    if (!o.overwrite && newData.length < oldData.length) msg = "unlabeled";
  }
  // kubectl's label prints the object it changed locally (`info.Object`), not the server's
  // answer: `-o` shows the resourceVersion from before the write (annotate prints the answer).
  return { wrote, output: { obj, operation: msg } };
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
