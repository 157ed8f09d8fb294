// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `get`: the reference command of the framework. Tables from each kind's printer columns
 * (`-o wide`, `-A`, `-L`, `--show-labels`, `--show-kind`, `--no-headers`, `--sort-by`),
 * the generic formats (json, yaml, name, jsonpath, custom-columns), several types at once,
 * `--ignore-not-found`, `--subresource=status|scale`, and watches (`-w`, `--watch-only`,
 * `--output-watch-events`).
 *
 * @module
 */
import type { KubeObject, ResourceType } from "@k1s/core";
import type { CommandContext, ResourceArgs } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { outputFormat } from "../_cli/output_format.ts";
import { apiVersionOf, explainNotFound, reasonOf } from "../_cli/resources.ts";
import type { OutputFormat } from "../_internal/printers/output_format.ts";
import { relaxedJSONPathExpression } from "../_internal/printers/jsonpath/relaxed.ts";
// A table needs only the table printer; the other printers (YAML, JSONPath, sorting) are
// loaded when a flag asks for them.
import { buildTable, type TableOptions, TablePrinter } from "../_internal/printers/table.ts";

/**
 * Runs `get`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  validate(ctx);
  const format = await outputFormat(ctx);
  if (ctx.args.length === 0 && ctx.strings("filename").length === 0) {
    ctx.stderr.write(
      `You must specify the type of resource to get. Use "${ctx.name} api-resources" for a complete list of supported resources.\n\n`,
    );
    throw ctx.usageError(
      `Required resource not specified.\nUse "${ctx.name} explain <resource>" for a detailed description of that resource (e.g. ${ctx.name} explain configmaps).`,
    );
  }
  const subresource = ctx.string("subresource");
  const sub = subresource ? await import("./_subresource.ts") : undefined;
  sub?.checkNotBulk(ctx);
  // kubectl's builder reads files while visiting them: a file it cannot read is one more error.
  const sel = await ctx.resources({ keepUnreadable: true });
  if (ctx.bool("watch") || ctx.bool("watch-only")) {
    // A watch starts only from what could be read.
    if (sel.unreadable.length) finish(sel.unreadable.map((u) => u.error));
    return await watch(ctx, sel, format);
  }

  const errors: unknown[] = [];
  const groups: { type: ResourceType; objects: KubeObject[]; local: boolean }[] = [];
  const sortBy = ctx.string("sort-by");
  // A table of the kinds' own columns, and names, need the objects' metadata and the columns'
  // values (summaries, where the store keeps them), not whole objects.
  const asTable = (format.type === "table" || format.type === "name") &&
    (!sortBy || sortsBySummary(sortBy));
  for (const target of sel.targets) {
    let objs: KubeObject[];
    // kubectl's builder fetches only named objects (RetrieveLatest): a manifest without a name
    // (generateName) is printed as read, in its namespace.
    const local = !sub && target.kind === "name" && !target.name && target.object;
    try {
      objs = local
        ? [localObject(target.object!, target.namespace)]
        : sub
        ? await sub.fetchSubresource(ctx, target, subresource)
        : await ctx.fetch(target, { asTable });
    } catch (e) {
      if (reasonOf(e) === "NotFound" && ctx.bool("ignore-not-found")) continue;
      errors.push(await explainNotFound(await ctx.runtime(), target, e));
      continue;
    }
    const last = groups[groups.length - 1];
    if (last && last.type === target.type && !last.local && !local) last.objects.push(...objs);
    else groups.push({ type: target.type, objects: objs, local: !!local });
  }
  errors.push(...sel.unreadable.map((u) => u.error));
  if (sortBy) {
    const { sortObjects } = await import("../_internal/printers/sort_by.ts");
    for (const g of groups) g.objects = sortObjects(g.objects, sortBy);
  }

  if (format.type !== "table") {
    const all = groups.flatMap((g) => g.objects);
    // kubectl returns a single item's errors (all of them) before printing anything.
    if (sel.singleItem && errors.length > 0) return finish(errors);
    if (!(all.length === 0 && ctx.bool("ignore-not-found"))) {
      const { renderObjects } = await import("../_cli/printing.ts");
      ctx.stdout.write(renderObjects(format, all, {
        single: sel.singleItem,
        noHeaders: ctx.bool("no-headers"),
        showManagedFields: ctx.bool("show-managed-fields"),
        allowMissingKeys: ctx.bool("allow-missing-template-keys"),
      }));
    }
    return finish(errors);
  }

  const now = ctx.now();
  const withKind = sel.multipleTypes || ctx.bool("show-kind");
  let written = "";
  // kubectl's printer flags are shared between types and `-A` sets the namespace column on
  // them: once a namespaced type has it, the types after it keep it (blank when cluster-scoped).
  let withNamespace = false;
  for (const g of groups) {
    const opts = tableOptions(ctx, g.type, withKind, format);
    withNamespace ||= !!opts.withNamespace;
    opts.withNamespace = withNamespace;
    const p = new TablePrinter(opts);
    // The API server builds a Scale's table with its own columns; an object kubectl did not
    // fetch is no Table, and its printer falls back to NAME and AGE.
    const columns = subresource === "scale"
      ? sub!.SCALE_COLUMNS
      : g.local
      ? DEFAULT_COLUMNS
      : g.type.printerColumns;
    if (g.objects.length > 0) {
      const table = await buildTable(columns, g.objects, { now });
      // translateTimestampSince of a zero time.
      if (g.local) { for (const r of table.rows) r.cells[1] ||= "<unknown>"; }
      p.print(table);
    }
    const text = p.flush();
    if (written && !ctx.bool("no-headers") && text) ctx.stdout.write("\n");
    ctx.stdout.write(text);
    written += text;
  }
  if (!written && errors.length === 0 && !ctx.bool("ignore-not-found")) {
    const allNamespaced = !ctx.allNamespaces && sel.targets.every((t) => t.type.namespaced);
    ctx.stderr.write(
      allNamespaced
        ? `No resources found in ${ctx.namespace} namespace.\n`
        : "No resources found\n",
    );
  }
  // A table reports what it collected as it is (`MultipleErrors`), a file's error bare.
  if (errors.length === 1 && sel.unreadable.length) throw new AggregateError(errors);
  return finish(errors);
}

/** kubectl's default print handler's columns (NAME is the printer's own). */
const DEFAULT_COLUMNS: ResourceType["printerColumns"] = [
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
];

