// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Describers for the core kinds k1s serves: ConfigMap, Secret, Namespace, ServiceAccount
 * (kubectl's `describeConfigMap`, `describeSecret`, `describeNamespace`,
 * `describeServiceAccount`). Map keys print sorted (kubectl prints ConfigMap keys in Go's
 * random map order).
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import { describeEvents } from "./events.ts";
import { printAnnotationsMultiline, printLabelsMultiline, tabbedString } from "./prefix_writer.ts";
import { base64Length, base64Text, list, rec, rfc1123z, str } from "./_util.ts";

/** What a describer needs besides the object. */
export interface DescribeOptions {
  /** The clock for ages. */
  now: Date;
  /** Events involving the object; omit (or `null`) to leave the Events section out. */
  events?: readonly KubeObject[] | null;
}

/**
 * Describes a ConfigMap: metadata, `Data` (each key, `----`, the value), `BinaryData`
 * (sizes), events.
 *
 * @param cm The ConfigMap.
 * @param options Clock and events.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeConfigMap } from "./describe_core.ts";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "foo", namespace: "default" }, data: { k: "v" } };
 * assertEquals(
 *   describeConfigMap(cm, { now: new Date(), events: [] }),
 *   "Name:         foo\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nk:\n----\nv\n\n\nBinaryData\n====\n\nEvents:  <none>\n",
 * );
 * ```
 */
