// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The checks Go's `tls.X509KeyPair` makes before `create secret tls` accepts a certificate and
 * a key: PEM blocks of the right types, a parsable certificate and key, and a key that matches
 * the certificate's public key (RSA, ECDSA and Ed25519), with Go's messages.
 *
 * @module
 */
import { CliError } from "../_cli/errors.ts";

interface PemBlock {
  type: string;
  bytes: Uint8Array;
}

/** Decodes the PEM blocks of a file, skipping text between them (Go's `pem.Decode` loop). */
function pemBlocks(data: Uint8Array): PemBlock[] {
  const text = new TextDecoder("latin1").decode(data);
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (const m of text.matchAll(re)) {
    const body = m[2].split(/\r?\n/).filter((l) => !l.includes(":")).join("").replace(/\s/g, "");
    try {
      const bin = atob(body);
      out.push({ type: m[1], bytes: Uint8Array.from(bin, (c) => c.charCodeAt(0)) });
    } catch {
      // Not valid base64: pem.Decode does not see a block.
    }
  }
  return out;
}

interface Der {
  tag: number;
  content: Uint8Array;
  end: number;
}

function readDer(b: Uint8Array, pos = 0): Der {
  if (pos + 2 > b.length) throw new Error("truncated");
  const tag = b[pos];
  let len = b[pos + 1];
  let off = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || off + n > b.length) throw new Error("bad length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[off + i];
    off += n;
  }
  if (off + len > b.length) throw new Error("truncated");
  return { tag, content: b.subarray(off, off + len), end: off + len };
}

function children(b: Uint8Array): Der[] {
  const out: Der[] = [];
  let pos = 0;
  while (pos < b.length) {
    const d = readDer(b, pos);
    out.push(d);
    pos = d.end;
  }
  return out;
}

function oid(b: Uint8Array): string {
  const parts = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}

function hex(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s.replace(/^(00)+/, "");
}

const RSA = "1.2.840.113549.1.1.1";
const EC = "1.2.840.10045.2.1";
const ED25519 = "1.3.101.112";

type PublicKey =
  | { alg: "rsa"; n: string }
  | { alg: "ec"; point: string }
  | { alg: "ed25519"; key: string }
  | { alg: "unknown" };

function certificatePublicKey(der: Uint8Array): PublicKey {
  const cert = readDer(der);
  if (cert.tag !== 0x30) throw new Error("not a sequence");
  const tbs = children(cert.content)[0];
  const fields = children(tbs.content);
  const i = fields[0].tag === 0xa0 ? 1 : 0;
  const spki = fields[i + 5];
  const [alg, bits] = children(spki.content);
  const algOid = oid(children(alg.content)[0].content);
  const key = bits.content.subarray(1);
  if (algOid === RSA) {
    const [n] = children(readDer(key).content);
    return { alg: "rsa", n: hex(n.content) };
  }
  if (algOid === EC) return { alg: "ec", point: hex(key) };
  if (algOid === ED25519) return { alg: "ed25519", key: hex(key) };
  return { alg: "unknown" };
}

async function privateKey(der: Uint8Array): Promise<PublicKey> {
  const top = readDer(der);
  if (top.tag !== 0x30) throw new Error("not a sequence");
  const f = children(top.content);
  // PKCS#1: version, n, e, d, p, q, ...
  if (f.length >= 9 && f.every((x) => x.tag === 0x02)) return { alg: "rsa", n: hex(f[1].content) };
  // PKCS#8: version, algorithm, OCTET STRING key.
  if (f.length >= 3 && f[1].tag === 0x30 && f[2].tag === 0x04) {
    const algOid = oid(children(f[1].content)[0].content);
    const inner = f[2].content;
    if (algOid === RSA) return await privateKey(inner);
    if (algOid === EC || algOid === ED25519) {
      if (algOid === EC) {
        const pub = ecPublicFromSec1(inner);
        if (pub) return pub;
      }
      return await publicFromWebCrypto(der, algOid === EC ? "ec" : "ed25519", f[1].content);
    }
    throw new Error("unknown algorithm");
  }
  // SEC1 ECPrivateKey: version 1, OCTET STRING, [0] params, [1] public key.
  if (f.length >= 2 && f[0].tag === 0x02 && f[1].tag === 0x04) {
    const pub = ecPublicFromSec1(top.content, true);
    if (pub) return pub;
  }
  throw new Error("unparsable");
}

