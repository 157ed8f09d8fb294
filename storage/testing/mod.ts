// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The storage conformance suite. A backend runs every contract check in one line:
 *
 * ```ts ignore
 * Deno.test("my backend conforms", (t) => runStorageConformance(t, { newStorage }));
 * ```
 *
 * @module
 */
export {
  conformanceCases,
  type ConformanceOptions,
  type ConformanceSkip,
  runStorageConformance,
} from "./conformance.ts";
