// Copyright 2026 the k1s authors. Apache-2.0 license.
// The read commands (and the list errors of the others) against kubectl 1.32 itself: kubectl
// talks to a read-only Kubernetes API over the same store (tests/cli/_kube_oracle.ts), k1s reads
// the store directly, and both must print the same bytes on stdout and stderr and exit with the
// same code.
import { assertEquals } from "@std/assert";
import type { KubeObject } from "@k1s/core";
import { configMap, k1s, seed, tempStore } from "./_helpers.ts";
import { REPLICATOR_CRD, seedFixture } from "./_fixtures.ts";
import { hasKubectl, kubectl, startKubeOracle } from "./_kube_oracle.ts";

const CASES: string[][] = [
  // Tables, decorations, several types, names, errors.
  ["get", "configmaps"],
  ["get", "cm", "-A"],
  ["get", "cm", "-A", "--show-labels"],
  ["get", "cm", "-L", "app", "-L", "tier"],
  ["get", "cm", "-o", "wide"],
  ["get", "cm", "--no-headers"],
  ["get", "cm", "--show-kind"],
  ["get", "cm", "--sort-by=.metadata.name"],
  ["get", "cm", "-A", "--sort-by={.metadata.labels.app}", "-l", "app"],
  ["get", "cm", "-l", "app=web", "-A"],
  ["get", "cm", "-l", "app in (web,db),tier!=front"],
  ["get", "cm", "--field-selector", "metadata.name=bar"],
  ["get", "cm", "foo", "bar"],
  ["get", "cm/foo", "secret/s1"],
  ["get", "cm,secrets"],
  ["get", "cm,secrets", "-A", "--no-headers"],
  // -A's namespace column stays on for the types after a namespaced one.
  ["get", "cm,ns", "-A"],
  ["get", "ns,cm", "-A"],
  ["get", "configmap", "foo"],
  ["get", "ConfigMap", "foo"],
  ["get", "configmaps.v1.", "foo"],
  ["get", "cm", "nope"],
  ["get", "cm", "foo", "nope", "bar"],
  ["get", "cm", "nope", "--ignore-not-found"],
  ["get", "cm", "-n", "nope"],
  ["get", "cm", "-n", "dev"],
  ["get", "nosuchthing"],
  ["get", "ns"],
  ["get", "namespaces", "-o", "wide"],
  ["get", "secrets"],
  ["get", "sa"],
  ["get", "roles", "-A"],
  ["get", "rolebindings", "-o", "wide"],
  ["get", "roles.rbac.authorization.k8s.io", "reader"],
  ["get", "ev"],
  ["get", "events", "-A", "-o", "wide"],
  ["get", "widgets", "-A"],
  ["get", "wd", "-o", "wide"],
  ["get", "widgets.example.com", "w1"],
  ["get", "all"],
  ["get", "all", "-A"],
  ["get", "crd"],
  ["get", "clusterroles"],
  // Other formats.
  ["get", "cm", "-o", "name"],
  ["get", "cm,secrets,roles", "-o", "name"],
  ["get", "cm", "foo", "-o", "yaml"],
  ["get", "cm", "foo", "-o", "json"],
  ["get", "cm", "-o", "yaml"],
  ["get", "cm", "-o", "json", "-n", "nope"],
  ["get", "cm", "-o", "jsonpath={.items[*].metadata.name}"],
  ["get", "cm", "foo", "-o", "jsonpath={.data.greeting}"],
  ["get", "cm", "-o", "custom-columns=NAME:.metadata.name,APP:.metadata.labels.app"],
  ["get", "cm", "-o", "custom-columns=NAME:.metadata.name", "--no-headers"],
  ["get", "widgets", "w1", "-o", "yaml"],
  // Only the JSON and YAML printers hide managed fields.
  ["get", "cm", "foo", "-o", "jsonpath={.metadata.managedFields[0].manager}"],
  ["get", "cm", "-o", "custom-columns=NAME:.metadata.name,M:.metadata.managedFields[*].manager"],
  // GetOptions.Validate.
  ["get", "cm", "--show-labels", "-o", "yaml"],
  ["get", "cm", "--show-labels", "-o", "jsonpath={.items[0].metadata.name}"],
  ["get", "cm", "--output-watch-events"],
  // Resource names: a group by its beginning; `x.y` names a group, never a version.
  ["get", "roles.rbac"],
  ["get", "role.r", "reader"],
  ["get", "rolebindings.rbac.authorization"],
  ["get", "sa.v1"],
  ["get", "cm,"],
  // Watches that fail before they start.
  ["get", "cm", "nope", "-w"],
  ["get", "cm,secrets", "-w"],
  ["get", "cm", "foo", "bar", "-w"],
  // A manifest without a name (generateName) is printed as read.
  ["get", "-f", "$GEN"],
  ["get", "-f", "$GEN", "-o", "name"],
  ["get", "-f", "$GEN", "-o", "yaml"],
  ["get", "-f", "$GEN", "--show-kind"],
  ["describe", "-f", "$GEN"],
  // describe.
  ["describe", "cm", "foo"],
  ["describe", "configmaps", "foo-"],
  ["describe", "secret", "s1"],
  ["describe", "ns", "dev"],
  ["describe", "sa", "builder"],
  ["describe", "role", "reader"],
  ["describe", "rolebinding", "alice-reads"],
  ["describe", "widget", "w1"],
  ["describe", "cm", "nope"],
  ["describe", "cm", "-n", "prod"],
  // A prefix matches only for exactly TYPE NAME.
  ["describe", "cm/fo"],
  ["describe", "cm", "fo", "foo"],
  ["describe", "clusterroles", "-l", "nomatch=1"],
  ["describe", "ns", "-l", "nomatch=1"],
  // events.
  ["events"],
  ["events", "-A"],
  ["events", "--for", "configmap/foo"],
  ["events", "--for", "cm/bar"],
  ["events", "--types=Warning"],
  ["events", "--types=Bogus"],
  ["events", "-n", "prod"],
  ["events", "--for", "foo"],
  ["events", "--no-headers"],
  ["events", "ignored"],
  ["events", "--for", "cm/"],
  // api-resources.
  ["api-resources"],
  ["api-resources", "-o", "wide"],
  ["api-resources", "-o", "name"],
  ["api-resources", "--namespaced=false"],
  ["api-resources", "--api-group=rbac.authorization.k8s.io"],
  ["api-resources", "--no-headers", "--sort-by=kind"],
  ["api-resources", "--verbs=list", "--categories=all"],
  ["api-resources", "-o", "bogus"],
  ["api-versions"],
  // Lists the server rejects: kubectl's builder wraps the error (EnhanceListError). The write
  // commands fail at the list, before writing anything.
  ["get", "cm", "-l", "a in (b"],
  ["get", "cm", "-A", "--field-selector", "foo=bar"],
  ["get", "cm,secrets", "--field-selector", "foo=bar", "-o", "name"],
  ["get", "widgets", "-l", "x", "--field-selector", "spec.foo=bar"],
  ["get", "cm", "-l", "a=b=c", "-w"],
  ["describe", "cm", "-l", "a in (b"],
  ["wait", "cm", "--field-selector", "foo=bar", "--for=delete", "--timeout=1s"],
  ["delete", "cm", "-l", "a in (b"],
  ["label", "cm", "-l", "a in (b", "x=y"],
  ["annotate", "cm", "--field-selector", "foo=bar", "x=y"],
];

