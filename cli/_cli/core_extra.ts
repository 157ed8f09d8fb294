// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The parts of `@k1s/core` only some commands use: compiled-in and stored CRDs, and the RBAC
 * self reviews and signing key rotation of `auth`. Imported lazily and by name (see `core.ts`),
 * so a command that needs none of them loads none of their code.
 *
 * @module
 */
export {
  canI,
  formatAccessList,
  formatWhoAmI,
  installCustomResourceDefinitions,
  loadCustomResources,
  rotateSigningKey,
  rulesFor,
  whoAmI,
} from "@k1s/core";
