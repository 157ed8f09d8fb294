// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The parts of `@k1s/core` every command that opens the store uses at run time. They come
 * from `@k1s/core/runtime`, not `@k1s/core`: a bundle of the whole package is one chunk,
 * while this entry point brings in only what reading the store needs (the runtime loads the
 * rest when a command first writes). Commands import this module lazily, when they first need
 * the store; the rarely used parts of `@k1s/core` are in `core_extra.ts`.
 *
 * @module
 */
export { createRuntime, openStorage } from "@k1s/core/runtime";
