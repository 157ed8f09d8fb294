// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Marker definitions and the marker argument parser, following controller-tools
 * `pkg/markers/parse.go`: `+name`, `+name=value`, `+name:arg=value,arg=value`; values are
 * quoted (`"..."`, `` `...` ``) or bare strings, numbers, booleans, slices (`{a,b}` or `a;b`)
 * and, for `any` values, maps (`{key: value}`).
 *
 * @module
 */

/** Where a marker may be written. */
export type MarkerTarget = "package" | "type" | "field";

/** The type of a marker argument. */
type ArgType = "string" | "int" | "number" | "bool" | "strings" | "any" | "anyList" | "json";

interface ArgDef {
  type: ArgType;
  optional?: boolean;
}

/** A marker definition. */
export interface MarkerDef {
  /** Full name without the leading `+`. */
  name: string;
  /** Where the marker may appear. */
  targets: readonly MarkerTarget[];
  /** The single unnamed value (`+name=value`), if any. */
  value?: ArgType;
  /** Named arguments (`+name:arg=value,...`), if any. */
  args?: Record<string, ArgDef>;
  /** Only valid on a kind (an interface with `+kubebuilder:object:root=true`). */
  kindOnly?: boolean;
}

/** A parsed marker. */
export interface Marker {
  /** Definition name, e.g. `kubebuilder:validation:Minimum`. */
  name: string;
  /** The value: the unnamed value, the named arguments as an object, or `true` for flags. */
  value: unknown;
  /** The marker as written, e.g. `+kubebuilder:validation:Minimum=1`. */
  raw: string;
  /** `file:` URL of the file. */
  url: string;
  /** 1-based line. */
  line: number;
}

const FIELD: readonly MarkerTarget[] = ["field"];
const TYPE: readonly MarkerTarget[] = ["type"];
const TYPE_FIELD: readonly MarkerTarget[] = ["type", "field"];
const PACKAGE: readonly MarkerTarget[] = ["package"];

/** Validation markers valid on types and fields, also as `validation:items:<Name>`. */
const VALIDATION: Record<string, ArgType | undefined> = {
  Maximum: "number",
  Minimum: "number",
  ExclusiveMaximum: "bool",
  ExclusiveMinimum: "bool",
  MultipleOf: "number",
  MinProperties: "int",
  MaxProperties: "int",
  MaxLength: "int",
  MinLength: "int",
  Pattern: "string",
  MaxItems: "int",
  MinItems: "int",
  UniqueItems: "bool",
  Enum: "anyList",
  Format: "string",
  Type: "string",
  XPreserveUnknownFields: undefined,
  XEmbeddedResource: undefined,
  XIntOrString: undefined,
  XValidation: undefined,
};

const XVALIDATION_ARGS: Record<string, ArgDef> = {
  rule: { type: "string" },
  message: { type: "string", optional: true },
  messageExpression: { type: "string", optional: true },
  reason: { type: "string", optional: true },
  fieldPath: { type: "string", optional: true },
  optionalOldSelf: { type: "bool", optional: true },
};

