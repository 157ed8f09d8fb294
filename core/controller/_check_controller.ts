// Copyright 2026 the k1s authors. Apache-2.0 license.
// What `ControllerManager.add` checks, shared by the manager and the runtime's stand-in for it
// (which takes controllers before the manager is loaded).
import type { Controller } from "./types.ts";

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

/**
 * Throws the TypeError `add` throws for a controller it cannot register.
 *
 * @param controller The controller to add.
 * @param registered Whether a controller of that name is registered already.
 */
export function checkController(
  controller: Controller,
  registered: (name: string) => boolean,
): void {
  if (!controller || typeof controller.reconcile !== "function") {
    throw new TypeError("Cannot add a controller without a reconcile function");
  }
  if (typeof controller.name !== "string" || !NAME_RE.test(controller.name)) {
    throw new TypeError(
      `Cannot add controller ${
        JSON.stringify(controller.name)
      }: a name must be letters, digits, '-', '.' or '_'`,
    );
  }
  if (!controller.for?.apiVersion || !controller.for?.kind) {
    throw new TypeError(
      `Cannot add controller "${controller.name}": "for" needs apiVersion and kind`,
    );
  }
  if (registered(controller.name)) {
    throw new TypeError(
      `Cannot add controller "${controller.name}": a controller with that name is already registered`,
    );
  }
}
