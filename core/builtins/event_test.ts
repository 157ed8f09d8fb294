// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import type { KubeObject } from "../object/types.ts";
import { eventType } from "./event.ts";

const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const MISMATCH = "does not match event.namespace";

function ev(fields: Record<string, unknown> = {}, namespace = "default"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "foo.17c8a3b2d4e5f6a7", namespace },
    involvedObject: { kind: "ConfigMap", name: "foo", namespace: "default" },
    reason: "Synced",
    ...fields,
  };
}

const NEW = {
  eventTime: "2026-01-01T00:00:00.000000Z",
  reportingComponent: "k1s.io/controller",
  reportingInstance: "host-1",
  action: "Sync",
};

Deno.test("eventType applies core/v1 event validation", async (t) => {
  const cases: [string, KubeObject, string[]][] = [
    ["legacy event", ev(), []],
    [
      "legacy, cluster-scoped object in default",
      ev({ involvedObject: { kind: "Node", name: "n" } }),
      [],
    ],
    [
      "legacy, cluster-scoped object in another namespace",
      ev({ involvedObject: { kind: "Node", name: "n" } }, "x"),
      [
        `involvedObject.namespace: Invalid value: "": ${MISMATCH}`,
      ],
    ],
    ["legacy, namespaces differ", ev({}, "other"), [
      `involvedObject.namespace: Invalid value: "default": ${MISMATCH}`,
    ]],
    ["legacy, no reason needed", ev({ reason: undefined }), []],
    ["legacy, zero eventTime is unset", ev({ eventTime: "0001-01-01T00:00:00Z" }), []],
    ["new event", ev(NEW), []],
    [
      "new event in kube-system for a cluster object",
      ev({ ...NEW, involvedObject: { kind: "Node", name: "n" } }, "kube-system"),
      [],
    ],
    [
      "new event, cluster object elsewhere",
      ev({ ...NEW, involvedObject: { kind: "Node", name: "n" } }, "x"),
      [
        `involvedObject.namespace: Invalid value: "": ${MISMATCH}`,
      ],
    ],
    [
      "new event missing everything",
      ev({ eventTime: NEW.eventTime, reason: undefined }),
      [
        "reportingController: Required value",
        'reportingController: Invalid value: "": name part must be non-empty',
        `reportingController: Invalid value: "": ${NAME_PART_MSG}`,
        "reportingInstance: Required value",
        "action: Required value",
        "reason: Required value",
      ],
    ],
    ["new event, bad controller", ev({ ...NEW, reportingComponent: "a b" }), [
      `reportingController: Invalid value: "a b": ${NAME_PART_MSG}`,
    ]],
    [
      "new event, long fields",
      ev({
        ...NEW,
        reportingInstance: "i".repeat(129),
        action: "a".repeat(129),
        reason: "r".repeat(129),
        message: "m".repeat(1025),
      }),
      [
        'reportingInstance: Invalid value: "": can have at most 128 characters',
        'action: Invalid value: "": can have at most 128 characters',
        'reason: Invalid value: "": can have at most 128 characters',
        'message: Invalid value: "": can have at most 1024 characters',
      ],
    ],
    [
      "new event, limits reached",
      ev({ ...NEW, reason: "r".repeat(128), message: "m".repeat(1024) }),
      [],
    ],
    ["legacy event, long message", ev({ message: "m".repeat(5000) }), []],
    [
      "bad namespace",
      ev({ involvedObject: { kind: "ConfigMap", name: "a", namespace: "Bad_NS" } }, "Bad_NS"),
      [
        `namespace: Invalid value: "Bad_NS": ${SUBDOMAIN_MSG}`,
      ],
    ],
  ];
  for (const [name, obj, want] of cases) {
    await t.step(name, () => {
      assertEquals(eventType.strategy.validate!(obj).map(formatFieldError), want);
      assertEquals(eventType.strategy.validateUpdate!(obj, ev()).map(formatFieldError), want);
    });
  }
});

