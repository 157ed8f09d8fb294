// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Behaviour of the write commands that the kubectl recordings cannot show (the fake server has
 * no OpenAPI v2 and no controllers of its own): malformed manifests change nothing, several
 * objects in one edit, pruning the applied kinds, cascading deletes through the garbage
 * collector, and the Deno permissions `diff` and `edit` need. Real `k1s` subprocesses on
 * temporary SQLite stores.
 */
import { assertEquals, assertStringIncludes } from "@std/assert";
import { runK1s } from "./_write_run.ts";

async function withStore(
  fn: (
    dir: string,
    k1s: (args: string[], opts?: {
      stdin?: string;
      env?: Record<string, string>;
    }) => Promise<{ stdout: string; stderr: string; code: number }>,
  ) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "k1s-write-" });
  try {
    await fn(dir, (args, opts = {}) => runK1s(args, { cwd: dir, store: `${dir}/k1s.db`, ...opts }));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const cm = (name: string, extra = "") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

Deno.test("create -f with a malformed document reports file and line and creates nothing", async () => {
  await withStore(async (dir, k1s) => {
    await Deno.writeTextFile(`${dir}/mal.yaml`, `${cm("good")}---\n${cm("bad", "  labels: [\n")}`);
    const r = await k1s(["create", "-f", "mal.yaml"]);
    assertEquals(r.code, 1);
    assertEquals(r.stdout, "");
    assertStringIncludes(
      r.stderr,
      "error: error parsing mal.yaml: error converting YAML to JSON: yaml: line 5:",
    );
    const g = await k1s(["get", "cm", "-o", "name"]);
    assertEquals([g.code, g.stdout], [0, ""]);
  });
});

// kubectl 1.32's RunEditOnCreate creates the object whatever --dry-run says; k1s keeps a dry run.
Deno.test("label, annotate and patch of one object from concurrent processes all apply", async () => {
  await withStore(async (_dir, k1s) => {
    assertEquals((await k1s(["create", "cm", "shared"])).code, 0);
    // As shell scripts run them in the background: none carries a resourceVersion, so the
    // server retries each on the state the others left, as the apiserver does.
    const runs = await Promise.all([
      ...[1, 2, 3].map((i) => k1s(["label", "cm", "shared", `l${i}=v`])),
      ...[1, 2, 3].map((i) => k1s(["annotate", "cm", "shared", `a${i}=v`])),
      ...[1, 2].map((i) =>
        k1s(["patch", "cm", "shared", "--type=merge", "-p", `{"data":{"d${i}":"v"}}`])
      ),
    ]);
    for (const r of runs) assertEquals([r.code, r.stderr], [0, ""]);
    const got = JSON.parse((await k1s(["get", "cm", "shared", "-o", "json"])).stdout);
    assertEquals(Object.keys(got.metadata.labels).sort(), ["l1", "l2", "l3"]);
    assertEquals(Object.keys(got.metadata.annotations).sort(), ["a1", "a2", "a3"]);
    assertEquals(got.data, { d1: "v", d2: "v" });
  });
});

Deno.test("create --edit with --dry-run creates nothing", async (t) => {
  await withStore(async (dir, k1s) => {
    await Deno.writeTextFile(`${dir}/a.yaml`, cm("a", "data:\n  k: v\n"));
    await Deno.writeTextFile(`${dir}/ed.sh`, '#!/bin/sh\nsed -i "s/k: v$/k: w/" "$1"\n');
    await Deno.chmod(`${dir}/ed.sh`, 0o755);
    const env = { KUBE_EDITOR: "./ed.sh" };
    for (
      const [mode, want] of [
        ["client", "configmap/a created (dry run)\n"],
        ["server", "configmap/a created (server dry run)\n"],
      ]
    ) {
      await t.step(mode, async () => {
        const r = await k1s(["create", "-f", "a.yaml", "--edit", `--dry-run=${mode}`], { env });
        assertEquals(r, { code: 0, stdout: want, stderr: "" });
        const g = await k1s(["get", "cm", "-o", "name"]);
        assertEquals([g.code, g.stdout], [0, ""]);
      });
    }
    const r = await k1s(["create", "-f", "a.yaml", "--edit"], { env });
    assertEquals(r, { code: 0, stdout: "configmap/a created\n", stderr: "" });
    const g = await k1s(["get", "cm", "a", "-o", "jsonpath={.data.k}"]);
    assertEquals([g.code, g.stdout], [0, "w"]);
  });
});

// kubectl 1.32 panics (index out of range) on a configuration that decodes to no object.
Deno.test("apply edit-last-applied of a configuration holding no object says so", async () => {
  await withStore(async (_dir, k1s) => {
    await k1s(["create", "configmap", "b"]);
    await k1s(["annotate", "cm", "b", "kubectl.kubernetes.io/last-applied-configuration=null"]);
    const r = await k1s(["apply", "edit-last-applied", "cm/b"], { env: { KUBE_EDITOR: "true" } });
    assertEquals(r, {
      code: 1,
      stdout: "",
      stderr:
        'error: the last-applied-configuration annotation of configmaps "b" holds no object\n',
    });
  });
});

Deno.test("edit of several objects patches the changed ones and skips the others", async () => {
  await withStore(async (dir, k1s) => {
    await Deno.writeTextFile(
      `${dir}/ed.sh`,
      '#!/bin/sh\ngrep -c "^- apiVersion" "$1"\nsed -i "s/k: a$/k: edited/" "$1"\n',
    );
    await Deno.chmod(`${dir}/ed.sh`, 0o755);
    await k1s(["create", "configmap", "a", "--from-literal=k=a"]);
    await k1s(["create", "configmap", "b", "--from-literal=k=b"]);
    const r = await k1s(["edit", "cm", "a", "b"], { env: { KUBE_EDITOR: "./ed.sh" } });
    assertEquals(r, {
      code: 0,
      stdout: "2\nconfigmap/a edited\nconfigmap/b skipped\n",
      stderr: "",
    });
    const g = await k1s(["get", "cm", "-o", "jsonpath={.items[*].data.k}"]);
    assertEquals(g.stdout, "edited b");
  });
});

Deno.test("apply --prune without --prune-allowlist prunes kubectl's default kinds and the applied ones", async () => {
  await withStore(async (dir, k1s) => {
    const role = (name: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  labels: {app: web}\nrules: []\n`;
    await Deno.writeTextFile(
      `${dir}/v1.yaml`,
      [role("r1"), role("r2"), cm("c1", "  labels: {app: web}\n")].join("---\n"),
    );
    await Deno.writeTextFile(`${dir}/v2.yaml`, role("r1"));
    assertEquals((await k1s(["apply", "-f", "v1.yaml"])).code, 0);
    const r = await k1s(["apply", "-f", "v2.yaml", "--prune", "-l", "app=web"]);
    assertEquals(r.code, 0);
    assertEquals(
      r.stdout,
      "role.rbac.authorization.k8s.io/r1 unchanged\nconfigmap/c1 pruned\nrole.rbac.authorization.k8s.io/r2 pruned\n",
    );
    assertStringIncludes(
      r.stderr,
      "Deprecated: k1s apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release.",
    );
    const g = await k1s(["get", "roles,cm", "-o", "name"]);
    assertEquals(g.stdout, "role.rbac.authorization.k8s.io/r1\n");
  });
});

Deno.test("delete --cascade runs the garbage collector before returning", async (t) => {
  await withStore(async (dir, k1s) => {
    const setup = async (owner: string) => {
      await k1s(["create", "configmap", owner]);
      const uid = (await k1s(["get", "cm", owner, "-o", "jsonpath={.metadata.uid}"])).stdout;
      await Deno.writeTextFile(
        `${dir}/dep.yaml`,
        cm(
          `${owner}-dep`,
          `  ownerReferences:\n  - {apiVersion: v1, kind: ConfigMap, name: ${owner}, uid: ${uid}}\n`,
        ),
      );
      assertEquals((await k1s(["create", "-f", "dep.yaml"])).code, 0);
    };
    const names = async () => (await k1s(["get", "cm", "-o", "name"])).stdout;
    await t.step("background (default): the dependent is gone when delete returns", async () => {
      await setup("bg");
      assertEquals((await k1s(["delete", "cm", "bg"])).stdout, 'configmap "bg" deleted\n');
      assertEquals(await names(), "");
    });
    await t.step("foreground: the owner waits for its dependents", async () => {
      await setup("fg");
      const r = await k1s(["delete", "cm", "fg", "--cascade=foreground"]);
      assertEquals([r.code, r.stdout], [0, 'configmap "fg" deleted\n']);
      assertEquals(await names(), "");
    });
    await t.step("orphan: the dependent stays, without the reference", async () => {
      await setup("or");
      assertEquals((await k1s(["delete", "cm", "or", "--cascade=orphan"])).code, 0);
      assertEquals(await names(), "configmap/or-dep\n");
      const refs = await k1s(["get", "cm", "or-dep", "-o", "jsonpath={.metadata.ownerReferences}"]);
      assertEquals(refs.stdout, "");
    });
  });
});

Deno.test("diff and edit say which Deno permission they need", async () => {
  await withStore(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.yaml`, cm("a"));
    const flags = [`--allow-read`, `--allow-write`, `--allow-env`];
    const run = async (args: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--quiet",
          "--no-prompt",
          ...flags,
          new URL("../../cli/main.ts", import.meta.url).pathname,
          ...args,
        ],
        cwd: dir,
        env: { K1S_STORE: `${dir}/k1s.db`, KUBE_EDITOR: "vi" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
    };
    const d = await run(["diff", "-f", "a.yaml"]);
    assertEquals(d.code, 2);
    assertStringIncludes(d.stderr, "--allow-run");
    assertStringIncludes(d.stderr, "diff");
    await run(["create", "-f", "a.yaml"]);
    const e = await run(["edit", "cm", "a"]);
    assertEquals(e.code, 1);
    assertStringIncludes(e.stderr, "--allow-run");
  });
});
