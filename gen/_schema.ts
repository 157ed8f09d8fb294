// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * TypeScript types to CRD schemas, the way controller-tools maps Go types (`pkg/crd/schema.go`,
 * `flatten.go`): named types are inlined; a field's description is its own doc, else its
 * type's; type markers apply first and field markers on top (field CEL rules come first);
 * `required` lists are sorted.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type Marker, MarkerError, type MarkerTarget, parseMarker } from "./_markers.ts";
import {
  type CommentLine,
  descriptionOf,
  type DocDeclaration,
  type DocLocation,
  type DocProperty,
  type SourceIndex,
  type TsType,
} from "./_source.ts";
import type { Diagnostic } from "./generate_error.ts";
import type { Rule, Schema } from "./_types.ts";

/** A declaration and the module it was found in. */
export interface Decl {
  name: string;
  url: string;
  decl: DocDeclaration;
}

/** Standard descriptions of the `TypeMeta` fields, as controller-gen writes them. */
export const API_VERSION_DESCRIPTION: string = [
  "APIVersion defines the versioned schema of this representation of an object.",
  "Servers should convert recognized schemas to the latest internal value, and",
  "may reject unrecognized values.",
  "More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
].join("\n");

/** See {@linkcode API_VERSION_DESCRIPTION}. */
export const KIND_DESCRIPTION: string = [
  "Kind is a string value representing the REST resource this object represents.",
  "Servers may infer this from the endpoint the client submits requests to.",
  "Cannot be updated.",
  "In CamelCase.",
  "More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
].join("\n");

const SCALARS: Record<string, Schema> = {
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
  IntOrString: {
    anyOf: [{ type: "integer" }, { type: "string" }],
    "x-kubernetes-int-or-string": true,
  },
  DateTime: { type: "string", format: "date-time" },
};

const META_TYPES = new Set(["ObjectMeta", "ListMeta", "TypeMeta"]);

/** Global types that exist but have no CRD schema (anything else unresolved is unknown). */
const GLOBAL_TYPES = new Set([
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "Promise",
  "Function",
  "Object",
  "String",
  "Number",
  "Boolean",
  "BigInt",
  "Symbol",
  "RegExp",
  "Error",
  "ArrayBuffer",
  "Uint8Array",
  "Partial",
  "Required",
  "Readonly",
  "Pick",
  "Omit",
  "Exclude",
  "Extract",
  "NonNullable",
  "ReturnType",
  "Awaited",
]);

/** Where a schema node or CEL rule was written: a field's declaration or a marker. */
export interface Origin {
  /** `file:` URL of the file. */
  url: string;
  /** 1-based line. */
  line: number;
}

// Kept beside the schemas rather than in them, so that nothing leaks into the output; the
// CRD check after generation reads them to report the API server's errors at their source.
const origins = new WeakMap<object, Origin>();
const keyOrigins = new WeakMap<object, Map<string, Origin>>();

/**
 * Where a schema node (a field's) or a rule (its XValidation marker) came from, or with `key`,
 * the marker that set that keyword of the node.
 *
 * @param node A schema node or an `x-kubernetes-validations` entry the builder made.
 * @param key A keyword of the node, e.g. `pattern`.
 * @returns The origin, or `undefined` when not known (types, items, the kind's root).
 */
export function originOf(node: object, key?: string): Origin | undefined {
  return key === undefined ? origins.get(node) : keyOrigins.get(node)?.get(key);
}

/** A deep copy of JSON data that keeps the origins of its objects (structuredClone drops them). */
function cloneWithOrigins<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  const out = (Array.isArray(value) ? value.map(cloneWithOrigins) : Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, cloneWithOrigins(v)]),
  )) as T & object;
  const origin = origins.get(value);
  if (origin !== undefined) origins.set(out, origin);
  const keys = keyOrigins.get(value);
  if (keys !== undefined) keyOrigins.set(out, new Map(keys));
  return out;
}

type Resolved =
  | { kind: "decl"; decl: Decl }
  | { kind: "scalar"; name: string }
  | { kind: "meta"; name: string }
  | { kind: "pending" }
  | { kind: "error"; message: string };

/** Options of {@linkcode SchemaBuilder}. */
export interface SchemaBuilderOptions {
  /** Whether a module URL is one of `@k1s/gen`'s own (its scalar types). */
  isGenModule(url: string): boolean;
  /** Whether a module URL is one of the input files. */
  isInputFile(url: string): boolean;
  /** Whether fields without `?` are optional in the package of a file. */
  optionalByDefault(url: string): boolean;
}

/** A kind's root schema and its CRD markers. */
export interface KindSchema {
  schema: Schema;
  markers: Marker[];
}

interface Prop {
  prop: DocProperty;
  url: string;
}

/**
 * Builds schemas from loaded modules. Modules it needs but that are not loaded yet are
 * collected in {@linkcode SchemaBuilder.pending}; the caller loads them and starts over.
 */
export class SchemaBuilder {
  readonly pending: Set<string> = new Set();
  readonly diagnostics: Diagnostic[] = [];
  readonly #index: SourceIndex;
  readonly #options: SchemaBuilderOptions;
  readonly #cache = new Map<string, Schema>();
  readonly #stack = new Set<string>();
  readonly #reported = new Set<string>();

