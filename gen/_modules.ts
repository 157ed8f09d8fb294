// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The generated TypeScript modules: one per API package (group/version) and a `mod.ts`.
 *
 * @module
 */
import { relative, sep } from "node:path";
import { sortKeys, tsBanner, tsLiteral, tsString } from "./_emit.ts";
import type { Crd } from "./_types.ts";

/** What the generated module of one API package holds. */
export interface PackageModule {
  /** File name without `.ts`, e.g. `v1alpha1`. */
  name: string;
  group: string;
  version: string;
  /** Absolute path of the package directory. */
  dir: string;
  /** Absolute paths of the package's files that export something (re-exported as types). */
  files: string[];
  /** Kind names, sorted. */
  kinds: string[];
  /** The CRDs of the package's kinds (each with all its versions), sorted by name. */
  crds: Crd[];
}

const CORE_IMPORT = `import {
  type CustomResourceDefinition,
  installCustomResourceDefinitions,
  type Runtime,
} from "@k1s/core";
`;

function importPath(fromDir: string, file: string): string {
  const rel = relative(fromDir, file).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

function registerFunction(): string {
  return `
/**
 * Installs {@linkcode crds} into a runtime, which then serves their kinds.
 *
 * @param rt The runtime.
 */
export function register(rt: Runtime): void {
  installCustomResourceDefinitions(rt, crds);
}

/** What \`createCli\` needs: \`createCli({ name, version, crds: cliResources.crds })\`. */
export const cliResources: { readonly crds: CustomResourceDefinition[] } = { crds };
`;
}

/** The module of one API package. */
export function renderPackageModule(p: PackageModule, outDir: string, header?: string): string {
  const apiVersion = `${p.group}/${p.version}`;
  let out = tsBanner(header);
  out += `
/**
 * Types, GVKs and CRDs of \`${apiVersion}\`, generated from
 * \`${importPath(outDir, p.dir)}\`.
 *
 * @module
 */
${CORE_IMPORT}
`;
  for (const f of p.files) out += `export type * from ${tsString(importPath(outDir, f))};\n`;
  out += `
/** The API group. */
export const group = ${tsString(p.group)};

/** The API version. */
export const version = ${tsString(p.version)};

/** The \`apiVersion\` of the kinds of this package. */
export const apiVersion = ${tsString(apiVersion)};
`;
  for (const kind of p.kinds) {
    out += `
/** Group, version, kind and \`apiVersion\` of \`${kind}\`. */
export const ${kind}GVK = ${
      tsLiteral({ group: p.group, version: p.version, kind, apiVersion })
    } as const;
`;
  }
  out += `
/** The CustomResourceDefinitions of the kinds of this package. */
export const crds: CustomResourceDefinition[] = ${tsLiteral(sortKeys(p.crds))};
`;
  return out + registerFunction();
}

/** `mod.ts`: the single package's module, or all packages as namespaces with every CRD once. */
export function renderMod(packages: PackageModule[], header?: string): string {
  let out = tsBanner(header);
  if (packages.length === 1) {
    const p = packages[0];
    return out + `
/**
 * The generated API of \`${p.group}/${p.version}\`: types, GVKs, CRDs, \`register\` and
 * \`cliResources\`.
 *
 * @module
 */
export * from ${tsString(`./${p.name}.ts`)};
`;
  }
  out += `
/**
 * The generated APIs, one namespace per package, with every CRD once in \`crds\`.
 *
 * @module
 */
${CORE_IMPORT}`;
  for (const p of packages) out += `import * as ${p.name} from ${tsString(`./${p.name}.ts`)};\n`;
  out += `\nexport { ${packages.map((p) => p.name).join(", ")} };\n`;
  const seen = new Set<string>();
  const refs: string[] = [];
  for (const p of packages) {
    p.crds.forEach((crd, i) => {
      if (seen.has(crd.metadata.name)) return;
      seen.add(crd.metadata.name);
      refs.push(`${p.name}.crds[${i}]`);
    });
  }
  out += `
/** Every CustomResourceDefinition, once. */
export const crds: CustomResourceDefinition[] = [
${refs.map((r) => `  ${r},\n`).join("")}];
`;
  return out + registerFunction();
}
