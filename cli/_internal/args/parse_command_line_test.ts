// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertInstanceOf, assertThrows } from "@std/assert";
import type { CommandSpec } from "./types.ts";
import { parseCommandLine } from "./parse_command_line.ts";
import { UsageError } from "./usage_error.ts";

// kubectl 1.32's commands and flags as data (see ../help/testdata/kubectl_commands.json).
const kubectl: CommandSpec = JSON.parse(
  await Deno.readTextFile(new URL("../help/testdata/kubectl_commands.json", import.meta.url)),
);
const errors: { args: string; stderr: string; rc: number }[] = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/errors.kubectl.json", import.meta.url)),
);

function stderrOf(args: string): { stderr: string; rc: number } {
  try {
    parseCommandLine(kubectl, args.split(" "));
    return { stderr: "", rc: 0 };
  } catch (e) {
    assertInstanceOf(e, UsageError);
    return { stderr: e.render(), rc: e.exitCode };
  }
}

Deno.test("parseCommandLine() words mistakes exactly as kubectl", async (t) => {
  // testdata/errors.kubectl.json holds kubectl 1.32's stderr and exit code for each line.
  for (const g of errors) {
    await t.step(g.args, () => assertEquals(stderrOf(g.args), { stderr: g.stderr, rc: g.rc }));
  }
});

const tool: CommandSpec = {
  name: "k1s",
  summary: "",
  persistentFlags: [
    { name: "namespace", shorthand: "n", type: "string", usage: "" },
    { name: "v", shorthand: "v", type: "int", usage: "" },
  ],
  commands: [
    {
      name: "get",
      summary: "",
      flags: [
        { name: "output", shorthand: "o", type: "string", usage: "" },
        { name: "watch", shorthand: "w", type: "bool", usage: "" },
        { name: "all-namespaces", shorthand: "A", type: "bool", usage: "" },
        { name: "filename", shorthand: "f", type: "stringSlice", usage: "" },
        { name: "label-columns", shorthand: "L", type: "stringSlice", usage: "" },
        { name: "chunk-size", type: "int", usage: "", default: 500 },
        { name: "request-timeout", type: "duration", usage: "", default: 0 },
        { name: "old", type: "bool", usage: "", deprecated: "use --new instead" },
      ],
    },
    {
      name: "create",
      summary: "",
      commands: [{
        name: "configmap",
        aliases: ["cm"],
        summary: "",
        flags: [
          { name: "from-literal", type: "stringArray", usage: "" },
          {
            name: "dry-run",
            type: "string",
            usage: "",
            default: "none",
            optionalValue: "unchanged",
          },
        ],
      }],
    },
    {
      name: "config",
      summary: "",
      runnable: false,
      commands: [{ name: "view", summary: "", args: { max: 0 } }],
    },
    { name: "annotate", summary: "", args: { min: 1 } },
    { name: "scale", summary: "", args: { min: 1, max: 2 } },
    { name: "wait", summary: "", args: { min: 1, max: 1 } },
    { name: "cp", summary: "", args: { max: 2 } },
  ],
};

