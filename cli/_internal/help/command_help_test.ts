// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import type { CommandSpec } from "../args/types.ts";
import { renderHelp, renderOptions } from "./command_help.ts";

const dir = new URL("./testdata/", import.meta.url);
// testdata/kubectl_commands.json declares kubectl 1.32's root, get, create, create configmap,
// create secret and delete as data (texts taken from their help); the *.kubectl.txt files are
// kubectl's own `--help` output.
const root: CommandSpec = JSON.parse(
  await Deno.readTextFile(new URL("kubectl_commands.json", dir)),
);
const read = (f: string) => Deno.readTextFile(new URL(f, dir));
const find = (c: CommandSpec, name: string) => c.commands!.find((x) => x.name === name)!;

Deno.test("renderHelp() reproduces kubectl's help byte for byte", async (t) => {
  const get = find(root, "get");
  const create = find(root, "create");
  const cases: [string, CommandSpec[], string][] = [
    ["kubectl --help", [root], "root.kubectl.txt"],
    ["kubectl get --help", [root, get], "get.kubectl.txt"],
    ["kubectl create --help", [root, create], "create.kubectl.txt"],
    [
      "kubectl create configmap --help",
      [root, create, find(create, "configmap")],
      "create_configmap.kubectl.txt",
    ],
    [
      "kubectl create secret --help",
      [root, create, find(create, "secret")],
      "create_secret.kubectl.txt",
    ],
    ["kubectl delete --help", [root, find(root, "delete")], "delete.kubectl.txt"],
  ];
  for (const [name, path, file] of cases) {
    // k1s has no plugins, so no (empty) plugin group.
    const want = (await read(file)).replace("Subcommands provided by plugins:\n\n", "");
    await t.step(name, () => assertEquals(renderHelp(path), want));
  }
});

Deno.test("renderOptions() reproduces kubectl options", async () => {
  // klog's --vmodule has a custom value type k1s does not have.
  const want = (await read("options.kubectl.txt")).replace(/ {4}--vmodule=:\n\t.*\n\n/, "");
  assertEquals(renderOptions(root), want);
});

Deno.test("renderHelp() is parameterised by the tool name", () => {
  const tool: CommandSpec = {
    name: "inventory",
    summary: "inventory manages a shop's stock.",
    usage: "[flags]",
    persistentFlags: [{ name: "namespace", shorthand: "n", type: "string", usage: "Namespace." }],
    commands: [
      {
        name: "get",
        summary: "Display one or many resources",
        group: "Basic Commands:",
        usage: "TYPE [NAME]",
      },
      { name: "options", summary: "Print the list of flags inherited by all commands" },
      { name: "hidden", summary: "secret", hidden: true },
    ],
  };
  assertEquals(
    renderHelp([tool]),
    [
      "inventory manages a shop's stock.",
      "",
      "Basic Commands:",
      "  get   Display one or many resources",
      "",
      "Usage:",
      "  inventory [flags] [options]",
      "",
      'Use "inventory <command> --help" for more information about a given command.',
      'Use "inventory options" for a list of global command-line options (applies to all commands).',
      "",
    ].join("\n"),
  );
});
