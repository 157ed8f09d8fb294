// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Re-exports, to check that names resolve through them.
 *
 * @module
 */
export type { Endpoint as RemoteEndpoint } from "./shared.ts";
export * from "./shared.ts";
