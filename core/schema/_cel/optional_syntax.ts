// Copyright 2026 the k1s authors. Apache-2.0 license.
// cel-go's optional field and index syntax (`self.?name`, `self.list[?0]`) on top of
// @bufbuild/cel's parser, which does not accept it: the source is rewritten into plain CEL the
// parser reads (`self.__k1s_opt__name`, `self.list[__k1s_optidx__(0)]`), and the parsed tree is
// rewritten back into cel-go's calls (`_?._(self, "name")`, `_[?_](self.list, 0)`). Offsets of
// the rewritten source map back to the original, so errors point where the author wrote.
// Optional list and map entries (`[?a]`, `{?k: v}`) are not supported.
import type { Expr } from "./checker.ts";

const FIELD_MARK = "__k1s_opt__";
const INDEX_MARK = "__k1s_optidx__";

/** A rewritten source and the map from its offsets to the original ones. */
export interface Rewritten {
  source: string;
  original(offset: number): number;
}

/** Insertions made by the rewrite: at `at` (rewritten offset), `len` characters were added. */
type Edit = { at: number; len: number };

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** Skips a string literal starting at `i` (at its prefix or quote); returns the end offset. */
function skipString(src: string, i: number): number {
  let j = i;
  let raw = false;
  while (j < src.length && /[rRbB]/.test(src[j])) {
    if (src[j] === "r" || src[j] === "R") raw = true;
    j++;
  }
  const q = src[j];
  const triple = src.startsWith(q.repeat(3), j);
  const close = triple ? q.repeat(3) : q;
  j += close.length;
  while (j < src.length) {
    if (!raw && src[j] === "\\") {
      j += 2;
      continue;
    }
    if (src.startsWith(close, j)) return j + close.length;
    if (!triple && src[j] === "\n") return j;
    j++;
  }
  return j;
}

/** Whether a string literal starts at `i`: a quote, or r/b prefixes directly before one. */
function stringStart(src: string, i: number): boolean {
  if (src[i] === "'" || src[i] === '"') return true;
  if (isIdentChar(src[i - 1])) return false;
  const m = /^[rRbB]{1,2}['"]/.exec(src.slice(i, i + 3));
  return m !== null;
}

/**
 * Rewrites optional selects and indexes into syntax the parser accepts.
 *
 * @returns `undefined` when the source has none.
 */
export function rewriteOptionalSyntax(src: string): Rewritten | undefined {
  if (!src.includes("?")) return undefined;
  let out = "";
  const edits: Edit[] = [];
  const brackets: boolean[] = [];
  let lastSignificant = "";
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (stringStart(src, i)) {
      const end = skipString(src, i);
      out += src.slice(i, end);
      i = end;
      lastSignificant = "'";
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      const end = src.indexOf("\n", i);
      const stop = end < 0 ? src.length : end;
      out += src.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === ".") {
      const m = /^\.(\s*)\?(\s*)(?=[A-Za-z_])/.exec(src.slice(i));
      if (m) {
        out += "." + m[1];
        edits.push({ at: out.length, len: FIELD_MARK.length - 1 - m[2].length });
        out += FIELD_MARK;
        i += m[0].length;
        lastSignificant = "?";
        continue;
      }
    }
    if (c === "[") {
      const m = /^\[(\s*)\?/.exec(src.slice(i));
      const indexes = isIdentChar(lastSignificant) || lastSignificant === ")" ||
        lastSignificant === "]";
      if (m && indexes) {
        out += "[" + m[1];
        edits.push({ at: out.length, len: INDEX_MARK.length });
        out += INDEX_MARK + "(";
        i += m[0].length;
        brackets.push(true);
        lastSignificant = "(";
        continue;
      }
      brackets.push(false);
    }
    if (c === "]" && brackets.pop()) {
      edits.push({ at: out.length, len: 1 });
      out += ")";
    }
    out += c;
    if (!/\s/.test(c)) lastSignificant = c;
    i++;
  }
  if (edits.length === 0) return undefined;
  return {
    source: out,
    original(offset: number): number {
      let shift = 0;
      for (const e of edits) {
        if (e.at < offset) shift += Math.min(e.len, offset - e.at);
      }
      return offset - shift;
    },
  };
}

function stringConst(id: bigint, value: string): Expr {
  return {
    id,
    exprKind: { case: "constExpr", value: { constantKind: { case: "stringValue", value } } },
  } as Expr;
}

/**
 * Rewrites the marked selects and indexes of a parsed tree into cel-go's optional calls,
 * `_?._` and `_[?_]`.
 *
 * @param nextId Allocates ids for the nodes the rewrite adds.
 */
export function restoreOptionalCalls(e: Expr, nextId: () => bigint): Expr {
  const k = e.exprKind;
  const visit = (x: Expr | undefined) => x && restoreOptionalCalls(x, nextId);
  switch (k.case) {
    case "selectExpr": {
      const operand = visit(k.value.operand);
      if (k.value.field.startsWith(FIELD_MARK) && operand) {
        const field = k.value.field.slice(FIELD_MARK.length);
        return {
          id: e.id,
          exprKind: {
            case: "callExpr",
            value: { function: "_?._", args: [operand, stringConst(nextId(), field)] },
          },
        } as Expr;
      }
      k.value.operand = operand;
      return e;
    }
    case "callExpr": {
      const v = k.value;
      v.target = visit(v.target);
      v.args = v.args.map((a) => visit(a)!);
      const idx = v.args[1]?.exprKind;
      if (
        v.function === "_[_]" && idx?.case === "callExpr" && idx.value.function === INDEX_MARK &&
        !idx.value.target && idx.value.args.length === 1
      ) {
        v.function = "_[?_]";
        v.args = [v.args[0], idx.value.args[0]];
      }
      return e;
    }
    case "listExpr":
      k.value.elements = k.value.elements.map((a) => visit(a)!);
      return e;
    case "structExpr":
      for (const en of k.value.entries) {
        if (en.keyKind.case === "mapKey") en.keyKind.value = visit(en.keyKind.value as Expr);
        en.value = visit(en.value);
      }
      return e;
    case "comprehensionExpr": {
      const c = k.value;
      c.iterRange = visit(c.iterRange);
      c.accuInit = visit(c.accuInit);
      c.loopCondition = visit(c.loopCondition);
      c.loopStep = visit(c.loopStep);
      c.result = visit(c.result);
      return e;
    }
    default:
      return e;
  }
}
