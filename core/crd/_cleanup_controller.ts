// Copyright 2026 the k1s authors. Apache-2.0 license.
// apiextensions' CRDFinalizer: once a CRD is deleted, mark it Terminating, delete its custom
// resources, then drop the cleanup finalizer so the CRD goes. Each reconcile also refreshes
// the registry from the CRD's latest state, so a long-running process follows CRD changes
// other processes make.
import type { Controller, ReconcileContext, Request, Result } from "../controller/types.ts";
import type { KubeObject } from "../object/types.ts";
import { isNotFound, StatusError } from "../errors/status_error.ts";
import type { CustomResourceState } from "./_state.ts";
import { setCondition } from "./_names.ts";
import { CUSTOM_RESOURCE_CLEANUP_FINALIZER } from "./crd_type.ts";
import type { CustomResourceDefinition, CustomResourceDefinitionCondition } from "./types.ts";

const CRD = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" };

/** How long to wait before looking again for custom resources that are still finalizing. */
export const INSTANCE_RECHECK_MS = 5000;

function rfc3339(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function isEstablished(crd: CustomResourceDefinition): boolean {
  return (crd.status?.conditions ?? []).some((c) =>
    c.type === "Established" && c.status === "True"
  );
}

function conflictOrGone(e: unknown): boolean {
  return e instanceof StatusError &&
    (e.status.reason === "Conflict" || e.status.reason === "NotFound");
}

/** Deletes every custom resource of the CRD; resolves to how many remain (finalizing). */
async function deleteInstances(
  ctx: ReconcileContext,
  type: { apiVersion: string; kind: string },
  namespaced: boolean,
): Promise<number> {
  const list = await ctx.client.list(type);
  const namespaces = new Set(list.items.map((o) => o.metadata.namespace ?? ""));
  for (const ns of namespaces) {
    await ctx.client.deleteAllOf(type, namespaced && ns ? { namespace: ns } : {});
  }
  return (await ctx.client.list(type)).items.length;
}

/**
 * The controller that cleans up after a deleted CRD.
 *
 * @param state The runtime's custom-resource state.
 * @param now The clock.
 * @returns The controller.
 */
export function crdCleanupController(state: CustomResourceState, now: () => Date): Controller {
  /** Lets the group's CRDs whose names were refused take the names a deleted CRD freed. */
  const reconsider = async (ctx: ReconcileContext, name: string) => {
    const group = name.slice(name.indexOf(".") + 1);
    await state.reconsiderGroup(group, async (crd) => {
      try {
        const stored = await ctx.client.status().update(crd as unknown as KubeObject);
        state.sync(stored as unknown as CustomResourceDefinition);
      } catch (e) {
        if (!conflictOrGone(e)) throw e;
      }
    });
  };
  return {
    name: "apiextensions-crd-finalizer",
    for: CRD,
    async reconcile(ctx: ReconcileContext, req: Request): Promise<Result | void> {
      let crd: CustomResourceDefinition;
      try {
        crd = await ctx.client.get<KubeObject>(CRD, {
          name: req.name,
        }) as unknown as CustomResourceDefinition;
      } catch (e) {
        if (isNotFound(e)) {
          state.forget(req.name);
          await reconsider(ctx, req.name);
          return;
        }
        throw e;
      }
      state.sync(crd);
      if (
        !crd.metadata.deletionTimestamp ||
        !crd.metadata.finalizers?.includes(CUSTOM_RESOURCE_CLEANUP_FINALIZER)
      ) return;

      const setStatus = async (cond: CustomResourceDefinitionCondition) => {
        setCondition(crd, cond, { now: rfc3339(now()) });
        crd = await ctx.client.status().update(
          crd as unknown as KubeObject,
        ) as unknown as CustomResourceDefinition;
        state.sync(crd);
      };
      try {
        await setStatus({
          type: "Terminating",
          status: "True",
          reason: "InstanceDeletionInProgress",
          message: "CustomResource deletion is in progress",
        });
      } catch (e) {
        if (conflictOrGone(e)) return { requeue: true };
        throw e;
      }

      const type = state.entry(req.name)?.types[0];
      if (isEstablished(crd) && type) {
        let remaining: number;
        try {
          remaining = await deleteInstances(
            ctx,
            { apiVersion: `${type.group}/${type.version}`, kind: type.kind },
            type.namespaced,
          );
        } catch (e) {
          const message = `could not issue all deletes: ${(e as Error).message}`;
          await setStatus({
            type: "Terminating",
            status: "True",
            reason: "InstanceDeletionFailed",
            message,
          }).catch(() => {});
          throw e;
        }
        if (remaining > 0) {
          ctx.log(`${type.plural}.${type.group} waiting for ${remaining} items to be removed`);
          return { requeueAfter: INSTANCE_RECHECK_MS };
        }
        setCondition(crd, {
          type: "Terminating",
          status: "False",
          reason: "InstanceDeletionCompleted",
          message: "removed all instances",
        }, { now: rfc3339(now()) });
      } else {
        setCondition(crd, {
          type: "Terminating",
          status: "False",
          reason: "NeverEstablished",
          message: "resource was never established",
        }, { now: rfc3339(now()) });
      }
      try {
        crd = await ctx.client.status().update(
          crd as unknown as KubeObject,
        ) as unknown as CustomResourceDefinition;
        crd.metadata.finalizers = crd.metadata.finalizers!.filter((f) =>
          f !== CUSTOM_RESOURCE_CLEANUP_FINALIZER
        );
        await ctx.client.update(crd as unknown as KubeObject);
      } catch (e) {
        if (conflictOrGone(e)) return { requeue: true };
        throw e;
      }
      await reconsider(ctx, req.name);
    },
  };
}
