// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { type Authorizer, createRuntime, isForbidden } from "../../mod.ts";
import { createMemoryStorage } from "../../storage/memory/mod.ts";
import { type AuditEvent, createAuditLogger, installRbac, issueToken } from "./mod.ts";
import {
  ALICE,
  CM,
  configMap,
  role,
  roleBinding,
  SA,
  SECRET,
  seed,
  shared,
  statusOf,
} from "./testdata/fixtures.ts";

Deno.test("the audit log records who did what and the decision, as JSON lines", async () => {
  const dir = await Deno.makeTempDir({ prefix: "k1s-audit-" });
  const path = `${dir}/audit.log`;
  const logger = createAuditLogger(path, { now: () => new Date("2026-03-01T12:00:00.123Z") });
  // The runtime's authorizer is the audited one installRbac returns.
  let audited: Authorizer | undefined;
  const rt = await createRuntime({
    store: "memory:",
    authorizer: { authorize: (a) => audited!.authorize(a) },
  });
  try {
    audited = (await installRbac(rt, { audit: logger })).authorizer;
    await seed(rt, [
      configMap("x"),
      role("reader", "default", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]),
      roleBinding("alice", "default", { kind: "Role", name: "reader" }, [{
        kind: "User",
        name: "alice",
      }]),
      {
        ...SECRET,
        metadata: { name: "db", namespace: "default" },
        stringData: { password: "hunter2-s3cr3t" },
      },
    ]);
    const alice = rt.clientFor(ALICE);
    await alice.get(CM, { namespace: "default", name: "x" });
    assert(isForbidden(await statusOf(alice.get(SECRET, { namespace: "default", name: "db" }))));
    logger.close();
    const text = await Deno.readTextFile(path);
    // Secret values appear in no form.
    assert(!text.includes("hunter2"));
    assert(!text.includes(btoa("hunter2-s3cr3t")));
    const events = text.trimEnd().split("\n").map((l) => JSON.parse(l) as AuditEvent);
    const summary = events.map((e) => [
      e.user.username,
      e.verb,
      e.objectRef.resource,
      e.objectRef.name,
      e.annotations["authorization.k8s.io/decision"],
      e.responseStatus?.code,
    ]);
    const ownerCreate = (
      resource: string,
    ) => ["k1s:store-owner", "create", resource, undefined, "allow", undefined];
    assertEquals(summary, [
      // The runtime creating the system namespaces (and their ServiceAccounts) and the default
      // ClusterRoles before the first write is audited too. A create names no object: the name
      // is in the body, which authorization does not read (the API server's RequestReceived
      // stage has none either).
      ...Array(4).fill(ownerCreate("namespaces")),
      ...Array(4).fill(ownerCreate("serviceaccounts")),
      ...Array(7).fill(ownerCreate("clusterroles")),
      ownerCreate("configmaps"),
      ownerCreate("roles"),
      ownerCreate("rolebindings"),
      ownerCreate("secrets"),
      ["alice", "get", "configmaps", "x", "allow", undefined],
      ["alice", "get", "secrets", "db", "forbid", 403],
    ]);
    const denied = events.at(-1)!;
    assertEquals(denied.stage, "ResponseComplete");
    assertEquals(
      denied.responseStatus?.message,
      'secrets "db" is forbidden: User "alice" cannot get resource "secrets" in API group "" in the namespace "default"',
    );
    assertEquals(denied.user, { username: "alice", groups: ["system:authenticated"] });
    assertEquals(denied.objectRef, {
      resource: "secrets",
      namespace: "default",
      name: "db",
      apiGroup: "",
      apiVersion: "v1",
    });
    assertEquals([denied.kind, denied.apiVersion, denied.level], [
      "Event",
      "audit.k8s.io/v1",
      "Metadata",
    ]);
    assertEquals(denied.stageTimestamp, "2026-03-01T12:00:00.123000Z");
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
  } finally {
    logger.close();
    await rt.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("createAuditLogger() appends to an existing log", async () => {
  const dir = await Deno.makeTempDir({ prefix: "k1s-audit-" });
  const path = `${dir}/audit.log`;
  await Deno.writeTextFile(path, '{"earlier":true}\n');
  const events: AuditEvent[] = [];
  const a = createAuditLogger(path);
  const b = createAuditLogger((e) => events.push(e));
  const ev: AuditEvent = {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: "1",
    stage: "RequestReceived",
    verb: "get",
    user: { username: "u" },
    objectRef: { resource: "configmaps", apiGroup: "", apiVersion: "v1" },
    requestReceivedTimestamp: "t",
    stageTimestamp: "t",
    annotations: {},
  };
  try {
    a.log(ev);
    b.log(ev);
    a.close();
    assertEquals((await Deno.readTextFile(path)).split("\n").length, 3);
    assertEquals(events, [ev]);
  } finally {
    a.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("every write verb of every identity is audited once, with the decision", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "k1s-audit-" });
  const path = `${dir}/audit.log`;
  const storage = shared(createMemoryStorage());
  const owner = await createRuntime({ store: storage, auditLog: path });
  const runtimes = [owner];
  try {
    await seed(owner, [
      { ...SA, metadata: { name: "builder", namespace: "default" } },
      roleBinding("edit", "default", { kind: "ClusterRole", name: "edit" }, [
        { kind: "User", name: "alice" },
        { kind: "ServiceAccount", name: "builder" },
      ]),
    ]);
    const { token } = await issueToken(owner, { namespace: "default", serviceAccount: "builder" });
    const sa = await createRuntime({ store: storage, token, auditLog: path });
    runtimes.push(sa);
    const identities = [
      ["k1s:store-owner", owner.client, "default", "allow"],
      ["alice", owner.clientFor(ALICE), "default", "allow"],
      ["system:serviceaccount:default:builder", sa.client, "default", "allow"],
      // Nothing granted in kube-system: every write is refused, and audited as refused.
      ["alice", owner.clientFor(ALICE), "kube-system", "forbid"],
    ] as const;
    // kube-system is one of the namespaces every store has.
    let read = (await Deno.readTextFile(path)).length;
    /** The events logged since the last call. */
    const newEvents = async () => {
      const text = await Deno.readTextFile(path);
      const events = text.slice(read).trimEnd().split("\n").filter((l) => l)
        .map((l) => JSON.parse(l) as AuditEvent);
      read = text.length;
      return events;
    };
    for (const [username, client, ns, decision] of identities) {
      const key = { namespace: ns, name: "c" };
      const verbs: [string, () => Promise<unknown>][] = [
        ["create", () => client.create(configMap("c", ns))],
        ["update", async () => {
          // Read as the owner, whose reads are not audited.
          const cur = await owner.client.get(CM, key);
          await client.update({ ...cur, data: { k: "updated" } });
        }],
        ["patch", () => client.patch(CM, key, { data: { k: "patched" } }, { type: "merge" })],
        ["delete", () => client.delete(CM, key)],
        ["deletecollection", () => client.deleteAllOf(CM, { namespace: ns })],
      ];
      for (const [verb, write] of verbs) {
        await t.step(`${username} ${verb} in ${ns}: ${decision}`, async () => {
          // A refused identity's update and delete need something to refuse.
          if (decision === "forbid" && (verb === "update" || verb === "delete")) {
            await owner.client.create(configMap("c", ns)).catch(() => {});
            await newEvents();
          }
          if (decision === "allow") await write();
          else assert(isForbidden(await statusOf(write())));
          const events = await newEvents();
          assertEquals(
            events.map((e) => [
              e.user.username,
              e.verb,
              e.objectRef.resource,
              e.objectRef.namespace,
              e.annotations["authorization.k8s.io/decision"],
            ]),
            [[username, verb, "configmaps", ns, decision]],
          );
          if (decision === "forbid") assertEquals(events[0].responseStatus?.code, 403);
          if (verb === "delete") assertEquals(events[0].objectRef.name, "c");
        });
      }
    }
    await t.step("deletecollection is one event however many objects it deletes", async () => {
      await seed(owner, [configMap("d1"), configMap("d2"), configMap("d3")]);
      await newEvents();
      assertEquals((await owner.client.deleteAllOf(CM, { namespace: "default" })).length, 3);
      assertEquals((await newEvents()).map((e) => e.verb), ["deletecollection"]);
    });
    await t.step("the owner's reads are not audited; others' are", async () => {
      await owner.client.list(CM, { namespace: "default" });
      assertEquals(await newEvents(), []);
      await owner.clientFor(ALICE).list(CM, { namespace: "default" });
      assertEquals((await newEvents()).map((e) => [e.user.username, e.verb]), [["alice", "list"]]);
    });
  } finally {
    for (const rt of runtimes) await rt.close();
    await Deno.remove(dir, { recursive: true });
  }
});
