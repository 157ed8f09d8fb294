// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The parts of `@k1s/core` the CLI uses at run time, reached by name so a bundle keeps only
 * what they need (a dynamic `import("@k1s/core")` would keep every export). Commands import
 * this module lazily, when they first need the store.
 *
 * @module
 */
import * as core from "@k1s/core";
import type { Runtime, UserInfo } from "@k1s/core";

/** Opens a store and starts a runtime. */
export const createRuntime: typeof core.createRuntime = core.createRuntime;
/** Opens a store URL. */
export const openStorage: typeof core.openStorage = core.openStorage;
/** Serves compiled-in CRDs. */
export const installCustomResourceDefinitions: typeof core.installCustomResourceDefinitions =
  core.installCustomResourceDefinitions;

/** The optional exports: present once core/crd and core/rbac export them from `@k1s/core`. */
interface Optional {
  loadCustomResources?: (rt: Runtime) => Promise<void>;
  canI?: (
    rt: Runtime,
    user: UserInfo,
    check: {
      verb: string;
      group?: string;
      resource?: string;
      subresource?: string;
      name?: string;
      namespace?: string;
      path?: string;
    },
  ) => Promise<{ allowed: boolean; reason?: string; evaluationError?: string }>;
  rulesFor?: (rt: Runtime, user: UserInfo, namespace: string) => Promise<unknown>;
  formatAccessList?: (status: unknown, options?: { noHeaders?: boolean }) => string;
  whoAmI?: (rt: Runtime) => UserInfo;
  formatWhoAmI?: (user: UserInfo) => string;
}

const optional = core as unknown as Optional;

/** Registers the kinds of stored CRDs (core/crd), when exported. */
export const loadCustomResources: Optional["loadCustomResources"] = optional.loadCustomResources;
/** A SubjectAccessReview (core/rbac), when exported. */
export const canI: Optional["canI"] = optional.canI;
/** A SubjectRulesReview (core/rbac), when exported. */
export const rulesFor: Optional["rulesFor"] = optional.rulesFor;
/** `auth can-i --list`'s table (core/rbac), when exported. */
export const formatAccessList: Optional["formatAccessList"] = optional.formatAccessList;
/** A SelfSubjectReview (core/rbac), when exported. */
export const whoAmI: Optional["whoAmI"] = optional.whoAmI;
/** `auth whoami`'s table (core/rbac), when exported. */
export const formatWhoAmI: Optional["formatWhoAmI"] = optional.formatWhoAmI;
