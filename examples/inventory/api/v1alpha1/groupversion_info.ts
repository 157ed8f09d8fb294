// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * API types of the inventory example: Categories and Items in group
 * `examples.k1s.dtomasi.github.io`, version `v1alpha1`. `deno task gen` turns them into CRDs
 * and the modules in `../../generated/`.
 *
 * +groupName=examples.k1s.dtomasi.github.io
 * +versionName=v1alpha1
 *
 * @module
 */
