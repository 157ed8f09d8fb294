// Copyright 2026 the k1s authors. Apache-2.0 license.
// String formats as kube-openapi's `strfmt.Default` registry checks them, restricted to the
// formats apiextensions keeps for CRDs (`StripUnsupportedFormatsPostProcess`, Kubernetes 1.32).

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
// Built on first use: in a cold process V8 takes up to a millisecond to build a Unicode property
// class, which every write loading the schema code paid.
let hostname: RegExp | undefined;
const HOSTNAME = {
  test: (s: string): boolean =>
    (hostname ??=
      /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z0-9\p{S}\p{L}])(-?[a-zA-Z0-9\p{S}\p{L}]){1,62})$/u)
      .test(s),
};
const BASE64 =
  /^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=|[A-Za-z0-9+\/]{4})$/;
const HEXCOLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_PART = "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*";
const RGBCOLOR = new RegExp(`^rgb\\(${RGB_PART},${RGB_PART},${RGB_PART}\\)$`);
const SSN = /^\d{3}[- ]?\d{2}[- ]?\d{4}$/;
const CREDITCARD =
  /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11}|6[27][0-9]{14})$/;
const DATE_TIME_TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;
const BSON_OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** Go's `net.ParseIP` for dotted IPv4: four decimal octets without leading zeros. */
function parseIPv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === "0")) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** Go's `net.ParseIP` for IPv6, including an embedded IPv4 tail; returns 16 bytes. */
function parseIPv6(s: string): number[] | undefined {
  if (s.length === 0) return undefined;
  let ip4: number[] | undefined;
  let str = s;
  const lastColon = str.lastIndexOf(":");
  if (str.includes(".", lastColon)) {
    ip4 = parseIPv4(str.slice(lastColon + 1));
    if (!ip4) return undefined;
    str = str.slice(0, lastColon + 1) + "0:0";
  }
  const halves = str.split("::");
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === "") return [];
    const groups = h.split(":");
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      const n = parseInt(g, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !tail) return undefined;
  let bytes: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 14) return undefined;
    bytes = [...head, ...new Array(16 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 16) return undefined;
    bytes = head;
  }
  if (ip4) bytes.splice(12, 4, ...ip4);
  return bytes;
}

/** Go's `net.ParseIP(s) != nil`. */
export function isIP(s: string): boolean {
  return parseIPv4(s) !== undefined || (s.includes(":") && parseIPv6(s) !== undefined);
}

function isCIDR(s: string): boolean {
  const slash = s.indexOf("/");
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(bits) || (bits.length > 1 && bits[0] === "0")) return false;
  const n = Number(bits);
  if (parseIPv4(addr)) return n <= 32;
  if (addr.includes(":") && parseIPv6(addr)) return n <= 128;
  return false;
}

function isMAC(s: string): boolean {
  if (s.length < 14) return false;
  if (s[2] === ":" || s[2] === "-") {
    if ((s.length + 1) % 3 !== 0) return false;
    const n = (s.length + 1) / 3;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    const sep = s[2];
    for (let i = 0; i < n; i++) {
      const part = s.slice(i * 3, i * 3 + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(part)) return false;
      if (i < n - 1 && s[i * 3 + 2] !== sep) return false;
    }
    return true;
  }
  if (s[4] === ".") {
    if ((s.length + 1) % 5 !== 0) return false;
    const n = (2 * (s.length + 1)) / 5;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let i = 0; i < s.length; i += 5) {
      if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i, i + 4))) return false;
      if (i + 4 < s.length && s[i + 4] !== ".") return false;
    }
    return true;
  }
  return false;
}

