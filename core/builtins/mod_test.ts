// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertThrows } from "@std/assert";
import { Registry } from "../registry/registry.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import { StatusError } from "../errors/status_error.ts";
import { checkFieldSelector, supportedFieldLabels } from "../selection/supported_fields.ts";
import { parseFieldSelector } from "../selection/field_selector.ts";
import { validateObjectMeta } from "../validation/object_meta.ts";
import {
  builtinResourceTypes,
  clusterRoleBindingType,
  clusterRoleType,
  configMapType,
  eventType,
  namespaceType,
  roleBindingType,
  roleType,
  secretType,
  serviceAccountType,
} from "./mod.ts";

const ALL = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

Deno.test("builtinResourceTypes() lists the kinds as api-resources shows them", async (t) => {
  // NAME SHORTNAMES APIVERSION NAMESPACED KIND, plus singular and verbs (`-o wide`).
  const want: [string, string, string, string, boolean, string, string[]][] = [
    ["namespaces", "namespace", "ns", "v1", false, "Namespace", [
      "create",
      "delete",
      "get",
      "list",
      "patch",
      "update",
      "watch",
    ]],
    ["configmaps", "configmap", "cm", "v1", true, "ConfigMap", ALL],
    ["secrets", "secret", "", "v1", true, "Secret", ALL],
    ["serviceaccounts", "serviceaccount", "sa", "v1", true, "ServiceAccount", ALL],
    ["events", "event", "ev", "v1", true, "Event", ALL],
    ["roles", "role", "", "rbac.authorization.k8s.io/v1", true, "Role", ALL],
    ["clusterroles", "clusterrole", "", "rbac.authorization.k8s.io/v1", false, "ClusterRole", ALL],
    ["rolebindings", "rolebinding", "", "rbac.authorization.k8s.io/v1", true, "RoleBinding", ALL],
    [
      "clusterrolebindings",
      "clusterrolebinding",
      "",
      "rbac.authorization.k8s.io/v1",
      false,
      "ClusterRoleBinding",
      ALL,
    ],
  ];
  const types = builtinResourceTypes();
  assertEquals(types.length, want.length);
  for (
    const [i, [plural, singular, short, apiVersion, namespaced, kind, verbs]] of want.entries()
  ) {
    await t.step(plural, () => {
      const ty = types[i];
      assertEquals(ty.plural, plural);
      assertEquals(ty.singular, singular);
      assertEquals(ty.shortNames.join(","), short);
      assertEquals(ty.group ? `${ty.group}/${ty.version}` : ty.version, apiVersion);
      assertEquals(ty.namespaced, namespaced);
      assertEquals(ty.kind, kind);
      assertEquals(ty.listKind, `${kind}List`);
      assertEquals([...ty.verbs], verbs);
      // None of these kinds is in the `all` category upstream.
      assertEquals(ty.categories, []);
      assertEquals(ty.strategy.generation, false);
      assertEquals(ty.strategy.allowUnconditionalUpdate, true);
      assertEquals(ty.strategy.strategicMerge, true);
      assert(!ty.printerColumns.some((c) => c.name === "Name" && !c.priority), "NAME is the CLI's");
    });
  }
  await t.step("a fresh array each time", () => {
    const a = builtinResourceTypes();
    a.pop();
    assertEquals(builtinResourceTypes().length, 9);
  });
  await t.step("registers without name clashes", () => {
    const r = new Registry();
    for (const ty of builtinResourceTypes()) r.add(ty);
    assertEquals(r.resolve("cm").map((x) => x.kind), ["ConfigMap"]);
  });
  // As kubectl 1.32 resolves them (recorded against its RESTMapper).
  const names: [string, string[]][] = [
    ["roles.rbac.authorization.k8s.io", ["Role"]],
    ["roles.rbac", ["Role"]],
    ["role.r", ["Role"]],
    ["rolebindings.rbac.authorization", ["RoleBinding"]],
    ["configmaps.v1.", ["ConfigMap"]],
    ["roles.v1.rbac.authorization.k8s.io", ["Role"]],
    ["cm.v1", []],
    ["configmaps.v1", []],
    ["roles.authorization", []],
  ];
  for (const [name, kinds] of names) {
    await t.step(`resolves ${name}`, () => {
      const r = new Registry();
      for (const ty of builtinResourceTypes()) r.add(ty);
      assertEquals(r.resolve(name).map((x) => x.kind), kinds);
    });
  }
});

Deno.test("built-in name rules follow Kubernetes", async (t) => {
  const cases: [string, string, boolean][] = [
    [namespaceType.kind, "label", false],
    [configMapType.kind, "subdomain", true],
    [secretType.kind, "subdomain", true],
    [serviceAccountType.kind, "subdomain", true],
    [eventType.kind, "path", true],
    [roleType.kind, "path", true],
    [clusterRoleType.kind, "path", false],
    [roleBindingType.kind, "path", true],
    [clusterRoleBindingType.kind, "path", false],
  ];
  const byKind = new Map(builtinResourceTypes().map((ty) => [ty.kind, ty]));
  for (const [kind, rule, namespaced] of cases) {
    await t.step(kind, () => {
      const ty = byKind.get(kind)!;
      assertEquals(ty.strategy.nameValidation, rule);
      const meta = { name: "system:a", ...(namespaced ? { namespace: "default" } : {}) };
      const errs = validateObjectMeta(meta, {
        namespaced: ty.namespaced,
        nameValidation: ty.strategy.nameValidation,
        coreKind: true,
      });
      assertEquals(errs.length === 0, rule === "path");
    });
  }
});

