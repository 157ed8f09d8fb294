// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * A port of `github.com/mitchellh/go-wordwrap`'s `WrapString`, which kubectl's explain uses.
 *
 * @module
 */

const NBSP = "\u00a0";

/**
 * Wraps text at spaces so lines are at most `limit` characters; longer words stay whole and
 * existing line breaks are kept.
 *
 * @param s The text.
 * @param limit The most characters per line.
 * @returns The wrapped text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { wrapString } from "./word_wrap.ts";
 * assertEquals(wrapString("aaa bbb ccc", 7), "aaa bbb\nccc");
 * ```
 */
export function wrapString(s: string, limit: number): string {
  let buf = "";
  let current = 0;
  let word = "";
  let wordLen = 0;
  let space = "";
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === "\n") {
      if (wordLen === 0) {
        if (current + spaceLen > limit) current = 0;
        else {
          current += spaceLen;
          buf += space;
        }
        space = "";
        spaceLen = 0;
      } else {
        current += spaceLen + wordLen;
        buf += space + word;
        space = "";
        spaceLen = 0;
        word = "";
        wordLen = 0;
      }
      buf += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== NBSP) {
      if (space.length === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = "";
        spaceLen = 0;
        word = "";
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > limit && wordLen < limit) {
        buf += "\n";
        current = 0;
        space = "";
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= limit) buf += space;
  } else {
    buf += space + word;
  }
  return buf;
}