function buildDefinitions(): Map<string, MarkerDef> {
  const defs: MarkerDef[] = [
    // Package markers.
    { name: "groupName", targets: PACKAGE, value: "string" },
    { name: "versionName", targets: PACKAGE, value: "string" },
    { name: "kubebuilder:validation:Optional", targets: ["package", "field"] },
    { name: "kubebuilder:validation:Required", targets: ["package", "field"] },
    // controller-gen's object generator (deepcopy); nothing to generate in TypeScript.
    { name: "kubebuilder:object:generate", targets: ["package", "type"], value: "bool" },
    // Kind markers.
    { name: "kubebuilder:object:root", targets: TYPE, value: "bool" },
    {
      name: "kubebuilder:resource",
      targets: TYPE,
      kindOnly: true,
      args: {
        path: { type: "string", optional: true },
        shortName: { type: "strings", optional: true },
        categories: { type: "strings", optional: true },
        singular: { type: "string", optional: true },
        scope: { type: "string", optional: true },
      },
    },
    {
      name: "kubebuilder:printcolumn",
      targets: TYPE,
      kindOnly: true,
      args: {
        name: { type: "string" },
        type: { type: "string" },
        JSONPath: { type: "string" },
        description: { type: "string", optional: true },
        format: { type: "string", optional: true },
        priority: { type: "int", optional: true },
      },
    },
    { name: "kubebuilder:subresource:status", targets: TYPE, kindOnly: true },
    {
      name: "kubebuilder:subresource:scale",
      targets: TYPE,
      kindOnly: true,
      args: {
        specpath: { type: "string" },
        statuspath: { type: "string" },
        selectorpath: { type: "string", optional: true },
      },
    },
    { name: "kubebuilder:storageversion", targets: TYPE, kindOnly: true },
    { name: "kubebuilder:skipversion", targets: TYPE, kindOnly: true },
    {
      name: "kubebuilder:metadata",
      targets: TYPE,
      kindOnly: true,
      args: {
        annotations: { type: "strings", optional: true },
        labels: { type: "strings", optional: true },
      },
    },
    { name: "kubebuilder:unservedversion", targets: TYPE, kindOnly: true },
    {
      name: "kubebuilder:deprecatedversion",
      targets: TYPE,
      kindOnly: true,
      args: { warning: { type: "string", optional: true } },
    },
    {
      name: "kubebuilder:selectablefield",
      targets: TYPE,
      kindOnly: true,
      args: { JSONPath: { type: "string" } },
    },
    // Field-only markers.
    { name: "optional", targets: FIELD },
    { name: "required", targets: FIELD },
    { name: "k8s:optional", targets: FIELD },
    { name: "k8s:required", targets: FIELD },
    { name: "kubebuilder:title", targets: TYPE_FIELD, value: "string" },
    { name: "nullable", targets: FIELD },
    { name: "kubebuilder:default", targets: FIELD, value: "any" },
    { name: "default", targets: FIELD, value: "json" },
    { name: "kubebuilder:example", targets: FIELD, value: "any" },
    { name: "kubebuilder:validation:EmbeddedResource", targets: FIELD },
    { name: "kubebuilder:validation:Schemaless", targets: FIELD },
    // Type and field markers.
    { name: "kubebuilder:pruning:PreserveUnknownFields", targets: TYPE_FIELD },
    { name: "listType", targets: TYPE_FIELD, value: "string" },
    { name: "listMapKey", targets: TYPE_FIELD, value: "string" },
    { name: "mapType", targets: TYPE_FIELD, value: "string" },
    { name: "structType", targets: TYPE_FIELD, value: "string" },
  ];
  for (const [name, value] of Object.entries(VALIDATION)) {
    for (const prefix of ["kubebuilder:validation:", "kubebuilder:validation:items:"]) {
      const args = name === "XValidation" ? XVALIDATION_ARGS : undefined;
      defs.push({ name: prefix + name, targets: TYPE_FIELD, value, args });
    }
  }
  return new Map(defs.map((d) => [d.name, d]));
}

/** Every marker k1s-gen understands, by name. */
export const MARKERS: ReadonlyMap<string, MarkerDef> = buildDefinitions();

/** Whether a comment line (comment syntax stripped) is a marker. */
export function isMarkerLine(line: string): boolean {
  return /^\+[A-Za-z]/.test(line.trim());
}

/** A marker parse failure; the message is the diagnostic text. */
export class MarkerError extends Error {}

/**
 * Parses one marker line (`+name...`) into its definition and value.
 *
 * @throws {MarkerError} for unknown markers and malformed values.
 */
export function parseMarker(text: string): { def: MarkerDef; value: unknown } {
  const raw = text.trim().slice(1);
  const eq = raw.indexOf("=");
  let anonName = eq < 0 ? raw : raw.slice(0, eq);
  // `+name:=value` is controller-tools' `+name=value` (an empty last name part).
  if (eq > 0 && anonName.endsWith(":") && MARKERS.has(anonName.slice(0, -1))) {
    anonName = anonName.slice(0, -1);
  }
  let rest = eq < 0 ? "" : raw.slice(eq + 1);
  let def = MARKERS.get(anonName);
  if (def === undefined) {
    const colon = anonName.lastIndexOf(":");
    const structDef = colon < 0 ? undefined : MARKERS.get(anonName.slice(0, colon));
    if (structDef?.args === undefined) {
      throw new MarkerError(`unknown marker "+${anonName}"`);
    }
    def = structDef;
    rest = anonName.slice(colon + 1) + "=" + rest;
  } else if (def.args !== undefined && eq >= 0) {
    throw new MarkerError(`marker "+${def.name}" takes named arguments (+${def.name}:arg=value)`);
  }
  const where = `marker "+${def.name}"`;
  if (def.args !== undefined) {
    return { def, value: parseArgs(rest, def.args, where) };
  }
  if (def.value === undefined) {
    if (eq >= 0) throw new MarkerError(`${where} takes no value`);
    return { def, value: true };
  }
  if (eq < 0) {
    const hint = def.value === "bool" ? " (=true or =false)" : "";
    throw new MarkerError(`${where} needs a value${hint}`);
  }
  if (def.value === "json") return { def, value: parseJsonDefault(rest, where) };
  if (def.value === "string") return { def, value: parseLooseString(rest, where) };
  const s = new Scanner(rest, where);
  const value = parseValue(s, def.value, false);
  s.expectEnd();
  return { def, value };
}

