// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { checkX509KeyPair } from "./_write_tls.ts";
import { CliError } from "../_cli/errors.ts";

// testdata/tls holds throwaway pairs made with openssl (RSA PKCS#8 and PKCS#1, ECDSA P-256
// PKCS#8 and SEC 1, Ed25519); the messages are Go's `tls.X509KeyPair`'s, as
// `kubectl create secret tls` printed them for the same files.
const dir = new URL("./testdata/tls/", import.meta.url);
const read = (f: string) => Deno.readFile(new URL(f, dir));

Deno.test("checkX509KeyPair() accepts matching pairs of every key format", async (t) => {
  for (
    const [cert, key] of [
      ["rsa.crt", "rsa_pkcs8.key"],
      ["rsa_pkcs1.crt", "rsa_pkcs1.key"],
      ["ec.crt", "ec_pkcs8.key"],
      ["ec_sec1.crt", "ec_sec1.key"],
      ["ed25519.crt", "ed25519.key"],
    ]
  ) {
    await t.step(`${cert} + ${key}`, async () => {
      assertEquals(await checkX509KeyPair(await read(cert), await read(key)), undefined);
    });
  }
});

Deno.test("checkX509KeyPair() rejects what Go rejects, with Go's messages", async (t) => {
  const yaml = new TextEncoder().encode("apiVersion: v1\nkind: ConfigMap\n");
  const cases: [string, Uint8Array | string, Uint8Array | string, string][] = [
    ["another RSA key", "rsa.crt", "rsa_pkcs1.key", "tls: private key does not match public key"],
    [
      "an EC key for an RSA certificate",
      "rsa.crt",
      "ec_pkcs8.key",
      "tls: private key type does not match public key type",
    ],
    ["another EC key", "ec_sec1.crt", "ec_pkcs8.key", "tls: private key does not match public key"],
    [
      "switched inputs",
      "rsa_pkcs8.key",
      "rsa.crt",
      "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
    ],
    [
      "a certificate as the key",
      "rsa.crt",
      "rsa.crt",
      "tls: found a certificate rather than a key in the PEM for the private key",
    ],
    [
      "no PEM certificate",
      yaml,
      "rsa_pkcs8.key",
      "tls: failed to find any PEM data in certificate input",
    ],
    ["no PEM key", "rsa.crt", yaml, "tls: failed to find any PEM data in key input"],
  ];
  for (const [name, cert, key, message] of cases) {
    await t.step(name, async () => {
      const c = typeof cert === "string" ? await read(cert) : cert;
      const k = typeof key === "string" ? await read(key) : key;
      const err = await assertRejects(() => checkX509KeyPair(c, k), CliError);
      assertEquals(err.message, message);
    });
  }
});
