// Copyright 2026 the k1s authors. Apache-2.0 license.
// The read commands other than get, as subprocesses on a temporary store: describe, explain,
// events, wait, version, completion, options, reconcile, and the global flags.
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { createRuntime } from "@k1s/core";
import { configMap, k1s, LONG_AGO, MAIN, seed, tempStore } from "./_helpers.ts";
import { seedFixture } from "./_fixtures.ts";
import { CLI_V8_FLAGS } from "../../cli/_cli/v8_flags.ts";

const { store, cleanup, dir } = await tempStore();
await seedFixture(store);
globalThis.addEventListener("unload", () => void cleanup().catch(() => {}));

Deno.test("k1s describe: files, selectors, errors", async (t) => {
  await t.step("-f", async () => {
    await Deno.writeTextFile(
      `${dir}/foo.yaml`,
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: foo\n",
    );
    const r = await k1s(["describe", "-f", `${dir}/foo.yaml`], { store });
    assertEquals(r.code, 0);
    assertStringIncludes(r.stdout, "Name:         foo\nNamespace:    default\n");
    assertStringIncludes(
      r.stdout,
      "Events:\n  Type    Reason  Age                From      Message\n  ----    ------  ----               ----      -------\n  Normal  Synced  11y (x3 over 11y)  k1s-test  configmap synced\n",
    );
  });
  await t.step("-l joins descriptions with a blank line", async () => {
    const r = await k1s(["describe", "cm", "-l", "app", "--show-events=false"], { store });
    assertEquals(r.code, 0);
    assertEquals(r.stdout.split("\n\n\nName:").length, 2);
    assertEquals(r.stdout.includes("Events:"), false);
  });
  await t.step("no type", async () => {
    const r = await k1s(["describe"], { store });
    assertEquals(r, {
      code: 1,
      stdout: "",
      stderr:
        `error: You must specify the type of resource to describe. Use "k1s api-resources" for a complete list of supported resources.\n`,
    });
  });
  await t.step("unknown type", async () => {
    const r = await k1s(["describe", "gizmos", "x"], { store });
    assertEquals(r, {
      code: 1,
      stdout: "",
      stderr: `error: the server doesn't have a resource type "gizmos"\n`,
    });
  });
});