Deno.test("eventType exposes kubectl's field selectors", () => {
  const e = ev({
    involvedObject: {
      kind: "Pod",
      name: "p",
      namespace: "default",
      uid: "u",
      apiVersion: "v1",
      resourceVersion: "7",
      fieldPath: "spec.containers{a}",
    },
    type: "Warning",
    reportingComponent: "ctl",
  });
  assertEquals(eventType.strategy.fieldSelectorAttrs!(e), {
    "involvedObject.kind": "Pod",
    "involvedObject.namespace": "default",
    "involvedObject.name": "p",
    "involvedObject.uid": "u",
    "involvedObject.apiVersion": "v1",
    "involvedObject.resourceVersion": "7",
    "involvedObject.fieldPath": "spec.containers{a}",
    reason: "Synced",
    reportingComponent: "ctl",
    source: "ctl",
    type: "Warning",
  });
  assertEquals(
    eventType.strategy.fieldSelectorAttrs!(ev({ source: { component: "kubelet" } })).source,
    "kubelet",
  );
  assertEquals(
    Object.values(
      eventType.strategy.fieldSelectorAttrs!({ apiVersion: "", kind: "", metadata: {} }),
    ).join(""),
    "",
  );
});

Deno.test("eventType prints kubectl's event columns", async (t) => {
  const cols = eventType.printerColumns;
  await t.step("headers, wide-only columns and the NAME column", () => {
    assertEquals(
      cols.map((c) => `${c.name}${c.priority ? "*" : ""}`),
      [
        "Last Seen",
        "Type",
        "Reason",
        "Object",
        "Subobject*",
        "Source*",
        "Message",
        "First Seen*",
        "Count*",
        "Name*",
      ],
    );
    assertEquals(cols[9].format, "name");
  });
  const cell = (name: string, e: KubeObject) => {
    const c = cols.find((c) => c.name === name)!;
    return c.value ? c.value(e) : c.jsonPath;
  };
  const cases: [string, string, KubeObject, unknown][] = [
    [
      "LAST SEEN from lastTimestamp",
      "Last Seen",
      ev({ firstTimestamp: "2026-01-01T00:00:00Z", lastTimestamp: "2026-01-02T00:00:00Z" }),
      "2026-01-02T00:00:00Z",
    ],
    [
      "LAST SEEN falls back to firstTimestamp",
      "Last Seen",
      ev({ firstTimestamp: "2026-01-01T00:00:00Z" }),
      "2026-01-01T00:00:00Z",
    ],
    [
      "LAST SEEN falls back to eventTime",
      "Last Seen",
      ev({ eventTime: "2026-01-03T00:00:00.000001Z" }),
      "2026-01-03T00:00:00.000001Z",
    ],
    [
      "LAST SEEN of a series",
      "Last Seen",
      ev({
        lastTimestamp: "2026-01-02T00:00:00Z",
        series: { count: 4, lastObservedTime: "2026-01-05T00:00:00Z" },
      }),
      "2026-01-05T00:00:00Z",
    ],
    ["LAST SEEN unknown", "Last Seen", ev(), undefined],
    [
      "FIRST SEEN",
      "First Seen",
      ev({ firstTimestamp: "2026-01-01T00:00:00Z", eventTime: "2026-01-03T00:00:00Z" }),
      "2026-01-01T00:00:00Z",
    ],
    ["OBJECT", "Object", ev(), "configmap/foo"],
    ["OBJECT without a name", "Object", ev({ involvedObject: { kind: "Node" } }), "node"],
    [
      "SUBOBJECT",
      "Subobject",
      ev({ involvedObject: { kind: "Pod", name: "p", fieldPath: "spec.containers{a}" } }),
      "spec.containers{a}",
    ],
    [
      "SOURCE",
      "Source",
      ev({ source: { component: "kubelet", host: "node-1" } }),
      "kubelet, node-1",
    ],
    [
      "SOURCE from reporting fields",
      "Source",
      ev({ reportingComponent: "ctl", reportingInstance: "i-1" }),
      "ctl, i-1",
    ],
    [
      "SOURCE without host",
      "Source",
      ev({ source: { component: "k1s-controller" } }),
      "k1s-controller",
    ],
    ["MESSAGE trimmed", "Message", ev({ message: "  synced \n" }), "synced"],
    ["COUNT defaults to 1", "Count", ev(), 1],
    ["COUNT", "Count", ev({ count: 3 }), 3],
    ["COUNT of a series", "Count", ev({ count: 3, series: { count: 7 } }), 7],
    ["TYPE", "Type", ev({ type: "Normal" }), ".type"],
  ];
  for (const [name, col, e, want] of cases) {
    await t.step(name, () => assertEquals(cell(col, e), want));
  }
});
