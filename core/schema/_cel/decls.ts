// Copyright 2026 the k1s authors. Apache-2.0 license.
// Function declarations the checker resolves calls against: CEL's standard library, the
// strings extension (version 2), the sets extension, optional values, and Kubernetes' list,
// regex, URL, quantity, IP and CIDR libraries, as in the CRD validation environment of
// Kubernetes 1.32 (`environment.MustBaseEnvSet` at compatibility version 1.31, which new CRD
// rules compile against).
import {
  BOOL,
  BYTES,
  type CelType,
  CIDR,
  DOUBLE,
  DURATION,
  DYN,
  INT,
  IP,
  list,
  map,
  NULL,
  opt,
  param,
  QUANTITY,
  STRING,
  TIMESTAMP,
  UINT,
  URL,
} from "./types.ts";

/** One overload: for member overloads the first parameter is the receiver. */
export interface Overload {
  params: CelType[];
  result: CelType;
  member: boolean;
  /** cel-go's overload id, where the cost estimator tells overloads apart. */
  id?: string;
}

const A = param("A");
const B = param("B");

function g(params: CelType[], result: CelType, id?: string): Overload {
  return id ? { params, result, member: false, id } : { params, result, member: false };
}

function m(params: CelType[], result: CelType, id?: string): Overload {
  return id ? { params, result, member: true, id } : { params, result, member: true };
}

const NUMERIC = [INT, UINT, DOUBLE];
const COMPARABLE = [INT, UINT, DOUBLE, BOOL, STRING, BYTES, TIMESTAMP, DURATION];

