// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import type { KubeObject } from "../object/types.ts";
import { secretType } from "./secret.ts";
import { goJsonObjectError } from "./_go_json.ts";

const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const IMMUTABLE = "Forbidden: field is immutable when `immutable` is set";

function b64(s: string): string {
  return btoa(s);
}

function secret(
  fields: Record<string, unknown> = {},
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s", namespace: "default", ...(annotations ? { annotations } : {}) },
    type: "Opaque",
    ...fields,
  };
}

Deno.test("secretType folds stringData into data and defaults the type", async (t) => {
  const cases: [string, KubeObject, KubeObject][] = [
    [
      "type defaults to Opaque",
      { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } },
      { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "Opaque" },
    ],
    [
      "empty type defaults to Opaque",
      { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "" },
      { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "Opaque" },
    ],
    [
      "stringData merged, winning on the same key",
      secret({ data: { a: b64("old"), b: b64("keep") }, stringData: { a: "new", c: "héllo" } }),
      secret({ data: { a: b64("new"), b: b64("keep"), c: "aMOpbGxv" } }),
    ],
    ["empty stringData dropped", secret({ stringData: {} }), secret()],
    [
      "other types kept",
      secret({ type: "kubernetes.io/tls" }),
      secret({ type: "kubernetes.io/tls" }),
    ],
  ];
  for (const [name, obj, want] of cases) {
    await t.step(name, () => {
      secretType.strategy.prepareForCreate!(obj);
      assertEquals(obj, want);
    });
  }
  await t.step("on update too", () => {
    const obj = secret({ type: undefined, stringData: { a: "b" } });
    secretType.strategy.prepareForUpdate!(obj, secret());
    assertEquals(obj, secret({ data: { a: b64("b") } }));
  });
});

Deno.test("secretType validates keys, size and the keys each type requires", async (t) => {
  const cfg = b64('{"auths":{"r.io":{"username":"u","password":"p","auth":"dTpw"}}}');
  const cases: [string, KubeObject, string[]][] = [
    ["Opaque", secret({ data: { "a.b": b64("x") } }), []],
    ["bad key", secret({ data: { "a/b": b64("x") } }), [
      `data[a/b]: Invalid value: "a/b": ${KEY_MSG}`,
    ]],
    ["exactly 1 MiB", secret({ data: { a: b64("x".repeat(1048576)) } }), []],
    ["over 1 MiB", secret({ data: { a: b64("x".repeat(1048576)), b: b64("y") } }), [
      "data: Too long: may not be more than 1048576 bytes",
    ]],
    ["unknown type", secret({ type: "example.com/custom" }), []],
    [
      "service-account-token with name",
      secret({ type: "kubernetes.io/service-account-token" }, {
        "kubernetes.io/service-account.name": "sa",
      }),
      [],
    ],
    [
      "service-account-token without name",
      secret({ type: "kubernetes.io/service-account-token" }),
      [
        "metadata.annotations[kubernetes.io/service-account.name]: Required value",
      ],
    ],
    [
      "service-account-token with empty name",
      secret({ type: "kubernetes.io/service-account-token" }, {
        "kubernetes.io/service-account.name": "",
      }),
      ["metadata.annotations[kubernetes.io/service-account.name]: Required value"],
    ],
    ["dockercfg", secret({ type: "kubernetes.io/dockercfg", data: { ".dockercfg": cfg } }), []],
    ["dockercfg missing", secret({ type: "kubernetes.io/dockercfg" }), [
      "data[.dockercfg]: Required value",
    ]],
    [
      "dockercfg not JSON",
      secret({ type: "kubernetes.io/dockercfg", data: { ".dockercfg": b64("nope") } }),
      [
        `data[.dockercfg]: Invalid value: "<secret contents redacted>": invalid character 'o' in literal null (expecting 'u')`,
      ],
    ],
    [
      "dockerconfigjson",
      secret({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": cfg } }),
      [],
    ],
    [
      "dockerconfigjson missing",
      secret({ type: "kubernetes.io/dockerconfigjson", data: { ".dockercfg": cfg } }),
      [
        "data[.dockerconfigjson]: Required value",
      ],
    ],
    [
      "dockerconfigjson an array",
      secret({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64("[]") } }),
      [
        `data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}`,
      ],
    ],
    [
      "dockerconfigjson empty",
      secret({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": "" } }),
      [
        `data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input`,
      ],
    ],
    [
      "basic-auth username only",
      secret({ type: "kubernetes.io/basic-auth", data: { username: "" } }),
      [],
    ],
    [
      "basic-auth password only",
      secret({ type: "kubernetes.io/basic-auth", data: { password: b64("p") } }),
      [],
    ],
    ["basic-auth neither", secret({ type: "kubernetes.io/basic-auth" }), [
      "data[username]: Required value",
      "data[password]: Required value",
    ]],
    [
      "ssh-auth",
      secret({ type: "kubernetes.io/ssh-auth", data: { "ssh-privatekey": b64("k") } }),
      [],
    ],
    [
      "ssh-auth empty key",
      secret({ type: "kubernetes.io/ssh-auth", data: { "ssh-privatekey": "" } }),
      [
        "data[ssh-privatekey]: Required value",
      ],
    ],
    ["ssh-auth missing", secret({ type: "kubernetes.io/ssh-auth" }), [
      "data[ssh-privatekey]: Required value",
    ]],
    ["tls", secret({ type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } }), []],
    ["tls missing both", secret({ type: "kubernetes.io/tls" }), [
      "data[tls.crt]: Required value",
      "data[tls.key]: Required value",
    ]],
    ["tls missing key", secret({ type: "kubernetes.io/tls", data: { "tls.crt": "" } }), [
      "data[tls.key]: Required value",
    ]],
  ];
  for (const [name, obj, want] of cases) {
    await t.step(
      name,
      () => assertEquals(secretType.strategy.validate!(obj).map(formatFieldError), want),
    );
  }
});

Deno.test("secretType keeps type and immutable data on update", async (t) => {
  const frozen = secret({ immutable: true, data: { a: b64("1") } });
  const cases: [string, KubeObject, KubeObject, string[]][] = [
    ["data changes", secret({ data: { a: b64("2") } }), secret({ data: { a: b64("1") } }), []],
    [
      "type changed",
      secret({ type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } }),
      secret(),
      [
        'type: Invalid value: "kubernetes.io/tls": field is immutable',
      ],
    ],
    ["immutable unchanged", structuredClone(frozen), frozen, []],
    ["immutable data changed", secret({ immutable: true, data: { a: b64("2") } }), frozen, [
      `data: ${IMMUTABLE}`,
    ]],
    ["immutable unset", secret({ data: { a: b64("1") } }), frozen, [`immutable: ${IMMUTABLE}`]],
    ["update still validates", secret({ data: { "a b": "" } }), secret(), [
      `data[a b]: Invalid value: "a b": ${KEY_MSG}`,
    ]],
  ];
  for (const [name, obj, old, want] of cases) {
    await t.step(name, () => {
      assertEquals(secretType.strategy.validateUpdate!(obj, old).map(formatFieldError), want);
    });
  }
  await t.step("a PUT without type defaults to Opaque, which then cannot replace tls", () => {
    const old = secret({ type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } });
    const obj = secret({ type: undefined, data: { "tls.crt": "", "tls.key": "" } });
    secretType.strategy.prepareForUpdate!(obj, old);
    assertEquals(secretType.strategy.validateUpdate!(obj, old).map(formatFieldError), [
      'type: Invalid value: "Opaque": field is immutable',
    ]);
  });
});

