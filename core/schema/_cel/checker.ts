// Copyright 2026 the k1s authors. Apache-2.0 license.
// A CEL type checker over @bufbuild/cel's parsed (macro-expanded) AST, with cel-go's messages:
// rules are type-checked against the schema when a CRD is created, so a misspelt field or a
// wrong operand is reported then, as Kubernetes does, rather than at evaluation.
import { DECLS, type Overload, TYPE_IDENTS } from "./decls.ts";
import {
  BOOL,
  BYTES,
  type CelType,
  DOUBLE,
  DURATION,
  DYN,
  ERROR,
  INT,
  list,
  map,
  NULL,
  opt,
  param,
  STRING,
  TIMESTAMP,
  typeName,
  UINT,
} from "./types.ts";

/** The parts of cel-spec's `Expr` message the checker reads. */
export interface Expr {
  id: bigint;
  exprKind:
    | { case: "constExpr"; value: { constantKind: { case: string | undefined; value?: unknown } } }
    | { case: "identExpr"; value: { name: string } }
    | { case: "selectExpr"; value: { operand?: Expr; field: string; testOnly: boolean } }
    | { case: "callExpr"; value: { target?: Expr; function: string; args: Expr[] } }
    | { case: "listExpr"; value: { elements: Expr[] } }
    | {
      case: "structExpr";
      value: {
        messageName: string;
        entries: { keyKind: { case: string | undefined; value?: unknown }; value?: Expr }[];
      };
    }
    | {
      case: "comprehensionExpr";
      value: {
        iterVar: string;
        iterRange?: Expr;
        accuVar: string;
        accuInit?: Expr;
        loopCondition?: Expr;
        loopStep?: Expr;
        result?: Expr;
      };
    }
    | { case: undefined; value?: undefined };
}

/** Where an issue points, so its column can be placed as cel-go places it. */
export type IssueAnchor = "node" | "operator" | "call";

/** A checker error. */
export interface Issue {
  id: bigint;
  anchor: IssueAnchor;
  message: string;
}

/** The outcome of checking an expression. */
export interface CheckResult {
  type: CelType;
  issues: Issue[];
  usesOldSelf: boolean;
  /** What the cost estimator and the evaluator need to know about each node, by expr id. */
  info: CheckInfo;
}

/** Per-node facts recorded while checking, keyed by expr id. */
export interface CheckInfo {
  /** The node types, with type parameters substituted. */
  types: Map<bigint, CelType>;
  /** The overloads each call matched (several when an argument is dyn). */
  overloads: Map<bigint, Overload[]>;
  /** Calls of qualified functions (`sets.contains`), whose target is a namespace. */
  qualified: Set<bigint>;
  /** Selects and identifiers that name types (`int`, `google.protobuf.Timestamp`). */
  typeNames: Set<bigint>;
}

class Checker {
  #subst = new Map<string, CelType>();
  #scopes: Map<string, CelType>[] = [];
  #vars: ReadonlyMap<string, CelType>;
  #fresh = 0;
  issues: Issue[] = [];
  usesOldSelf = false;
  types = new Map<bigint, CelType>();
  overloads = new Map<bigint, Overload[]>();
  qualified = new Set<bigint>();
  typeNames = new Set<bigint>();

  constructor(vars: ReadonlyMap<string, CelType>) {
    this.#vars = vars;
  }

