// Copyright 2026 the k1s authors. Apache-2.0 license.
// A separate process for the sqlite multi-process tests. Usage:
//
//   deno run -A worker.ts <command> <store path> <options JSON> [args...]
//
// Commands print one line per acknowledged write, so a parent can tell exactly what was
// acknowledged before it killed the process:
//
//   increment <key> <n>       n read-modify-write increments of data.count, retrying on Conflict;
//                             prints "done <conflicts>"
//   burst <prefix> <n>        n steps; step i creates <prefix>i, every third step is instead a
//                             transaction creating <prefix>i-a, -b, -c; prints "ack <i> <rev>"
//   creates <prefix> <n>      n creates; prints "ack <rev> <wall clock ms>"
//   paced <prefix> <n> <ms>   like creates, one every <ms> milliseconds
//   watch-stop <prefix>       starts a watch, sees one event, stops it and returns without
//                             closing the store: the process must still exit on its own
//   watch-close <prefix>      starts a watch and closes the store: the process must exit
//   try-create <key>          one create; prints "ok <rev>" or "error <code> <message>"
import { createSqliteStorage, type SqliteStorageOptions } from "../mod.ts";
import { isStorageError } from "../../../core/storage/storage_error.ts";
import type { KubeObject } from "../../../core/object/types.ts";

function obj(name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data };
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

const [command, path, optionsJson, ...args] = Deno.args;
const options: SqliteStorageOptions = { ...JSON.parse(optionsJson || "{}"), path };
const s = await createSqliteStorage(options);
const enc = new TextEncoder();
const say = (line: string) => Deno.stdout.writeSync(enc.encode(line + "\n"));

switch (command) {
  case "increment": {
    const [key, n] = [args[0], Number(args[1])];
    let conflicts = 0;
    for (let i = 0; i < n;) {
      const cur = await s.get(key);
      if (!cur) throw new Error(`Missing ${key}`);
      const next = {
        ...cur,
        data: { count: String(Number((cur.data as Record<string, string>).count) + 1) },
      };
      try {
        await s.update(key, next as KubeObject, {
          expectedRevision: Number(cur.metadata.resourceVersion),
        });
        i++;
      } catch (err) {
        if (!isStorageError(err, "Conflict")) throw err;
        conflicts++;
      }
    }
    say(`done ${conflicts}`);
    break;
  }
  case "burst": {
    const [prefix, n] = [args[0], Number(args[1])];
    for (let i = 0; i < n; i++) {
      let rev: number;
      if (i % 3 === 2) {
        rev = await s.transaction(async (tx) => {
          let last = 0;
          for (const suffix of ["-a", "-b", "-c"]) {
            const o = await tx.create(`${prefix}${i}${suffix}`, obj(`${i}${suffix}`));
            last = Number(o.metadata.resourceVersion);
          }
          return last;
        });
      } else {
        const o = await s.create(`${prefix}${i}`, obj(String(i), { pad: "x".repeat(i % 500) }));
        rev = Number(o.metadata.resourceVersion);
      }
      say(`ack ${i} ${rev}`);
    }
    break;
  }
  case "creates":
  case "paced": {
    const [prefix, n, ms] = [args[0], Number(args[1]), Number(args[2] ?? 0)];
    for (let i = 0; i < n; i++) {
      if (ms) await new Promise((r) => setTimeout(r, ms));
      const o = await s.create(`${prefix}${i}`, obj(String(i)));
      say(`ack ${o.metadata.resourceVersion} ${now()}`);
    }
    break;
  }
  case "watch-stop": {
    const w = s.watch({ prefix: args[0] });
    await s.create(`${args[0]}x${Date.now()}`, obj("x"));
    const it = w[Symbol.asyncIterator]();
    await it.next();
    w.stop();
    say("stopped");
    break;
  }
  case "watch-close": {
    s.watch({ prefix: args[0] });
    say("watching");
    break;
  }
  case "try-create": {
    try {
      const o = await s.create(args[0], obj("x"));
      say(`ok ${o.metadata.resourceVersion}`);
    } catch (err) {
      say(`error ${(err as { code?: string }).code} ${(err as Error).message}`);
    }
    break;
  }
  default:
    throw new Error(`Unknown command "${command}"`);
}
if (command !== "watch-stop") await s.close();
