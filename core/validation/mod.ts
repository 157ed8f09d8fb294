// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Validation worded exactly as Kubernetes words it: name and key formats, object metadata on
 * create and update, and label selectors inside objects.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateObjectMeta } from "@k1s/core";
 * const errs = validateObjectMeta({ namespace: "default" }, { namespaced: true, nameValidation: "subdomain" });
 * assertEquals(errs.map(formatFieldError), ["metadata.name: Required value: name or generateName is required"]);
 * ```
 *
 * @module
 */
export * from "./content.ts";
export * from "./object_meta.ts";
export * from "./label_selector.ts";
