// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The options of `createCli`.
 *
 * @module
 */
import type {
  AdmissionPlugin,
  Controller,
  CustomResourceDefinition,
  ResourceType,
} from "@k1s/core";
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
  /**
   * Admission plugins every write of every command goes through (the runtime's `admission`
   * option): `mutate` changes the object; `validate` rejects it by returning a reason
   * (`Error from server (Forbidden): ... is forbidden: admission plugin "<name>" denied the
   * request: <reason>`) or field errors (`The Item "x" is invalid: ...`).
   *
   * @example
   * ```ts ignore
   * import { createCli } from "@k1s/cli";
   * await createCli({
   *   name: "inventory",
   *   version: "1.0.0",
   *   admission: [{
   *     name: "no-free-items",
   *     kinds: ["examples.k1s.dtomasi.github.io/Item"],
   *     operations: ["CREATE", "UPDATE"],
   *     validate: ({ object }) =>
   *       (object.spec as { price?: number }).price ? undefined : "items need a price",
   *   }],
   * }).main();
   * ```
   */
  admission?: AdmissionPlugin[];
  /**
   * The store when neither `--store` nor `<envPrefix>_STORE` is set (else
   * `$<envPrefix>_HOME/<name>.db`, then `~/.<name>/<name>.db`).
   */
  defaultStore?: string;
  /**
   * The prefix of the environment variables the tool reads: `<prefix>_STORE`, `_HOME`,
   * `_TOKEN`, `_TENANT` and `_AUDIT_LOG`. A tool that sets its own (`INVENTORY`) is not pointed
   * at another store by a `K1S_STORE` its users export for `k1s`. @default {"K1S"}
   */
  envPrefix?: string;
  /** The tool's own commands, added to the built-in ones (same name: replaces it). */
  extraCommands?: CommandDefinition[];
}
