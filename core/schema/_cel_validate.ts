// Copyright 2026 the k1s authors. Apache-2.0 license.
// Evaluation of compiled `x-kubernetes-validations` over an object, as apiextensions'
// `cel.Validator`: rules run on non-null values, transition rules only when the old value is
// known, failures are reported as `fieldErrorForReason` builds them, and on update errors of
// unchanged values are ratcheted (dropped, reported as warnings). Every evaluation's cost is
// taken from one budget per object (RuntimeCELCostBudget); running out of it, or one
// evaluation passing the per-call limit, stops all further rules.
import {
  type FieldError,
  forbidden,
  formatFieldError,
  invalid,
  required,
} from "../errors/field_error.ts";
import type { ValidationRule } from "./types.ts";
import { deepEqual, isObject, type Node } from "./_node.ts";
import { correlateMapItem } from "./_validate.ts";
import { RUNTIME_CEL_COST_BUDGET } from "./_cel/cost.ts";
import { goQuote } from "./_go.ts";

const MAX_MESSAGE_BYTES = 5 * 1024;
const COST_LIMIT = "operation cancelled: actual cost limit exceeded";
const OUT_OF_BUDGET =
  "validation failed due to running out of cost budget, no further validation rules will be run";

/** Tracks whether a value equals its correlated old value, for ratcheting. */
interface Correlation {
  readonly ratchet: boolean;
  unchanged(): boolean;
}

const NO_RATCHET: Correlation = { ratchet: false, unchanged: () => false };

function correlation(obj: unknown, old: unknown, parent: Correlation): Correlation {
  if (!parent.ratchet) return NO_RATCHET;
  if (old === undefined) return parent;
  let cached: boolean | undefined;
  return {
    ratchet: true,
    unchanged: () => (cached ??= deepEqual(obj, old)),
  };
}

function ruleErrorString(rule: ValidationRule): string {
  return rule.message ? rule.message.trim() : rule.rule.trim();
}

function ruleMessageOrDefault(rule: ValidationRule): string {
  return rule.message ? rule.message.trim() : `failed rule: ${ruleErrorString(rule)}`;
}

function child(path: string | undefined, name: string): string {
  return path === undefined ? name : `${path}.${name}`;
}

function errorForReason(
  path: string,
  value: unknown,
  detail: string,
  reason: string | undefined,
): FieldError {
  switch (reason) {
    case "FieldValueForbidden":
      return forbidden(path, detail);
    case "FieldValueRequired":
      return required(path, detail);
    case "FieldValueDuplicate":
      return { type: "FieldValueDuplicate", field: path, badValue: value, detail: "" };
    default:
      return invalid(path, value, detail);
  }
}

/** Options of a CEL validation pass. */
export interface CelValidateOptions {
  /** Whether errors of values equal to their old value are ratcheted (dropped). */
  ratchet?: boolean;
  /** Receives the messages of ratcheted errors. */
  onWarning?: (message: string) => void;
  /** The cost all rules of the object may use; Kubernetes' RuntimeCELCostBudget by default. */
  costBudget?: number;
}

/** The budget left; negative once validation has stopped. */
interface Budget {
  remaining: number;
}