Deno.test("k1s explain: built-in and custom kinds, fields, --recursive, errors", async (t) => {
  await t.step("a kind", async () => {
    const r = await k1s(["explain", "configmaps"], { store });
    assertEquals(r.code, 0);
    assert(
      r.stdout.startsWith(
        "KIND:       ConfigMap\nVERSION:    v1\n\nDESCRIPTION:\n    ConfigMap holds",
      ),
    );
    assertStringIncludes(r.stdout, "  metadata\t<ObjectMeta>\n");
  });
  await t.step("a field of a group's kind", async () => {
    const r = await k1s(["explain", "roles.rules"], { store });
    assertEquals(r.code, 0);
    assert(
      r.stdout.startsWith(
        "GROUP:      rbac.authorization.k8s.io\nKIND:       Role\nVERSION:    v1\n\nFIELD: rules <[]PolicyRule>\n",
      ),
    );
    // The field's description, then its type's (kubectl's `$ref` descriptions).
    assertStringIncludes(
      r.stdout,
      "DESCRIPTION:\n    Rules holds all the PolicyRules for this Role\n    PolicyRule holds information that describes a policy rule, but does not\n",
    );
  });
  await t.step("named types: the field's description, then the type's", async () => {
    const r = await k1s(["explain", "rolebinding.roleRef"], { store });
    assertEquals(r.code, 0);
    assertStringIncludes(
      r.stdout,
      "FIELD: roleRef <RoleRef>\n\n\nDESCRIPTION:\n    RoleRef can reference a Role in the current namespace or a ClusterRole in\n    the global namespace. If the RoleRef cannot be resolved, the Authorizer must\n    return an error. This field is immutable.\n    RoleRef contains information that points to the role being used\n    \nFIELDS:\n  apiGroup\t<string> -required-\n",
    );
    const crb = await k1s(["explain", "clusterrolebinding.roleRef"], { store });
    assertStringIncludes(
      crb.stdout,
      "    RoleRef can only reference a ClusterRole in the global namespace.",
    );
  });
  await t.step("named types of ObjectMeta", async () => {
    const r = await k1s(["explain", "cm.metadata.managedFields"], { store });
    assertEquals(r.code, 0);
    assertStringIncludes(r.stdout, "FIELD: managedFields <[]ManagedFieldsEntry>\n");
    assertStringIncludes(
      r.stdout,
      "    workflow used when modifying the object.\n    ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the\n    resource that the fieldset applies to.\n",
    );
    assertStringIncludes(r.stdout, "  fieldsV1\t<FieldsV1>\n");
    assertStringIncludes(r.stdout, "  time\t<string>\n");
    // A `$ref` to Time shows `string`, and Time's description follows the field's.
    const ts = await k1s(["explain", "cm.metadata.creationTimestamp"], { store });
    assertStringIncludes(
      ts.stdout,
      "FIELD: creationTimestamp <string>\n\n\nDESCRIPTION:\n    CreationTimestamp is",
    );
    assertStringIncludes(
      ts.stdout,
      "api-conventions.md#metadata\n    Time is a wrapper around time.Time which supports correct marshaling to YAML\n",
    );
  });
  await t.step("named types of core kinds", async () => {
    const sa = await k1s(["explain", "sa"], { store });
    assertStringIncludes(sa.stdout, "  imagePullSecrets\t<[]LocalObjectReference>\n");
    assertStringIncludes(sa.stdout, "  metadata\t<ObjectMeta>\n");
    assertStringIncludes(sa.stdout, "  secrets\t<[]ObjectReference>\n");
    const ns = await k1s(["explain", "ns.status"], { store });
    assertStringIncludes(
      ns.stdout,
      "FIELD: status <NamespaceStatus>\n\n\nDESCRIPTION:\n    Status describes the current status of a Namespace. More info:\n    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n    NamespaceStatus is information about the current status of a Namespace.\n",
    );
    assertStringIncludes(ns.stdout, "  conditions\t<[]NamespaceCondition>\n");
    const nsKind = await k1s(["explain", "ns"], { store });
    assertStringIncludes(nsKind.stdout, "  spec\t<NamespaceSpec>\n    Spec defines the behavior");
    const ev = await k1s(["explain", "events.involvedObject"], { store });
    assertStringIncludes(
      ev.stdout,
      "FIELD: involvedObject <ObjectReference>\n\n\nDESCRIPTION:\n    The object that this event is about.\n    ObjectReference contains enough information to let you inspect or modify the\n    referred object.\n",
    );
    const evKind = await k1s(["explain", "events"], { store });
    for (
      const line of [
        "  related\t<ObjectReference>\n",
        "  series\t<EventSeries>\n    Data about the Event series",
        "  source\t<EventSource>\n    The component reporting this event.",
      ]
    ) assertStringIncludes(evKind.stdout, line);
  });
  await t.step("named types of CustomResourceDefinition", async () => {
    const r = await k1s(["explain", "crd.spec.versions"], { store });
    assertEquals(r.code, 0);
    assertStringIncludes(r.stdout, "FIELD: versions <[]CustomResourceDefinitionVersion>\n");
    assertStringIncludes(
      r.stdout,
      "    foo1, foo10.\n    CustomResourceDefinitionVersion describes a version for CRD.\n",
    );
    for (
      const line of [
        "  additionalPrinterColumns\t<[]CustomResourceColumnDefinition>\n",
        "  schema\t<CustomResourceValidation>\n",
        "  selectableFields\t<[]SelectableField>\n",
        "  subresources\t<CustomResourceSubresources>\n",
      ]
    ) assertStringIncludes(r.stdout, line);
    const crd = await k1s(["explain", "crd", "--recursive"], { store });
    for (
      const line of [
        "  spec\t<CustomResourceDefinitionSpec> -required-\n    conversion\t<CustomResourceConversion>\n",
        "    names\t<CustomResourceDefinitionNames> -required-\n",
        "        openAPIV3Schema\t<JSONSchemaProps>\n",
        "  status\t<CustomResourceDefinitionStatus>\n    acceptedNames\t<CustomResourceDefinitionNames>\n",
        "    conditions\t<[]CustomResourceDefinitionCondition>\n",
      ]
    ) assertStringIncludes(crd.stdout, line);
  });
  await t.step("--recursive shows the named types", async () => {
    const r = await k1s(["explain", "rolebinding", "--recursive"], { store });
    assertEquals(r.code, 0);
    assertStringIncludes(
      r.stdout,
      "    labels\t<map[string]string>\n    managedFields\t<[]ManagedFieldsEntry>\n      apiVersion\t<string>\n      fieldsType\t<string>\n      fieldsV1\t<FieldsV1>\n",
    );
    assertStringIncludes(r.stdout, "    ownerReferences\t<[]OwnerReference>\n");
    assertStringIncludes(
      r.stdout,
      "  roleRef\t<RoleRef> -required-\n    apiGroup\t<string> -required-\n    kind\t<string> -required-\n    name\t<string> -required-\n  subjects\t<[]Subject>\n    apiGroup\t<string>\n",
    );
    const cr = await k1s(["explain", "clusterrole", "--recursive"], { store });
    assertStringIncludes(
      cr.stdout,
      "  aggregationRule\t<AggregationRule>\n    clusterRoleSelectors\t<[]LabelSelector>\n      matchExpressions\t<[]LabelSelectorRequirement>\n",
    );
  });
  await t.step("a custom kind's metadata is ObjectMeta, the rest Object", async () => {
    const r = await k1s(["explain", "wd.metadata"], { store });
    assertEquals(r.code, 0);
    assertStringIncludes(r.stdout, "FIELD: metadata <ObjectMeta>\n");
    assertStringIncludes(r.stdout, "  ownerReferences\t<[]OwnerReference>\n");
  });
  await t.step("a custom kind", async () => {
    const r = await k1s(["explain", "wd.spec"], { store });
    assertEquals(r.code, 0);
    assertStringIncludes(
      r.stdout,
      "GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\nFIELD: spec <Object>\n",
    );
    assertStringIncludes(r.stdout, "  size\t<integer> -required-\n    How big.\n");
    assertStringIncludes(r.stdout, "  color\t<string>\n  enum: red, blue\n");
  });
  await t.step("--recursive", async () => {
    const r = await k1s(["explain", "widgets", "--recursive"], { store });
    assertEquals(r.code, 0);
    assertStringIncludes(
      r.stdout,
      "  spec\t<Object>\n    color\t<string>\n    enum: red, blue\n    size\t<integer> -required-\n",
    );
  });
  await t.step("--api-version", async () => {
    const r = await k1s(["explain", "roles", "--api-version=rbac.authorization.k8s.io/v1"], {
      store,
    });
    assertEquals(r.code, 0);
  });
  await t.step("--api-version that does not serve the kind", async () => {
    const r = await k1s(["explain", "cm", "--api-version=v2"], { store });
    assertEquals(r, {
      code: 1,
      stdout: "",
      stderr: 'error: couldn\'t find resource for "/v2, Resource=configmaps"\n',
    });
  });
  await t.step("a missing field prints the header, then the error", async () => {
    const r = await k1s(["explain", "cm.nope"], { store });
    assertEquals(r, {
      code: 1,
      stdout: "KIND:       ConfigMap\nVERSION:    v1\n\n",
      stderr: 'error: field "nope" does not exist\n',
    });
  });
  await t.step("no argument", async () => {
    const r = await k1s(["explain"], { store });
    assertEquals(r.code, 1);
    assertEquals(
      r.stderr,
      `error: You must specify the type of resource to explain. Use "k1s api-resources" for a complete list of supported resources.\n`,
    );
  });
  await t.step("two arguments", async () => {
    const r = await k1s(["explain", "cm", "secrets"], { store });
    assertEquals(r.stderr, "error: We accept only this format: explain RESOURCE\n");
  });
});

