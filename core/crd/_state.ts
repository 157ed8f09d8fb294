// Copyright 2026 the k1s authors. Apache-2.0 license.
// The custom-resource machinery of one runtime: which CRDs serve which resource types, the
// schema handlers, CEL loading, the CRD admission step (names, conditions) and keeping the
// registry in line with the stored CRDs.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { Runtime } from "../runtime/runtime.ts";
import type {
  AdmissionPlugin,
  AdmissionRequest,
  SchemaHandler,
  WriteEvent,
} from "../apiserver/context.ts";
import type { CelRuntime } from "../schema/cel.ts";
import { loadCel, schemaHasRules } from "../schema/cel.ts";
import { cloneJson } from "../object/clone.ts";
import { newInternalError, newInvalid } from "../errors/status_error.ts";
import { collectionPrefix } from "../apiserver/_keys.ts";
import { BuiltinSchemaHandler, builtinSchemaHandler } from "./_builtin_schema.ts";
import { CustomResourceSchemaHandler, type HandlerEnv } from "./_custom_schema.ts";
import { customResourceTypes, isServed } from "./_custom_types.ts";
import { acceptedNamesForGroup, calculateNamesAndConditions, setCondition } from "./_names.ts";
import { pruneSchemaProps, schemaPropsMayHaveUnknown } from "./_schema_props_fields.ts";
import { semanticEqual, toInternal } from "./_internal.ts";
import { customResourceDefinitionType, defaultCustomResourceDefinition } from "./crd_type.ts";
import { crdKindHooks, createCrdKind } from "./_crd_kind.ts";
import { validateCustomResourceDefinition } from "./validate_crd.ts";
import type { CustomResourceDefinition } from "./types.ts";

/** One CRD this runtime knows and the types it serves. */
interface Entry {
  name: string;
  crd: CustomResourceDefinition;
  /** `store`: a stored CRD; `compiled`: registered in code (installCustomResourceDefinitions). */
  source: "store" | "compiled";
  /** The stored revision seen last. */
  rv: string;
  /** Whether the CRD is being deleted; read by the custom resource strategy. */
  terminating: boolean;
  /** The registered types (empty when not served). */
  types: ResourceType[];
}

