// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * An audit log: one JSON line per decision, shaped as Kubernetes' `audit.k8s.io/v1` events at
 * level `Metadata` (who, verb, resource, namespace, name, decision; never object contents, so
 * Secret values and tokens cannot end up in it).
 *
 * @module
 */
import type {
  AdmissionPlugin,
  AdmissionRequest,
  AuthorizationAttributes,
  Authorizer,
  UserInfo,
} from "../apiserver/context.ts";
import { StatusError } from "../errors/status_error.ts";
import type { AuditEvent } from "./types.ts";

/** Where audit events go. */
export interface AuditLogger {
  /** Records one event. */
  log(event: AuditEvent): void;
  /** Releases the file, if any. */
  close(): void;
  /** The clock stamping events. @default {() => new Date()} */
  readonly now?: () => Date;
}

/** Options of {@linkcode createAuditLogger}. */
export interface AuditLoggerOptions {
  /** The clock. @default {() => new Date()} */
  now?: () => Date;
}

/** RFC 3339 with microseconds, as audit timestamps are written. */
function micro(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/**
 * Creates an audit logger appending JSON lines to a file (created with mode 0600; each line is
 * one append, so processes sharing the file do not interleave within lines), or handing events
 * to a function.
 *
 * @param target A file path, or a function receiving each event.
 * @param options The clock.
 * @returns The logger; close it when done.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { auditAuthorizer, createAuditLogger, type AuditEvent } from "@k1s/core";
 * const events: AuditEvent[] = [];
 * const authz = auditAuthorizer({ authorize() {} }, createAuditLogger((e) => events.push(e)));
 * await authz.authorize({ user: { username: "alice" }, verb: "get", group: "", version: "v1", resource: "secrets", namespace: "default", name: "s" });
 * assertEquals(events[0].annotations["authorization.k8s.io/decision"], "allow");
 * ```
 */
export function createAuditLogger(
  target: string | ((event: AuditEvent) => void),
  options: AuditLoggerOptions = {},
): AuditLogger {
  const now = options.now ?? (() => new Date());
  if (typeof target === "function") return { now, log: target, close() {} };
  let file: Deno.FsFile | undefined;
  const encoder = new TextEncoder();
  return {
    now,
    log(event) {
      file ??= Deno.openSync(target, { write: true, append: true, create: true, mode: 0o600 });
      const bytes = encoder.encode(JSON.stringify(event) + "\n");
      // One write per line: O_APPEND keeps lines of concurrent processes whole.
      let off = 0;
      while (off < bytes.length) off += file.writeSync(bytes.subarray(off));
    },
    close() {
      file?.close();
      file = undefined;
    },
  };
}

function userOf(u: UserInfo): AuditEvent["user"] {
  return {
    username: u.username,
    ...(u.uid ? { uid: u.uid } : {}),
    ...(u.groups ? { groups: [...u.groups] } : {}),
  };
}

function event(
  now: Date,
  verb: string,
  user: UserInfo,
  ref: AuditEvent["objectRef"],
  annotations: Record<string, string>,
  status?: AuditEvent["responseStatus"],
): AuditEvent {
  const ts = micro(now);
  return {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: crypto.randomUUID(),
    stage: status ? "ResponseComplete" : "RequestReceived",
    verb,
    user: userOf(user),
    objectRef: ref,
    ...(status ? { responseStatus: status } : {}),
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
    annotations,
  };
}

function refOf(a: AuthorizationAttributes): AuditEvent["objectRef"] {
  return {
    resource: a.resource,
    ...(a.namespace ? { namespace: a.namespace } : {}),
    ...(a.name ? { name: a.name } : {}),
    apiGroup: a.group,
    apiVersion: a.version,
    ...(a.subresource ? { subresource: a.subresource } : {}),
  };
}

/**
 * Wraps an authorizer so that each decision is audited: `allow` as a `RequestReceived` event,
 * a denial as a `ResponseComplete` event with the 403 status. Other failures (e.g. an expired
 * token, 401) are recorded with their status too.
 *
 * @param inner The authorizer deciding.
 * @param logger Where events go.
 * @returns The auditing authorizer.
 */
export function auditAuthorizer(
  inner: Authorizer,
  logger: AuditLogger,
): Authorizer {
  const now = logger.now ?? (() => new Date());
  return {
    async authorize(attrs: AuthorizationAttributes): Promise<void> {
      try {
        await inner.authorize(attrs);
      } catch (e) {
        const status = e instanceof StatusError
          ? { code: e.code, reason: e.status.reason, message: e.message }
          : { code: 500, reason: "InternalError" };
        logger.log(event(now(), attrs.verb, attrs.user, refOf(attrs), {
          "authorization.k8s.io/decision": "forbid",
          "authorization.k8s.io/reason": "",
        }, status));
        throw e;
      }
      logger.log(event(now(), attrs.verb, attrs.user, refOf(attrs), {
        "authorization.k8s.io/decision": "allow",
        "authorization.k8s.io/reason": "",
      }));
    },
  };
}

/** The verbs that change the store: each request with one of them is audited. */
const WRITE_VERBS = new Set(["create", "update", "patch", "delete", "deletecollection"]);

/**
 * An authorizer for requests nothing else checks, the store owner's: allows everything and
 * audits each write request (create, update, patch, delete, deletecollection) as an `allow`
 * decision, so that the owner's writes are recorded as other identities' are, once per request.
 * Reads are not recorded. `installRbac` installs it as the runtime's own authorizer when given
 * an audit logger; without one the owner's requests are never authorized.
 *
 * @param logger Where events go.
 * @returns The authorizer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { auditOwnerWrites, createAuditLogger, type AuditEvent } from "@k1s/core";
 * const events: AuditEvent[] = [];
 * const authz = auditOwnerWrites(createAuditLogger((e) => events.push(e)));
 * const attrs = { user: { username: "k1s:store-owner" }, group: "", version: "v1", resource: "configmaps", namespace: "default", name: "a" };
 * await authz.authorize({ ...attrs, verb: "get" });
 * await authz.authorize({ ...attrs, verb: "delete" });
 * assertEquals(events.map((e) => [e.verb, e.annotations["authorization.k8s.io/decision"]]), [["delete", "allow"]]);
 * ```
 */
export function auditOwnerWrites(logger: AuditLogger): Authorizer {
  const now = logger.now ?? (() => new Date());
  return {
    authorize(attrs: AuthorizationAttributes): void {
      if (!WRITE_VERBS.has(attrs.verb)) return;
      logger.log(event(now(), attrs.verb, attrs.user, refOf(attrs), {
        "authorization.k8s.io/decision": "allow",
        "authorization.k8s.io/reason": "",
      }));
    },
  };
}

const OPERATION_VERBS = { CREATE: "create", UPDATE: "update", DELETE: "delete" } as const;

/**
 * A validating admission plugin that audits every create and update that reaches validating
 * admission, by any identity, the runtime's own components included (garbage collector,
 * namespace controller, event recorders): register it last. It is not installed by default:
 * requests are audited once each by {@linkcode auditAuthorizer} and {@linkcode auditOwnerWrites},
 * and this plugin adds a second event for those that reach admission. The event's annotation
 * `k1s.io/admission: admitted` means earlier plugins accepted it; a later plugin or a conflict
 * may still fail the write.
 *
 * @param logger Where events go.
 * @returns The plugin.
 */
export function auditAdmission(logger: AuditLogger): AdmissionPlugin {
  const now = logger.now ?? (() => new Date());
  return {
    name: "Audit",
    validate(req: AdmissionRequest): void {
      const meta = req.object.metadata ?? {};
      logger.log(event(now(), OPERATION_VERBS[req.operation], req.user, {
        resource: req.type.plural,
        ...(meta.namespace ? { namespace: meta.namespace } : {}),
        ...(meta.name ? { name: meta.name } : {}),
        apiGroup: req.type.group,
        apiVersion: req.type.version,
        ...(req.subresource ? { subresource: req.subresource } : {}),
      }, { "k1s.io/admission": req.dryRun ? "admitted (dry run)" : "admitted" }));
    },
  };
}
