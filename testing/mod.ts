// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Test helpers: a fake client on the memory backend, seeded with objects, with per-verb
 * interceptors for injecting errors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createFakeClient } from "@k1s/core/testing";
 * await using c = await createFakeClient({
 *   objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "team" } }],
 * });
 * const l = await c.list({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "team" });
 * assertEquals(l.items.length, 1);
 * ```
 *
 * @module
 */
export {
  createFakeClient,
  type FakeClient,
  type FakeClientOptions,
  type Interceptors,
} from "./fake_client.ts";
export {
  type ControllerTestEnv,
  type ControllerTestOptions,
  createControllerTestEnv,
  type FakeClock,
} from "./controller.ts";
