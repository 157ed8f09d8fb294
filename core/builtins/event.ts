// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in core `Event` kind (`v1`, short name `ev`).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { type FieldError, invalid, required } from "../errors/field_error.ts";
import { isDNS1123Subdomain, isQualifiedName, utf8Length } from "../validation/content.ts";
import { eventSchema } from "./_schemas.ts";
import { asRecord, STANDARD_VERBS } from "./_common.ts";

const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
const ACTION_LENGTH_LIMIT = 128;
const REASON_LENGTH_LIMIT = 128;
const NOTE_LENGTH_LIMIT = 1024;
/** `0001-01-01T00:00:00Z`, Go's zero `time.Time`. */
const GO_ZERO_TIME = -62135596800000;

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** Whether a (Micro)Time is unset: absent, null, unparsable or Go's zero time. */
function isZeroTime(v: unknown): boolean {
  if (typeof v !== "string" || v === "") return true;
  const ms = Date.parse(v);
  return Number.isNaN(ms) || ms === GO_ZERO_TIME;
}

/** Kubernetes' `legacyValidateEvent`, the only validation a core/v1 Event gets. */
function validateEvent(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const involved = asRecord(obj.involvedObject) ?? {};
  const involvedNs = str(involved.namespace);
  const ns = str(obj.metadata?.namespace);
  const mismatch = () =>
    errs.push(invalid("involvedObject.namespace", involvedNs, "does not match event.namespace"));

  if (isZeroTime(obj.eventTime)) {
    // Legacy events: the namespace must be the involved object's ("default" also goes for
    // cluster-scoped objects, for old clients).
    if (involvedNs === "") {
      if (ns !== "" && ns !== "default") mismatch();
    } else if (ns !== involvedNs) mismatch();
  } else {
    if (involvedNs === "" && ns !== "default" && ns !== "kube-system") mismatch();
    // Field paths use the internal names (reportingController for reportingComponent).
    const controller = str(obj.reportingComponent);
    if (controller === "") errs.push(required("reportingController", ""));
    for (const msg of isQualifiedName(controller)) {
      errs.push(invalid("reportingController", controller, msg));
    }
    const instance = str(obj.reportingInstance);
    if (instance === "") errs.push(required("reportingInstance", ""));
    if (utf8Length(instance) > REPORTING_INSTANCE_LENGTH_LIMIT) {
      errs.push(
        invalid(
          "reportingInstance",
          "",
          `can have at most ${REPORTING_INSTANCE_LENGTH_LIMIT} characters`,
        ),
      );
    }
    const action = str(obj.action);
    if (action === "") errs.push(required("action", ""));
    if (utf8Length(action) > ACTION_LENGTH_LIMIT) {
      errs.push(invalid("action", "", `can have at most ${ACTION_LENGTH_LIMIT} characters`));
    }
    const reason = str(obj.reason);
    if (reason === "") errs.push(required("reason", ""));
    if (utf8Length(reason) > REASON_LENGTH_LIMIT) {
      errs.push(invalid("reason", "", `can have at most ${REASON_LENGTH_LIMIT} characters`));
    }
    if (utf8Length(str(obj.message)) > NOTE_LENGTH_LIMIT) {
      errs.push(invalid("message", "", `can have at most ${NOTE_LENGTH_LIMIT} characters`));
    }
  }
  for (const msg of isDNS1123Subdomain(ns)) errs.push(invalid("namespace", ns, msg));
  return errs;
}

function first(...values: unknown[]): string {
  for (const v of values) if (typeof v === "string" && v !== "") return v;
  return "";
}

function timeOrUndefined(v: unknown): string | undefined {
  return isZeroTime(v) ? undefined : v as string;
}

/** FIRST SEEN: firstTimestamp, else eventTime. */
function firstSeen(obj: KubeObject): string | undefined {
  return timeOrUndefined(obj.firstTimestamp) ?? timeOrUndefined(obj.eventTime);
}

/** LAST SEEN: the series' last observation, else lastTimestamp, else FIRST SEEN. */
function lastSeen(obj: KubeObject): string | undefined {
  const series = asRecord(obj.series);
  if (series) return timeOrUndefined(series.lastObservedTime);
  return timeOrUndefined(obj.lastTimestamp) ?? firstSeen(obj);
}

