// Copyright 2026 the k1s authors. Apache-2.0 license.
// Values of the wrong JSON type through the real CLI: the apiserver's decoding errors as kubectl
// 1.32 prints them (checked against kubectl with tests/cli/testdata/write_oracle's fake server):
// `Error from server (BadRequest): error when creating ...` for bodies, `The request is invalid:
// patch: ...` for patches whose result does not decode. Nothing is stored.
import { assertEquals } from "@std/assert";
import { k1s, tempStore } from "./_helpers.ts";

const FILES: Record<string, string> = {
  "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  port: 8080\n",
  "cm_string.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata: hello\n",
  "immutable.yaml": 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\nimmutable: "yes"\n',
  "labels.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  labels:\n    a: 1\n",
  "sa.yaml":
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\nautomountServiceAccountToken: "yes"\n',
  "secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  a: 1\n",
  "role.yaml":
    "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n- verbs: get\n",
};

function handled(file: string, kind: string, err: string): string {
  return `Error from server (BadRequest): error when creating "${file}": ${kind} in version "v1" cannot be handled as a ${kind}: ${err}\n`;
}

function cannot(what: string, field: string, type: string): string {
  return `json: cannot unmarshal ${what} into Go struct field ${field} of type ${type}`;
}

/** uids and timestamps vary between runs. */
function normalize(s: string): string {
  return s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uid>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, "<time>");
}

Deno.test("k1s create -f rejects values of the wrong JSON type", async (t) => {
  const { dir, store, cleanup } = await tempStore();
  try {
    for (const [name, content] of Object.entries(FILES)) {
      await Deno.writeTextFile(`${dir}/${name}`, content);
    }
    const cases: [string, string][] = [
      ["cm.yaml", handled("cm.yaml", "ConfigMap", cannot("number", "ConfigMap.data", "string"))],
      [
        "cm_string.yaml",
        handled(
          "cm_string.yaml",
          "ConfigMap",
          cannot("string", "ConfigMap.data", "map[string]string"),
        ),
      ],
      [
        "immutable.yaml",
        handled("immutable.yaml", "ConfigMap", cannot("string", "ConfigMap.immutable", "bool")),
      ],
      [
        "labels.yaml",
        handled(
          "labels.yaml",
          "ConfigMap",
          cannot("number", "ObjectMeta.metadata.labels", "string"),
        ),
      ],
      [
        "sa.yaml",
        handled(
          "sa.yaml",
          "ServiceAccount",
          cannot("string", "ServiceAccount.automountServiceAccountToken", "bool"),
        ),
      ],
      [
        "secret.yaml",
        handled("secret.yaml", "Secret", cannot("number", "Secret.stringData", "string")),
      ],
      [
        "role.yaml",
        handled("role.yaml", "Role", cannot("string", "PolicyRule.rules.verbs", "[]string")),
      ],
    ];
    for (const [file, stderr] of cases) {
      await t.step(file, async () => {
        assertEquals(await k1s(["create", "-f", file], { store, cwd: dir }), {
          code: 1,
          stdout: "",
          stderr,
        });
      });
    }
    await t.step("nothing was stored", async () => {
      // Only what every namespace has.
      assertEquals(await k1s(["get", "cm,sa,secret,role", "-o", "name"], { store, cwd: dir }), {
        code: 0,
        stdout: "serviceaccount/default\n",
        stderr: "",
      });
    });
  } finally {
    await cleanup();
  }
});

