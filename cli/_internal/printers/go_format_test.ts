// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { goQuote } from "./go_format.ts";

Deno.test("goQuote() escapes runes beyond ASCII as Go's strconv.Quote does", async (t) => {
  // As strconv.Quote: printable runes (unicode.IsPrint: letters, marks, numbers, punctuation,
  // symbols and the ASCII space) as they are, others escaped.
  const cases: [string, string, string][] = [
    ["printable letters", "héllo wörld", '"héllo wörld"'],
    ["a symbol beyond the BMP", "\u{1F600}", '"\u{1F600}"'],
    ["a format character", "a\u200bb", '"a\\u200bb"'],
    ["a space that is not ASCII's", "a\u00a0b", '"a\\u00a0b"'],
    ["a format character beyond the BMP", "\u{E0001}", '"\\U000e0001"'],
    ["ASCII controls", "\x07\t\x7f", '"\\a\\t\\x7f"'],
  ];
  for (const [name, s, want] of cases) await t.step(name, () => assertEquals(goQuote(s), want));
});
