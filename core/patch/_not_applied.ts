// Copyright 2026 the k1s authors. Apache-2.0 license.
import { StatusError } from "../errors/status_error.ts";

/**
 * The apiserver's answer to a patch that cannot be applied to the object (a JSON patch operation
 * that does not apply, some strategic merge directives): apimachinery's
 * `NewGenericServerResponse(422, ...)`, which keeps the patch library's message as the cause
 * (kubectl prints it after `The request is invalid: `).
 *
 * @param cause The patch library's error.
 * @returns The 422 Invalid status error.
 */
export function notApplied(cause: Error): StatusError {
  return new StatusError({
    reason: "Invalid",
    code: 422,
    message: "the server rejected our request due to an error in our request",
    details: { causes: [{ reason: "UnexpectedServerResponse", message: cause.message }] },
  }, { cause });
}