function ecPublicFromSec1(content: Uint8Array, isBody = false): PublicKey | undefined {
  const fields = children(isBody ? content : readDer(content).content);
  const pub = fields.find((x) => x.tag === 0xa1);
  if (!pub) return undefined;
  const bits = readDer(pub.content);
  return { alg: "ec", point: hex(bits.content.subarray(1)) };
}

async function publicFromWebCrypto(
  pkcs8: Uint8Array,
  alg: "ec" | "ed25519",
  algSeq: Uint8Array,
): Promise<PublicKey> {
  let params: EcKeyImportParams | Algorithm;
  if (alg === "ec") {
    const curve = oid(children(algSeq)[1].content);
    const named =
      { "1.2.840.10045.3.1.7": "P-256", "1.3.132.0.34": "P-384", "1.3.132.0.35": "P-521" }[
        curve
      ];
    if (!named) throw new Error("unsupported curve");
    params = { name: "ECDSA", namedCurve: named };
  } else {
    params = { name: "Ed25519" };
  }
  const key = await crypto.subtle.importKey("pkcs8", new Uint8Array(pkcs8), params, true, [
    "sign",
  ]);
  const jwk = await crypto.subtle.exportKey("jwk", key);
  const bytes = (s: string) =>
    Uint8Array.from(atob(s.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
  if (alg === "ec") {
    const x = bytes(jwk.x!);
    const y = bytes(jwk.y!);
    return { alg: "ec", point: hex(Uint8Array.of(4, ...x, ...y)) };
  }
  return { alg: "ed25519", key: hex(bytes(jwk.x!)) };
}

/**
 * Checks a certificate and key pair as Go's `tls.X509KeyPair` does.
 *
 * @param certPem The certificate file content.
 * @param keyPem The key file content.
 * @throws {CliError} Go's messages (`tls: failed to find any PEM data in certificate input`,
 * `tls: private key does not match public key`, ...).
 */
export async function checkX509KeyPair(certPem: Uint8Array, keyPem: Uint8Array): Promise<void> {
  const certBlocks = pemBlocks(certPem);
  const certs = certBlocks.filter((b) => b.type === "CERTIFICATE");
  if (certs.length === 0) {
    const skipped = certBlocks.map((b) => b.type);
    if (skipped.length === 0) {
      throw new CliError("tls: failed to find any PEM data in certificate input");
    }
    if (skipped.length === 1 && skipped[0].endsWith("PRIVATE KEY")) {
      throw new CliError(
        "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
      );
    }
    throw new CliError(
      `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${
        skipped.join(" ")
      }]`,
    );
  }
  const skipped: string[] = [];
  let keyBlock: PemBlock | undefined;
  for (const b of pemBlocks(keyPem)) {
    if (b.type === "PRIVATE KEY" || b.type.endsWith(" PRIVATE KEY")) {
      keyBlock = b;
      break;
    }
    skipped.push(b.type);
  }
  if (!keyBlock) {
    if (skipped.length === 0) throw new CliError("tls: failed to find any PEM data in key input");
    if (skipped.length === 1 && skipped[0] === "CERTIFICATE") {
      throw new CliError(
        "tls: found a certificate rather than a key in the PEM for the private key",
      );
    }
    throw new CliError(
      `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${
        skipped.join(" ")
      }]`,
    );
  }
  let pub: PublicKey;
  try {
    pub = certificatePublicKey(certs[0].bytes);
  } catch {
    throw new CliError("x509: malformed certificate");
  }
  let priv: PublicKey;
  try {
    priv = await privateKey(keyBlock.bytes);
  } catch {
    throw new CliError("tls: failed to parse private key");
  }
  if (pub.alg === "unknown") throw new CliError("tls: unknown public key algorithm");
  if (pub.alg !== priv.alg) {
    throw new CliError("tls: private key type does not match public key type");
  }
  const same = (pub.alg === "rsa" && priv.alg === "rsa" && pub.n === priv.n) ||
    (pub.alg === "ec" && priv.alg === "ec" && pub.point === priv.point) ||
    (pub.alg === "ed25519" && priv.alg === "ed25519" && pub.key === priv.key);
  if (!same) throw new CliError("tls: private key does not match public key");
}
