// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Kinds to CustomResourceDefinitions (controller-tools `pkg/crd/spec.go` and the CRD markers
 * of `pkg/crd/markers/crd.go`): one CRD per group and kind, one entry per version, versions
 * sorted by name, the only version (or the `+kubebuilder:storageversion` one) stored.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { Marker } from "./_markers.ts";
import { pluralize } from "./_plural.ts";
import type { Crd, CrdVersion, PrinterColumn, Schema } from "./_types.ts";
import type { Diagnostic } from "./generate_error.ts";

/** A kind found in an API package. */
export interface Kind {
  group: string;
  version: string;
  name: string;
  /** `file:` URL of the declaring file. */
  url: string;
  /** 1-based line of the declaration. */
  line: number;
  schema: Schema;
  /** The kind's CRD markers (`+kubebuilder:resource`, `printcolumn`, `subresource`, ...). */
  markers: Marker[];
}

/** A CRD and the kinds (one per version) it was built from. */
export interface BuiltCrd {
  crd: Crd;
  kinds: Kind[];
}

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const COLUMN_TYPES = ["integer", "number", "string", "boolean", "date"];

/** Builds the CRDs of the given kinds; problems go to `diagnostics`. */
export function buildCrds(kinds: Kind[], diagnostics: Diagnostic[]): BuiltCrd[] {
  const byGroupKind = new Map<string, Kind[]>();
  for (const k of kinds) {
    const key = `${k.group}/${k.name}`;
    byGroupKind.set(key, [...(byGroupKind.get(key) ?? []), k]);
  }
  const out: BuiltCrd[] = [];
  for (const key of [...byGroupKind.keys()].sort()) {
    // controller-gen leaves a version marked +kubebuilder:skipversion out of the CRD.
    const versions = byGroupKind.get(key)!
      .filter((k) => !k.markers.some((m) => m.name === "kubebuilder:skipversion"))
      .sort((a, b) => a.version < b.version ? -1 : 1);
    if (versions.length === 0) continue;
    const crd = buildCrd(versions, diagnostics);
    if (crd !== undefined) out.push({ crd, kinds: versions });
  }
  return out;
}

