// Copyright 2026 the k1s authors. Apache-2.0 license.
// Function declarations the checker resolves calls against: CEL's standard library, the
// strings extension (version 2), and Kubernetes' list and regex libraries, as in the CRD
// validation environment of Kubernetes 1.32.
import {
  BOOL,
  BYTES,
  type CelType,
  DOUBLE,
  DURATION,
  DYN,
  INT,
  list,
  map,
  NULL,
  param,
  STRING,
  TIMESTAMP,
  UINT,
} from "./types.ts";

/** One overload: for member overloads the first parameter is the receiver. */
export interface Overload {
  params: CelType[];
  result: CelType;
  member: boolean;
}

const A = param("A");
const B = param("B");

function g(params: CelType[], result: CelType): Overload {
  return { params, result, member: false };
}

function m(params: CelType[], result: CelType): Overload {
  return { params, result, member: true };
}

const NUMERIC = [INT, UINT, DOUBLE];
const COMPARABLE = [INT, UINT, DOUBLE, BOOL, STRING, BYTES, TIMESTAMP, DURATION];

function comparison(): Overload[] {
  const out = COMPARABLE.map((t) => g([t, t], BOOL));
  for (
    const [a, b] of [[INT, DOUBLE], [DOUBLE, INT], [INT, UINT], [UINT, INT], [UINT, DOUBLE], [
      DOUBLE,
      UINT,
    ]]
  ) {
    out.push(g([a, b], BOOL));
  }
  return out;
}

function timeAccessors(): Overload[] {
  return [m([TIMESTAMP], INT), m([TIMESTAMP, STRING], INT)];
}