  constructor(index: SourceIndex, options: SchemaBuilderOptions) {
    this.#index = index;
    this.#options = options;
  }

  /** Records a problem at a location. */
  error(
    loc: DocLocation | { filename: string; line: number },
    message: string,
    exactLine = false,
  ): void {
    const file = fileURLToPath(loc.filename);
    const line = exactLine ? loc.line : loc.line + 1;
    const key = `${file}:${line}:${message}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.diagnostics.push({ file, line, message });
  }

  /** Parses the marker lines in front of a declaration, checking where they may appear. */
  markers(url: string, lines: CommentLine[], target: MarkerTarget, isKind = false): Marker[] {
    const out: Marker[] = [];
    for (const l of lines) {
      const at = { filename: url, line: l.line };
      try {
        const { def, value } = parseMarker(l.text);
        const raw = l.text.trim();
        if (!def.targets.includes(target)) {
          const where = target === "package" ? "in a @module JSDoc" : `on a ${target}`;
          this.error(at, `marker "+${def.name}" is not allowed ${where}`, true);
        } else if (def.kindOnly && !isKind) {
          this.error(
            at,
            `marker "+${def.name}" is only allowed on a kind (+kubebuilder:object:root=true)`,
            true,
          );
        } else {
          out.push({ name: def.name, value, raw, url, line: l.line });
        }
      } catch (e) {
        if (!(e instanceof MarkerError)) throw e;
        this.error(at, e.message, true);
      }
    }
    return out;
  }

  /** The root schema of a kind (an interface with `+kubebuilder:object:root=true`). */
  kindSchema(kind: Decl, groupVersion: string, markers: Marker[], description: string): KindSchema {
    const { decl } = kind;
    const props = this.#interfaceProps(kind, true);
    const byName = new Map(props.map((p) => [p.prop.name, p]));
    for (const required of ["apiVersion", "kind", "metadata"]) {
      if (!byName.has(required)) {
        this.error(decl.location, `kind "${kind.name}" has no "${required}" property`);
      }
    }
    this.#checkTypeMetaField(byName.get("apiVersion"), groupVersion, "apiVersion");
    this.#checkTypeMetaField(byName.get("kind"), kind.name, "kind");
    for (const name of ["apiVersion", "kind", "metadata"]) {
      const p = byName.get(name);
      // Properties that come from `extends TypeMeta` have no comments of their own.
      if (p === undefined || p.prop.location === decl.location) continue;
      const lines = this.#index.leadingComments(p.prop.location).markers;
      if (lines.length > 0) {
        this.error(
          { filename: p.prop.location.filename, line: lines[0].line },
          `markers are not allowed on ${name}`,
          true,
        );
      }
    }
    const meta = byName.get("metadata");
    if (meta !== undefined) {
      const t = meta.prop.tsType;
      const r = t?.kind === "typeRef" ? this.#resolve(t, meta.url) : undefined;
      const isObjectMeta = (r?.kind === "meta" && r.name === "ObjectMeta") ||
        (r?.kind === "decl" && r.decl.name === "ObjectMeta");
      if (r?.kind !== "pending" && !isObjectMeta) {
        this.error(
          meta.prop.location,
          `"metadata" of kind "${kind.name}" must be ObjectMeta from @k1s/core`,
        );
      }
    }
    const schema: Schema = {
      type: "object",
      properties: {
        apiVersion: { description: API_VERSION_DESCRIPTION, type: "string" },
        kind: { description: KIND_DESCRIPTION, type: "string" },
        metadata: { type: "object" },
      },
    };
    if (description !== "") schema.description = description;
    const rest = props.filter((p) => !["apiVersion", "kind", "metadata"].includes(p.prop.name));
    this.#fillObject(schema, rest);
    this.#apply(schema, markers.filter((m) => !isCrdMarker(m.name)), "type");
    return { schema, markers: markers.filter((m) => isCrdMarker(m.name)) };
  }

  #checkTypeMetaField(p: Prop | undefined, expected: string, field: string): void {
    if (p === undefined) return;
    const t = p.prop.tsType;
    if (t?.kind === "keyword" && t.value === "string") return;
    if (t?.kind === "literal" && t.value?.kind === "string") {
      if (t.value.string !== expected) {
        this.error(p.prop.location, `"${field}" is "${t.value.string}" but must be "${expected}"`);
      }
      return;
    }
    this.error(p.prop.location, `"${field}" must be a string or the literal "${expected}"`);
  }

  /** The schema of a named type (interface or type alias), with its markers and description. */
  declSchema(d: Decl): Schema {
    const key = `${d.decl.location.filename}#${d.name}#${d.decl.location.byteIndex}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cloneWithOrigins(cached);
    if (this.#stack.has(key)) {
      this.error(
        d.decl.location,
        `type "${d.name}" is recursive, which a CRD schema cannot express`,
      );
      return {};
    }
    this.#stack.add(key);
    try {
      const comments = this.#index.leadingComments(d.decl.location);
      const markers = this.markers(
        d.decl.location.filename,
        comments.markers,
        "type",
        hasRootMarker(comments.markers),
      );
      const root = markers.find((m) => m.name === "kubebuilder:object:root");
      if (root !== undefined && d.decl.kind !== "interface") {
        this.error(
          { filename: d.decl.location.filename, line: root.line },
          "+kubebuilder:object:root must be on an interface",
          true,
        );
      }
      let schema: Schema;
      const def = d.decl.def;
      if ((def?.typeParams?.length ?? 0) > 0) {
        this.error(d.decl.location, `generic type "${d.name}" is not supported`);
        schema = {};
      } else if (d.decl.kind === "interface") {
        schema = { type: "object" };
        this.#fillObject(schema, this.#interfaceProps(d, false));
        this.#indexSignatures(schema, def, d.url, d.decl.location);
      } else if (d.decl.kind === "typeAlias") {
        schema = this.typeSchema(def.tsType, d.url, d.decl.location);
      } else if (d.decl.kind === "enum") {
        this.error(
          d.decl.location,
          `enum "${d.name}" is not supported; use a union of string literals`,
        );
        schema = {};
      } else {
        this.error(
          d.decl.location,
          `"${d.name}" is a ${d.decl.kind}, not an interface or type alias`,
        );
        schema = {};
      }
      const description = descriptionOf(comments.jsdoc);
      if (description !== "") schema.description = description;
      this.#apply(schema, markers.filter((m) => !isCrdMarker(m.name)), "type");
      this.#cache.set(key, cloneWithOrigins(schema));
      return schema;
    } finally {
      this.#stack.delete(key);
    }
  }

