// Copyright 2026 the k1s authors. Apache-2.0 license.
// OpenAPI value validation with kube-openapi's semantics (`pkg/validation/validate`): the same
// validators in the same order, the same early returns, the same messages, and the same
// conversion to field errors as apiextensions' `kubeOpenAPIResultToFieldErrors`.
import { type FieldError, OMIT_VALUE, RawValue, required, tooLong } from "../errors/field_error.ts";
import { goFloat, goNumber, goQuote, goValue } from "./_go.ts";
import { deepEqual, isObject, type Node } from "./_node.ts";

const enum Code {
  InvalidType,
  Required,
  TooLong,
  TooShort,
  Pattern,
  Enum,
  MultipleOf,
  Max,
  Min,
  Unique,
  MaxItems,
  MinItems,
  TooFewProperties,
  TooManyProperties,
  UnallowedProperty,
  MultipleOfMustBePositive,
  Composite,
}

/** A kube-openapi validation error before conversion to a field error. */
interface OErr {
  code: Code;
  name: string;
  message: string;
  value?: unknown;
  valid?: number;
  values?: readonly unknown[];
}

/** `%s in %s ...` with kube-openapi's `in` of "body". */
function msg(name: string, rest: string): string {
  return `${name} in body ${rest}`;
}

function typeErr(name: string, typeName: string, value: unknown): OErr {
  const m = typeof value === "string"
    ? msg(name, `must be of type ${typeName}: ${goQuote(value)}`)
    : msg(name, `must be of type ${typeName}`);
  return { code: Code.InvalidType, name, value, message: m };
}

/** The JSON type and Go format kube-openapi infers for a decoded value. */
function kindOf(v: unknown): "string" | "integer" | "number" | "boolean" | "array" | "object" {
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return Number.isInteger(v) ? "integer" : "number";
    case "bigint":
      return "integer";
    case "boolean":
      return "boolean";
    default:
      return Array.isArray(v) ? "array" : "object";
  }
}

/** go-openapi's `swag.IsFloat64AJSONInteger`. */
function isJSONInteger(f: number): boolean {
  if (!Number.isFinite(f) || f < -9007199254740991 || f > 9007199254740991) return false;
  if (Number.isInteger(f)) return true;
  const g = Math.trunc(f);
  const diff = Math.abs(f - g);
  return diff / Math.min(Math.abs(f) + Math.abs(g), Number.MAX_VALUE) < 1e-9;
}

function contains(types: readonly string[], t: string): boolean {
  for (let i = 0; i < types.length; i++) if (types[i] === t) return true;
  return false;
}

/** Counts Unicode code points, as Go's utf8.RuneCount. */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Equality of a value with an enum member after Go's type conversion. */
function enumEqual(data: unknown, e: unknown): boolean {
  if (e === null || e === undefined) return false;
  if (typeof e === "number" || typeof e === "bigint") {
    return (typeof data === "number" || typeof data === "bigint") && Number(data) === Number(e);
  }
  return deepEqual(data, e);
}

/** The type validator; returns the match count it contributes (1 on success). */
function checkType(n: Node, data: unknown, kind: string, name: string, errs: OErr[]): number {
  const types = n.types;
  const format = n.format;
  const isString = kind === "string";
  const isArray = kind === "array";
  const goFormat = kind === "integer" ? "int64" : kind === "number" ? "float64" : "";
  const isFloatInt = kind === "number" && isJSONInteger(data as number) &&
    contains(types, "integer");
  const isIntFloat = kind === "integer" && contains(types, "number");
  if (!isString && !isArray && format !== "") {
    const isLowerFloat = false; // JSON numbers decode to float64, never float32
    const isLowerInt = false; // JSON integers decode to int64, never int32
    if (
      !(contains(types, kind) || goFormat === format || isFloatInt || isIntFloat || isLowerInt ||
        isLowerFloat)
    ) {
      errs.push(typeErr(name, format, goFormat));
      return 0;
    }
  }
  if (
    !(contains(types, "number") || contains(types, "integer")) && format !== "" &&
    (isString || isArray)
  ) {
    return 1;
  }
  if (!(contains(types, kind) || isFloatInt || isIntFloat)) {
    errs.push(typeErr(name, n.typeName, kind));
    return 0;
  }
  return 1;
}

function checkEnum(n: Node, data: unknown, name: string, errs: OErr[]): void {
  const en = n.enum!;
  if (data !== null && data !== undefined) {
    for (let i = 0; i < en.length; i++) if (enumEqual(data, en[i])) return;
  }
  errs.push({
    code: Code.Enum,
    name,
    value: data ?? null,
    values: en,
    message: msg(name, `should be one of ${goValue(en)}`),
  });
}