Deno.test("k1s events: formats and watch", async (t) => {
  await t.step("-o yaml is an EventList", async () => {
    const r = await k1s(["events", "--for", "cm/foo", "-o", "yaml"], { store });
    assertEquals(r.code, 0);
    assert(r.stdout.startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n"));
    assertStringIncludes(r.stdout, "kind: EventList\n");
    assertStringIncludes(r.stdout, "  reason: Synced\n");
  });
  await t.step("-o name", async () => {
    const r = await k1s(["events", "-o", "name"], { store });
    assertEquals(r, { code: 0, stdout: "event/bar.1\nevent/foo.1\n", stderr: "" });
  });
  await t.step("-o json is kubectl's own EventList, without a resourceVersion", async () => {
    const r = await k1s(["events", "-o", "json"], { store });
    assertEquals(JSON.parse(r.stdout).metadata, {});
  });
  await t.step("--for with an empty name and extra arguments filter nothing", async () => {
    const all = await k1s(["events"], { store });
    assertEquals(await k1s(["events", "--for", "cm/"], { store }), all);
    assertEquals(await k1s(["events", "ignored"], { store }), all);
  });
  await t.step("-w -o yaml prints the events that exist first", async () => {
    const r = await watchEvents(["events", "-w", "-o", "yaml", "--for", "cm/foo"], /Synced/);
    assertStringIncludes(r.stdout, "kind: Event\n");
    assertEquals(r.code, 0);
  });
  await t.step("-w of a namespace without events prints nothing", async () => {
    const r = await watchEvents(["events", "-w", "-n", "empty", "-v=6"], undefined, /\] WATCH /);
    assertEquals(r.stdout, "");
    assert(!r.stderr.includes("No events found"), r.stderr);
  });
  await t.step("-w prints new events as they are recorded", async () => {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--quiet",
        ...CLI_V8_FLAGS,
        MAIN,
        "events",
        "-w",
        "--types=Warning",
        "-v=6",
      ],
      env: { K1S_STORE: store },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const dec = new TextDecoder();
    const read = async (
      stream: ReadableStreamDefaultReader<Uint8Array>,
      seen: { t: string },
      re: RegExp,
    ) => {
      while (!re.test(seen.t)) {
        const { value, done } = await stream.read();
        if (done) throw new Error(`ended before ${re}: ${seen.t}`);
        seen.t += dec.decode(value);
      }
    };
    const out = child.stdout.getReader();
    const err = child.stderr.getReader();
    const o = { t: "" };
    try {
      await read(err, { t: "" }, /\] WATCH /);
      await seed(store, [
        {
          apiVersion: "v1",
          kind: "Event",
          metadata: { name: "bar.2", namespace: "default" },
          involvedObject: {
            apiVersion: "v1",
            kind: "ConfigMap",
            name: "bar",
            namespace: "default",
          },
          type: "Warning",
          reason: "StillInvalid",
          message: "still bad",
          firstTimestamp: "2015-01-01T00:00:00Z",
          lastTimestamp: "2015-01-01T00:00:00Z",
          count: 1,
        },
      ]);
      await read(out, o, /StillInvalid/);
    } finally {
      child.kill("SIGINT");
      out.releaseLock();
      err.releaseLock();
      await child.stdout.cancel();
      await child.stderr.cancel();
    }
    assertEquals((await child.status).code, 0);
    assertEquals(
      o.t,
      // Lines already printed keep their widths; later ones widen columns as kubectl's do.
      "LAST SEEN   TYPE      REASON    OBJECT          MESSAGE\n" +
        "11y         Warning   Invalid   ConfigMap/bar   bad value\n" +
        "11y         Warning   StillInvalid   ConfigMap/bar   still bad\n",
    );
  });
});

