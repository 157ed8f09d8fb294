// Copyright 2026 the k1s authors. Apache-2.0 license.
// The parts of Go's net/url that Kubernetes' CEL URL library calls (`url.ParseRequestURI` to
// validate, `url.Parse` to split, and the URL accessors), ported so results and error texts
// match: `url('../x')` fails with `parse "../x": invalid URI for request` as in Go.
import { goQuote } from "../_go.ts";

/** A parsed URL (the fields of Go's url.URL the library reads). */
export interface GoURL {
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
}

type Mode = "path" | "host" | "zone" | "user" | "query" | "fragment";

const enc = new TextEncoder();
const dec = new TextDecoder();

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === "host" || mode === "zone") && "!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  if ("-_.~".includes(ch)) return false;
  if ("$&+,/:;=?@".includes(ch)) {
    switch (mode) {
      case "path":
        return ch === "?";
      case "user":
        return ch === "@" || ch === "/" || ch === "?" || ch === ":";
      case "query":
        return true;
      case "fragment":
        return false;
    }
  }
  if (mode === "fragment" && "!()*".includes(ch)) return false;
  return true;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return c - 0x41 + 10;
}

const quote = goQuote;

class UrlError extends Error {}

function unescape(s: string, mode: Mode): string {
  const b = enc.encode(s);
  const out: number[] = [];
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c === 0x25) {
      if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
        throw new UrlError(`invalid URL escape ${quote(dec.decode(b.slice(i, i + 3)))}`);
      }
      const v = (unhex(b[i + 1]) << 4) | unhex(b[i + 2]);
      const esc = dec.decode(b.slice(i, i + 3));
      if (mode === "host" && unhex(b[i + 1]) < 8 && esc !== "%25") {
        throw new UrlError(`invalid URL escape ${quote(esc)}`);
      }
      if (mode === "zone" && esc !== "%25" && v !== 0x20 && shouldEscape(v, "host")) {
        throw new UrlError(`invalid URL escape ${quote(esc)}`);
      }
      out.push(v);
      i += 3;
    } else if (c === 0x2b) {
      out.push(mode === "query" ? 0x20 : 0x2b);
      i++;
    } else {
      if ((mode === "host" || mode === "zone") && c < 0x80 && shouldEscape(c, mode)) {
        throw new UrlError(`invalid character ${quote(String.fromCharCode(c))} in host name`);
      }
      out.push(c);
      i++;
    }
  }
  return dec.decode(new Uint8Array(out));
}

function escape(s: string, mode: Mode): string {
  let out = "";
  for (const c of enc.encode(s)) {
    if (!shouldEscape(c, mode)) out += String.fromCharCode(c);
    else if (c === 0x20 && mode === "query") out += "+";
    else out += "%" + c.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || raw[i] === "+" || raw[i] === "-" || raw[i] === ".") {
      if (i === 0) return ["", raw];
      continue;
    }
    if (raw[i] === ":") {
      if (i === 0) throw new UrlError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function validOptionalPort(port: string): boolean {
  if (port === "") return true;
  if (port[0] !== ":") return false;
  for (const ch of port.slice(1)) if (ch < "0" || ch > "9") return false;
  return true;
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) {
      throw new UrlError(`invalid port ${quote(colonPort)} after host`);
    }
    const zone = host.slice(0, i).indexOf("%25");
    if (zone >= 0) {
      return unescape(host.slice(0, zone), "host") + unescape(host.slice(zone, i), "zone") +
        unescape(host.slice(i), "host");
    }
  } else {
    const i = host.lastIndexOf(":");
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) {
        throw new UrlError(`invalid port ${quote(colonPort)} after host`);
      }
    }
  }
  return unescape(host, "host");
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parseAuthority(authority: string): string {
  const i = authority.lastIndexOf("@");
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1));
  if (i < 0) return host;
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) throw new UrlError("net/url: invalid userinfo");
  const colon = userinfo.indexOf(":");
  if (colon < 0) unescape(userinfo, "user");
  else {
    unescape(userinfo.slice(0, colon), "user");
    unescape(userinfo.slice(colon + 1), "user");
  }
  return host;
}

