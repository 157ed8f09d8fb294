// Copyright 2026 the k1s authors. Apache-2.0 license.
// A read-only reader of SQLite database files (https://www.sqlite.org/fileformat2.html),
// limited to what k1s snapshots use: rowid tables, indexes on a leading TEXT column, UTF-8.
//
// Why not sql.js for reads: sql.js can only open a database by copying the whole file into its
// in-memory file system, and loading it costs 20-40 ms before the first query. A cold `k1s get`
// needs a handful of pages; this reader reads just those, on demand, through a page cache.
// sql.js still writes every snapshot, so the files stay ordinary SQLite databases.
import { StorageError } from "../../core/storage/storage_error.ts";
import { preadSync } from "./_files.ts";

const decoder = new TextDecoder();
const MAX_DEPTH = 40;

/** Where a column's value sits in a record payload. */
export interface Column {
  /** SQLite serial type. */
  type: number;
  /** Offset of the value in the payload. */
  offset: number;
  /** Length of the value in bytes. */
  length: number;
}

const FIXED_LENGTHS = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0];

function serialLength(t: number): number {
  if (t >= 12) return (t - (t & 1 ? 13 : 12)) >> 1;
  return FIXED_LENGTHS[t];
}

/** Pages a scan reads at once (see `SqliteReader.#scanPage`). */
const READ_AHEAD = 32;

/** Byte-wise comparison of `a` with `b[start, start + len)` (SQLite's BINARY collation on UTF-8). */
function compareBytes(a: Uint8Array, b: Uint8Array, start: number, len: number): number {
  const n = Math.min(a.length, len);
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[start + i];
    if (d !== 0) return d;
  }
  return a.length - len;
}