function isISBN10(s: string): boolean {
  const t = s.replace(/[\s-]/g, "");
  if (!/^(?:[0-9]{9}X|[0-9]{10})$/.test(t)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (i + 1) * Number(t[i]);
  sum += t[9] === "X" ? 100 : 10 * Number(t[9]);
  return sum % 11 === 0;
}

function isISBN13(s: string): boolean {
  const t = s.replace(/[\s-]/g, "");
  if (!/^[0-9]{13}$/.test(t)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(t[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(t[12]);
}

function isCreditCard(s: string): boolean {
  const t = s.replace(/[^0-9]/g, "");
  if (!CREDITCARD.test(t)) return false;
  let sum = 0;
  let dbl = false;
  for (let i = t.length - 1; i >= 0; i--) {
    let d = Number(t[i]);
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

function isEmail(s: string): boolean {
  // net/mail.ParseAddress accepts `addr` and `Name <addr>`.
  const m = /^[^<>]*<([^<>]*)>\s*$/.exec(s);
  const addr = (m ? m[1] : s).trim();
  return /^[^\s@"(),:;<>\[\\\]]+@[^\s@"(),:;<>\[\\\]]+$/.test(addr) && !addr.endsWith(".");
}

function isRequestURI(s: string): boolean {
  // net/url.ParseRequestURI: an absolute URI or an absolute path, without control characters
  // and with well-formed percent escapes.
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  if (/%(?![0-9a-fA-F]{2})/.test(s.replace(/#.*$/, ""))) return false;
  if (s.startsWith("/")) return true;
  const m = /^([a-zA-Z][a-zA-Z0-9+.\-]*):(.*)$/.exec(s);
  if (!m) return false;
  const rest = m[2];
  if (rest.startsWith("//")) {
    const authority = rest.slice(2).split(/[/?#]/)[0];
    const host = authority.slice(authority.lastIndexOf("@") + 1);
    if (/\s/.test(host)) return false;
    const port = /:([^:\]]*)$/.exec(host);
    if (port && !host.endsWith("]") && !/^[0-9]*$/.test(port[1])) return false;
  }
  return true;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses Go's `2006-01-02` layout strictly, returning [year, month, day]. */
export function parseFullDate(s: string): [number, number, number] | undefined {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1];
  if (d > max) return undefined;
  return [y, mo, d];
}

/** strfmt's `IsDateTime`. */
export function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split("t");
  if (parts.length < 2 || !parseFullDate(parts[0])) return false;
  const m = DATE_TIME_TIME.exec(parts[1]);
  if (!m) return false;
  return m[1] <= "23" && m[2] <= "59" && m[3] <= "59";
}

const GO_DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "µs": 1e3,
  "μs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's `time.ParseDuration`, in nanoseconds; `undefined` when invalid. */
export function parseGoDuration(s: string): number | undefined {
  let str = s;
  let neg = false;
  if (str[0] === "-" || str[0] === "+") {
    neg = str[0] === "-";
    str = str.slice(1);
  }
  if (str === "0") return 0;
  if (str === "") return undefined;
  let total = 0;
  while (str !== "") {
    const m = /^([0-9]*)(\.[0-9]*)?([^0-9.]+)/.exec(str);
    if (!m || (m[1] === "" && (m[2] === undefined || m[2] === "."))) return undefined;
    const unit = GO_DURATION_UNITS[m[3]];
    if (unit === undefined) return undefined;
    total += Number(`${m[1] || "0"}${m[2] ?? ""}`) * unit;
    str = str.slice(m[0].length);
  }
  if (total > 9223372036854775807) return undefined;
  return neg ? -total : total;
}

const SCALA_UNITS: [string[], number][] = [
  [["ns", "nano"], 1],
  [["us", "µs", "micro"], 1e3],
  [["ms", "milli"], 1e6],
  [["s", "sec"], 1e9],
  [["m", "min"], 60e9],
  [["h", "hr", "hour"], 3600e9],
  [["d", "day"], 86400e9],
  [["w", "wk", "week"], 7 * 86400e9],
];

/** strfmt's `ParseDuration`: Go durations or Scala-style `3 days`, in nanoseconds. */
export function parseDuration(s: string): number | undefined {
  const go = parseGoDuration(s);
  if (go !== undefined) return go;
  if (!/^\s*(?:\d+\s*[A-Za-zµ]+\s*)+$/.test(s)) return undefined;
  let total = 0;
  let ok = false;
  for (const m of s.matchAll(/((\d+)\s*([A-Za-zµ]+))/g)) {
    const factor = Number(m[2]);
    const unit = m[3].trim().toLowerCase();
    for (const [variants, mult] of SCALA_UNITS) {
      const last = variants.length - 1;
      variants.forEach((v, i) => {
        if ((i === last && unit.startsWith(v)) || v === unit) {
          ok = true;
          total += factor * mult;
        }
      });
    }
  }
  return ok ? total : undefined;
}

const CHECKS: Record<string, (s: string) => boolean> = {
  bsonobjectid: (s) => BSON_OBJECT_ID.test(s),
  uri: isRequestURI,
  email: isEmail,
  hostname: (s) =>
    HOSTNAME.test(s) && new TextEncoder().encode(s).length <= 255 &&
    s.split(".").every((p) => new TextEncoder().encode(p).length <= 63),
  ipv4: (s) => isIP(s) && s.includes("."),
  ipv6: (s) => isIP(s) && s.includes(":"),
  cidr: isCIDR,
  mac: isMAC,
  uuid: (s) => UUID.test(s),
  uuid3: (s) => UUID3.test(s),
  uuid4: (s) => UUID4.test(s),
  uuid5: (s) => UUID5.test(s),
  isbn: (s) => isISBN10(s) || isISBN13(s),
  isbn10: isISBN10,
  isbn13: isISBN13,
  creditcard: isCreditCard,
  ssn: (s) => s.length === 11 && SSN.test(s),
  hexcolor: (s) => HEXCOLOR.test(s),
  rgbcolor: (s) => RGBCOLOR.test(s),
  byte: (s) => BASE64.test(s),
  password: () => true,
  date: (s) => parseFullDate(s) !== undefined,
  duration: (s) => parseDuration(s) !== undefined,
  datetime: isDateTime,
};

/**
 * The check for a schema format as apiextensions keeps it for a node of the given type, or
 * `undefined` when the format is stripped (unsupported) or unknown to the registry.
 */
export function formatChecker(
  type: string | undefined,
  format: string | undefined,
): ((s: string) => boolean) | undefined {
  if (!format || (type !== undefined && type !== "" && type !== "string")) return undefined;
  return CHECKS[format.replaceAll("-", "")];
}

/**
 * The format kube-openapi's type validator sees after apiextensions stripped unsupported ones:
 * string formats outside the registry, integer formats other than int32/int64 and number
 * formats other than float/double become empty.
 */
export function effectiveFormat(type: string | undefined, format: string | undefined): string {
  if (!format) return "";
  switch (type ?? "") {
    case "":
    case "string":
      return CHECKS[format.replaceAll("-", "")] ? format : "";
    case "integer":
      return format === "int32" || format === "int64" ? format : "";
    case "number":
      return format === "float" || format === "double" ? format : "";
    default:
      return "";
  }
}
