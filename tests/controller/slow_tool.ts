// Copyright 2026 the k1s authors. Apache-2.0 license.
// A tool whose controller takes a while: it announces each reconcile on stderr, waits, then
// annotates the ConfigMap and records an event. Used to test graceful stop.
import { createCli } from "@k1s/cli";

const CM = { apiVersion: "v1", kind: "ConfigMap" };

await createCli({
  name: "slowtool",
  version: "0.0.1",
  defaultStore: Deno.env.get("SLOW_STORE"),
  controllers: [{
    name: "slow-annotator",
    for: CM,
    async reconcile(ctx, req) {
      const cm = await ctx.client.get(CM, { namespace: req.namespace, name: req.name }).catch(
        () => undefined,
      );
      if (!cm || cm.metadata.annotations?.["example.com/done"]) return;
      console.error(`reconciling ${req.name}`);
      await new Promise((r) => setTimeout(r, 800));
      cm.metadata.annotations = { ...cm.metadata.annotations, "example.com/done": "yes" };
      await ctx.client.update(cm);
      ctx.recorder.event(cm, "Normal", "Annotated", "annotated after a slow reconcile");
    },
  }],
}).main();