/** A SQLite database file opened for reading. */
export class SqliteReader {
  /** Page size in bytes. */
  readonly pageSize: number;
  /** Number of pages. */
  readonly pageCount: number;
  /** Pages on the free list (space a VACUUM would return). */
  readonly freePages: number;
  readonly #usable: number;
  readonly #file: Deno.FsFile;
  readonly #path: string;
  readonly #cache = new Map<number, Uint8Array>();
  readonly #maxCached: number;
  #at = 0;
  /**
   * The table leaf page found last and its rowid range: scans in rowid order stay on it.
   * `gen` is the scan window it was read into (see {@linkcode SqliteReader.#scanPage}), or -1
   * when it is a cached page.
   */
  #leaf: {
    root: number;
    page: number;
    bytes: Uint8Array;
    first: number;
    last: number;
    gen: number;
  } = { root: 0, page: 0, bytes: new Uint8Array(0), first: 1, last: 0, gen: -1 };
  /** Pages read by a scan: a window reused for the next pages instead of cached. */
  #window: Uint8Array | undefined;
  #windowFirst = 0;
  #windowCount = 0;
  #windowGen = 0;
  /** The window of the page `#scanPage` returned last, or -1 for a cached page. */
  #scanGen = -1;

  /**
   * Opens the database in `file` (whose size is `fileSize`), checking its header.
   *
   * @param file An open handle; the reader keeps it and never writes it.
   * @param path The file's path, for error messages.
   * @param fileSize The file's size in bytes.
   * @param maxCachedPages How many pages to keep in memory.
   */
  constructor(file: Deno.FsFile, path: string, fileSize: number, maxCachedPages = 2048) {
    this.#file = file;
    this.#path = path;
    this.#maxCached = Math.max(16, maxCachedPages);
    const h = new Uint8Array(100);
    const n = fileSize >= 100 ? preadSync(file, h, 0) : 0;
    const magic = "SQLite format 3\0";
    let isSqlite = n === 100;
    for (let i = 0; isSqlite && i < 16; i++) isSqlite = h[i] === magic.charCodeAt(i);
    if (!isSqlite) {
      throw this.#error(
        "the file is not a k1s store (not an SQLite database)",
        "move it aside or choose another store path",
      );
    }
    const v = new DataView(h.buffer);
    const ps = v.getUint16(16);
    this.pageSize = ps === 1 ? 65536 : ps;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) {
      throw this.#error(`the SQLite header has a bad page size (${ps})`, "restore a backup");
    }
    if (h[18] === 2 || h[19] === 2) {
      throw this.#error(
        "the database is in SQLite WAL mode, which k1s does not read",
        `convert it with: sqlite3 "${path}" "PRAGMA journal_mode=DELETE"`,
      );
    }
    if (h[19] > 2) {
      throw this.#error("the database needs a newer SQLite to read", "restore a backup");
    }
    if (v.getUint32(56) !== 1 && v.getUint32(56) !== 0) {
      throw this.#error("the database text encoding is not UTF-8", "choose another store path");
    }
    this.#usable = this.pageSize - h[20];
    const inHeader = v.getUint32(28);
    const valid = inHeader > 0 && v.getUint32(24) === v.getUint32(92);
    this.pageCount = valid ? inHeader : Math.floor(fileSize / this.pageSize);
    this.freePages = v.getUint32(36);
    if (this.pageCount * this.pageSize > fileSize) {
      throw this.#error(
        `the file is truncated (${fileSize} bytes, the header says ${
          this.pageCount * this.pageSize
        })`,
        "restore a backup",
      );
    }
  }

  #error(why: string, fix: string): StorageError {
    return new StorageError("Corrupt", {
      message: `Cannot open store "${this.#path}": ${why}; ${fix}`,
    });
  }

  #damaged(page: number, why: string): StorageError {
    return this.#error(`the snapshot is damaged (page ${page}: ${why})`, "restore a backup");
  }

  /** The bytes of page `n` (1-based). */
  page(n: number): Uint8Array {
    const hit = this.#cache.get(n);
    if (hit) return hit;
    if (!(n >= 1 && n <= this.pageCount)) throw this.#damaged(n, "page number out of range");
    const buf = new Uint8Array(this.pageSize);
    if (preadSync(this.#file, buf, (n - 1) * this.pageSize) !== this.pageSize) {
      throw this.#damaged(n, "short read");
    }
    if (this.#cache.size >= this.#maxCached) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
    this.#cache.set(n, buf);
    return buf;
  }

  /**
   * Page `n` for use before the next call (`#scanGen` tells which window it is in, or -1 when
   * it is a cached page): a cached page, or during a scan (the page after
   * the last one read) a page of a window of the next pages, read at once into a buffer that
   * the window after it reuses. So listing a whole store reads it in large pieces without
   * keeping, or allocating memory for, a copy of every page.
   */
  #scanPage(n: number): Uint8Array {
    const hit = this.#cache.get(n);
    this.#scanGen = -1;
    if (hit) return hit;
    const size = this.pageSize;
    const end = this.#windowFirst + this.#windowCount;
    if (n >= this.#windowFirst && n < end) {
      const i = n - this.#windowFirst;
      this.#scanGen = this.#windowGen;
      return this.#window!.subarray(i * size, (i + 1) * size);
    }
    if (!(n >= 1 && n <= this.pageCount)) throw this.#damaged(n, "page number out of range");
    // Not after a page just read: a lookup, not a scan. Such pages are cached.
    if (n !== end && !this.#cache.has(n - 1)) return this.page(n);
    // The file never changes while it is open (a snapshot is replaced only by rename), and
    // sql.js lays tables out in order: read the next pages with this one.
    const w = this.#window ??= new Uint8Array(READ_AHEAD * size);
    const count = Math.min(READ_AHEAD, this.pageCount - n + 1);
    const got = Math.floor(
      preadSync(this.#file, w.subarray(0, count * size), (n - 1) * size) / size,
    );
    if (got < 1) throw this.#damaged(n, "short read");
    this.#windowFirst = n;
    this.#windowCount = got;
    this.#scanGen = ++this.#windowGen;
    return w.subarray(0, size);
  }

  #varint(p: Uint8Array, at: number): number {
    let v = 0;
    for (let i = 0; i < 8; i++) {
      const b = p[at + i];
      v = v * 128 + (b & 0x7f);
      if (b < 0x80) {
        this.#at = at + i + 1;
        return v;
      }
    }
    this.#at = at + 9;
    return v * 256 + p[at + 8];
  }

  #u16(p: Uint8Array, at: number): number {
    return (p[at] << 8) | p[at + 1];
  }

  #u32(p: Uint8Array, at: number): number {
    return ((p[at] << 24) >>> 0) + ((p[at + 1] << 16) | (p[at + 2] << 8) | p[at + 3]);
  }

  /** The page header: type, cell count, where the cell pointers start, right-most child. */
  #header(n: number, p: Uint8Array): { type: number; cells: number; ptrs: number; right: number } {
    const h = n === 1 ? 100 : 0;
    const type = p[h];
    if (type !== 2 && type !== 5 && type !== 10 && type !== 13) {
      throw this.#damaged(n, `unknown b-tree page type ${type}`);
    }
    const leaf = type >= 10;
    return {
      type,
      cells: this.#u16(p, h + 3),
      ptrs: h + (leaf ? 8 : 12),
      right: leaf ? 0 : this.#u32(p, h + 8),
    };
  }

  #cell(n: number, p: Uint8Array, ptrs: number, i: number): number {
    const off = this.#u16(p, ptrs + 2 * i);
    if (off < ptrs || off >= this.pageSize) throw this.#damaged(n, "cell offset out of range");
    return off;
  }

  /** How many bytes of a payload of `total` bytes are on its own page (SQLite's rule). */
  #localSize(total: number, index: boolean): number {
    const u = this.#usable;
    const maxLocal = index ? Math.floor((u - 12) * 64 / 255) - 23 : u - 35;
    if (total <= maxLocal) return total;
    const minLocal = Math.floor((u - 12) * 32 / 255) - 23;
    const local = minLocal + (total - minLocal) % (u - 4);
    return local > maxLocal ? minLocal : local;
  }

  /** Reads a payload of `total` bytes starting at `at` in page `p`, following overflow pages. */
  #payload(p: Uint8Array, at: number, total: number, index: boolean): Uint8Array {
    const local = this.#localSize(total, index);
    if (local === total) return p.subarray(at, at + total);
    const u = this.#usable;
    const out = new Uint8Array(total);
    out.set(p.subarray(at, at + local));
    let next = this.#u32(p, at + local);
    let done = local;
    // sql.js writes an overflow chain on consecutive pages: read the rest of it in one piece and
    // follow the links from there. After a link elsewhere, or after a piece followed to its
    // end, read twice what the last piece gave: a chain through freed pages (a group rewritten
    // by later snapshots: runs of two to four pages) costs about three times its own pages,
    // read into the first piece's buffer. (Reading the whole rest again after each piece
    // followed to its end read a fragmented 200 KB summary list ten times over: 6 ms.)
    // Overflow pages are not cached: a record is decoded at once, and a large one would push
    // the tree out of the cache.
    const size = this.pageSize;
    let run: Uint8Array | undefined;
    let most = Infinity;
    while (done < total) {
      const count = Math.min(
        Math.ceil((total - done) / (u - 4)),
        most,
        this.pageCount - next + 1,
      );
      if (!(next >= 1 && count >= 1)) throw this.#damaged(next, "page number out of range");
      run = run && run.length >= count * size
        ? run.subarray(0, count * size)
        : new Uint8Array(count * size);
      if (preadSync(this.#file, run, (next - 1) * size) !== run.length) {
        throw this.#damaged(next, "short read");
      }
      let used = 0;
      let jumped = false;
      while (used < count && done < total && !jumped) {
        const op = run.subarray(used * size, (used + 1) * size);
        const take = Math.min(u - 4, total - done);
        out.set(op.subarray(4, 4 + take), done);
        done += take;
        used++;
        const link = this.#u32(op, 0);
        jumped = link !== next + 1;
        next = link;
      }
      most = 2 * used;
    }
    return out;
  }

  /**
   * The payload of the table row with this rowid, or undefined. With `scan`, the payload may
   * be a view of a buffer that the next `scan` lookup reuses: use it before then.
   */
  tableGet(root: number, rowid: number, scan = false): Uint8Array | undefined {
    const leaf = this.#leaf;
    if (
      leaf.root === root && rowid >= leaf.first && rowid <= leaf.last &&
      (leaf.gen < 0 || (scan && leaf.gen === this.#windowGen))
    ) {
      return this.#leafGet(leaf.page, leaf.bytes, rowid);
    }
    let n = root;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      let p: Uint8Array;
      let gen = -1;
      if (scan && depth > 0) {
        p = this.#scanPage(n);
        gen = this.#scanGen;
      } else {
        p = this.page(n);
      }
      const h = this.#header(n, p);
      if (h.type === 13) {
        if (h.cells > 0) {
          // Remember the leaf's rowid range: the next lookups of a scan are likely on it.
          const first = this.#rowid(n, p, h.ptrs, 0);
          const last = this.#rowid(n, p, h.ptrs, h.cells - 1);
          this.#leaf = { root, page: n, bytes: p, first, last, gen };
        }
        return this.#leafGet(n, p, rowid);
      }
      if (h.type !== 5) throw this.#damaged(n, "index page in a table b-tree");
      // First cell whose key is >= rowid; its left child holds the row.
      let lo = 0;
      let hi = h.cells;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const off = this.#cell(n, p, h.ptrs, mid);
        if (this.#varint(p, off + 4) < rowid) lo = mid + 1;
        else hi = mid;
      }
      n = lo === h.cells ? h.right : this.#u32(p, this.#cell(n, p, h.ptrs, lo));
    }
    throw this.#damaged(n, "b-tree too deep");
  }

  /** The rowid of cell `i` of a table leaf page. */
  #rowid(n: number, p: Uint8Array, ptrs: number, i: number): number {
    this.#varint(p, this.#cell(n, p, ptrs, i));
    return this.#varint(p, this.#at);
  }

  /** The row `rowid` on table leaf page `n`. */
  #leafGet(n: number, p: Uint8Array, rowid: number): Uint8Array | undefined {
    const ptrs = n === 1 ? 108 : 8;
    let lo = 0;
    let hi = this.#u16(p, ptrs - 5) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const off = this.#cell(n, p, ptrs, mid);
      const size = this.#varint(p, off);
      const id = this.#varint(p, this.#at);
      if (id === rowid) return this.#payload(p, this.#at, size, false);
      if (id < rowid) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Rows of a table with rowid >= `from`, in rowid order. */
  *tableScan(root: number, from = 0, depth = 0): Generator<[rowid: number, payload: Uint8Array]> {
    if (depth > MAX_DEPTH) throw this.#damaged(root, "b-tree too deep");
    const p = this.page(root);
    const h = this.#header(root, p);
    if (h.type === 13) {
      for (let i = 0; i < h.cells; i++) {
        const off = this.#cell(root, p, h.ptrs, i);
        const size = this.#varint(p, off);
        const id = this.#varint(p, this.#at);
        if (id >= from) yield [id, this.#payload(p, this.#at, size, false)];
      }
      return;
    }
    if (h.type !== 5) throw this.#damaged(root, "index page in a table b-tree");
    let i = 0;
    while (i < h.cells && this.#varint(p, this.#cell(root, p, h.ptrs, i) + 4) < from) i++;
    for (let first = true; i <= h.cells; i++, first = false) {
      const child = i === h.cells ? h.right : this.#u32(p, this.#cell(root, p, h.ptrs, i));
      yield* this.tableScan(child, first ? from : 0, depth + 1);
    }
  }

  /** Compares `key` with the first column (TEXT) of an index record. */
  #compareIndexKey(n: number, key: Uint8Array, payload: Uint8Array): number {
    const hdrSize = this.#varint(payload, 0);
    const type = this.#varint(payload, this.#at);
    if (type < 13 || (type & 1) === 0) throw this.#damaged(n, "index key is not text");
    return compareBytes(key, payload, hdrSize, (type - 13) >> 1);
  }

  #indexCell(n: number, p: Uint8Array, ptrs: number, i: number, leaf: boolean): Uint8Array {
    const off = this.#cell(n, p, ptrs, i);
    const size = this.#varint(p, leaf ? off : off + 4);
    return this.#payload(p, this.#at, size, true);
  }

  // An index record's bytes on its own page when they hold the whole first column, else the
  // whole record: enough to compare keys without reading a large record's overflow pages.
  #indexCellKey(n: number, p: Uint8Array, ptrs: number, i: number, leaf: boolean): Uint8Array {
    const off = this.#cell(n, p, ptrs, i);
    const size = this.#varint(p, leaf ? off : off + 4);
    const at = this.#at;
    const local = this.#localSize(size, true);
    const head = p.subarray(at, at + local);
    if (local === size) return head;
    const hdrSize = this.#varint(head, 0);
    const type = this.#varint(head, this.#at);
    const keyEnd = hdrSize + (type >= 13 ? (type - 13) >> 1 : 0);
    return keyEnd <= local ? head : this.#payload(p, at, size, true);
  }

  /** The index record whose first column equals `key`, or undefined (unique indexes). */
  indexGet(root: number, key: Uint8Array): Uint8Array | undefined {
    let n = root;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const p = this.page(n);
      const h = this.#header(n, p);
      if (h.type !== 10 && h.type !== 2) throw this.#damaged(n, "table page in an index b-tree");
      const leaf = h.type === 10;
      let lo = 0;
      let hi = h.cells;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = this.#compareIndexKey(n, key, this.#indexCellKey(n, p, h.ptrs, mid, leaf));
        if (c === 0) return this.#indexCell(n, p, h.ptrs, mid, leaf);
        if (c > 0) lo = mid + 1;
        else hi = mid;
      }
      if (leaf) return undefined;
      n = lo === h.cells ? h.right : this.#u32(p, this.#cell(n, p, h.ptrs, lo));
    }
    throw this.#damaged(n, "b-tree too deep");
  }

  /**
   * Index records whose first column is >= `start`, in index order. They are views of pages
   * from {@linkcode SqliteReader.page}, whose buffers are never reused (unlike a table scan's
   * window), so a caller may keep one past the next: the snapshot's key lists do.
   */
  *indexScan(root: number, start?: Uint8Array, depth = 0): Generator<Uint8Array> {
    if (depth > MAX_DEPTH) throw this.#damaged(root, "b-tree too deep");
    const p = this.page(root);
    const h = this.#header(root, p);
    if (h.type !== 10 && h.type !== 2) throw this.#damaged(root, "table page in an index b-tree");
    const leaf = h.type === 10;
    let lo = 0;
    if (start) {
      let hi = h.cells;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = this.#compareIndexKey(root, start, this.#indexCell(root, p, h.ptrs, mid, leaf));
        if (c > 0) lo = mid + 1;
        else hi = mid;
      }
    }
    for (let i = lo; i <= h.cells; i++) {
      if (!leaf) {
        const child = i === h.cells ? h.right : this.#u32(p, this.#cell(root, p, h.ptrs, i));
        yield* this.indexScan(child, i === lo ? start : undefined, depth + 1);
      }
      if (i < h.cells) yield this.#indexCell(root, p, h.ptrs, i, leaf);
    }
  }

  /**
   * For a record that starts with a TEXT and an INTEGER column (an index entry): where the
   * text's bytes are and the integer. Avoids allocating per entry on long scans.
   */
  keyInt(payload: Uint8Array): { start: number; length: number; int: number } {
    const out = this.#keyInt;
    const hdrSize = this.#varint(payload, 0);
    const t0 = this.#varint(payload, this.#at);
    const t1 = this.#varint(payload, this.#at);
    if (t0 < 13 || (t0 & 1) === 0) throw this.#damaged(0, "index key is not text");
    out.start = hdrSize;
    out.length = (t0 - 13) >> 1;
    this.#col.type = t1;
    this.#col.offset = hdrSize + out.length;
    this.#col.length = serialLength(t1);
    out.int = columnNumber(payload, this.#col) ?? 0;
    return out;
  }

  readonly #keyInt = { start: 0, length: 0, int: 0 };
  readonly #col: Column = { type: 0, offset: 0, length: 0 };

  /**
   * Where column `index` of a record payload sits, or undefined when the record has fewer
   * columns. The result is reused by the next call.
   */
  column(payload: Uint8Array, index: number): Column | undefined {
    const hdrSize = this.#varint(payload, 0);
    let at = this.#at;
    let offset = hdrSize;
    for (let i = 0; at < hdrSize; i++) {
      const type = this.#varint(payload, at);
      at = this.#at;
      const length = serialLength(type);
      if (i === index) {
        if (offset + length > payload.length) {
          throw this.#damaged(0, "record longer than its payload");
        }
        const c = this.#col;
        c.type = type;
        c.offset = offset;
        c.length = length;
        return c;
      }
      offset += length;
    }
    return undefined;
  }

  /** Where each column of a record payload sits. */
  columns(payload: Uint8Array): Column[] {
    const hdrSize = this.#varint(payload, 0);
    let at = this.#at;
    let offset = hdrSize;
    const cols: Column[] = [];
    while (at < hdrSize) {
      const type = this.#varint(payload, at);
      at = this.#at;
      const length = serialLength(type);
      cols.push({ type, offset, length });
      offset += length;
    }
    if (offset > payload.length) throw this.#damaged(0, "record longer than its payload");
    return cols;
  }

  /** Releases the file. */
  close(): void {
    this.#cache.clear();
    try {
      this.#file.close();
    } catch {
      // Already closed.
    }
  }
}