/** Declarations by function name. */
export const DECLS: ReadonlyMap<string, readonly Overload[]> = new Map<string, Overload[]>([
  ["_+_", [
    ...NUMERIC.map((t) => g([t, t], t)),
    g([STRING, STRING], STRING),
    g([BYTES, BYTES], BYTES),
    g([list(A), list(A)], list(A)),
    g([TIMESTAMP, DURATION], TIMESTAMP),
    g([DURATION, TIMESTAMP], TIMESTAMP),
    g([DURATION, DURATION], DURATION),
  ]],
  ["_-_", [
    ...NUMERIC.map((t) => g([t, t], t)),
    g([TIMESTAMP, TIMESTAMP], DURATION),
    g([TIMESTAMP, DURATION], TIMESTAMP),
    g([DURATION, DURATION], DURATION),
  ]],
  ["_*_", NUMERIC.map((t) => g([t, t], t))],
  ["_/_", NUMERIC.map((t) => g([t, t], t))],
  ["_%_", [g([INT, INT], INT), g([UINT, UINT], UINT)]],
  ["-_", [g([INT], INT), g([DOUBLE], DOUBLE)]],
  ["!_", [g([BOOL], BOOL)]],
  ["_&&_", [g([BOOL, BOOL], BOOL)]],
  ["_||_", [g([BOOL, BOOL], BOOL)]],
  ["@not_strictly_false", [g([BOOL], BOOL)]],
  ["_?_:_", [g([BOOL, A, A], A)]],
  ["_==_", [g([A, A], BOOL)]],
  ["_!=_", [g([A, A], BOOL)]],
  ["_<_", comparison()],
  ["_<=_", comparison()],
  ["_>_", comparison()],
  ["_>=_", comparison()],
  ["_[_]", [g([list(A), INT], A), g([map(A, B), A], B)]],
  ["@in", [g([A, list(A)], BOOL), g([A, map(A, B)], BOOL)]],
  ["size", [
    g([STRING], INT),
    g([BYTES], INT),
    g([list(A)], INT),
    g([map(A, B)], INT),
    m([STRING], INT),
    m([BYTES], INT),
    m([list(A)], INT),
    m([map(A, B)], INT),
  ]],
  ["matches", [g([STRING, STRING], BOOL), m([STRING, STRING], BOOL)]],
  ["contains", [m([STRING, STRING], BOOL)]],
  ["startsWith", [m([STRING, STRING], BOOL)]],
  ["endsWith", [m([STRING, STRING], BOOL)]],
  ["int", [g([INT], INT), g([UINT], INT), g([DOUBLE], INT), g([STRING], INT), g([TIMESTAMP], INT)]],
  ["uint", [g([UINT], UINT), g([INT], UINT), g([DOUBLE], UINT), g([STRING], UINT)]],
  ["double", [g([DOUBLE], DOUBLE), g([INT], DOUBLE), g([UINT], DOUBLE), g([STRING], DOUBLE)]],
  ["string", [
    g([STRING], STRING),
    g([INT], STRING),
    g([UINT], STRING),
    g([DOUBLE], STRING),
    g([BOOL], STRING),
    g([BYTES], STRING),
    g([TIMESTAMP], STRING),
    g([DURATION], STRING),
  ]],
  ["bytes", [g([BYTES], BYTES), g([STRING], BYTES)]],
  ["bool", [g([BOOL], BOOL), g([STRING], BOOL)]],
  ["duration", [g([DURATION], DURATION), g([STRING], DURATION)]],
  ["timestamp", [g([TIMESTAMP], TIMESTAMP), g([STRING], TIMESTAMP), g([INT], TIMESTAMP)]],
  ["dyn", [g([A], DYN)]],
  ["type", [g([A], { kind: "type", of: A })]],
  ["getFullYear", timeAccessors()],
  ["getMonth", timeAccessors()],
  ["getDayOfYear", timeAccessors()],
  ["getDayOfMonth", timeAccessors()],
  ["getDate", timeAccessors()],
  ["getDayOfWeek", timeAccessors()],
  ["getHours", [...timeAccessors(), m([DURATION], INT)]],
  ["getMinutes", [...timeAccessors(), m([DURATION], INT)]],
  ["getSeconds", [...timeAccessors(), m([DURATION], INT)]],
  ["getMilliseconds", [...timeAccessors(), m([DURATION], INT)]],
  // strings extension (cel-go ext.Strings, version 2)
  ["charAt", [m([STRING, INT], STRING)]],
  ["indexOf", [
    m([STRING, STRING], INT),
    m([STRING, STRING, INT], INT),
    m([list(A), A], INT),
  ]],
  ["lastIndexOf", [
    m([STRING, STRING], INT),
    m([STRING, STRING, INT], INT),
    m([list(A), A], INT),
  ]],
  ["lowerAscii", [m([STRING], STRING)]],
  ["upperAscii", [m([STRING], STRING)]],
  ["replace", [m([STRING, STRING, STRING], STRING), m([STRING, STRING, STRING, INT], STRING)]],
  ["split", [m([STRING, STRING], list(STRING)), m([STRING, STRING, INT], list(STRING))]],
  ["substring", [m([STRING, INT], STRING), m([STRING, INT, INT], STRING)]],
  ["trim", [m([STRING], STRING)]],
  ["join", [m([list(STRING)], STRING), m([list(STRING), STRING], STRING)]],
  ["format", [m([STRING, list(DYN)], STRING)]],
  ["strings.quote", [g([STRING], STRING)]],
  // Kubernetes list library
  ["isSorted", COMPARABLE.map((t) => m([list(t)], BOOL))],
  ["sum", [INT, UINT, DOUBLE, DURATION].map((t) => m([list(t)], t))],
  ["min", COMPARABLE.map((t) => m([list(t)], t))],
  ["max", COMPARABLE.map((t) => m([list(t)], t))],
  // optional values (cel-go OptionalTypes), for optionalOldSelf rules
  ["hasValue", [m([{ kind: "opt", elem: A }], BOOL)]],
  ["value", [m([{ kind: "opt", elem: A }], A)]],
  ["orValue", [m([{ kind: "opt", elem: A }, A], A)]],
  ["or", [m([{ kind: "opt", elem: A }, { kind: "opt", elem: A }], { kind: "opt", elem: A })]],
  ["optional.of", [g([A], { kind: "opt", elem: A })]],
  ["optional.ofNonZeroValue", [g([A], { kind: "opt", elem: A })]],
  ["optional.none", [g([], { kind: "opt", elem: A })]],
  // Kubernetes regex library
  ["find", [m([STRING, STRING], STRING)]],
  ["findAll", [m([STRING, STRING], list(STRING)), m([STRING, STRING, INT], list(STRING))]],
]);

/** Identifiers that name types (`type(x) == int`). */
export const TYPE_IDENTS: ReadonlyMap<string, CelType> = new Map<string, CelType>([
  ["int", INT],
  ["uint", UINT],
  ["double", DOUBLE],
  ["bool", BOOL],
  ["string", STRING],
  ["bytes", BYTES],
  ["null_type", NULL],
  ["list", list(DYN)],
  ["map", map(DYN, DYN)],
  ["type", { kind: "type", of: DYN }],
  ["google.protobuf.Timestamp", TIMESTAMP],
  ["google.protobuf.Duration", DURATION],
]);