Deno.test({
  name: "k1s prints what kubectl prints for the same store",
  ignore: !(await hasKubectl()),
  async fn(t) {
    const { store, cleanup, dir } = await tempStore();
    await seedFixture(store);
    // A manifest without a name: kubectl prints it as read instead of fetching it.
    const gen = `${dir}/gen.yaml`;
    await Deno.writeTextFile(
      gen,
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: gen-\ndata:\n  a: b\n",
    );
    const oracle = await startKubeOracle(store);
    try {
      for (const template of CASES) {
        const args = template.map((a) => a === "$GEN" ? gen : a);
        await t.step(template.join(" "), async () => {
          const [want, got] = await Promise.all([
            kubectl(oracle.url, args),
            k1s(args, { store }),
          ]);
          assertEquals(got, want);
        });
      }
    } finally {
      await oracle.close();
      await cleanup();
    }
  },
});

/** Runs each command line with kubectl (against the oracle over `store`) and with k1s. */
async function compareWithKubectl(
  t: Deno.TestContext,
  store: string,
  cases: readonly string[][],
): Promise<void> {
  const oracle = await startKubeOracle(store);
  try {
    for (const args of cases) {
      await t.step(args.join(" "), async () => {
        const [want, got] = await Promise.all([kubectl(oracle.url, args), k1s(args, { store })]);
        assertEquals(got, want);
      });
    }
  } finally {
    await oracle.close();
  }
}

/** A kind with the scale subresource, and objects with and without desired replicas. */
async function seedScalable(store: string): Promise<void> {
  await seed(store, [
    REPLICATOR_CRD,
    configMap("plain"),
  ]);
  await seed(store, [
    {
      apiVersion: "example.com/v1",
      kind: "Replicator",
      metadata: { name: "r1", namespace: "default", labels: { app: "web" } },
      spec: { replicas: 3 },
    },
    {
      apiVersion: "example.com/v1",
      kind: "Replicator",
      metadata: { name: "r0", namespace: "default" },
      spec: {},
    },
  ]);
}