/** A column's value as a number (integers and floats), or undefined for NULL. */
export function columnNumber(payload: Uint8Array, c: Column): number | undefined {
  const p = payload;
  const o = c.offset;
  switch (c.type) {
    case 0:
      return undefined;
    case 8:
      return 0;
    case 9:
      return 1;
    case 1:
      return (p[o] << 24) >> 24;
    case 2:
      return (p[o] << 24 | p[o + 1] << 16) >> 16;
    case 3:
      return (p[o] << 24 | p[o + 1] << 16 | p[o + 2] << 8) >> 8;
    case 4:
      return p[o] << 24 | p[o + 1] << 16 | p[o + 2] << 8 | p[o + 3];
    case 5:
      return ((p[o] << 24) >> 24) * 2 ** 40 + p[o + 1] * 2 ** 32 +
        ((p[o + 2] << 24 | p[o + 3] << 16 | p[o + 4] << 8 | p[o + 5]) >>> 0);
    case 6:
      return (p[o] << 24 | p[o + 1] << 16 | p[o + 2] << 8 | p[o + 3]) * 2 ** 32 +
        ((p[o + 4] << 24 | p[o + 5] << 16 | p[o + 6] << 8 | p[o + 7]) >>> 0);
    case 7:
      return new DataView(p.buffer, p.byteOffset + o, 8).getFloat64(0);
    default:
      return undefined;
  }
}

/** A TEXT or BLOB column's bytes (a view into the payload), or undefined for NULL. */
export function columnBytes(payload: Uint8Array, c: Column | undefined): Uint8Array | undefined {
  if (!c || c.type < 12) return undefined;
  return payload.subarray(c.offset, c.offset + c.length);
}

/** A TEXT column as a string, or undefined for NULL. */
export function columnText(payload: Uint8Array, c: Column | undefined): string | undefined {
  const b = columnBytes(payload, c);
  return b === undefined ? undefined : decoder.decode(b);
}
