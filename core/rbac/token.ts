// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * ServiceAccount tokens: JWTs signed with HMAC-SHA256 under a key kept in the store, bound to
 * the ServiceAccount's uid (deleting the ServiceAccount revokes them), to the key (rotating it
 * revokes every token) and optionally to a Secret (deleting it revokes the token), with
 * Kubernetes' TokenRequest bounds and claims.
 *
 * @module
 */
import { type KubeObject, parseApiVersion } from "../object/types.ts";
import type { UserInfo } from "../apiserver/context.ts";
import type { Runtime } from "../runtime/runtime.ts";
import type { Storage } from "../storage/types.ts";
import { invalid } from "../errors/field_error.ts";
import {
  newBadRequest,
  newConflict,
  newInvalid,
  newNotFound,
  StatusError,
} from "../errors/status_error.ts";
import { isStorageError } from "../storage/storage_error.ts";
import { objectKey } from "../apiserver/_keys.ts";
import { serviceAccountType } from "../builtins/service_account.ts";
import { secretType } from "../builtins/secret.ts";
import type { BoundObjectReference, TokenRequestOptions, TokenRequestStatus } from "./types.ts";
import { serviceAccountUser } from "./impersonation.ts";
import { createRbacAuthorizer } from "./authorizer.ts";
import { isOwner } from "./_identity.ts";
import { goQuote } from "./_go.ts";

/** Kubernetes' default TokenRequest lifetime. */
const DEFAULT_EXPIRATION_SECONDS = 3600;
/** Clock skew tolerated on `exp` and `nbf` (go-jose's `DefaultLeeway`). */
const LEEWAY_SECONDS = 60;
const ISSUER = "k1s";
const CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";

/** The stored signing key (outside `/registry`, so no API request can read it). */
interface SigningKey extends KubeObject {
  keyId: string;
  algorithm: "HS256";
  secret: string;
}

/** An object a token names: its ServiceAccount, the Secret it is bound to. */
interface ObjectClaim {
  name: string;
  uid: string;
}

