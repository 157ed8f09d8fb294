// Copyright 2026 the k1s authors. Apache-2.0 license.
// Kubernetes' CEL libraries that @bufbuild/cel lacks (URL, quantity, IP, CIDR), cel-go's sets
// extension and optional field/index selection, as evaluator functions. Library values
// (quantities, URLs, addresses, prefixes) travel through the evaluator as one-entry maps keyed
// by a name no CEL expression can write; the checker keeps them apart from real maps, and
// equality is overridden so `quantity('1k') == quantity('1000')` compares values.
import {
  type CelFunc,
  celFunc,
  celList,
  celMethod,
  CelScalar,
  isCelList,
  isCelMap,
  isCelUint,
} from "@bufbuild/cel";
import {
  addQuantity,
  compareQuantity,
  decodeQuantity,
  encodeQuantity,
  intQuantity,
  parseQuantity,
  type Quantity,
  quantityAsFloat,
  quantityAsInt64,
  quantitySign,
  subQuantity,
} from "./quantity.ts";
import {
  parseRequestURI,
  parseURL,
  urlEscapedPath,
  urlHostname,
  urlPort,
  urlQuery,
} from "./url.ts";
import {
  type Addr,
  addrString,
  is4In6,
  isGlobalUnicast,
  isLinkLocalMulticast,
  isLinkLocalUnicast,
  isLoopback,
  isUnspecified,
  maskedPrefix,
  parseAddr,
  parsePrefix,
  type Prefix,
  prefixContains,
  prefixEqual,
  prefixString,
} from "./ip.ts";
import { goQuote } from "../_go.ts";
import { IN_SET, NONE, OPT, OPT_INDEX, OPT_SELECT, OPT_SELECT_STRICT } from "./meter.ts";

const { BOOL, DOUBLE, DYN, INT, STRING } = CelScalar;

export { NONE, OPT };

const QUANTITY = "\u0000kubernetes.Quantity";
const URL_KEY = "\u0000kubernetes.URL";
const IP_KEY = "\u0000net.IP";
const CIDR_KEY = "\u0000net.CIDR";
const OPAQUE = [QUANTITY, URL_KEY, IP_KEY, CIDR_KEY];

type MapLike = { size: number; get(k: unknown): unknown; keys(): Iterable<unknown> };

/** Whether a value is an optional (`optional.of(x)` or `optional.none()`). */
export function isOptional(v: unknown): v is MapLike {
  return isCelMap(v) && v.size === 1 && (v.has(OPT) || v.has(NONE));
}

/** Whether an optional has a value (a present `null` counts). */
export function hasValue(v: MapLike): boolean {
  return mapHas(v, OPT);
}

// The evaluator accepts native maps as CEL maps; the result type is cast to what its function
// signatures expect.

/** `optional.of(x)`. */
export function some(x: unknown): never {
  return new Map([[OPT, x]]) as never;
}

/** `optional.none()`. */
export function none(): never {
  return new Map([[NONE, true]]) as never;
}

function opaque(key: string, payload: string): never {
  return new Map([[key, payload]]) as never;
}

function payloadOf(v: unknown, key: string): string | undefined {
  if (!isCelMap(v) || v.size !== 1) return undefined;
  const p = v.get(key);
  return typeof p === "string" ? p : undefined;
}

function opaqueKind(v: unknown): string | undefined {
  if (!isCelMap(v) || v.size !== 1) return undefined;
  return OPAQUE.find((k) => typeof v.get(k) === "string");
}

const noOverload = () => new Error("no such overload");

function quantityOf(v: unknown): Quantity {
  const p = payloadOf(v, QUANTITY);
  if (p === undefined) throw noOverload();
  return decodeQuantity(p);
}

const quantityValue = (q: Quantity) => opaque(QUANTITY, encodeQuantity(q));

function ipOf(v: unknown): Addr {
  const p = payloadOf(v, IP_KEY);
  if (p === undefined) throw noOverload();
  return parseAddr(p) as Addr;
}

