// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `create` and its generators: spec data (the implementation is ./create.ts). Texts are
 * kubectl 1.32's, with examples on the kinds k1s serves.
 *
 * @module
 */
import type { CommandSpec, FlagSpec } from "../_internal/args/mod.ts";
import {
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  DRY_RUN_FLAG,
  fieldManagerFlag,
  filenameFlag,
  OBJECT_OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
  VALIDATE_FLAG,
} from "../_cli/common_flags.ts";
import { SAVE_CONFIG_FLAG } from "./_write_flags.ts";

/** The flags every generator has (kubectl's print, apply-annotation, validate and dry-run flags). */
const GENERATOR_FLAGS: readonly FlagSpec[] = [
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  DRY_RUN_FLAG,
  fieldManagerFlag("kubectl-create"),
  OBJECT_OUTPUT_FLAG,
  SAVE_CONFIG_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
  VALIDATE_FLAG,
];

const APPEND_HASH_SECRET: FlagSpec = {
  name: "append-hash",
  type: "bool",
  usage: "Append a hash of the secret to its name.",
};

const RULE_FLAGS: readonly FlagSpec[] = [
  { name: "resource", type: "stringSlice", usage: "Resource that the rule applies to" },
  {
    name: "resource-name",
    type: "stringArray",
    usage:
      "Resource in the white list that the rule applies to, repeat this flag for multiple items",
  },
  {
    name: "verb",
    type: "stringSlice",
    usage: "Verb that applies to the resources contained in the rule",
  },
];

const configmap: CommandSpec = {
  name: "configmap",
  aliases: ["cm"],
  summary: "Create a config map from a local file, directory or literal value",
  description:
    "Create a config map based on a file, directory, or specified literal value.\n\nA single config map may package one or more key/value pairs.\n\nWhen creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.\n\nWhen creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).",
  examples: `# Create a new config map named my-config based on folder bar
k1s create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config with specified keys instead of file basenames on disk
k1s create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt

# Create a new config map named my-config with key1=config1 and key2=config2
k1s create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2

# Create a new config map named my-config from the key=value pairs in the file
k1s create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config from an env file
k1s create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
  usage:
    "NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]",
  flags: [
    ...GENERATOR_FLAGS,
    { name: "append-hash", type: "bool", usage: "Append a hash of the configmap to its name." },
    {
      name: "from-env-file",
      type: "stringSlice",
      usage: "Specify the path to a file to read lines of key=val pairs to create a configmap.",
    },
    {
      name: "from-file",
      type: "stringSlice",
      usage:
        "Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.",
    },
    {
      name: "from-literal",
      type: "stringArray",
      usage: "Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)",
    },
  ],
};

const generic: CommandSpec = {
  name: "generic",
  summary: "Create a secret from a local file, directory, or literal value",
  description:
    "Create a secret based on a file, directory, or specified literal value.\n\nA single secret may package one or more key/value pairs.\n\nWhen creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.\n\nWhen creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).",
  examples: `# Create a new secret named my-secret with keys for each file in folder bar
k1s create secret generic my-secret --from-file=path/to/bar

# Create a new secret named my-secret with specified keys instead of names on disk
k1s create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub

# Create a new secret named my-secret with key1=supersecret and key2=topsecret
k1s create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret

# Create a new secret named my-secret using a combination of a file and a literal
k1s create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret

# Create a new secret named my-secret from env files
k1s create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
  usage:
    "NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]",
  flags: [
    ...GENERATOR_FLAGS,
    APPEND_HASH_SECRET,
    {
      name: "from-env-file",
      type: "stringSlice",
      usage: "Specify the path to a file to read lines of key=val pairs to create a secret.",
    },
    {
      name: "from-file",
      type: "stringSlice",
      usage:
        "Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.",
    },
    {
      name: "from-literal",
      type: "stringArray",
      usage: "Specify a key and literal value to insert in secret (i.e. mykey=somevalue)",
    },
    { name: "type", type: "string", usage: "The type of secret to create" },
  ],
};

const tls: CommandSpec = {
  name: "tls",
  summary: "Create a TLS secret",
  description:
    "Create a TLS secret from the given public/private key pair.\n\nThe public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.",
  examples: `# Create a new TLS secret named tls-secret with the given key pair
k1s create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key`,
  usage: "NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none]",
  flags: [
    ...GENERATOR_FLAGS,
    APPEND_HASH_SECRET,
    { name: "cert", type: "string", usage: "Path to PEM encoded public key certificate." },
    {
      name: "key",
      type: "string",
      usage: "Path to private key associated with given certificate.",
    },
  ],
};

