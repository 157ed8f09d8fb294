// Copyright 2026 the k1s authors. Apache-2.0 license.
import { StatusError } from "../errors/status_error.ts";

/**
 * The apiserver's answer to a patch that cannot be applied to the object: apimachinery's
 * `NewGenericServerResponse(422, ...)`, a 422 Invalid whose message says only that the request
 * was rejected. For a JSON patch operation that does not apply the apiserver keeps nothing of
 * the library's message (kubectl prints `The request is invalid: the server rejected our
 * request due to an error in our request`); for the strategic merge directives it cannot apply
 * it keeps it as an `UnexpectedServerResponse` cause (kubectl prints it after
 * `The request is invalid: `). Either way the library's error is the JS `cause`, which a
 * client-side patch (`kubectl patch --local`) prints instead.
 *
 * @param cause The patch library's error.
 * @param options `unexpectedResponse`: keep the library's message as a cause.
 * @returns The 422 Invalid status error.
 */
export function notApplied(
  cause: Error,
  options: { unexpectedResponse: boolean },
): StatusError {
  return new StatusError({
    reason: "Invalid",
    code: 422,
    message: "the server rejected our request due to an error in our request",
    details: options.unexpectedResponse
      ? { causes: [{ reason: "UnexpectedServerResponse", message: cause.message }] }
      : {},
  }, { cause });
}
