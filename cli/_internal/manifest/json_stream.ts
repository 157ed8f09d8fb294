// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * A JSON stream decoder (concatenated values, as Go's `json.Decoder` reads manifests) that
 * reports syntax errors with Go's wording (`invalid character 'x' looking for beginning of
 * value`, `unexpected EOF`).
 *
 * @module
 */

/** A JSON syntax error, worded as Go's `encoding/json`. */
export class JsonSyntaxError extends Error {
  /** Bytes read when the error was found (Go's `SyntaxError.Offset`); 0 for `unexpected EOF`. */
  readonly offset: number;

  /**
   * Creates an instance.
   *
   * @param message Go's wording.
   * @param offset Go's byte offset.
   */
  constructor(message: string, offset = 0) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

/** One decoded value and the 1-based line it starts on. */
export interface JsonStreamValue {
  /** The value. */
  value: unknown;
  /** Line of its first character. */
  line: number;
}

/**
 * Decodes every JSON value in a text (`{...}{...}` or separated by whitespace), one after the
 * other as Go's `json.Decoder` reads them: on a syntax error, `out` holds the values before it.
 *
 * @param text The text.
 * @param out Where to add the values (a new array by default).
 * @returns `out`, with the values in order.
 * @throws {JsonSyntaxError} On malformed JSON.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { decodeJsonStream } from "./json_stream.ts";
 * assertEquals(decodeJsonStream('{"a":1}\n{"b":2}').map((v) => v.value), [{ a: 1 }, { b: 2 }]);
 * const out: { value: unknown; line: number }[] = [];
 * assertThrows(() => decodeJsonStream('{"a":1} {"b"', out), Error, "unexpected EOF");
 * assertEquals(out, [{ value: { a: 1 }, line: 1 }]);
 * ```
 */
export function decodeJsonStream(
  text: string,
  out: JsonStreamValue[] = [],
): JsonStreamValue[] {
  const p = new Parser(text);
  for (;;) {
    p.skipSpace();
    if (p.eof()) break;
    const line = p.line();
    out.push({ value: p.value("looking for beginning of value"), line });
  }
  return out;
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c).slice(1, -1).replace(/\\u00([0-9a-f]{2})/g, "\\x$1");
  return `'${q}'`;
}

class Parser {
  #s: string;
  #i = 0;

  constructor(s: string) {
    this.#s = s;
  }

  eof(): boolean {
    return this.#i >= this.#s.length;
  }

  line(): number {
    let n = 1;
    for (let k = 0; k < this.#i; k++) if (this.#s.charCodeAt(k) === 10) n++;
    return n;
  }

  skipSpace(): void {
    while (this.#i < this.#s.length && " \t\r\n".includes(this.#s[this.#i])) this.#i++;
  }

  #fail(context: string): never {
    if (this.eof()) throw new JsonSyntaxError("unexpected EOF");
    const c = String.fromCodePoint(this.#s.codePointAt(this.#i)!);
    const offset = new TextEncoder().encode(this.#s.slice(0, this.#i)).length + 1;
    throw new JsonSyntaxError(`invalid character ${quoteChar(c)} ${context}`, offset);
  }

  value(context: string): unknown {
    this.skipSpace();
    const c = this.#s[this.#i];
    if (c === "{") return this.#object();
    if (c === "[") return this.#array();
    if (c === '"') return this.#string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.#number();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.#s.startsWith(word, this.#i)) {
        this.#i += word.length;
        return v;
      }
      if (c === word[0]) {
        let k = 1;
        while (k < word.length && this.#s[this.#i + k] === word[k]) k++;
        this.#i += k;
        this.#fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
      }
    }
    this.#fail(context);
  }

  #object(): Record<string, unknown> {
    this.#i++;
    const o: Record<string, unknown> = {};
    this.skipSpace();
    if (this.#s[this.#i] === "}") {
      this.#i++;
      return o;
    }
    for (;;) {
      this.skipSpace();
      if (this.#s[this.#i] !== '"') this.#fail("looking for beginning of object key string");
      const k = this.#string();
      this.skipSpace();
      if (this.#s[this.#i] !== ":") this.#fail("after object key");
      this.#i++;
      o[k] = this.value("looking for beginning of value");
      this.skipSpace();
      if (this.#s[this.#i] === ",") {
        this.#i++;
        continue;
      }
      if (this.#s[this.#i] === "}") {
        this.#i++;
        return o;
      }
      this.#fail("after object key:value pair");
    }
  }

  #array(): unknown[] {
    this.#i++;
    const a: unknown[] = [];
    this.skipSpace();
    if (this.#s[this.#i] === "]") {
      this.#i++;
      return a;
    }
    for (;;) {
      a.push(this.value("looking for beginning of value"));
      this.skipSpace();
      if (this.#s[this.#i] === ",") {
        this.#i++;
        continue;
      }
      if (this.#s[this.#i] === "]") {
        this.#i++;
        return a;
      }
      this.#fail("after array element");
    }
  }

  #string(): string {
    const start = this.#i;
    this.#i++;
    for (;;) {
      if (this.eof()) throw new JsonSyntaxError("unexpected EOF");
      const c = this.#s[this.#i];
      if (c === '"') break;
      if (c === "\\") {
        const e = this.#s[this.#i + 1];
        if (e === undefined) throw new JsonSyntaxError("unexpected EOF");
        if ('"\\/bfnrt'.includes(e)) this.#i += 2;
        else if (e === "u") {
          for (let k = 2; k < 6; k++) {
            const h = this.#s[this.#i + k];
            if (h === undefined) throw new JsonSyntaxError("unexpected EOF");
            if (!/[0-9a-fA-F]/.test(h)) {
              this.#i += k;
              this.#fail("in \\u hexadecimal character escape");
            }
          }
          this.#i += 6;
        } else {
          this.#i++;
          this.#fail("in string escape code");
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) this.#fail("in string literal");
      this.#i++;
    }
    this.#i++;
    return JSON.parse(this.#s.slice(start, this.#i));
  }

  #number(): number {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.#s.slice(this.#i));
    if (!m || m[0] === "-") {
      this.#i += m ? 1 : 0;
      this.#fail("in numeric literal");
    }
    this.#i += m[0].length;
    const next = this.#s[this.#i];
    if (next === "." || next === "e" || next === "E") {
      this.#i++;
      this.#fail(
        next === "." ? "after decimal point in numeric literal" : "in exponent of numeric literal",
      );
    }
    return Number(m[0]);
  }
}