function cidrOf(v: unknown): Prefix {
  const p = payloadOf(v, CIDR_KEY);
  if (p === undefined) throw noOverload();
  return parsePrefix(p) as Prefix;
}

function urlOf(v: unknown) {
  const p = payloadOf(v, URL_KEY);
  if (p === undefined) throw noOverload();
  return parseURL(p) as Exclude<ReturnType<typeof parseURL>, Error>;
}

/** The library's `parseIPAddr`: netip.ParseAddr without zones or IPv4-mapped addresses. */
function parseIP(raw: string): Addr | Error {
  const a = parseAddr(raw);
  if (a instanceof Error) {
    return new Error(
      `IP Address ${goQuote(raw)} parse error during conversion from string: ${a.message}`,
    );
  }
  if (a.zone !== "") {
    return new Error(`IP address ${goQuote(raw)} with zone value is not allowed`);
  }
  if (is4In6(a)) return new Error(`IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  return a;
}

/** The library's `parseCIDR`. */
function parseCIDR(raw: string): Prefix | Error {
  const p = parsePrefix(raw);
  if (p instanceof Error) {
    return new Error(`network address parse error during conversion from string: ${p.message}`);
  }
  if (is4In6(p.addr)) {
    return new Error(`IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  }
  return p;
}

/** The library's `stringToCIDR`, which wraps parseCIDR's error once more. */
function cidrFromString(s: string): Prefix {
  const p = parseCIDR(s);
  if (p instanceof Error) {
    throw new Error(`network address parse error during conversion from string: ${p.message}`);
  }
  return p;
}

function stringToCIDR(s: string): never {
  return opaque(CIDR_KEY, prefixString(cidrFromString(s)));
}

function stringToIP(s: string): never {
  const a = parseIP(s);
  if (a instanceof Error) throw a;
  return opaque(IP_KEY, addrString(a));
}

/**
 * CEL equality with the library types: quantities compare by value, URLs by their parsed
 * parts, addresses and prefixes by their canonical forms.
 */
export function makeEquals(std: (a: unknown, b: unknown) => boolean) {
  return function equals(a: unknown, b: unknown): boolean {
    const ka = opaqueKind(a);
    const kb = opaqueKind(b);
    if (ka === undefined && kb === undefined) return std(a, b);
    if (ka !== kb) return false;
    switch (ka) {
      case QUANTITY:
        return compareQuantity(quantityOf(a), quantityOf(b)) === 0;
      case URL_KEY:
        return JSON.stringify(urlOf(a)) === JSON.stringify(urlOf(b));
      case IP_KEY:
        return payloadOf(a, IP_KEY) === payloadOf(b, IP_KEY);
      default:
        return prefixEqual(cidrOf(a), cidrOf(b));
    }
  };
}

function mapHas(m: MapLike, k: unknown): boolean {
  if (m.get(k) !== undefined) return true;
  for (const x of m.keys()) if (x === k) return true;
  return false;
}

function items(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isCelList(v)) return [...v];
  throw noOverload();
}

/**
 * The library functions, given CEL equality and the standard `in` overloads (replaced by ones
 * with the same signatures, so they use that equality).
 */
