// Copyright 2026 the k1s authors. Apache-2.0 license.
// A short-lived k1s process for multiprocess_test.ts: opens the store, does one thing, exits.
//
//   deno run -A worker.ts <store> <command> [args...]
//
// Commands print one JSON line on stdout.
import type { KubeObject } from "../../object/types.ts";
import type { Controller } from "../types.ts";
import { createRuntime } from "../../runtime/create_runtime.ts";
import { isNotFound } from "../../errors/status_error.ts";

const [store, command, ...args] = Deno.args;
const CM = { apiVersion: "v1", kind: "ConfigMap" };
const NS = { apiVersion: "v1", kind: "Namespace" };

/** Test controllers, loaded by name. */
function controllers(rt: Awaited<ReturnType<typeof createRuntime>>): Record<string, Controller> {
  return {
    // Counts its reconciles of each ConfigMap in the ConfigMap `runs`.
    counter: {
      name: "counter",
      for: CM,
      async reconcile({ client }, req) {
        if (req.name === "runs") return;
        await bump(client, req.namespace!, req.name);
      },
    },
    // Asks to run again after POLL_MS.
    poll: {
      name: "poll",
      for: CM,
      async reconcile({ client }, req) {
        if (req.name !== "polled") return;
        await bump(client, req.namespace!, req.name);
        return { requeueAfter: Number(Deno.env.get("POLL_MS") ?? "1000") };
      },
    },
    // Two steps with a pause between them (long when CRASHY_PAUSE is set).
    crashy: {
      name: "crashy",
      for: CM,
      async reconcile({ client }, req) {
        if (!/^job\d+$/.test(req.name)) return;
        await ensure(client, req.namespace!, `${req.name}-step1`);
        console.log(JSON.stringify({ started: req.name }));
        const pause = Number(Deno.env.get("CRASHY_PAUSE") ?? "0");
        if (pause) await new Promise((r) => setTimeout(r, pause));
        await ensure(client, req.namespace!, `${req.name}-step2`);
      },
    },
  };

  async function ensure(client: typeof rt.client, namespace: string, name: string) {
    try {
      await client.create({ ...CM, metadata: { name, namespace } });
    } catch (e) {
      if (!(e instanceof Error && e.message.includes("already exists"))) throw e;
    }
  }

  async function bump(client: typeof rt.client, namespace: string, name: string) {
    for (;;) {
      let runs: KubeObject;
      try {
        runs = await client.get(CM, { namespace, name: "runs" });
      } catch (e) {
        if (!isNotFound(e)) throw e;
        await ensure(client, namespace, "runs");
        continue;
      }
      const data = (runs.data ?? {}) as Record<string, string>;
      data[name] = String(Number(data[name] ?? "0") + 1);
      try {
        await client.update({ ...runs, data });
        return;
      } catch (e) {
        if (!(e instanceof Error && e.message.includes("modified"))) throw e;
      }
    }
  }
}

await using rt = await createRuntime({ store });
const c = rt.client;
const out = (v: unknown) => console.log(JSON.stringify(v));

switch (command) {
  case "create": {
    // create <namespace> <name> [ownerName] [blockOwnerDeletion] [finalizer]
    const [namespace, name, owner, block, finalizer] = args;
    const meta: KubeObject["metadata"] = { name, namespace };
    if (owner) {
      const o = await c.get(CM, { namespace, name: owner });
      meta.ownerReferences = [{
        apiVersion: "v1",
        kind: "ConfigMap",
        name: owner,
        uid: o.metadata.uid!,
        ...(block === "true" ? { blockOwnerDeletion: true } : {}),
      }];
    }
    if (finalizer) meta.finalizers = [finalizer];
    const created = await c.create({ ...CM, metadata: meta });
    out({ uid: created.metadata.uid });
    break;
  }
  case "create-many": {
    // create-many <namespace> <prefix> <count> [ownerName]
    const [namespace, prefix, count, owner] = args;
    const o = owner ? await c.get(CM, { namespace, name: owner }) : undefined;
    await rt.transaction(async (tx) => {
      for (let i = 0; i < Number(count); i++) {
        await tx.create({
          ...CM,
          metadata: {
            name: `${prefix}${i}`,
            namespace,
            ...(o
              ? {
                ownerReferences: [{
                  apiVersion: "v1",
                  kind: "ConfigMap",
                  name: owner,
                  uid: o.metadata.uid!,
                }],
              }
              : {}),
          },
        });
      }
    });
    out({ ok: true });
    break;
  }
  case "namespace": {
    await c.create({ ...NS, metadata: { name: args[0] } });
    out({ ok: true });
    break;
  }
  case "delete": {
    // delete <kind: cm|ns> <namespace|-> <name> [policy]
    const [kind, namespace, name, policy] = args;
    const type = kind === "ns" ? NS : CM;
    await c.delete(type, { ...(namespace !== "-" ? { namespace } : {}), name }, {
      ...(policy ? { propagationPolicy: policy as "Background" | "Foreground" | "Orphan" } : {}),
    });
    out({ ok: true });
    break;
  }
  case "unfinalize": {
    const [namespace, name] = args;
    const o = await c.get(CM, { namespace, name });
    o.metadata.finalizers = [];
    await c.update(o);
    out({ ok: true });
    break;
  }
  case "drain": {
    // drain [controller,...]
    const all = controllers(rt);
    for (const n of (args[0] ?? "").split(",").filter(Boolean)) rt.controllers.add(all[n]);
    const r = await rt.controllers.drain();
    out(r);
    break;
  }
  case "get": {
    // get <kind: cm|ns> <namespace|-> <name>
    const [kind, namespace, name] = args;
    try {
      out(await c.get(kind === "ns" ? NS : CM, { ...(namespace !== "-" ? { namespace } : {}), name }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      out(null);
    }
    break;
  }
  case "names": {
    const l = await c.list(CM, { namespace: args[0] });
    out(l.items.map((o) => o.metadata.name).sort());
    break;
  }
  case "event": {
    // event <namespace> <name> <reason> <message>
    const [namespace, name, reason, message] = args;
    const o = await c.get(CM, { namespace, name });
    rt.recorder("worker").event(o, "Warning", reason, message);
    // Exits without flushing: closing the runtime flushes.
    out({ ok: true });
    break;
  }
  case "events": {
    const l = await c.list({ apiVersion: "v1", kind: "Event" }, { namespace: args[0] });
    out(l.items.map((e) => ({ message: e.message, count: e.count, reason: e.reason })));
    break;
  }
  default:
    throw new TypeError(`Unknown command "${command}"`);
}