function parseJsonDefault(text: string, where: string): unknown {
  // controller-tools skips `+default=ref(...)` (Go constants); there are none in TypeScript.
  if (text.trim().startsWith("ref(")) throw new MarkerError(`${where}: ref(...) is not supported`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MarkerError(`${where}: invalid JSON value ${JSON.stringify(text)}`, { cause: e });
  }
}

/**
 * A single unnamed string: a quoted string, or everything up to the end. controller-tools stops
 * bare strings at `,`, `;` and `}`, which breaks patterns such as `^[a-z]{1,3}$`; with only one
 * argument there is nothing to separate, so k1s-gen takes the rest verbatim.
 */
function parseLooseString(text: string, where: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith("`")) {
    const s = new Scanner(text, where);
    const value = s.parseString(false);
    s.expectEnd();
    return value;
  }
  return trimmed;
}

function parseArgs(text: string, args: Record<string, ArgDef>, where: string) {
  const s = new Scanner(text, where);
  const out: Record<string, unknown> = {};
  if (s.peek() !== "") {
    for (;;) {
      const name = s.ident();
      if (name === "") s.fail(`expected argument name, got ${JSON.stringify(s.rest())}`);
      s.expect("=", "equals");
      const arg = args[name];
      if (arg === undefined) {
        throw new MarkerError(`${where}: unknown argument ${JSON.stringify(name)}`);
      }
      if (name in out) {
        throw new MarkerError(`${where}: duplicate argument ${JSON.stringify(name)}`);
      }
      out[name] = parseValue(s, arg.type, false);
      if (s.peek() === "") break;
      s.expect(",", "comma");
    }
  }
  for (const [name, arg] of Object.entries(args)) {
    if (!arg.optional && !(name in out)) {
      throw new MarkerError(`${where}: missing argument ${JSON.stringify(name)}`);
    }
  }
  return out;
}

function parseValue(s: Scanner, type: ArgType, inSlice: boolean): unknown {
  switch (type) {
    case "string":
      return s.parseString(false);
    case "int": {
      const n = s.number();
      if (n === undefined || !Number.isInteger(n)) s.fail("expected integer");
      return n;
    }
    case "number": {
      const n = s.number();
      if (n === undefined) s.fail("expected integer or float");
      return n;
    }
    case "bool": {
      const word = s.ident();
      if (word !== "true" && word !== "false") {
        s.fail(`expected true or false, got ${JSON.stringify(word)}`);
      }
      return word === "true";
    }
    case "strings":
      return parseSlice(s, () => s.parseString(false));
    case "anyList":
      return parseSlice(s, () => parseAny(s, true));
    case "any":
      return parseAny(s, inSlice);
    case "json":
      throw new Error("JSON values are parsed whole");
  }
}

function parseSlice(s: Scanner, item: () => unknown): unknown[] {
  const out: unknown[] = [];
  if (s.peek() === "{") {
    s.next();
    while (s.peek() !== "}" && s.peek() !== "") {
      out.push(item());
      if (s.peek() === "}") break;
      s.expect(",", "comma");
    }
    s.expect("}", "close curly brace");
    return out;
  }
  for (;;) {
    const c = s.peek();
    if (c === "," || c === "}" || c === "") break;
    out.push(item());
    if (s.peek() !== ";") break;
    s.next();
  }
  return out;
}

/** controller-tools' `guessType` followed by a parse of the guessed type. */
function parseAny(s: Scanner, inSlice: boolean): unknown {
  if (!inSlice && s.legacySliceAhead()) return parseSlice(s, () => parseAny(s, true));
  const c = s.peek();
  if (c === '"' || c === "`") return s.parseString(false);
  if (c === "{") {
    const mark = s.pos;
    s.next();
    if (s.peek() === "}") {
      s.next();
      return {};
    }
    const first = s.peek();
    let isMap = false;
    if (first !== "{") {
      s.parseString(true);
      isMap = s.peek() === ":";
    }
    s.pos = mark;
    if (!isMap) return parseSlice(s, () => parseAny(s, true));
    s.next();
    const out: Record<string, unknown> = {};
    while (s.peek() !== "}" && s.peek() !== "") {
      const key = s.parseString(true);
      s.expect(":", "colon");
      out[key] = parseAny(s, false);
      if (s.peek() === "}") break;
      s.expect(",", "comma");
    }
    s.expect("}", "close curly brace");
    return out;
  }
  const mark = s.pos;
  const word = s.ident();
  if ((word === "true" || word === "false") && s.atDelimiter()) return word === "true";
  s.pos = mark;
  const n = s.number();
  if (n !== undefined && s.atDelimiter()) return n;
  s.pos = mark;
  return s.parseString(false);
}

