// Copyright 2026 the k1s authors. Apache-2.0 license.
// `--audit-log=PATH` and `K1S_AUDIT_LOG`: the CLI hands the path to the runtime, which appends
// one audit.k8s.io/v1 event per authorized request (docs/security.md, "Audit"), also under
// exactly the permissions the launcher grants.
import { assert, assertEquals } from "@std/assert";
import { permissionFlags } from "../../cli/_cli/permissions.ts";
import { configMap, k1s, ROOT, seed, tempStore } from "./_helpers.ts";

/** The fields of an audit event the tests look at. */
interface Audited {
  user: string;
  verb: string;
  resource: string;
  name?: string;
  decision: string;
}

async function audited(path: string): Promise<Audited[]> {
  const text = await Deno.readTextFile(path);
  assert(text.endsWith("\n"), "JSON lines end with a newline");
  return text.trimEnd().split("\n").map((line) => {
    const e = JSON.parse(line);
    assertEquals([e.apiVersion, e.kind, e.level], ["audit.k8s.io/v1", "Event", "Metadata"]);
    return {
      user: e.user.username,
      verb: e.verb,
      resource: e.objectRef.resource,
      ...(e.objectRef.name ? { name: e.objectRef.name } : {}),
      decision: e.annotations["authorization.k8s.io/decision"],
    };
  });
}

const READER = [
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "reader", namespace: "default" },
    rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }],
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "alice-reads", namespace: "default" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
    subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" }],
  },
];

Deno.test("--audit-log records who did what to which object, and the decision", async () => {
  const { dir, store, cleanup } = await tempStore();
  try {
    await seed(store, [configMap("a"), ...READER]);
    const log = `${dir}/audit.jsonl`;
    const run = (args: string[]) => k1s([...args, `--audit-log=${log}`], { store });
    assertEquals(await run(["get", "cm", "a", "--as", "alice", "-o", "name"]), {
      code: 0,
      stdout: "configmap/a\n",
      stderr: "",
    });
    const denied = await run(["delete", "cm", "a", "--as", "alice"]);
    assertEquals(denied.code, 1);
    assertEquals(await run(["delete", "cm", "a"]), {
      code: 0,
      stdout: 'configmap "a" deleted\n',
      stderr: "",
    });
    const events = await audited(log);
    assertEquals(events, [
      { user: "alice", verb: "get", resource: "configmaps", name: "a", decision: "allow" },
      { user: "alice", verb: "delete", resource: "configmaps", name: "a", decision: "forbid" },
      {
        user: "k1s:store-owner",
        verb: "delete",
        resource: "configmaps",
        name: "a",
        decision: "allow",
      },
    ]);
    assertEquals((await Deno.stat(log)).mode! & 0o777, 0o600);
  } finally {
    await cleanup();
  }
});

Deno.test("K1S_AUDIT_LOG turns the audit log on; --audit-log wins over it", async () => {
  const { dir, store, cleanup } = await tempStore();
  try {
    await seed(store, [configMap("a"), ...READER]);
    const fromEnv = `${dir}/env.jsonl`;
    const fromFlag = `${dir}/flag.jsonl`;
    const env = { K1S_AUDIT_LOG: fromEnv };
    assertEquals((await k1s(["get", "cm", "a", "--as", "alice"], { store, env })).code, 0);
    assertEquals(
      (await k1s(["get", "cm", "a", "--as", "alice", "--audit-log", fromFlag], { store, env }))
        .code,
      0,
    );
    const one = {
      user: "alice",
      verb: "get",
      resource: "configmaps",
      name: "a",
      decision: "allow",
    };
    assertEquals(await audited(fromEnv), [one]);
    assertEquals(await audited(fromFlag), [one]);
  } finally {
    await cleanup();
  }
});

Deno.test("the audit log works under the launcher's permissions, and is optional in older grants", async () => {
  const { dir, store, cleanup } = await tempStore();
  try {
    await seed(store, [configMap("a"), ...READER]);
    const logDir = `${dir}/logs`;
    await Deno.mkdir(logDir);
    const log = `${logDir}/audit.jsonl`;
    const env = { K1S_STORE: store, HOME: dir };
    const plan = (args: string[], vars: Record<string, string>) =>
      permissionFlags({ args, env: (k) => vars[k], cwd: ROOT }).flags;
    const byFlag = ["get", "cm", "a", "--as", "alice", "--audit-log", log];
    const flags = plan(byFlag, env);
    assertEquals(flags.includes(`--allow-write=${dir},${log}`), true, flags.join(" "));
    const r = await k1s(byFlag, { env, denoFlags: flags });
    assertEquals([r.code, r.stderr], [0, ""]);
    // Through the environment: the launcher grants the variable and the file.
    const viaEnv = { ...env, K1S_AUDIT_LOG: log };
    const args = ["get", "cm", "a", "--as", "alice", "-o", "name"];
    assertEquals(await k1s(args, { env: viaEnv, denoFlags: plan(args, viaEnv) }), {
      code: 0,
      stdout: "configmap/a\n",
      stderr: "",
    });
    assertEquals((await audited(log)).length, 2);
    // A process granted the --allow-env list of earlier releases (no K1S_AUDIT_LOG) still runs.
    const old = await k1s(["get", "cm", "a", "-o", "name"], {
      env,
      denoFlags: [
        `--allow-read=${dir}`,
        `--allow-write=${dir}`,
        "--allow-env=K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,HOME,LOG_TOKENS,LOG_STREAM",
      ],
    });
    assertEquals(old, { code: 0, stdout: "configmap/a\n", stderr: "" });
  } finally {
    await cleanup();
  }
});