function comparison(op: string): Overload[] {
  const out = COMPARABLE.map((t) =>
    g([t, t], BOOL, t === STRING ? `${op}_string` : t === BYTES ? `${op}_bytes` : undefined)
  );
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
    g([STRING, STRING], STRING, "add_string"),
    g([BYTES, BYTES], BYTES, "add_bytes"),
    g([list(A), list(A)], list(A), "add_list"),
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
  ["_&&_", [g([BOOL, BOOL], BOOL, "logical_and")]],
  ["_||_", [g([BOOL, BOOL], BOOL, "logical_or")]],
  ["@not_strictly_false", [g([BOOL], BOOL)]],
  ["_?_:_", [g([BOOL, A, A], A, "conditional")]],
  ["_==_", [g([A, A], BOOL, "equals")]],
  ["_!=_", [g([A, A], BOOL, "not_equals")]],
  ["_<_", comparison("less")],
  ["_<=_", comparison("less_equals")],
  ["_>_", comparison("greater")],
  ["_>=_", comparison("greater_equals")],
  ["_[_]", [g([list(A), INT], A, "index_list"), g([map(A, B), A], B, "index_map")]],
  ["_[?_]", [
    g([list(A), INT], opt(A)),
    g([map(A, B), A], opt(B)),
    g([opt(list(A)), INT], opt(A)),
    g([opt(map(A, B)), A], opt(B)),
  ]],
  ["@in", [g([A, list(A)], BOOL, "in_list"), g([A, map(A, B)], BOOL, "in_map")]],
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
  ["matches", [g([STRING, STRING], BOOL, "matches"), m([STRING, STRING], BOOL, "matches_string")]],
  ["contains", [m([STRING, STRING], BOOL, "contains_string")]],
  ["startsWith", [m([STRING, STRING], BOOL, "starts_with_string")]],
  ["endsWith", [m([STRING, STRING], BOOL, "ends_with_string")]],
  ["int", [g([INT], INT), g([UINT], INT), g([DOUBLE], INT), g([STRING], INT), g([TIMESTAMP], INT)]],
  ["uint", [g([UINT], UINT), g([INT], UINT), g([DOUBLE], UINT), g([STRING], UINT)]],
  ["double", [g([DOUBLE], DOUBLE), g([INT], DOUBLE), g([UINT], DOUBLE), g([STRING], DOUBLE)]],
  ["string", [
    g([STRING], STRING),
    g([INT], STRING),
    g([UINT], STRING),
    g([DOUBLE], STRING),
    g([BOOL], STRING),
    g([BYTES], STRING, "bytes_to_string"),
    g([TIMESTAMP], STRING),
    g([DURATION], STRING),
    g([IP], STRING),
    g([CIDR], STRING),
  ]],
  ["bytes", [g([BYTES], BYTES), g([STRING], BYTES, "string_to_bytes")]],
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
  ["format", [m([STRING, list(DYN)], STRING, "string_format")]],
  ["strings.quote", [g([STRING], STRING, "strings_quote")]],
  // Kubernetes list library
  ["isSorted", COMPARABLE.map((t) => m([list(t)], BOOL))],
  ["sum", [INT, UINT, DOUBLE, DURATION].map((t) => m([list(t)], t))],
  ["min", COMPARABLE.map((t) => m([list(t)], t))],
  ["max", COMPARABLE.map((t) => m([list(t)], t))],
  // optional values (cel-go OptionalTypes), for optionalOldSelf rules
  ["hasValue", [m([opt(A)], BOOL)]],
  ["value", [m([opt(A)], A)]],
  ["orValue", [m([opt(A), A], A)]],
  ["or", [m([opt(A), opt(A)], opt(A))]],
  ["optional.of", [g([A], opt(A))]],
  ["optional.ofNonZeroValue", [g([A], opt(A))]],
  ["optional.none", [g([], opt(A))]],
  // Kubernetes regex library
  ["find", [m([STRING, STRING], STRING)]],
  ["findAll", [m([STRING, STRING], list(STRING)), m([STRING, STRING, INT], list(STRING))]],
  // sets extension (cel-go ext.Sets)
  ["sets.contains", [g([list(A), list(A)], BOOL, "list_sets_contains_list")]],
  ["sets.equivalent", [g([list(A), list(A)], BOOL, "list_sets_equivalent_list")]],
  ["sets.intersects", [g([list(A), list(A)], BOOL, "list_sets_intersects_list")]],
  // Kubernetes URL library
  ["url", [g([STRING], URL)]],
  ["isURL", [g([STRING], BOOL)]],
  ["getScheme", [m([URL], STRING)]],
  ["getHost", [m([URL], STRING)]],
  ["getHostname", [m([URL], STRING)]],
  ["getPort", [m([URL], STRING)]],
  ["getEscapedPath", [m([URL], STRING)]],
  ["getQuery", [m([URL], map(STRING, list(STRING)))]],
  // Kubernetes quantity library; `sign` is declared as a global function there, so
  // `q.sign()` does not compile and `sign(q)` does.
  ["quantity", [g([STRING], QUANTITY)]],
  ["isQuantity", [g([STRING], BOOL)]],
  ["sign", [g([QUANTITY], INT)]],
  ["isGreaterThan", [m([QUANTITY, QUANTITY], BOOL)]],
  ["isLessThan", [m([QUANTITY, QUANTITY], BOOL)]],
  ["compareTo", [m([QUANTITY, QUANTITY], INT)]],
  ["asApproximateFloat", [m([QUANTITY], DOUBLE)]],
  ["asInteger", [m([QUANTITY], INT)]],
  ["isInteger", [m([QUANTITY], BOOL)]],
  ["add", [m([QUANTITY, QUANTITY], QUANTITY), m([QUANTITY, INT], QUANTITY)]],
  ["sub", [m([QUANTITY, QUANTITY], QUANTITY), m([QUANTITY, INT], QUANTITY)]],
  // Kubernetes IP library
  ["ip", [g([STRING], IP, "string_to_ip"), m([CIDR], IP, "cidr_ip")]],
  ["isIP", [g([STRING], BOOL)]],
  ["ip.isCanonical", [g([STRING], BOOL)]],
  ["family", [m([IP], INT)]],
  ["isUnspecified", [m([IP], BOOL)]],
  ["isLoopback", [m([IP], BOOL)]],
  ["isLinkLocalMulticast", [m([IP], BOOL)]],
  ["isLinkLocalUnicast", [m([IP], BOOL)]],
  ["isGlobalUnicast", [m([IP], BOOL)]],
  // Kubernetes CIDR library
  ["cidr", [g([STRING], CIDR)]],
  ["isCIDR", [g([STRING], BOOL)]],
  ["containsIP", [
    m([CIDR, STRING], BOOL, "cidr_contains_ip_string"),
    m([CIDR, IP], BOOL, "cidr_contains_ip_ip"),
  ]],
  ["containsCIDR", [
    m([CIDR, STRING], BOOL, "cidr_contains_cidr_string"),
    m([CIDR, CIDR], BOOL, "cidr_contains_cidr"),
  ]],
  ["prefixLength", [m([CIDR], INT)]],
  ["masked", [m([CIDR], CIDR)]],
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