  /** Own and inherited (`extends`) properties of an interface; own ones win. */
  #interfaceProps(d: Decl, isKind: boolean): Prop[] {
    const def = d.decl.def ?? {};
    const out = new Map<string, Prop>();
    for (const ext of (def.extends ?? []) as TsType[]) {
      if (ext.kind !== "typeRef") {
        this.error(d.decl.location, `"${d.name}" extends an unsupported type`);
        continue;
      }
      const r = this.#resolve(ext, d.url);
      if (r.kind === "pending") continue;
      if (r.kind === "meta" && r.name === "TypeMeta" && isKind) {
        for (const name of ["apiVersion", "kind"]) {
          out.set(name, {
            prop: { name, location: d.decl.location, tsType: { kind: "keyword", value: "string" } },
            url: d.url,
          });
        }
        continue;
      }
      if (r.kind !== "decl" || r.decl.decl.kind !== "interface") {
        const why = r.kind === "error" ? r.message : `"${ext.value?.typeName}" is not an interface`;
        this.error(d.decl.location, `"${d.name}" cannot extend: ${why}`);
        continue;
      }
      if (this.#stack.has(`extends:${r.decl.name}`)) continue;
      this.#stack.add(`extends:${r.decl.name}`);
      for (const p of this.#interfaceProps(r.decl, false)) out.set(p.prop.name, p);
      this.#stack.delete(`extends:${r.decl.name}`);
    }
    for (const m of (def.methods ?? []) as { name: string; location: DocLocation }[]) {
      this.error(m.location, `method "${m.name}" is not supported in API types`);
    }
    if ((def.callSignatures?.length ?? 0) > 0 || (def.constructSignatures?.length ?? 0) > 0) {
      this.error(d.decl.location, `call signatures are not supported in API types`);
    }
    for (const p of (def.properties ?? []) as DocProperty[]) {
      out.set(p.name, { prop: p, url: d.url });
    }
    return [...out.values()];
  }

  #indexSignatures(
    schema: Schema,
    def: { indexSignatures?: unknown[] },
    url: string,
    loc: DocLocation,
  ) {
    const sigs = (def.indexSignatures ?? []) as {
      params: { tsType?: TsType }[];
      tsType?: TsType;
      location?: DocLocation;
    }[];
    if (sigs.length === 0) return;
    const at = sigs[0].location ?? loc;
    if (schema.properties !== undefined || sigs.length > 1) {
      this.error(
        at,
        "an object with both properties and an index signature cannot be expressed in a CRD schema",
      );
      return;
    }
    const key = sigs[0].params[0]?.tsType;
    if (key?.kind !== "keyword" || key.value !== "string") {
      this.error(at, "index signature keys must be strings");
      return;
    }
    this.#mapOf(schema, sigs[0].tsType, url, at);
  }

