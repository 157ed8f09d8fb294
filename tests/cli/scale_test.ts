// Copyright 2026 the k1s authors. Apache-2.0 license.
// `scale` and `get --subresource` as subprocesses on a temporary store, for what the kubectl
// recordings (write_kubectl_test.ts, kubectl_parity_test.ts) cannot show: a matching
// --resource-version, --timeout reached through the status, and what the store holds after.
import { assertEquals } from "@std/assert";
import { k1s, seed, tempStore } from "./_helpers.ts";
import { REPLICATOR_CRD } from "./_fixtures.ts";

Deno.test("scale writes the desired replicas through the scale subresource", async (t) => {
  const { store, cleanup } = await tempStore();
  try {
    await seed(store, [REPLICATOR_CRD]);
    await seed(store, [{
      apiVersion: "example.com/v1",
      kind: "Replicator",
      metadata: { name: "r", namespace: "default" },
      spec: { replicas: 1 },
    }]);
    const replicas = async () =>
      (await k1s(["get", "replicator", "r", "-o", "jsonpath={.spec.replicas}"], { store })).stdout;

    await t.step("up, down and to zero", async () => {
      for (const n of ["4", "2", "0"]) {
        assertEquals(await k1s(["scale", "replicator", "r", `--replicas=${n}`], { store }), {
          code: 0,
          stdout: "replicator.example.com/r scaled\n",
          stderr: "",
        });
        assertEquals(await replicas(), n);
      }
    });

    await t.step("a matching --resource-version scales", async () => {
      const rv = (await k1s(
        ["get", "replicator", "r", "-o", "jsonpath={.metadata.resourceVersion}"],
        { store },
      )).stdout;
      const r = await k1s(["scale", "replicator/r", "--replicas=3", `--resource-version=${rv}`], {
        store,
      });
      assertEquals([r.code, r.stdout, r.stderr], [0, "replicator.example.com/r scaled\n", ""]);
      const again = await k1s(
        ["scale", "replicator/r", "--replicas=5", `--resource-version=${rv}`],
        { store },
      );
      assertEquals(again.code, 1);
      assertEquals(
        again.stderr.startsWith(`error: Expected resource version to be ${rv}, was `),
        true,
      );
      assertEquals(await replicas(), "3");
    });

    await t.step("dry runs change nothing", async () => {
      for (const d of ["--dry-run=client", "--dry-run=server"]) {
        const r = await k1s(["scale", "replicator", "r", "--replicas=9", d], { store });
        assertEquals(r.code, 0);
      }
      assertEquals(await replicas(), "3");
    });

    await t.step("--timeout waits for the status to reach the size", async () => {
      const p = await k1s(
        [
          "patch",
          "replicator",
          "r",
          "--subresource=status",
          "--type=merge",
          "-p",
          '{"status":{"replicas":3}}',
        ],
        { store },
      );
      assertEquals(p.code, 0);
      const r = await k1s(["scale", "replicator", "r", "--replicas=3", "--timeout=10s"], { store });
      assertEquals([r.code, r.stdout, r.stderr], [0, "replicator.example.com/r scaled\n", ""]);
    });

    await t.step("get --subresource=scale shows the Scale", async () => {
      const table = await k1s(
        ["get", "replicator", "r", "--subresource=scale", "--no-headers"],
        { store },
      );
      assertEquals(table.code, 0);
      assertEquals(table.stdout.split(/\s+/).slice(0, 3), ["r", "3", "3"]);
      const json = await k1s(["get", "replicator", "r", "--subresource=scale", "-o", "json"], {
        store,
      });
      const scale = JSON.parse(json.stdout);
      assertEquals([scale.apiVersion, scale.kind, scale.spec, scale.status], [
        "autoscaling/v1",
        "Scale",
        { replicas: 3 },
        { replicas: 3 },
      ]);
    });

    await t.step("patch --subresource=scale patches the Scale", async () => {
      const r = await k1s(
        [
          "patch",
          "replicator",
          "r",
          "--subresource=scale",
          "--type=merge",
          "-p",
          '{"spec":{"replicas":6}}',
        ],
        { store },
      );
      assertEquals([r.code, r.stdout, r.stderr], [0, "scale.autoscaling/r patched\n", ""]);
      assertEquals(await replicas(), "6");
      // A kind without the subresource: the API server has no such path.
      const cm = await k1s(["create", "configmap", "c"], { store });
      assertEquals(cm.code, 0);
      assertEquals(
        await k1s(["patch", "cm", "c", "--subresource=scale", "-p", "{}"], { store }),
        {
          code: 1,
          stdout: "",
          stderr:
            "Error from server (NotFound): the server could not find the requested resource\n",
        },
      );
    });

    await t.step("status reads and patches are checked as <resource>/status", async () => {
      await seed(store, [
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "Role",
          metadata: { name: "status-only", namespace: "default" },
          rules: [{
            apiGroups: ["example.com"],
            resources: ["replicators/status"],
            verbs: ["get", "patch"],
          }],
        },
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "RoleBinding",
          metadata: { name: "carol-status", namespace: "default" },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "status-only" },
          subjects: [{ kind: "User", name: "carol" }],
        },
      ]);
      const asCarol = (args: string[]) => k1s([...args, "--as", "carol"], { store });
      const status = await asCarol(
        ["get", "replicator", "r", "--subresource=status", "-o", "jsonpath={.status.replicas}"],
      );
      assertEquals([status.code, status.stdout, status.stderr], [0, "3", ""]);
      const patched = await asCarol(
        [
          "patch",
          "replicator",
          "r",
          "--subresource=status",
          "--type=merge",
          "-p",
          '{"status":{"replicas":4}}',
        ],
      );
      assertEquals([patched.code, patched.stdout], [0, "replicator.example.com/r patched\n"]);
      const main = await asCarol(["get", "replicator", "r", "-o", "name"]);
      assertEquals(main.code, 1);
      assertEquals(
        main.stderr,
        'Error from server (Forbidden): replicators.example.com "r" is forbidden: User "carol" cannot get resource "replicators" in API group "example.com" in the namespace "default"\n',
      );
    });
  } finally {
    await cleanup();
  }
});
