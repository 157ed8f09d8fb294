// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { computeTables, crc32, tables } from "./_crc32.ts";

// The bitwise definition, to check the table-per-byte and the slice-by-8 loops against.
function reference(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

Deno.test("crc32() is the IEEE CRC-32 at every length, whole or in pieces", async (t) => {
  await t.step("check value", () => {
    assertEquals(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
    assertEquals(crc32(new Uint8Array(0)), 0);
  });
  // Inputs slice by 8 and end with the byte loop.
  for (const n of [1, 7, 8, 9, 4095, 4096, 4097, 65_537, 300_000]) {
    await t.step(`${n} bytes`, () => {
      const data = new Uint8Array(n);
      for (let i = 0; i < n; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
      const want = reference(data);
      assertEquals(crc32(data), want);
      // A range of a larger buffer, and the same data in two pieces.
      const padded = new Uint8Array(n + 10);
      padded.set(data, 7);
      assertEquals(crc32(padded, 7, 7 + n), want);
      const cut = Math.floor(n / 3);
      assertEquals(crc32(data, cut, n, crc32(data, 0, cut)), want);
    });
  }
});

Deno.test("crc32()'s embedded tables are the computed ones", () => {
  assertEquals(tables(), computeTables());
});
