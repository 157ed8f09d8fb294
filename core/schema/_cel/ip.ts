// Copyright 2026 the k1s authors. Apache-2.0 license.
// The parts of Go's net/netip that Kubernetes' CEL IP and CIDR libraries call (ParseAddr,
// ParsePrefix, Addr.String, the address classes, Prefix.Contains and Masked), ported so parse
// errors read as Go writes them: `ParseAddr("127.0.0.256"): IPv4 field has value >255`.
import { goQuote } from "../_go.ts";

/** An IP address: 4 or 16 bytes, and the zone of an IPv6 address. */
export interface Addr {
  bytes: Uint8Array;
  zone: string;
}

/** A prefix: an address (not necessarily masked) and a bit count. */
export interface Prefix {
  addr: Addr;
  bits: number;
}

class AddrError extends Error {
  constructor(input: string, msg: string, at = "") {
    const q = goQuote;
    super(`ParseAddr(${q(input)}): ${msg}${at ? ` (at ${q(at)})` : ""}`);
  }
}

function parseIPv4Fields(input: string, off: number, end: number, out: Uint8Array, o: number) {
  let val = 0;
  let pos = 0;
  let digLen = 0;
  const s = input.slice(off, end);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= "0" && c <= "9") {
      if (digLen === 1 && val === 0) {
        throw new AddrError(input, "IPv4 field has octet with leading zero");
      }
      val = val * 10 + (c.charCodeAt(0) - 48);
      digLen++;
      if (val > 255) throw new AddrError(input, "IPv4 field has value >255");
    } else if (c === ".") {
      if (i === 0 || i === s.length - 1 || s[i - 1] === ".") {
        throw new AddrError(input, "IPv4 field must have at least one digit", s.slice(i));
      }
      if (pos === 3) throw new AddrError(input, "IPv4 address too long");
      out[o + pos++] = val;
      val = 0;
      digLen = 0;
    } else {
      throw new AddrError(input, "unexpected character", s.slice(i));
    }
  }
  if (pos < 3) throw new AddrError(input, "IPv4 address too short");
  out[o + 3] = val;
}

function hexVal(c: string): number {
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  if (c >= "a" && c <= "f") return c.charCodeAt(0) - 87;
  if (c >= "A" && c <= "F") return c.charCodeAt(0) - 55;
  return -1;
}

function parseIPv6(input: string): Addr {
  let s = input;
  let zone = "";
  const pct = s.indexOf("%");
  if (pct !== -1) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === "") throw new AddrError(input, "zone must be a non-empty string");
  }
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ":" && s[1] === ":") {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return { bytes: ip, zone };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const h = hexVal(s[off]);
      if (h < 0) break;
      acc = acc * 16 + h;
      if (off > 3) throw new AddrError(input, "each group must have 4 or less digits", s);
      if (acc > 0xffff) throw new AddrError(input, "IPv6 field has value >=2^16", s);
    }
    if (off === 0) {
      throw new AddrError(input, "each colon-separated field must have at least one digit", s);
    }
    if (off < s.length && s[off] === ".") {
      if (ellipsis < 0 && i !== 12) {
        throw new AddrError(
          input,
          "embedded IPv4 address must replace the final 2 fields of the address",
          s,
        );
      }
      if (i + 4 > 16) {
        throw new AddrError(
          input,
          "too many hex fields to fit an embedded IPv4 at the end of the address",
          s,
        );
      }
      let end = input.length;
      if (zone.length > 0) end -= zone.length + 1;
      parseIPv4Fields(input, end - s.length, end, ip, i);
      s = "";
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ":") throw new AddrError(input, "unexpected character, want colon", s);
    if (s.length === 1) throw new AddrError(input, "colon must be followed by more characters", s);
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) throw new AddrError(input, "multiple :: in address", s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) throw new AddrError(input, "trailing garbage after address", s);
  if (i < 16) {
    if (ellipsis < 0) throw new AddrError(input, "address string too short");
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    throw new AddrError(input, "the :: must expand to at least one field of zeros", s);
  }
  return { bytes: ip, zone };
}

/**
 * netip.ParseAddr.
 *
 * @returns The address, or Go's error.
 */
export function parseAddr(s: string): Addr | Error {
  try {
    for (let i = 0; i < s.length; i++) {
      switch (s[i]) {
        case ".": {
          const b = new Uint8Array(4);
          parseIPv4Fields(s, 0, s.length, b, 0);
          return { bytes: b, zone: "" };
        }
        case ":":
          return parseIPv6(s);
        case "%":
          throw new AddrError(s, "missing IPv6 address");
      }
    }
    throw new AddrError(s, "unable to parse IP");
  } catch (e) {
    if (e instanceof AddrError) return new Error(e.message);
    throw e;
  }
}

