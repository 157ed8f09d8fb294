// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `@k1s/gen`: the k1s code generator. It reads TypeScript modules that declare kinds as
 * interfaces with kubebuilder markers in their JSDoc and writes, like controller-gen,
 * a `<group>_<plural>.yaml` CRD manifest per kind, plus a TypeScript module per group/version
 * with the types, `<Kind>GVK` constants, the CRDs as literals, `register(rt)` and
 * `cliResources`.
 *
 * Command line (`--check` fails with the list of stale files instead of writing):
 *
 * ```sh
 * deno run -A jsr:@k1s/gen/main --input api --output generated [--check] [--header TEXT]
 * ```
 *
 * An API package is a directory whose modules carry `+groupName=` (and optionally
 * `+versionName=`, else the directory name is the version) in a `@module` JSDoc:
 *
 * ```ts ignore
 * /**
 *  * +groupName=example.com
 *  * @module
 *  *\/
 * import type { ObjectMeta } from "@k1s/core";
 * import type { int32 } from "@k1s/gen/types";
 *
 * /** WidgetSpec is the desired state of a Widget. *\/
 * export interface WidgetSpec {
 *   /**
 *    * Number of replicas.
 *    * +kubebuilder:validation:Minimum=1
 *    * +kubebuilder:default=1
 *    *\/
 *   replicas?: int32;
 *   color: "red" | "green";
 * }
 *
 * /**
 *  * Widget is a widget.
 *  * +kubebuilder:object:root=true
 *  * +kubebuilder:subresource:status
 *  * +kubebuilder:printcolumn:name="Color",type=string,JSONPath=`.spec.color`
 *  *\/
 * export interface Widget {
 *   apiVersion: "example.com/v1";
 *   kind: "Widget";
 *   metadata: ObjectMeta;
 *   spec: WidgetSpec;
 * }
 * ```
 *
 * Conventions:
 *
 * - **Packages**: a directory below `--input` is one group/version when a `@module` JSDoc in it
 *   has `+groupName=`. The version is `+versionName=`, else the directory name if it looks like
 *   `v1`, `v1alpha1` or `v2beta3`. Directories without `+groupName` may hold shared types.
 * - **Kinds**: exported interfaces marked `+kubebuilder:object:root=true` with `apiVersion`,
 *   `kind` (strings, or the exact literals) and `metadata: ObjectMeta` (`extends TypeMeta` also
 *   works). Root interfaces named `...List` with `items` are lists and skipped.
 * - **Markers** sit on their own lines in the JSDoc (or `//` lines) in front of a declaration,
 *   as in Go; other JSDoc text, up to the first tag, is the `description`. Supported: every
 *   `+kubebuilder:validation:*` marker (also as `validation:items:*`), `pruning:PreserveUnknownFields`,
 *   `default`, `example`, `+default`, `+optional`, `+required`, `+nullable`, `+listType`,
 *   `+listMapKey`, `+mapType`, `+structType`, and on kinds `resource`, `printcolumn`,
 *   `subresource:status`, `subresource:scale`, `storageversion`, `unservedversion`,
 *   `deprecatedversion`, `selectablefield`. Anything else is an error.
 * - **Types**: `string`, `boolean`; `number` is `type: number` (a float) unless it is an `int32`
 *   or `int64` from this package (`type: integer` with that format), or a marker says
 *   `Type=integer` or `Format=int32|int64`; `IntOrString`; `DateTime` (`format: date-time`);
 *   literal unions are `enum`s; `T | null` is `nullable`; `T[]`/`Array<T>` are arrays;
 *   `Record<string, T>` and `{ [k: string]: T }` are maps (`unknown` values: unknown fields are
 *   kept); `unknown` is any JSON; interfaces, aliases and type literals are inlined.
 * - **Required**: properties without `?` (and not `| undefined`), unless `+optional`;
 *   `+kubebuilder:validation:Optional` in the `@module` JSDoc makes every field optional unless
 *   marked `+required`.
 * - **Checked as the API server would**: every CRD built goes through `@k1s/core`'s
 *   `validateCustomResourceDefinition` (after the API server's defaulting), so CEL rules and
 *   message expressions are compiled and their estimated cost is held to Kubernetes' budget;
 *   generated code installs its CRDs without checking their schemas again. Each error is
 *   reported as `<file>:<line>: <Kubernetes' field error>`, at the XValidation marker of the
 *   rule, else the marker that set the offending keyword, else the field, else the kind.
 *
 * @module
 */
export { generate, type GeneratedFile, type GenerateOptions } from "./generate.ts";
export { type Diagnostic, formatDiagnostic, GenerateError } from "./generate_error.ts";
export { writeGenerated, type WriteResult } from "./write_generated.ts";
export { checkGenerated, type StaleFile } from "./check_generated.ts";
export type { DateTime, int32, int64, IntOrString } from "./types.ts";
