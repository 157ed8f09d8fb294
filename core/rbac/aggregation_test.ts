// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { isForbidden, type KubeObject } from "../../mod.ts";
import { aggregateClusterRoleRules, clusterRoleAggregationController } from "./mod.ts";
import {
  ALICE,
  clusterRole,
  clusterRoleBinding,
  CM,
  configMap,
  RBAC_V1,
  SECRET,
  seed,
  statusOf,
  withRuntime,
} from "./testdata/fixtures.ts";

const CLUSTER_ROLE = { apiVersion: RBAC_V1, kind: "ClusterRole" };
const TO_VIEW = { "example.com/aggregate-to-view": "true" };
const TO_EDIT = { "example.com/aggregate-to-edit": "true" };
const view = () =>
  clusterRole("team-view", [], {
    labels: TO_EDIT,
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: TO_VIEW }] },
  });
const edit = () =>
  clusterRole("team-edit", [], {
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: TO_EDIT }] },
  });
const cmView = () =>
  clusterRole("cm-view", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }], {
    labels: TO_VIEW,
  });
const secretEdit = () =>
  clusterRole("secret-edit", [{ apiGroups: [""], resources: ["secrets"], verbs: ["create"] }], {
    labels: TO_EDIT,
  });

Deno.test("aggregated ClusterRoles grant the union of the selected roles at once", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      view(),
      edit(),
      configMap("x"),
      clusterRoleBinding("alice-edit", "team-edit", [{ kind: "User", name: "alice" }]),
    ]);
    const alice = rt.clientFor(ALICE);
    assert(isForbidden(await statusOf(alice.get(CM, { namespace: "default", name: "x" }))));
    // A role labelled for team-view flows into it, and team-view (labelled for team-edit) into
    // team-edit.
    await rt.client.create(cmView());
    assertEquals((await alice.get(CM, { namespace: "default", name: "x" })).metadata.name, "x");
    await rt.client.create(secretEdit());
    await alice.create({ ...SECRET, metadata: { name: "s", namespace: "default" } });
    // Dropping the label takes the rules away again.
    const cur = await rt.client.get<KubeObject>(CLUSTER_ROLE, { name: "cm-view" });
    await rt.client.update({ ...cur, metadata: { ...cur.metadata, labels: {} } });
    assert(isForbidden(await statusOf(alice.get(CM, { namespace: "default", name: "x" }))));
  });
});

Deno.test("aggregateClusterRoleRules() unions in selector then name order, without duplicates", async (t) => {
  const a = clusterRole("a", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }], {
    labels: { x: "1" },
  });
  const b = clusterRole("b", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, {
    apiGroups: [""],
    resources: ["secrets"],
    verbs: ["get"],
  }], { labels: { x: "1", y: "1" } });
  const c = clusterRole("c", [{ apiGroups: [""], resources: ["nodes"], verbs: ["get"] }], {
    labels: { y: "1" },
  });
  const agg = clusterRole("agg", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], {
    labels: { x: "1" },
    aggregationRule: {
      clusterRoleSelectors: [{ matchLabels: { y: "1" } }, { matchLabels: { x: "1" } }],
    },
  });
  await t.step("order and duplicates", () => {
    assertEquals(aggregateClusterRoleRules([agg, c, b, a], "agg"), [
      { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
      { apiGroups: [""], resources: ["secrets"], verbs: ["get"] },
      { apiGroups: [""], resources: ["nodes"], verbs: ["get"] },
    ]);
  });
  await t.step("own stored rules are replaced, and the role never selects itself", () => {
    assertEquals(aggregateClusterRoleRules([agg], "agg"), []);
  });
  await t.step("a role without aggregationRule keeps its rules; a missing one is undefined", () => {
    assertEquals(aggregateClusterRoleRules([a], "a"), a.rules);
    assertEquals(aggregateClusterRoleRules([a], "nope"), undefined);
  });
  await t.step("cycles end", () => {
    const p = clusterRole("p", [{ apiGroups: [""], resources: ["p"], verbs: ["get"] }], {
      labels: { q: "1" },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { p: "1" } }] },
    });
    const q = clusterRole("q", [{ apiGroups: [""], resources: ["q"], verbs: ["get"] }], {
      labels: { p: "1" },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { q: "1" } }] },
    });
    assertEquals(aggregateClusterRoleRules([p, q], "p"), [{
      apiGroups: [""],
      resources: ["p"],
      verbs: ["get"],
    }]);
  });
});

Deno.test("the aggregation controller writes the aggregated rules into stored ClusterRoles", async () => {
  await withRuntime(async (rt) => {
    assert(rt.controllers.list().some((c) => c.name === "clusterrole-aggregation-controller"));
    await seed(rt, [view(), edit(), cmView(), secretEdit()]);
    const controller = clusterRoleAggregationController();
    const ctx = {
      client: rt.client,
      recorder: rt.recorder("test"),
      signal: new AbortController().signal,
      log() {},
    };
    await controller.reconcile(ctx, { name: "cm-view" });
    const stored = await rt.client.get<KubeObject>(CLUSTER_ROLE, { name: "team-edit" });
    // Name order: secret-edit before team-view (which brings cm-view's rules).
    assertEquals(stored.rules, [
      { apiGroups: [""], resources: ["secrets"], verbs: ["create"] },
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] },
    ]);
    assert(
      stored.metadata.managedFields?.some((m) =>
        m.manager === "clusterrole-aggregation-controller"
      ),
    );
    // A second pass changes nothing.
    const rv = stored.metadata.resourceVersion;
    await controller.reconcile(ctx, { name: "team-edit" });
    assertEquals(
      (await rt.client.get(CLUSTER_ROLE, { name: "team-edit" })).metadata.resourceVersion,
      rv,
    );
  });
});

Deno.test("the controller manager runs the aggregation controller after ClusterRole writes", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [view(), edit(), cmView(), secretEdit()]);
    const result = await rt.controllers.drain({ timeoutMs: 10_000 });
    assertEquals(result.failed, []);
    const stored = await rt.client.get<KubeObject>(CLUSTER_ROLE, { name: "team-edit" });
    assertEquals(stored.rules, [
      { apiGroups: [""], resources: ["secrets"], verbs: ["create"] },
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] },
    ]);
    assertEquals((await rt.client.get<KubeObject>(CLUSTER_ROLE, { name: "team-view" })).rules, [
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] },
    ]);
  });
});
