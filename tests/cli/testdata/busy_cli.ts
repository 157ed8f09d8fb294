// Copyright 2026 the k1s authors. Apache-2.0 license.
// A tool built with createCli whose controller never settles: every reconcile of a ConfigMap
// named `loop-*` bumps an annotation, which queues the ConfigMap again, so a drain always ends
// with work left when its pass budget runs out (tests/cli/write_followup_test.ts).
import { createCli } from "@k1s/cli";

const cli = createCli({
  name: "busy",
  version: "0.0.1",
  defaultStore: Deno.env.get("BUSY_STORE"),
  controllers: [{
    name: "bumper",
    for: { apiVersion: "v1", kind: "ConfigMap" },
    async reconcile({ client }, req) {
      if (!req.name.startsWith("loop-")) return;
      const cm = await client.get({ apiVersion: "v1", kind: "ConfigMap" }, req);
      const n = Number(cm.metadata.annotations?.bumps ?? "0") + 1;
      await client.patch(
        { apiVersion: "v1", kind: "ConfigMap" },
        req,
        { metadata: { annotations: { bumps: String(n) } } },
        { type: "merge" },
      );
    },
  }],
});
await cli.main();