Deno.test("parseCommandLine() follows pflag's syntax", async (t) => {
  const cases: [
    string,
    Partial<
      {
        command: string;
        args: string[];
        flags: Record<string, unknown>;
        argsLenAtDash: number;
        help: boolean;
        changed: string[];
      }
    >,
  ][] = [
    ["get pods -n x", { args: ["pods"], flags: { namespace: "x" } }],
    ["get pods -nx", { flags: { namespace: "x" } }],
    ["get pods --namespace=x", { flags: { namespace: "x" } }],
    ["get pods --namespace x", { flags: { namespace: "x" }, args: ["pods"] }],
    ["-n x get pods", { command: "get", args: ["pods"], flags: { namespace: "x" } }],
    ["--namespace x get pods", { command: "get", args: ["pods"] }],
    ["get -oyaml", { flags: { output: "yaml" } }],
    ["get -o=yaml", { flags: { output: "yaml" } }],
    ["get -o yaml cm", { flags: { output: "yaml" }, args: ["cm"] }],
    ["get --watch", { flags: { watch: true } }],
    ["get --watch=false", { flags: { watch: false } }],
    ["get -Aw", { flags: { "all-namespaces": true, watch: true } }],
    ["get -Awo yaml", { flags: { "all-namespaces": true, watch: true, output: "yaml" } }],
    ["get -w=0", { flags: { watch: false } }],
    ["get -f a -f b,c", { flags: { filename: ["a", "b", "c"] } }],
    ["get -L app,tier", { flags: { "label-columns": ["app", "tier"] } }],
    ["get --chunk-size=0x10", { flags: { "chunk-size": 16 } }],
    ["get", { flags: { "chunk-size": 500, output: "" }, changed: [] }],
    ["get --request-timeout=1m30s", { flags: { "request-timeout": 90_000 } }],
    ["get cm -- -x --y", { args: ["cm", "-x", "--y"], argsLenAtDash: 1 }],
    ["get - cm", { args: ["-", "cm"] }],
    ["get --all_namespaces", { flags: { "all-namespaces": true } }],
    ["get -h", { help: true }],
    ["get pods --help", { help: true }],
    ["get --help=false", { help: false }],
    ["get -n --help", { help: false, flags: { namespace: "--help" } }],
    ["create cm x --from-literal a=1 --from-literal=b=c=d", {
      command: "configmap",
      args: ["x"],
      flags: { "from-literal": ["a=1", "b=c=d"] },
    }],
    ["create configmap x --dry-run", { flags: { "dry-run": "unchanged" } }],
    ["create configmap x --dry-run=client", { flags: { "dry-run": "client" } }],
    ["create configmap x --dry-run client", {
      flags: { "dry-run": "unchanged" },
      args: ["x", "client"],
    }],
    ["create cm x -- a", { args: ["x", "a"], argsLenAtDash: 1 }],
    ["create cm -- x", { args: ["x"], argsLenAtDash: 0 }],
    ["create foo", { command: "create", args: ["foo"] }],
  ]; // deno-fmt-ignore
  for (const [line, want] of cases) {
    await t.step(line, () => {
      const p = parseCommandLine(tool, line.split(" "));
      if (want.command) assertEquals(p.command.name, want.command);
      if (want.args) assertEquals(p.args, want.args);
      if (want.argsLenAtDash !== undefined) assertEquals(p.argsLenAtDash, want.argsLenAtDash);
      if (want.help !== undefined) assertEquals(p.help, want.help);
      if (want.changed) assertEquals([...p.changed], want.changed);
      for (const [k, v] of Object.entries(want.flags ?? {})) assertEquals(p.flags[k], v, k);
    });
  }
});

Deno.test("parseCommandLine() handles groups, argument counts and deprecations", async (t) => {
  const usage = (line: string) =>
    assertThrows(() => parseCommandLine(tool, line.split(" ").filter(Boolean)), UsageError)
      .render();
  const cases: [string, string][] = [
    [
      "config foo bar",
      "error: unknown command \"foo bar\"\nSee 'k1s config -h' for help and examples\n",
    ],
    [
      "config view extra",
      "error: unexpected arguments: [extra]\nSee 'k1s config view -h' for help and examples\n",
    ],
    [
      "annotate",
      "error: requires at least 1 arg(s), only received 0\nSee 'k1s annotate -h' for help and examples\n",
    ],
    [
      "scale a b c",
      "error: accepts between 1 and 2 arg(s), received 3\nSee 'k1s scale -h' for help and examples\n",
    ],
    ["wait", "error: accepts 1 arg(s), received 0\nSee 'k1s wait -h' for help and examples\n"],
    [
      "cp a b c",
      "error: accepts at most 2 arg(s), received 3\nSee 'k1s cp -h' for help and examples\n",
    ],
  ];
  for (const [line, want] of cases) await t.step(line, () => assertEquals(usage(line), want));
  await t.step("a group without a subcommand asks for help on stderr", () => {
    const p = parseCommandLine(tool, ["config"]);
    assertEquals([p.help, p.helpIsError], [true, true]);
  });
  await t.step("the root alone is not an error", () => {
    const p = parseCommandLine(tool, []);
    assertEquals([p.command.name, p.help], ["k1s", false]);
  });
  await t.step("deprecated flags warn", () => {
    assertEquals(parseCommandLine(tool, ["get", "--old"]).warnings, [
      "Flag --old has been deprecated, use --new instead",
    ]);
  });
});
