// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The options of `createCli`.
 *
 * @module
 */
import type { Controller, CustomResourceDefinition, ResourceType } from "@k1s/core";
import type { CommandDefinition } from "./command.ts";

/** Options of `createCli`. */
export interface CliOptions {
  /** The tool's name as typed (`k1s`, `inventory`): used in help, usage and messages. */
  name: string;
  /** The tool's version (`version` prints it). */
  version: string;
  /** The root help's description; defaults to `<name> controls resources in an embedded store.` */
  description?: string;
  /** CustomResourceDefinitions compiled into the tool (served without being stored). */
  crds?: CustomResourceDefinition[];
  /** Extra kinds to serve, as resource types. */
  resources?: ResourceType[];
  /** Controllers run after writes and by `reconcile`. */
  controllers?: Controller[];
  /** The store when neither `--store` nor `K1S_STORE` is set (else `~/.k1s/k1s.db`). */
  defaultStore?: string;
  /** The tool's own commands, added to the built-in ones (same name: replaces it). */
  extraCommands?: CommandDefinition[];
}