function checkString(n: Node, data: string, name: string, errs: OErr[]): void {
  const s = n.s;
  if (s.maxLength !== undefined || s.minLength !== undefined) {
    const len = runeCount(data);
    if (s.maxLength !== undefined && len > s.maxLength) {
      errs.push({
        code: Code.TooLong,
        name,
        value: data,
        valid: s.maxLength,
        message: msg(name, `should be at most ${s.maxLength} chars long`),
      });
      return;
    }
    if (s.minLength !== undefined && len < s.minLength) {
      errs.push({
        code: Code.TooShort,
        name,
        value: data,
        valid: s.minLength,
        message: msg(name, `should be at least ${s.minLength} chars long`),
      });
      return;
    }
  }
  if (n.patternError !== undefined) {
    errs.push({
      code: Code.Pattern,
      name,
      value: data,
      message: msg(name, `should match '${s.pattern}, but pattern is invalid: ${n.patternError}'`),
    });
  } else if (n.pattern && !n.pattern.test(data)) {
    errs.push({
      code: Code.Pattern,
      name,
      value: data,
      message: msg(name, `should match '${s.pattern}'`),
    });
  }
}

function checkNumber(n: Node, data: number, isInt: boolean, name: string, errs: OErr[]): void {
  const s = n.s;
  if (s.multipleOf !== undefined) {
    const factor = s.multipleOf;
    const intFactor = Math.trunc(factor);
    if (isInt && intFactor !== 0) {
      if (intFactor < 0) {
        errs.push({
          code: Code.MultipleOfMustBePositive,
          name,
          value: intFactor,
          message: `factor MultipleOf declared for ${name} must be positive: ${intFactor}`,
        });
      } else if (data % intFactor !== 0) {
        errs.push({
          code: Code.MultipleOf,
          name,
          value: data,
          message: msg(name, `should be a multiple of ${intFactor}`),
        });
      }
    } else if (factor < 0) {
      errs.push({
        code: Code.MultipleOfMustBePositive,
        name,
        value: factor,
        message: `factor MultipleOf declared for ${name} must be positive: ${goFloat(factor)}`,
      });
    } else {
      const mult = factor < 1 ? (1 / factor) * data : data / factor;
      if (!isJSONInteger(mult)) {
        errs.push({
          code: Code.MultipleOf,
          name,
          value: data,
          message: msg(name, `should be a multiple of ${goFloat(factor)}`),
        });
      }
    }
  }
  if (s.minimum !== undefined) {
    const excl = s.exclusiveMinimum === true;
    const min = isInt ? Math.trunc(s.minimum) : s.minimum;
    if ((!excl && data < min) || (excl && data <= min)) {
      const shown = isInt ? goNumber(min) : goFloat(min);
      errs.push({
        code: Code.Min,
        name,
        value: data,
        message: msg(name, `should be greater than ${excl ? "" : "or equal to "}${shown}`),
      });
    }
  }
  if (s.maximum !== undefined) {
    const excl = s.exclusiveMaximum === true;
    const max = isInt ? Math.trunc(s.maximum) : s.maximum;
    if ((!excl && data > max) || (excl && data >= max)) {
      const shown = isInt ? goNumber(max) : goFloat(max);
      errs.push({
        code: Code.Max,
        name,
        value: data,
        message: msg(name, `should be less than ${excl ? "" : "or equal to "}${shown}`),
      });
    }
  }
}

function checkSlice(
  n: Node,
  data: unknown[],
  name: string,
  old: unknown,
  errs: OErr[],
): number {
  let mc = 0;
  const s = n.s;
  if (n.items) {
    const oldItems = old !== undefined && n.listType === "map" && Array.isArray(old)
      ? old
      : undefined;
    for (let i = 0; i < data.length; i++) {
      const oldItem = oldItems ? correlateMapItem(n, data[i], oldItems) : undefined;
      mc += validateNode(n.items, data[i], `${name}[${i}]`, oldItem, errs);
    }
  }
  const size = data.length;
  if (s.minItems !== undefined && size < s.minItems) {
    errs.push({
      code: Code.MinItems,
      name,
      value: size,
      valid: s.minItems,
      message: msg(name, `should have at least ${s.minItems} items`),
    });
  }
  if (s.maxItems !== undefined && size > s.maxItems) {
    errs.push({
      code: Code.MaxItems,
      name,
      value: size,
      valid: s.maxItems,
      message: msg(name, `should have at most ${s.maxItems} items`),
    });
  }
  if (s.uniqueItems) {
    outer: for (let i = 1; i < size; i++) {
      for (let j = 0; j < i; j++) {
        if (deepEqual(data[i], data[j])) {
          errs.push({
            code: Code.Unique,
            name,
            message: msg(name, "shouldn't contain duplicates"),
          });
          break outer;
        }
      }
    }
  }
  return mc + 1;
}

