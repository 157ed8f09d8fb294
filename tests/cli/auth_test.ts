// Copyright 2026 the k1s authors. Apache-2.0 license.
// `k1s auth can-i` and `auth whoami` on core/rbac's self reviews, and `auth rotate-key`, as
// subprocesses. The reviews' tests run once `@k1s/core` exports them (canI, rulesFor, whoAmI).
import { assertEquals, assertStringIncludes } from "@std/assert";
import * as core from "@k1s/core";
import { configMap, k1s, seed, tempStore } from "./_helpers.ts";

const ready = "canI" in core && "whoAmI" in core;

Deno.test({
  name: "k1s auth can-i answers yes or no with kubectl's exit codes",
  ignore: !ready,
  async fn(t) {
    const { store, cleanup } = await tempStore();
    try {
      await seed(store, [
        configMap("foo"),
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "Role",
          metadata: { name: "reader", namespace: "default" },
          rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }],
        },
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "RoleBinding",
          metadata: { name: "alice-reads", namespace: "default" },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
          subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" }],
        },
      ]);
      const run = (args: string[]) => k1s(args, { store });
      await t.step("the store owner may do anything", async () => {
        assertEquals(await run(["auth", "can-i", "delete", "secrets"]), {
          code: 0,
          stdout: "yes\n",
          stderr: "",
        });
      });
      await t.step(
        "users and groups (impersonation targets) are checked without a warning",
        async () => {
          // kubectl's nonStandardResourceNames; other unknown types are warned about.
          assertEquals(await run(["auth", "can-i", "impersonate", "users"]), {
            code: 0,
            stdout: "yes\n",
            stderr: "",
          });
          assertEquals(await run(["auth", "can-i", "impersonate", "groups", "--as", "alice"]), {
            code: 1,
            stdout: "no\n",
            stderr: "",
          });
          assertEquals(
            (await run(["auth", "can-i", "get", "widgets"])).stderr,
            "Warning: the server doesn't have a resource type 'widgets'\n\n",
          );
        },
      );
      await t.step("whoami ignores arguments, as kubectl's", async () => {
        assertEquals(await run(["auth", "whoami", "extra"]), await run(["auth", "whoami"]));
      });
      await t.step("allowed by a role", async () => {
        assertEquals(await run(["auth", "can-i", "list", "cm", "--as", "alice"]), {
          code: 0,
          stdout: "yes\n",
          stderr: "",
        });
        assertEquals(await run(["auth", "can-i", "get", "configmaps/foo", "--as", "alice"]), {
          code: 0,
          stdout: "yes\n",
          stderr: "",
        });
      });
      await t.step("denied", async () => {
        assertEquals(await run(["auth", "can-i", "delete", "cm", "--as", "alice"]), {
          code: 1,
          stdout: "no\n",
          stderr: "",
        });
        assertEquals(await run(["auth", "can-i", "list", "cm", "--as", "alice", "-n", "dev"]), {
          code: 1,
          stdout: "no\n",
          stderr: "",
        });
        assertEquals(await run(["auth", "can-i", "list", "cm", "--as", "alice", "-q"]), {
          code: 0,
          stdout: "",
          stderr: "",
        });
        assertEquals(await run(["auth", "can-i", "delete", "cm", "--as", "alice", "-q"]), {
          code: 1,
          stdout: "",
          stderr: "",
        });
      });
      await t.step("warnings and errors", async () => {
        // kubectl's warnings here end with a blank line (checked against kubectl 1.32).
        assertEquals(await run(["auth", "can-i", "get", "gizmos", "--as", "alice"]), {
          code: 1,
          stdout: "no\n",
          stderr: "Warning: the server doesn't have a resource type 'gizmos'\n\n",
        });
        assertEquals(await run(["auth", "can-i", "list", "namespaces"]), {
          code: 0,
          stdout: "yes\n",
          stderr: "Warning: resource 'namespaces' is not namespace scoped\n\n",
        });
        assertEquals(await run(["auth", "can-i", "frob", "cm"]), {
          code: 0,
          stdout: "yes\n",
          stderr: "Warning: verb 'frob' is not a known verb\n\n",
        });
        assertEquals(
          (await run(["auth", "can-i", "get"])).stderr,
          "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'k1s auth can-i -h' for help and examples.\n",
        );
        assertEquals(
          (await run(["auth", "can-i", "--list", "cm"])).stderr,
          "error: list option must be specified with no arguments\n",
        );
      });
      await t.step("--list", async () => {
        const r = await run(["auth", "can-i", "--list", "--as", "alice"]);
        assertEquals(r.code, 0);
        assertStringIncludes(
          r.stdout,
          "Resources    Non-Resource URLs   Resource Names   Verbs\nconfigmaps   []                  []               [get list]\n",
        );
      });
    } finally {
      await cleanup();
    }
  },
});

