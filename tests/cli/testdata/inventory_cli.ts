// Copyright 2026 the k1s authors. Apache-2.0 license.
// A tool built with createCli: the example inventory kinds compiled in, its own environment
// variables (INVENTORY_STORE, ...), a controller, an admission plugin, and one command of its own.
import { createCli } from "@k1s/cli";
import { cliResources } from "../../../examples/inventory/generated/mod.ts";

const cli = createCli({
  name: "inventory",
  version: "1.2.3",
  description: "inventory keeps a shop's stock.",
  crds: cliResources.crds,
  // Reads INVENTORY_STORE, INVENTORY_TOKEN, ...: a K1S_STORE exported for k1s does not move it.
  envPrefix: "INVENTORY",
  controllers: [{
    name: "item-status",
    for: { apiVersion: "examples.k1s.dtomasi.github.io/v1alpha1", kind: "Item" },
    async reconcile(ctx, req) {
      const type = { apiVersion: "examples.k1s.dtomasi.github.io/v1alpha1", kind: "Item" };
      const item = await ctx.client.get(type, { namespace: req.namespace, name: req.name }).catch(
        () => undefined,
      );
      if (!item || (item.status as { status?: string } | undefined)?.status) return;
      await ctx.client.status().update({ ...item, status: { status: "Available" } });
    },
  }],
  // Rejects recalled items (the tests' example of a tool's own admission).
  admission: [{
    name: "no-recalled-items",
    kinds: ["examples.k1s.dtomasi.github.io/Item"],
    operations: ["CREATE", "UPDATE"],
    validate: ({ object }) =>
      (object.spec as { category?: string } | undefined)?.category === "recalled"
        ? "recalled items cannot be stocked"
        : undefined,
  }],
  extraCommands: [{
    spec: { name: "hello", summary: "Say hello", usage: "NAME", args: { min: 1, max: 1 } },
    load: () =>
      Promise.resolve({
        run(ctx) {
          ctx.stdout.write(`hello ${ctx.args[0]} from ${ctx.name} ${ctx.version}\n`);
          return Promise.resolve(0);
        },
      }),
  }],
});
await cli.main();