  #mapOf(schema: Schema, value: TsType | undefined, url: string, at: DocLocation): void {
    schema.type = "object";
    if (value === undefined || (value.kind === "keyword" && value.value === "unknown")) {
      schema["x-kubernetes-preserve-unknown-fields"] = true;
    } else {
      schema.additionalProperties = this.typeSchema(value, url, at);
    }
  }

  /** Adds `properties` and `required` for the given properties to an object schema. */
  #fillObject(schema: Schema, props: Prop[]): void {
    const properties: Record<string, Schema> = { ...schema.properties };
    const required: string[] = [];
    for (const { prop, url } of props) {
      if (prop.computed) {
        this.error(prop.location, `computed property names are not supported`);
        continue;
      }
      const { schema: s, required: req } = this.#propSchema(prop, url);
      properties[prop.name] = s;
      if (req) required.push(prop.name);
    }
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = [...new Set(required)].sort();
  }

  #propSchema(prop: DocProperty, url: string): { schema: Schema; required: boolean } {
    const comments = this.#index.leadingComments(prop.location);
    const markers = this.markers(prop.location.filename, comments.markers, "field");
    const has = (name: string) => markers.some((m) => m.name === name);
    let schema: Schema;
    if (has("kubebuilder:validation:Schemaless")) {
      schema = {};
    } else if (prop.tsType === undefined) {
      this.error(prop.location, `property "${prop.name}" has no type`);
      schema = {};
    } else {
      schema = this.typeSchema(prop.tsType, url, prop.location);
    }
    const description = descriptionOf(comments.jsdoc);
    if (description !== "") schema.description = description;
    this.#apply(schema, markers, "field");
    origins.set(schema, { url: prop.location.filename, line: prop.location.line + 1 });
    const t = prop.tsType;
    const undefinedAllowed = t?.kind === "union" &&
      (t.value as TsType[]).some((m) => m.kind === "keyword" && m.value === "undefined");
    let required: boolean;
    if (has("kubebuilder:validation:Optional") || has("optional") || has("k8s:optional")) {
      required = false;
    } else if (
      has("kubebuilder:validation:Required") || has("required") || has("k8s:required")
    ) required = true;
    else {
      required = !prop.optional && !undefinedAllowed &&
        !this.#options.optionalByDefault(prop.location.filename);
    }
    return { schema, required };
  }

  /** The schema of a type expression. */
  typeSchema(t: TsType, url: string, at: DocLocation): Schema {
    switch (t.kind) {
      case "keyword":
        return this.#keyword(t.value as string, at);
      case "literal":
        return this.#literal(t, at);
      case "parenthesized":
        return this.typeSchema(t.value, url, at);
      case "typeOperator":
        if (t.value?.operator === "readonly") return this.typeSchema(t.value.tsType, url, at);
        break;
      case "array":
        return { type: "array", items: this.typeSchema(t.value, url, at) };
      case "union":
        return this.#union(t.value as TsType[], url, at);
      case "typeLiteral": {
        const schema: Schema = { type: "object" };
        const lit = t.value ?? {};
        for (const m of lit.methods ?? []) {
          this.error(m.location ?? at, `method "${m.name}" is not supported in API types`);
        }
        if ((lit.callSignatures?.length ?? 0) > 0) {
          this.error(at, "call signatures are not supported in API types");
        }
        this.#fillObject(
          schema,
          ((lit.properties ?? []) as DocProperty[]).map((prop) => ({ prop, url })),
        );
        this.#indexSignatures(schema, lit, url, at);
        return schema;
      }
      case "typeRef":
        return this.#typeRef(t, url, at);
      case "fnOrConstructor":
        this.error(at, "function types are not supported in API types");
        return {};
    }
    this.error(at, `type "${typeText(t)}" is not supported in API types`);
    return {};
  }

  #keyword(k: string, at: DocLocation): Schema {
    switch (k) {
      case "string":
      case "number":
      case "boolean":
        return { type: k };
      case "unknown":
        return { "x-kubernetes-preserve-unknown-fields": true };
      case "any":
        this.error(at, `type "any" is not supported; use "unknown" for arbitrary JSON`);
        return {};
      case "object":
        this.error(at, `type "object" is not supported; use "Record<string, unknown>"`);
        return {};
    }
    this.error(at, `type "${k}" is not supported in API types`);
    return {};
  }

  #literal(t: TsType, at: DocLocation): Schema {
    const v = t.value;
    if (v?.kind === "string") return { type: "string", enum: [v.string] };
    if (v?.kind === "number") {
      return { type: Number.isInteger(v.number) ? "integer" : "number", enum: [v.number] };
    }
    if (v?.kind === "boolean") return { type: "boolean", enum: [v.boolean] };
    this.error(at, `literal type "${typeText(t)}" is not supported in API types`);
    return {};
  }

  #union(members: TsType[], url: string, at: DocLocation): Schema {
    const isKw = (m: TsType, k: string) => m.kind === "keyword" && m.value === k;
    const nullable = members.some((m) => isKw(m, "null"));
    const rest = members.filter((m) => !isKw(m, "null") && !isKw(m, "undefined"));
    if (rest.length === 0) {
      this.error(at, `type "${typeText({ kind: "union", value: members })}" has no JSON value`);
      return {};
    }
    let schema: Schema;
    if (rest.length === 1) {
      schema = this.typeSchema(rest[0], url, at);
    } else {
      const merged = mergeEnums(rest.map((m) => this.typeSchema(m, url, at)));
      schema = merged ?? {};
      if (merged === undefined) {
        this.error(
          at,
          `union type "${typeText({ kind: "union", value: rest })}" is not supported; ` +
            `only unions of literals of one type (and null) can be expressed in a CRD schema`,
        );
      }
    }
    if (nullable) schema.nullable = true;
    return schema;
  }

  #typeRef(t: TsType, url: string, at: DocLocation): Schema {
    const name = t.value?.typeName as string;
    const params = (t.value?.typeParams ?? []) as TsType[];
    if (t.value?.resolution === undefined) {
      if ((name === "Array" || name === "ReadonlyArray") && params.length === 1) {
        return { type: "array", items: this.typeSchema(params[0], url, at) };
      }
      if (name === "Record" && params.length === 2) {
        const key = params[0];
        if (key.kind !== "keyword" || key.value !== "string") {
          this.error(at, `Record keys must be "string", not "${typeText(key)}"`);
          return {};
        }
        const schema: Schema = {};
        this.#mapOf(schema, params[1], url, at);
        return schema;
      }
      if (name === "Date") {
        this.error(at, `type "Date" is not JSON; use DateTime from @k1s/gen (an RFC 3339 string)`);
        return {};
      }
      if (!GLOBAL_TYPES.has(name)) {
        this.error(at, `unknown type "${name}"`);
        return {};
      }
      this.error(at, `type "${typeText(t)}" is not supported in API types`);
      return {};
    }
    if (params.length > 0) {
      this.error(at, `generic type "${typeText(t)}" is not supported in API types`);
      return {};
    }
    const r = this.#resolve(t, url);
    switch (r.kind) {
      case "pending":
        return {};
      case "error":
        this.error(at, r.message);
        return {};
      case "scalar":
        return structuredClone(SCALARS[r.name]);
      case "meta":
        if (r.name === "TypeMeta") {
          this.error(at, `TypeMeta can only be extended by a kind`);
          return {};
        }
        return { type: "object" };
      case "decl":
        return this.declSchema(r.decl);
    }
  }

  /** Where a type reference points. */
  #resolve(t: TsType, url: string): Resolved {
    const name = t.value?.typeName as string;
    const res = t.value?.resolution as
      | { kind: string; specifier?: string; name?: string }
      | undefined;
    if (res?.kind === "typeParam") {
      return { kind: "error", message: `generic type parameter "${name}" is not supported` };
    }
    const mod = this.#index.module(url);
    if (mod === undefined) {
      this.pending.add(url);
      return { kind: "pending" };
    }
    if (res?.kind === "local") return this.#findSymbol(url, name);
    if (res?.kind === "import") {
      const imp = (mod.imports ?? []).find((i) => i.importedName === name);
      const original = imp?.originalName ?? res.name ?? name;
      const specifier = res.specifier ?? "";
      const fromGen = /^(jsr:)?@k1s\/gen(@[^/]*)?(\/types)?$/.test(specifier) ||
        (imp !== undefined && this.#options.isGenModule(imp.src));
      if (fromGen) {
        if (original in SCALARS) return { kind: "scalar", name: original };
        return { kind: "error", message: `"${original}" from @k1s/gen is not an API type` };
      }
      if (META_TYPES.has(original) && !(imp !== undefined && this.#options.isInputFile(imp.src))) {
        return { kind: "meta", name: original };
      }
      if (imp === undefined) {
        return { kind: "error", message: `cannot resolve import of "${name}"` };
      }
      if (!imp.src.startsWith("file:")) {
        return {
          kind: "error",
          message: `type "${name}" comes from "${imp.src}"; only local modules are read`,
        };
      }
      return this.#findSymbol(imp.src, original);
    }
    return { kind: "error", message: `unknown type "${name}"` };
  }

  #findSymbol(url: string, name: string): Resolved {
    const mod = this.#index.module(url);
    if (mod === undefined) {
      this.pending.add(url);
      return { kind: "pending" };
    }
    const sym = mod.symbols.find((s) => s.name === name);
    const decl = sym?.declarations.find((d) => d.kind !== "import") ?? sym?.declarations[0];
    if (decl === undefined) {
      return { kind: "error", message: `cannot find type "${name}" in ${displayUrl(url)}` };
    }
    if (decl.kind === "reference") {
      const target = decl.def?.target as DocLocation | undefined;
      if (target === undefined) {
        return { kind: "error", message: `cannot resolve re-export of "${name}"` };
      }
      const targetMod = this.#index.module(target.filename);
      if (targetMod === undefined) {
        this.pending.add(target.filename);
        return { kind: "pending" };
      }
      for (const s of targetMod.symbols) {
        for (const d of s.declarations) {
          if (d.location.filename === target.filename && d.location.line === target.line) {
            return { kind: "decl", decl: { name: s.name, url: target.filename, decl: d } };
          }
        }
      }
      return { kind: "error", message: `cannot resolve re-export of "${name}"` };
    }
    if (
      decl.location.filename !== url && this.#index.module(decl.location.filename) === undefined
    ) {
      // `export * from` lists the declaration itself; names inside it resolve in its own module.
      this.pending.add(decl.location.filename);
      return { kind: "pending" };
    }
    return { kind: "decl", decl: { name, url: decl.location.filename, decl } };
  }

  /** Applies markers to a schema: type-shaping ones first, defaults last (controller-tools' priorities). */
  #apply(schema: Schema, markers: Marker[], target: MarkerTarget): void {
    const first = ["Type", "Format", "XIntOrString", "listType"];
    const phase = (m: Marker) => {
      const short = m.name.replace(/^kubebuilder:validation:/, "");
      if (first.includes(short)) return 0;
      if (m.name === "default") return 2;
      if (m.name === "kubebuilder:default" || m.name === "kubebuilder:example") return 3;
      return 1;
    };
    const sorted = [...markers].sort((a, b) => phase(a) - phase(b));
    let fieldRules = 0;
    let normalized = false;
    for (const m of sorted) {
      if (phase(m) > 0 && !normalized) {
        normalized = true;
        // A `number` with an integer format is an integer (k1s-gen's convention).
        if (schema.type === "number" && (schema.format === "int32" || schema.format === "int64")) {
          schema.type = "integer";
        }
      }
      try {
        if (m.name.startsWith("kubebuilder:validation:items:")) {
          if (schema.type !== "array" || schema.items === undefined) {
            throw new MarkerError(
              `must apply +${m.name} to an array value, found ${schema.type ?? "no type"}`,
            );
          }
          const items = schema.items;
          recordKeys(items, m, () => applyMarker(items, m, m.name.replace(":items:", ":")));
        } else if (m.name === "kubebuilder:validation:XValidation" && target === "field") {
          const rules = schema["x-kubernetes-validations"] ??= [];
          rules.splice(fieldRules++, 0, toRule(m));
        } else {
          recordKeys(schema, m, () => applyMarker(schema, m, m.name));
        }
      } catch (e) {
        if (!(e instanceof MarkerError)) throw e;
        this.error({ filename: m.url, line: m.line }, e.message, true);
      }
    }
    if (
      !normalized && schema.type === "number" &&
      (schema.format === "int32" || schema.format === "int64")
    ) {
      schema.type = "integer";
    }
  }
}

