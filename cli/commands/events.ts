// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `events`: kubectl's event list (`LAST SEEN TYPE REASON OBJECT MESSAGE`, oldest first),
 * `--for kind/name`, `--types`, `-A`, `-w`, and the generic formats.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { OBJECT_OUTPUT_FORMATS, outputFormat } from "../_cli/output_format.ts";
import { reasonOf, resolveResource } from "../_cli/resources.ts";
import { humanDuration } from "../_internal/printers/human_duration.ts";
import { escapeTerminal } from "../_internal/printers/table.ts";
import { TabWriter } from "../_internal/printers/tabwriter.ts";

type Rec = Record<string, unknown>;

/**
 * Runs `events`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const types = ctx.strings("types");
  for (const t of types) {
    if (t.toLowerCase() !== "normal" && t.toLowerCase() !== "warning") {
      throw new CliError("valid --types are Normal or Warning");
    }
  }
  const forArg = ctx.string("for");
  const format = ctx.string("output") === ""
    ? undefined
    : await outputFormat(ctx, OBJECT_OUTPUT_FORMATS);
  // The object printers load for -o only: the table needs none of them.
  const render = format && (await import("../_cli/printing.ts")).renderObjects;
  const rt = await ctx.runtime();
  const selectors: string[] = [];
  if (forArg) {
    // kubectl's decodeResourceTypeName: exactly one slash; an empty name filters nothing.
    const seg = forArg.split("/");
    if (seg.length !== 2) throw new CliError("--for must be in resource/name form");
    const [resource, name] = seg;
    let kind: string;
    try {
      const [t] = await resolveResource(rt, resource);
      if (!t) throw new CliError(`the server doesn't have a resource type "${resource}"`);
      kind = t.kind;
    } catch (e) {
      // kubectl prints the mapper's error without the `error: ` prefix here.
      throw { render: () => `${(e as Error).message}\n`, exitCode: 1 };
    }
    if (name) selectors.push(`involvedObject.kind=${kind}`, `involvedObject.name=${name}`);
  }
  const namespace = ctx.allNamespaces ? "" : ctx.namespace;
  const typeMeta = { apiVersion: "v1", kind: "Event" };
  const wanted = (e: KubeObject) =>
    types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type ?? "").toLowerCase());
  const typed = (e: KubeObject): KubeObject => ({ ...e, apiVersion: "v1", kind: "Event" });
  const showManagedFields = ctx.bool("show-managed-fields");
  const now = () => ctx.now();
  const w = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
  let headers = !ctx.bool("no-headers");
  const printTable = (events: KubeObject[]) => {
    if (headers) {
      w.write(
        `${ctx.allNamespaces ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`,
      );
      headers = false;
    }
    for (const e of events) w.write(row(e, ctx.allNamespaces, now()));
    ctx.stdout.write(w.flush());
  };
  const fieldSelector = selectors.length ? { fieldSelector: selectors.join(",") } : {};
  if (ctx.bool("watch")) {
    // kubectl watches from no resourceVersion: the events that exist come first, as ADDED, in
    // the store's order, each printed on its own (no list, no "No events found").
    const stream = rt.client.watch(typeMeta, {
      ...(namespace ? { namespace } : {}),
      ...fieldSelector,
    });
    const stop = () => stream.stop();
    ctx.signal.addEventListener("abort", stop);
    try {
      if (ctx.signal.aborted) return 0;
      for await (const ev of stream) {
        if (ev.type === "ERROR") throw new CliError(ev.object.message ?? "watch failed");
        // Events are deleted after an hour: kubectl does not print that.
        if (ev.type === "DELETED" || !wanted(ev.object)) continue;
        if (format && render) {
          ctx.stdout.write(
            render(format, [typed(ev.object)], { single: true, showManagedFields }),
          );
        } else printTable([ev.object]);
      }
    } catch (e) {
      if (reasonOf(e) === "Gone") return 0;
      throw e;
    } finally {
      ctx.signal.removeEventListener("abort", stop);
      stream.stop();
    }
    return 0;
  }
  // --chunk-size is accepted for kubectl's sake; the events are sorted and printed as a whole,
  // so reading them in one request gives the same output (as `get` does without the flag).
  const list = await rt.client.list(typeMeta, { namespace, ...fieldSelector });
  // kubectl's sort.Sort(SortableEvents) is not stable: past 12 events, those of the same
  // second come out in Go's order (up to 12 it is an insertion sort, which keeps them).
  let items = list.items.filter(wanted);
  if (items.length > 12) {
    const { goSortBy } = await import("../_internal/printers/_go_sort.ts");
    items = goSortBy(items, (a, b) => eventTime(a) < eventTime(b));
  } else items.sort((a, b) => eventTime(a) - eventTime(b));
  if (items.length === 0) {
    ctx.stderr.write(
      ctx.allNamespaces ? "No events found.\n" : `No events found in ${ctx.namespace} namespace.\n`,
    );
    return 0;
  }
  if (!format || !render) {
    printTable(items);
    return 0;
  }
  // kubectl prints an EventList of its own making: no resourceVersion.
  const listObj = { apiVersion: "v1", items: items.map(typed), kind: "EventList", metadata: {} };
  ctx.stdout.write(
    format.type === "name"
      ? render(format, listObj.items)
      : render(format, [listObj as unknown as KubeObject], { single: true, showManagedFields }),
  );
  return 0;
}

function rec(v: unknown): Rec {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? v as Rec : {};
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function since(ts: unknown, now: Date): string {
  const t = typeof ts === "string" && ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t) || t <= -62135596800000) return "<unknown>";
  return humanDuration(now.getTime() - t);
}

// kubectl events' getInterval.
function interval(e: KubeObject, now: Date): string {
  let first = since(e.eventTime, now);
  if (!str(e.eventTime)) first = since(e.firstTimestamp, now);
  const series = e.series === undefined || e.series === null ? undefined : rec(e.series);
  const count = typeof e.count === "number" ? e.count : 0;
  if (series) {
    return `${since(series.lastObservedTime, now)} (x${Number(series.count ?? 0)} over ${first})`;
  }
  if (count > 1) return `${since(e.lastTimestamp, now)} (x${count} over ${first})`;
  return first;
}

function row(e: KubeObject, allNamespaces: boolean, now: Date): string {
  const io = rec(e.involvedObject);
  const cells = [
    interval(e, now),
    escapeTerminal(str(e.type)),
    escapeTerminal(str(e.reason)),
    `${escapeTerminal(str(io.kind))}/${escapeTerminal(str(io.name))}`,
    escapeTerminal(str(e.message).trim()),
  ];
  if (allNamespaces) cells.unshift(e.metadata.namespace ?? "");
  return cells.join("\t") + "\n";
}

function eventTime(e: KubeObject): number {
  const series = e.series === undefined || e.series === null ? undefined : rec(e.series);
  const pick = series
    ? series.lastObservedTime
    : str(e.lastTimestamp)
    ? e.lastTimestamp
    : e.eventTime;
  const t = typeof pick === "string" && pick ? Date.parse(pick) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}
