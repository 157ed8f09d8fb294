// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `delete`: spec data (the implementation is ./delete.ts). Texts are kubectl 1.32's, with
 * examples on the kinds k1s serves.
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALL_NAMESPACES_FLAG,
  DRY_RUN_FLAG,
  FIELD_SELECTOR_FLAG,
  filenameFlag,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from "../_cli/common_flags.ts";
import { CASCADE_FLAG, DELETE_TIMEOUT_FLAG, GRACE_PERIOD_FLAG, WAIT_FLAG } from "./_write_flags.ts";

/** The `delete` command. */
export const deleteSpec: CommandSpec = {
  name: "delete",
  summary:
    "Delete resources by file names, stdin, resources and names, or by resources and label selector",
  group: "Basic Commands (Intermediate):",
  description:
    "Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\nJSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.\n\nSome resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.\n\nIMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.\n\nNote that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.\n\nAfter a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run \"k1s api-resources\" to refresh the discovery cache.",
  examples: `# Delete a config map using the type and name specified in cm.json
k1s delete -f ./cm.json

# Delete resources from all the manifests in a directory and its subdirectories
k1s delete -f ./manifests/ -R

# Delete a config map based on the type and name in the JSON passed into stdin
cat cm.json | k1s delete -f -

# Delete config maps and secrets with same names "baz" and "foo"
k1s delete configmap,secret baz foo

# Delete config maps and secrets with label name=myLabel
k1s delete configmaps,secrets -l name=myLabel

# Delete a config map without waiting for its finalizers
k1s delete configmap foo --wait=false

# Delete a config map but keep the objects it owns
k1s delete configmap foo --cascade=orphan

# Delete all config maps
k1s delete configmaps --all`,
  usage: "([-f FILENAME] | TYPE [(NAME | -l label | --all)])",
  flags: [
    {
      name: "all",
      type: "bool",
      usage: "Delete all resources, in the namespace of the specified resource types.",
    },
    ALL_NAMESPACES_FLAG,
    CASCADE_FLAG,
    DRY_RUN_FLAG,
    FIELD_SELECTOR_FLAG,
    filenameFlag("containing the resource to delete."),
    {
      name: "force",
      type: "bool",
      usage:
        "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.",
    },
    GRACE_PERIOD_FLAG,
    {
      name: "ignore-not-found",
      type: "bool",
      usage:
        'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.',
    },
    {
      name: "interactive",
      shorthand: "i",
      type: "bool",
      usage: "If true, delete resource only when user confirms.",
    },
    {
      name: "now",
      type: "bool",
      usage: "If true, resources are signaled for immediate shutdown (same as --grace-period=1).",
    },
    {
      name: "output",
      shorthand: "o",
      type: "string",
      usage: 'Output mode. Use "-o name" for shorter output (resource/name).',
    },
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    DELETE_TIMEOUT_FLAG,
    WAIT_FLAG,
  ],
};