/** Runs `apply`, recording `m` as the origin of the keywords of `schema` it set. */
function recordKeys(schema: Schema, m: Marker, apply: () => void): void {
  const before: Record<string, unknown> = { ...schema };
  apply();
  for (const [k, v] of Object.entries(schema)) {
    if (v === before[k]) continue;
    let keys = keyOrigins.get(schema);
    if (keys === undefined) keyOrigins.set(schema, keys = new Map());
    keys.set(k, { url: m.url, line: m.line });
  }
}

/** Whether marker lines include `+kubebuilder:object:root=true`. */
export function hasRootMarker(lines: CommentLine[]): boolean {
  return lines.some((l) => /^\+kubebuilder:object:root=true$/.test(l.text.trim()));
}

/** Whether a kind-level marker shapes the CRD rather than the schema. */
export function isCrdMarker(name: string): boolean {
  return name.startsWith("kubebuilder:resource") || name.startsWith("kubebuilder:printcolumn") ||
    name.startsWith("kubebuilder:subresource") || name === "kubebuilder:storageversion" ||
    name === "kubebuilder:unservedversion" || name === "kubebuilder:deprecatedversion" ||
    name === "kubebuilder:selectablefield" || name === "kubebuilder:object:root" ||
    name === "kubebuilder:skipversion" || name === "kubebuilder:metadata";
}