Deno.test("secretType warns about TLS key pairs it can tell are wrong", async (t) => {
  const cert = b64("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  const key = b64("-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n");
  const tls = (crt: string, k: string) =>
    secret({ type: "kubernetes.io/tls", data: { "tls.crt": crt, "tls.key": k } });
  const cases: [string, KubeObject, string[]][] = [
    ["not tls", secret(), []],
    ["PEM pair", tls(cert, key), []],
    ["no certificate", tls("", key), ["tls: failed to find any PEM data in certificate input"]],
    ["switched", tls(key, cert), [
      "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
    ]],
    ["no key", tls(cert, ""), ["tls: failed to find any PEM data in key input"]],
    ["certificate as key", tls(cert, cert), [
      "tls: found a certificate rather than a key in the PEM for the private key",
    ]],
  ];
  for (const [name, obj, want] of cases) {
    await t.step(name, () => assertEquals(secretType.strategy.warnings!(obj, undefined), want));
  }
});

Deno.test("secretType selects by type and prints TYPE and DATA", () => {
  assertEquals(secretType.strategy.fieldSelectorAttrs!(secret()), { type: "Opaque" });
  assertEquals(
    secretType.strategy.fieldSelectorAttrs!({ apiVersion: "", kind: "", metadata: {} }),
    { type: "" },
  );
  assertEquals(secretType.printerColumns.map((c) => c.name), ["Type", "Data", "Age"]);
  assertEquals(secretType.printerColumns[1].value!(secret({ data: { a: "", b: "" } })), 2);
});

Deno.test("goJsonObjectError() words errors as Go's encoding/json", async (t) => {
  const cases: [string, string | undefined][] = [
    ["{}", undefined],
    [' {"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"]} ', undefined],
    ["null", undefined],
    ["", "unexpected end of JSON input"],
    ["   ", "unexpected end of JSON input"],
    ["{", "unexpected end of JSON input"],
    ["x", "invalid character 'x' looking for beginning of value"],
    ["{a:1}", "invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ["[1,]", "invalid character ']' looking for beginning of value"],
    ["[1 2]", "invalid character '2' after array element"],
    ["{} {}", "invalid character '{' after top-level value"],
    ["01", "invalid character '1' after top-level value"],
    ["-x", "invalid character 'x' in numeric literal"],
    ["1.x", "invalid character 'x' after decimal point in numeric literal"],
    ["1ex", "invalid character 'x' in exponent of numeric literal"],
    ["tru", "unexpected end of JSON input"],
    ["trux", "invalid character 'x' in literal true (expecting 'e')"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"\\u12x4"', "invalid character 'x' in \\u hexadecimal character escape"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
    ['"s"', "json: cannot unmarshal string into Go value of type map[string]interface {}"],
    ["1", "json: cannot unmarshal number into Go value of type map[string]interface {}"],
    ["true", "json: cannot unmarshal bool into Go value of type map[string]interface {}"],
  ];
  for (const [input, want] of cases) {
    await t.step(JSON.stringify(input), () => {
      assertEquals(goJsonObjectError(new TextEncoder().encode(input)), want);
    });
  }
});
