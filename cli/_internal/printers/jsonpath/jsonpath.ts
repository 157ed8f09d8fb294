// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * kubectl's JSONPath template engine (client-go `util/jsonpath/jsonpath.go`) over plain JSON
 * values: evaluation, `range`/`end`, filters with Go's comparison rules, and printing (Go's
 * `%v` for scalars, compact JSON for maps and lists).
 *
 * Two deliberate differences: map members are visited in sorted key order where Go visits
 * them in random order (`*`, `..`), and a template's range state does not leak from one
 * execution into the next.
 *
 * @module
 */
import { goFormatFloat, goFormatNumber, goJson, goSprint } from "../go_format.ts";
import { type ArrayParam, type Node, parseJSONPath } from "./parser.ts";

/** A byte of a string, as Go yields when iterating a string with `*` or `..`. */
class GoByte {
  constructor(readonly value: number) {}
}

/** A float literal from a template (`2.5`), which compares as a float even when integral. */
class GoFloat {
  constructor(readonly value: number) {}
}

/** A literal int from a template (Go's `int`, not `int64`). */
class GoInt {
  constructor(readonly value: number) {}
}

type Value = unknown;

/** An error raised while executing a template, worded as client-go words it. */
export class JSONPathExecError extends Error {
  /**
   * Creates an instance.
   *
   * @param message The reason, e.g. `nope is not found`.
   */
  constructor(message: string) {
    super(message);
    this.name = "JSONPathExecError";
  }
}

interface RangeState {
  beginRange: number;
  inRange: number;
  endRange: number;
  lastEndNode: Node | null;
}

/**
 * JSONPath knows how to evaluate one parsed template against JSON data.
 *
 * @example Print names from a list
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { JSONPath } from "./jsonpath.ts";
 * const jp = new JSONPath("{range .items[*]}{.metadata.name}{\"\\n\"}{end}");
 * const list = { items: [{ metadata: { name: "a" } }, { metadata: { name: "b" } }] };
 * assertEquals(jp.execute(list), "a\nb\n");
 * ```
 */
export class JSONPath {
  #root: Node & { type: "list" };
  #allowMissingKeys: boolean;
  #outputJson: boolean;

  /**
   * Parses the template.
   *
   * @param template The template text.
   * @param options `allowMissingKeys` (kubectl's default is true) and `outputJson`
   *   (`-o jsonpath-as-json`).
   * @throws {JSONPathParseError} On a malformed template.
   */
  constructor(
    template: string,
    options: { allowMissingKeys?: boolean; outputJson?: boolean } = {},
  ) {
    this.#root = parseJSONPath(template);
    this.#allowMissingKeys = options.allowMissingKeys ?? false;
    this.#outputJson = options.outputJson ?? false;
  }

  /**
   * Evaluates the template: one result list per top-level node (text or `{...}` action).
   *
   * @param data A JSON value.
   * @returns The result lists.
   * @throws {JSONPathExecError} When evaluation fails.
   */
  findResults(data: unknown): unknown[][] {
    const st: RangeState = { beginRange: 0, inRange: 0, endRange: 0, lastEndNode: null };
    return this.#find(data, this.#root.nodes, st).map((r) => r.map(unwrapForCaller));
  }

  /**
   * Evaluates the template and prints the results as kubectl does.
   *
   * @param data A JSON value.
   * @returns The printed text (no newline is added).
   * @throws {JSONPathExecError} When evaluation fails.
   */
  execute(data: unknown): string {
    const st: RangeState = { beginRange: 0, inRange: 0, endRange: 0, lastEndNode: null };
    return this.#find(data, this.#root.nodes, st).map((r) => this.#print(r)).join("");
  }

  #find(data: Value, nodes: Node[], st: RangeState): Value[][] {
    const full: Value[][] = [];
    const cur = [data];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.#walk(cur, node, st);
      if (st.endRange > 0 && st.endRange <= st.inRange) {
        st.endRange--;
        st.lastEndNode = node;
        break;
      }
      if (st.beginRange > 0) {
        st.beginRange--;
        st.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const v of results) full.push(...this.#find(v, rest, st));
        } else {
          this.#find(null, rest, st);
        }
        st.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === st.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  #walk(input: Value[], node: Node, st: RangeState): Value[] {
    switch (node.type) {
      case "list": {
        let cur = input;
        for (const n of node.nodes) cur = this.#walk(cur, n, st);
        return cur;
      }
      case "text":
        return [node.text];
      case "field":
        return this.#field(input, node.name);
      case "array":
        return this.#array(input, node.params);
      case "filter":
        return this.#filter(input, node, st);
      case "int":
        return [new GoInt(node.value)];
      case "float":
        return [new GoFloat(node.value)];
      case "bool":
        return [node.value];
      case "wildcard":
        return this.#wildcard(input);
      case "recursive":
        return this.#recursive(input);
      case "union": {
        const out: Value[] = [];
        for (const list of node.lists) out.push(...this.#walk(input, list, st));
        return out;
      }
      case "identifier":
        if (node.name === "range") {
          st.beginRange++;
          return input;
        }
        if (node.name === "end") {
          if (st.inRange > 0) {
            st.endRange++;
            return [];
          }
          throw new JSONPathExecError("not in range, nothing to end");
        }
        throw new JSONPathExecError(`unrecognized identifier ${node.name}`);
    }
  }