Deno.test({
  name: "k1s auth whoami shows the identity",
  ignore: !ready,
  async fn() {
    const { store, cleanup } = await tempStore();
    try {
      const r = await k1s(["auth", "whoami", "--as", "alice", "--as-group", "dev"], { store });
      assertEquals(r, {
        code: 0,
        stdout: "ATTRIBUTE   VALUE\nUsername    alice\nGroups      [dev system:authenticated]\n",
        stderr: "",
      });
      const j = await k1s(["auth", "whoami", "-o", "json", "--as", "alice"], { store });
      assertEquals(JSON.parse(j.stdout).kind, "SelfSubjectReview");
      assertEquals(JSON.parse(j.stdout).status.userInfo.username, "alice");
    } finally {
      await cleanup();
    }
  },
});

Deno.test("k1s auth rotate-key revokes every token, and only the store owner may run it", async () => {
  const { store, cleanup } = await tempStore();
  try {
    const run = (args: string[], options: { env?: Record<string, string> } = {}) =>
      k1s(args, { store, ...options });
    assertEquals((await run(["create", "serviceaccount", "builder"])).code, 0);
    const made = await run(["create", "token", "builder"]);
    assertEquals(made.code, 0);
    const token = made.stdout.trim();
    const whoami = ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"];
    assertEquals(await run([...whoami, "--token", token]), {
      code: 0,
      stdout: "system:serviceaccount:default:builder",
      stderr: "",
    });
    // A token's own ServiceAccount, or anyone impersonated, is not the store owner.
    assertEquals(await run(["auth", "rotate-key", "--token", token]), {
      code: 1,
      stdout: "",
      stderr:
        'Error from server (Forbidden): forbidden: User "system:serviceaccount:default:builder" cannot rotate the token signing key\n',
    });
    assertEquals(await run(["auth", "rotate-key", "--as", "alice"]), {
      code: 1,
      stdout: "",
      stderr:
        'Error from server (Forbidden): forbidden: User "alice" cannot rotate the token signing key\n',
    });
    assertEquals((await run([...whoami, "--token", token])).code, 0, "the token still works");
    assertEquals(await run(["auth", "rotate-key"]), {
      code: 0,
      stdout: "signing key rotated; existing tokens are no longer valid\n",
      stderr: "",
    });
    const unauthorized = {
      code: 1,
      stdout: "",
      stderr: "error: You must be logged in to the server (Unauthorized)\n",
    };
    assertEquals(await run([...whoami, "--token", token]), unauthorized);
    assertEquals(await run(["get", "configmaps"], { env: { K1S_TOKEN: token } }), unauthorized);
    // Tokens made after the rotation are signed with the new key.
    const fresh = (await run(["create", "token", "builder"])).stdout.trim();
    assertEquals((await run([...whoami, "--token", fresh])).code, 0);
    assertEquals((await run(["auth", "rotate-key", "extra"])).code, 1);
  } finally {
    await cleanup();
  }
});
