// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The worker that checks generated CRDs with `@k1s/core`'s `validateCustomResourceDefinition`.
 * Loading core and its CEL runtime evaluates modules for about 150 ms; in a worker that happens
 * on another thread while the generator waits for `deno doc` and `deno fmt`.
 *
 * Receives {@linkcode CheckRequest}, answers {@linkcode CheckResponse}.
 *
 * @module
 */
import {
  type CustomResourceDefinition,
  defaultCustomResourceDefinition,
  formatFieldError,
  loadCel,
  schemaHasRules,
  validateCustomResourceDefinition,
} from "@k1s/core";

/** The CRDs to check, as generated. */
export interface CheckRequest {
  crds: CustomResourceDefinition[];
}

/** A field error: its path and Kubernetes' text (`<path>: <type>: <detail>`). */
export interface CheckError {
  field: string;
  text: string;
}

/** The errors of each CRD of the request, in order; or what went wrong. */
export type CheckResponse = { errors: CheckError[][] } | { failure: string };

/** The worker's global scope; the package is type-checked with the window's declarations. */
const worker = globalThis as unknown as {
  onmessage: ((e: MessageEvent<CheckRequest>) => void) | null;
  postMessage(message: CheckResponse): void;
};

// Started before any request: most generated schemas have rules.
const cel = loadCel();
cel.catch(() => {});

worker.onmessage = async (e) => {
  try {
    const errors: CheckError[][] = [];
    for (const crd of e.data.crds) {
      // What the API server applies before validating a created CRD.
      defaultCustomResourceDefinition(crd);
      const storage = crd.spec.versions.find((v) => v.storage);
      crd.status = { storedVersions: storage ? [storage.name] : [] };
      const rules = crd.spec.versions.some((v) =>
        v.schema?.openAPIV3Schema && schemaHasRules(v.schema.openAPIV3Schema)
      );
      const errs = validateCustomResourceDefinition(crd, rules ? { cel: await cel } : {});
      errors.push(errs.map((err) => ({ field: err.field, text: formatFieldError(err) })));
    }
    worker.postMessage({ errors });
  } catch (err) {
    const failure = err instanceof Error ? err.stack ?? err.message : String(err);
    worker.postMessage({ failure });
  }
};
