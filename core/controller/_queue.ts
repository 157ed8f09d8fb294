// Copyright 2026 the k1s authors. Apache-2.0 license.
// A work queue in the manner of client-go's rate-limiting delaying queue: a key queued twice
// runs once; failures back off exponentially per key (5 ms doubling to 1000 s, as
// controller-runtime's default rate limiter); delayed keys keep their earliest due time.
import type { Request } from "./types.ts";

/** One unit of work: the queue key and the request it stands for. */
export interface WorkItem {
  /** Deduplication key; also what is persisted as a due item. */
  key: string;
  /** The request handed to the reconciler. */
  request: Request;
}

/** A delayed item. */
export interface Waiting {
  item: WorkItem;
  due: number;
  /** Whether this process scheduled it (as opposed to loading it from the store untouched). */
  touched: boolean;
}

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1_000_000;

/** The backoff before retry number `failures` (0-based). */
export function backoffDelay(failures: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(failures, 40));
}

/** The queue of one controller. */
export class WorkQueue {
  readonly ready: Map<string, WorkItem> = new Map();
  readonly waiting: Map<string, Waiting> = new Map();
  readonly failures: Map<string, number> = new Map();

  /** Queues an item to run now. */
  add(item: WorkItem): void {
    if (!this.ready.has(item.key)) this.ready.set(item.key, item);
  }

  /** Queues an item to run at `due` (epoch ms); an earlier due time already set wins. */
  addAt(item: WorkItem, due: number, touched = true): void {
    const w = this.waiting.get(item.key);
    if (w && w.due <= due) {
      w.touched ||= touched;
      return;
    }
    this.waiting.set(item.key, { item, due, touched });
  }

  /** Queues an item after its backoff; returns the due time. */
  addRateLimited(item: WorkItem, now: number): number {
    const n = this.failures.get(item.key) ?? 0;
    this.failures.set(item.key, n + 1);
    const due = now + backoffDelay(n);
    this.addAt(item, due);
    return due;
  }

  /** Forgets the failures of a key (after a successful reconcile). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Moves the items due at `now` to the ready set; returns their original due times. */
  promote(now: number): Map<string, Waiting> {
    const promoted = new Map<string, Waiting>();
    for (const [k, w] of this.waiting) {
      if (w.due <= now) {
        this.waiting.delete(k);
        promoted.set(k, w);
        this.add(w.item);
      }
    }
    return promoted;
  }

  /** The earliest due time of the waiting items. */
  nextDue(): number | undefined {
    let min: number | undefined;
    for (const w of this.waiting.values()) if (min === undefined || w.due < min) min = w.due;
    return min;
  }

  /** Takes every ready item. */
  take(): WorkItem[] {
    const items = [...this.ready.values()];
    this.ready.clear();
    return items;
  }

  /** Whether no item is ready. */
  get quiet(): boolean {
    return this.ready.size === 0;
  }
}
