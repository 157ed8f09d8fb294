// Copyright 2026 the k1s authors. Apache-2.0 license.
// The error Go's `json.Unmarshal(b, &map[string]interface{}{})` returns, worded as
// encoding/json words it, for Secret dockercfg validation. A port of the syntax checks of Go's
// `encoding/json/scanner.go`, plus the type check of the top-level value.

/** Go's `quoteChar`: the offending byte as a quoted Go rune. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  let s: string;
  switch (c) {
    case 0x07:
      s = "\\a";
      break;
    case 0x08:
      s = "\\b";
      break;
    case 0x0c:
      s = "\\f";
      break;
    case 0x0a:
      s = "\\n";
      break;
    case 0x0d:
      s = "\\r";
      break;
    case 0x09:
      s = "\\t";
      break;
    case 0x0b:
      s = "\\v";
      break;
    case 0x5c:
      s = "\\\\";
      break;
    default:
      if (c < 0x20 || c === 0x7f) s = `\\x${c.toString(16).padStart(2, "0")}`;
      else if ((c >= 0x80 && c <= 0xa0) || c === 0xad) s = `\\u00${c.toString(16)}`;
      else s = String.fromCharCode(c);
  }
  return `'${s}'`;
}

class JsonSyntaxError extends Error {}

function fail(c: number, context: string): never {
  throw new JsonSyntaxError(`invalid character ${quoteChar(c)} ${context}`);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

class Scanner {
  #b: Uint8Array;
  pos = 0;

  constructor(b: Uint8Array) {
    this.#b = b;
  }

  /** The next byte, or -1 at the end (Go then reports "unexpected end of JSON input"). */
  peek(): number {
    return this.pos < this.#b.length ? this.#b[this.pos] : -1;
  }

  next(): number {
    const c = this.peek();
    if (c < 0) throw new JsonSyntaxError("unexpected end of JSON input");
    this.pos++;
    return c;
  }

  skipSpace(): void {
    while (this.pos < this.#b.length && isSpace(this.#b[this.pos])) this.pos++;
  }

  /** Scans one value and returns its kind. */
  value(context = "looking for beginning of value"): string {
    this.skipSpace();
    const c = this.next();
    switch (c) {
      case 0x7b: // {
        this.object();
        return "object";
      case 0x5b: // [
        this.array();
        return "array";
      case 0x22: // "
        this.string();
        return "string";
      case 0x74: // t
        this.literal("rue", "true");
        return "bool";
      case 0x66: // f
        this.literal("alse", "false");
        return "bool";
      case 0x6e: // n
        this.literal("ull", "null");
        return "null";
      case 0x2d: // -
        this.number(true);
        return "number";
      default:
        if (isDigit(c)) {
          this.pos--;
          this.number(false);
          return "number";
        }
        fail(c, context);
    }
  }

  literal(rest: string, word: string): void {
    for (let i = 0; i < rest.length; i++) {
      const c = this.next();
      if (c !== rest.charCodeAt(i)) {
        fail(c, `in literal ${word} (expecting '${rest[i]}')`);
      }
    }
  }

  number(negative: boolean): void {
    let c = this.next();
    if (negative && !isDigit(c)) fail(c, "in numeric literal");
    if (c !== 0x30) {
      while (isDigit(this.peek())) this.pos++;
    }
    c = this.peek();
    if (c === 0x2e) {
      this.pos++;
      const d = this.next();
      if (!isDigit(d)) fail(d, "after decimal point in numeric literal");
      while (isDigit(this.peek())) this.pos++;
      c = this.peek();
    }
    if (c === 0x65 || c === 0x45) {
      this.pos++;
      let d = this.next();
      if (d === 0x2b || d === 0x2d) d = this.next();
      if (!isDigit(d)) fail(d, "in exponent of numeric literal");
      while (isDigit(this.peek())) this.pos++;
    }
  }

  string(): void {
    for (;;) {
      const c = this.next();
      if (c === 0x22) return;
      if (c === 0x5c) {
        const e = this.next();
        if (e === 0x75) {
          for (let i = 0; i < 4; i++) {
            const h = this.next();
            if (!isHex(h)) fail(h, "in \\u hexadecimal character escape");
          }
        } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) {
          fail(e, "in string escape code");
        }
      } else if (c < 0x20) fail(c, "in string literal");
    }
  }

  object(): void {
    this.skipSpace();
    if (this.peek() === 0x7d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const c = this.next();
      if (c !== 0x22) fail(c, "looking for beginning of object key string");
      this.string();
      this.skipSpace();
      const colon = this.next();
      if (colon !== 0x3a) fail(colon, "after object key");
      this.value();
      this.skipSpace();
      const sep = this.next();
      if (sep === 0x7d) return;
      if (sep !== 0x2c) fail(sep, "after object key:value pair");
    }
  }

  array(): void {
    this.skipSpace();
    if (this.peek() === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const sep = this.next();
      if (sep === 0x5d) return;
      if (sep !== 0x2c) fail(sep, "after array element");
    }
  }
}

/** The kind of the JSON value in `bytes`, or Go's syntax error for it. */
function scan(bytes: Uint8Array): { kind: string } | { error: string } {
  const s = new Scanner(bytes);
  try {
    const kind = s.value();
    s.skipSpace();
    const c = s.peek();
    if (c >= 0) fail(c, "after top-level value");
    return { kind };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { error: e.message };
    throw e;
  }
}

/**
 * The error message of Go's `json.Unmarshal` into a `map[string]interface{}`, or `undefined` when
 * it succeeds (an object, or `null`).
 */
export function goJsonObjectError(bytes: Uint8Array): string | undefined {
  const r = scan(bytes);
  if ("error" in r) return r.error;
  if (r.kind === "object" || r.kind === "null") return undefined;
  return `json: cannot unmarshal ${r.kind} into Go value of type map[string]interface {}`;
}

/** Go's `encoding/json` syntax error for `bytes`, or `undefined` when they are one JSON value. */
export function goJsonSyntaxError(bytes: Uint8Array): string | undefined {
  const r = scan(bytes);
  return "error" in r ? r.error : undefined;
}
