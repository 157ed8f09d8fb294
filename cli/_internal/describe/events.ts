// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The `Events:` section of describe output (kubectl's `DescribeEvents`).
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import { ageSince } from "../printers/human_duration.ts";
import type { PrefixWriter } from "./prefix_writer.ts";
import { goSortBy } from "../printers/_go_sort.ts";

function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? v as Record<string, unknown>
    : {};
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function time(v: unknown): number {
  const t = typeof v === "string" && v ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/**
 * Writes the events of an object: `Events:  <none>`, or a table of Type, Reason, Age, From and
 * Message sorted by last timestamp, with `(xN over M)` for repeated events.
 *
 * @param events The events involving the object.
 * @param w The writer.
 * @param now The clock for ages.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tabbedString } from "./prefix_writer.ts";
 * import { describeEvents } from "./events.ts";
 * const ev = {
 *   apiVersion: "v1", kind: "Event", metadata: { name: "e" }, type: "Normal", reason: "Synced",
 *   message: "configmap synced", source: { component: "k1s-controller" },
 *   firstTimestamp: "2026-11-26T07:00:00Z", lastTimestamp: "2026-11-26T09:50:00Z", count: 3,
 * };
 * const text = tabbedString((w) => describeEvents([ev], w, new Date("2026-11-26T10:00:00Z")));
 * assertEquals(
 *   text,
 *   "Events:\n  Type    Reason  Age               From            Message\n" +
 *     "  ----    ------  ----              ----            -------\n" +
 *     "  Normal  Synced  10m (x3 over 3h)  k1s-controller  configmap synced\n",
 * );
 * ```
 */
export function describeEvents(events: readonly KubeObject[], w: PrefixWriter, now: Date): void {
  if (events.length === 0) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  // kubectl's sort.Sort(SortableEvents): not stable, so events of the same second come out
  // in Go's order.
  const sorted = goSortBy(events, (a, b) => time(a.lastTimestamp) < time(b.lastTimestamp));
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const eventTime = str(e.eventTime);
    const first = eventTime ? ageSince(eventTime, now) : ageSince(str(e.firstTimestamp), now);
    const series = rec(e.series);
    const count = typeof e.count === "number" ? e.count : 0;
    let interval = first;
    if (e.series) {
      interval = `${ageSince(str(series.lastObservedTime), now)} (x${
        series.count ?? 0
      } over ${first})`;
    } else if (count > 1) {
      interval = `${ageSince(str(e.lastTimestamp), now)} (x${count} over ${first})`;
    }
    const source = str(rec(e.source).component) || str(e.reportingComponent);
    w.write(
      1,
      `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`,
    );
  }
}