/** Runs a watching command until stdout (or stderr) shows `re`, then interrupts it. */
async function watchEvents(
  args: string[],
  outRe?: RegExp,
  errRe?: RegExp,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", ...CLI_V8_FLAGS, MAIN, ...args],
    env: { K1S_STORE: store },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const seen = { stdout: "", stderr: "" };
  const pump = async (stream: ReadableStream<Uint8Array>, key: "stdout" | "stderr") => {
    const dec = new TextDecoder();
    for await (const chunk of stream) seen[key] += dec.decode(chunk, { stream: true });
  };
  const done = Promise.all([pump(child.stdout, "stdout"), pump(child.stderr, "stderr")]);
  const deadline = Date.now() + 20_000;
  while (!(outRe?.test(seen.stdout) || errRe?.test(seen.stderr))) {
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await done;
      throw new Error(`timed out: ${JSON.stringify(seen)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGINT");
  const { code } = await child.status;
  await done;
  return { code, ...seen };
}

Deno.test("k1s wait: create, delete, conditions and JSONPath, timeouts", async (t) => {
  const bump = async (fn: (rt: Awaited<ReturnType<typeof createRuntime>>) => Promise<unknown>) => {
    await new Promise((r) => setTimeout(r, 700));
    const rt = await createRuntime({ store, now: () => LONG_AGO });
    try {
      await fn(rt);
    } finally {
      await rt.close();
    }
  };
  await t.step("jsonpath value set by another process", async () => {
    const [r] = await Promise.all([
      k1s(["wait", "--for=jsonpath={.data.mode}=on", "cm/waiting", "--timeout=20s"], { store })
        .catch((e) => {
          throw e;
        }),
      (async () => {
        await seed(store, [configMap("waiting", { mode: "off" })]);
        await bump((rt) =>
          rt.client.patch({ apiVersion: "v1", kind: "ConfigMap" }, {
            namespace: "default",
            name: "waiting",
          }, {
            data: { mode: "on" },
          }, { type: "merge" })
        );
      })(),
    ]);
    assertEquals(r.stderr.replace(/^Error from server \(NotFound\).*\n/, ""), "");
    if (r.code === 0) assertEquals(r.stdout, "configmap/waiting condition met\n");
  });
  await t.step("condition on a custom resource's status", async () => {
    const [r] = await Promise.all([
      k1s(["wait", "--for=condition=Ready", "widget/w1", "--timeout=20s"], { store }),
      bump(async (rt) => {
        const w = await rt.client.get({ apiVersion: "example.com/v1", kind: "Widget" }, {
          namespace: "default",
          name: "w1",
        });
        await rt.client.status().update({
          ...w,
          status: { conditions: [{ type: "Ready", status: "True" }] },
        });
      }),
    ]);
    assertEquals(r, { code: 0, stdout: "widget.example.com/w1 condition met\n", stderr: "" });
  });
  await t.step("delete of a missing object succeeds at once", async () => {
    const r = await k1s(["wait", "--for=delete", "cm/never-there", "--timeout=1s"], { store });
    assertEquals(r, { code: 0, stdout: "", stderr: "" });
  });
  await t.step("create of an existing object", async () => {
    const r = await k1s(["wait", "--for=create", "cm/foo", "--timeout=1s"], { store });
    assertEquals(r, { code: 0, stdout: "configmap/foo condition met\n", stderr: "" });
  });
  await t.step("timeout", async () => {
    const r = await k1s(["wait", "--for=condition=Ready", "cm/foo", "--timeout=300ms"], { store });
    assertEquals(r, {
      code: 1,
      stdout: "",
      stderr: "error: timed out waiting for the condition on configmaps/foo\n",
    });
  });
  await t.step("errors", async () => {
    for (
      const [args, stderr] of [
        [["wait", "cm/foo"], 'error: unrecognized condition: ""\n'],
        [["wait", "cm/foo", "--for=bogus"], 'error: unrecognized condition: "bogus"\n'],
        [
          ["wait", "cm/foo", "--for=jsonpath={.a}="],
          "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n",
        ],
        [
          ["wait", "--for=condition=Ready", "cm"],
          "error: resource(s) were provided, but no name was specified\n",
        ],
        [
          ["wait", "--for=condition=Ready", "cm/nope"],
          'Error from server (NotFound): configmaps "nope" not found\n',
        ],
      ] as [string[], string][]
    ) {
      const r = await k1s(args, { store });
      assertEquals([r.code, r.stderr], [1, stderr], args.join(" "));
    }
  });
});

Deno.test("k1s version, options and completion", async (t) => {
  await t.step("version", async () => {
    const r = await k1s(["version"]);
    assertEquals(r, {
      code: 0,
      stdout: "Client Version: v0.1.0\nServer Version: v0.1.0\n",
      stderr: "",
    });
    const j = await k1s(["version", "--client", "-o", "json"]);
    assertEquals(JSON.parse(j.stdout).clientVersion.gitVersion, "v0.1.0");
    // kubectl's json.MarshalIndent with two spaces.
    assert(j.stdout.startsWith('{\n  "clientVersion": {\n    "major": "0",\n'), j.stdout);
    // Every field of version.Info, in its order, those without a value empty.
    assertEquals(Object.keys(JSON.parse(j.stdout).clientVersion), [
      "major",
      "minor",
      "gitVersion",
      "gitCommit",
      "gitTreeState",
      "buildDate",
      "goVersion",
      "compiler",
      "platform",
    ]);
    // Arguments are refused unless --client (kubectl's Complete).
    assertEquals(await k1s(["version", "extra"]), {
      code: 1,
      stdout: "",
      stderr: "error: extra arguments: [extra]\n",
    });
    assertEquals((await k1s(["version", "extra", "--client"])).code, 0);
    const bad = await k1s(["version", "-o", "x"]);
    assertEquals(bad, {
      code: 1,
      stdout: "",
      stderr: "error: --output must be 'yaml' or 'json'\n",
    });
  });
  await t.step("options", async () => {
    const r = await k1s(["options"]);
    assert(
      r.stdout.startsWith("The following options can be passed to any command:\n\n    --as='':\n"),
    );
    assertStringIncludes(r.stdout, "    --store='':\n");
    // kubectl ignores arguments here.
    assertEquals(await k1s(["options", "extra"]), r);
  });
  await t.step(
    "help of an unknown topic: cobra's line and the root's usage, on stderr",
    async () => {
      const r = await k1s(["help", "nosuch", "a`b"]);
      assertEquals(r.code, 0);
      assertEquals(r.stdout, "");
      assert(
        r.stderr.startsWith(
          'Unknown help topic [`nosuch` "a`b"]\n\n\nBasic Commands (Beginner):\n',
        ),
        r.stderr,
      );
      assert(
        r.stderr.endsWith(
          'Use "k1s options" for a list of global command-line options (applies to all commands).\n',
        ),
      );
    },
  );
  await t.step("completion scripts and their errors", async () => {
    for (const shell of ["bash", "zsh", "fish"]) {
      const r = await k1s(["completion", shell]);
      assertEquals(r.code, 0);
      assertStringIncludes(r.stdout, "k1s __complete");
    }
    assertEquals(
      (await k1s(["completion"])).stderr,
      "error: Shell not specified.\nSee 'k1s completion -h' for help and examples\n",
    );
    assertEquals(
      (await k1s(["completion", "tcsh"])).stderr,
      `error: Unsupported shell type "tcsh".\nSee 'k1s completion -h' for help and examples\n`,
    );
    assertEquals(
      (await k1s(["completion", "bash", "zsh"])).stderr,
      "error: Too many arguments. Expected only the shell type.\nSee 'k1s completion -h' for help and examples\n",
    );
  });
  await t.step("candidates: commands, flags, values, types and names from the store", async () => {
    const c = async (...words: string[]) =>
      (await k1s(["__complete", ...words], { store })).stdout.split("\n").filter(Boolean);
    assertEquals(await c("de"), ["delete", "describe"]);
    assertEquals(await c("get", "--sh"), ["--show-kind", "--show-labels", "--show-managed-fields"]);
    assertEquals(await c("get", "-o", "ya"), ["yaml"]);
    // A value after `=`: whole words (the bash script strips the flag, zsh and fish match them).
    assertEquals(await c("get", "-o=ya"), ["-o=yaml"]);
    assertEquals(await c("get", "--output=ya"), ["--output=yaml"]);
    assertEquals(await c("get", "-n", ""), [
      "default",
      "dev",
      "kube-node-lease",
      "kube-public",
      "kube-system",
      "prod",
    ]);
    assertEquals(await c("get", "wid"), ["widgets"]);
    assertEquals(await c("get", "cm", "fo"), ["foo", "foo-extra"]);
    // Names already given are not offered again; `version -o` completes nothing, as kubectl.
    assertEquals(await c("get", "cm", "foo", "fo"), ["foo-extra"]);
    assertEquals(await c("version", "-o", ""), []);
    assertEquals(await c("get", "cm", "-n", "dev", ""), ["dev-settings"]);
    assertEquals(await c("describe", "secret/"), ["secret/s1"]);
    assertEquals(await c("auth", ""), ["can-i", "rotate-key", "whoami"]);
  });
  await t.step("the bash script completes through the CLI", async () => {
    const bash = await new Deno.Command("bash", { args: ["--version"], stdout: "null" }).output()
      .catch(() => undefined);
    if (!bash?.success) return;
    const script = (await k1s(["completion", "bash"])).stdout;
    const bin = `${dir}/bin`;
    await Deno.mkdir(bin, { recursive: true });
    await Deno.writeTextFile(
      `${bin}/k1s`,
      `#!/bin/sh\nexec "${Deno.execPath()}" run -A --quiet "${
        new URL("../../cli/main.ts", import.meta.url).pathname
      }" "$@"\n`,
    );
    await Deno.chmod(`${bin}/k1s`, 0o755);
    const test =
      `${script}\nCOMP_WORDS=(k1s get cm fo); COMP_CWORD=3; __k1s_complete; printf '%s\\n' "\${COMPREPLY[@]}"\n`;
    const out = await new Deno.Command("bash", {
      args: ["-c", test],
      env: { PATH: `${bin}:${Deno.env.get("PATH")}`, K1S_STORE: store },
      stdout: "piped",
    }).output();
    assertEquals(new TextDecoder().decode(out.stdout), "foo\nfoo-extra\n");
    // Bash splits `--output=ya` at the `=` (COMP_WORDBREAKS): the script reads the line itself,
    // and what it offers replaces the part after the `=`.
    const line = "k1s get cm --output=ya";
    const eq =
      `${script}\nCOMP_LINE='${line}'; COMP_POINT=${line.length}; COMP_WORDS=(k1s get cm --output = ya); COMP_CWORD=5; __k1s_complete; printf '%s\\n' "\${COMPREPLY[@]}"\n`;
    const eqOut = await new Deno.Command("bash", {
      args: ["-c", eq],
      env: { PATH: `${bin}:${Deno.env.get("PATH")}`, K1S_STORE: store },
      stdout: "piped",
    }).output();
    assertEquals(new TextDecoder().decode(eqOut.stdout), "yaml\n");
  });
});