const SUBRESOURCE_CASES: string[][] = [
  ["get", "replicators", "r1", "--subresource=scale"],
  ["get", "replicators", "r1", "r0", "--subresource", "scale"],
  ["get", "replicator/r1", "replicator/r0", "--subresource=scale", "--show-kind", "-o", "wide"],
  ["get", "replicators", "r1", "--subresource=scale", "--no-headers", "--show-labels"],
  ["get", "replicators", "r1", "--subresource=scale", "-o", "yaml"],
  ["get", "replicators", "r1", "r0", "--subresource=scale", "-o", "json"],
  ["get", "replicators", "r1", "--subresource=scale", "-o", "name"],
  ["get", "replicators", "r1", "--subresource=scale", "-o", "jsonpath={.spec.replicas}"],
  ["get", "replicators", "r1", "--subresource=status"],
  ["get", "replicators", "r1", "--subresource=status", "-o", "yaml"],
  ["get", "replicators", "--subresource=scale"],
  ["get", "replicators", "-l", "app=web", "--subresource=scale"],
  ["get", "replicators", "r1", "-l", "app=web", "--subresource=scale"],
  ["get", "replicators", "nope", "--subresource=scale"],
  ["get", "replicators", "r1", "nope", "--subresource=scale"],
  ["get", "replicators", "nope", "--subresource=scale", "--ignore-not-found"],
  ["get", "replicators", "r1", "--subresource=bogus"],
  ["get", "cm", "plain", "--subresource=scale"],
  ["get", "cm", "plain", "--subresource=status"],
];

Deno.test({
  name: "get --subresource prints what kubectl prints",
  ignore: !(await hasKubectl()),
  async fn(t) {
    const { store, cleanup } = await tempStore();
    await seedScalable(store);
    try {
      await compareWithKubectl(t, store, SUBRESOURCE_CASES);
    } finally {
      await cleanup();
    }
  },
});

// kubectl sorts --sort-by rows with Go's sort.Sort, which is not stable: ties and rows without
// the field come out in its order. Enough objects for every branch of its pdqsort (insertion
// sort, median of three, Tukey's ninther, partitioning, a descending run reversed).
const SORT_CASES: string[][] = [
  ["get", "cm", "-n", "sorting", "--sort-by=.metadata.labels.tier", "-o", "name"],
  ["get", "cm", "-n", "sorting", "--sort-by=.metadata.labels.tier"],
  ["get", "cm", "-n", "sorting", "--sort-by=.data.n", "-o", "name"],
  ["get", "cm", "-n", "sorting", "--sort-by=.metadata.annotations.rank", "-o", "name"],
  ["get", "cm", "-n", "sorting", "-l", "small", "--sort-by=.data.n", "-o", "name"],
  ["get", "cm", "-n", "sorting", "-l", "small", "--sort-by=.metadata.labels.tier"],
  // Events of the same second, sorted by sort.Sort(SortableEvents).
  ["events", "-n", "sorting"],
  ["describe", "cm", "cm-00", "-n", "sorting"],
];

Deno.test({
  name: "--sort-by orders ties and missing fields as kubectl's Go sort does",
  ignore: !(await hasKubectl()),
  async fn(t) {
    const { store, cleanup } = await tempStore();
    const objects: KubeObject[] = [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "sorting" } },
    ];
    for (let i = 0; i < 70; i++) {
      const name = `cm-${String(i).padStart(2, "0")}`;
      const labels: Record<string, string> = {};
      if (i % 7 !== 3) labels.tier = ["a", "b", "c"][(i * 5) % 3];
      if (i < 11) labels.small = "yes";
      const cm = configMap(name, i % 5 === 0 ? {} : { n: String((i * 7) % 4) }, {
        namespace: "sorting",
        labels,
      });
      cm.metadata.annotations = { rank: String(1000 - i) };
      objects.push(cm);
    }
    await seed(store, objects);
    const uid =
      (await k1s(["get", "cm", "cm-00", "-n", "sorting", "-o", "jsonpath={.metadata.uid}"], {
        store,
      })).stdout;
    const events: KubeObject[] = [];
    for (let i = 0; i < 30; i++) {
      const at = `2015-01-01T00:0${i % 3}:00Z`;
      events.push({
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `cm-00.${String(i).padStart(2, "0")}`, namespace: "sorting" },
        involvedObject: { kind: "ConfigMap", name: "cm-00", namespace: "sorting", uid },
        type: "Normal",
        reason: `Step${i}`,
        message: `step ${i}`,
        firstTimestamp: at,
        lastTimestamp: at,
        count: 1,
        source: { component: "test" },
      });
    }
    await seed(store, events);
    try {
      await compareWithKubectl(t, store, SORT_CASES);
    } finally {
      await cleanup();
    }
  },
});
