// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertMatch, assertNotEquals, assertRejects } from "@std/assert";
import { createRuntime, isForbidden, isInvalid, isNotFound, type Runtime } from "../../mod.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { authenticateToken, issueToken, rotateSigningKey, whoAmI } from "./mod.ts";
import {
  ALICE,
  CM,
  configMap,
  role,
  roleBinding,
  SA,
  seed,
  shared,
  statusOf,
} from "./testdata/fixtures.ts";

const T0 = Date.parse("2026-03-01T12:00:00Z");

/** An owner runtime and a way to open more runtimes on the same store with a shared clock. */
async function setup(tenant?: string) {
  const storage = createMemoryStorage();
  const clock = { now: T0 };
  const now = () => new Date(clock.now);
  const open = (
    options: { token?: string; user?: { username: string; groups?: string[] }; tenant?: string } =
      {},
  ) => createRuntime({ store: shared(storage), now, ...(tenant ? { tenant } : {}), ...options });
  const owner = await open();
  await seed(owner, [
    { ...SA, metadata: { name: "builder", namespace: "default" } },
    configMap("x"),
  ]);
  return {
    owner,
    clock,
    open,
    async [Symbol.asyncDispose]() {
      await owner.close();
      await storage.close();
    },
  };
}

async function unauthorized(p: Promise<unknown>): Promise<void> {
  const err = await statusOf(p);
  assertEquals([err.code, err.status.reason, err.message], [401, "Unauthorized", "Unauthorized"]);
}

