// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The API server's check of the generated CRDs: `@k1s/core`'s
 * `validateCustomResourceDefinition`, with CEL rules compiled and their cost estimated. Generated
 * code installs its CRDs without checking their schemas again, so a rule that does not compile
 * must stop the generator rather than every create.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { BuiltCrd } from "./_crd.ts";
import type { Marker } from "./_markers.ts";
import { type Origin, originOf } from "./_schema.ts";
import type { Diagnostic } from "./generate_error.ts";
import type { CheckRequest, CheckResponse } from "./_validate_worker.ts";

/**
 * A check of CRDs in a worker (`_validate_worker.ts`), which starts loading `@k1s/core` and its
 * CEL runtime when created. Dispose of it to stop the worker.
 */
export class CrdCheck implements Disposable {
  readonly #worker: Worker;
  #failure: Error | undefined;
  #reject: ((e: Error) => void) | undefined;

  /** Starts the worker. */
  constructor() {
    this.#worker = new Worker(new URL("./_validate_worker.ts", import.meta.url), {
      type: "module",
    });
    // Handled from the start: an unhandled worker error (core failing to load, say) would end
    // the process, even before a check is asked for.
    this.#worker.onerror = (e) => {
      e.preventDefault();
      this.#failure = new Error(`CRD check failed: ${e.message}`);
      this.#reject?.(this.#failure);
    };
  }

  /**
   * Validates each CRD as the API server does on create, after the defaulting it applies first.
   *
   * @param built The CRDs and the kinds they were built from.
   * @returns One diagnostic per field error (message `<field>: <Kubernetes' text>`), at the
   * XValidation marker of the rule, else at the marker that set the field, else at the
   * field, else at the kind.
   */
  async check(built: BuiltCrd[]): Promise<Diagnostic[]> {
    if (this.#failure !== undefined) throw this.#failure;
    const response = await new Promise<CheckResponse>((resolve, reject) => {
      this.#reject = reject;
      this.#worker.onmessage = (e: MessageEvent<CheckResponse>) => resolve(e.data);
      this.#worker.postMessage({ crds: built.map((b) => b.crd) } satisfies CheckRequest);
    });
    if ("failure" in response) throw new Error(`CRD check failed: ${response.failure}`);
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    response.errors.forEach((errs, i) => {
      for (const e of errs) {
        const at = locate(e.field, built[i]);
        const d = { file: fileURLToPath(at.url), line: at.line, message: e.text };
        // A type used by several kinds repeats its errors at the same line.
        const key = `${d.file}:${d.line}:${d.message}`;
        if (!seen.has(key)) out.push(d);
        seen.add(key);
      }
    });
    return out;
  }

  /** Stops the worker. */
  [Symbol.dispose](): void {
    this.#worker.terminate();
  }
}

const SCHEMA_PATH = /^spec\.(?:versions\[(\d+)\]\.schema|validation)\.openAPIV3Schema(.*)$/;
const VERSION_PATH = /^spec\.(?:versions\[(\d+)\]\.)?(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/;

/**
 * The source of the CRD field at an error's path. The API server's paths follow its internal
 * version, where parts that are the same in every version move up (`spec.validation`,
 * `spec.additionalPrinterColumns`); those are the first version's.
 */
function locate(path: string, b: BuiltCrd): Origin {
  const schema = SCHEMA_PATH.exec(path);
  if (schema !== null) {
    const i = Number(schema[1] ?? 0);
    const kind = b.kinds[i] ?? b.kinds[0];
    const root = b.crd.spec.versions[i]?.schema.openAPIV3Schema;
    return (root && schemaOrigin(root, schema[2])) ?? kind;
  }
  const m = VERSION_PATH.exec(path);
  if (m === null) return b.kinds[0];
  const kind = b.kinds[Number(m[1] ?? 0)] ?? b.kinds[0];
  const marker = (name: string, n = 0): Marker | undefined =>
    kind.markers.filter((k) => k.name === name)[n];
  switch (m[2]) {
    case "additionalPrinterColumns":
      return marker("kubebuilder:printcolumn", Number(m[3] ?? 0)) ?? kind;
    case "selectableFields":
      return marker("kubebuilder:selectablefield", Number(m[3] ?? 0)) ?? kind;
    case "subresources":
      return (m[4] === "scale" && marker("kubebuilder:subresource:scale")) || kind;
  }
  return kind;
}

/**
 * The innermost origin along a schema path such as
 * `.properties[spec].properties[size].x-kubernetes-validations[0].rule`: the rule's marker
 * there; for `.properties[spec].properties[name].pattern`, the Pattern marker, else the field.
 */
function schemaOrigin(root: object, path: string): Origin | undefined {
  let node: unknown = root;
  let found: Origin | undefined;
  for (const [, key, index] of path.matchAll(/\.([^.[]+)(?:\[([^\]]*)\])?/g)) {
    found = originOf(node as object, key) ?? found;
    node = (node as Record<string, unknown>)[key];
    if (index !== undefined) node = (node as Record<string, unknown> | undefined)?.[index];
    if (node === null || typeof node !== "object") break;
    found = originOf(node) ?? found;
  }
  return found;
}
