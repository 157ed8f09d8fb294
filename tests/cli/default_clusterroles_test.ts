// Copyright 2026 the k1s authors. Apache-2.0 license.
// The default ClusterRoles from the command line: a new store has them, and binding one gives
// a user what Kubernetes' role gives.
import { assertEquals } from "@std/assert";
import { k1s, tempStore } from "./_helpers.ts";

Deno.test("k1s binds the default ClusterRoles of a new store", async (t) => {
  const { store, cleanup } = await tempStore();
  const run = async (args: string[]) => {
    const r = await k1s(args, { store });
    return { code: r.code, out: (r.stdout + r.stderr).trimEnd() };
  };
  try {
    await t.step("a store read before its first write already shows them", async () => {
      const r = await run(["get", "clusterroles", "-o", "name"]);
      assertEquals(r, {
        code: 0,
        out: [
          "admin",
          "cluster-admin",
          "edit",
          "system:aggregate-to-admin",
          "system:aggregate-to-edit",
          "system:aggregate-to-view",
          "view",
        ].map((n) => `clusterrole.rbac.authorization.k8s.io/${n}`).join("\n"),
      });
    });
    const cases: [string, string[], { code: number; out: string }][] = [
      ["bind view", ["create", "rolebinding", "x", "--clusterrole=view", "--user=alice"], {
        code: 0,
        out: "rolebinding.rbac.authorization.k8s.io/x created",
      }],
      ["view reads configmaps", ["auth", "can-i", "list", "configmaps", "--as", "alice"], {
        code: 0,
        out: "yes",
      }],
      ["view reads no secrets", ["get", "secrets", "--as", "alice"], {
        code: 1,
        out:
          'Error from server (Forbidden): secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"',
      }],
      ["view writes nothing", ["create", "configmap", "c", "--as", "alice"], {
        code: 1,
        out:
          'error: failed to create configmap: configmaps is forbidden: User "alice" cannot create resource "configmaps" in API group "" in the namespace "default"',
      }],
      ["bind edit", ["create", "rolebinding", "y", "--clusterrole=edit", "--user=bob"], {
        code: 0,
        out: "rolebinding.rbac.authorization.k8s.io/y created",
      }],
      ["edit writes configmaps", ["create", "configmap", "c", "--as", "bob"], {
        code: 0,
        out: "configmap/c created",
      }],
      ["edit grants no roles", ["auth", "can-i", "create", "rolebindings", "--as", "bob"], {
        code: 1,
        out: "no",
      }],
    ];
    for (const [name, args, want] of cases) {
      await t.step(name, async () => {
        assertEquals(await run(args), want);
      });
    }
  } finally {
    await cleanup();
  }
});