Deno.test("k1s patch, apply and replace reject results of the wrong JSON type", async (t) => {
  const { dir, store, cleanup } = await tempStore();
  const run = (args: string[]) => k1s(args, { store, cwd: dir });
  try {
    await Deno.writeTextFile(`${dir}/cm.yaml`, FILES["cm.yaml"].replace("8080", '"8080"'));
    assertEquals((await run(["apply", "-f", "cm.yaml"])).stdout, "configmap/app created\n");
    const managed = '\\"managedFields\\":[{\\"manager\\":\\"kubectl-client-side-apply\\",' +
      '\\"operation\\":\\"Update\\",\\"apiVersion\\":\\"v1\\",\\"time\\":\\"<time>\\",' +
      '\\"fieldsType\\":\\"FieldsV1\\",\\"fieldsV1\\":{\\"f:data\\":{\\".\\":{},\\"f:port\\":{}},' +
      '\\"f:metadata\\":{\\"f:annotations\\":{\\".\\":{},' +
      '\\"f:kubectl.kubernetes.io/last-applied-configuration\\":{}}}}}]';
    const applied =
      '{\\\\\\"apiVersion\\\\\\":\\\\\\"v1\\\\\\",\\\\\\"data\\\\\\":{\\\\\\"port\\\\\\":\\\\\\"8080\\\\\\"},' +
      '\\\\\\"kind\\\\\\":\\\\\\"ConfigMap\\\\\\",\\\\\\"metadata\\\\\\":{\\\\\\"annotations\\\\\\":{},' +
      '\\\\\\"name\\\\\\":\\\\\\"app\\\\\\",\\\\\\"namespace\\\\\\":\\\\\\"default\\\\\\"}}\\\\n';
    const rv = (await run(["get", "cm", "app", "-o", "jsonpath={.metadata.resourceVersion}"]))
      .stdout;
    await t.step("merge patch", async () => {
      const r = await run(["patch", "cm", "app", "--type", "merge", "-p", '{"data":{"x":true}}']);
      assertEquals({ ...r, stderr: normalize(r.stderr) }, {
        code: 1,
        stdout: "",
        stderr:
          `The request is invalid: patch: Invalid value: "{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"port\\":\\"8080\\",\\"x\\":true},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"name\\":\\"app\\",\\"namespace\\":\\"default\\",\\"uid\\":\\"<uid>\\",\\"resourceVersion\\":\\"${rv}\\",\\"creationTimestamp\\":\\"<time>\\",\\"annotations\\":{\\"kubectl.kubernetes.io/last-applied-configuration\\":\\"${applied}\\"},${managed}}}": ` +
          `${cannot("bool", "ConfigMap.data", "string")}\n`,
      });
    });
    await t.step("strategic merge patch (kubectl's default)", async () => {
      const r = await run(["patch", "cm", "app", "-p", '{"data":{"x":5}}']);
      // The apiserver shows the patch (`%+v` of its map), not the patched object.
      assertEquals(r, {
        code: 1,
        stdout: "",
        stderr:
          'The request is invalid: patch: Invalid value: "map[data:map[x:5]]": cannot convert int64 to string\n',
      });
    });
    await t.step("apply (a strategic merge patch)", async () => {
      await Deno.writeTextFile(`${dir}/cm.yaml`, FILES["cm.yaml"]);
      const r = await run(["apply", "-f", "cm.yaml"]);
      assertEquals(r.code, 1);
      assertEquals(
        normalize(r.stderr).replace(/ metadata:map\[.*\]\]"/, " metadata:...]"),
        'The request is invalid: patch: Invalid value: "map[data:map[port:8080] metadata:...]: cannot convert int64 to string\n',
      );
    });
    await t.step("replace", async () => {
      await Deno.writeTextFile(`${dir}/cm.yaml`, FILES["cm.yaml"]);
      assertEquals(await run(["replace", "-f", "cm.yaml"]), {
        code: 1,
        stdout: "",
        stderr: handled("cm.yaml", "ConfigMap", cannot("number", "ConfigMap.data", "string"))
          .replace("creating", "replacing"),
      });
    });
    await t.step("the object is unchanged", async () => {
      const r = await run(["get", "cm", "app", "-o", "jsonpath={.data}"]);
      assertEquals(r.stdout, '{"port":"8080"}');
    });
  } finally {
    await cleanup();
  }
});