/** The old item of a `map` list with the same key values as `item`, if any. */
export function correlateMapItem(n: Node, item: unknown, oldItems: unknown[]): unknown {
  const keys = n.mapKeys;
  if (!keys || !isObject(item)) return undefined;
  for (const o of oldItems) {
    if (!isObject(o)) continue;
    let same = true;
    for (const k of keys) {
      if (!deepEqual(item[k], o[k])) {
        same = false;
        break;
      }
    }
    if (same) return o;
  }
  return undefined;
}

function checkObject(
  n: Node,
  data: Record<string, unknown>,
  name: string,
  old: unknown,
  errs: OErr[],
): number {
  const s = n.s;
  if (s.minProperties !== undefined || s.maxProperties !== undefined) {
    const numKeys = Object.keys(data).length;
    if (s.minProperties !== undefined && numKeys < s.minProperties) {
      errs.push({
        code: Code.TooFewProperties,
        name,
        value: numKeys,
        valid: s.minProperties,
        message: msg(name, `should have at least ${s.minProperties} properties`),
      });
      return 0;
    }
    if (s.maxProperties !== undefined && numKeys > s.maxProperties) {
      errs.push({
        code: Code.TooManyProperties,
        name,
        value: numKeys,
        valid: s.maxProperties,
        message: msg(name, `should have at most ${s.maxProperties} properties`),
      });
      return 0;
    }
  }
  let mc = 0;
  const props = n.properties;
  const oldObj = isObject(old) ? old : undefined;
  const add = n.additional;
  if (add === false) {
    for (const k in data) {
      if (!props || !props.has(k)) {
        errs.push({
          code: Code.UnallowedProperty,
          name,
          value: k,
          message: msg(`${name}.${k}`, "is a forbidden property"),
        });
      }
    }
  } else if (typeof add === "object") {
    for (const k in data) {
      if (props && props.has(k)) continue;
      mc += validateNode(add, data[k], `${name}.${k}`, oldObj?.[k], errs);
    }
  }
  const list = n.propList;
  if (list.length) {
    let names = n.childNames;
    if (!names || names.parent !== name) {
      names = {
        parent: name,
        names: list.map(([k]) => (name === "" ? k : `${name}.${k}`)),
      };
      n.childNames = names;
    }
    for (let i = 0; i < list.length; i++) {
      const k = list[i][0];
      const v = data[k];
      if (v === undefined && !Object.hasOwn(data, k)) continue;
      mc += validateNode(list[i][1], v, names.names[i], oldObj?.[k], errs);
    }
  }
  const req = n.required;
  if (req) {
    for (let i = 0; i < req.length; i++) {
      if (!Object.hasOwn(data, req[i])) {
        const rn = `${name}.${req[i]}`;
        errs.push({ code: Code.Required, name: rn, message: msg(rn, "is required") });
      }
    }
  }
  return mc;
}

function composite(message: string): OErr {
  return { code: Code.Composite, name: "", message };
}

function checkSchemaProps(
  n: Node,
  data: unknown,
  name: string,
  old: unknown,
  errs: OErr[],
): number {
  let mc = 0;
  if (n.anyOf) {
    let best: { errs: OErr[]; mc: number } | undefined;
    let first: { errs: OErr[]; mc: number } | undefined;
    let ok = false;
    for (const sub of n.anyOf) {
      const e: OErr[] = [];
      const m = validateNode(sub, data, name, old, e);
      if (e.length === 0) {
        best = undefined;
        ok = true;
        first ??= { errs: e, mc: m };
        break;
      }
      if (!best || m > best.mc) best = { errs: e, mc: m };
    }
    if (!ok) errs.push(composite(`${goQuote(name)} must validate at least one schema (anyOf)`));
    const chosen = best ?? first;
    if (chosen) {
      errs.push(...chosen.errs);
      mc += chosen.mc;
    }
  }
  if (n.oneOf) {
    let best: { errs: OErr[]; mc: number } | undefined;
    let first: { errs: OErr[]; mc: number } | undefined;
    let validated = 0;
    for (const sub of n.oneOf) {
      const e: OErr[] = [];
      const m = validateNode(sub, data, name, old, e);
      if (e.length === 0) {
        validated++;
        best = undefined;
        first ??= { errs: e, mc: m };
        continue;
      }
      if (validated === 0 && (!best || m > best.mc)) best = { errs: e, mc: m };
    }
    if (validated !== 1) {
      const extra = validated === 0 ? "Found none valid" : `Found ${validated} valid alternatives`;
      errs.push(
        composite(`${goQuote(name)} must validate one and only one schema (oneOf). ${extra}`),
      );
      if (best) {
        errs.push(...best.errs);
        mc += best.mc;
      }
    } else if (first) {
      mc += first.mc;
    }
  }
  if (n.allOf) {
    let validated = 0;
    for (const sub of n.allOf) {
      const before = errs.length;
      mc += validateNode(sub, data, name, old, errs);
      if (errs.length === before) validated++;
    }
    if (validated !== n.allOf.length) {
      const extra = validated === 0 ? ". None validated" : "";
      errs.push(composite(`${goQuote(name)} must validate all the schemas (allOf)${extra}`));
    }
  }
  if (n.not) {
    const e: OErr[] = [];
    validateNode(n.not, data, name, old, e);
    if (e.length === 0) errs.push(composite(`${goQuote(name)} must not validate the schema (not)`));
  }
  return mc + 1;
}

