// Copyright 2026 the k1s authors. Apache-2.0 license.
// What a runtime loads before its first write (or when it needs custom kinds, RBAC or its
// controllers): most of k1s's code, which a process that only reads never loads.
export { createObject } from "../apiserver/create.ts";
export { createControllerManager, createEventRecorder } from "../controller/install.ts";
export { installCustomResourceSupport } from "../crd/install.ts";
export { installRbac } from "../rbac/install.ts";
export { createAuditLogger } from "../rbac/audit.ts";