async function use<T>(rt: Runtime, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

Deno.test("a token authenticates as its ServiceAccount, checked by RBAC", async () => {
  await using s = await setup();
  const { token, expirationTimestamp } = await issueToken(s.owner, {
    namespace: "default",
    serviceAccount: "builder",
  });
  assertEquals(expirationTimestamp, "2026-03-01T13:00:00Z");
  assertMatch(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  const sa = await s.owner.client.get(SA, { namespace: "default", name: "builder" });
  await use(await s.open({ token }), async (rt) => {
    const me = whoAmI(rt);
    assertEquals(me.username, "system:serviceaccount:default:builder");
    assertEquals(me.uid, sa.metadata.uid);
    assertEquals(me.groups, [
      "system:serviceaccounts",
      "system:serviceaccounts:default",
      "system:authenticated",
    ]);
    assertMatch(
      me.extra?.["authentication.kubernetes.io/credential-id"]?.[0] ?? "",
      /^JTI=[0-9a-f-]{36}$/,
    );
    const err = await statusOf(rt.client.get(CM, { namespace: "default", name: "x" }));
    assertEquals(
      err.message,
      'configmaps "x" is forbidden: User "system:serviceaccount:default:builder" cannot get resource "configmaps" in API group "" in the namespace "default"',
    );
    await seed(s.owner, [
      role("reader", "default", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]),
      roleBinding("builder", "default", { kind: "Role", name: "reader" }, [{
        kind: "ServiceAccount",
        name: "builder",
      }]),
    ]);
    assertEquals((await rt.client.get(CM, { namespace: "default", name: "x" })).metadata.name, "x");
  });
});

Deno.test("a token for other audiences is issued for them, and this store refuses it", async () => {
  await using s = await setup();
  const { token } = await issueToken(s.owner, {
    namespace: "default",
    serviceAccount: "builder",
    audiences: ["vault", "https://example.com"],
  });
  const claims = JSON.parse(atob(token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")));
  assertEquals(claims.aud, ["vault", "https://example.com"]);
  await unauthorized(authenticateToken(s.owner, token));
});

Deno.test("expired tokens are refused, with a minute of leeway", async () => {
  await using s = await setup();
  const { token } = await issueToken(s.owner, {
    namespace: "default",
    serviceAccount: "builder",
    expirationSeconds: 600,
  });
  s.clock.now = T0 + 660_000 - 1000;
  const rt = await s.open({ token });
  await use(rt, async () => {
    await seed(s.owner, [
      role("reader", "default", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]),
      roleBinding("builder", "default", { kind: "Role", name: "reader" }, [{
        kind: "ServiceAccount",
        name: "builder",
      }]),
    ]);
    await rt.client.get(CM, { namespace: "default", name: "x" });
    // The token runs out during the session.
    s.clock.now = T0 + 661_000;
    await unauthorized(rt.client.get(CM, { namespace: "default", name: "x" }));
  });
  await unauthorized(s.open({ token }));
  await unauthorized(authenticateToken(s.owner, token));
});

Deno.test("deleting or recreating the ServiceAccount revokes its tokens", async () => {
  await using s = await setup();
  const { token } = await issueToken(s.owner, { namespace: "default", serviceAccount: "builder" });
  await seed(s.owner, [
    role("reader", "default", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]),
    roleBinding("builder", "default", { kind: "Role", name: "reader" }, [{
      kind: "ServiceAccount",
      name: "builder",
    }]),
  ]);
  await use(await s.open({ token }), async (rt) => {
    await rt.client.get(CM, { namespace: "default", name: "x" });
    await s.owner.client.delete({ ...SA, metadata: { name: "builder", namespace: "default" } });
    await unauthorized(rt.client.get(CM, { namespace: "default", name: "x" }));
  });
  await unauthorized(s.open({ token }));
  // Same name, new uid: still revoked.
  await s.owner.client.create({ ...SA, metadata: { name: "builder", namespace: "default" } });
  await unauthorized(s.open({ token }));
  const fresh = await issueToken(s.owner, { namespace: "default", serviceAccount: "builder" });
  await (await s.open({ token: fresh.token })).close();
});

Deno.test("a token bound to a Secret works while that Secret lives", async () => {
  await using s = await setup();
  const SECRET = { apiVersion: "v1", kind: "Secret" };
  const secret = await s.owner.client.create({
    ...SECRET,
    metadata: { name: "deploy-key", namespace: "default" },
  });
  const request = {
    namespace: "default",
    serviceAccount: "builder",
    boundObjectRef: { kind: "Secret", name: "deploy-key" },
  };
  const { token } = await issueToken(s.owner, request);
  const claims = JSON.parse(atob(token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")));
  assertEquals(claims["kubernetes.io"].secret, { name: "deploy-key", uid: secret.metadata.uid });
  const same = await issueToken(s.owner, {
    ...request,
    boundObjectRef: { ...request.boundObjectRef, apiVersion: "v1", uid: secret.metadata.uid },
  });
  await (await s.open({ token })).close();
  await s.owner.client.delete({
    ...SECRET,
    metadata: { name: "deploy-key", namespace: "default" },
  });
  await unauthorized(s.open({ token }));
  // Same name, new uid: still revoked.
  await s.owner.client.create({
    ...SECRET,
    metadata: { name: "deploy-key", namespace: "default" },
  });
  await unauthorized(s.open({ token }));
  await unauthorized(s.open({ token: same.token }));
  await (await s.open({ token: (await issueToken(s.owner, request)).token })).close();
});

Deno.test("issueToken() checks the bound object as the API server does", async (t) => {
  await using s = await setup();
  await s.owner.client.create({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "deploy-key", namespace: "default" },
  });
  const cases: [string, Record<string, string>, number, string][] = [
    ["a missing Secret", { kind: "Secret", name: "nope" }, 404, 'secrets "nope" not found'],
    ["a Pod (k1s serves none)", { kind: "Pod", name: "p" }, 404, 'pods "p" not found'],
    [
      "another uid",
      { kind: "Secret", name: "deploy-key", uid: "0d4691ed" },
      409,
      'Operation cannot be fulfilled on Secret "deploy-key": the UID in the bound object reference (0d4691ed) does not match the UID in record. The object might have been deleted and then recreated',
    ],
    [
      "another kind",
      { kind: "ConfigMap", name: "x" },
      400,
      'cannot bind token for serviceaccount "builder" to object of type /v1, Kind=ConfigMap',
    ],
    [
      "a name of Object's prototype",
      { kind: "constructor", name: "x" },
      400,
      'cannot bind token for serviceaccount "builder" to object of type /v1, Kind=constructor',
    ],
    [
      "another group",
      { kind: "Secret", apiVersion: "example.com/v1", name: "x" },
      400,
      'cannot bind token for serviceaccount "builder" to object of type example.com/v1, Kind=Secret',
    ],
  ];
  for (const [name, ref, code, message] of cases) {
    await t.step(name, async () => {
      const err = await statusOf(issueToken(s.owner, {
        namespace: "default",
        serviceAccount: "builder",
        boundObjectRef: ref as { kind: string; name: string },
      }));
      assertEquals([err.code, err.message], [code, message]);
    });
  }
});

Deno.test("rotating the signing key revokes every token", async () => {
  await using s = await setup();
  const { token } = await issueToken(s.owner, { namespace: "default", serviceAccount: "builder" });
  await seed(s.owner, [
    role("reader", "default", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]),
    roleBinding("builder", "default", { kind: "Role", name: "reader" }, [{
      kind: "ServiceAccount",
      name: "builder",
    }]),
  ]);
  await use(await s.open({ token }), async (rt) => {
    await rt.client.get(CM, { namespace: "default", name: "x" });
    await rotateSigningKey(s.owner);
    await unauthorized(rt.client.get(CM, { namespace: "default", name: "x" }));
    const err = await statusOf(rotateSigningKey(rt));
    assertEquals(
      err.message,
      'forbidden: User "system:serviceaccount:default:builder" cannot rotate the token signing key',
    );
  });
  await unauthorized(s.open({ token }));
  const next = await issueToken(s.owner, { namespace: "default", serviceAccount: "builder" });
  await (await s.open({ token: next.token })).close();
});

Deno.test("malformed and forged tokens are refused", async (t) => {
  await using s = await setup();
  const { token } = await issueToken(s.owner, { namespace: "default", serviceAccount: "builder" });
  const [h, p, sig] = token.split(".");
  const enc = (o: unknown) =>
    btoa(JSON.stringify(o)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  const claims = JSON.parse(atob(p.replaceAll("-", "+").replaceAll("_", "/")));
  const header = JSON.parse(atob(h.replaceAll("-", "+").replaceAll("_", "/")));
  // An empty token is no token (the store owner), as kubectl ignores an empty --token.
  await unauthorized(authenticateToken(s.owner, ""));
  const cases: [string, string][] = [
    ["not a JWT", "abc"],
    ["four parts", `${token}.x`],
    ["bad base64", `${h}.${p}.!!!`],
    ["bad JSON", `${enc("x").slice(0, 3)}.${p}.${sig}`],
    [
      "changed claims",
      `${h}.${enc({ ...claims, sub: "system:serviceaccount:default:admin" })}.${sig}`,
    ],
    ["longer life", `${h}.${enc({ ...claims, exp: claims.exp + 86400 })}.${sig}`],
    ["alg none", `${enc({ ...header, alg: "none" })}.${p}.`],
    ["unknown key id", `${enc({ ...header, kid: "other" })}.${p}.${sig}`],
    ["truncated signature", `${h}.${p}.${sig.slice(0, 10)}`],
  ];
  for (const [name, bad] of cases) {
    await t.step(name, () => unauthorized(s.open({ token: bad })));
  }
});

Deno.test("a token of one tenant is refused by another", async () => {
  const storage = createMemoryStorage();
  const a = await createRuntime({ store: shared(storage), tenant: "a" });
  const b = await createRuntime({ store: shared(storage), tenant: "b" });
  try {
    for (const rt of [a, b]) {
      await rt.client.create({ ...SA, metadata: { name: "builder", namespace: "default" } });
    }
    const { token } = await issueToken(a, { namespace: "default", serviceAccount: "builder" });
    await (await createRuntime({ store: shared(storage), tenant: "a", token })).close();
    await unauthorized(createRuntime({ store: shared(storage), tenant: "b", token }));
    await unauthorized(createRuntime({ store: shared(storage), token }));
  } finally {
    await a.close();
    await b.close();
    await storage.close();
  }
});

Deno.test("issueToken() applies TokenRequest's bounds and checks its caller", async (t) => {
  await using s = await setup();
  await t.step("too short", async () => {
    const err = await statusOf(
      issueToken(s.owner, {
        namespace: "default",
        serviceAccount: "builder",
        expirationSeconds: 60,
      }),
    );
    assert(isInvalid(err));
    assertEquals(
      err.message,
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    );
  });
  await t.step("too long", async () => {
    const err = await statusOf(
      issueToken(s.owner, {
        namespace: "default",
        serviceAccount: "builder",
        expirationSeconds: 2 ** 32 + 1,
      }),
    );
    assertEquals(
      err.message,
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds',
    );
  });
  await t.step("bounds themselves are fine", async () => {
    const min = await issueToken(s.owner, {
      namespace: "default",
      serviceAccount: "builder",
      expirationSeconds: 600,
    });
    assertEquals(min.expirationTimestamp, "2026-03-01T12:10:00Z");
    await issueToken(s.owner, {
      namespace: "default",
      serviceAccount: "builder",
      expirationSeconds: 2 ** 32,
    });
  });
  await t.step("missing ServiceAccount", async () => {
    const err = await statusOf(
      issueToken(s.owner, { namespace: "default", serviceAccount: "nope" }),
    );
    assert(isNotFound(err));
    assertEquals(err.message, 'serviceaccounts "nope" not found');
  });
  await t.step("a non-owner needs create on serviceaccounts/token", async () => {
    await use(await s.open({ user: ALICE }), async (alice) => {
      const err = await statusOf(
        issueToken(alice, { namespace: "default", serviceAccount: "builder" }),
      );
      assert(isForbidden(err));
      assertEquals(
        err.message,
        'serviceaccounts "builder" is forbidden: User "alice" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default"',
      );
      await seed(s.owner, [
        role("token-maker", "default", [{
          apiGroups: [""],
          resources: ["serviceaccounts/token"],
          verbs: ["create"],
          resourceNames: ["builder"],
        }]),
        roleBinding("alice-tokens", "default", { kind: "Role", name: "token-maker" }, [{
          kind: "User",
          name: "alice",
        }]),
      ]);
      await issueToken(alice, { namespace: "default", serviceAccount: "builder" });
    });
  });
});

Deno.test("a token process may impersonate only with the impersonate verb", async () => {
  await using s = await setup();
  const { token } = await issueToken(s.owner, { namespace: "default", serviceAccount: "builder" });
  const err = await statusOf(s.open({ token, user: { username: "bob" } }));
  assertEquals(
    err.message,
    'users "bob" is forbidden: User "system:serviceaccount:default:builder" cannot impersonate resource "users" in API group "" at the cluster scope',
  );
  await seed(s.owner, [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "impersonator" },
      rules: [{
        apiGroups: [""],
        resources: ["users"],
        verbs: ["impersonate"],
        resourceNames: ["bob"],
      }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "builder-impersonates" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "impersonator" },
      subjects: [{ kind: "ServiceAccount", name: "builder", namespace: "default" }],
    },
  ]);
  await use(await s.open({ token, user: { username: "bob" } }), (rt) => {
    assertEquals(rt.user, { username: "bob", groups: ["system:authenticated"] });
    return Promise.resolve();
  });
  const groups = await statusOf(s.open({ token, user: { username: "bob", groups: ["admins"] } }));
  assertEquals(
    groups.message,
    'groups "admins" is forbidden: User "system:serviceaccount:default:builder" cannot impersonate resource "groups" in API group "" at the cluster scope',
  );
});

