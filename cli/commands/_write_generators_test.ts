// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import {
  configMapFromSources,
  dockerRegistrySecret,
  type GeneratorFs,
  genericSecret,
  objectHash,
  parseEnvFile,
  parseFileSource,
  parseLiteralSource,
  parseStringToString,
  policyRules,
  roleBindingObject,
  ruleFlags,
  setTypedLastApplied,
  validateClusterRoleRules,
  validateRoleRules,
} from "./_write_generators.ts";
import { CliError } from "../_cli/errors.ts";

/** A file system of a few files and one directory. */
function memFs(files: Record<string, Uint8Array | string>): GeneratorFs {
  const enc = new TextEncoder();
  const bytes = (v: Uint8Array | string) => (typeof v === "string" ? enc.encode(v) : v);
  return {
    stat(p) {
      if (p in files) return Promise.resolve({ isDirectory: false });
      if (Object.keys(files).some((f) => f.startsWith(`${p}/`))) {
        return Promise.resolve({ isDirectory: true });
      }
      return Promise.reject(new Deno.errors.NotFound(`stat '${p}'`));
    },
    readFile: (p) => Promise.resolve(bytes(files[p])),
    readDir(p) {
      const names = Object.keys(files).filter((f) => f.startsWith(`${p}/`)).map((f) =>
        f.slice(p.length + 1)
      );
      return Promise.resolve(
        names.sort().map((n) => ({ name: n.split("/")[0], isFile: !n.includes("/") })),
      );
    },
  };
}

Deno.test("parseLiteralSource() and parseFileSource() use kubectl's messages", () => {
  assertEquals(parseLiteralSource("a=b=c"), ["a", "b=c"]);
  assertThrows(
    () => parseLiteralSource("abc"),
    CliError,
    "invalid literal source abc, expected key=value",
  );
  assertThrows(
    () => parseLiteralSource("=v"),
    CliError,
    "invalid literal source =v, expected key=value",
  );
  assertEquals(parseFileSource("dir/x.conf"), ["x.conf", "dir/x.conf"]);
  assertThrows(() => parseFileSource("a="), CliError, "file path for key name a missing");
  assertThrows(() => parseFileSource("=x.yaml"), CliError, "key name for file path x.yaml missing");
});

