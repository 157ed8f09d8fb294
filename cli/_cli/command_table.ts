// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in commands: spec data (small, loaded on every run) and lazy imports of their
 * implementations. The order is the order of kubectl's root help within each group.
 *
 * @module
 */
import type { CommandDefinition } from "./command.ts";
import { createSpec } from "../commands/create_spec.ts";
import { explainSpec } from "../commands/explain_spec.ts";
import { getSpec } from "../commands/get_spec.ts";
import { editSpec } from "../commands/edit_spec.ts";
import { deleteSpec } from "../commands/delete_spec.ts";
import { scaleSpec } from "../commands/scale_spec.ts";
import { describeSpec } from "../commands/describe_spec.ts";
import { authSpec } from "../commands/auth_spec.ts";
import { eventsSpec } from "../commands/events_spec.ts";
import { diffSpec } from "../commands/diff_spec.ts";
import { applySpec } from "../commands/apply_spec.ts";
import { patchSpec } from "../commands/patch_spec.ts";
import { replaceSpec } from "../commands/replace_spec.ts";
import { waitSpec } from "../commands/wait_spec.ts";
import { reconcileSpec } from "../commands/reconcile_spec.ts";
import { labelSpec } from "../commands/label_spec.ts";
import { annotateSpec } from "../commands/annotate_spec.ts";
import { completionSpec } from "../commands/completion_spec.ts";
import { apiResourcesSpec } from "../commands/api_resources_spec.ts";
import { apiVersionsSpec } from "../commands/api_versions_spec.ts";
import { versionSpec } from "../commands/version_spec.ts";
import { helpSpec, optionsSpec } from "../commands/options_spec.ts";

/**
 * The built-in commands.
 *
 * @returns A fresh list (callers may replace or add entries).
 */
export function builtinCommands(): CommandDefinition[] {
  return [
    { spec: createSpec, load: () => import("../commands/create.ts") },
    { spec: explainSpec, load: () => import("../commands/explain.ts") },
    { spec: getSpec, load: () => import("../commands/get.ts") },
    { spec: editSpec, load: () => import("../commands/edit.ts") },
    { spec: deleteSpec, load: () => import("../commands/delete.ts") },
    { spec: scaleSpec, load: () => import("../commands/scale.ts") },
    { spec: describeSpec, load: () => import("../commands/describe.ts") },
    { spec: authSpec, load: () => import("../commands/auth.ts") },
    { spec: eventsSpec, load: () => import("../commands/events.ts") },
    { spec: diffSpec, load: () => import("../commands/diff.ts") },
    { spec: applySpec, load: () => import("../commands/apply.ts") },
    { spec: patchSpec, load: () => import("../commands/patch.ts") },
    { spec: replaceSpec, load: () => import("../commands/replace.ts") },
    { spec: waitSpec, load: () => import("../commands/wait.ts") },
    { spec: reconcileSpec, load: () => import("../commands/reconcile.ts") },
    { spec: labelSpec, load: () => import("../commands/label.ts") },
    { spec: annotateSpec, load: () => import("../commands/annotate.ts") },
    { spec: completionSpec, store: false, load: () => import("../commands/completion.ts") },
    { spec: apiResourcesSpec, load: () => import("../commands/api_resources.ts") },
    { spec: apiVersionsSpec, load: () => import("../commands/api_versions.ts") },
    { spec: versionSpec, store: false, load: () => import("../commands/version.ts") },
    { spec: optionsSpec, store: false, load: () => import("../commands/options.ts") },
    { spec: helpSpec, store: false, load: () => import("../commands/options.ts") },
  ];
}
