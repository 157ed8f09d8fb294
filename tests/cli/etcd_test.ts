// Copyright 2026 the k1s authors. Apache-2.0 license.
// The CLI on a real etcd member, with exactly the Deno permissions the launcher computes: store
// URLs with query parameters and TLS files, and writes of more objects than one etcd
// transaction takes (--max-txn-ops is 128), which the write commands commit in batches.
import { assertEquals } from "@std/assert";
import {
  etcdAvailability,
  type EtcdCluster,
  etcdRequired,
  opensslAvailable,
  startEtcdCluster,
} from "../../storage/etcd/testdata/etcd_cluster.ts";
import { permissionFlags } from "../../cli/_cli/permissions.ts";
import { k1s, type RunResult, tempStore } from "./_helpers.ts";

const availability = await etcdAvailability();
const ignore = !availability.ok && !etcdRequired();
const haveOpenssl = await opensslAvailable();

function etcdTest(
  name: string,
  options: { tls?: boolean; ignore?: boolean },
  fn: (cluster: EtcdCluster, dir: string) => Promise<void>,
): void {
  Deno.test({
    name,
    ignore: ignore || options.ignore,
    fn: async () => {
      if (!availability.ok) throw new Error(`etcd is required here but ${availability.reason}`);
      const cluster = await startEtcdCluster({ members: 1, tls: options.tls ?? false });
      const { dir, cleanup } = await tempStore();
      try {
        await fn(cluster, dir);
      } finally {
        await cluster.stop();
        await cleanup();
      }
    },
  });
}

/** Runs the CLI in `dir` with the permissions the launcher would grant, and no others. */
function launched(store: string, dir: string): (args: string[]) => Promise<RunResult> {
  return (args) => {
    const all = ["--store", store, ...args];
    const { flags } = permissionFlags({ args: all, env: () => undefined, cwd: dir });
    return k1s(all, { denoFlags: flags, cwd: dir });
  };
}

function configMaps(n: number, value: string): { yaml: string; names: string[] } {
  const names = Array.from({ length: n }, (_, i) => `cm-${String(i).padStart(3, "0")}`);
  const yaml = names.map((name) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    batch: "yes"\ndata:\n  k: ${value}\n`
  ).join("---\n");
  return { yaml, names };
}

const lines = (names: string[], line: (n: string) => string) => names.map(line).join("");

etcdTest("apply, create, replace and delete -f of 130 ConfigMaps on etcd", {}, async (c, dir) => {
  const port = new URL(c.endpoints[0]).port;
  // No prefix: the query follows the port, and is not part of what the launcher grants.
  const run = launched(`etcd://127.0.0.1:${port}?timeout=5s`, dir);
  const { yaml, names } = configMaps(130, "v");
  await Deno.writeTextFile(`${dir}/all.yaml`, yaml);
  await Deno.writeTextFile(`${dir}/changed.yaml`, configMaps(130, "w").yaml);

  assertEquals(await run(["apply", "-f", "all.yaml"]), {
    code: 0,
    stdout: lines(names, (n) => `configmap/${n} created\n`),
    stderr: "",
  });
  assertEquals(await run(["apply", "-f", "all.yaml"]), {
    code: 0,
    stdout: lines(names, (n) => `configmap/${n} unchanged\n`),
    stderr: "",
  });
  assertEquals(await run(["replace", "-f", "changed.yaml"]), {
    code: 0,
    stdout: lines(names, (n) => `configmap/${n} replaced\n`),
    stderr: "",
  });
  const data = await run(["get", "cm", "-l", "batch=yes", "-o", "jsonpath={.items[*].data.k}"]);
  assertEquals(data.stdout, names.map(() => "w").join(" "));
  assertEquals(await run(["delete", "-f", "all.yaml"]), {
    code: 0,
    stdout: lines(names, (n) => `configmap "${n}" deleted\n`),
    stderr: "",
  });
  assertEquals(await run(["create", "-f", "all.yaml", "-o", "name"]), {
    code: 0,
    stdout: lines(names, (n) => `configmap/${n}\n`),
    stderr: "",
  });
  assertEquals(await run(["delete", "cm", "-l", "batch=yes"]), {
    code: 0,
    stdout: lines(names, (n) => `configmap "${n}" deleted\n`),
    stderr: "",
  });
});

etcdTest(
  "etcds:// with a CA and a client certificate: the launcher grants reading them",
  { tls: true, ignore: !haveOpenssl },
  async (c, dir) => {
    const tls = c.tls!;
    const port = new URL(c.endpoints[0]).port;
    const run = launched(
      `etcds://127.0.0.1:${port}/k1s-tls?ca=${tls.ca}&cert=${tls.clientCert}&key=${tls.clientKey}`,
      dir,
    );
    assertEquals(await run(["create", "configmap", "app", "--from-literal=k=v"]), {
      code: 0,
      stdout: "configmap/app created\n",
      stderr: "",
    });
    assertEquals((await run(["get", "cm", "app", "-o", "name"])).stdout, "configmap/app\n");
  },
);