Deno.test("parseEnvFile() reads env files as kubectl does", () => {
  const text = '\uFEFFA=1\r\n# c\n\n  B= 2 \nE="q"\nD\nF=a=b\n';
  assertEquals(parseEnvFile(text, (k) => (k === "D" ? "from-env" : undefined)), [
    ["A", "1"],
    ["B", " 2 "],
    ["E", '"q"'],
    ["D", "from-env"],
    ["F", "a=b"],
  ]);
  assertThrows(
    () => parseEnvFile("export C=3\n", () => undefined),
    CliError,
    `"export C" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
  );
});

Deno.test("configMapFromSources() builds kubectl's ConfigMap in Go field order", async () => {
  const fs = memFs({
    "cfg/one.txt": "1\n",
    "cfg/bin": Uint8Array.of(0xff, 0xfe),
    "cfg/sub/skipped": "x",
    "e.env": "E=1\n",
  });
  const cm = await configMapFromSources({ name: "x", namespace: "team" }, {
    files: ["cfg"],
    literals: ["b=2", "a=1"],
  }, { fs });
  assertEquals(
    JSON.stringify(cm),
    '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x","namespace":"team","creationTimestamp":null},"data":{"a":"1","b":"2","one.txt":"1\\n"},"binaryData":{"bin":"//4="}}',
  );
  await assertRejects(
    () => configMapFromSources({ name: "x", namespace: "" }, { literals: ["a=1", "a=2"] }, { fs }),
    CliError,
    'cannot add key "a", another key by that name already exists in Data for ConfigMap "x"',
  );
  await assertRejects(
    () =>
      configMapFromSources({ name: "x", namespace: "" }, {
        files: ["cfg/bin"],
        literals: ["bin=1"],
      }, { fs }),
    CliError,
    'cannot add key "bin", another key by that name already exists in BinaryData for ConfigMap "x"',
  );
  await assertRejects(
    () => configMapFromSources({ name: "x", namespace: "" }, { literals: ["bad/key=1"] }, { fs }),
    CliError,
    `"bad/key" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters`,
  );
  await assertRejects(
    () => configMapFromSources({ name: "x", namespace: "" }, { files: ["k=cfg"] }, { fs }),
    CliError,
    "cannot give a key name for a directory path",
  );
  await assertRejects(
    () => configMapFromSources({ name: "x", namespace: "" }, { files: ["nope"] }, { fs }),
    CliError,
    "error reading nope: no such file or directory",
  );
  await assertRejects(
    () =>
      configMapFromSources(
        { name: "x", namespace: "" },
        { envFiles: ["e.env"], literals: ["a=b"] },
        { fs },
      ),
    CliError,
    "from-env-file cannot be combined with from-file or from-literal",
  );
  await assertRejects(
    () => configMapFromSources({ name: "x", namespace: "" }, { envFiles: ["cfg"] }, { fs }),
    CliError,
    "env config file cannot be a directory",
  );
  // kubectl checks each line before its key: the first line that is not UTF-8, after the
  // lines before it (whose key errors come first).
  const envFs = memFs({
    "bad.env": new Uint8Array([0x41, 0x3d, 0x31, 0x0d, 0x0a, 0x42, 0x3d, 0xff, 0xfe, 0x0d, 0x0a]),
    "keyfirst.env": new Uint8Array([0x62, 0x20, 0x61, 0x64, 0x0a, 0xff, 0x0a]),
  });
  await assertRejects(
    () =>
      configMapFromSources({ name: "x", namespace: "" }, { envFiles: ["bad.env"] }, { fs: envFs }),
    CliError,
    "env file bad.env contains invalid utf8 bytes at line 2: [66 61 255 254]",
  );
  await assertRejects(
    () =>
      configMapFromSources({ name: "x", namespace: "" }, { envFiles: ["keyfirst.env"] }, {
        fs: envFs,
      }),
    CliError,
    '"b ad" is not a valid key name',
  );
});

Deno.test("genericSecret() and dockerRegistrySecret() build kubectl's Secrets", async () => {
  const fs = memFs({ "cfg.json": "{}" });
  const s = await genericSecret({ name: "s", namespace: "", type: "" }, { literals: ["a=b"] }, {
    fs,
  });
  assertEquals(
    JSON.stringify(s),
    '{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s","creationTimestamp":null},"data":{"a":"Yg=="}}',
  );
  await assertRejects(
    () =>
      genericSecret({ name: "s", namespace: "", type: "" }, { literals: ["a=1", "a=2"] }, { fs }),
    CliError,
    "cannot add key a, another key by that name already exists",
  );
  const d = await dockerRegistrySecret({ name: "d", namespace: "" }, {
    username: "u",
    password: "p",
    email: "e@x",
    server: "r.io",
  });
  assertEquals(
    atob(d.data![".dockerconfigjson"]),
    '{"auths":{"r.io":{"username":"u","password":"p","email":"e@x","auth":"dTpw"}}}',
  );
  const f = await dockerRegistrySecret({ name: "d", namespace: "" }, {
    username: "",
    password: "",
    email: "",
    server: "https://index.docker.io/v1/",
    files: ["cfg.json"],
  }, { fs });
  assertEquals(f.data, { ".dockerconfigjson": "e30=" });
  await assertRejects(
    () =>
      dockerRegistrySecret({ name: "d", namespace: "" }, {
        username: "u",
        password: "",
        email: "",
        server: "x",
      }),
    CliError,
    "either --from-file or the combination of --docker-username, --docker-password and --docker-server is required",
  );
});

Deno.test("objectHash() gives the suffixes kubectl's --append-hash gives", async () => {
  // Recorded with `kubectl create configmap|secret generic h ... --append-hash --dry-run=client -o name`.
  const cm = (data?: Record<string, string>) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "h" },
    ...(data ? { data } : {}),
  });
  assertEquals(await objectHash(cm({ a: "b" })), "tgm746dk2t");
  assertEquals(await objectHash(cm()), "9927b88h56");
  const secret = (type?: string) => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "h" },
    data: { a: "Yg==" },
    ...(type ? { type } : {}),
  });
  assertEquals(await objectHash(secret()), "d5ctf29272");
  assertEquals(await objectHash(secret("x")), "tb96d6t767");
});

Deno.test("role rules are checked, grouped and resolved as kubectl does", async () => {
  const resolve = (res: string, group: string) => {
    const known: Record<string, { group: string; resource: string }> = {
      cm: { group: "", resource: "configmaps" },
      configmaps: { group: "", resource: "configmaps" },
      roles: { group: "rbac.authorization.k8s.io", resource: "roles" },
    };
    const r = known[res];
    if (!r || (group && r.group !== group)) {
      return Promise.reject(new CliError(`the server doesn't have a resource type "${res}"`));
    }
    return Promise.resolve(r);
  };
  const rules = (verbs: string[], resources: string[], nonResourceURLs: string[] = []) =>
    ruleFlags({ verbs, resources, resourceNames: [], nonResourceURLs });
  const flags = ruleFlags({
    verbs: ["get", "list", "get"],
    resources: ["cm", "roles.rbac.authorization.k8s.io", "cm/status"],
    resourceNames: ["a", "a"],
    nonResourceURLs: [],
  });
  assertEquals(await policyRules(flags, resolve), [
    {
      verbs: ["get", "list"],
      apiGroups: [""],
      resources: ["configmaps", "configmaps/status"],
      resourceNames: ["a"],
    },
    {
      verbs: ["get", "list"],
      apiGroups: ["rbac.authorization.k8s.io"],
      resources: ["roles"],
      resourceNames: ["a"],
    },
  ]);
  const warnings: string[] = [];
  await validateRoleRules(rules(["bogus"], ["cm"]), {
    resolve,
    warn: (w) => void warnings.push(w),
  });
  assertEquals(warnings, ["Warning: 'bogus' is not a standard resource verb\n"]);
  await assertRejects(
    () => validateRoleRules(rules(["bind"], ["cm"]), { resolve, warn: () => {} }),
    CliError,
    "can not perform 'bind' on 'configmaps' in group ''",
  );
  await assertRejects(
    () => validateRoleRules(rules(["get"], [".apps"]), { resolve, warn: () => {} }),
    CliError,
    "resource must be specified if apiGroup/subresource specified",
  );
  await assertRejects(
    () =>
      validateClusterRoleRules(rules(["list"], [], ["/x"]), {
        aggregation: {},
        resolve,
        warn: () => {},
      }),
    CliError,
    "invalid verb: 'list' for nonResourceURL",
  );
  await assertRejects(
    () =>
      validateClusterRoleRules(rules(["get"], [], ["/x/*/y"]), {
        aggregation: {},
        resolve,
        warn: () => {},
      }),
    CliError,
    "nonResourceURL only supports wildcard matches when '*' is at the end",
  );
  assertEquals(parseStringToString(["a=b,c=d", "e=f"]), {
    ok: true,
    value: { a: "b", c: "d", e: "f" },
  });
});