export function describeConfigMap(cm: KubeObject, options: DescribeOptions): string {
  return tabbedString((w) => {
    w.write(0, `Name:\t${cm.metadata.name ?? ""}\n`);
    w.write(0, `Namespace:\t${cm.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", cm.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
    w.write(0, "\nData\n====\n");
    const data = rec(cm.data);
    for (const k of Object.keys(data).sort()) {
      w.write(0, `${k}:\n----\n`);
      w.write(0, `${str(data[k])}\n`);
      w.write(0, "\n");
    }
    w.write(0, "\nBinaryData\n====\n");
    const bin = rec(cm.binaryData);
    for (const k of Object.keys(bin).sort()) w.write(0, `${k}: ${base64Length(bin[k])} bytes\n`);
    w.write(0, "\n");
    if (options.events) describeEvents(options.events, w, options.now);
  });
}

/**
 * Describes a Secret: metadata, `Type:`, and `Data` with sizes only (a service account
 * token's `token` is shown, as kubectl does).
 *
 * @param secret The Secret.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeSecret } from "./describe_core.ts";
 * const s = { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default" }, type: "Opaque", data: { user: "YWRtaW4=" } };
 * assertEquals(
 *   describeSecret(s),
 *   "Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\nuser:  5 bytes\n",
 * );
 * ```
 */
export function describeSecret(secret: KubeObject): string {
  return tabbedString((w) => {
    w.write(0, `Name:\t${secret.metadata.name ?? ""}\n`);
    w.write(0, `Namespace:\t${secret.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", secret.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", secret.metadata.annotations);
    w.write(0, `\nType:\t${str(secret.type)}\n`);
    w.write(0, "\nData\n====\n");
    const data = rec(secret.data);
    for (const k of Object.keys(data).sort()) {
      if (k === "token" && secret.type === "kubernetes.io/service-account-token") {
        w.write(0, `${k}:\t${base64Text(data[k])}\n`);
      } else {
        w.write(0, `${k}:\t${base64Length(data[k])} bytes\n`);
      }
    }
  });
}

/**
 * Describes a Namespace: name, labels, annotations, status, conditions, and (when given)
 * resource quotas and limit ranges; k1s serves neither, so they are left out by default.
 *
 * @param ns The Namespace.
 * @param options `resourceQuotas`/`limitRanges`: pass empty lists to print kubectl's
 *   `No resource quota.` and `No LimitRange resource.` lines.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeNamespace } from "./describe_core.ts";
 * const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" }, status: { phase: "Active" } };
 * assertEquals(describeNamespace(ns), "Name:         dev\nLabels:       <none>\nAnnotations:  <none>\nStatus:       Active\n");
 * ```
 */
export function describeNamespace(
  ns: KubeObject,
  options: { resourceQuotas?: readonly unknown[] | null; limitRanges?: readonly unknown[] | null } =
    {},
): string {
  return tabbedString((w) => {
    w.write(0, `Name:\t${ns.metadata.name ?? ""}\n`);
    printLabelsMultiline(w, "Labels", ns.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
    const status = rec(ns.status);
    w.write(0, `Status:\t${str(status.phase)}\n`);
    const conditions = list(status.conditions).map(rec);
    if (conditions.length > 0) {
      w.write(0, "Conditions:\n");
      w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
      w.write(1, "----\t------\t------------------\t------\t-------\n");
      for (const c of conditions) {
        w.write(
          1,
          `${str(c.type)}\t${str(c.status)}\t${rfc1123z(c.lastTransitionTime)}\t${str(c.reason)}\t${
            str(c.message)
          }\n`,
        );
      }
    }
    if (options.resourceQuotas) {
      w.write(0, "\n");
      if (options.resourceQuotas.length === 0) w.write(0, "No resource quota.\n");
    }
    if (options.limitRanges) {
      w.write(0, "\n");
      if (options.limitRanges.length === 0) w.write(0, "No LimitRange resource.\n");
    }
  });
}

/**
 * Describes a ServiceAccount: image pull, mountable and token secrets, `(not found)` for
 * references to secrets that do not exist, and events.
 *
 * @param sa The ServiceAccount.
 * @param options Clock, events, and the namespace's secrets (to find tokens and missing ones;
 *   omit when they could not be listed).
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeServiceAccount } from "./describe_core.ts";
 * const sa = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "dev" } };
 * assertEquals(
 *   describeServiceAccount(sa, { now: new Date(), events: [], secrets: [] }),
 *   "Name:                default\nNamespace:           dev\nLabels:              <none>\nAnnotations:         <none>\n" +
 *     "Image pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n",
 * );
 * ```
 */
export function describeServiceAccount(
  sa: KubeObject,
  options: DescribeOptions & { secrets?: readonly KubeObject[] },
): string {
  const tokens: string[] = [];
  const missing = new Set<string>();
  if (options.secrets) {
    const existing = new Set<string>();
    for (const s of options.secrets) {
      const ann = s.metadata.annotations ?? {};
      if (
        s.type === "kubernetes.io/service-account-token" &&
        ann["kubernetes.io/service-account.name"] === sa.metadata.name &&
        ann["kubernetes.io/service-account.uid"] === (sa.metadata.uid ?? "")
      ) tokens.push(s.metadata.name ?? "");
      existing.add(s.metadata.name ?? "");
    }
    for (const ref of [...list(sa.secrets), ...list(sa.imagePullSecrets)]) {
      const name = str(rec(ref).name);
      if (!existing.has(name)) missing.add(name);
    }
  }
  return tabbedString((w) => {
    w.write(0, `Name:\t${sa.metadata.name ?? ""}\n`);
    w.write(0, `Namespace:\t${sa.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", sa.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", sa.metadata.annotations);
    const empty = "                   ";
    const sections: [string, string[]][] = [
      ["Image pull secrets:", list(sa.imagePullSecrets).map((r) => str(rec(r).name))],
      ["Mountable secrets: ", list(sa.secrets).map((r) => str(rec(r).name))],
      ["Tokens:            ", tokens],
    ];
    for (const [header, names] of sections) {
      if (names.length === 0) {
        w.write(0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const name of names) {
        w.write(0, `${prefix}\t${name}${missing.has(name) ? " (not found)" : ""}\n`);
        prefix = empty;
      }
    }
    if (options.events) describeEvents(options.events, w, options.now);
  });
}