function mergeEnums(parts: Schema[]): Schema | undefined {
  const types = new Set<string>();
  const values: unknown[] = [];
  for (const p of parts) {
    const keys = Object.keys(p).filter((k) => k !== "description");
    if (p.enum === undefined || keys.some((k) => k !== "type" && k !== "enum")) return undefined;
    types.add(p.type ?? "");
    for (const v of p.enum) if (!values.includes(v)) values.push(v);
  }
  if (types.size === 2 && types.has("integer") && types.has("number")) {
    return { type: "number", enum: values };
  }
  if (types.size !== 1) return undefined;
  const [type] = types;
  // `true | false` is `boolean`.
  if (type === "boolean" && values.length === 2) return { type };
  return { type, enum: values };
}

/** The rule of an XValidation marker, remembering the marker as its origin. */
function toRule(m: Marker): Rule {
  const v = (m.value ?? {}) as Record<string, unknown>;
  const reasons = [
    "FieldValueRequired",
    "FieldValueInvalid",
    "FieldValueForbidden",
    "FieldValueDuplicate",
  ];
  if (v.reason !== undefined && !reasons.includes(v.reason as string)) {
    throw new MarkerError(
      `invalid reason ${JSON.stringify(v.reason)}, valid values are ${reasons.join(", ")}`,
    );
  }
  const rule: Rule = { rule: v.rule as string };
  for (const k of ["message", "messageExpression", "reason", "fieldPath"] as const) {
    if (typeof v[k] === "string" && v[k] !== "") rule[k] = v[k] as string;
  }
  if (typeof v.optionalOldSelf === "boolean") rule.optionalOldSelf = v.optionalOldSelf;
  if (rule.rule.trim() === "") throw new MarkerError(`XValidation rule must not be empty`);
  origins.set(rule, { url: m.url, line: m.line });
  return rule;
}

const TYPES = ["string", "number", "integer", "boolean", "array", "object"];