const GO_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
};

/** A cursor over marker argument text. */
class Scanner {
  pos = 0;
  readonly #text: string;
  readonly #where: string;

  constructor(text: string, where: string) {
    this.#text = text;
    this.#where = where;
  }

  fail(message: string): never {
    throw new MarkerError(`${this.#where}: ${message}`);
  }

  rest(): string {
    return this.#text.slice(this.pos);
  }

  /** The next non-space character ("" at the end), skipping the spaces. */
  peek(): string {
    while (this.pos < this.#text.length && /\s/.test(this.#text[this.pos])) this.pos++;
    return this.#text[this.pos] ?? "";
  }

  next(): string {
    return this.#text[this.pos++] ?? "";
  }

  expect(c: string, what: string): void {
    if (this.peek() !== c) {
      const got = this.rest() === "" ? "end of marker" : JSON.stringify(this.rest());
      this.fail(`expected ${what}, got ${got}`);
    }
    this.pos++;
  }

  expectEnd(): void {
    if (this.peek() !== "") this.fail(`extra arguments provided: ${JSON.stringify(this.rest())}`);
  }

  ident(): string {
    this.peek();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.rest());
    if (m === null) return "";
    this.pos += m[0].length;
    return m[0];
  }

  number(): number | undefined {
    this.peek();
    const m = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/.exec(this.rest());
    if (m === null) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  /** Whether only spaces stand between the cursor and `,`, `;`, `}` or the end. */
  atDelimiter(): boolean {
    const c = this.peek();
    return c === "" || c === "," || c === ";" || c === "}";
  }

  /** Whether a `;` comes before the next top-level `,` (a legacy `a;b;c` slice). */
  legacySliceAhead(): boolean {
    const text = this.#text;
    let depth = 0;
    for (let i = this.pos; i < text.length; i++) {
      const c = text[i];
      if (c === '"' || c === "`") {
        const end = c === '"' ? this.#endOfQuoted(i) : text.indexOf("`", i + 1);
        if (end < 0) return false;
        i = end;
      } else if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (depth === 0 && c === ",") return false;
      else if (depth === 0 && c === ";") return true;
    }
    return false;
  }

  #endOfQuoted(start: number): number {
    const text = this.#text;
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === "\\") i++;
      else if (text[i] === '"') return i;
    }
    return -1;
  }

  /** A quoted string, or a bare one up to `,`, `;`, `}` (and `:` in a map key). */
  parseString(inMap: boolean): string {
    const c = this.peek();
    const text = this.#text;
    if (c === '"') {
      const end = this.#endOfQuoted(this.pos);
      if (end < 0) this.fail("string literal not terminated");
      const value = this.#unquote(text.slice(this.pos + 1, end));
      this.pos = end + 1;
      return value;
    }
    if (c === "`") {
      const end = text.indexOf("`", this.pos + 1);
      if (end >= 0) {
        const value = text.slice(this.pos + 1, end);
        this.pos = end + 1;
        return value;
      }
      // An unterminated backtick is a literal character (controller-tools retries that way).
    }
    const start = this.pos;
    let end = start;
    let i = start;
    while (i < text.length) {
      const ch = text[i];
      if (ch === "," || ch === ";" || ch === "}" || (inMap && ch === ":")) break;
      if (ch === '"') {
        const close = this.#endOfQuoted(i);
        i = close < 0 ? text.length : close + 1;
        end = i;
        continue;
      }
      i++;
      if (!/\s/.test(ch)) end = i;
    }
    this.pos = end;
    return text.slice(start, end);
  }

  #unquote(body: string): string {
    let out = "";
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      const e = body[++i];
      if (e in GO_ESCAPES) out += GO_ESCAPES[e];
      else if (e === "x" || e === "u" || e === "U") {
        const len = e === "x" ? 2 : e === "u" ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) {
          this.fail(`invalid escape "\\${e}${hex}"`);
        }
        out += String.fromCodePoint(parseInt(hex, 16));
        i += len;
      } else this.fail(`invalid escape "\\${e ?? ""}"`);
    }
    return out;
  }
}
