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
    const slash = forArg.indexOf("/");
    if (slash <= 0 || slash === forArg.length - 1) {
      throw new CliError("--for must be in resource/name form");
    }
    let kind: string;
    try {
      const [t] = await resolveResource(rt, forArg.slice(0, slash));
      if (!t) {
        throw new CliError(`the server doesn't have a resource type "${forArg.slice(0, slash)}"`);
      }
      kind = t.kind;
    } catch (e) {
      // kubectl prints the mapper's error without the `error: ` prefix here.
      throw { render: () => `${(e as Error).message}\n`, exitCode: 1 };
    }
    selectors.push(`involvedObject.kind=${kind}`, `involvedObject.name=${forArg.slice(slash + 1)}`);
  }
  const namespace = ctx.allNamespaces ? "" : ctx.namespace;
  const typeMeta = { apiVersion: "v1", kind: "Event" };
  const wanted = (e: KubeObject) =>
    types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type ?? "").toLowerCase());
  const revision = String(await rt.storage.revision());
  // --chunk-size is accepted for kubectl's sake; the events are sorted and printed as a whole,
  // so reading them in one request gives the same output (as `get` does without the flag).
  const list = await rt.client.list(typeMeta, {
    namespace,
    ...(selectors.length ? { fieldSelector: selectors.join(",") } : {}),
  });
  const items = list.items.filter(wanted).sort((a, b) => eventTime(a) - eventTime(b));

  const now = () => ctx.now();
  const w = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
  if (format && render) {
    if (format.type === "name" || format.type === "jsonpath" || !ctx.bool("watch")) {
      const listObj = {
        apiVersion: "v1",
        items: items.map((i) => ({ ...i, apiVersion: "v1", kind: "Event" })),
        kind: "EventList",
        metadata: { resourceVersion: list.metadata?.resourceVersion ?? "" },
      };
      ctx.stdout.write(
        format.type === "name"
          ? render(format, listObj.items)
          : render(format, [listObj as unknown as KubeObject], {
            single: true,
            showManagedFields: ctx.bool("show-managed-fields"),
          }),
      );
    }
  } else if (items.length === 0) {
    ctx.stderr.write(
      ctx.allNamespaces ? "No events found.\n" : `No events found in ${ctx.namespace} namespace.\n`,
    );
  } else {
    if (!ctx.bool("no-headers")) {
      w.write(
        `${ctx.allNamespaces ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`,
      );
    }
    for (const e of items) w.write(row(e, ctx.allNamespaces, now()));
    ctx.stdout.write(w.flush());
  }
  if (!ctx.bool("watch")) return 0;

  const stream = rt.client.watch(typeMeta, {
    ...(namespace ? { namespace } : {}),
    ...(selectors.length ? { fieldSelector: selectors.join(",") } : {}),
    resourceVersion: revision,
  });
  const stop = () => stream.stop();
  ctx.signal.addEventListener("abort", stop);
  try {
    if (ctx.signal.aborted) return 0;
    for await (const ev of stream) {
      if (ev.type === "ERROR") throw new CliError(ev.object.message ?? "watch failed");
      if (ev.type === "DELETED" || !wanted(ev.object)) continue;
      if (format && render) {
        ctx.stdout.write(
          render(format, [{ ...ev.object, apiVersion: "v1", kind: "Event" }], {
            single: true,
            showManagedFields: ctx.bool("show-managed-fields"),
          }),
        );
      } else {
        w.write(row(ev.object, ctx.allNamespaces, now()));
        ctx.stdout.write(w.flush());
      }
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
