// Copyright 2026 the k1s authors. Apache-2.0 license.
// Schema engine throughput: validation and defaulting of a typical custom resource (about 20
// fields, 2 CEL rules). Target: at least 50,000 objects/s on a 2-core build machine.
//
//   deno bench -A bench/schema_bench.ts
//
// Wall-clock figures suffer on a loaded machine; `deno run -A bench/schema_bench.ts --cpu`
// measures process CPU time instead and prints objects per CPU-second.
import process from "node:process";
import { compileSchema, type JSONSchemaProps, loadCel } from "../core/schema/mod.ts";

const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    apiVersion: { type: "string" },
    kind: { type: "string" },
    metadata: { type: "object" },
    spec: {
      type: "object",
      required: ["image", "replicas"],
      properties: {
        image: { type: "string", minLength: 1, maxLength: 253 },
        replicas: { type: "integer", minimum: 0, maximum: 100, default: 1 },
        minReplicas: { type: "integer", minimum: 0, default: 1 },
        maxReplicas: { type: "integer", minimum: 1, default: 10 },
        paused: { type: "boolean", default: false },
        strategy: { type: "string", enum: ["Recreate", "RollingUpdate"], default: "RollingUpdate" },
        port: { type: "integer", format: "int32", minimum: 1, maximum: 65535 },
        protocol: { type: "string", enum: ["TCP", "UDP"], default: "TCP" },
        name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 },
        cpu: { "x-kubernetes-int-or-string": true },
        ratio: { type: "number", minimum: 0, maximum: 1 },
        schedule: { type: "string" },
        env: {
          type: "array",
          maxItems: 16,
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
          items: {
            type: "object",
            required: ["name"],
            properties: { name: { type: "string" }, value: { type: "string" } },
          },
        },
        labels: { type: "object", additionalProperties: { type: "string" } },
        resources: {
          type: "object",
          properties: {
            cpu: { type: "string" },
            memory: { type: "string" },
          },
        },
      },
      "x-kubernetes-validations": [
        {
          rule: "self.minReplicas <= self.maxReplicas",
          message: "minReplicas must not exceed maxReplicas",
        },
        {
          rule: "self.replicas <= self.maxReplicas",
          message: "replicas must not exceed maxReplicas",
        },
      ],
    },
    status: {
      type: "object",
      properties: { ready: { type: "boolean" }, observedGeneration: { type: "integer" } },
    },
  },
};

function object(i: number): Record<string, unknown> {
  return {
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: `w-${i}`, namespace: "default" },
    spec: {
      image: "registry.example.com/widget:1.2.3",
      replicas: 3,
      minReplicas: 2,
      port: 8080,
      name: "widget",
      cpu: "500m",
      ratio: 0.5,
      schedule: "*/5 * * * *",
      env: [{ name: "A", value: "1" }, { name: "B", value: "2" }],
      labels: { app: "widget", tier: "web" },
      resources: { cpu: "1", memory: "1Gi" },
    },
  };
}

/** A plain JSON deep copy: the harness needs a fresh object per iteration, as defaulting mutates. */
function clone<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = clone((v as Record<string, unknown>)[k]);
  return out as T;
}

const cel = await loadCel();
const compiled = compileSchema(schema, { cel });
const objects = Array.from({ length: 1000 }, (_, i) => object(i));
let n = 0;

Deno.bench("default + validate (20 fields, 2 CEL rules)", { baseline: true }, () => {
  const obj = clone(objects[n++ % objects.length]);
  compiled.default(obj);
  const errs = compiled.validate(obj);
  if (errs.length) throw new Error(JSON.stringify(errs));
});

Deno.bench("prune + default + validate", () => {
  const obj = clone(objects[n++ % objects.length]);
  compiled.prune(obj);
  compiled.default(obj);
  const errs = compiled.validate(obj);
  if (errs.length) throw new Error(JSON.stringify(errs));
});

Deno.bench("validate only", () => {
  const errs = compiled.validate(objects[n++ % objects.length]);
  if (errs.length !== 0 && n < 0) throw new Error("unreachable");
});

Deno.bench("clone only (harness cost)", () => {
  clone(objects[n++ % objects.length]);
});

Deno.bench("compileSchema (cold, 2 CEL rules)", () => {
  compileSchema(structuredClone(schema), { cel });
});

if (Deno.args.includes("--cpu")) {
  const runs = 200_000;
  for (let i = 0; i < 20_000; i++) {
    const obj = clone(objects[i % objects.length]);
    compiled.default(obj);
    compiled.validate(obj);
  }
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const obj = clone(objects[i % objects.length]);
    compiled.default(obj);
    if (compiled.validate(obj).length) throw new Error("unexpected errors");
  }
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  console.log(
    `default + validate: ${(seconds * 1e6 / runs).toFixed(2)} µs CPU per object, ` +
      `${Math.round(runs / seconds).toLocaleString("en-US")} objects per CPU-second`,
  );
}