/**
 * kube-openapi's `SchemaValidator.Validate` for one node: appends errors and returns the match
 * count used to pick the closest `anyOf`/`oneOf` branch. With `old` (the correlated old value of
 * an update) an unchanged value is not validated, as CRD validation ratcheting does.
 */
export function validateNode(
  n: Node,
  data: unknown,
  name: string,
  old: unknown,
  errs: OErr[],
): number {
  if (old !== undefined && deepEqual(old, data)) return 1;
  if (data === null || data === undefined) {
    let mc = 1;
    if (n.types.length > 0 && !n.nullable) {
      errs.push(typeErr(name, n.typeName, "null"));
      mc = 0;
    }
    if (n.enum) checkEnum(n, data, name, errs);
    return mc;
  }
  const kind = kindOf(data);
  let mc = 0;
  if (n.format === "" && n.types.length === 1 && n.types[0] === kind) mc += 2;
  else if (n.types.length > 0 || n.format !== "") mc += checkType(n, data, kind, name, errs) + 1;
  mc += n.composite ? checkSchemaProps(n, data, name, old, errs) + 1 : 2;
  switch (kind) {
    case "string":
      checkString(n, data as string, name, errs);
      mc++;
      if (n.formatCheck) {
        if (!n.formatCheck(data as string)) errs.push(typeErr(name, n.format, data));
        mc++;
      }
      break;
    case "integer":
    case "number":
      checkNumber(n, Number(data), kind === "integer", name, errs);
      mc += 2;
      break;
    case "array":
      mc += checkSlice(n, data as unknown[], name, old, errs) + 1;
      break;
  }
  if (n.enum) checkEnum(n, data, name, errs);
  mc++;
  if (kind === "object") {
    mc += checkObject(n, data as Record<string, unknown>, name, old, errs) + 1;
  }
  return mc + 1;
}

function child(base: string | undefined, name: string): string {
  return base === undefined ? name : `${base}.${name}`;
}

/**
 * Validates `data` against a node and returns field errors as apiextensions reports them,
 * under `basePath` (`undefined` is Go's nil path, printed as `<nil>` when an error has no name).
 */
export function validateValue(
  n: Node,
  data: unknown,
  basePath: string | undefined,
  old?: unknown,
): FieldError[] {
  const errs: OErr[] = [];
  validateNode(n, data, "", old, errs);
  if (errs.length === 0) return [];
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const nilPath = basePath ?? "<nil>";
  for (const e of errs) {
    if (seen.has(e.message)) continue;
    seen.add(e.message);
    if (e.code === Code.Composite) {
      out.push({ type: "FieldValueInvalid", field: nilPath, badValue: "", detail: e.message });
      continue;
    }
    const name = e.name.startsWith(".") ? e.name.slice(1) : e.name;
    const path = name !== "" && e.name !== "." ? child(basePath, name) : nilPath;
    // Go prints a float64 bad value with %v (1e+06); integers decode as int64 and print plainly.
    const value = e.value === undefined
      ? ""
      : typeof e.value === "number" && !Number.isInteger(e.value)
      ? new RawValue(goFloat(e.value))
      : e.value;
    switch (e.code) {
      case Code.Required:
        out.push(required(path, ""));
        break;
      case Code.Enum: {
        const values = e.values!.map((v) => typeof v === "string" ? v : JSON.stringify(v));
        out.push({
          type: "FieldValueNotSupported",
          field: path,
          badValue: value,
          detail: values.length ? `supported values: ${values.map(goQuote).join(", ")}` : "",
        });
        break;
      }
      case Code.TooLong:
        out.push(tooLong(path, e.valid!, e.valid === 1 ? "byte" : "bytes"));
        break;
      case Code.MaxItems:
      case Code.TooManyProperties:
        out.push({
          type: "FieldValueTooMany",
          field: path,
          badValue: OMIT_VALUE,
          detail: `${value}: must have at most ${e.valid} ${e.valid === 1 ? "item" : "items"}`,
        });
        break;
      case Code.InvalidType:
        out.push({
          type: "FieldValueTypeInvalid",
          field: path,
          badValue: value,
          detail: e.message,
        });
        break;
      default:
        out.push({ type: "FieldValueInvalid", field: path, badValue: value, detail: e.message });
    }
  }
  return out;
}
