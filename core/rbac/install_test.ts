// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { createRuntime, type Storage, STORE_OWNER, type UserInfo } from "../../mod.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { impersonate } from "./mod.ts";
import { ALICE, CM, configMap, statusOf } from "./testdata/fixtures.ts";

/** A store that counts the reads made through it. */
function counting(inner: Storage): { storage: Storage; reads: string[] } {
  const reads: string[] = [];
  const storage = new Proxy(inner, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        if (prop === "get" || prop === "list" || prop === "revision") {
          const a = args[0] as { prefix?: string } | string | undefined;
          reads.push(`${String(prop)} ${typeof a === "string" ? a : a?.prefix ?? ""}`);
        }
        return v.apply(target, args);
      };
    },
  });
  return { storage, reads };
}

Deno.test("installRbac() reads nothing at start-up, and the owner never pays for RBAC", async () => {
  const { storage, reads } = counting(createMemoryStorage());
  const rt = await createRuntime({ store: storage });
  try {
    assertEquals(reads, []);
    assertEquals(rt.user, STORE_OWNER);
    await rt.client.create(configMap("x"));
    await rt.client.get(CM, { namespace: "default", name: "x" });
    await rt.client.list(CM, { namespace: "default" });
    // The bootstrap looks up its own objects by key; RBAC reads no roles or bindings.
    assert(
      !reads.some((r) => r.startsWith("list /registry/") && r.includes("roles")) &&
        !reads.some((r) => r.startsWith("revision")),
      reads.join("\n"),
    );
    // No admission plugin runs for the owner's writes.
    assertEquals(rt.server.admission.map((p) => p.name), []);
    // The first checked request builds the index and arms the escalation check.
    await statusOf(rt.clientFor(ALICE).get(CM, { namespace: "default", name: "x" }));
    assert(reads.some((r) => r === "list /registry/rolebindings/"), reads.join("\n"));
    assertEquals(rt.server.admission.map((p) => p.name), ["RBACEscalationPrevention"]);
  } finally {
    await rt.close();
  }
});

Deno.test("impersonation adds groups as the API server does", async (t) => {
  const cases: [string, UserInfo, UserInfo][] = [
    ["a user alone", { username: "alice" }, {
      username: "alice",
      groups: ["system:authenticated"],
    }],
    ["a user with groups", { username: "alice", groups: ["dev"] }, {
      username: "alice",
      groups: ["dev", "system:authenticated"],
    }],
    ["system:authenticated given", { username: "alice", groups: ["system:authenticated", "dev"] }, {
      username: "alice",
      groups: ["system:authenticated", "dev"],
    }],
    ["system:unauthenticated given", { username: "alice", groups: ["system:unauthenticated"] }, {
      username: "alice",
      groups: ["system:unauthenticated"],
    }],
    ["a ServiceAccount alone", { username: "system:serviceaccount:ci:builder" }, {
      username: "system:serviceaccount:ci:builder",
      groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"],
    }],
    ["a ServiceAccount with groups", {
      username: "system:serviceaccount:ci:builder",
      groups: ["x"],
    }, {
      username: "system:serviceaccount:ci:builder",
      groups: ["x", "system:authenticated"],
    }],
    ["not a ServiceAccount username", { username: "system:serviceaccount:Bad_NS:x" }, {
      username: "system:serviceaccount:Bad_NS:x",
      groups: ["system:authenticated"],
    }],
    ["anonymous", { username: "system:anonymous" }, {
      username: "system:anonymous",
      groups: ["system:unauthenticated"],
    }],
    ["uid and extra are kept", { username: "a", uid: "1", extra: { k: ["v"] } }, {
      username: "a",
      uid: "1",
      groups: ["system:authenticated"],
      extra: { k: ["v"] },
    }],
  ];
  for (const [name, input, want] of cases) {
    await t.step(name, async () => assertEquals(await impersonate(input), want));
  }
  await t.step("groups without a user", async () => {
    const err = await statusOf(impersonate({ username: "", groups: ["dev", "ops"] }));
    assertEquals([err.code, err.message], [
      400,
      "requested [{Group  dev    } {Group  ops    }] without impersonating a user",
    ]);
  });
  await t.step("through createRuntime", async () => {
    await using rt = await createRuntime({
      store: "memory:",
      user: { username: "system:serviceaccount:ci:builder" },
    });
    assertEquals(rt.user.groups, [
      "system:serviceaccounts",
      "system:serviceaccounts:ci",
      "system:authenticated",
    ]);
  });
  await t.step("an empty user is no impersonation", async () => {
    await using rt = await createRuntime({ store: "memory:", user: { username: "" } });
    assertEquals(rt.user, STORE_OWNER);
    const err = await statusOf(
      createRuntime({ store: "memory:", user: { username: "", groups: ["dev"] } }),
    );
    assertEquals(err.message, "requested [{Group  dev    }] without impersonating a user");
  });
  await t.step("impersonating the owner is the owner", async () => {
    await using rt = await createRuntime({
      store: "memory:",
      user: { username: STORE_OWNER.username },
    });
    assertEquals(rt.user, STORE_OWNER);
  });
});
