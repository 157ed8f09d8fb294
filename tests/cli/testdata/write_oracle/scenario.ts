// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Scenarios of the write commands, run by `record.ts` against kubectl and the fake API server
 * and by `tests/cli/write_kubectl_test.ts` against k1s; plus the normalisation both outputs go
 * through (timestamps, uids, temporary file names, the tool name).
 *
 * @module
 */

/** One step: a command line, or files to (re)write before the next command. */
export type Step =
  | {
    /** Arguments after the tool name. */
    args: string[];
    /** Standard input. */
    stdin?: string;
    /** Extra environment (e.g. `KUBE_EDITOR`). */
    env?: Record<string, string>;
    /** Sort the lines under each `Listing ...:` header (kubectl prints Go maps in random order). */
    sortLines?: boolean;
  }
  | {
    /** Files to write, relative to the scenario directory (`+x` suffix: executable). */
    write: Record<string, string>;
  };

/** A scenario: files and steps run in order on a fresh store. */
export interface Scenario {
  /** The test name. */
  name: string;
  /** Files to create first. */
  files?: Record<string, string>;
  /** The steps. */
  steps: Step[];
}

/** What one command printed. */
export interface Recorded {
  /** Arguments. */
  args: string[];
  /** stdout, normalised. */
  stdout: string;
  /** stderr, normalised. */
  stderr: string;
  /** Exit code. */
  code: number;
}

/**
 * Normalises output so kubectl's and k1s's can be compared: times, uids, klog headers,
 * temporary file names and tokens vary between runs; `kubectl` in messages is the tool name.
 *
 * @param text The output.
 * @param tool The tool that printed it (`kubectl` or `k1s`).
 * @returns The normalised text.
 */
