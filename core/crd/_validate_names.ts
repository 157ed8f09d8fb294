// Copyright 2026 the k1s authors. Apache-2.0 license.
// The validation of a CRD's names (apiextensions' `ValidateCustomResourceDefinitionNames`),
// which the CRD kind's status strategy needs: apart from the rest of validate_crd.ts, so that
// registering the CRD kind loads no schema validation.
import { type FieldError, invalid } from "../errors/field_error.ts";
import { maxLenError, regexError } from "../validation/content.ts";
import type { CustomResourceDefinition, CustomResourceDefinitionNames } from "./types.ts";

const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const DNS1035_LABEL_MSG = regexError(
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  DNS1035_LABEL_FMT,
  "my-name",
  "abc-123",
);

/** apimachinery's `IsDNS1035Label`. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(value)) errs.push(DNS1035_LABEL_MSG);
  return errs;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** apiextensions' `ValidateCustomResourceDefinitionNames`. */
export function validateNames(
  names: CustomResourceDefinitionNames | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const n = (names ?? {}) as Partial<CustomResourceDefinitionNames>;
  const plural = str(n.plural);
  const singular = str(n.singular);
  const kind = str(n.kind);
  const listKind = str(n.listKind);
  let e: string[];
  if (plural && (e = isDNS1035Label(plural)).length) {
    errs.push(invalid(`${path}.plural`, plural, e.join(",")));
  }
  if (singular && (e = isDNS1035Label(singular)).length) {
    errs.push(invalid(`${path}.singular`, singular, e.join(",")));
  }
  if (kind && (e = isDNS1035Label(kind.toLowerCase())).length) {
    errs.push(
      invalid(
        `${path}.kind`,
        kind,
        `may have mixed case, but should otherwise match: ${e.join(",")}`,
      ),
    );
  }
  if (listKind && (e = isDNS1035Label(listKind.toLowerCase())).length) {
    errs.push(
      invalid(
        `${path}.listKind`,
        listKind,
        `may have mixed case, but should otherwise match: ${e.join(",")}`,
      ),
    );
  }
  (Array.isArray(n.shortNames) ? n.shortNames : []).forEach((s, i) => {
    const msgs = isDNS1035Label(str(s));
    if (msgs.length) errs.push(invalid(`${path}.shortNames[${i}]`, str(s), msgs.join(",")));
  });
  if (kind && kind === listKind) {
    errs.push(invalid(`${path}.listKind`, listKind, "kind and listKind may not be the same"));
  }
  (Array.isArray(n.categories) ? n.categories : []).forEach((c, i) => {
    const msgs = isDNS1035Label(str(c));
    if (msgs.length) errs.push(invalid(`${path}.categories[${i}]`, str(c), msgs.join(",")));
  });
  return errs;
}

/**
 * Validates a status update of a CRD (`ValidateUpdateCustomResourceDefinitionStatus`): the
 * accepted names.
 *
 * @param crd The CRD.
 * @returns The field errors.
 */
export function validateCustomResourceDefinitionStatus(
  crd: CustomResourceDefinition,
): FieldError[] {
  return validateNames(crd.status?.acceptedNames, "status.acceptedNames");
}