function buildCrd(kinds: Kind[], diagnostics: Diagnostic[]): Crd | undefined {
  const first = kinds[0];
  const report = (m: Marker | Kind, message: string) =>
    diagnostics.push({ file: fileURLToPath(m.url), line: m.line, message });
  let names = {
    plural: pluralize(first.name),
    singular: first.name.toLowerCase(),
    shortNames: undefined as string[] | undefined,
    categories: undefined as string[] | undefined,
    scope: "Namespaced" as "Namespaced" | "Cluster",
  };
  let resourceMarker: Marker | undefined;
  const versions: CrdVersion[] = [];
  const storage: Kind[] = [];
  const metadata: { annotations?: Record<string, string>; labels?: Record<string, string> } = {};
  for (const kind of kinds) {
    const v: CrdVersion = {
      name: kind.version,
      served: true,
      storage: false,
      schema: { openAPIV3Schema: kind.schema },
    };
    for (const m of kind.markers) {
      const a = (m.value ?? {}) as Record<string, unknown>;
      switch (m.name) {
        case "kubebuilder:resource": {
          const next = { ...names };
          if (typeof a.path === "string" && a.path !== "") next.plural = a.path;
          if (typeof a.singular === "string" && a.singular !== "") next.singular = a.singular;
          next.shortNames = a.shortName as string[] | undefined;
          next.categories = a.categories as string[] | undefined;
          const scope = (a.scope as string | undefined) ?? "Namespaced";
          if (scope !== "Namespaced" && scope !== "Cluster") {
            report(
              m,
              `invalid scope ${JSON.stringify(scope)}, valid values are Namespaced, Cluster`,
            );
          } else next.scope = scope;
          if (resourceMarker !== undefined && JSON.stringify(next) !== JSON.stringify(names)) {
            report(
              m,
              `+kubebuilder:resource conflicts with the one of version ${
                resourceVersion(resourceMarker, kinds)
              }`,
            );
          }
          names = next;
          resourceMarker = m;
          break;
        }
        case "kubebuilder:printcolumn": {
          const col: PrinterColumn = {
            name: a.name as string,
            type: a.type as string,
            jsonPath: a.JSONPath as string,
          };
          if (!COLUMN_TYPES.includes(col.type)) {
            report(
              m,
              `invalid printcolumn type ${JSON.stringify(col.type)}, valid values are ${
                COLUMN_TYPES.join(", ")
              }`,
            );
          }
          if (!col.jsonPath.startsWith(".")) {
            report(m, `printcolumn JSONPath ${JSON.stringify(col.jsonPath)} must start with "."`);
          }
          if (col.name === "") report(m, "printcolumn name must not be empty");
          if (typeof a.description === "string" && a.description !== "") {
            col.description = a.description;
          }
          if (typeof a.format === "string" && a.format !== "") col.format = a.format;
          if (typeof a.priority === "number" && a.priority !== 0) {
            if (a.priority < 0) {
              report(m, `printcolumn priority must not be negative, got ${a.priority}`);
            }
            col.priority = a.priority;
          }
          (v.additionalPrinterColumns ??= []).push(col);
          break;
        }
        case "kubebuilder:subresource:status":
          (v.subresources ??= {}).status = {};
          break;
        case "kubebuilder:subresource:scale": {
          const scale: NonNullable<CrdVersion["subresources"]>["scale"] = {
            specReplicasPath: a.specpath as string,
            statusReplicasPath: a.statuspath as string,
          };
          if (!scale.specReplicasPath.startsWith(".spec.")) {
            report(
              m,
              `specpath must start with ".spec.", got ${JSON.stringify(scale.specReplicasPath)}`,
            );
          }
          if (!scale.statusReplicasPath.startsWith(".status.")) {
            report(
              m,
              `statuspath must start with ".status.", got ${
                JSON.stringify(scale.statusReplicasPath)
              }`,
            );
          }
          if (typeof a.selectorpath === "string") {
            if (!/^\.(spec|status)\./.test(a.selectorpath)) {
              report(
                m,
                `selectorpath must start with ".spec." or ".status.", got ${
                  JSON.stringify(a.selectorpath)
                }`,
              );
            }
            scale.labelSelectorPath = a.selectorpath;
          }
          (v.subresources ??= {}).scale = scale;
          break;
        }
        case "kubebuilder:storageversion":
          storage.push(kind);
          break;
        case "kubebuilder:metadata":
          // `key=value` pairs, as controller-gen takes them.
          for (const field of ["annotations", "labels"] as const) {
            for (const pair of (a[field] as string[] | undefined) ?? []) {
              const eq = pair.indexOf("=");
              if (eq <= 0) {
                report(m, `${field} entry ${JSON.stringify(pair)} must be key=value`);
                continue;
              }
              (metadata[field] ??= {})[pair.slice(0, eq)] = pair.slice(eq + 1);
            }
          }
          break;
        case "kubebuilder:unservedversion":
          v.served = false;
          break;
        case "kubebuilder:deprecatedversion":
          v.deprecated = true;
          if (typeof a.warning === "string") v.deprecationWarning = a.warning;
          break;
        case "kubebuilder:selectablefield": {
          const path = a.JSONPath as string;
          if (!path.startsWith(".")) {
            report(m, `selectablefield JSONPath ${JSON.stringify(path)} must start with "."`);
          }
          (v.selectableFields ??= []).push({ jsonPath: path });
          break;
        }
      }
    }
    versions.push(v);
  }
  const at = resourceMarker ?? first;
  for (const [what, value] of [["plural", names.plural], ["singular", names.singular]] as const) {
    if (!DNS_LABEL.test(value)) {
      report(at, `${what} name ${JSON.stringify(value)} must be a lower-case DNS label`);
    }
  }
  for (
    const [what, list] of [["shortName", names.shortNames], ["category", names.categories]] as const
  ) {
    for (const value of list ?? []) {
      if (!DNS_LABEL.test(value)) {
        report(at, `${what} ${JSON.stringify(value)} must be a lower-case DNS label`);
      }
    }
  }
  if (versions.length === 1) versions[0].storage = true;
  else if (storage.length === 1) {
    versions.find((v) => v.name === storage[0].version)!.storage = true;
  } else if (storage.length === 0) {
    report(
      first,
      `CRD for ${first.name}.${first.group} has several versions but none is marked +kubebuilder:storageversion`,
    );
  } else {
    report(
      storage[1],
      `CRD for ${first.name}.${first.group} has more than one +kubebuilder:storageversion`,
    );
  }
  if (!versions.some((v) => v.served)) {
    report(first, `CRD for ${first.name}.${first.group} serves no version`);
  }
  const crdNames: Crd["spec"]["names"] = {
    kind: first.name,
    listKind: `${first.name}List`,
    plural: names.plural,
    singular: names.singular,
  };
  if (names.shortNames !== undefined && names.shortNames.length > 0) {
    crdNames.shortNames = names.shortNames;
  }
  if (names.categories !== undefined && names.categories.length > 0) {
    crdNames.categories = names.categories;
  }
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${names.plural}.${first.group}`, ...metadata },
    spec: { group: first.group, names: crdNames, scope: names.scope, versions },
  };
}

function resourceVersion(m: Marker, kinds: Kind[]): string {
  return kinds.find((k) => k.markers.includes(m))?.version ?? "?";
}