/** An object from a file as kubectl's builder leaves it: with its namespace set. */
function localObject(obj: KubeObject, namespace: string | undefined): KubeObject {
  if (!namespace) return obj;
  return { ...obj, metadata: { ...obj.metadata, namespace } };
}

/** kubectl's GetOptions.Validate, which runs before anything is read or printed. */
function validate(ctx: CommandContext): void {
  const output = ctx.string("output") ?? "";
  if (ctx.bool("show-labels") && output !== "" && output !== "wide") {
    throw new CliError(`--show-labels option cannot be used with ${output} printer`);
  }
  if (ctx.bool("output-watch-events") && !ctx.bool("watch") && !ctx.bool("watch-only")) {
    throw new CliError(
      "--output-watch-events option can only be used with --watch or --watch-only",
    );
  }
}

// Summaries hold the objects' metadata, but for annotations and managed fields.
function sortsBySummary(sortBy: string): boolean {
  let expr: string;
  try {
    expr = relaxedJSONPathExpression(sortBy);
  } catch {
    return false;
  }
  return /^\{\.metadata\.(?!annotations\b|managedFields\b)[A-Za-z_]/.test(expr);
}

function finish(errors: unknown[]): number {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
  return 0;
}

function tableOptions(
  ctx: CommandContext,
  type: ResourceType,
  withKind: boolean,
  format: OutputFormat,
): TableOptions {
  const opts: TableOptions = {
    noHeaders: ctx.bool("no-headers"),
    wide: format.type === "table" && format.wide,
    withNamespace: ctx.allNamespaces && type.namespaced,
    showLabels: ctx.bool("show-labels"),
  };
  const labels = ctx.strings("label-columns");
  if (labels.length) opts.columnLabels = labels;
  if (withKind) opts.kind = { group: type.group, kind: type.kind };
  return opts;
}

async function watch(
  ctx: CommandContext,
  sel: ResourceArgs,
  format: OutputFormat,
): Promise<number> {
  if (new Set(sel.targets.map((t) => t.type)).size > 1) {
    throw new CliError("you may only specify a single resource type");
  }
  const target = sel.targets[0];
  if (!target) throw new CliError("no resources found to watch");
  if (ctx.string("sort-by")) {
    ctx.stderr.write(
      "warning: --watch requested, --sort-by will be ignored for watch events received\n",
    );
  }
  const rt = await ctx.runtime();
  // Read before the objects: what changes after it is replayed, so nothing is missed.
  const resourceVersion = String(await rt.storage.revision());
  // As kubectl, the named objects are read first: a missing one is an error, not a wait.
  const initial: KubeObject[] = [];
  const errors: unknown[] = [];
  for (const t of sel.targets) {
    try {
      initial.push(...await ctx.fetch(t));
    } catch (e) {
      errors.push(await explainNotFound(rt, t, e));
    }
  }
  finish(errors);
  const { renderObjects } = await import("../_cli/printing.ts");
  const { printWatchEvent } = await import("../_internal/printers/watch_event.ts");
  const { printCustomColumns } = await import("../_internal/printers/custom_columns.ts");
  const { KUBECTL_TABLE, TabWriter } = await import("../_internal/printers/tabwriter.ts");
  // kubectl's watch writes every event through one tab writer that remembers column widths.
  const columnsWriter = new TabWriter(KUBECTL_TABLE);
  const type = target.type;
  const events = ctx.bool("output-watch-events");
  const now = () => ctx.now();
  const printer = new TablePrinter(tableOptions(ctx, type, ctx.bool("show-kind"), format));
  const showManagedFields = ctx.bool("show-managed-fields");
  let yamlDocs = 0;
  let headers = true;
  // One call per batch: the initial objects are printed together (aligned, as kubectl's
  // single flush), each later event on its own.
  const emit = async (evType: string, objs: KubeObject[]) => {
    if (!objs.length) return;
    if (format.type === "table") {
      for (const obj of objs) {
        const t = await buildTable(type.printerColumns, [obj], { now: now() });
        printer.print(t, events ? { eventType: evType } : {});
      }
      ctx.stdout.write(printer.flush());
      return;
    }
    for (const obj of objs) {
      if (format.type === "yaml" || (events && format.type === "json")) {
        // A WatchEvent has no metadata to hide managed fields from: kubectl prints them.
        const doc = events
          ? printWatchEvent(evType, obj, format.type)
          : renderObjects(format, [obj], { single: true, showManagedFields });
        // Documents of a stream are separated as kubectl's reused YAML printer does.
        ctx.stdout.write((format.type === "yaml" && yamlDocs++ > 0 ? "---\n" : "") + doc);
      }
    }
    if (format.type === "yaml" || (events && format.type === "json")) return;
    // The other printers see what kubectl gives them: the WatchEvent with the flag.
    const printed = events && format.type !== "name"
      ? objs.map((o) => ({ type: evType, object: o }) as unknown as KubeObject)
      : objs;
    if (format.type === "custom-columns") {
      ctx.stdout.write(printCustomColumns(format.columns, printed, {
        noHeaders: !headers || ctx.bool("no-headers"),
        writer: columnsWriter,
      }));
    } else {
      for (const o of printed) {
        ctx.stdout.write(renderObjects(format, [o], { single: true, showManagedFields }));
      }
    }
    headers = false;
  };

  // Initial state (unless --watch-only), then changes after the state's revision.
  const typeMeta = { apiVersion: apiVersionOf(type), kind: type.kind };
  if (!ctx.bool("watch-only")) await emit("ADDED", initial);
  // kubectl prints several named objects, then cannot watch them (one watch per request).
  if (sel.targets.length > 1) {
    throw new CliError("you may only watch a single resource or type of resource at a time");
  }
  const stream = rt.client.watch(typeMeta, {
    ...(target.namespace ? { namespace: target.namespace } : {}),
    ...(target.kind === "name" ? { name: target.name } : {}),
    ...(target.kind === "list" && target.labelSelector
      ? { labelSelector: target.labelSelector }
      : {}),
    ...(target.kind === "list" && target.fieldSelector
      ? { fieldSelector: target.fieldSelector }
      : {}),
    resourceVersion,
  });
  const stop = () => stream.stop();
  ctx.signal.addEventListener("abort", stop);
  try {
    if (ctx.signal.aborted) return 0;
    for await (const ev of stream) {
      if (ev.type === "ERROR") throw new CliError(ev.object.message ?? "watch failed");
      await emit(ev.type, [ev.object]);
    }
  } finally {
    ctx.signal.removeEventListener("abort", stop);
    stream.stop();
  }
  return 0;
}