Deno.test("a token process impersonating the owner's name is checked like any user", async () => {
  await using s = await setup();
  const { token } = await issueToken(s.owner, { namespace: "default", serviceAccount: "builder" });
  await seed(s.owner, [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "impersonator" },
      rules: [{ apiGroups: [""], resources: ["users"], verbs: ["impersonate"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "builder-impersonates" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "impersonator" },
      subjects: [{ kind: "ServiceAccount", name: "builder", namespace: "default" }],
    },
  ]);
  await use(await s.open({ token, user: { username: "k1s:store-owner" } }), async (rt) => {
    assertEquals(rt.user, { username: "k1s:store-owner", groups: ["system:authenticated"] });
    const denied = await statusOf(rt.client.list({ apiVersion: "v1", kind: "Secret" }));
    assertEquals(
      denied.message,
      'secrets is forbidden: User "k1s:store-owner" cannot list resource "secrets" in API group "" at the cluster scope',
    );
    // Nor may it do what only the owner does.
    await assertRejects(() => rotateSigningKey(rt));
  });
});

Deno.test("the signing key stays out of tokens and API reads", async () => {
  await using s = await setup();
  const { token } = await issueToken(s.owner, { namespace: "default", serviceAccount: "builder" });
  const key = await s.owner.storage.get("/k1s/rbac/signing-key");
  assert(key && typeof key.secret === "string");
  const payload = atob(token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/"));
  assert(!payload.includes(key.secret as string));
  assert(!token.includes(key.secret as string));
  // Not under the registry prefix: no resource list reaches it.
  const everything = await s.owner.storage.list({ prefix: "/registry/" });
  assert(everything.items.every((o) => o.kind !== "SigningKey"));
  assertNotEquals(key.metadata.name, undefined);
});
