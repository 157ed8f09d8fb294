// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import type { PolicyRule } from "./types.ts";
import {
  breakdownRule,
  compactRules,
  compactString,
  compileRule,
  covers,
  type RequestAttributes,
  ruleAllows,
  ruleSortKey,
} from "./_rules.ts";
import { goList, goQuote, goQuoteList } from "./_go.ts";

function req(over: Partial<RequestAttributes> = {}): RequestAttributes {
  return { verb: "get", group: "", resource: "configmaps", ...over };
}

const CASES: [string, PolicyRule, RequestAttributes, boolean][] = [
  // Verbs.
  ["exact verb", { verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }, req(), true],
  ["other verb", { verbs: ["list"], apiGroups: [""], resources: ["configmaps"] }, req(), false],
  ["verb wildcard", { verbs: ["*"], apiGroups: [""], resources: ["configmaps"] }, req(), true],
  [
    "verbs are case sensitive",
    { verbs: ["GET"], apiGroups: [""], resources: ["configmaps"] },
    req(),
    false,
  ],
  [
    "special verb escalate",
    { verbs: ["escalate"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"] },
    req({ verb: "escalate", group: "rbac.authorization.k8s.io", resource: "roles" }),
    true,
  ],
  // API groups.
  [
    "core group is the empty string",
    { verbs: ["get"], apiGroups: [""], resources: ["configmaps"] },
    req(),
    true,
  ],
  [
    "core rule, other group",
    { verbs: ["get"], apiGroups: [""], resources: ["roles"] },
    req({ group: "rbac.authorization.k8s.io", resource: "roles" }),
    false,
  ],
  [
    "group rule, core request",
    { verbs: ["get"], apiGroups: ["apps"], resources: ["configmaps"] },
    req(),
    false,
  ],
  [
    "group wildcard",
    { verbs: ["get"], apiGroups: ["*"], resources: ["widgets"] },
    req({ group: "example.com", resource: "widgets" }),
    true,
  ],
  ["no apiGroups matches nothing", { verbs: ["get"], resources: ["configmaps"] }, req(), false],
  // Resources and subresources.
  [
    "resource wildcard",
    { verbs: ["get"], apiGroups: [""], resources: ["*"] },
    req({ resource: "secrets" }),
    true,
  ],
  [
    "resource wildcard covers subresources",
    { verbs: ["update"], apiGroups: ["*"], resources: ["*"] },
    req({ verb: "update", resource: "widgets", subresource: "status" }),
    true,
  ],
  ["other resource", { verbs: ["get"], apiGroups: [""], resources: ["secrets"] }, req(), false],
  [
    "resource does not cover its status",
    { verbs: ["update"], apiGroups: ["example.com"], resources: ["widgets"] },
    req({ verb: "update", group: "example.com", resource: "widgets", subresource: "status" }),
    false,
  ],
  [
    "x/status covers the status",
    { verbs: ["update"], apiGroups: ["example.com"], resources: ["widgets/status"] },
    req({ verb: "update", group: "example.com", resource: "widgets", subresource: "status" }),
    true,
  ],
  [
    "x/status does not cover x",
    { verbs: ["update"], apiGroups: ["example.com"], resources: ["widgets/status"] },
    req({ verb: "update", group: "example.com", resource: "widgets" }),
    false,
  ],
  [
    "x/status does not cover y/status",
    { verbs: ["update"], apiGroups: ["example.com"], resources: ["gadgets/status"] },
    req({ verb: "update", group: "example.com", resource: "widgets", subresource: "status" }),
    false,
  ],
  [
    "*/status covers every status",
    { verbs: ["update"], apiGroups: ["*"], resources: ["*/status"] },
    req({ verb: "update", group: "example.com", resource: "widgets", subresource: "status" }),
    true,
  ],
  [
    "*/status does not cover */scale",
    { verbs: ["update"], apiGroups: ["*"], resources: ["*/status"] },
    req({ verb: "update", resource: "widgets", subresource: "scale" }),
    false,
  ],
  [
    "*/status does not cover the resource",
    { verbs: ["get"], apiGroups: ["*"], resources: ["*/status"] },
    req(),
    false,
  ],
  [
    "*/sta does not cover status",
    { verbs: ["get"], apiGroups: ["*"], resources: ["*/sta"] },
    req({ subresource: "status" }),
    false,
  ],
  [
    "serviceaccounts/token",
    { verbs: ["create"], apiGroups: [""], resources: ["serviceaccounts/token"] },
    req({ verb: "create", resource: "serviceaccounts", subresource: "token", name: "sa" }),
    true,
  ],
  // Resource names.
  [
    "no names: any object",
    { verbs: ["get"], apiGroups: [""], resources: ["configmaps"] },
    req({ name: "anything" }),
    true,
  ],
  [
    "listed name",
    { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a", "b"] },
    req({ name: "b" }),
    true,
  ],
  [
    "unlisted name",
    { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] },
    req({ name: "c" }),
    false,
  ],
  [
    "names never allow list",
    { verbs: ["list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] },
    req({ verb: "list" }),
    false,
  ],
  [
    "names never allow create",
    { verbs: ["create"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] },
    req({ verb: "create" }),
    false,
  ],
  [
    "names never allow deletecollection",
    {
      verbs: ["deletecollection"],
      apiGroups: [""],
      resources: ["configmaps"],
      resourceNames: ["a"],
    },
    req({ verb: "deletecollection" }),
    false,
  ],
  [
    "names allow watch of that name",
    { verbs: ["watch"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] },
    req({ verb: "watch", name: "a" }),
    true,
  ],
  [
    "empty name is not a name",
    { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: [""] },
    req(),
    true,
  ],
  // Non-resource URLs.
  ["exact URL", { verbs: ["get"], nonResourceURLs: ["/healthz"] }, req({ path: "/healthz" }), true],
  [
    "other URL",
    { verbs: ["get"], nonResourceURLs: ["/healthz"] },
    req({ path: "/healthz/etcd" }),
    false,
  ],
  ["URL wildcard", { verbs: ["get"], nonResourceURLs: ["*"] }, req({ path: "/metrics" }), true],
  [
    "URL prefix",
    { verbs: ["get"], nonResourceURLs: ["/healthz/*"] },
    req({ path: "/healthz/etcd" }),
    true,
  ],
  [
    "URL prefix without slash",
    { verbs: ["get"], nonResourceURLs: ["/health*"] },
    req({ path: "/healthz" }),
    true,
  ],
  [
    "URL prefix is not the parent",
    { verbs: ["get"], nonResourceURLs: ["/healthz/*"] },
    req({ path: "/healthz" }),
    false,
  ],
  [
    "URL verb",
    { verbs: ["post"], nonResourceURLs: ["/healthz"] },
    req({ path: "/healthz" }),
    false,
  ],
  ["URL rule never matches resources", { verbs: ["*"], nonResourceURLs: ["*"] }, req(), false],
  [
    "resource rule never matches URLs",
    { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
    req({ path: "/healthz" }),
    false,
  ],
];

Deno.test("ruleAllows() matches as Kubernetes' RuleAllows", async (t) => {
  for (const [name, rule, attrs, want] of CASES) {
    await t.step(name, () => assertEquals(ruleAllows(compileRule(rule), attrs), want));
  }
});

Deno.test("breakdownRule() splits into one verb, resource and name each", () => {
  assertEquals(
    breakdownRule({
      verbs: ["get", "list"],
      apiGroups: [""],
      resources: ["pods"],
      resourceNames: ["a"],
    }),
    [
      { apiGroups: [""], resources: ["pods"], verbs: ["get"], resourceNames: ["a"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["list"], resourceNames: ["a"] },
    ],
  );
  assertEquals(breakdownRule({ verbs: ["get"], nonResourceURLs: ["/a", "/b"] }), [
    { nonResourceURLs: ["/a"], verbs: ["get"] },
    { nonResourceURLs: ["/b"], verbs: ["get"] },
  ]);
});

const COVERS: [string, PolicyRule[], PolicyRule[], boolean][] = [
  ["same rule", [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }], [{
    verbs: ["get"],
    apiGroups: [""],
    resources: ["pods"],
  }], true],
  ["wildcards cover everything", [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }], [{
    verbs: ["get", "escalate"],
    apiGroups: ["x.io"],
    resources: ["a/status"],
    resourceNames: ["n"],
  }], true],
  ["missing verb", [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }], [{
    verbs: ["get", "list"],
    apiGroups: [""],
    resources: ["pods"],
  }], false],
  ["*/status covers a status", [{ verbs: ["update"], apiGroups: [""], resources: ["*/status"] }], [{
    verbs: ["update"],
    apiGroups: [""],
    resources: ["pods/status"],
  }], true],
  [
    "*/status does not cover the resource",
    [{ verbs: ["update"], apiGroups: [""], resources: ["*/status"] }],
    [{ verbs: ["update"], apiGroups: [""], resources: ["pods"] }],
    false,
  ],
  ["unnamed covers named", [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }], [{
    verbs: ["get"],
    apiGroups: [""],
    resources: ["pods"],
    resourceNames: ["a"],
  }], true],
  [
    "named does not cover unnamed",
    [{ verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["a"] }],
    [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }],
    false,
  ],
  [
    "named covers the same name",
    [{ verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["a", "b"] }],
    [{ verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["b"] }],
    true,
  ],
  ["URL prefix covers", [{ verbs: ["get"], nonResourceURLs: ["/api/*"] }], [{
    verbs: ["get"],
    nonResourceURLs: ["/api/v1"],
  }], true],
  ["URL not covered", [{ verbs: ["get"], nonResourceURLs: ["/api"] }], [{
    verbs: ["get"],
    nonResourceURLs: ["/apis"],
  }], false],
  [
    "union of owner rules",
    [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }, {
      verbs: ["list"],
      apiGroups: [""],
      resources: ["pods"],
    }],
    [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
    true,
  ],
  [
    "nothing covers something",
    [],
    [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }],
    false,
  ],
  ["anything covers nothing", [], [], true],
];

