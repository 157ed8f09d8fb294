// Copyright 2026 the k1s authors. Apache-2.0 license.
// When a write folds the journal into a new snapshot. Every cold process reads and checks the
// whole journal, so its size is a cost paid by each command; a compaction (loading sql.js,
// rewriting the snapshot) is a cost paid once per threshold's worth of writes. With a journal
// read costing `a` per byte, a compaction `C`, and `w` bytes per write, the cost per command is
// about a·T/2 per read plus C·w/T per write, smallest at T = √(2·C·w/a · writes/reads): a
// threshold that grows with the square root of the compaction's cost, and so of the snapshot.
// Measured on the 2-core VM of the start-up benchmark (a ≈ 50 µs per KiB in a cold
// `k1s get`, C ≈ 300 ms for a 1,000-object, 1.9 MB snapshot in a CLI write, w ≈ 1.1 KiB):
// T ≈ 115 KiB with as many reads as writes, 81 KiB with twice as many reads; √(4 KiB ×
// 1.9 MB) is 88 KiB.

/** The default of `SqliteStorageOptions.compactMinBytes`. */
export const DEFAULT_COMPACT_MIN_BYTES = 64 * 1024;
/** The default of `SqliteStorageOptions.compactScaleBytes`. */
export const DEFAULT_COMPACT_SCALE_BYTES = 4 * 1024;

/** The two sizes a compaction threshold is computed from. */
export interface CompactionTuning {
  /** The smallest journal that is folded. */
  minBytes: number;
  /** The threshold is at least the geometric mean of this and the snapshot's size. */
  scaleBytes: number;
}

/** The tuning of a store opened without `compactMinBytes` and `compactScaleBytes`. */
export const DEFAULT_COMPACTION: CompactionTuning = {
  minBytes: DEFAULT_COMPACT_MIN_BYTES,
  scaleBytes: DEFAULT_COMPACT_SCALE_BYTES,
};

/**
 * The journal size, in bytes, at which a write folds the journal into a new snapshot: the
 * larger of `minBytes` and √(`scaleBytes` × `snapshotBytes`).
 *
 * @param snapshotBytes The size of the current snapshot file.
 * @param tuning The store's `compactMinBytes` and `compactScaleBytes`.
 * @returns The threshold in bytes.
 */
export function compactionThreshold(snapshotBytes: number, tuning: CompactionTuning): number {
  return Math.max(tuning.minBytes, Math.sqrt(tuning.scaleBytes * snapshotBytes));
}
