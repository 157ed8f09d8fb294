// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `auth can-i`, `auth rotate-key` and `auth whoami`: spec data (the implementation is
 * ./auth.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  OBJECT_OUTPUT_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
} from "../_cli/common_flags.ts";

/** The `auth` command group. */
export const authSpec: CommandSpec = {
  name: "auth",
  summary: "Inspect authorization",
  group: "Troubleshooting and Debugging Commands:",
  description: "Inspect authorization.",
  usage: "[flags]",
  runnable: false,
  commands: [
    {
      name: "can-i",
      summary: "Check whether an action is allowed",
      description:
        "Check whether an action is allowed.\n\nVERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with \"/\". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.",
      examples: `# Check to see if I can create config maps in any namespace
k1s auth can-i create configmaps --all-namespaces

# Check to see if I can list roles in my current namespace
k1s auth can-i list roles.rbac.authorization.k8s.io

# Check to see if service account "foo" of namespace "dev" can list config maps in the namespace "prod"
# You must be allowed to use impersonation for the global option "--as"
k1s auth can-i list configmaps --as=system:serviceaccount:dev:foo -n prod

# Check to see if I can do everything in my current namespace ("*" means all)
k1s auth can-i '*' '*'

# Check to see if I can get the secret named "bar" in namespace "foo"
k1s auth can-i get secrets/bar -n foo

# Check to see if I can update the status of widgets
k1s auth can-i update widgets --subresource=status

# List all allowed actions in namespace "foo"
k1s auth can-i --list --namespace=foo`,
      usage: "VERB [TYPE | TYPE/NAME | NONRESOURCEURL]",
      flags: [
        {
          name: "all-namespaces",
          shorthand: "A",
          type: "bool",
          usage: "If true, check the specified action in all namespaces.",
        },
        { name: "list", type: "bool", usage: "If true, prints all allowed actions." },
        {
          name: "no-headers",
          type: "bool",
          usage: "If true, prints allowed actions without headers",
        },
        {
          name: "quiet",
          shorthand: "q",
          type: "bool",
          usage: "If true, suppress output and just return the exit code.",
        },
        {
          name: "subresource",
          type: "string",
          usage: "SubResource such as pod/log or deployment/scale",
        },
      ],
    },
    {
      // k1s-specific: kubectl has nothing to rotate, the API server's key is its own
      // configuration. Named and worded as kubectl's subcommands are (verb-noun, a summary
      // without a period, examples).
      name: "rotate-key",
      summary: "Replace the token signing key, revoking every token",
      description:
        "Replace the key that signs ServiceAccount tokens, revoking every token issued so far.\n\nThe key is kept in the store (one per tenant, see --tenant). Every token made with 'create token' before the rotation is rejected afterwards; tokens made after it are signed with the new key. Only the store owner may rotate the key: a ServiceAccount token or an impersonated user is forbidden to.\n\nThis command is specific to k1s; kubectl has no equivalent, since an API server's signing keys are part of its own configuration.",
      examples: `# Revoke every ServiceAccount token of the store
k1s auth rotate-key

# Revoke the tokens of one tenant
k1s auth rotate-key --tenant=blue`,
      args: { max: 0 },
    },
    {
      name: "whoami",
      summary: "Experimental: Check self subject attributes",
      description:
        "Experimental: Check who you are and your attributes (groups, extra).\n\n        This command is helpful to get yourself aware of the current user attributes,\n        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,\n        is enabled in the Kubernetes cluster.",
      examples: `# Get your subject attributes
k1s auth whoami

# Get your subject attributes in JSON format
k1s auth whoami -o json`,
      // kubectl's whoami takes no arguments and ignores any it is given.
      flags: [
        ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
        OBJECT_OUTPUT_FLAG,
        SHOW_MANAGED_FIELDS_FLAG,
        TEMPLATE_FLAG,
      ],
    },
  ],
};