  #issue(e: Expr, message: string, anchor: IssueAnchor = "node"): CelType {
    this.issues.push({ id: e.id, anchor, message });
    return ERROR;
  }

  #resolve(t: CelType): CelType {
    let cur = t;
    for (let i = 0; cur.kind === "param" && i < 100; i++) {
      const b = this.#subst.get(cur.name);
      if (!b) break;
      cur = b;
    }
    return cur;
  }

  /** The type with all bound parameters substituted. */
  substitute(t: CelType): CelType {
    const r = this.#resolve(t);
    switch (r.kind) {
      case "list":
        return list(this.substitute(r.elem));
      case "map":
        return map(this.substitute(r.key), this.substitute(r.value));
      case "type":
        return { kind: "type", of: this.substitute(r.of) };
      case "opt":
        return { kind: "opt", elem: this.substitute(r.elem) };
      default:
        return r;
    }
  }

  #occurs(name: string, t: CelType): boolean {
    const r = this.#resolve(t);
    switch (r.kind) {
      case "param":
        return r.name === name;
      case "list":
        return this.#occurs(name, r.elem);
      case "map":
        return this.#occurs(name, r.key) || this.#occurs(name, r.value);
      case "type":
        return this.#occurs(name, r.of);
      case "opt":
        return this.#occurs(name, r.elem);
      default:
        return false;
    }
  }

  /** Whether a value of type `from` may be passed where `to` is expected, binding parameters. */
  assignable(to: CelType, from: CelType): boolean {
    const t1 = this.#resolve(to);
    const t2 = this.#resolve(from);
    if (t1.kind === "param") {
      if (t2.kind === "param" && t2.name === t1.name) return true;
      if (this.#occurs(t1.name, t2)) return false;
      this.#subst.set(t1.name, t2);
      return true;
    }
    if (t2.kind === "param") {
      if (this.#occurs(t2.name, t1)) return false;
      this.#subst.set(t2.name, t1);
      return true;
    }
    if (t1.kind === "dyn" || t2.kind === "dyn" || t1.kind === "error" || t2.kind === "error") {
      return true;
    }
    if (t2.kind === "null") {
      return t1.kind === "null" || t1.kind === "object" || t1.kind === "timestamp" ||
        t1.kind === "duration" || t1.kind === "opt";
    }
    if (t1.kind !== t2.kind) return false;
    switch (t1.kind) {
      case "list":
        return this.assignable(t1.elem, (t2 as typeof t1).elem);
      case "map":
        return this.assignable(t1.key, (t2 as typeof t1).key) &&
          this.assignable(t1.value, (t2 as typeof t1).value);
      case "object":
      case "opaque":
        return t1.name === (t2 as typeof t1).name;
      case "type":
        // Type values compare whatever type they denote (`type(x) != null_type`).
        return true;
      case "opt":
        return this.assignable(t1.elem, (t2 as typeof t1).elem);
      default:
        return true;
    }
  }

  #freshParam(): CelType {
    return param(`_var${this.#fresh++}`);
  }

  #instantiate(o: Overload): { params: CelType[]; result: CelType } {
    const names = new Map<string, CelType>();
    const inst = (t: CelType): CelType => {
      switch (t.kind) {
        case "param": {
          let p = names.get(t.name);
          if (!p) {
            p = param(`${t.name}${this.#fresh++}`);
            names.set(t.name, p);
          }
          return p;
        }
        case "list":
          return list(inst(t.elem));
        case "map":
          return map(inst(t.key), inst(t.value));
        case "type":
          return { kind: "type", of: inst(t.of) };
        case "opt":
          return { kind: "opt", elem: inst(t.elem) };
        default:
          return t;
      }
    };
    return { params: o.params.map(inst), result: inst(o.result) };
  }

  #lookup(name: string): CelType | undefined {
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const t = this.#scopes[i].get(name);
      if (t) return t;
    }
    const v = this.#vars.get(name);
    if (v && name === "oldSelf") this.usesOldSelf = true;
    return v;
  }

  #isVar(name: string): boolean {
    return this.#scopes.some((s) => s.has(name)) || this.#vars.has(name);
  }

  /** `a.b.c` as a qualified name when `e` is a chain of selects on an identifier. */
  #qualifiedName(e: Expr): string | undefined {
    const k = e.exprKind;
    if (k.case === "identExpr") return k.value.name;
    if (k.case === "selectExpr" && !k.value.testOnly && k.value.operand) {
      const q = this.#qualifiedName(k.value.operand);
      return q === undefined ? undefined : `${q}.${k.value.field}`;
    }
    return undefined;
  }

  check(e: Expr): CelType {
    const t = this.#check(e);
    this.types.set(e.id, t);
    return t;
  }

  #check(e: Expr): CelType {
    const k = e.exprKind;
    switch (k.case) {
      case "constExpr":
        switch (k.value.constantKind.case) {
          case "nullValue":
            return NULL;
          case "boolValue":
            return BOOL;
          case "int64Value":
            return INT;
          case "uint64Value":
            return UINT;
          case "doubleValue":
            return DOUBLE;
          case "stringValue":
            return STRING;
          case "bytesValue":
            return BYTES;
          case "durationValue":
            return DURATION;
          case "timestampValue":
            return TIMESTAMP;
        }
        return DYN;
      case "identExpr": {
        const t = this.#lookup(k.value.name);
        if (t) return t;
        const ty = TYPE_IDENTS.get(k.value.name);
        if (ty) {
          this.typeNames.add(e.id);
          return { kind: "type", of: ty };
        }
        return this.#issue(e, `undeclared reference to '${k.value.name}' (in container '')`);
      }
      case "selectExpr":
        return this.#checkSelect(e, k.value);
      case "callExpr":
        return this.#checkCall(e, k.value);
      case "listExpr": {
        if (k.value.elements.length === 0) return list(this.#freshParam());
        let elem: CelType | undefined;
        for (const el of k.value.elements) {
          const t = this.check(el);
          if (elem === undefined) elem = t;
          else if (!this.assignable(elem, t)) {
            this.#issue(
              el,
              `expected type '${typeName(this.substitute(elem))}' but found '${
                typeName(this.substitute(t))
              }'`,
            );
          }
        }
        return list(elem!);
      }
      case "structExpr": {
        if (k.value.messageName) {
          return this.#issue(
            e,
            `undeclared reference to '${k.value.messageName}' (in container '')`,
          );
        }
        let key: CelType | undefined;
        let val: CelType | undefined;
        for (const en of k.value.entries) {
          const kt = en.keyKind.case === "mapKey" ? this.check(en.keyKind.value as Expr) : DYN;
          const vt = en.value ? this.check(en.value) : DYN;
          if (key === undefined) key = kt;
          else if (!this.assignable(key, kt)) {
            this.#issue(
              en.keyKind.value as Expr,
              `expected type '${typeName(this.substitute(key))}' but found '${typeName(kt)}'`,
            );
          }
          if (val === undefined) val = vt;
          else if (!this.assignable(val, vt) && en.value) {
            this.#issue(
              en.value,
              `expected type '${typeName(this.substitute(val))}' but found '${typeName(vt)}'`,
            );
          }
        }
        return map(key ?? this.#freshParam(), val ?? this.#freshParam());
      }
      case "comprehensionExpr":
        return this.#checkComprehension(e, k.value);
    }
    return DYN;
  }

  #checkSelect(
    e: Expr,
    s: { operand?: Expr; field: string; testOnly: boolean },
  ): CelType {
    if (!s.testOnly) {
      const q = this.#qualifiedName(e);
      if (q !== undefined) {
        const root = q.slice(0, q.indexOf("."));
        if (!this.#isVar(root)) {
          const ty = TYPE_IDENTS.get(q);
          if (ty) {
            this.typeNames.add(e.id);
            return { kind: "type", of: ty };
          }
        }
      }
    }
    const t = this.#selectField(e, this.check(s.operand!), s.field, false);
    return s.testOnly ? (t.kind === "error" ? t : BOOL) : t;
  }

  /**
   * cel-go's `checkSelectField`: the type of `field` on a value of `operandType`. An optional
   * operand (or an optional select, `a.?f`) makes the result optional.
   */
  #selectField(e: Expr, operandType: CelType, field: string, optional: boolean): CelType {
    let ot = this.#resolve(operandType);
    if (ot.kind === "opt") {
      optional = true;
      ot = this.#resolve(ot.elem);
    }
    let t: CelType;
    if (ot.kind === "error") return ERROR;
    if (ot.kind === "dyn" || ot.kind === "param") t = DYN;
    else if (ot.kind === "object") {
      const f = ot.fields.get(field);
      if (!f) return this.#issue(e, `undefined field '${field}'`);
      t = f.type;
    } else if (ot.kind === "map") {
      this.assignable(ot.key, STRING);
      t = ot.value;
    } else {
      return this.#issue(
        e,
        `type '${typeName(this.substitute(ot))}' does not support field selection`,
      );
    }
    return optional ? opt(t) : t;
  }

  #checkCall(e: Expr, c: { target?: Expr; function: string; args: Expr[] }): CelType {
    let name = c.function;
    let target = c.target;
    if (name === "_?._" && !target && c.args.length === 2) {
      const operand = this.check(c.args[0]);
      const f = c.args[1].exprKind;
      if (f.case !== "constExpr" || f.value.constantKind.case !== "stringValue") {
        return this.#issue(c.args[1], "unsupported optional field selection");
      }
      this.check(c.args[1]);
      return this.#selectField(e, operand, f.value.constantKind.value as string, true);
    }
    if (target) {
      const q = this.#qualifiedName(target);
      if (q !== undefined && !this.#isVar(q.split(".")[0]) && DECLS.has(`${q}.${name}`)) {
        name = `${q}.${name}`;
        target = undefined;
        this.qualified.add(e.id);
      }
    }
    const targetType = target ? this.check(target) : undefined;
    const argTypes = c.args.map((a) => this.check(a));
    const decls = DECLS.get(name);
    if (!decls) {
      return this.#issue(e, `undeclared reference to '${name}' (in container '')`, "call");
    }
    const actual = targetType ? [targetType, ...argTypes] : argTypes;
    if (actual.some((t) => this.#resolve(t).kind === "error")) return ERROR;
    const results: CelType[] = [];
    const matched: Overload[] = [];
    let bindings: Map<string, CelType> | undefined;
    for (const o of decls) {
      if (o.member !== (targetType !== undefined) || o.params.length !== actual.length) continue;
      const snapshot = new Map(this.#subst);
      const inst = this.#instantiate(o);
      let ok = true;
      for (let i = 0; i < actual.length && ok; i++) ok = this.assignable(inst.params[i], actual[i]);
      if (ok) {
        results.push(this.substitute(inst.result));
        matched.push(o);
        bindings ??= new Map(this.#subst);
      }
      this.#subst = snapshot;
    }
    if (results.length === 0) {
      const args = argTypes.map((t) => typeName(this.substitute(t))).join(", ");
      const sig = targetType ? `${typeName(this.substitute(targetType))}.(${args})` : `(${args})`;
      const anchor: IssueAnchor = /^(_.*_|-_|!_|@in)$/.test(name) ? "operator" : "call";
      return this.#issue(e, `found no matching overload for '${name}' applied to '${sig}'`, anchor);
    }
    this.#subst = bindings!;
    this.overloads.set(e.id, matched);
    const first = results[0];
    if (results.every((r) => sameType(r, first))) return first;
    return DYN;
  }

  #checkComprehension(
    e: Expr,
    c: {
      iterVar: string;
      iterRange?: Expr;
      accuVar: string;
      accuInit?: Expr;
      loopCondition?: Expr;
      loopStep?: Expr;
      result?: Expr;
    },
  ): CelType {
    const range = this.#resolve(this.check(c.iterRange!));
    let varType: CelType;
    switch (range.kind) {
      case "list":
        varType = range.elem;
        break;
      case "map":
        varType = range.key;
        break;
      case "dyn":
      case "error":
      case "param":
        varType = DYN;
        break;
      default:
        this.#issue(
          c.iterRange!,
          `expression of type '${
            typeName(this.substitute(range))
          }' cannot be range of a comprehension (must be list, map, or dynamic)`,
        );
        varType = ERROR;
    }
    const accuType = this.check(c.accuInit!);
    this.#scopes.push(new Map([[c.accuVar, accuType]]));
    this.check(c.loopCondition!);
    this.#scopes.push(new Map([[c.iterVar, varType]]));
    const step = this.check(c.loopStep!);
    if (!this.assignable(accuType, step)) {
      this.#issue(
        c.loopStep!,
        `expected type '${typeName(this.substitute(accuType))}' but found '${
          typeName(this.substitute(step))
        }'`,
      );
    }
    this.#scopes.pop();
    const result = this.check(c.result!);
    this.#scopes.pop();
    void e;
    return result;
  }
}

function sameType(a: CelType, b: CelType): boolean {
  return typeName(a) === typeName(b);
}

/** Type-checks a parsed expression with the given variables (`self`, `oldSelf`). */
export function checkExpr(expr: Expr, vars: ReadonlyMap<string, CelType>): CheckResult {
  const c = new Checker(vars);
  const t = c.check(expr);
  const types = new Map<bigint, CelType>();
  for (const [id, ty] of c.types) types.set(id, c.substitute(ty));
  return {
    type: c.substitute(t),
    issues: c.issues,
    usesOldSelf: c.usesOldSelf,
    info: { types, overloads: c.overloads, qualified: c.qualified, typeNames: c.typeNames },
  };
}