function target(obj: KubeObject): string {
  const involved = asRecord(obj.involvedObject) ?? {};
  const kind = str(involved.kind).toLowerCase();
  const name = str(involved.name);
  return name ? `${kind}/${name}` : kind;
}

function source(obj: KubeObject): string {
  const src = asRecord(obj.source) ?? {};
  const component = first(src.component, obj.reportingComponent);
  const instance = first(src.host, obj.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

function count(obj: KubeObject): number {
  const series = asRecord(obj.series);
  if (series) return typeof series.count === "number" ? series.count : 0;
  // Singleton events of the new API have no count.
  return typeof obj.count === "number" && obj.count !== 0 ? obj.count : 1;
}

const props = eventSchema.properties!;

/**
 * The core `Event` resource type. Validation is core/v1's: with `eventTime` unset the namespace
 * must match `involvedObject.namespace`; with it set, reportingComponent (a qualified name),
 * reportingInstance, action and reason are required (128 characters each) and the message is at
 * most 1024. Field selectors: `involvedObject.*`, `reason`, `reportingComponent`, `source`,
 * `type`. Columns as kubectl: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, and with `-o wide`
 * SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME. Events show no leading NAME column: the NAME
 * column here is marked with format `name` and printed last, in wide output only.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { eventType } from "@k1s/core";
 * const ev = {
 *   apiVersion: "v1",
 *   kind: "Event",
 *   metadata: { name: "foo.1", namespace: "default" },
 *   involvedObject: { kind: "ConfigMap", name: "foo", namespace: "default" },
 *   reason: "Synced",
 * };
 * assertEquals(eventType.strategy.validate!(ev), []);
 * assertEquals(eventType.printerColumns[3].value!(ev), "configmap/foo");
 * ```
 */
export const eventType: ResourceType = {
  group: "",
  version: "v1",
  kind: "Event",
  listKind: "EventList",
  plural: "events",
  singular: "event",
  shortNames: ["ev"],
  categories: [],
  namespaced: true,
  verbs: STANDARD_VERBS,
  subresources: {},
  printerColumns: [
    {
      name: "Last Seen",
      type: "date",
      description: props.lastTimestamp.description,
      value: lastSeen,
    },
    { name: "Type", type: "string", description: props.type.description, jsonPath: ".type" },
    { name: "Reason", type: "string", description: props.reason.description, jsonPath: ".reason" },
    {
      name: "Object",
      type: "string",
      description: props.involvedObject.description,
      value: target,
    },
    {
      name: "Subobject",
      type: "string",
      priority: 1,
      description: props.involvedObject.properties!.fieldPath.description,
      value: (obj) => str(asRecord(obj.involvedObject)?.fieldPath),
    },
    {
      name: "Source",
      type: "string",
      priority: 1,
      description: props.source.description,
      value: source,
    },
    {
      name: "Message",
      type: "string",
      description: props.message.description,
      value: (obj) => str(obj.message).trim(),
    },
    {
      name: "First Seen",
      type: "date",
      priority: 1,
      description: props.firstTimestamp.description,
      value: firstSeen,
    },
    {
      name: "Count",
      type: "integer",
      priority: 1,
      description: props.count.description,
      value: count,
    },
    {
      name: "Name",
      type: "string",
      format: "name",
      priority: 1,
      description: props.metadata.properties!.name.description,
      jsonPath: ".metadata.name",
    },
  ],
  schema: eventSchema,
  strategy: {
    // core/v1 Events keep their legacy validation: only the apiserver's generic path-segment
    // check applies to the name (events.k8s.io/v1 would check a DNS subdomain).
    nameValidation: "path",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    validate: validateEvent,
    validateUpdate: validateEvent,
    fieldSelectorAttrs: (obj) => {
      const io = asRecord(obj.involvedObject) ?? {};
      const src = asRecord(obj.source) ?? {};
      return {
        "involvedObject.kind": str(io.kind),
        "involvedObject.namespace": str(io.namespace),
        "involvedObject.name": str(io.name),
        "involvedObject.uid": str(io.uid),
        "involvedObject.apiVersion": str(io.apiVersion),
        "involvedObject.resourceVersion": str(io.resourceVersion),
        "involvedObject.fieldPath": str(io.fieldPath),
        reason: str(obj.reason),
        reportingComponent: str(obj.reportingComponent),
        source: first(src.component, obj.reportingComponent),
        type: str(obj.type),
      };
    },
  },
};