function validateExpressions(
  n: Node,
  path: string | undefined,
  obj: unknown,
  old: unknown,
  corr: Correlation,
  errs: FieldError[],
  opts: CelValidateOptions,
  budget: Budget,
): void {
  const cel = n.cel!;
  const fld = path ?? "<nil>";
  const type = n.type;
  if (cel.rules.length === 0) return;
  const stop = (e: FieldError) => {
    errs.push(e);
    budget.remaining = -1;
  };
  if (budget.remaining <= 0) return stop(invalid(fld, type, OUT_OF_BUDGET));
  let act: ReturnType<typeof cel.bind> | undefined;
  for (const c of cel.rules) {
    const rule = c.rule;
    if (c.error) {
      errs.push(invalid(fld, type, `rule compile error: ${c.error.detail}`));
      continue;
    }
    if (!c.evaluate) continue;
    const optionalOld = rule.optionalOldSelf === true;
    if (c.usesOldSelf && old === undefined && !optionalOld) continue;
    act ??= cel.bind(obj, old, old !== undefined);
    const r = c.evaluate(optionalOld ? act.optional : act.plain);
    if (r.cost > budget.remaining) return stop(invalid(fld, type, OUT_OF_BUDGET));
    budget.remaining -= r.cost;
    if ("error" in r) {
      if (r.error === COST_LIMIT) {
        return stop(
          invalid(
            fld,
            type,
            `'${COST_LIMIT}': no further validation rules will be run due to call cost exceeds limit for rule: ${
              ruleErrorString(rule)
            }`,
          ),
        );
      }
      if (r.error === "no such overload") {
        errs.push(
          invalid(
            fld,
            type,
            `'no such overload': call arguments did not match a supported operator, function or macro signature for rule: ${
              ruleErrorString(rule)
            }`,
          ),
        );
      } else {
        errs.push(invalid(fld, type, `${r.error} evaluating rule: ${ruleErrorString(rule)}`));
      }
      continue;
    }
    if (r.value === true) continue;
    const current = c.fieldPath ? child(path, c.fieldPath) : fld;
    const addErr = (e: FieldError) => {
      if (!c.usesOldSelf && corr.ratchet && corr.unchanged()) {
        opts.onWarning?.(formatFieldError(e));
      } else {
        errs.push(e);
      }
    };
    let detail: string | undefined;
    if (c.message) {
      const m = c.message(act.plain);
      if (m.cost > budget.remaining) {
        addErr(
          invalid(
            current,
            type,
            "messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run",
          ),
        );
        budget.remaining = -1;
        return;
      }
      if ("error" in m && m.error === COST_LIMIT) {
        addErr(
          invalid(
            current,
            type,
            `no further validation rules will be run due to call cost exceeds limit for messageExpression: ${
              goQuote(rule.messageExpression ?? "")
            }`,
          ),
        );
        budget.remaining = -1;
        return;
      }
      budget.remaining -= m.cost;
      if ("value" in m && typeof m.value === "string") {
        const t = m.value.trim();
        if (
          t.length > 0 && !t.includes("\n") &&
          new TextEncoder().encode(t).length <= MAX_MESSAGE_BYTES
        ) {
          detail = t;
        }
      }
    }
    addErr(errorForReason(current, type, detail ?? ruleMessageOrDefault(rule), rule.reason));
  }
}

function validate(
  n: Node,
  path: string | undefined,
  obj: unknown,
  old: unknown,
  parent: Correlation,
  errs: FieldError[],
  opts: CelValidateOptions,
  budget: Budget,
): void {
  if (obj === null || obj === undefined || budget.remaining < 0) return;
  const corr = correlation(obj, old, parent);
  if (n.cel) validateExpressions(n, path, obj, old, corr, errs, opts, budget);
  if (budget.remaining < 0) return;
  if (Array.isArray(obj)) {
    const items = n.items;
    if (!items?.subtreeRules) return;
    const oldItems = n.listType === "map" && Array.isArray(old) ? old : undefined;
    for (let i = 0; i < obj.length && budget.remaining >= 0; i++) {
      const oldItem = oldItems ? correlateMapItem(n, obj[i], oldItems) : undefined;
      validate(items, `${path ?? ""}[${i}]`, obj[i], oldItem, corr, errs, opts, budget);
    }
  } else if (isObject(obj)) {
    const mapType = n.s["x-kubernetes-map-type"];
    const correlatable = mapType === undefined || mapType === "granular" || mapType === "atomic";
    const oldObj = correlatable && isObject(old) ? old : undefined;
    const add = typeof n.additional === "object" ? n.additional : undefined;
    if (add?.subtreeRules) {
      for (const k of Object.keys(obj)) {
        if (budget.remaining < 0) return;
        validate(add, `${path ?? ""}[${k}]`, obj[k], oldObj?.[k], corr, errs, opts, budget);
      }
    }
    const props = n.propsSubtreeRules;
    for (let i = 0; i < props.length && budget.remaining >= 0; i++) {
      const [k, p] = props[i];
      const v = obj[k];
      if (v !== undefined) validate(p, child(path, k), v, oldObj?.[k], corr, errs, opts, budget);
    }
  }
}

/**
 * Runs the compiled rules of a tree over an object. With `old` (an update), transition rules
 * run and errors of unchanged values are ratcheted.
 */
export function validateRules(
  root: Node,
  obj: unknown,
  old: unknown,
  basePath: string | undefined,
  opts: CelValidateOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const top: Correlation = old !== undefined && opts.ratchet
    ? { ratchet: true, unchanged: () => false }
    : NO_RATCHET;
  validate(root, basePath, obj, old, top, errs, opts, {
    remaining: opts.costBudget ?? RUNTIME_CEL_COST_BUDGET,
  });
  return errs;
}