// As kubectl's source indents it: one line one tab less than the others, so the others render
// as code blocks around a paragraph.
const DOCKER_REGISTRY_LONG = `
		Create a new secret for use with Docker registries.

		Dockercfg secrets are used to authenticate against Docker registries.

		When using the Docker command line to push images, you can authenticate to a given registry by running:
			'$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.

	That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to
		authenticate to the registry. The email address is optional.

		When creating applications, you may have a Docker registry that requires authentication.  In order for the
		nodes to pull images on your behalf, they must have the credentials.  You can provide this information
		by creating a dockercfg secret and attaching it to your service account.`;

const dockerRegistry: CommandSpec = {
  name: "docker-registry",
  summary: "Create a secret for use with a Docker registry",
  description: DOCKER_REGISTRY_LONG,
  examples: `# If you do not already have a .dockercfg file, create a dockercfg secret directly
k1s create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL

# Create a new secret named my-secret from ~/.docker/config.json
k1s create secret docker-registry my-secret --from-file=path/to/.docker/config.json`,
  usage:
    "NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]",
  flags: [
    ...GENERATOR_FLAGS,
    APPEND_HASH_SECRET,
    { name: "docker-email", type: "string", usage: "Email for Docker registry" },
    {
      name: "docker-password",
      type: "string",
      usage: "Password for Docker registry authentication",
    },
    {
      name: "docker-server",
      type: "string",
      default: "https://index.docker.io/v1/",
      usage: "Server location for Docker registry",
    },
    {
      name: "docker-username",
      type: "string",
      usage: "Username for Docker registry authentication",
    },
    {
      name: "from-file",
      type: "stringSlice",
      usage:
        "Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.",
    },
  ],
};

const secret: CommandSpec = {
  name: "secret",
  summary: "Create a secret using a specified subcommand",
  description:
    "Create a secret with specified type.\n\nA docker-registry type secret is for accessing a container registry.\n\nA generic type secret indicate an Opaque secret type.\n\nA tls type secret holds TLS certificate and its associated key.",
  usage: "(docker-registry | generic | tls)",
  runnable: false,
  commands: [dockerRegistry, generic, tls],
};

const namespace: CommandSpec = {
  name: "namespace",
  aliases: ["ns"],
  summary: "Create a namespace with the specified name",
  description: "Create a namespace with the specified name.",
  examples: `# Create a new namespace named my-namespace
k1s create namespace my-namespace`,
  usage: "NAME [--dry-run=server|client|none]",
  flags: GENERATOR_FLAGS,
};

const serviceaccount: CommandSpec = {
  name: "serviceaccount",
  aliases: ["sa"],
  summary: "Create a service account with the specified name",
  description: "Create a service account with the specified name.",
  examples: `# Create a new service account named my-service-account
k1s create serviceaccount my-service-account`,
  usage: "NAME [--dry-run=server|client|none]",
  flags: GENERATOR_FLAGS,
};

const role: CommandSpec = {
  name: "role",
  summary: "Create a role with single rule",
  description: "Create a role with single rule.",
  examples:
    `# Create a role named "cm-reader" that allows user to perform "get", "watch" and "list" on config maps
k1s create role cm-reader --verb=get --verb=list --verb=watch --resource=configmaps

# Create a role named "cm-reader" with ResourceName specified
k1s create role cm-reader --verb=get --resource=configmaps --resource-name=readablecm --resource-name=anothercm

# Create a role named "foo" with API Group specified
k1s create role foo --verb=get,list,watch --resource=roles.rbac.authorization.k8s.io

# Create a role named "foo" with SubResource specified
k1s create role foo --verb=get,list,watch --resource=configmaps,configmaps/status`,
  usage:
    "NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none]",
  flags: [...GENERATOR_FLAGS, ...RULE_FLAGS],
};

const clusterrole: CommandSpec = {
  name: "clusterrole",
  summary: "Create a cluster role",
  description: "Create a cluster role.",
  examples:
    `# Create a cluster role named "cm-reader" that allows user to perform "get", "watch" and "list" on config maps
k1s create clusterrole cm-reader --verb=get,list,watch --resource=configmaps

# Create a cluster role named "cm-reader" with ResourceName specified
k1s create clusterrole cm-reader --verb=get --resource=configmaps --resource-name=readablecm --resource-name=anothercm

# Create a cluster role named "foo" with API Group specified
k1s create clusterrole foo --verb=get,list,watch --resource=roles.rbac.authorization.k8s.io

# Create a cluster role named "foo" with SubResource specified
k1s create clusterrole foo --verb=get,list,watch --resource=configmaps,configmaps/status

# Create a cluster role name "foo" with NonResourceURL specified
k1s create clusterrole "foo" --verb=get --non-resource-url=/logs/*

# Create a cluster role name "monitoring" with AggregationRule specified
k1s create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"`,
  usage:
    "NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none]",
  flags: [
    ...GENERATOR_FLAGS,
    ...RULE_FLAGS,
    {
      // pflag's mapStringString; k1s parses the `k=v,k2=v2` values itself.
      name: "aggregation-rule",
      type: "stringArray",
      usage: "An aggregation label selector for combining ClusterRoles.",
    },
    {
      name: "non-resource-url",
      type: "stringSlice",
      usage: "A partial url that user should have access to.",
    },
  ],
};

