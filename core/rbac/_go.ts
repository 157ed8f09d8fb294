// Copyright 2026 the k1s authors. Apache-2.0 license.
// Go's fmt verbs as the RBAC messages use them: `%q` of strings and string slices, `%v` of string
// slices. User names are arbitrary strings, so quoting follows strconv.Quote, not JSON.

const NAMED_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  '"': '\\"',
  "\\": "\\\\",
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** Go's `%q` of a string (`strconv.Quote`). */
export function goQuote(s: string): string {
  // Fast path for the usual printable ASCII without quotes or backslashes.
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    const named = NAMED_ESCAPES[ch];
    if (named) {
      out += named;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd"; // a lone surrogate is invalid UTF-8
    else if ((cp >= 0x80 && cp <= 0x9f) || cp === 0xad || cp === 0x2028 || cp === 0x2029) {
      out += `\\u${hex(cp, 4)}`;
    } else out += ch;
  }
  return out + '"';
}

/** Go's `%q` of a `[]string`: `["a" "b"]`. */
export function goQuoteList(list: readonly string[]): string {
  return `[${list.map(goQuote).join(" ")}]`;
}

/** Go's `%v` of a `[]string`: `[a b]`. */
export function goList(list: readonly string[] | undefined): string {
  return `[${(list ?? []).join(" ")}]`;
}
