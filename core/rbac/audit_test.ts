// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { type Authorizer, createRuntime, isForbidden } from "../../mod.ts";
import { type AuditEvent, createAuditLogger, installRbac } from "./mod.ts";
import {
  ALICE,
  CM,
  configMap,
  role,
  roleBinding,
  SECRET,
  seed,
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
    const summary = events.map((
      e,
    ) => [
      e.user.username,
      e.verb,
      e.objectRef.resource,
      e.objectRef.name,
      e.annotations["authorization.k8s.io/decision"] ?? e.annotations["k1s.io/admission"],
      e.responseStatus?.code,
    ]);
    assertEquals(summary, [
      // The runtime creating `default` before the first write is audited too.
      ["k1s:store-owner", "create", "namespaces", "default", "admitted", undefined],
      ["k1s:store-owner", "create", "configmaps", "x", "admitted", undefined],
      ["k1s:store-owner", "create", "roles", "reader", "admitted", undefined],
      ["k1s:store-owner", "create", "rolebindings", "alice", "admitted", undefined],
      ["k1s:store-owner", "create", "secrets", "db", "admitted", undefined],
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