Deno.test("k1s reconcile reports what ran and what is left", async () => {
  const r = await k1s(["reconcile", "--timeout=10s"], { store });
  assertEquals(r.code, 0);
  assertMatch(r.stdout, /^\d+ reconciles? ran\.\n/);
  const w = await k1s(["reconcile", "--watch", "--request-timeout=1s"], { store });
  assertEquals(w.code, 0);
  assertStringIncludes(w.stderr, "until interrupted");
});

Deno.test("global flags: store, namespace, impersonation and dry-run errors", async (t) => {
  await t.step("--store wins over K1S_STORE", async () => {
    const r = await k1s(["get", "cm", "foo", "-o", "name", "--store", store], {
      env: { K1S_STORE: `${dir}/other.db` },
    });
    assertEquals(r, { code: 0, stdout: "configmap/foo\n", stderr: "" });
  });
  await t.step("K1S_HOME", async () => {
    const r = await k1s(["get", "cm"], { env: { K1S_HOME: `${dir}/home` } });
    assertEquals(r, { code: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
  });
  await t.step("--as-group without --as", async () => {
    const r = await k1s(["get", "cm", "--as-group", "dev"], { store });
    assertEquals(
      r.stderr,
      "error: requesting uid, groups or user-extra for  without impersonating a user\n",
    );
  });
  await t.step("--as is checked by RBAC", async () => {
    const r = await k1s(["get", "secrets", "--as", "alice"], { store });
    assertEquals(r, {
      code: 1,
      stdout: "",
      stderr:
        'Error from server (Forbidden): secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"\n',
    });
    const ok = await k1s(["get", "cm", "foo", "--as", "alice", "-o", "name"], { store });
    assertEquals(ok, { code: 0, stdout: "configmap/foo\n", stderr: "" });
  });
  await t.step("a bad token is Unauthorized", async () => {
    const r = await k1s(["get", "cm", "--token", "not-a-token"], { store });
    assertEquals(r.code, 1);
    assertStringIncludes(r.stderr, "error: You must be logged in to the server (");
  });
  await t.step("--request-timeout must be a duration", async () => {
    const r = await k1s(["get", "cm", "--request-timeout", "soon"], { store });
    assertEquals(
      r.stderr,
      "error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n",
    );
  });
  await t.step("--tenant isolates objects", async () => {
    const r = await k1s(["get", "cm", "--tenant", "blue"], { store });
    assertEquals(r, { code: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
    const bad = await k1s(["get", "cm", "--tenant", "Not_Valid"], { store });
    assertEquals(bad.code, 1);
  });
});