Deno.test("covers() decides as Kubernetes' Covers", async (t) => {
  for (const [name, owner, servant, want] of COVERS) {
    await t.step(name, () => assertEquals(covers(owner, servant).covered, want));
  }
});

Deno.test("compactRules() merges verbs of simple rules, in first-seen order", () => {
  const missing =
    covers([], [{ verbs: ["get", "list"], apiGroups: [""], resources: ["secrets", "pods"] }])
      .missing;
  assertEquals(compactRules(missing).map(compactString), [
    '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
    '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
  ]);
  // Rules with names stay apart for the server; kubectl merges those with one name.
  const named = breakdownRule({
    verbs: ["get", "list"],
    apiGroups: [""],
    resources: ["pods"],
    resourceNames: ["a"],
  });
  assertEquals(compactRules(named).length, 2);
  assertEquals(compactRules(named, true), [
    { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"], resourceNames: ["a"] },
  ]);
});

Deno.test("compactString() renders as Go's CompactString", () => {
  assertEquals(
    compactString({ verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["a b"] }),
    '{APIGroups:[""], Resources:["pods"], ResourceNames:["a b"], Verbs:["get"]}',
  );
  assertEquals(
    compactString({ verbs: ["get"], nonResourceURLs: ["/x"] }),
    '{NonResourceURLs:["/x"], Verbs:["get"]}',
  );
});

Deno.test("ruleSortKey() is the generated PolicyRule.String()", () => {
  assertEquals(
    ruleSortKey({ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }),
    "&PolicyRule{Verbs:[get list],APIGroups:[],Resources:[pods],ResourceNames:[],NonResourceURLs:[],}",
  );
});

Deno.test("goQuote() quotes as strconv.Quote", async (t) => {
  const cases: [string, string][] = [
    ["alice", '"alice"'],
    ['a"b', '"a\\"b"'],
    ["a\\b", '"a\\\\b"'],
    ["tab\there", '"tab\\there"'],
    ["nul\0", '"nul\\x00"'],
    ["del\x7f", '"del\\x7f"'],
    ["héllo", '"héllo"'],
    ["<x>", '"<x>"'],
    ["c1\u0085", '"c1\\u0085"'],
  ];
  for (const [input, want] of cases) {
    await t.step(JSON.stringify(input), () => assertEquals(goQuote(input), want));
  }
  assertEquals(goQuoteList(["get", "list"]), '["get" "list"]');
  assertEquals(goQuoteList([]), "[]");
  assertEquals(goList(["a", "b"]), "[a b]");
  assertEquals(goList(undefined), "[]");
});