export function libraryFuncs(
  equals: (a: unknown, b: unknown) => boolean,
  stdIn: Iterable<CelFunc>,
): CelFunc[] {
  const contains = (list: unknown[], x: unknown) => list.some((y) => equals(y, x));
  const setsContains = (a: unknown, b: unknown) => {
    const la = items(a);
    return items(b).every((x) => contains(la, x));
  };
  const select = (x: unknown, field: string, strict: boolean): unknown => {
    if (isOptional(x)) {
      if (!mapHas(x, OPT)) return none();
      x = x.get(OPT);
    }
    if (!isCelMap(x) || opaqueKind(x) !== undefined) throw noOverload();
    if (mapHas(x, field)) return some(x.get(field));
    if (strict) throw new Error(`no such key: ${field}`);
    return none();
  };
  const ipMethod = (name: string, fn: (a: Addr) => boolean) =>
    celMethod(name, DYN, [], BOOL, function () {
      return fn(ipOf(this));
    });
  const urlGetter = (name: string, fn: (u: ReturnType<typeof urlOf>) => string) =>
    celMethod(name, DYN, [], STRING, function () {
      return fn(urlOf(this));
    });
  const inFuncs = [...stdIn].map((f) =>
    celFunc("@in", f.arguments as [typeof DYN, typeof DYN], BOOL, (x, c) => {
      if (isCelMap(c)) return mapHas(c, isCelUint(x) ? x.value : x);
      return contains(items(c), x);
    })
  );
  return [
    ...inFuncs,
    celFunc(IN_SET, [DYN, DYN], BOOL, (x, c) => contains(items(c), x)),
    celFunc("_==_", [DYN, DYN], BOOL, (a, b) => equals(a, b)),
    celFunc("_!=_", [DYN, DYN], BOOL, (a, b) => !equals(a, b)),
    // sets extension
    celFunc("sets.contains", [DYN, DYN], BOOL, setsContains),
    celFunc(
      "sets.equivalent",
      [DYN, DYN],
      BOOL,
      (a, b) => setsContains(a, b) && setsContains(b, a),
    ),
    celFunc("sets.intersects", [DYN, DYN], BOOL, (a, b) => {
      const lb = items(b);
      return items(a).some((x) => contains(lb, x));
    }),
    // optional selection
    celFunc(OPT_SELECT, [DYN, STRING], DYN, (x, f) => select(x, f, false) as never),
    celFunc(OPT_SELECT_STRICT, [DYN, STRING], DYN, (x, f) => select(x, f, true) as never),
    celFunc(OPT_INDEX, [DYN, DYN], DYN, (v, k) => {
      let x: unknown = v;
      if (isOptional(x)) {
        if (!mapHas(x, OPT)) return none();
        x = x.get(OPT);
      }
      if (Array.isArray(x) || isCelList(x)) {
        const xs = items(x);
        const i = typeof k === "bigint" ? k : isCelUint(k) ? k.value : undefined;
        if (i === undefined) throw noOverload();
        return i >= 0n && i < BigInt(xs.length) ? some(xs[Number(i)]) : none();
      }
      if (isCelMap(x)) return mapHas(x, k) ? some(x.get(k as never)) : none();
      throw noOverload();
    }),
    // URLs
    celFunc("url", [STRING], DYN, (s) => {
      const check = parseRequestURI(s);
      if (check instanceof Error) {
        throw new Error(`URL parse error during conversion from string: ${check.message}`);
      }
      const u = parseURL(s);
      if (u instanceof Error) {
        throw new Error(`URL parse error during conversion from string: ${u.message}`);
      }
      return opaque(URL_KEY, s);
    }),
    celFunc("isURL", [STRING], BOOL, (s) => !(parseRequestURI(s) instanceof Error)),
    urlGetter("getScheme", (u) => u.scheme),
    urlGetter("getHost", (u) => u.host),
    urlGetter("getHostname", urlHostname),
    urlGetter("getPort", urlPort),
    urlGetter("getEscapedPath", urlEscapedPath),
    celMethod("getQuery", DYN, [], DYN, function () {
      const q = urlQuery(urlOf(this));
      return new Map([...q].map(([k, v]) => [k, celList(v)])) as never;
    }),
    // quantities
    celFunc("quantity", [STRING], DYN, (s) => {
      const q = parseQuantity(s);
      if (q instanceof Error) throw q;
      return quantityValue(q);
    }),
    celFunc("isQuantity", [STRING], BOOL, (s) => !(parseQuantity(s) instanceof Error)),
    celFunc("sign", [DYN], INT, (q) => BigInt(quantitySign(quantityOf(q)))),
    celMethod("isGreaterThan", DYN, [DYN], BOOL, function (o) {
      return compareQuantity(quantityOf(this), quantityOf(o)) === 1;
    }),
    celMethod("isLessThan", DYN, [DYN], BOOL, function (o) {
      return compareQuantity(quantityOf(this), quantityOf(o)) === -1;
    }),
    celMethod("compareTo", DYN, [DYN], INT, function (o) {
      return BigInt(compareQuantity(quantityOf(this), quantityOf(o)));
    }),
    celMethod("asApproximateFloat", DYN, [], DOUBLE, function () {
      return quantityAsFloat(quantityOf(this));
    }),
    celMethod("asInteger", DYN, [], INT, function () {
      const v = quantityAsInt64(quantityOf(this));
      if (v === undefined) throw new Error("cannot convert value to integer");
      return v;
    }),
    celMethod("isInteger", DYN, [], BOOL, function () {
      return quantityAsInt64(quantityOf(this)) !== undefined;
    }),
    ...(["add", "sub"] as const).map((name) =>
      celMethod(name, DYN, [DYN], DYN, function (o) {
        const q = quantityOf(this);
        const other = typeof o === "bigint" ? intQuantity(o) : quantityOf(o);
        return quantityValue(name === "add" ? addQuantity(q, other) : subQuantity(q, other));
      })
    ),
    // IP addresses
    celFunc("ip", [STRING], DYN, stringToIP),
    celMethod("ip", DYN, [], DYN, function () {
      return opaque(IP_KEY, addrString(cidrOf(this).addr));
    }),
    celFunc("isIP", [STRING], BOOL, (s) => !(parseIP(s) instanceof Error)),
    celFunc("ip.isCanonical", [STRING], BOOL, (s) => {
      const a = parseIP(s);
      if (a instanceof Error) throw a;
      return addrString(a) === s;
    }),
    celMethod("family", DYN, [], INT, function () {
      return ipOf(this).bytes.length === 4 ? 4n : 6n;
    }),
    ipMethod("isUnspecified", isUnspecified),
    ipMethod("isLoopback", isLoopback),
    ipMethod("isLinkLocalMulticast", isLinkLocalMulticast),
    ipMethod("isLinkLocalUnicast", isLinkLocalUnicast),
    ipMethod("isGlobalUnicast", isGlobalUnicast),
    celFunc("string", [DYN], STRING, (v) => {
      const kind = opaqueKind(v);
      if (kind === IP_KEY) return addrString(ipOf(v));
      if (kind === CIDR_KEY) return prefixString(cidrOf(v));
      throw noOverload();
    }),
    // CIDR prefixes
    celFunc("cidr", [STRING], DYN, stringToCIDR),
    celFunc("isCIDR", [STRING], BOOL, (s) => !(parseCIDR(s) instanceof Error)),
    celMethod("containsIP", DYN, [DYN], BOOL, function (o) {
      const c = cidrOf(this);
      if (typeof o === "string") {
        const a = parseIP(o);
        if (a instanceof Error) throw noOverload();
        return prefixContains(c, a);
      }
      return prefixContains(c, ipOf(o));
    }),
    celMethod("containsCIDR", DYN, [DYN], BOOL, function (o) {
      const c = cidrOf(this);
      const other = typeof o === "string" ? cidrFromString(o) : cidrOf(o);
      const masked = maskedPrefix(c);
      const equal = prefixEqual(masked, { addr: other.addr, bits: c.bits });
      return equal && c.bits <= other.bits;
    }),
    celMethod("prefixLength", DYN, [], INT, function () {
      return BigInt(cidrOf(this).bits);
    }),
    celMethod("masked", DYN, [], DYN, function () {
      return opaque(CIDR_KEY, prefixString(maskedPrefix(cidrOf(this))));
    }),
  ];
}