function rfc3339(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function applies(kinds: readonly string[] | undefined, type: ResourceType): boolean {
  return !kinds || kinds.includes("*") || kinds.includes(`${type.group}/${type.kind}`);
}

/** Whether a schema of the CRD that has to be (re)checked has CEL rules (checking needs CEL). */
function changedSchemasHaveRules(
  crd: CustomResourceDefinition,
  old: CustomResourceDefinition | undefined,
): boolean {
  const spec = toInternal(crd);
  const prev = old ? toInternal(old) : undefined;
  const rules = (s: unknown) =>
    !!s && typeof s === "object" && schemaHasRules(s as Parameters<typeof schemaHasRules>[0]);
  if (spec.validation?.openAPIV3Schema && rules(spec.validation.openAPIV3Schema)) {
    if (!prev || !semanticEqual(spec.validation, prev.validation)) return true;
  }
  for (const iv of spec.versions) {
    const s = iv.schema?.openAPIV3Schema;
    if (!s || !rules(s)) continue;
    const before = prev?.versions.find((p) => p.v?.name === iv.v?.name)?.schema ?? prev?.validation;
    if (!before || !semanticEqual(iv.schema, before)) return true;
  }
  return false;
}

const CRD_KIND = "apiextensions.k8s.io/CustomResourceDefinition";

/** The custom-resource machinery of one runtime. */
export class CustomResourceState implements HandlerEnv {
  readonly rt: Runtime;
  #entries = new Map<string, Entry>();
  #handlers = new WeakMap<ResourceType, SchemaHandler | null>();
  #storeTypes = new WeakSet<ResourceType>();
  #cel: CelRuntime | undefined;
  #celLoading: Promise<void> | undefined;
  #celKinds: string[] = [];
  #plugins = new Set<AdmissionPlugin>();
  #celPlugin: AdmissionPlugin | undefined;
  #crdPlugin: AdmissionPlugin | undefined;
  #crdHandler: BuiltinSchemaHandler | undefined;
  #loadedRev = -1;
  #loading: Promise<void> | undefined;

  constructor(rt: Runtime) {
    this.rt = rt;
    const registered = rt.registry.get("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    this.crdType = crdKindHooks(registered) ? registered! : createCrdKind();
    crdKindHooks(this.crdType)!.beforeWrite = () => this.#ensureCrdAdmission();
  }

  // ---- HandlerEnv ---------------------------------------------------------------------------

  cel(): CelRuntime | undefined {
    return this.#cel;
  }

  warn(message: string): void {
    this.rt.server.warn(message);
  }

  mutatedByAdmission(type: ResourceType): boolean {
    const admission = this.rt.server.admission;
    if (admission.length <= this.#plugins.size) return false;
    for (const p of admission) {
      if (p.mutate && !this.#plugins.has(p) && applies(p.kinds, type)) return true;
    }
    return false;
  }

  /** Loads the CEL runtime (once). */
  loadCel(): Promise<void> {
    return (this.#celLoading ??= loadCel().then((c) => {
      this.#cel = c;
    }, (e) => {
      this.#celLoading = undefined;
      throw newInternalError(`loading the CEL runtime failed: ${(e as Error).message}`, {
        cause: e,
      });
    }));
  }

  // ---- schema handlers ----------------------------------------------------------------------

  /** The schema handler of a kind (the runtime's schema provider). */
  schemaFor(type: ResourceType): SchemaHandler | undefined {
    if (type.custom) {
      const h = this.#handlers.get(type);
      return h === undefined ? this.#adhocHandler(type) : h ?? undefined;
    }
    if (type === this.crdType) return this.#crdSchemaHandler();
    return builtinSchemaHandler(type);
  }

  /** A handler for a custom kind registered in code without a CRD. */
  #adhocHandler(type: ResourceType): SchemaHandler | undefined {
    let h: SchemaHandler | null = null;
    if (type.schema) {
      h = new CustomResourceSchemaHandler(type, type.schema, this);
      // The admission step that loads CEL runs after this first schemaFor call of a create or
      // update (decode, then admission, then validation).
      this.#admitForCel(type);
    }
    this.#handlers.set(type, h);
    return h ?? undefined;
  }

  /**
   * Makes writes of a custom kind pass the admission step that loads CEL when the kind's
   * schema has rules: validation is synchronous, loading is not.
   */
  #admitForCel(type: ResourceType): void {
    const k = `${type.group}/${type.kind}`;
    if (!this.#celKinds.includes(k)) this.#celKinds.push(k);
    if (this.#celPlugin) return;
    this.#celPlugin = {
      name: "CustomResourceValidationExpressions",
      kinds: this.#celKinds,
      mutate: (req) => {
        if (this.#cel) return;
        const h = this.#handlers.get(req.type);
        if (h instanceof CustomResourceSchemaHandler && h.hasRules) return this.loadCel();
      },
    };
    this.#plugins.add(this.#celPlugin);
    this.rt.addAdmission(this.#celPlugin);
  }

  /**
   * This runtime's CRD kind: the one the runtime registered (or a new one), with a hook that
   * adds the CRD admission step. The hook runs before admission on every write path (create,
   * update, status), so the step is in place for the first CRD write, and runtimes that never
   * write a CRD keep an empty admission chain.
   */
  readonly crdType: ResourceType;

  #ensureCrdAdmission(): void {
    if (this.#crdPlugin) return;
    this.#crdPlugin = {
      name: "CustomResourceDefinitionNames",
      kinds: [CRD_KIND],
      operations: ["CREATE", "UPDATE"],
      mutate: (req) => {
        const crd = req.object as unknown as CustomResourceDefinition;
        const old = req.oldObject as unknown as CustomResourceDefinition | undefined;
        if (!this.#cel && !req.subresource && changedSchemasHaveRules(crd, old)) {
          return this.loadCel();
        }
      },
      // Names are settled after validation, as apiextensions' controllers only see CRDs that
      // were accepted (an invalid CRD gets its validation errors, not name conditions).
      validate: async (req) => {
        if (!req.subresource) await this.#acceptNames(req);
      },
    };
    this.#plugins.add(this.#crdPlugin);
    this.rt.addAdmission(this.#crdPlugin);
  }

  #crdSchemaHandler(): SchemaHandler {
    if (this.#crdHandler) return this.#crdHandler;
    const handler = new BuiltinSchemaHandler(customResourceDefinitionType.schema!, {
      check: schemaPropsMayHaveUnknown,
      prune: pruneSchemaProps,
    });
    handler.validate = (obj: KubeObject, old?: KubeObject) => {
      try {
        return validateCustomResourceDefinition(obj as unknown as CustomResourceDefinition, {
          ...(old ? { old: old as unknown as CustomResourceDefinition } : {}),
          ...(this.#cel ? { cel: this.#cel } : {}),
          objectMeta: false,
        });
      } catch (e) {
        if (e instanceof TypeError) {
          throw newInternalError(`validating the CustomResourceDefinition failed: ${e.message}`, {
            cause: e,
          });
        }
        throw e;
      }
    };
    this.#crdHandler = handler;
    return handler;
  }

  // ---- CRD admission: names and conditions --------------------------------------------------

  async #acceptNames(req: AdmissionRequest): Promise<void> {
    const crd = req.object as unknown as CustomResourceDefinition;
    if (crd.metadata?.deletionTimestamp) return;
    if (!crd.spec?.names || typeof crd.spec.names !== "object" || !crd.spec.group) return;
    if (semanticEqual(crd.spec.names, crd.status?.acceptedNames)) return;
    this.#applyNames(crd, await this.#listStored());
  }

  /** The NamingConditionController's work on one CRD; returns whether its status changed. */
  #applyNames(crd: CustomResourceDefinition, stored: CustomResourceDefinition[]): boolean {
    const others = stored.filter((c) => c.metadata.name !== crd.metadata.name);
    // The CRD's own accepted names count as used, as the controller sees them in its lister.
    const self = crd.status?.acceptedNames ? [crd] : [];
    const used = acceptedNamesForGroup(crd.spec.group, {
      crds: [...others, ...self],
      claimed: this.#claimedOutsideCrds(crd.spec.group, crd.metadata.name ?? ""),
    });
    const r = calculateNamesAndConditions(crd, used);
    const before = structuredClone(crd.status);
    const now = rfc3339(this.rt.server.now());
    const prev = crd.status ?? {};
    // In the field order of the Go type, which `-o json` shows.
    crd.status = {
      conditions: prev.conditions ?? [],
      acceptedNames: r.acceptedNames,
      ...(prev.storedVersions ? { storedVersions: prev.storedVersions } : {}),
    };
    setCondition(crd, r.namesAccepted, { now });
    setCondition(crd, r.established, { now });
    return !semanticEqual(before, crd.status);
  }

  /**
   * Gives the CRDs of a group whose names were refused another chance, after a CRD of the
   * group went away and may have freed its names (`requeueAllOtherGroupCRDs`).
   *
   * @param group The API group.
   * @param write Writes a CRD's status.
   */
  async reconsiderGroup(
    group: string,
    write: (crd: CustomResourceDefinition) => Promise<void>,
  ): Promise<void> {
    const stored = await this.#listStored();
    for (const crd of stored) {
      if (crd.spec?.group !== group || crd.metadata.deletionTimestamp) continue;
      if (semanticEqual(crd.spec.names, crd.status?.acceptedNames)) continue;
      const copy = structuredClone(crd);
      if (this.#applyNames(copy, stored)) {
        await write(copy);
        const i = stored.findIndex((c) => c.metadata.name === copy.metadata.name);
        stored[i] = copy;
      }
    }
  }

  /** Names used in a group by kinds that do not come from stored CRDs (built-ins, code). */
  #claimedOutsideCrds(
    group: string,
    crdName: string,
  ): { resources: Set<string>; kinds: Set<string> } {
    const resources = new Set<string>();
    const kinds = new Set<string>();
    const own = this.#entries.get(crdName)?.types ?? [];
    for (const t of this.rt.registry.all()) {
      if (t.group !== group || this.#storeTypes.has(t) || own.includes(t)) continue;
      resources.add(t.plural);
      if (t.singular) resources.add(t.singular);
      for (const s of t.shortNames) resources.add(s);
      kinds.add(t.kind);
      kinds.add(t.listKind);
    }
    return { resources, kinds };
  }

  async #listStored(): Promise<CustomResourceDefinition[]> {
    const prefix = collectionPrefix(this.rt.server.keyPrefix, this.crdType);
    const list = await this.rt.storage.list({ prefix });
    return list.items as unknown as CustomResourceDefinition[];
  }

  // ---- the registry -------------------------------------------------------------------------

  /**
   * Lists the stored CRDs, when the store changed since the last time, and brings the
   * registry in line: new and changed CRDs (re)register their types, removed ones unregister.
   */
  load(): Promise<void> {
    return (this.#loading ??= (async () => {
      try {
        const rev = await this.rt.storage.revision();
        if (rev === this.#loadedRev) return;
        const stored = await this.#listStored();
        const seen = new Set<string>();
        for (const crd of stored) {
          seen.add(crd.metadata.name ?? "");
          this.sync(crd, true);
        }
        for (const e of [...this.#entries.values()]) {
          if (e.source === "store" && !seen.has(e.name)) this.#unregister(e);
        }
        this.#loadedRev = rev;
      } finally {
        this.#loading = undefined;
      }
    })());
  }

  /** Handles this process's CRD writes. */
  onWrite(ev: WriteEvent): void {
    const name = ev.object.metadata?.name ?? "";
    if (ev.type === "DELETED") {
      const e = this.#entries.get(name);
      if (e?.source === "store") this.#unregister(e);
    } else {
      this.sync(ev.object as unknown as CustomResourceDefinition);
    }
  }

  /** The CRD entry of a name, if known. */
  entry(name: string): Readonly<Entry> | undefined {
    return this.#entries.get(name);
  }

  /** Forgets a stored CRD that no longer exists. */
  forget(name: string): void {
    const e = this.#entries.get(name);
    if (e?.source === "store") this.#unregister(e);
  }

  /**
   * Brings one stored CRD's types in line with its latest state.
   *
   * @param obj The CRD.
   * @param owned Whether `obj` may be kept as is (a fresh copy from the store).
   */
  sync(obj: CustomResourceDefinition, owned = false): void {
    const name = obj.metadata?.name ?? "";
    const prev = this.#entries.get(name);
    if (prev?.source === "compiled") return;
    const rv = obj.metadata?.resourceVersion ?? "";
    if (prev && rv && prev.rv === rv) return;
    const crd = owned ? obj : cloneJson(obj);
    const terminating = !!crd.metadata.deletionTimestamp;
    if (
      prev && semanticEqual(prev.crd.spec, crd.spec) &&
      semanticEqual(prev.crd.status?.acceptedNames, crd.status?.acceptedNames) &&
      isServed(prev.crd) === isServed(crd)
    ) {
      prev.crd = crd;
      prev.rv = rv;
      prev.terminating = terminating;
      return;
    }
    if (prev) this.#unregister(prev);
    const entry: Entry = { name, crd, source: "store", rv, terminating, types: [] };
    this.#entries.set(name, entry);
    if (isServed(crd)) this.#register(entry);
  }

  /** Registers a CRD compiled into the program (no store write). */
  installCompiled(input: CustomResourceDefinition): void {
    const crd = cloneJson(input);
    defaultCustomResourceDefinition(crd);
    const storage = crd.spec?.versions?.find((v) => v?.storage);
    crd.status = {
      conditions: [
        {
          type: "NamesAccepted",
          status: "True",
          reason: "NoConflicts",
          message: "no conflicts found",
        },
        {
          type: "Established",
          status: "True",
          reason: "InitialNamesAccepted",
          message: "the initial names have been accepted",
        },
      ],
      acceptedNames: crd.spec?.names,
      storedVersions: storage ? [storage.name] : [],
    };
    // The generator checked the schemas; checking them again costs milliseconds at start-up.
    const errs = validateCustomResourceDefinition(crd, { schemas: false });
    if (errs.length) {
      throw newInvalid(
        { group: customResourceDefinitionType.group, kind: customResourceDefinitionType.kind },
        crd.metadata?.name ?? "",
        errs,
      );
    }
    const name = crd.metadata.name!;
    const prev = this.#entries.get(name);
    if (prev) this.#unregister(prev);
    const entry: Entry = { name, crd, source: "compiled", rv: "", terminating: false, types: [] };
    this.#entries.set(name, entry);
    this.#register(entry, true);
  }

  #register(entry: Entry, strict = false): void {
    const types = customResourceTypes(entry.crd, entry);
    const added: ResourceType[] = [];
    try {
      for (const t of types) {
        this.rt.registry.add(t);
        added.push(t);
      }
    } catch (e) {
      if (added.length) this.rt.registry.remove(added[0].group, added[0].kind);
      if (strict) throw e;
      // Another kind took a name after this CRD's names were accepted: it serves nothing.
      return;
    }
    entry.types = types;
    for (const t of types) {
      if (entry.source === "store") this.#storeTypes.add(t);
      const raw = entry.crd.spec.versions.find((v) => v.name === t.version)?.schema
        ?.openAPIV3Schema;
      if (!raw) {
        this.#handlers.set(t, null);
        continue;
      }
      this.#handlers.set(t, new CustomResourceSchemaHandler(t, raw, this));
      this.#admitForCel(t);
    }
  }

  #unregister(entry: Entry): void {
    this.#entries.delete(entry.name);
    if (!entry.types.length) return;
    const { group, kind } = entry.types[0];
    // Only remove what this entry registered (a compiled kind may share group and kind).
    if (entry.types.some((t) => this.rt.registry.get(`${t.group}/${t.version}`, t.kind) === t)) {
      this.rt.registry.remove(group, kind);
    }
    const k = `${group}/${kind}`;
    const i = this.#celKinds.indexOf(k);
    if (i >= 0) this.#celKinds.splice(i, 1);
    entry.types = [];
  }
}