/** Whether the address is an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`). */
export function is4In6(a: Addr): boolean {
  if (a.bytes.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (a.bytes[i] !== 0) return false;
  return a.bytes[10] === 0xff && a.bytes[11] === 0xff;
}

/** netip.Addr.String: dotted IPv4, RFC 5952 IPv6. */
export function addrString(a: Addr): string {
  const b = a.bytes;
  if (b.length === 4) return b.join(".");
  const zone = a.zone ? `%${a.zone}` : "";
  if (is4In6(a)) return `::ffff:${[...b.slice(12)].join(".")}${zone}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1]);
  let zeroStart = 255;
  let zeroEnd = 255;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    const l = j - i;
    if (l >= 2 && l > zeroEnd - zeroStart) {
      zeroStart = i;
      zeroEnd = j;
    }
  }
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === zeroStart) {
      out += "::";
      i = zeroEnd;
      if (i >= 8) break;
    } else if (i > 0) out += ":";
    out += groups[i].toString(16);
  }
  return out + zone;
}

function v4(a: Addr): boolean {
  return a.bytes.length === 4;
}

/** Addr.IsUnspecified: 0.0.0.0 or ::. */
export function isUnspecified(a: Addr): boolean {
  return a.bytes.every((x) => x === 0);
}

/** Addr.IsLoopback: 127.0.0.0/8 or ::1. */
export function isLoopback(a: Addr): boolean {
  if (v4(a)) return a.bytes[0] === 127;
  return a.bytes.every((x, i) => x === (i === 15 ? 1 : 0));
}

/** Addr.IsMulticast: 224.0.0.0/4 or ff00::/8. */
function isMulticast(a: Addr): boolean {
  return v4(a) ? (a.bytes[0] & 0xf0) === 0xe0 : a.bytes[0] === 0xff;
}

/** Addr.IsLinkLocalUnicast: 169.254.0.0/16 or fe80::/10. */
export function isLinkLocalUnicast(a: Addr): boolean {
  if (v4(a)) return a.bytes[0] === 169 && a.bytes[1] === 254;
  return a.bytes[0] === 0xfe && (a.bytes[1] & 0xc0) === 0x80;
}

/** Addr.IsLinkLocalMulticast: 224.0.0.0/24 or ff02::/16. */
export function isLinkLocalMulticast(a: Addr): boolean {
  if (v4(a)) return a.bytes[0] === 224 && a.bytes[1] === 0 && a.bytes[2] === 0;
  return a.bytes[0] === 0xff && (a.bytes[1] & 0x0f) === 0x02;
}

/** Addr.IsGlobalUnicast, as package net defines it (private ranges count). */
export function isGlobalUnicast(a: Addr): boolean {
  if (v4(a) && (isUnspecified(a) || a.bytes.every((x) => x === 255))) return false;
  return !isUnspecified(a) && !isLoopback(a) && !isMulticast(a) && !isLinkLocalUnicast(a);
}

/**
 * netip.ParsePrefix.
 *
 * @returns The prefix (unmasked), or Go's error.
 */
export function parsePrefix(s: string): Prefix | Error {
  const fail = (msg: string) => new Error(`netip.ParsePrefix(${goQuote(s)}): ${msg}`);
  const i = s.lastIndexOf("/");
  if (i < 0) return fail("no '/'");
  const addr = parseAddr(s.slice(0, i));
  if (addr instanceof Error) return fail(addr.message);
  if (addr.bytes.length === 16 && addr.zone !== "") {
    return fail("IPv6 zones cannot be present in a prefix");
  }
  const bitsStr = s.slice(i + 1);
  if (bitsStr.length > 1 && (bitsStr[0] < "1" || bitsStr[0] > "9")) {
    return fail(`bad bits after slash: ${goQuote(bitsStr)}`);
  }
  if (!/^[+-]?\d+$/.test(bitsStr)) return fail(`bad bits after slash: ${goQuote(bitsStr)}`);
  const bits = Number(bitsStr);
  const maxBits = addr.bytes.length * 8;
  if (bits < 0 || bits > maxBits) return fail("prefix length out of range");
  return { addr, bits };
}

/** Prefix.Masked: the address with the bits after the prefix cleared. */
export function maskedPrefix(p: Prefix): Prefix {
  const b = p.addr.bytes.slice();
  for (let i = 0; i < b.length; i++) {
    const keep = Math.max(0, Math.min(8, p.bits - i * 8));
    b[i] &= (0xff << (8 - keep)) & 0xff;
  }
  return { addr: { bytes: b, zone: p.addr.zone }, bits: p.bits };
}

/** Prefix.Contains: whether `a` (same family, no zone) shares the prefix's leading bits. */
export function prefixContains(p: Prefix, a: Addr): boolean {
  if (a.zone !== "" || a.bytes.length !== p.addr.bytes.length) return false;
  const m = maskedPrefix({ addr: a, bits: p.bits }).addr.bytes;
  const n = maskedPrefix(p).addr.bytes;
  return m.every((x, i) => x === n[i]);
}

/** Prefix equality (address, zone and bits), as Go compares Prefix values. */
export function prefixEqual(a: Prefix, b: Prefix): boolean {
  return a.bits === b.bits && addrEqual(a.addr, b.addr);
}

/** Addr equality. */
export function addrEqual(a: Addr, b: Addr): boolean {
  return a.zone === b.zone && a.bytes.length === b.bytes.length &&
    a.bytes.every((x, i) => x === b.bytes[i]);
}

/** Prefix.String. */
export function prefixString(p: Prefix): string {
  return `${addrString(p.addr)}/${p.bits}`;
}