function parse(raw: string, viaRequest: boolean): GoURL {
  if ([...raw].some((ch) => ch < " " || ch === "\x7f")) {
    throw new UrlError("net/url: invalid control character in URL");
  }
  if (raw === "" && viaRequest) throw new UrlError("empty url");
  const u: GoURL = {
    scheme: "",
    opaque: "",
    host: "",
    path: "",
    rawPath: "",
    rawQuery: "",
    fragment: "",
  };
  if (raw === "*") {
    u.path = "*";
    return u;
  }
  let rest: string;
  [u.scheme, rest] = getScheme(raw);
  u.scheme = u.scheme.toLowerCase();
  if (rest.endsWith("?") && rest.split("?").length === 2) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf("?");
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith("/")) {
    if (u.scheme !== "") {
      u.opaque = rest;
      return u;
    }
    if (viaRequest) throw new UrlError("invalid URI for request");
    const slash = rest.indexOf("/");
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(":")) {
      throw new UrlError("first path segment in URL cannot contain colon");
    }
  }
  if ((u.scheme !== "" || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const i = authority.indexOf("/");
    if (i >= 0) {
      rest = authority.slice(i);
      authority = authority.slice(0, i);
    }
    u.host = parseAuthority(authority);
  }
  u.path = unescape(rest, "path");
  u.rawPath = escape(u.path, "path") === rest ? "" : rest;
  return u;
}

/** Go's `url.Error`: `parse "<url>": <reason>`. */
function wrap<T>(url: string, fn: () => T): T | Error {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UrlError) return new Error(`parse ${quote(url)}: ${e.message}`);
    throw e;
  }
}

/** url.ParseRequestURI: an absolute URI or an absolute path. */
export function parseRequestURI(raw: string): GoURL | Error {
  return wrap(raw, () => parse(raw, true));
}

/** url.Parse, including the fragment. */
export function parseURL(raw: string): GoURL | Error {
  const hash = raw.indexOf("#");
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const parsed = wrap(u, () => parse(u, false));
  if (parsed instanceof Error || hash < 0) return parsed;
  return wrap(raw, () => ({ ...parsed, fragment: unescape(raw.slice(hash + 1), "fragment") }));
}

function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = "";
  const colon = host.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return [host, port];
}

/** url.URL.Hostname: the host without port or IPv6 brackets. */
export function urlHostname(u: GoURL): string {
  return splitHostPort(u.host)[0];
}

/** url.URL.Port. */
export function urlPort(u: GoURL): string {
  return splitHostPort(u.host)[1];
}

function validEncoded(s: string): boolean {
  for (const ch of s) {
    if ("!$&'()*+,;=:@[]%".includes(ch)) continue;
    const c = ch.charCodeAt(0);
    if (ch.length > 1 || shouldEscape(c, "path")) return false;
  }
  return true;
}

/** url.URL.EscapedPath. */
export function urlEscapedPath(u: GoURL): string {
  if (u.rawPath !== "" && validEncoded(u.rawPath)) {
    try {
      if (unescape(u.rawPath, "path") === u.path) return u.rawPath;
    } catch {
      // fall through to escaping the path
    }
  }
  if (u.path === "*") return "*";
  return escape(u.path, "path");
}

/** url.URL.Query: repeated keys collect several values; malformed pairs are skipped. */
export function urlQuery(u: GoURL): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of u.rawQuery.split("&")) {
    if (pair === "" || pair.includes(";")) continue;
    const eq = pair.indexOf("=");
    try {
      const k = unescape(eq < 0 ? pair : pair.slice(0, eq), "query");
      const v = unescape(eq < 0 ? "" : pair.slice(eq + 1), "query");
      const list = out.get(k);
      if (list) list.push(v);
      else out.set(k, [v]);
    } catch {
      // url.ParseQuery skips pairs with bad escapes
    }
  }
  return out;
}