/** Applies one schema marker (named `name`, which drops an `items:` prefix). */
function applyMarker(s: Schema, m: Marker, name: string): void {
  const v = m.value;
  const short = name.replace(/^kubebuilder:validation:/, "");
  const numeric = () => s.type === "integer" || s.type === "number";
  const textual = () => s.type === "string" || s["x-kubernetes-int-or-string"] === true;
  const need = (ok: boolean, what: string) => {
    if (!ok) {
      throw new MarkerError(
        `must apply ${short.toLowerCase()} to ${what}, found ${
          s.type ? `type "${s.type}"` : "no type"
        }`,
      );
    }
  };
  const integral = (n: number) => {
    if (s.type === "integer" && !Number.isInteger(n)) {
      throw new MarkerError(
        `cannot apply non-integral ${short.toLowerCase()} validation (${n}) to integer value`,
      );
    }
  };
  switch (name) {
    case "kubebuilder:validation:Maximum":
    case "kubebuilder:validation:Minimum":
    case "kubebuilder:validation:MultipleOf": {
      need(numeric(), "a numeric value");
      integral(v as number);
      const key = short === "Maximum" ? "maximum" : short === "Minimum" ? "minimum" : "multipleOf";
      s[key] = v as number;
      return;
    }
    case "kubebuilder:validation:ExclusiveMaximum":
    case "kubebuilder:validation:ExclusiveMinimum": {
      need(numeric(), "a numeric value");
      const key = short === "ExclusiveMaximum" ? "exclusiveMaximum" : "exclusiveMinimum";
      if (v === true) s[key] = true;
      else delete s[key];
      return;
    }
    case "kubebuilder:validation:MaxLength":
    case "kubebuilder:validation:MinLength":
      need(textual(), "a textual value");
      s[short === "MaxLength" ? "maxLength" : "minLength"] = nonNegative(v as number, short);
      return;
    case "kubebuilder:validation:Pattern":
      need(textual(), "a textual value");
      try {
        new RegExp(v as string);
      } catch (e) {
        throw new MarkerError(`invalid pattern ${JSON.stringify(v)}: ${(e as Error).message}`);
      }
      s.pattern = v as string;
      return;
    case "kubebuilder:validation:MaxItems":
    case "kubebuilder:validation:MinItems":
      need(s.type === "array", "an array");
      s[short === "MaxItems" ? "maxItems" : "minItems"] = nonNegative(v as number, short);
      return;
    case "kubebuilder:validation:UniqueItems":
      need(s.type === "array", "an array");
      if (v === true) s.uniqueItems = true;
      else delete s.uniqueItems;
      return;
    case "kubebuilder:validation:MaxProperties":
    case "kubebuilder:validation:MinProperties":
      need(s.type === "object", "an object");
      s[short === "MaxProperties" ? "maxProperties" : "minProperties"] = nonNegative(
        v as number,
        short,
      );
      return;
    case "kubebuilder:validation:Enum": {
      if (s.enum !== undefined) {
        throw new MarkerError(
          `the type already lists its values (a literal union); remove the Enum marker`,
        );
      }
      const values = v as unknown[];
      for (const value of values) {
        const problem = checkValue({ ...s, enum: undefined }, value);
        if (problem !== undefined) {
          throw new MarkerError(`enum value ${JSON.stringify(value)}: ${problem}`);
        }
      }
      s.enum = values;
      return;
    }
    case "kubebuilder:validation:Format":
      s.format = v as string;
      return;
    case "kubebuilder:validation:Type": {
      const type = v as string;
      if (!TYPES.includes(type)) {
        throw new MarkerError(
          `invalid type ${JSON.stringify(type)}, valid values are ${TYPES.join(", ")}`,
        );
      }
      if (s.type !== type) {
        // Custom serialisation: the value no longer has the shape of the TypeScript type.
        for (
          const k of [
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "anyOf",
          ] as const
        ) delete s[k];
        delete s["x-kubernetes-int-or-string"];
        if (s.type !== undefined && !(s.type === "number" && type === "integer")) delete s.format;
      }
      s.type = type;
      return;
    }
    case "kubebuilder:validation:XIntOrString":
      delete s.type;
      s.anyOf = [{ type: "integer" }, { type: "string" }];
      s["x-kubernetes-int-or-string"] = true;
      return;
    case "kubebuilder:validation:XPreserveUnknownFields":
    case "kubebuilder:pruning:PreserveUnknownFields":
      s["x-kubernetes-preserve-unknown-fields"] = true;
      return;
    case "kubebuilder:validation:XEmbeddedResource":
    case "kubebuilder:validation:EmbeddedResource":
      if (s.type !== "object") {
        throw new MarkerError(
          `must apply EmbeddedResource to an object, found ${
            s.type ? `type "${s.type}"` : "no type"
          }`,
        );
      }
      s["x-kubernetes-embedded-resource"] = true;
      return;
    case "kubebuilder:validation:XValidation":
      (s["x-kubernetes-validations"] ??= []).push(toRule(m));
      return;
    case "nullable":
      s.nullable = true;
      return;
    case "default":
    case "kubebuilder:default":
    case "kubebuilder:example": {
      let value = v;
      if (s.type === "array" && isEmptyObject(value)) value = [];
      const problem = checkValue(s, value);
      const what = name === "kubebuilder:example" ? "example" : "default";
      if (problem !== undefined) {
        throw new MarkerError(`invalid ${what} ${JSON.stringify(value)}: ${problem}`);
      }
      if (what === "example") s.example = value;
      else s.default = value;
      return;
    }
    case "listType":
      if (s.type !== "array") {
        throw new MarkerError(`must apply listType to an array, found ${s.type ?? "no type"}`);
      }
      if (v !== "map" && v !== "set" && v !== "atomic") {
        throw new MarkerError(`ListType must be either "map", "set" or "atomic"`);
      }
      s["x-kubernetes-list-type"] = v;
      return;
    case "listMapKey": {
      if (s.type !== "array") {
        throw new MarkerError(`must apply listMapKey to an array, found ${s.type ?? "no type"}`);
      }
      if (s["x-kubernetes-list-type"] !== "map") {
        throw new MarkerError(`must apply listMapKey to an associative-list (+listType=map)`);
      }
      const key = v as string;
      const item = s.items;
      if (item?.properties?.[key] === undefined) {
        throw new MarkerError(
          `listMapKey ${JSON.stringify(key)} is not a property of the list items`,
        );
      }
      if (!item.required?.includes(key) && item.properties[key].default === undefined) {
        throw new MarkerError(
          `listMapKey ${
            JSON.stringify(key)
          } must be a required property of the list items or have a default`,
        );
      }
      (s["x-kubernetes-list-map-keys"] ??= []).push(key);
      return;
    }
    case "mapType":
    case "structType":
      if (s.type !== "object") {
        throw new MarkerError(`must apply ${name} to an object, found ${s.type ?? "no type"}`);
      }
      if (v !== "atomic" && v !== "granular") {
        throw new MarkerError(
          `${name === "mapType" ? "MapType" : "StructType"} must be either "granular" or "atomic"`,
        );
      }
      s["x-kubernetes-map-type"] = v;
      return;
    case "kubebuilder:title":
      s.title = m.value as string;
      return;
    case "optional":
    case "required":
    case "k8s:optional":
    case "k8s:required":
    case "kubebuilder:object:generate":
    case "kubebuilder:validation:Optional":
    case "kubebuilder:validation:Required":
    case "kubebuilder:validation:Schemaless":
      return;
  }
  throw new MarkerError(`marker "+${m.name}" cannot be applied here`);
}

