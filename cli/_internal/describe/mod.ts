// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * kubectl describe's layout and describers.
 *
 * @module
 */
export {
  describeConfigMap,
  describeNamespace,
  type DescribeOptions,
  describeSecret,
  describeServiceAccount,
} from "./describe_core.ts";
export {
  compactRules,
  describeRole,
  describeRoleBinding,
  type PolicyRule,
} from "./describe_rbac.ts";
export { describeGeneric, smartLabelFor } from "./describe_generic.ts";
export { describeObject, type DescribeObjectOptions, joinDescriptions } from "./describe_object.ts";
export { describeEvents } from "./events.ts";
export {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  tabbedString,
} from "./prefix_writer.ts";
// Types from @k1s/core that signatures here use.
export type { KubeObject } from "@k1s/core";
