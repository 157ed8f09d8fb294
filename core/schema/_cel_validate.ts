// Copyright 2026 the k1s authors. Apache-2.0 license.
// Evaluation of compiled `x-kubernetes-validations` over an object, as apiextensions'
// `cel.Validator`: rules run on non-null values, transition rules only when the old value is
// known, failures are reported as `fieldErrorForReason` builds them, and on update errors of
// unchanged values are ratcheted (dropped, reported as warnings).
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

const MAX_MESSAGE_BYTES = 5 * 1024;

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
}

function validateExpressions(
  n: Node,
  path: string | undefined,
  obj: unknown,
  old: unknown,
  corr: Correlation,
  errs: FieldError[],
  opts: CelValidateOptions,
): void {
  const cel = n.cel!;
  const fld = path ?? "<nil>";
  const type = n.type;
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
    if ("error" in r) {
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
    let detail: string | undefined;
    if (c.message) {
      const m = c.message(act.plain);
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
    const e = errorForReason(current, type, detail ?? ruleMessageOrDefault(rule), rule.reason);
    if (!c.usesOldSelf && corr.ratchet && corr.unchanged()) {
      opts.onWarning?.(formatFieldError(e));
    } else {
      errs.push(e);
    }
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
): void {
  if (obj === null || obj === undefined) return;
  const corr = correlation(obj, old, parent);
  if (n.cel) validateExpressions(n, path, obj, old, corr, errs, opts);
  if (Array.isArray(obj)) {
    const items = n.items;
    if (!items?.subtreeRules) return;
    const oldItems = n.listType === "map" && Array.isArray(old) ? old : undefined;
    for (let i = 0; i < obj.length; i++) {
      const oldItem = oldItems ? correlateMapItem(n, obj[i], oldItems) : undefined;
      validate(items, `${path ?? ""}[${i}]`, obj[i], oldItem, corr, errs, opts);
    }
  } else if (isObject(obj)) {
    const mapType = n.s["x-kubernetes-map-type"];
    const correlatable = mapType === undefined || mapType === "granular" || mapType === "atomic";
    const oldObj = correlatable && isObject(old) ? old : undefined;
    const add = typeof n.additional === "object" ? n.additional : undefined;
    if (add?.subtreeRules) {
      for (const k of Object.keys(obj)) {
        validate(add, `${path ?? ""}[${k}]`, obj[k], oldObj?.[k], corr, errs, opts);
      }
    }
    const props = n.propsSubtreeRules;
    for (let i = 0; i < props.length; i++) {
      const [k, p] = props[i];
      const v = obj[k];
      if (v !== undefined) validate(p, child(path, k), v, oldObj?.[k], corr, errs, opts);
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
  validate(root, basePath, obj, old, top, errs, opts);
  return errs;
}