export function normalize(text: string, tool: string): string {
  let t = text;
  if (tool === "kubectl") {
    t = t.replace(/\bkubectl(?=[ '"])/g, "k1s")
      // client-go's informer may log its cancelled watch when a wait times out (a race).
      .replace(/^E\d{4} [^\n]*"Unhandled Error"[^\n]*\n/gm, "");
  }
  return t
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uid>")
    .replace(/^([IWE])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [\w.]+:\d+\] /gm, "$1<klog>] ")
    .replace(/\/tmp\/(kubectl|k1s)-edit-[\w.-]+/g, "/tmp/<tool>-edit-<n>")
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, "<token>")
    .replace(/(\/tmp\/(?:LIVE|MERGED))-\w+/g, "$1-<n>")
    .replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ [+-]\d{4}/g, "\t<mtime>")
    // Revisions are the store's business (k1s's controllers write state kubectl's server lacks).
    .replace(/(resourceVersion"?: )"\d+"/g, '$1"<rv>"')
    .replace(/(\\"resourceVersion\\":\\")\d+/g, "$1<rv>")
    .replace(/(Expected resource version to be \d+, was )\d+/g, "$1<rv>");
}

/** A namespaced custom kind with a status subresource (`gadgets.acme.io`). */
const GADGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.acme.io
spec:
  group: acme.io
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
          status: {type: object, properties: {ready: {type: boolean}}}
`;

const CM = (name: string, data = "", extra = "") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}${
    data ? `data:\n${data}` : ""
  }`;

/**
 * Sorts the lines of each block that starts with a `Listing ...:` header (or of the whole text
 * without headers), for outputs kubectl prints from Go maps in random order.
 *
 * @param text The output.
 * @returns The text with each block's lines sorted.
 */
export function sortBlocks(text: string): string {
  const lines = text.split("\n");
  const last = lines.pop();
  const out: string[] = [];
  let block: string[] = [];
  const flush = () => {
    out.push(...block.sort());
    block = [];
  };
  for (const l of lines) {
    if (l.startsWith("Listing ")) {
      flush();
      out.push(l);
    } else block.push(l);
  }
  flush();
  return [...out, last].join("\n");
}

/** `--type` and `-p` of patches that are not JSON objects (or not JSON), for every patch type. */
const NOT_OBJECTS: string[][] = ["strategic", "merge", "json"].flatMap((t) =>
  ["notjson", "[1]", "1", "null", "{", '[{"op":"remove","path":"/data/nope"}]'].map((p) => [
    `--type=${t}`,
    "-p",
    p,
  ])
);

/** The scenarios. */
export const SCENARIOS: Scenario[] = [
  {
    name: "create -f: created, AlreadyExists, Invalid and unknown kinds, exit 1",
    files: {
      "objs.yaml": [
        CM("app"),
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n",
        CM("Bad_Name"),
        CM("new1", "  a: b\n"),
      ].join("---\n"),
    },
    steps: [
      { args: ["create", "configmap", "app"] },
      { args: ["create", "-f", "objs.yaml"] },
      { args: ["create", "-f", "objs.yaml", "-o", "name"] },
      { args: ["get", "configmaps", "-o", "name"] },
    ],
  },
  {
    name: "create -f: several files, mapping errors aggregated last",
    files: {
      "a.yaml": [
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n",
        CM("app"),
        CM("a-new"),
      ].join("---\n"),
      "b.yaml": [
        CM("app"),
        "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g1\n",
        CM("b-new"),
      ].join("---\n"),
      "w.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n---\n" +
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\n",
    },
    steps: [
      { args: ["create", "configmap", "app"] },
      { args: ["create", "-f", "a.yaml", "-f", "b.yaml"] },
      { args: ["create", "-f", "w.yaml"] },
    ],
  },
  {
    name: "create -f: one invalid object, several causes, dry runs, save-config",
    files: {
      "bad.yaml": CM("Bad_Name", "", '  labels: {"a b": "c d"}\n'),
      "x1.yaml": CM("x1", "  k: v\n"),
      "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\n" +
        CM("in-team", "", "  namespace: team\n"),
    },
    steps: [
      { args: ["create", "-f", "bad.yaml"] },
      { args: ["create", "-f", "x1.yaml", "--dry-run=client", "-o", "yaml"] },
      { args: ["create", "-f", "x1.yaml", "--dry-run=client"] },
      { args: ["create", "-f", "x1.yaml", "--dry-run=server"] },
      { args: ["create", "-f", "x1.yaml", "--save-config", "-o", "json"] },
      { args: ["create", "-f", "ns.yaml"] },
      { args: ["get", "cm", "-n", "team", "-o", "name"] },
    ],
  },
  {
    name: "create -f -, directories, -R and -l",
    files: {
      "dir/a.yaml": CM("d-a", "", "  labels:\n    app: web\n"),
      "dir/b.json": '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d-b"}}',
      "dir/sub/c.yaml": CM("d-c", "", "  labels:\n    app: web\n"),
      "dir/ignored.txt": "not a manifest",
    },
    steps: [
      { args: ["create", "-f", "-"], stdin: CM("from-stdin") },
      { args: ["create", "-f", "dir"] },
      { args: ["create", "-f", "dir", "-R", "-l", "app=web"] },
      { args: ["get", "cm", "-o", "name"] },
    ],
  },
  {
    name: "create: usage errors",
    steps: [
      { args: ["create"] },
      { args: ["create", "foo"] },
      { args: ["create", "configmp", "x"] },
      { args: ["create", "-f", "nope.yaml"] },
      { args: ["create", "configmap"] },
      { args: ["create", "configmap", "a", "b"] },
    ],
  },
  {
    name: "create configmap and secret generators",
    files: {
      "e.env": 'A=1\n# c\n\n  B= 2 \nE="q"\nF=a=b\n',
      "bad.env": "export C=3\n",
      "cfg/one.txt": "1\n",
      "cfg/two.txt": "2\n",
    },
    steps: [
      { args: ["create", "configmap", "c1", "--from-literal=b=1", "--from-literal=a=2"] },
      { args: ["create", "configmap", "c1", "--from-literal=a=1"] },
      { args: ["create", "configmap", "c2", "--from-file=cfg", "--dry-run=client", "-o", "yaml"] },
      { args: ["create", "configmap", "c3", "--from-env-file=e.env", "-o", "yaml"] },
      { args: ["create", "configmap", "c4", "--from-env-file=bad.env"] },
      { args: ["create", "configmap", "c5", "--from-literal=bad/key=1"] },
      { args: ["create", "configmap", "c6", "--from-literal=a=1", "--from-literal=a=2"] },
      { args: ["create", "configmap", "c7", "--from-literal=abc"] },
      { args: ["create", "configmap", "c8", "--from-file=k=cfg"] },
      { args: ["create", "configmap", "c9", "--from-file=nope"] },
      { args: ["create", "configmap", "c10", "--from-env-file=e.env", "--from-literal=a=b"] },
      {
        args: ["create", "configmap", "h", "--from-literal=a=b", "--append-hash", "-o", "name"],
      },
      {
        args: ["create", "cm", "g1", "--from-literal=a=b", "--dry-run=client", "-o", "json"],
      },
      {
        args: [
          "create",
          "configmap",
          "g2",
          "--from-literal=a=b",
          "--save-config",
          "--dry-run=client",
          "-o",
          "yaml",
          "-n",
          "other",
        ],
      },
      { args: ["create", "secret", "generic", "s1", "--from-literal=a=b"] },
      { args: ["create", "secret", "generic", "s1", "--from-literal=a=b"] },
      { args: ["create", "secret", "generic", "s2", "--from-literal=bad/k=1"] },
      { args: ["create", "secret", "generic", "s3", "--from-literal=a=1", "--from-literal=a=2"] },
      {
        args: ["create", "secret", "generic", "s4", "--type=x", "--dry-run=client", "-o", "json"],
      },
      { args: ["get", "secret", "s1", "-o", "yaml"] },
      {
        args: [
          "create",
          "secret",
          "docker-registry",
          "d1",
          "--docker-username=u",
          "--docker-password=p",
          "--docker-server=r.io",
        ],
      },
      { args: ["create", "secret", "docker-registry", "d1", "--docker-username=u"] },
      { args: ["get", "secret", "d1", "-o", "jsonpath={.data}"] },
      { args: ["create", "secret", "tls", "t1"] },
      { args: ["create", "secret", "tls", "t1", "--cert=nope.pem", "--key=nope.pem"] },
      { args: ["create", "secret", "tls", "t1", "--cert=cfg", "--key=cfg"] },
      { args: ["create", "secret"] },
    ],
  },
  {
    name: "create namespace, serviceaccount, role, clusterrole and bindings",
    steps: [
      { args: ["create", "namespace", "n1"] },
      { args: ["create", "namespace", "n1"] },
      { args: ["create", "ns", "n2", "--dry-run=client", "-o", "yaml"] },
      { args: ["create", "serviceaccount", "sa1"] },
      { args: ["create", "sa", "sa1"] },
      // Every namespace has a `default` ServiceAccount (the serviceaccounts controller's).
      { args: ["get", "sa", "-A", "-o", "name"] },
      { args: ["get", "sa", "default", "-n", "n1", "-o", "jsonpath={.metadata.name}"] },
      { args: ["create", "role", "r1", "--verb=get,list", "--resource=cm,secrets"] },
      { args: ["create", "role", "r1", "--verb=get", "--resource=cm"] },
      {
        args: [
          "create",
          "role",
          "r2",
          "--verb=get",
          "--resource=cm,roles.rbac.authorization.k8s.io,cm/status",
          "--resource-name=a",
          "--resource-name=a",
          "-o",
          "yaml",
        ],
      },
      { args: ["create", "role", "r3", "--verb=get", "--resource=foo"] },
      { args: ["create", "role", "r3", "--verb=get", "--resource=foo.apps"] },
      { args: ["create", "role", "r3", "--verb=bogus", "--resource=cm"] },
      { args: ["create", "role", "r3", "--verb=bind", "--resource=cm"] },
      { args: ["create", "role", "r3", "--resource=cm"] },
      { args: ["create", "role", "r3", "--verb=get"] },
      { args: ["create", "role", "r3", "--verb=get", "--resource=.apps"] },
      {
        args: [
          "create",
          "clusterrole",
          "cr1",
          "--verb=get",
          "--resource=cm",
          "--non-resource-url=/x",
          "--non-resource-url=/y/*",
        ],
      },
      { args: ["create", "clusterrole", "cr1", "--verb=get", "--resource=cm"] },
      {
        args: [
          "create",
          "clusterrole",
          "cr2",
          "--aggregation-rule=a=b,c=d",
          "--dry-run=client",
          "-o",
          "yaml",
        ],
      },
      { args: ["create", "clusterrole", "cr3", "--aggregation-rule=a=b", "--verb=get"] },
      { args: ["create", "clusterrole", "cr3", "--non-resource-url=x", "--verb=get"] },
      { args: ["create", "clusterrole", "cr3", "--non-resource-url=/x", "--verb=list"] },
      { args: ["create", "clusterrole", "cr3", "--verb=get"] },
      { args: ["create", "clusterrole", "cr3", "--non-resource-url=/x/*/y", "--verb=get"] },
      { args: ["create", "clusterrole", "cr3", "--aggregation-rule=a"] },
      {
        args: [
          "create",
          "rolebinding",
          "rb1",
          "--role=r1",
          "--user=u",
          "--serviceaccount=default:sa1",
          "--group=g",
        ],
      },
      { args: ["create", "rolebinding", "rb1", "--role=r1"] },
      { args: ["create", "rolebinding", "rb2"] },
      { args: ["create", "rolebinding", "rb2", "--role=r", "--serviceaccount=bob"] },
      {
        args: [
          "create",
          "rolebinding",
          "rb2",
          "--clusterrole=c",
          "--user=a",
          "--user=b,c",
          "-n",
          "n1",
          "--dry-run=client",
          "-o",
          "json",
        ],
      },
      { args: ["create", "clusterrolebinding", "crb1", "--clusterrole=cr1", "--group=g"] },
      { args: ["create", "clusterrolebinding", "crb1", "--clusterrole=cr1"] },
      { args: ["create", "clusterrolebinding", "crb2"] },
      { args: ["get", "rolebinding", "rb1", "-o", "yaml"] },
    ],
  },
  {
    name: "apply: created, unchanged, configured, dry runs, missing annotation warning",
    files: {
      "app.yaml": CM("app", '  a: "1"\n  b: "2"\n'),
      "two.yaml": CM("a1", "  k: v\n") + "---\n" + CM("a2"),
      "plain.yaml": CM("plain", "  x: z\n"),
    },
    steps: [
      { args: ["apply", "-f", "app.yaml"] },
      { args: ["apply", "-f", "app.yaml"] },
      { write: { "app.yaml": CM("app", '  a: "1"\n  c: "3"\n') } },
      { args: ["apply", "-f", "app.yaml", "--dry-run=client"] },
      { args: ["apply", "-f", "app.yaml", "--dry-run=server"] },
      { args: ["apply", "-f", "app.yaml"] },
      { args: ["get", "cm", "app", "-o", "yaml"] },
      { args: ["apply", "-f", "two.yaml", "-o", "name"] },
      { args: ["apply", "-f", "two.yaml", "-o", "yaml"] },
      { args: ["apply", "-f", "two.yaml", "-o", "json"] },
      { args: ["apply", "-f", "app.yaml", "-o", "jsonpath={.data}"] },
      { args: ["create", "configmap", "plain", "--from-literal=x=y"] },
      { args: ["apply", "-f", "plain.yaml"] },
      { args: ["apply", "-f", "plain.yaml"] },
      { args: ["get", "cm", "plain", "-o", "jsonpath={.metadata.annotations}"] },
    ],
  },
  {
    name: "apply: errors",
    files: {
      "app.yaml": CM("app", "  k: v\n"),
      "bad.yaml": CM("app", "  k: v\n", '  labels: {"a b": "x"}\n'),
      "objs.yaml": [
        CM("Bad_Name"),
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n",
        CM("new1"),
      ].join("---\n"),
      "gen.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: g-\n",
      "noname.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n",
    },
    steps: [
      { args: ["apply"] },
      { args: ["apply", "x", "-f", "app.yaml"] },
      { args: ["apply", "-f", "app.yaml"] },
      { args: ["apply", "-f", "bad.yaml"] },
      { args: ["apply", "-f", "bad.yaml", "-f", "app.yaml", "-f", "objs.yaml"] },
      { args: ["apply", "-f", "gen.yaml"] },
      { args: ["apply", "-f", "noname.yaml"] },
      { args: ["apply", "-f", "app.yaml", "--server-side", "--dry-run=client"] },
      { args: ["apply", "--server-side", "--dry-run=client"] },
      { args: ["apply", "-f", "app.yaml", "--force-conflicts"] },
      {
        args: ["apply", "-f", "app.yaml", "--force-conflicts", "--server-side", "--dry-run=client"],
      },
      { args: ["apply", "-f", "app.yaml", "--server-side", "--force"] },
      { args: ["apply", "-f", "app.yaml", "--dry-run=server", "--force"] },
      { args: ["apply", "-f", "app.yaml", "--prune"] },
      { args: ["apply", "-f", "app.yaml", "--prune", "--all", "-l", "a=b"] },
      { args: ["apply", "-f", "app.yaml", "--prune", "--all", "--prune-allowlist=foo"] },
      { args: ["apply", "-f", "app.yaml", "--prune", "--all", "--prune-allowlist=core/v1/Foo"] },
    ],
  },
  {
    name: "apply --server-side: serverside-applied, conflicts, --force-conflicts",
    files: {
      "app.yaml": CM("app", "  k: v\n"),
      "app2.yaml": CM("app", "  k: v2\n"),
      "ssa.yaml": CM("ssa", "  k: v\n"),
    },
    steps: [
      { args: ["apply", "-f", "ssa.yaml", "--server-side"] },
      { args: ["apply", "-f", "ssa.yaml", "--server-side"] },
      { args: ["apply", "-f", "app.yaml"] },
      { args: ["apply", "-f", "app2.yaml", "--server-side"] },
      { args: ["get", "cm", "app", "-o", "jsonpath={.metadata.annotations}"] },
      { args: ["create", "configmap", "made", "--from-literal=k=v"] },
      { write: { "made.yaml": CM("made", "  k: v2\n") } },
      { args: ["apply", "-f", "made.yaml", "--server-side"] },
      { args: ["apply", "-f", "made.yaml", "--server-side", "--field-manager=other"] },
      { args: ["apply", "-f", "made.yaml", "--server-side", "--force-conflicts"] },
      { args: ["get", "cm", "made", "-o", "jsonpath={.data.k}"] },
      { args: ["get", "cm", "app", "-o", "jsonpath={.data.k}"] },
      { args: ["apply", "-f", "app2.yaml", "--server-side", "--dry-run=server", "-o", "name"] },
    ],
  },
  {
    name: "apply --server-side --subresource",
    files: {
      "crd.yaml": GADGET_CRD,
      "g.yaml": "apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  size: 1\n",
      "gs.yaml":
        "apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  size: 9\nstatus:\n  ready: true\n",
      "gz.yaml":
        "apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: gz\nstatus:\n  ready: true\n",
      "cm.yaml": CM("c", "  k: v\n"),
    },
    steps: [
      { args: ["apply", "-f", "crd.yaml"] },
      { args: ["apply", "-f", "g.yaml", "--server-side"] },
      { args: ["apply", "-f", "gs.yaml", "--subresource=status"] },
      { args: ["apply", "-f", "gs.yaml", "--server-side", "--subresource=foo"] },
      { args: ["apply", "-f", "gs.yaml", "--server-side", "--subresource=status"] },
      { args: ["get", "gadget", "g1", "-o", "jsonpath={.spec.size} {.status.ready}"] },
      { args: ["apply", "-f", "gs.yaml", "--server-side", "--subresource=status"] },
      { args: ["apply", "-f", "gz.yaml", "--server-side", "--subresource=status"] },
      {
        args: ["apply", "-f", "gs.yaml", "--server-side", "--subresource=status", "-o", "yaml"],
      },
      { args: ["apply", "-f", "cm.yaml", "--server-side"] },
      { args: ["apply", "-f", "cm.yaml", "--server-side", "--subresource=status"] },
      { args: ["apply", "-f", "g.yaml", "--server-side", "--subresource=scale"] },
      {
        args: [
          "apply",
          "-f",
          "gs.yaml",
          "--server-side",
          "--subresource=status",
          "--dry-run=server",
        ],
      },
    ],
  },
  {
    name: "apply --prune",
    files: {
      "v1.yaml": [
        CM("p1", "", "  labels:\n    app: web\n"),
        CM("p2", "", "  labels:\n    app: web\n"),
        CM("other", "", "  labels:\n    app: db\n"),
      ].join("---\n"),
      "v2.yaml": CM("p1", "", "  labels:\n    app: web\n"),
      "v3.yaml": CM("other", "", "  labels:\n    app: db\n"),
    },
    steps: [
      { args: ["apply", "-f", "v1.yaml"] },
      { args: ["create", "configmap", "manual"] },
      { args: ["label", "configmap", "manual", "app=web"] },
      {
        args: [
          "apply",
          "-f",
          "v2.yaml",
          "--prune",
          "-l",
          "app=web",
          "--dry-run=client",
          "--prune-allowlist=core/v1/ConfigMap",
        ],
      },
      {
        args: [
          "apply",
          "-f",
          "v2.yaml",
          "--prune",
          "-l",
          "app=web",
          "--prune-allowlist=core/v1/ConfigMap",
        ],
      },
      { args: ["get", "cm", "-o", "name"] },
      {
        args: ["apply", "-f", "v3.yaml", "--prune", "--all", "--prune-allowlist=core/v1/ConfigMap"],
      },
      { args: ["get", "cm", "-o", "name"] },
    ],
  },
  {
    name: "apply: custom resources get JSON merge patches",
    files: {
      "crd.yaml": `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.acme.io
spec:
  group: acme.io
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              tags: {type: array, items: {type: string}}
`,
      "g.yaml":
        "apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  size: 1\n  tags: [a, b]\n",
      "g2.yaml":
        "apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  tags: [c]\n",
    },
    steps: [
      { args: ["apply", "-f", "crd.yaml"] },
      { args: ["apply", "-f", "g.yaml"] },
      { args: ["apply", "-f", "g.yaml"] },
      { args: ["apply", "-f", "g2.yaml"] },
      { args: ["get", "gadgets", "g1", "-o", "jsonpath={.spec}"] },
    ],
  },
  {
    name: "label: labeled, unlabeled, not labeled, overwrite errors, lists",
    files: { "a.yaml": CM("a") },
    steps: [
      { args: ["create", "configmap", "a"] },
      { args: ["create", "configmap", "b"] },
      { args: ["label", "configmap", "a", "env=prod", "tier=web"] },
      { args: ["label", "configmap", "a", "env=prod"] },
      { args: ["label", "configmap", "a", "env=prod", "tier=db"] },
      { args: ["label", "configmap", "a", "env=dev"] },
      { args: ["label", "cm", "a", "b", "env=dev", "tier=db"] },
      { args: ["label", "cm", "a", "env=dev", "--overwrite"] },
      { args: ["label", "cm", "a", "env=dev", "--overwrite"] },
      { args: ["label", "cm", "a", "tier-"] },
      { args: ["label", "cm", "a", "nope-"] },
      { args: ["label", "cm", "a", "env-", "--overwrite"] },
      { args: ["label", "cm", "a", "b", "x=1", "-o", "yaml"] },
      { args: ["label", "cm", "a", "--list"] },
      { args: ["label", "cm", "--all", "--list"], sortLines: true },
      { args: ["label", "cm", "-l", "x=1", "y=2"] },
      { args: ["label", "cm", "-l", "nothing=here", "y=2"] },
      { args: ["label", "cm", "--all", "z=3", "-o", "name"] },
      { args: ["label", "cm", "a", "nope", "w=1"] },
      { args: ["label", "cm", "a", "w=2", "--dry-run=client"] },
      { args: ["label", "cm", "a", "w=2", "--dry-run=server"] },
      { args: ["label", "cm", "a", "w=2", "--dry-run=client", "--overwrite"] },
      { args: ["label", "cm", "a", "w=2", "--dry-run=server", "--overwrite"] },
      { args: ["label", "-f", "a.yaml", "w=3"] },
      { args: ["label", "--local", "-f", "a.yaml", "w=4", "-o", "yaml"] },
      { args: ["get", "cm", "a", "-o", "jsonpath={.metadata.labels}"] },
      { args: ["label", "cm", "a", "w=5", "--resource-version=1"] },
      { args: ["label", "cm", "a", "b", "w=5", "--resource-version=1"] },
    ],
  },
  {
    name: "label and annotate: argument errors",
    steps: [
      { args: ["create", "configmap", "a"] },
      { args: ["label", "cm", "a"] },
      { args: ["label", "cm", "a", "x=1", "cm"] },
      { args: ["label", "cm", "a", "k=a=b"] },
      { args: ["label", "cm", "a", "k=v", "k-"] },
      { args: ["label", "cm", "a", "env=bad value"] },
      { args: ["label", "cm", "a", "bad key=v"] },
      { args: ["label", "cm", "x=1"] },
      { args: ["label", "x=1"] },
      { args: ["label", "cm", "--all", "-l", "a=b", "x=1"] },
      { args: ["label", "cm", "a", "x=1", "--list", "-o", "yaml"] },
      { args: ["label", "--local", "cm", "a", "x=1"] },
      { args: ["label", "--local", "x=1"] },
      { args: ["annotate", "cm", "a"] },
      { args: ["annotate", "cm", "a", "k=v", "k-", "z"] },
      { args: ["annotate", "cm", "a", "k=v", "k-"] },
      { args: ["annotate", "x=1"] },
    ],
  },
  {
    name: "annotate: annotated, overwrite errors, lists",
    steps: [
      { args: ["create", "configmap", "a"] },
      { args: ["create", "configmap", "b"] },
      { args: ["annotate", "cm", "a", "b", "c=d"] },
      { args: ["annotate", "cm", "a", "c=e"] },
      { args: ["annotate", "cm", "a", "c=d"] },
      { args: ["annotate", "cm", "a", "c=d", "c1=x"] },
      { args: ["annotate", "cm", "a", "c=e", "c2=f", "c3=g"] },
      { args: ["annotate", "cm", "a", "b", "c=e", "--overwrite", "-o", "yaml"] },
      { args: ["annotate", "cm", "a", "c-"] },
      { args: ["annotate", "cm", "a", "nope-"] },
      { args: ["annotate", "cm", "a", "x=a=b", "--list"], sortLines: true },
      { args: ["annotate", "cm", "--all", "--list"], sortLines: true },
      { args: ["annotate", "cm", "a", "y=1", "--dry-run=client", "-o", "name"] },
      { args: ["annotate", "cm", "a", "y=1", "--dry-run=server"] },
      { args: ["get", "cm", "a", "-o", "jsonpath={.metadata.annotations}"] },
    ],
  },
  {
    name: "delete: names, selectors, --all, dry runs, -o name, errors",
    files: {
      "nope.yaml": CM("nope"),
      "c.yaml": CM("c"),
    },
    steps: [
      { args: ["create", "configmap", "a"] },
      { args: ["create", "configmap", "b", "--dry-run=client", "-o", "yaml"] },
      { args: ["create", "-f", "c.yaml"] },
      { args: ["create", "configmap", "b"] },
      { args: ["delete", "configmap", "a"] },
      { args: ["delete", "cm", "b", "nope", "c"] },
      { args: ["delete", "cm", "--all"] },
      { args: ["delete", "cm"] },
      { args: ["delete"] },
      { args: ["delete", "cm", "x", "--ignore-not-found"] },
      { args: ["create", "configmap", "d"] },
      { args: ["delete", "cm", "d", "--dry-run=client"] },
      { args: ["delete", "cm", "d", "--dry-run=server"] },
      { args: ["delete", "cm", "d", "-o", "name"] },
      { args: ["create", "configmap", "e"] },
      { args: ["delete", "cm/e", "--now"] },
      { args: ["create", "configmap", "f"] },
      { args: ["delete", "cm", "f", "--grace-period=0", "--force"] },
      { args: ["create", "configmap", "f0"] },
      { args: ["delete", "cm", "f0", "--grace-period=0"] },
      { args: ["delete", "cm", "f", "-o", "yaml"] },
      { args: ["delete", "cm", "-l", "a=b"] },
      { args: ["delete", "cm", "--all", "-l", "a=b"] },
      { args: ["delete", "ns", "default"] },
      { args: ["create", "role", "r", "--verb=get", "--resource=cm"] },
      { args: ["delete", "role", "r"] },
      { args: ["delete", "cm", "f", "--cascade=true"] },
      { args: ["delete", "cm", "f", "--cascade=bogus"] },
      { args: ["delete", "cm", "a", "-A"] },
      { args: ["delete", "-f", "nope.yaml"] },
      { args: ["delete", "-f", "nope.yaml", "--ignore-not-found"] },
      { args: ["create", "-f", "c.yaml"] },
      { args: ["delete", "-f", "c.yaml", "-f", "nope.yaml"] },
      { args: ["delete", "cm", "x", "--now", "--grace-period=3"] },
      { args: ["delete", "cm", "x", "--force", "--grace-period=3"] },
    ],
  },
  {
    name: "delete: finalizers, --wait, --timeout, namespaces with content",
    files: {
      "fin.yaml": CM("fin", "", '  finalizers: ["example.com/x"]\n'),
      "team.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\n" +
        CM("in-team", "", "  namespace: team\n"),
    },
    steps: [
      { args: ["create", "-f", "fin.yaml"] },
      { args: ["delete", "cm", "fin", "--timeout=1s"] },
      { args: ["delete", "cm", "fin", "--wait=false"] },
      { args: ["get", "cm", "fin", "-o", "jsonpath={.metadata.finalizers}"] },
      { args: ["create", "-f", "team.yaml"] },
      { args: ["delete", "namespace", "team"] },
      { args: ["get", "ns", "-o", "name"] },
      { args: ["create", "clusterrole", "cr", "--verb=get", "--resource=cm"] },
      { args: ["delete", "clusterrole", "cr", "-n", "default"] },
    ],
  },
  {
    name: "patch: strategic, merge, json, no change, local, status, errors",
    files: {
      "a.yaml": CM("a", "  k: v\n"),
      "p.yaml": 'data:\n  fromfile: "1"\n',
      "crd.yaml": GADGET_CRD,
      "g.yaml": "apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  size: 1\n",
    },
    steps: [
      { args: ["create", "-f", "a.yaml"] },
      { args: ["create", "configmap", "b"] },
      { args: ["patch", "cm", "a", "-p", '{"data":{"k":"v2"}}'] },
      { args: ["patch", "cm", "a", "-p", '{"data":{"k":"v2"}}'] },
      { args: ["patch", "cm", "a", "--type=merge", "-p", 'data: {x: "1"}'] },
      {
        args: [
          "patch",
          "cm",
          "a",
          "--type=json",
          "-p",
          '[{"op":"replace","path":"/data/x","value":"2"}]',
        ],
      },
      { args: ["patch", "cm", "a", "--patch-file=p.yaml", "-o", "yaml"] },
      { args: ["patch", "cm", "a", "b", "-p", '{"data":{"k":"v3"}}', "-o", "name"] },
      { args: ["patch", "cm", "a", "b", "-p", '{"data":{"k":"v4"}}', "-o", "yaml"] },
      { args: ["patch", "cm", "a", "nope", "-p", '{"data":{"k":"v5"}}'] },
      { args: ["patch", "cm", "a", "-p", '{"data":{"k":"v6"}}', "--dry-run=client", "-o", "yaml"] },
      { args: ["patch", "cm", "a", "-p", '{"data":{"k":"v6"}}', "--dry-run=server"] },
      { args: ["patch", "cm", "a", "-p", '{"data":{"k":"v6"}}', "--dry-run=client"] },
      { args: ["patch", "-f", "a.yaml", "-p", '{"data":{"k":"v7"}}'] },
      { args: ["patch", "--local", "-f", "a.yaml", "-p", '{"data":{"k":"local"}}', "-o", "json"] },
      {
        args: [
          "patch",
          "--local",
          "-f",
          "a.yaml",
          "--type=json",
          "-p",
          '[{"op":"test","path":"/data/k","value":"zz"}]',
        ],
      },
      { args: ["get", "cm", "a", "-o", "jsonpath={.data}"] },
      { args: ["patch", "cm", "a", "--type=foo", "-p", "{}"] },
      { args: ["patch", "cm", "a"] },
      { args: ["patch", "cm", "a", "-p", "{}", "--patch-file=p.yaml"] },
      { args: ["patch", "cm", "-p", "{}"] },
      { args: ["patch", "--local", "cm", "a", "-p", "{}"] },
      { args: ["patch", "cm", "a", "-p", '{"metadata":{"name":"Bad"}}'] },
      { args: ["patch", "cm", "a", "-p", '{"metadata":{"labels":{"a b":"c"}}}'] },
      { args: ["patch", "cm", "a", "-p", '{"a" 1}'] },
      { args: ["patch", "cm", "a", "-p", '{"a":tru}'] },
      { args: ["patch", "cm", "a", "-p", '{"a":1}}'] },
      { args: ["patch", "cm", "a", "-p", '{"data":{"k":"v8"}}', "--subresource=status"] },
      { args: ["patch", "cm", "a", "-p", '{"data":{"k":"v8"}}', "--subresource=bogus"] },
      { args: ["patch", "cm", "a", "--patch-file=nope.yaml"] },
      { args: ["apply", "-f", "crd.yaml"] },
      { args: ["create", "-f", "g.yaml"] },
      { args: ["patch", "gadget", "g1", "-p", '{"spec":{"size":2}}'] },
      { args: ["patch", "gadget", "g1", "--type=merge", "-p", '{"spec":{"size":2}}'] },
      { args: ["patch", "gadget", "g1", "--type=merge", "-p", '{"status":{"ready":true}}'] },
      {
        args: [
          "patch",
          "gadget",
          "g1",
          "--type=merge",
          "-p",
          '{"status":{"ready":true}}',
          "--subresource=status",
        ],
      },
      { args: ["get", "gadget", "g1", "-o", "jsonpath={.status}"] },
      { args: ["patch", "--local", "-f", "g.yaml", "-p", '{"spec":{"size":3}}'] },
    ],
  },
  {
    // kubectl converts -p from YAML (a scalar becomes a JSON string) unless it starts with
    // "{"; locally it reports the patch libraries' messages, not a server's.
    name: "patch: patches that are not JSON objects, on the server and locally",
    files: { "a.yaml": CM("a", "  k: v\n") },
    steps: [
      { args: ["create", "-f", "a.yaml"] },
      ...NOT_OBJECTS.map((p) => ({ args: ["patch", "cm", "a", ...p] })),
      ...NOT_OBJECTS.map((p) => ({ args: ["patch", "--local", "-f", "a.yaml", ...p] })),
      { args: ["get", "cm", "a", "-o", "jsonpath={.data}"] },
    ],
  },
  {
    name: "apply view-last-applied and set-last-applied",
    files: {
      "a.yaml": CM("a", "  k: v\n"),
      "a2.yaml": CM("a", "  k: v2\n"),
      "ab.yaml": CM("a", "  k: v\n") + "---\n" + CM("b"),
      "plain.yaml": CM("plain", "  p: q\n"),
      "nope.yaml": CM("nope"),
      "odd.yaml": CM("odd", '  "10": xx\n  "2": yy\n  k: a<b&c\n  e: ""\n', "  labels: {}\n"),
    },
    steps: [
      { args: ["apply", "-f", "odd.yaml"] },
      // The stored text re-indented (json.Indent): key order and escapes kept.
      { args: ["apply", "view-last-applied", "cm", "odd", "-o", "json"] },
      { args: ["apply", "view-last-applied", "cm", "odd"] },
      { args: ["apply", "-f", "ab.yaml"] },
      { args: ["create", "configmap", "plain"] },
      { args: ["apply", "view-last-applied", "cm", "a"] },
      { args: ["apply", "view-last-applied", "configmap/a", "-o", "json"] },
      { args: ["apply", "view-last-applied", "-f", "ab.yaml"] },
      { args: ["apply", "view-last-applied", "-f", "ab.yaml", "-o", "json"] },
      { args: ["apply", "view-last-applied", "cm", "plain"] },
      { args: ["apply", "view-last-applied", "-f", "plain.yaml"] },
      { args: ["apply", "view-last-applied", "cm", "nope"] },
      { args: ["apply", "view-last-applied", "cm", "-l", "x=y"] },
      { args: ["apply", "view-last-applied", "cm", "--all"] },
      { args: ["apply", "view-last-applied", "cm", "a", "-o", "wide"] },
      { args: ["apply", "view-last-applied"] },
      { args: ["apply", "set-last-applied", "-f", "a2.yaml"] },
      { args: ["apply", "view-last-applied", "cm", "a"] },
      { args: ["get", "cm", "a", "-o", "jsonpath={.data}"] },
      { args: ["apply", "set-last-applied", "-f", "a2.yaml"] },
      { args: ["apply", "set-last-applied", "-f", "plain.yaml"] },
      { args: ["apply", "set-last-applied", "-f", "plain.yaml", "--create-annotation"] },
      { args: ["apply", "view-last-applied", "cm", "plain", "-o", "json"] },
      { args: ["apply", "set-last-applied", "-f", "nope.yaml"] },
      { args: ["apply", "set-last-applied", "-f", "ab.yaml", "-o", "yaml"] },
      { args: ["apply", "set-last-applied", "-f", "a2.yaml", "--dry-run=client"] },
      { args: ["apply", "set-last-applied", "-f", "a2.yaml", "--dry-run=server", "-o", "name"] },
      { args: ["apply", "set-last-applied"] },
      { args: ["apply", "set-last-applied", "cm", "a"] },
      { args: ["apply", "-f", "a.yaml"] },
      { args: ["apply", "view-last-applied", "cm", "a", "b"] },
      { args: ["apply", "view-last-applied", "cm"] },
      { args: ["apply", "view-last-applied", "cm/a", "-o", "yaml", "-n", "default"] },
    ],
  },
  {
    name: "delete --interactive: confirmed, refused, nothing to delete, dry runs",
    steps: [
      { args: ["create", "configmap", "a"] },
      { args: ["create", "configmap", "b"] },
      { args: ["create", "configmap", "c"] },
      { args: ["delete", "cm", "a", "-i"], stdin: "n\n" },
      { args: ["delete", "cm", "a", "--interactive"], stdin: "" },
      { args: ["delete", "cm", "a", "-i"], stdin: "yes\n" },
      { args: ["delete", "cm", "a", "-i"], stdin: "y\n" },
      { args: ["delete", "cm", "b", "c", "-i", "-o", "name"], stdin: "Y\n" },
      { args: ["delete", "cm", "--all", "-i"], stdin: "y\n" },
      { args: ["delete", "cm", "nope", "-i"], stdin: "y\n" },
      { args: ["delete", "cm", "nope", "-i", "--ignore-not-found"], stdin: "y\n" },
      { args: ["create", "configmap", "d"] },
      { args: ["delete", "cm", "d", "-i", "--dry-run=client"], stdin: "y\n" },
      { args: ["delete", "cm", "d", "-i", "--dry-run=server"], stdin: "y\n" },
      // Standard input is the manifest: no answer is left for the question.
      { args: ["delete", "-f", "-", "-i"], stdin: CM("d") },
      { args: ["create", "clusterrole", "cr", "--verb=get", "--resource=cm"] },
      { args: ["delete", "clusterrole", "cr", "-i"], stdin: "n\n" },
      { args: ["get", "cm", "-o", "name"] },
    ],
  },
  {
    // Commands with --validate check apiVersion and kind (kubectl's getObjectKind); the others,
    // and --validate=false, only decode: a malformed apiVersion is a missing kind.
    name: "files: validated by commands with --validate, decoded by the others",
    files: {
      "badgv.yaml": "apiVersion: a/b/c\nkind: ConfigMap\nmetadata:\n  name: x\n",
      "nokind.yaml": "apiVersion: v1\nmetadata:\n  name: x\n",
      "flow.yaml": "apiVersion: v1\nkind: ConfigMap\ndata: {a: 1,\n",
      "miss2.yaml": CM("nx1") + "---\n" + CM("nx2"),
      "good.yaml": CM("g"),
      "noapi.yaml": "kind: ConfigMap\nmetadata:\n  name: na\n",
      "norole.yaml": "kind: Role\nmetadata:\n  name: r\n",
      "mixed.yaml": CM("g") + "---\nmetadata:\n  name: x\n---\na: [\n",
      "stream.json": '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"g"}}\n' +
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"nx3"}}\n{"kind": [',
      "listbadgv.yaml":
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: a/b/c\n  kind: ConfigMap\n  metadata:\n    name: y\n",
    },
    steps: [
      { args: ["create", "-f", "badgv.yaml"] },
      { args: ["create", "-f", "badgv.yaml", "--validate=false"] },
      { args: ["apply", "-f", "nokind.yaml"] },
      { args: ["apply", "-f", "nokind.yaml", "--validate=ignore"] },
      { args: ["label", "--local", "-f", "nokind.yaml", "a=b"] },
      { args: ["annotate", "--local", "-f", "badgv.yaml", "a=b"] },
      { args: ["label", "--local", "-f", "listbadgv.yaml", "a=b"] },
      { args: ["delete", "-f", "badgv.yaml"] },
      { args: ["replace", "-f", "listbadgv.yaml"] },
      // get and describe collect what they cannot read: a table prints it bare, other formats
      // print the empty list first unless one file was named.
      { args: ["get", "-f", "badgv.yaml"] },
      { args: ["get", "-f", "flow.yaml"] },
      { args: ["get", "-f", "flow.yaml", "-o", "yaml"] },
      { args: ["get", "-f", "-", "-o", "json"], stdin: "a: [\n" },
      { args: ["get", "-f", "nope.yaml"] },
      { args: ["describe", "-f", "nokind.yaml"] },
      // One file naming several missing objects: all their errors, before anything is printed.
      { args: ["get", "-f", "miss2.yaml", "-o", "name"] },
      // Files that cannot be read do not stop the others.
      { args: ["create", "-f", "good.yaml"] },
      { args: ["get", "-f", "good.yaml", "-f", "flow.yaml", "-o", "name"] },
      { args: ["get", "-f", "flow.yaml", "-f", "good.yaml", "-f", "nokind.yaml", "-o", "name"] },
      { args: ["get", "-f", "flow.yaml", "-f", "nokind.yaml"] },
      { args: ["get", "-f", "flow.yaml", "-w"] },
      // Within a file: an undecodable document is skipped, a syntax error ends the file.
      { args: ["get", "-f", "mixed.yaml", "-o", "name"] },
      { args: ["get", "-f", "mixed.yaml", "-f", "good.yaml", "-o", "name"] },
      // A JSON stream is read value by value: the values before a syntax error are kept.
      { args: ["get", "-f", "stream.json", "-o", "name"] },
      { args: ["get", "-f", "stream.json", "-f", "good.yaml", "-o", "name"] },
      // Decoding lets an object without an apiVersion through.
      { args: ["label", "--local", "-f", "noapi.yaml", "a=b", "-o", "yaml"] },
      { args: ["create", "-f", "norole.yaml", "--validate=false"] },
    ],
  },
  {
    // kubectl's local builder maps no kinds: no CRD is needed to change a file's objects.
    name: "label, annotate and patch --local: kinds the store does not know, in file order",
    files: {
      "w.yaml":
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n",
      "bare.yaml": "apiVersion: example.com/v1\nkind: Widget\n",
      "mixed.yaml": CM("c0") + "---\n" +
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\n---\n" + CM("c1"),
    },
    steps: [
      { args: ["label", "--local", "-f", "w.yaml", "a=b", "-o", "yaml"] },
      { args: ["label", "--local", "-f", "mixed.yaml", "-f", "w.yaml", "a=b", "-o", "name"] },
      { args: ["annotate", "--local", "-f", "w.yaml", "-f", "mixed.yaml", "n=v", "-o", "name"] },
      { args: ["label", "--local", "-f", "w.yaml", "a=b", "--list"] },
      // One file is a single item whatever it holds (no headers); stdin never is.
      { args: ["label", "--local", "-f", "mixed.yaml", "a=b", "--list"] },
      { args: ["annotate", "--local", "-f", "-", "n=v", "--list"], stdin: CM("c2") },
      { args: ["label", "--local", "-f", "bare.yaml", "a=b"] },
      { args: ["patch", "--local", "-f", "bare.yaml", "--type=merge", "-p", '{"spec":{}}'] },
      { args: ["patch", "--local", "-f", "w.yaml", "--type=json", "-p", '{"a" 1}'] },
      {
        args: [
          "patch",
          "--local",
          "-f",
          "w.yaml",
          "--type=merge",
          "-p",
          '{"spec":{"size":2}}',
          "-o",
          "yaml",
        ],
      },
      {
        args: [
          "patch",
          "--local",
          "-f",
          "mixed.yaml",
          "-p",
          '{"metadata":{"labels":{"x":"y"}}}',
          "-o",
          "name",
        ],
      },
      {
        args: [
          "patch",
          "--local",
          "-f",
          "w.yaml",
          "--type=json",
          "-p",
          '[{"op":"add","path":"/spec/x","value":1}]',
          "-o",
          "json",
        ],
      },
      { args: ["label", "-f", "w.yaml", "a=b"] },
      { args: ["patch", "-f", "w.yaml", "--type=merge", "-p", "{}"] },
    ],
  },
  {
    // kubectl's builder reads each file while visiting it: a file that cannot be read is one
    // more error, and the files after it are still changed.
    name: "label, annotate and patch: files that cannot be read among others",
    files: {
      "a.yaml": CM("a"),
      "b.yaml": CM("b"),
      "broken.yaml": CM("x") + "data: [\n",
      "two.yaml": CM("c") + "---\n" + CM("y") + "data: {\n",
      "nx.yaml": CM("nx"),
      "unk.yaml": "apiVersion: v1\nkind: Nope\nmetadata:\n  name: u\n",
      "s.json": '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}\n{"kind": [',
    },
    steps: [
      "create -f a.yaml -f b.yaml",
      "label --local -f a.yaml -f broken.yaml -f b.yaml x=1 -o name",
      "label --local -f a.yaml -f nosuch.yaml -f b.yaml x=1 -o name",
      "annotate --local -f two.yaml -f b.yaml n=v -o name",
      "label --local -f broken.yaml x=1",
      `patch --local -f a.yaml -f broken.yaml -f b.yaml -p {"data":{"k":"v"}} -o name`,
      "label -f a.yaml -f broken.yaml -f b.yaml x=1",
      "annotate -f two.yaml -f b.yaml n=v --dry-run=client -o name",
      `patch -f broken.yaml -f a.yaml -p {"data":{"k":"v"}}`,
      "get cm -l x=1 -o name",
      // kubectl reports what reading, mapping and fetching the objects failed on in file order,
      // after the errors of the change itself.
      "label -f broken.yaml -f nx.yaml x=1",
      "label -f s.json -f nx.yaml y=1",
      "annotate -f broken.yaml -f unk.yaml -f nx.yaml n=v",
      "annotate -f broken.yaml -f nx.yaml n=v --dry-run=server",
      "label -f nx.yaml -f a.yaml x=3",
      "label -f nx.yaml -f broken.yaml -f a.yaml -f unk.yaml x=4",
      `patch -f nx.yaml -f broken.yaml -f a.yaml -f unk.yaml -p {"data":{"k":"w"}}`,
    ].map((line) => ({ args: line.split(" ") })),
  },
  {
    name: "replace: replaced, conflicts, not found, --force, dry runs",
    files: {
      "ra.yaml": CM("a", "  k: v2\n"),
      "rz.yaml": CM("zz"),
      "stale.yaml": CM("a", "", '  resourceVersion: "1"\n'),
      "two.yaml": CM("a", "  k: v3\n") + "---\n" + CM("zz"),
    },
    steps: [
      { args: ["create", "configmap", "a", "--from-literal=k=v"] },
      { args: ["replace", "-f", "ra.yaml"] },
      { args: ["replace", "-f", "ra.yaml", "--dry-run=server"] },
      { args: ["replace", "-f", "ra.yaml", "--dry-run=client", "-o", "yaml"] },
      { args: ["replace", "-f", "ra.yaml", "--force"] },
      { args: ["replace", "-f", "ra.yaml", "--force", "--dry-run=client"] },
      { args: ["replace"] },
      { args: ["replace", "-f", "ra.yaml", "--timeout=1s"] },
      { args: ["replace", "-f", "ra.yaml", "--grace-period=1"] },
      { args: ["replace", "-f", "rz.yaml"] },
      { args: ["replace", "-f", "two.yaml"] },
      { args: ["replace", "-f", "rz.yaml", "--force"] },
      { args: ["replace", "-f", "ra.yaml", "--subresource=foo"] },
      { args: ["replace", "-f", "stale.yaml"] },
      { args: ["replace", "-f", "ra.yaml", "--save-config", "-o", "yaml"] },
      { args: ["replace", "-f", "-"], stdin: CM("a", "  k: stdin\n") },
      { args: ["get", "cm", "-o", "name"] },
    ],
  },
  {
    name: "edit: edited, cancelled, reopened on errors, editor failures",
    files: {
      "ed1.sh+x":
        '#!/bin/sh\necho "--- editor: ${1##*.}"\ncat "$1"\nsed -i \'s/k: v$/k: edited/\' "$1"\n',
      "ed2.sh+x": '#!/bin/sh\necho "--- editor"\ncat "$1"\n' +
        'if grep -q "was not valid" "$1"; then sed -i \'s/"a b": x/ab: x/\' "$1"; ' +
        'else sed -i \'s/^  name: a$/  name: a\\n  labels: {"a b": x}/\' "$1"; fi\n',
      "ed3.sh+x":
        '#!/bin/sh\necho "--- editor"\ncat "$1"\nsed -i \'s/^kind: ConfigMap$/kind: ConfigMap: x/\' "$1"\n',
      "ed4.sh+x": "#!/bin/sh\nsed -i 's/^  name: a$/  name: zzz/' \"$1\"\n",
      "ed5.sh+x": '#!/bin/sh\necho "--- editor"\ncat "$1"\nprintf \'# nothing\\n\\n\' > "$1"\n',
      "ed6.sh+x": "#!/bin/sh\nsed -i 's/^data:/bogus: 1\\ndata:/' \"$1\"\n",
      "ed7.sh+x": "#!/bin/sh\nsed -i 's/k: edited$/k: again/' \"$1\"\n",
      "ed8.sh+x": "#!/bin/sh\nsed -i 's/size: 1$/size: 5/' \"$1\"\n",
      "ed9.sh+x": "#!/bin/sh\nsed -i 's/namespace: default$/namespace: other/' \"$1\"\n",
      "crd.yaml": `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.acme.io
spec:
  group: acme.io
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
`,
      "g.yaml": "apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  size: 1\n",
    },
    steps: [
      { args: ["create", "configmap", "a", "--from-literal=k=v"] },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./ed1.sh" } },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./ed1.sh" } },
      { args: ["edit", "cm/a", "-o", "json"], env: { KUBE_EDITOR: "./ed1.sh" } },
      { args: ["edit", "cm", "a", "--output-patch"], env: { EDITOR: "sh ./ed7.sh" } },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./ed2.sh" } },
      { args: ["get", "cm", "a", "-o", "jsonpath={.metadata.labels}"] },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./ed3.sh" } },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./ed4.sh" } },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./ed5.sh" } },
      { args: ["edit", "cm", "a", "--validate=false"], env: { KUBE_EDITOR: "./ed5.sh" } },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./ed6.sh" } },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./ed9.sh" } },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "false" } },
      { args: ["edit", "cm", "a"], env: { KUBE_EDITOR: "./no-such-editor.sh" } },
      { args: ["edit", "cm", "nope"], env: { KUBE_EDITOR: "./ed1.sh" } },
      { args: ["edit"], env: { KUBE_EDITOR: "./ed1.sh" } },
      { args: ["create", "configmap", "b", "--from-literal=k=v"] },
      { args: ["edit", "cm", "b", "--save-config"], env: { KUBE_EDITOR: "./ed1.sh" } },
      { args: ["get", "cm", "b", "-o", "jsonpath={.metadata.annotations}"] },
      { args: ["apply", "-f", "crd.yaml"] },
      { args: ["create", "-f", "g.yaml"] },
      { args: ["edit", "gadget", "g1", "--output-patch"], env: { KUBE_EDITOR: "./ed8.sh" } },
      { args: ["get", "gadget", "g1", "-o", "jsonpath={.spec}"] },
    ],
  },
  {
    name: "apply edit-last-applied: the annotation edited, skipped, cancelled, missing",
    files: {
      "a.yaml": CM("a", "  k: v\n"),
      "two.yaml": CM("a", "  k: v\n") + "---\n" + CM("c", "  k: v\n"),
      "el1.sh+x":
        '#!/bin/sh\necho "--- editor: ${1##*.}"\ncat "$1"\nsed -i \'s/k: v$/k: w/\' "$1"\n',
      "el2.sh+x": '#!/bin/sh\necho "--- editor"\ncat "$1"\nsed -i \'s/"k": "w"/"k": "x"/\' "$1"\n',
      "el3.sh+x": "#!/bin/sh\nsed -i 's/^kind: ConfigMap$/kind: ConfigMap: x/' \"$1\"\n",
      "el4.sh+x": "#!/bin/sh\nsed -i 's/^data:/bogus: 1\\ndata:/' \"$1\"\n",
      "el5.sh+x": "#!/bin/sh\nprintf '# nothing\\n' > \"$1\"\n",
      "el6.sh+x": "#!/bin/sh\nsed -i 's/namespace: default$/namespace: other/' \"$1\"\n",
    },
    steps: [
      { args: ["apply", "-f", "a.yaml"] },
      { args: ["create", "configmap", "b", "--from-literal=k=v"] },
      { args: ["apply", "edit-last-applied", "cm/a"], env: { KUBE_EDITOR: "./el1.sh" } },
      { args: ["apply", "view-last-applied", "cm/a"] },
      { args: ["get", "cm", "a", "-o", "jsonpath={.data}"] },
      {
        args: ["apply", "edit-last-applied", "cm", "a", "-o", "json"],
        env: { KUBE_EDITOR: "./el2.sh" },
      },
      { args: ["apply", "view-last-applied", "cm/a", "-o", "json"] },
      { args: ["apply", "edit-last-applied", "cm/a"], env: { KUBE_EDITOR: "true" } },
      { args: ["apply", "edit-last-applied", "cm/b"], env: { KUBE_EDITOR: "./el1.sh" } },
      { args: ["apply", "edit-last-applied", "cm/nope"], env: { KUBE_EDITOR: "./el1.sh" } },
      { args: ["apply", "edit-last-applied", "cm/a"], env: { KUBE_EDITOR: "./el5.sh" } },
      { args: ["apply", "edit-last-applied", "cm/a"], env: { KUBE_EDITOR: "./el4.sh" } },
      { args: ["apply", "edit-last-applied", "cm/a"], env: { KUBE_EDITOR: "./el6.sh" } },
      { args: ["apply", "-f", "two.yaml"] },
      // The recording server publishes no OpenAPI v2 for kubectl to validate a List with.
      {
        args: ["apply", "edit-last-applied", "-f", "two.yaml", "--validate=false"],
        env: { KUBE_EDITOR: "./el1.sh" },
      },
      { args: ["apply", "view-last-applied", "-f", "two.yaml"] },
      { args: ["apply", "edit-last-applied", "cm/a", "-o", "wide"], env: { KUBE_EDITOR: "true" } },
    ],
  },
  {
    name: "create --edit: each object edited before it is created",
    files: {
      "a.yaml": CM("a", "  k: v\n"),
      "two.yaml": CM("b", "  k: v\n") + "---\n" + CM("c", "  k: v\n"),
      "dev.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  namespace: dev\ndata:\n  k: v\n",
      "three.yaml": CM("b", "  k: v\n") + "---\n" + CM("e", "  k: v\n") + "---\n" +
        CM("c", "  k: v\n"),
      "unk.yaml": "apiVersion: example.com/v1\nkind: Nope\nmetadata:\n  name: w1\n---\n" +
        CM("f", "  k: v\n"),
      "ec1.sh+x":
        '#!/bin/sh\necho "--- editor: ${1##*.}"\ncat "$1"\nsed -i \'s/k: v$/k: w/\' "$1"\n',
      "ec2.sh+x":
        '#!/bin/sh\necho "--- editor"\ncat -A "$1"\nsed -i \'s/"k": "v"/"k": "j"/\' "$1"\n',
      "ec3.sh+x": "#!/bin/sh\nsed -i 's/^  name: a$/  name: Bad_Name/' \"$1\"\n",
    },
    steps: [
      { args: ["create", "-f", "a.yaml", "--edit"], env: { KUBE_EDITOR: "./ec1.sh" } },
      { args: ["get", "cm", "a", "-o", "jsonpath={.data}"] },
      {
        args: ["create", "-f", "two.yaml", "--edit", "-o", "name"],
        env: { KUBE_EDITOR: "./ec1.sh" },
      },
      { args: ["create", "-f", "a.yaml", "--edit"], env: { KUBE_EDITOR: "true" } },
      { args: ["delete", "cm", "a"] },
      {
        args: ["create", "-f", "a.yaml", "--edit", "-o", "json", "--windows-line-endings"],
        env: { KUBE_EDITOR: "./ec2.sh" },
      },
      { args: ["delete", "cm", "a"] },
      {
        args: ["create", "-f", "a.yaml", "--edit", "--save-config"],
        env: { KUBE_EDITOR: "./ec1.sh" },
      },
      { args: ["get", "cm", "a", "-o", "jsonpath={.metadata.annotations}"] },
      { args: ["create", "-f", "a.yaml", "--edit"], env: { KUBE_EDITOR: "./ec1.sh" } },
      { args: ["create", "-f", "a.yaml", "--edit"], env: { KUBE_EDITOR: "./ec3.sh" } },
      { args: ["create", "-f", "dev.yaml", "--edit"], env: { KUBE_EDITOR: "./ec1.sh" } },
      {
        args: ["create", "-f", "dev.yaml", "--edit", "-n", "dev"],
        env: { KUBE_EDITOR: "./ec1.sh" },
      },
      { args: ["create", "--edit"], env: { KUBE_EDITOR: "./ec1.sh" } },
      { args: ["create", "-f", "two.yaml", "--edit"], env: { KUBE_EDITOR: "./ec1.sh" } },
      { args: ["create", "-f", "two.yaml", "--edit"], env: { KUBE_EDITOR: "./ec1.sh" } },
      { args: ["create", "-f", "three.yaml", "--edit"], env: { KUBE_EDITOR: "./ec1.sh" } },
      { args: ["create", "-f", "unk.yaml", "--edit"], env: { KUBE_EDITOR: "./ec1.sh" } },
      { args: ["create", "-f", "a.yaml", "--windows-line-endings"] },
      { args: ["get", "cm", "-o", "name"] },
    ],
  },
  {
    name: "diff: changes, new objects, secrets masked, exit codes",
    files: {
      "d.yaml": [
        CM("a", "  k: v2\n"),
        CM("new", '  x: "1"\n'),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  p: secret\n",
      ].join("---\n"),
      "s2.yaml":
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  p: secret2\n  q: new\n",
      "bad.yaml": CM("Bad_Name"),
      "objs.yaml": CM("a") +
        "---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n",
      "l.yaml": CM("la", "", "  labels:\n    app: web\n") + "---\n" + CM("lb"),
      "p.yaml": CM("p1", "", "  labels:\n    app: web\n") + "---\n" +
        CM("p2", "", "  labels:\n    app: web\n"),
      "p1.yaml": CM("p1", "", "  labels:\n    app: web\n"),
    },
    steps: [
      { args: ["create", "configmap", "a", "--from-literal=k=v"] },
      { args: ["diff", "-f", "d.yaml"] },
      { args: ["apply", "-f", "d.yaml"] },
      { args: ["diff", "-f", "d.yaml"] },
      { args: ["diff", "-f", "s2.yaml"] },
      { args: ["diff", "-f", "bad.yaml"] },
      { args: ["diff", "-f", "objs.yaml"] },
      { args: ["diff"] },
      { args: ["diff", "-f", "d.yaml", "--bogus"] },
      { args: ["diff", "-f", "d.yaml", "--concurrency=x"] },
      { args: ["diff", "-f", "s2.yaml", "--force-conflicts"] },
      { args: ["diff", "-f", "d.yaml", "--server-side"] },
      { args: ["diff", "-f", "l.yaml", "-l", "app=web"] },
      { args: ["diff", "-f", "-"], stdin: CM("a", "  k: stdin\n") },
      { args: ["apply", "-f", "p.yaml"] },
      {
        args: [
          "diff",
          "-f",
          "p1.yaml",
          "--prune",
          "-l",
          "app=web",
          "--prune-allowlist=core/v1/ConfigMap",
        ],
      },
      { args: ["diff", "-f", "s2.yaml"], env: { KUBECTL_EXTERNAL_DIFF: "echo hi -x $y" } },
    ],
  },
  {
    name: "create token",
    steps: [
      { args: ["create", "serviceaccount", "bob"] },
      { args: ["create", "token", "bob"] },
      {
        args: [
          "create",
          "token",
          "bob",
          "--duration=20m",
          "-o",
          "jsonpath={.spec.expirationSeconds}",
        ],
      },
      {
        args: [
          ...["create", "token", "bob", "--audience=vault", "--audience=https://example.com"],
          ...["-o", "jsonpath={.spec.audiences}"],
        ],
      },
      { args: ["create", "token", "nobody"] },
      { args: ["create", "token"] },
      { args: ["create", "token", "a", "b"] },
      { args: ["create", "token", "bob", "--duration=-1s"] },
      { args: ["create", "token", "bob", "--duration=1.5s"] },
      { args: ["create", "token", "bob", "--duration=1m"] },
      { args: ["create", "secret", "generic", "s1"] },
      {
        args: [
          ...["create", "token", "bob", "--bound-object-kind", "Secret"],
          ...["--bound-object-name", "s1", "-o", "jsonpath={.spec.boundObjectRef}"],
        ],
      },
      {
        args: ["create", "token", "bob", "--bound-object-kind=Secret", "--bound-object-name=nope"],
      },
      { args: ["create", "token", "bob", "--bound-object-kind=Pod", "--bound-object-name=p"] },
      {
        args: [
          ...["create", "token", "bob", "--bound-object-kind=Secret", "--bound-object-name=s1"],
          "--bound-object-uid=0d4691ed",
        ],
      },
      { args: ["create", "token", "bob", "--bound-object-kind=ConfigMap"] },
      { args: ["create", "token", "bob", "--bound-object-kind=Secret"] },
      { args: ["create", "token", "bob", "--bound-object-name=s1"] },
      { args: ["create", "token", "bob", "--bound-object-uid=x"] },
    ],
  },
  {
    name: "scale: merge patch, preconditions, dry runs, selections, errors",
    files: {
      "crd.yaml": `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: replicators.acme.io
spec:
  group: acme.io
  scope: Namespaced
  names: {plural: replicators, singular: replicator, kind: Replicator, shortNames: [rep]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {replicas: {type: integer}, size: {type: integer}}}
          status: {type: object, properties: {replicas: {type: integer}}}
`,
      "r.yaml": [
        "apiVersion: acme.io/v1\nkind: Replicator\nmetadata:\n  name: r1\n  labels: {app: web}\nspec:\n  replicas: 2\n  size: 1\n",
        "apiVersion: acme.io/v1\nkind: Replicator\nmetadata:\n  name: r2\nspec:\n  replicas: 1\n",
      ].join("---\n"),
    },
    steps: [
      { args: ["create", "-f", "crd.yaml"] },
      { args: ["create", "-f", "r.yaml"] },
      { args: ["create", "configmap", "plain"] },
      { args: ["scale", "replicators", "r1", "--replicas=3"] },
      { args: ["scale", "rep/r1", "replicator/r2", "--replicas=4", "-o", "name"] },
      { args: ["scale", "replicators", "r1", "--replicas=5", "--current-replicas=4"] },
      { args: ["scale", "replicators", "r1", "--replicas=6", "--current-replicas=2"] },
      { args: ["scale", "replicators", "r1", "--replicas=7", "--resource-version=1"] },
      { args: ["get", "replicators", "r1", "-o", "jsonpath={.spec.replicas}"] },
      { args: ["scale", "replicators", "r1", "--replicas=0", "--dry-run=server"] },
      { args: ["scale", "replicators", "r1", "--replicas=0", "--dry-run=client", "-o", "yaml"] },
      { args: ["scale", "replicators", "r1", "--replicas=0", "--dry-run"] },
      { args: ["get", "replicators", "r1", "-o", "jsonpath={.spec.replicas}"] },
      { args: ["scale", "replicators", "r1", "--replicas=2", "-o", "yaml"] },
      { args: ["get", "replicators", "r1", "--subresource=scale", "-o", "yaml"] },
      { args: ["scale", "replicators", "r1", "--replicas=0"] },
      { args: ["get", "replicators", "r1", "--subresource=scale", "-o", "json"] },
      { args: ["scale", "replicators", "r1", "--replicas=1", "--current-replicas=0"] },
      { args: ["scale", "replicators", "r1"] },
      { args: ["scale", "replicators", "r1", "--replicas=-1"] },
      { args: ["scale", "replicators", "r1", "--replicas=x"] },
      { args: ["scale", "replicators", "r1", "--replicas=1", "--current-replicas=-2"] },
      { args: ["scale", "configmap", "plain", "--replicas=1"] },
      { args: ["scale", "configmap", "plain", "--replicas=1", "--current-replicas=1"] },
      { args: ["scale", "configmap", "plain", "--replicas=1", "--dry-run=client"] },
      { args: ["scale", "configmap", "plain", "--replicas=1", "--dry-run=server"] },
      { args: ["scale", "replicators", "nope", "--replicas=1"] },
      { args: ["scale", "replicators", "nope", "nope2", "--replicas=1"] },
      { args: ["scale", "replicators", "r1", "nope", "--replicas=1"] },
      { args: ["scale", "replicators/r1", "--replicas=1", "-n", "other"] },
      { args: ["scale", "nosuchthing", "r1", "--replicas=1"] },
      { args: ["scale", "replicators", "--replicas=1"] },
      { args: ["scale", "--replicas=1"] },
      { args: ["scale", "replicators", "-l", "app=web", "--replicas=2"] },
      { args: ["scale", "replicators", "-l", "app=none", "--replicas=2"] },
      { args: ["scale", "replicators", "--all", "--replicas=3", "-o", "name"] },
      { args: ["scale", "replicators", "--all", "--replicas=3", "--resource-version=1"] },
      { args: ["scale", "-f", "r.yaml", "--replicas=1", "-o", "yaml"] },
      { args: ["scale", "-f", "r.yaml", "-l", "app=web", "--replicas=2"] },
      { args: ["scale", "replicators", "r2", "r1", "--replicas=5", "--current-replicas=1"] },
      { args: ["scale", "replicators", "r2", "--replicas=6", "--timeout=1s"] },
      { args: ["get", "replicators", "-o", "jsonpath={.items[*].spec.replicas}"] },
    ],
  },
  {
    name: "delete, label, patch and replace -f with unknown kinds and missing objects",
    files: {
      "a.yaml": [
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n",
        CM("app"),
        CM("a-new"),
      ].join("---\n"),
      "gen.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: g-\n",
    },
    steps: [
      { args: ["create", "configmap", "app"] },
      { args: ["delete", "-f", "a.yaml"] },
      { args: ["create", "configmap", "app"] },
      { args: ["label", "-f", "a.yaml", "x=1"] },
      { args: ["patch", "-f", "a.yaml", "-p", '{"data":{"a":"b"}}'] },
      { args: ["replace", "-f", "a.yaml"] },
      { args: ["annotate", "-f", "a.yaml", "x=1"] },
      // An object without a name: client-go refuses the request before sending it.
      { args: ["replace", "-f", "gen.yaml"] },
      { args: ["delete", "-f", "gen.yaml"] },
      { args: ["label", "-f", "gen.yaml", "x=1"] },
      { args: ["patch", "-f", "gen.yaml", "-p", '{"data":{"a":"b"}}'] },
    ],
  },
  {
    name: "wait: every object checked, kubectl's messages for each kind of failure",
    steps: [
      { args: ["create", "cm", "a", "--from-literal=mode=on"] },
      { args: ["create", "cm", "b"] },
      { args: ["create", "cm", "two", "--from-literal=a=1", "--from-literal=b=2"] },
      { args: ["wait", "--for=jsonpath={.data.mode}=on", "cm/b", "cm/a", "--timeout=0"] },
      { args: ["wait", "--for=jsonpath={.data.mode}=on", "cm/b", "cm/a", "--timeout=1s"] },
      { args: ["wait", "--for=condition=Ready", "cm/a", "cm/zz", "--timeout=1s"] },
      { args: ["wait", "--for=condition=Ready", "cm/zz", "cm/a", "cm/two", "--timeout=0"] },
      { args: ["wait", "--for=condition=Ready", "cm/a", "--timeout=0"] },
      { args: ["wait", "--for=delete", "cm/a", "--timeout=0"] },
      { args: ["wait", "--for=create", "cm/nope", "--timeout=1s"] },
      { args: ["wait", "--for=create", "cm/zz", "cm/a", "--timeout=0"] },
      { args: ["wait", "--for=create", "cm/a", "cm/b"] },
      { args: ["wait", "--for=jsonpath={.data}=x", "cm/a"] },
      { args: ["wait", "--for=jsonpath=", "cm/a"] },
      { args: ["wait", "--for=jsonpath={.data.mode}=on=x", "cm/a"] },
      { args: ["wait", "--for=jsonpath={.data.*}=1", "cm/two"] },
      { args: ["wait", "--for=jsonpath={.data.*}", "cm/two"] },
      { args: ["wait", "--for=jsonpath={.data.mode}", "cm/a", "cm/b", "--timeout=0"] },
    ],
  },
  {
    name: "auth can-i: --list with options it refuses",
    steps: [
      { args: ["auth", "can-i", "--list", "-A"] },
      { args: ["auth", "can-i", "--list", "-q"] },
      { args: ["auth", "can-i", "--list", "--subresource=x"] },
      { args: ["auth", "can-i", "--list", "cm"] },
    ],
  },
];