/** The claims k1s signs (those of a Kubernetes bound ServiceAccount token, without a pod). */
interface Claims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  "kubernetes.io": { namespace: string; serviceaccount: ObjectClaim; secret?: ObjectClaim };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function b64url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromB64url(s: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new TypeError("Not base64url");
  const b64 = s.replaceAll("-", "+").replaceAll("_", "/");
  const bin = atob(b64 + "=".repeat((4 - b64.length % 4) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The root of a runtime's keys: `""` or `/tenants/<t>`. */
function tenantRoot(keyPrefix: string): string {
  return keyPrefix.endsWith("/registry") ? keyPrefix.slice(0, -"/registry".length) : keyPrefix;
}

/** The storage key of the signing key of a runtime. */
function signingKeyKey(rt: Runtime): string {
  return `${tenantRoot(rt.server.keyPrefix)}/k1s/rbac/signing-key`;
}

/** The audience of tokens of a runtime: `k1s`, or `k1s:tenant:<t>` for a tenant. */
function audience(rt: Runtime): string {
  const m = /^\/tenants\/([^/]+)\/registry$/.exec(rt.server.keyPrefix);
  return m ? `${ISSUER}:tenant:${m[1]}` : ISSUER;
}

function newKey(now: Date): SigningKey {
  return {
    apiVersion: "k1s.io/v1alpha1",
    kind: "SigningKey",
    metadata: { name: "signing-key", uid: crypto.randomUUID(), creationTimestamp: rfc3339(now) },
    keyId: crypto.randomUUID(),
    algorithm: "HS256",
    secret: b64url(crypto.getRandomValues(new Uint8Array(32))),
  };
}

async function loadKey(storage: Storage, key: string): Promise<SigningKey | undefined> {
  const obj = await storage.get(key);
  return obj && typeof obj.secret === "string" ? obj as SigningKey : undefined;
}

async function loadOrCreateKey(rt: Runtime): Promise<SigningKey> {
  const key = signingKeyKey(rt);
  const existing = await loadKey(rt.storage, key);
  if (existing) return existing;
  try {
    return await rt.storage.create(key, newKey(rt.server.now())) as SigningKey;
  } catch (e) {
    // Another process created it first.
    if (isStorageError(e, "KeyExists")) {
      const again = await loadKey(rt.storage, key);
      if (again) return again;
    }
    throw e;
  }
}

function importKey(k: SigningKey): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    fromB64url(k.secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, "Z");
}

async function getServiceAccount(
  rt: Runtime,
  namespace: string,
  name: string,
): Promise<KubeObject | undefined> {
  return await rt.storage.get(objectKey(rt.server.keyPrefix, serviceAccountType, namespace, name));
}

/**
 * Issues a token for a ServiceAccount, as `kubectl create token SA [--duration]` does through a
 * TokenRequest. The signing key is created in the store on first use. An identity other than
 * the store owner needs `create` on `serviceaccounts/token`.
 *
 * @param rt The runtime (its identity asks).
 * @param options The ServiceAccount and the lifetime (default 3600 s; 600 s to 2^32 s).
 * @returns The token and its expiry.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { authenticateToken, createRuntime, issueToken } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * await rt.client.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "default" } });
 * const { token } = await issueToken(rt, { namespace: "default", serviceAccount: "builder" });
 * const user = await authenticateToken(rt, token);
 * assertEquals(user.username, "system:serviceaccount:default:builder");
 * ```
 */
export async function issueToken(
  rt: Runtime,
  options: TokenRequestOptions,
): Promise<TokenRequestStatus> {
  const seconds = options.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (!Number.isSafeInteger(seconds)) {
    throw new TypeError(`Cannot issue a token lasting ${seconds} seconds: not a whole number`);
  }
  const errs = [];
  const path = "spec.expirationSeconds";
  if (seconds < 600) {
    errs.push(invalid(path, seconds, "may not specify a duration less than 10 minutes"));
  }
  if (seconds > 2 ** 32) {
    errs.push(invalid(path, seconds, "may not specify a duration larger than 2^32 seconds"));
  }
  if (errs.length) {
    throw newInvalid({ group: "authentication.k8s.io", kind: "TokenRequest" }, "", errs);
  }
  const { namespace, serviceAccount: name } = options;
  if (!isOwner(rt.user)) {
    const authz = createRbacAuthorizer(rt, { followWrites: false });
    await authz.authorize({
      user: rt.user,
      verb: "create",
      group: "",
      version: "v1",
      resource: "serviceaccounts",
      subresource: "token",
      namespace,
      name,
    });
  }
  const sa = await getServiceAccount(rt, namespace, name);
  if (!sa) throw newNotFound({ group: "", resource: "serviceaccounts" }, name);
  const secret = options.boundObjectRef
    ? await boundSecret(rt, namespace, name, options.boundObjectRef)
    : undefined;
  const key = await loadOrCreateKey(rt);
  const now = Math.floor(rt.server.now().getTime() / 1000);
  const claims: Claims = {
    aud: options.audiences?.length ? [...options.audiences] : [audience(rt)],
    exp: now + seconds,
    iat: now,
    iss: ISSUER,
    jti: crypto.randomUUID(),
    "kubernetes.io": {
      namespace,
      serviceaccount: { name, uid: sa.metadata.uid ?? "" },
      ...(secret ? { secret } : {}),
    },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const header = { alg: "HS256", kid: key.keyId, typ: "JWT" };
  const signingInput = `${b64url(encoder.encode(JSON.stringify(header)))}.${
    b64url(encoder.encode(JSON.stringify(claims)))
  }`;
  const sig = await crypto.subtle.sign("HMAC", await importKey(key), encoder.encode(signingInput));
  return {
    token: `${signingInput}.${b64url(new Uint8Array(sig))}`,
    expirationTimestamp: rfc3339(new Date(claims.exp * 1000)),
  };
}

/** The kinds TokenREST binds tokens to (all in the core group), with their resources. */
const BOUND_RESOURCES = new Map([["Pod", "pods"], ["Node", "nodes"], ["Secret", "secrets"]]);

/** Whether an object was deleted more than the leeway before `now` (epoch seconds). */
function deletedBefore(obj: KubeObject, now: number): boolean {
  const at = obj.metadata.deletionTimestamp;
  return at !== undefined && Date.parse(at) < (now - LEEWAY_SECONDS) * 1000;
}

/**
 * The object a TokenRequest binds to, checked as the API server's TokenREST does: it must exist
 * in the namespace (k1s serves no Pods or Nodes) and have the uid asked for.
 */
async function boundSecret(
  rt: Runtime,
  namespace: string,
  serviceAccount: string,
  ref: BoundObjectReference,
): Promise<ObjectClaim> {
  const { group, version } = parseApiVersion(ref.apiVersion ?? "v1");
  const resource = BOUND_RESOURCES.get(ref.kind);
  if (group !== "" || !resource) {
    throw newBadRequest(
      `cannot bind token for serviceaccount ${
        goQuote(serviceAccount)
      } to object of type ${group}/${version}, Kind=${ref.kind}`,
    );
  }
  const obj = resource === "secrets"
    ? await rt.storage.get(objectKey(rt.server.keyPrefix, secretType, namespace, ref.name))
    : undefined;
  if (!obj) throw newNotFound({ group: "", resource }, ref.name);
  const uid = obj.metadata.uid ?? "";
  if (ref.uid && ref.uid !== uid) {
    throw newConflict(
      { group: "", resource: ref.kind },
      ref.name,
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  return { name: ref.name, uid };
}

function unauthorized(cause: unknown): StatusError {
  // Kubernetes says no more than `Unauthorized`; the cause is for logs the owner controls.
  return new StatusError({ reason: "Unauthorized", code: 401, message: "Unauthorized" }, { cause });
}

function parseJson(part: string): unknown {
  return JSON.parse(decoder.decode(fromB64url(part)));
}

function isClaims(v: unknown): v is Claims {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Record<string, unknown>;
  const k = c["kubernetes.io"] as Claims["kubernetes.io"] | undefined;
  return typeof c.exp === "number" && typeof c.nbf === "number" && typeof c.sub === "string" &&
    typeof c.jti === "string" && Array.isArray(c.aud) && typeof k === "object" && k !== null &&
    typeof k.namespace === "string" && typeof k.serviceaccount?.name === "string" &&
    typeof k.serviceaccount?.uid === "string";
}

/**
 * Verifies a token and returns the ServiceAccount identity it stands for (with the
 * ServiceAccount's uid and the token's `authentication.kubernetes.io/credential-id`). A
 * malformed, forged, expired or revoked token (ServiceAccount deleted or recreated, signing key
 * rotated, another tenant's token) is a 401 `StatusError` with message `Unauthorized`; the
 * cause, kept off the message, says why.
 *
 * @param rt The runtime whose store holds the key and the ServiceAccount.
 * @param token The bearer token.
 * @returns The identity.
 *
 * @example
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { authenticateToken, createRuntime, StatusError } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const err = await assertRejects(() => authenticateToken(rt, "not-a-token"), StatusError);
 * assertEquals([err.code, err.message], [401, "Unauthorized"]);
 * ```
 */
export async function authenticateToken(rt: Runtime, token: string): Promise<UserInfo> {
  const parts = token.trim().split(".");
  if (parts.length !== 3) throw unauthorized(new TypeError("Token is not a JWT"));
  let header: { alg?: unknown; kid?: unknown };
  let claims: unknown;
  let sig: Uint8Array<ArrayBuffer>;
  try {
    header = parseJson(parts[0]) as typeof header;
    claims = parseJson(parts[1]);
    sig = fromB64url(parts[2]);
  } catch (e) {
    throw unauthorized(e);
  }
  if (header?.alg !== "HS256") throw unauthorized(new TypeError("Unsupported token algorithm"));
  const key = await loadKey(rt.storage, signingKeyKey(rt));
  if (!key || header.kid !== key.keyId) {
    throw unauthorized(new TypeError("Token signed with an unknown key"));
  }
  const ok = await crypto.subtle.verify(
    "HMAC",
    await importKey(key),
    sig,
    encoder.encode(`${parts[0]}.${parts[1]}`),
  );
  if (!ok) throw unauthorized(new TypeError("Invalid token signature"));
  if (!isClaims(claims)) throw unauthorized(new TypeError("Token claims are incomplete"));
  const c = claims;
  if (!c.aud.includes(audience(rt))) {
    throw unauthorized(new TypeError("Token audience does not match this store or tenant"));
  }
  const now = rt.server.now().getTime() / 1000;
  if (now > c.exp + LEEWAY_SECONDS) {
    throw unauthorized(new TypeError("service account token has expired"));
  }
  if (now < c.nbf - LEEWAY_SECONDS) {
    throw unauthorized(new TypeError("service account token is not valid yet"));
  }
  const { namespace, serviceaccount: ref } = c["kubernetes.io"];
  if (c.sub !== `system:serviceaccount:${namespace}:${ref.name}`) {
    throw unauthorized(new TypeError("Token subject does not match its ServiceAccount"));
  }
  const sa = await getServiceAccount(rt, namespace, ref.name);
  if (!sa) {
    throw unauthorized(
      new TypeError(`serviceaccounts ${goQuote(ref.name)} not found in namespace ${namespace}`),
    );
  }
  if (deletedBefore(sa, now)) {
    throw unauthorized(new TypeError(`service account ${namespace}/${ref.name} has been deleted`));
  }
  if (sa.metadata.uid !== ref.uid) {
    throw unauthorized(
      new TypeError(`service account UID (${sa.metadata.uid}) does not match claim (${ref.uid})`),
    );
  }
  const bound = c["kubernetes.io"].secret;
  if (bound) {
    const secret = await rt.storage.get(
      objectKey(rt.server.keyPrefix, secretType, namespace, String(bound.name)),
    );
    if (!secret || deletedBefore(secret, now)) {
      throw unauthorized(new TypeError("service account token has been invalidated"));
    }
    if (secret.metadata.uid !== bound.uid) {
      throw unauthorized(
        new TypeError(
          `secret UID (${secret.metadata.uid}) does not match service account secret ref claim (${bound.uid})`,
        ),
      );
    }
  }
  return serviceAccountUser(namespace, ref.name, {
    uid: ref.uid,
    extra: { [CREDENTIAL_ID]: [`JTI=${c.jti}`] },
  });
}

/** The expiry of a token already verified by {@linkcode authenticateToken}, in epoch seconds. */
export function tokenExpiry(token: string): number {
  try {
    const claims = parseJson(token.trim().split(".")[1]);
    return isClaims(claims) ? claims.exp + LEEWAY_SECONDS : 0;
  } catch {
    return 0;
  }
}

/**
 * Replaces the signing key, revoking every token issued so far. Only the store owner may.
 *
 * @param rt The runtime.
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { authenticateToken, createRuntime, issueToken, rotateSigningKey, StatusError } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * await rt.client.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "default" } });
 * const { token } = await issueToken(rt, { namespace: "default", serviceAccount: "builder" });
 * await rotateSigningKey(rt);
 * await assertRejects(() => authenticateToken(rt, token), StatusError, "Unauthorized");
 * ```
 */
export async function rotateSigningKey(rt: Runtime): Promise<void> {
  if (!isOwner(rt.user)) {
    throw new StatusError({
      reason: "Forbidden",
      code: 403,
      message: `forbidden: User ${goQuote(rt.user.username)} cannot rotate the token signing key`,
    });
  }
  const key = signingKeyKey(rt);
  const fresh = newKey(rt.server.now());
  const current = await rt.storage.get(key);
  if (!current) {
    await rt.storage.create(key, fresh);
    return;
  }
  await rt.storage.update(key, fresh, {
    expectedRevision: Number(current.metadata.resourceVersion),
  });
}
