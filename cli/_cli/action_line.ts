// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * kubectl's action lines (`configmap/app created`, `configmap/app created (dry run)`): what a
 * write command prints without `-o`. Apart from the other printers, which a write command loads
 * only when `-o` asks for one of them.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import type { DryRun } from "./command.ts";
import { formatName } from "../_internal/printers/format_name.ts";

// The suffix kubectl adds to action lines for a dry run.
function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
}

/**
 * The action line of an object: its `-o name` line, followed by the operation and the dry-run
 * suffix when there is an operation.
 *
 * @param obj The object.
 * @param operation The past-tense action (`created`, `configured`, ...), if any.
 * @param dryRun The dry-run mode.
 * @returns The line, ending in a newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { actionLine } from "./action_line.ts";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app" } };
 * assertEquals(actionLine(cm, "created", "client"), "configmap/app created (dry run)\n");
 * assertEquals(actionLine(cm, "created", "server"), "configmap/app created (server dry run)\n");
 * assertEquals(actionLine(cm, undefined, "client"), "configmap/app\n");
 * ```
 */
export function actionLine(obj: KubeObject, operation: string | undefined, dryRun: DryRun): string {
  return formatName(obj, operation ? { operation: operation + dryRunSuffix(dryRun) } : {});
}