const rolebinding: CommandSpec = {
  name: "rolebinding",
  summary: "Create a role binding for a particular role or cluster role",
  description: "Create a role binding for a particular role or cluster role.",
  examples: `# Create a role binding for user1, user2, and group1 using the admin cluster role
k1s create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1

# Create a role binding for service account monitoring:sa-dev using the admin role
k1s create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev`,
  usage:
    "NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]",
  flags: [
    ...GENERATOR_FLAGS,
    {
      name: "clusterrole",
      type: "string",
      usage: "ClusterRole this RoleBinding should reference",
    },
    {
      name: "group",
      type: "stringArray",
      usage: "Groups to bind to the role. The flag can be repeated to add multiple groups.",
    },
    { name: "role", type: "string", usage: "Role this RoleBinding should reference" },
    {
      name: "serviceaccount",
      type: "stringArray",
      usage:
        "Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.",
    },
    {
      name: "user",
      type: "stringArray",
      usage: "Usernames to bind to the role. The flag can be repeated to add multiple users.",
    },
  ],
};

const clusterrolebinding: CommandSpec = {
  name: "clusterrolebinding",
  summary: "Create a cluster role binding for a particular cluster role",
  description: "Create a cluster role binding for a particular cluster role.",
  examples:
    `# Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
k1s create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1`,
  usage:
    "NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]",
  flags: [
    ...GENERATOR_FLAGS,
    {
      name: "clusterrole",
      type: "string",
      usage: "ClusterRole this ClusterRoleBinding should reference",
    },
    {
      name: "group",
      type: "stringArray",
      usage: "Groups to bind to the clusterrole. The flag can be repeated to add multiple groups.",
    },
    {
      name: "serviceaccount",
      type: "stringArray",
      usage:
        "Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.",
    },
    {
      name: "user",
      type: "stringArray",
      usage:
        "Usernames to bind to the clusterrole. The flag can be repeated to add multiple users.",
    },
  ],
};

const token: CommandSpec = {
  name: "token",
  summary: "Request a service account token",
  description: "Request a service account token.",
  examples:
    `# Request a token to authenticate to the k1s store as the service account "myapp" in the current namespace
k1s create token myapp

# Request a token for a service account in a custom namespace
k1s create token myapp --namespace myns

# Request a token with a custom expiration
k1s create token myapp --duration 10m

# Request a token bound to an instance of a Secret object
k1s create token myapp --bound-object-kind Secret --bound-object-name mysecret

# Request a token bound to an instance of a Secret object with a specific UID
k1s create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc`,
  usage: "SERVICE_ACCOUNT_NAME",
  flags: [
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    {
      name: "audience",
      type: "stringArray",
      usage:
        "Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.",
    },
    {
      name: "bound-object-kind",
      type: "string",
      usage:
        "Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.",
    },
    {
      name: "bound-object-name",
      type: "string",
      usage:
        "Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.",
    },
    {
      name: "bound-object-uid",
      type: "string",
      usage:
        "UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.",
    },
    {
      name: "duration",
      type: "duration",
      usage:
        "Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.",
    },
    OBJECT_OUTPUT_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
  ],
};

/** The `create` command. */
export const createSpec: CommandSpec = {
  name: "create",
  summary: "Create a resource from a file or from stdin",
  group: "Basic Commands (Beginner):",
  description:
    "Create a resource from a file or from stdin.\n\nJSON and YAML formats are accepted.",
  examples: `# Create a config map using the data in cm.json
k1s create -f ./cm.json

# Create a config map based on the JSON passed into stdin
cat cm.json | k1s create -f -

# Edit the data in cm.yaml in JSON then create the resource using the edited data
k1s create -f cm.yaml --edit -o json

# Create every object in the manifests of a directory and its subdirectories
k1s create -f ./manifests/ -R`,
  usage: "-f FILENAME",
  flags: [
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    DRY_RUN_FLAG,
    { name: "edit", type: "bool", usage: "Edit the API resource before creating" },
    fieldManagerFlag("kubectl-create"),
    filenameFlag("Filename, directory, or URL to files to use to create the resource"),
    OBJECT_OUTPUT_FLAG,
    RECURSIVE_FLAG,
    SAVE_CONFIG_FLAG,
    SELECTOR_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
    VALIDATE_FLAG,
    {
      name: "windows-line-endings",
      type: "bool",
      usage: "Only relevant if --edit=true. Defaults to the line ending native to your platform.",
    },
  ],
  commands: [
    clusterrole,
    clusterrolebinding,
    configmap,
    namespace,
    role,
    rolebinding,
    secret,
    serviceaccount,
    token,
  ],
};
