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
  } finally {
    await cleanup();
  }
});