Deno.test("roleBindingObject() checks the role reference and subjects", () => {
  assertThrows(
    () =>
      roleBindingObject({ name: "rb", namespace: "", role: "", clusterRole: "" }, {
        users: [],
        groups: [],
        serviceAccounts: [],
      }),
    CliError,
    "exactly one of clusterrole or role must be specified",
  );
  assertThrows(
    () =>
      roleBindingObject({ name: "rb", namespace: "", role: "r", clusterRole: "" }, {
        users: [],
        groups: [],
        serviceAccounts: ["bob"],
      }),
    CliError,
    "serviceaccount must be <namespace>:<name>",
  );
  const rb = roleBindingObject({ name: "rb", namespace: "", role: "r", clusterRole: "" }, {
    users: ["u"],
    groups: ["g"],
    serviceAccounts: ["ns:sa"],
  });
  assertEquals(rb.subjects, [
    { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "u" },
    { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "g" },
    { kind: "ServiceAccount", name: "sa", namespace: "ns" },
  ]);
});

Deno.test("setTypedLastApplied() stores the object as kubectl's typed encoder writes it", async () => {
  const cm = await configMapFromSources({ name: "g1", namespace: "" }, { literals: ["a=b"] });
  setTypedLastApplied(cm);
  assertEquals(
    cm.metadata.annotations,
    {
      "kubectl.kubernetes.io/last-applied-configuration":
        '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"g1","creationTimestamp":null},"data":{"a":"b"}}\n',
    },
  );
});
