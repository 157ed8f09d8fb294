// Copyright 2026 the k1s authors. Apache-2.0 license.
// CRC-32 (IEEE 802.3, the zlib/PNG polynomial), slice-by-8: the journal checks every record on
// open, so the table-per-byte variant (about 3x slower here) would show in cold-open time.

let table: Uint32Array | undefined;
let wide = false;

// The byte table is cheap to build; the other seven only pay off on long inputs, and a cold
// process that checks a journal header alone should not build them.
function byteTable(): Uint32Array {
  const t = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

function widenTable(t: Uint32Array): void {
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  wide = true;
}

/**
 * The CRC-32 of `bytes[start, end)`, continuing from `crc` (0 to start).
 *
 * @param bytes The data.
 * @param start First byte.
 * @param end One past the last byte.
 * @param crc A previous result, to checksum data in pieces.
 * @returns The checksum, an unsigned 32-bit integer.
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  const t = table ??= byteTable();
  let c = ~crc;
  let i = start;
  if (end - start >= 4096 && !wide) widenTable(t);
  for (const last = wide ? end - 8 : -1; i <= last; i += 8) {
    const a = (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24) ^ c;
    c = t[1792 + (a & 0xff)] ^ t[1536 + ((a >>> 8) & 0xff)] ^ t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^ t[768 + bytes[i + 4]] ^ t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^ t[bytes[i + 7]];
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
