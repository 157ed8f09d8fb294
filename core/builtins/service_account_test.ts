// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import { serviceAccountType } from "./service_account.ts";

function sa(
  fields: Record<string, unknown> = {},
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "a", namespace: "default", ...(annotations ? { annotations } : {}) },
    ...fields,
  };
}

Deno.test("serviceAccountType keeps only the names of secret references", async (t) => {
  const cases: [string, KubeObject, KubeObject][] = [
    ["no secrets", sa(), sa()],
    [
      "extra fields dropped",
      sa({
        secrets: [{ name: "t", kind: "Secret", namespace: "x", uid: "1" }, {}, { kind: "Secret" }],
      }),
      sa({ secrets: [{ name: "t" }, {}, {}] }),
    ],
    [
      "imagePullSecrets untouched",
      sa({ imagePullSecrets: [{ name: "r" }], automountServiceAccountToken: false }),
      sa({ imagePullSecrets: [{ name: "r" }], automountServiceAccountToken: false }),
    ],
  ];
  for (const [name, obj, want] of cases) {
    await t.step(`create: ${name}`, () => {
      serviceAccountType.strategy.prepareForCreate!(obj);
      assertEquals(obj, want);
    });
  }
  await t.step("update", () => {
    const obj = sa({ secrets: [{ name: "t", kind: "Secret" }] });
    serviceAccountType.strategy.prepareForUpdate!(obj, sa());
    assertEquals(obj, sa({ secrets: [{ name: "t" }] }));
  });
});

Deno.test("serviceAccountType warns when enforce-mountable-secrets is newly set", async (t) => {
  const ann = { "kubernetes.io/enforce-mountable-secrets": "true" };
  const warning =
    "metadata.annotations[kubernetes.io/enforce-mountable-secrets]: deprecated in v1.32+; prefer separate namespaces to isolate access to mounted secrets";
  const cases: [string, KubeObject, KubeObject | undefined, string[]][] = [
    ["create without", sa(), undefined, []],
    ["create with", sa({}, ann), undefined, [warning]],
    ["update adding it", sa({}, ann), sa(), [warning]],
    ["update keeping it", sa({}, ann), sa({}, ann), []],
  ];
  for (const [name, obj, old, want] of cases) {
    await t.step(name, () => assertEquals(serviceAccountType.strategy.warnings!(obj, old), want));
  }
});

Deno.test("serviceAccountType prints SECRETS as a count", () => {
  const [secrets] = serviceAccountType.printerColumns;
  assertEquals(secrets.name, "Secrets");
  assertEquals(secrets.type, "integer");
  assertEquals(secrets.value!(sa()), 0);
  assertEquals(secrets.value!(sa({ secrets: [{ name: "a" }, { name: "b" }] })), 2);
  assertEquals(serviceAccountType.shortNames, ["sa"]);
});
