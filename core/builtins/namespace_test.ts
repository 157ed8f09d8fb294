// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import type { KubeObject } from "../object/types.ts";
import { namespaceType, validateNamespaceFinalize } from "./namespace.ts";

const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const NOT_QUALIFIED = "name is neither a standard finalizer name nor is it fully qualified";

function ns(fields: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev", ...meta }, ...fields };
}

Deno.test("namespaceType prepares a new namespace", async (t) => {
  const label = { "kubernetes.io/metadata.name": "dev" };
  const cases: [string, KubeObject, KubeObject][] = [
    [
      "plain",
      ns(),
      ns({ spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } }, { labels: label }),
    ],
    [
      "keeps user finalizers, appends kubernetes, resets status",
      ns({
        spec: { finalizers: ["example.com/x"] },
        status: { phase: "Terminating", conditions: [] },
      }),
      ns({ spec: { finalizers: ["example.com/x", "kubernetes"] }, status: { phase: "Active" } }, {
        labels: label,
      }),
    ],
    [
      "kubernetes already there",
      ns({ spec: { finalizers: ["kubernetes"] } }),
      ns({ spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } }, { labels: label }),
    ],
    [
      "name label overrides a wrong one and keeps others",
      ns({}, { labels: { "kubernetes.io/metadata.name": "other", team: "a" } }),
      ns({ spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } }, {
        labels: { "kubernetes.io/metadata.name": "dev", team: "a" },
      }),
    ],
  ];
  for (const [name, obj, want] of cases) {
    await t.step(name, () => {
      namespaceType.strategy.prepareForCreate!(obj);
      assertEquals(obj, want);
    });
  }
});

Deno.test("namespaceType keeps spec.finalizers and status on the main endpoint", async (t) => {
  const old = ns({ spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } }, {
    labels: { "kubernetes.io/metadata.name": "dev" },
  });
  await t.step("changes to both are reverted", () => {
    const obj = ns({ spec: { finalizers: [] }, status: { phase: "Terminating" } }, {
      labels: { a: "b" },
    });
    namespaceType.strategy.prepareForUpdate!(obj, old);
    assertEquals(
      obj,
      ns({ spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } }, {
        labels: { a: "b", "kubernetes.io/metadata.name": "dev" },
      }),
    );
  });
  await t.step("status writes keep the spec and default the phase", () => {
    const obj = ns({ spec: { finalizers: ["x/y"] }, status: {} });
    namespaceType.strategy.prepareForStatusUpdate!(obj, old);
    assertEquals(
      obj,
      ns({ spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } }, {
        labels: { "kubernetes.io/metadata.name": "dev" },
      }),
    );
  });
});

Deno.test("namespaceType validates spec.finalizers and status phases", async (t) => {
  const create: [string, KubeObject, string[]][] = [
    ["standard", ns({ spec: { finalizers: ["kubernetes"] } }), []],
    ["qualified", ns({ spec: { finalizers: ["example.com/x", "kubernetes"] } }), []],
    ["unqualified", ns({ spec: { finalizers: ["x", "kubernetes"] } }), [
      `spec.finalizers: Invalid value: "x": ${NOT_QUALIFIED}`,
    ]],
    ["invalid", ns({ spec: { finalizers: ["a b"] } }), [
      `spec.finalizers: Invalid value: "a b": ${NAME_PART_MSG}`,
      `spec.finalizers: Invalid value: "a b": ${NOT_QUALIFIED}`,
    ]],
  ];
  for (const [name, obj, want] of create) {
    await t.step(
      name,
      () => assertEquals(namespaceType.strategy.validate!(obj).map(formatFieldError), want),
    );
  }
  const status: [string, KubeObject, string[]][] = [
    ["Active", ns({ status: { phase: "Active" } }), []],
    [
      "Terminating while deleting",
      ns({ status: { phase: "Terminating" } }, { deletionTimestamp: "2026-01-01T00:00:00Z" }),
      [],
    ],
    ["Terminating while not deleting", ns({ status: { phase: "Terminating" } }), [
      "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty",
    ]],
    [
      "Active while deleting",
      ns({ status: { phase: "Active" } }, { deletionTimestamp: "2026-01-01T00:00:00Z" }),
      [
        "status.Phase: Invalid value: \"Active\": may only be 'Terminating' if `deletionTimestamp` is not empty",
      ],
    ],
  ];
  for (const [name, obj, want] of status) {
    await t.step(`status ${name}`, () => {
      assertEquals(
        namespaceType.strategy.validateStatusUpdate!(obj, obj).map(formatFieldError),
        want,
      );
    });
  }
  await t.step("finalize reports indexed paths", () => {
    assertEquals(
      validateNamespaceFinalize(ns({ spec: { finalizers: ["kubernetes", "y"] } })).map(
        formatFieldError,
      ),
      [`spec.finalizers[1]: Invalid value: "y": ${NOT_QUALIFIED}`],
    );
  });
});

Deno.test("namespaceType selects by status.phase and prints STATUS", () => {
  assertEquals(namespaceType.strategy.fieldSelectorAttrs!(ns({ status: { phase: "Active" } })), {
    "status.phase": "Active",
  });
  assertEquals(
    namespaceType.strategy.fieldSelectorAttrs!({ apiVersion: "", kind: "", metadata: {} }),
    {
      "status.phase": "",
    },
  );
  assertEquals(namespaceType.printerColumns.map((c) => [c.name, c.jsonPath]), [
    ["Status", ".status.phase"],
    ["Age", ".metadata.creationTimestamp"],
  ]);
  assertEquals(namespaceType.strategy.nameValidation, "label");
  assertEquals(namespaceType.namespaced, false);
});