  #field(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    const out: Value[] = [];
    for (const v of input) {
      if (isMap(v) && Object.hasOwn(v, name)) out.push(v[name]);
    }
    if (out.length === 0 && !this.#allowMissingKeys) {
      throw new JSONPathExecError(`${name} is not found`);
    }
    return out;
  }

  #array(input: Value[], params: readonly ArrayParam[]): Value[] {
    const out: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JSONPathExecError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      const p = params.map((x) => ({ ...x }));
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value === p[0].value) return out;
      if (p[0].value >= len || p[0].value < 0) {
        throw new JSONPathExecError(
          `array index out of bounds: index ${p[0].value}, length ${len}`,
        );
      }
      if (p[1].value > len || p[1].value < 0) {
        throw new JSONPathExecError(
          `array index out of bounds: index ${p[1].value - 1}, length ${len}`,
        );
      }
      if (p[0].value > p[1].value) {
        throw new JSONPathExecError(
          `starting index ${p[0].value} is greater than ending index ${p[1].value}`,
        );
      }
      const slice = v.slice(p[0].value, p[1].value);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JSONPathExecError("step must be > 0");
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) out.push(slice[i]);
    }
    return out;
  }

  #filter(input: Value[], node: Node & { type: "filter" }, st: RangeState): Value[] {
    const out: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) {
        const shown = v === null || v === undefined
          ? "<invalid reflect.Value>"
          : goSprint(unwrapForCaller(v));
        throw new JSONPathExecError(`${shown} is not array or slice and cannot be filtered`);
      }
      for (const item of v) {
        let lefts: Value[];
        let leftErr: unknown = null;
        try {
          lefts = this.#walk([item], node.left, st);
        } catch (e) {
          lefts = [];
          leftErr = e;
        }
        if (node.op === "exists") {
          if (lefts.length > 0) out.push(item);
          continue;
        }
        if (leftErr) throw leftErr;
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JSONPathExecError("can only compare one element at a time");
        const rights = this.#walk([item], node.right, st);
        if (rights.length === 0) continue;
        if (rights.length > 1) {
          throw new JSONPathExecError("can only compare one element at a time");
        }
        if (compare(lefts[0], rights[0], node.op)) out.push(item);
      }
    }
    return out;
  }

  #wildcard(input: Value[]): Value[] {
    const out: Value[] = [];
    for (const v of input) out.push(...children(v));
    return out;
  }

  #recursive(input: Value[]): Value[] {
    const out: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length > 0) {
        out.push(v);
        out.push(...this.#recursive(kids));
      }
    }
    return out;
  }

  #print(results: Value[]): string {
    if (this.#outputJson) {
      return goJson(results.map(unwrapForCaller), { indent: "    " }) + "\n";
    }
    return results.map((r) => {
      if (Array.isArray(r) || isMap(r)) return goJson(r);
      return textOf(r);
    }).join(" ");
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) &&
    !(v instanceof GoByte || v instanceof GoFloat || v instanceof GoInt);
}

function children(v: Value): Value[] {
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return [...new TextEncoder().encode(v)].map((b) => new GoByte(b));
  return [];
}

function unwrapForCaller(v: Value): unknown {
  if (v instanceof GoByte || v instanceof GoFloat || v instanceof GoInt) return v.value;
  return v;
}

function textOf(v: Value): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof GoByte || v instanceof GoInt) return String(v.value);
  if (v instanceof GoFloat) return goFormatFloat(v.value);
  if (typeof v === "number") return goFormatNumber(v);
  return String(v);
}

function goTypeName(v: Value): string {
  if (v instanceof GoByte) return "uint8";
  if (v instanceof GoInt) return "int";
  if (v instanceof GoFloat) return "float64";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  if (isMap(v)) return "map[string]interface {}";
  return "interface {}";
}

type Kind = "bool" | "int" | "uint" | "float" | "string";

function kindOf(v: Value): Kind {
  if (v instanceof GoByte) return "uint";
  if (v instanceof GoInt) return "int";
  if (v instanceof GoFloat) return "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  throw new JSONPathExecError("invalid type for comparison");
}

function numeric(v: Value): number {
  return v instanceof GoByte || v instanceof GoInt || v instanceof GoFloat ? v.value : v as number;
}

// text/template's eq/ne/lt/le/gt/ge as client-go's forked copy implements them.
function compare(left: Value, right: Value, op: string): boolean {
  const k1 = kindOf(left);
  const k2 = kindOf(right);
  const intLike = (k: Kind) => k === "int" || k === "uint";
  if (k1 !== k2 && !(intLike(k1) && intLike(k2))) {
    if (["==", "!=", "<", ">", "<=", ">="].includes(op)) {
      throw new JSONPathExecError("incompatible types for comparison");
    }
  }
  const a = k1 === "string" || k1 === "bool" ? left : numeric(left);
  const b = k2 === "string" || k2 === "bool" ? right : numeric(right);
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
  }
  if (k1 === "bool") throw new JSONPathExecError("invalid type for comparison");
  const lt = (a as number | string) < (b as number | string);
  switch (op) {
    case "<":
      return lt;
    case "<=":
      return lt || a === b;
    case ">":
      return !lt && a !== b;
    case ">=":
      return !lt;
  }
  throw new JSONPathExecError(`unrecognized filter operator ${op}`);
}