function nonNegative(n: number, what: string): number {
  if (n < 0) throw new MarkerError(`${what} must not be negative, got ${n}`);
  return n;
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}

/** Why a value does not fit a schema (types, enums, bounds), or `undefined` if it does. */
export function checkValue(s: Schema, v: unknown, path = "value"): string | undefined {
  if (v === null) return s.nullable ? undefined : `${path} must not be null`;
  if (s["x-kubernetes-int-or-string"]) {
    if (!(typeof v === "string" || Number.isInteger(v))) {
      return `${path} must be an integer or a string`;
    }
  } else {
    switch (s.type) {
      case "string":
        if (typeof v !== "string") return `${path} must be a string`;
        break;
      case "integer":
        if (!Number.isInteger(v)) return `${path} must be an integer`;
        break;
      case "number":
        if (typeof v !== "number") return `${path} must be a number`;
        break;
      case "boolean":
        if (typeof v !== "boolean") return `${path} must be a boolean`;
        break;
      case "array":
        if (!Array.isArray(v)) return `${path} must be an array`;
        if (s.items !== undefined) {
          for (const [i, item] of v.entries()) {
            const p = checkValue(s.items, item, `${path}[${i}]`);
            if (p !== undefined) return p;
          }
        }
        break;
      case "object": {
        if (typeof v !== "object" || Array.isArray(v)) return `${path} must be an object`;
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          const sub = s.properties?.[k] ??
            (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
          if (sub === undefined) {
            if (s.properties !== undefined && !s["x-kubernetes-preserve-unknown-fields"]) {
              return `${path} has unknown field ${JSON.stringify(k)}`;
            }
            continue;
          }
          const p = checkValue(sub, item, `${path}.${k}`);
          if (p !== undefined) return p;
        }
        break;
      }
    }
  }
  if (s.enum !== undefined && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    return `${path} must be one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  }
  if (typeof v === "number") {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
      return `${path} must be ${s.exclusiveMinimum ? "greater than" : "at least"} ${s.minimum}`;
    }
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
      return `${path} must be ${s.exclusiveMaximum ? "less than" : "at most"} ${s.maximum}`;
    }
  }
  if (typeof v === "string") {
    const len = [...v].length;
    if (s.minLength !== undefined && len < s.minLength) {
      return `${path} must be at least ${s.minLength} chars long`;
    }
    if (s.maxLength !== undefined && len > s.maxLength) {
      return `${path} must be at most ${s.maxLength} chars long`;
    }
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(v)) {
      return `${path} must match ${JSON.stringify(s.pattern)}`;
    }
  }
  return undefined;
}

/** A readable rendering of a type for messages. */
export function typeText(t: TsType): string {
  switch (t.kind) {
    case "keyword":
      return t.value;
    case "literal":
      return t.value?.kind === "string"
        ? JSON.stringify(t.value.string)
        : String(t.repr ?? t.value?.[t.value?.kind]);
    case "typeRef": {
      const params = (t.value?.typeParams ?? []) as TsType[];
      return params.length === 0
        ? t.value.typeName
        : `${t.value.typeName}<${params.map(typeText).join(", ")}>`;
    }
    case "array":
      return `${typeText(t.value)}[]`;
    case "union":
      return (t.value as TsType[]).map(typeText).join(" | ");
    case "intersection":
      return (t.value as TsType[]).map(typeText).join(" & ");
    case "parenthesized":
      return `(${typeText(t.value)})`;
    case "tuple":
      return `[${(t.value as TsType[]).map(typeText).join(", ")}]`;
    case "typeOperator":
      return `${t.value?.operator} ${typeText(t.value?.tsType)}`;
    case "typeLiteral":
      return "{ ... }";
    case "fnOrConstructor":
      return "(...) => ...";
  }
  return t.repr ?? t.kind;
}

function displayUrl(url: string): string {
  return url.startsWith("file:") ? fileURLToPath(url) : url;
}
