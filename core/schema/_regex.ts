// Copyright 2026 the k1s authors. Apache-2.0 license.
// Kubernetes evaluates `pattern` and CEL regexes with Go's RE2. JavaScript's RegExp agrees on the
// patterns schemas use in practice once RE2-only spellings are rewritten, so patterns are
// translated once and then run natively, which is much faster than an RE2 interpreter.

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`\\{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

const JS_SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));
const PERL_CLASSES: Record<string, string> = {
  d: "0-9",
  D: "^0-9",
  s: "\\t\\n\\f\\r ",
  S: "^\\t\\n\\f\\r ",
  w: "0-9A-Za-z_",
  W: "^0-9A-Za-z_",
};

/** A translated pattern: JavaScript source and flags. */
export interface JsPattern {
  source: string;
  flags: string;
}

/**
 * Rewrites an RE2 pattern as a JavaScript (`u` mode) pattern with the same meaning, or returns
 * `undefined` for constructs without a faithful translation (the caller then falls back to RE2).
 */
export function translateRe2(pattern: string): JsPattern | undefined {
  let flags = "u";
  let i = 0;
  // Leading flag groups such as (?i) or (?is) apply to the whole pattern.
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(pattern.slice(i));
    if (!m) break;
    for (const f of m[1]) {
      if (f === "U") return undefined;
      if (!flags.includes(f)) flags += f;
    }
    i += m[0].length;
  }
  const multiline = flags.includes("m");
  let out = "";
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "\\") {
      const n = pattern[i + 1];
      if (n === undefined) return undefined;
      i += 2;
      if (n === "z") {
        if (inClass) return undefined;
        out += multiline ? "(?![\\s\\S])" : "$";
      } else if (n === "A") {
        if (inClass) return undefined;
        out += multiline ? "(?<![\\s\\S])" : "^";
      } else if (n === "Q") {
        const end = pattern.indexOf("\\E", i);
        const lit = end < 0 ? pattern.slice(i) : pattern.slice(i, end);
        i = end < 0 ? pattern.length : end + 2;
        for (const ch of lit) out += JS_SYNTAX.has(ch) || ch === "-" ? `\\${ch}` : ch;
      } else if (n === "p" || n === "P") {
        let name: string;
        if (pattern[i] === "{") {
          const end = pattern.indexOf("}", i);
          if (end < 0) return undefined;
          name = pattern.slice(i + 1, end);
          i = end + 1;
        } else {
          name = pattern[i] ?? "";
          i++;
        }
        let neg = n === "P";
        if (name.startsWith("^")) {
          neg = !neg;
          name = name.slice(1);
        }
        const prop = name.length <= 2 || name === "Any" ? name : `Script=${name}`;
        if (name === "Any") out += neg ? "[^\\s\\S]" : "[\\s\\S]";
        else out += `\\${neg ? "P" : "p"}{${prop}}`;
      } else if (n === "x") {
        if (pattern[i] === "{") {
          const end = pattern.indexOf("}", i);
          if (end < 0) return undefined;
          out += `\\u{${pattern.slice(i + 1, end)}}`;
          i = end + 1;
        } else {
          out += `\\x${pattern.slice(i, i + 2)}`;
          i += 2;
        }
      } else if (n in PERL_CLASSES) {
        // RE2's \s, \d and \w are ASCII-only; JavaScript's \s is Unicode-aware.
        const body = PERL_CLASSES[n];
        if (inClass) {
          if (body.startsWith("^")) return undefined;
          out += body;
        } else {
          out += `[${body}]`;
        }
      } else if (/[0-9]/.test(n)) {
        if (n !== "0") return undefined; // RE2 has no backreferences; octal escapes are rare
        out += "\\0";
      } else if (/[a-zA-Z]/.test(n)) {
        if (!"bBtnrfv".includes(n) || (inClass && (n === "b" || n === "B"))) return undefined;
        out += `\\${n}`;
      } else if (JS_SYNTAX.has(n) || (inClass && n === "-")) {
        out += `\\${n}`;
      } else {
        out += n;
      }
      continue;
    }
    if (inClass) {
      if (c === "[" && pattern[i + 1] === ":") {
        const end = pattern.indexOf(":]", i + 2);
        if (end < 0) return undefined;
        let name = pattern.slice(i + 2, end);
        const neg = name.startsWith("^");
        if (neg) name = name.slice(1);
        const body = POSIX_CLASSES[name];
        if (body === undefined || neg) return undefined;
        out += body;
        i = end + 2;
        continue;
      }
      if (c === "]") inClass = false;
      else if (c === "[") {
        out += "\\[";
        i++;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === "^") {
        out += "^";
        i++;
      }
      // A leading ] is a literal in RE2.
      if (pattern[i] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?") {
      if (pattern.startsWith("(?P<", i)) {
        out += "(?<";
        i += 4;
        continue;
      }
      if (pattern.startsWith("(?:", i) || pattern.startsWith("(?<", i)) {
        out += pattern.slice(i, i + 3);
        i += 3;
        continue;
      }
      return undefined; // inline flags or lookaround: not RE2-compatible in JS
    }
    if (c === "{" || c === "}") {
      // Only a well-formed repetition is special; any other brace is a literal in RE2.
      const rep = c === "{" ? /^\{\d+(,\d*)?\}/.exec(pattern.slice(i)) : null;
      if (rep) {
        out += rep[0];
        i += rep[0].length;
      } else {
        out += `\\${c}`;
        i++;
      }
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) return undefined;
  return { source: out, flags };
}

/**
 * Compiles an RE2 pattern to a JavaScript RegExp, or returns `undefined` when it cannot be
 * translated or JavaScript rejects it.
 */
export function compileJsRegex(pattern: string): RegExp | undefined {
  const t = translateRe2(pattern);
  if (!t) return undefined;
  try {
    return new RegExp(t.source, t.flags);
  } catch {
    return undefined;
  }
}