function at(schema: JSONSchemaProps, path: string): JSONSchemaProps {
  let s = schema;
  for (const p of path.split(".")) s = p === "[]" ? s.items! : s.properties![p];
  return s;
}

Deno.test("built-in schemas carry upstream list types, merge keys and docs", async (t) => {
  const cases: [string, JSONSchemaProps, string, Partial<JSONSchemaProps>][] = [
    ["ownerReferences merge by uid", configMapSchemaOf(), "metadata.ownerReferences", {
      "x-kubernetes-patch-merge-key": "uid",
      "x-kubernetes-patch-strategy": "merge",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["uid"],
    }],
    ["finalizers merge as a set", configMapSchemaOf(), "metadata.finalizers", {
      "x-kubernetes-patch-strategy": "merge",
      "x-kubernetes-list-type": "set",
    }],
    ["SA secrets merge by name", serviceAccountType.schema!, "secrets", {
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
      "x-kubernetes-list-type": "map",
    }],
    ["SA imagePullSecrets are atomic", serviceAccountType.schema!, "imagePullSecrets", {
      "x-kubernetes-list-type": "atomic",
    }],
    ["Role rules are atomic", roleType.schema!, "rules", { "x-kubernetes-list-type": "atomic" }],
    ["rule verbs are atomic", clusterRoleType.schema!, "rules.[].verbs", {
      "x-kubernetes-list-type": "atomic",
    }],
    ["subjects are atomic", roleBindingType.schema!, "subjects", {
      "x-kubernetes-list-type": "atomic",
    }],
    [
      "aggregation selectors are atomic",
      clusterRoleType.schema!,
      "aggregationRule.clusterRoleSelectors",
      {
        "x-kubernetes-list-type": "atomic",
      },
    ],
    ["namespace conditions merge by type", namespaceType.schema!, "status.conditions", {
      "x-kubernetes-patch-merge-key": "type",
      "x-kubernetes-list-type": "map",
    }],
    ["binaryData is bytes", configMapType.schema!, "binaryData", {
      additionalProperties: { type: "string", format: "byte" },
    }],
    ["event count is int32", eventType.schema!, "count", { type: "integer", format: "int32" }],
    ["eventTime is a date-time", eventType.schema!, "eventTime", {
      type: "string",
      format: "date-time",
    }],
    ["managedFields keep fieldsV1", configMapType.schema!, "metadata.managedFields.[].fieldsV1", {
      "x-kubernetes-preserve-unknown-fields": true,
    }],
  ];
  for (const [name, schema, path, want] of cases) {
    await t.step(name, () => {
      const s = at(schema, path);
      for (const [k, v] of Object.entries(want)) assertEquals(s[k as keyof JSONSchemaProps], v, k);
    });
  }
  await t.step("descriptions are upstream's field docs", () => {
    assertEquals(
      configMapType.schema!.description,
      "ConfigMap holds configuration data for pods to consume.",
    );
    assertEquals(
      at(configMapType.schema!, "metadata").description,
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    );
    assert(at(roleBindingType.schema!, "roleRef").required!.includes("name"));
    for (const ty of builtinResourceTypes()) {
      for (const field of ["apiVersion", "kind", "metadata"]) {
        assert(at(ty.schema!, field).description);
      }
    }
  });
});

function configMapSchemaOf(): JSONSchemaProps {
  return configMapType.schema!;
}

Deno.test("built-in field selectors use upstream's labels and wording", async (t) => {
  const cases: [string, (typeof configMapType), string, string | undefined][] = [
    ["ConfigMap name", configMapType, "metadata.name=a", undefined],
    [
      "ConfigMap unknown",
      configMapType,
      "data.a=b",
      '"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [
      "ServiceAccount unknown",
      serviceAccountType,
      "spec.x=1",
      '"spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [
      "Role unknown",
      roleType,
      "rules=1",
      '"rules" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    ["ClusterRole namespace", clusterRoleType, "metadata.namespace=", undefined],
    ["Secret type", secretType, "type=Opaque", undefined],
    ["Secret unknown", secretType, "spec.foo=a", "field label not supported: spec.foo"],
    ["Namespace phase", namespaceType, "status.phase=Active", undefined],
    [
      "Namespace namespace",
      namespaceType,
      "metadata.namespace=x",
      "field label not supported: metadata.namespace",
    ],
    ["Event involvedObject", eventType, "involvedObject.name=foo,type=Warning", undefined],
    ["Event reportingComponent", eventType, "reportingComponent=x", undefined],
    ["Event unknown", eventType, "message=x", "field label not supported: message"],
  ];
  for (const [name, type, s, want] of cases) {
    await t.step(name, () => {
      if (want === undefined) return checkFieldSelector(parseFieldSelector(s), type);
      const err = assertThrows(() => checkFieldSelector(parseFieldSelector(s), type), StatusError);
      assertEquals(err.message, want);
    });
  }
  assertEquals(supportedFieldLabels(namespaceType), ["metadata.name", "status.phase"]);
});
