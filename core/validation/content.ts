// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * String-format checks worded as apimachinery's `util/validation` words them. Each returns the
 * list of problems (empty when the value is fine), like Go's `IsDNS1123Label` and friends.
 *
 * The returned empty list is a shared frozen array: checking a valid value allocates nothing.
 *
 * @module
 */

const NONE: readonly string[] = Object.freeze([]);

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";

const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const CONFIG_MAP_KEY_RE = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);

/** The longest DNS-1123 label (63). */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** The longest DNS-1123 subdomain (253). */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** The longest label value and the longest name part of a qualified name (63). */
export const LABEL_VALUE_MAX_LENGTH = 63;

/**
 * `must be no more than <n> characters`, as apimachinery's `MaxLenError`.
 *
 * @param length The limit.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { maxLenError } from "@k1s/core";
 * assertEquals(maxLenError(63), "must be no more than 63 characters");
 * ```
 */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/**
 * A regex failure message with examples, as apimachinery's `RegexError`. Note the quirk it keeps:
 * every example but the last is followed by `', '`, so a second example reads `',  or '` with two
 * spaces.
 *
 * @param msg What the value must be.
 * @param fmt The regex.
 * @param examples Valid examples.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { regexError } from "@k1s/core";
 * assertEquals(regexError("bad", "x+", "a", "b"), "bad (e.g. 'a',  or 'b', regex used for validation is 'x+')");
 * ```
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let s = `${msg} (e.g. `;
  for (let i = 0; i < examples.length; i++) {
    if (i > 0) s += " or ";
    s += `'${examples[i]}', `;
  }
  return `${s}regex used for validation is '${fmt}')`;
}

const DNS1123_LABEL_MSG = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  DNS1123_LABEL_FMT,
  "my-name",
  "123-abc",
);
const DNS1123_SUBDOMAIN_MSG = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  DNS1123_SUBDOMAIN_FMT,
  "example.com",
);
const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MSG = regexError(
  QUALIFIED_NAME_ERR,
  QUALIFIED_NAME_FMT,
  "MyName",
  "my.name",
  "123-abc",
);
const LABEL_VALUE_MSG = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  LABEL_VALUE_FMT,
  "MyValue",
  "my_value",
  "12345",
);
const CONFIG_MAP_KEY_MSG = regexError(
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
  CONFIG_MAP_KEY_FMT,
  "key.name",
  "KEY_NAME",
  "key-name",
);

/**
 * The UTF-8 length of a string, which is what Go's `len` measures.
 *
 * @param s Any string.
 * @returns Its length in UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { utf8Length } from "@k1s/core";
 * assertEquals(utf8Length("é"), 2);
 * ```
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        // A surrogate pair: 2 UTF-16 units, 4 UTF-8 bytes.
        n += 2;
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

/** Whether `s` is longer than `max` UTF-8 bytes, without counting when it cannot be. */
function longerThan(s: string, max: number): boolean {
  if (s.length > max) return true;
  // A UTF-16 unit is at most 3 UTF-8 bytes.
  if (s.length * 3 <= max) return false;
  return utf8Length(s) > max;
}

/**
 * Checks a DNS-1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters), as
 * apimachinery's `IsDNS1123Label`.
 *
 * @param value The value.
 * @returns The problems; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isDNS1123Label } from "@k1s/core";
 * assertEquals(isDNS1123Label("my-name"), []);
 * assertEquals(isDNS1123Label("a.b"), ["must not contain dots"]);
 * ```
 */
export function isDNS1123Label(value: string): readonly string[] {
  const tooLong = longerThan(value, DNS1123_LABEL_MAX_LENGTH);
  if (!tooLong && DNS1123_LABEL_RE.test(value)) return NONE;
  const errs: string[] = [];
  if (tooLong) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(value)) {
    // A valid subdomain that is not a valid label can only have failed on its dots.
    errs.push(DNS1123_SUBDOMAIN_RE.test(value) ? "must not contain dots" : DNS1123_LABEL_MSG);
  }
  return errs;
}

/**
 * Checks a DNS-1123 subdomain (dot-separated labels, at most 253 characters), as apimachinery's
 * `IsDNS1123Subdomain`.
 *
 * @param value The value.
 * @returns The problems; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isDNS1123Subdomain } from "@k1s/core";
 * assertEquals(isDNS1123Subdomain("example.com"), []);
 * assertEquals(isDNS1123Subdomain("Foo").length, 1);
 * ```
 */
export function isDNS1123Subdomain(value: string): readonly string[] {
  const tooLong = longerThan(value, DNS1123_SUBDOMAIN_MAX_LENGTH);
  const ok = DNS1123_SUBDOMAIN_RE.test(value);
  if (!tooLong && ok) return NONE;
  const errs: string[] = [];
  if (tooLong) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!ok) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}

/**
 * Checks a name that must be safe as a URL path segment (RBAC kinds): not `.` or `..`, no `/`
 * or `%`, as apimachinery's `IsValidPathSegmentName`.
 *
 * @param value The value.
 * @returns The problems; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isValidPathSegmentName } from "@k1s/core";
 * assertEquals(isValidPathSegmentName("system:admin"), []);
 * assertEquals(isValidPathSegmentName("a/b%"), ["may not contain '/'", "may not contain '%'"]);
 * ```
 */
export function isValidPathSegmentName(value: string): readonly string[] {
  if (value === ".") return ["may not be '.'"];
  if (value === "..") return ["may not be '..'"];
  const slash = value.includes("/");
  const percent = value.includes("%");
  if (!slash && !percent) return NONE;
  const errs: string[] = [];
  if (slash) errs.push("may not contain '/'");
  if (percent) errs.push("may not contain '%'");
  return errs;
}

/**
 * Checks what Kubernetes calls a qualified name (label keys, annotation keys, finalizers): an
 * optional DNS subdomain prefix and `/`, then a name of at most 63 characters. As
 * apimachinery's `IsQualifiedName`.
 *
 * @param value The value.
 * @returns The problems; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isQualifiedName } from "@k1s/core";
 * assertEquals(isQualifiedName("example.com/my-name"), []);
 * assertEquals(isQualifiedName("/x"), ["prefix part must be non-empty"]);
 * ```
 */
export function isQualifiedName(value: string): readonly string[] {
  const slash = value.indexOf("/");
  if (slash < 0) {
    if (!longerThan(value, LABEL_VALUE_MAX_LENGTH) && QUALIFIED_NAME_RE.test(value)) return NONE;
    return namePartErrors(value, []);
  }
  if (value.indexOf("/", slash + 1) >= 0) {
    return [
      `a qualified name ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const prefix = value.slice(0, slash);
  const name = value.slice(slash + 1);
  const prefixErrs = prefix.length === 0 ? ["must be non-empty"] : isDNS1123Subdomain(prefix);
  if (
    prefixErrs.length === 0 && !longerThan(name, LABEL_VALUE_MAX_LENGTH) &&
    QUALIFIED_NAME_RE.test(name)
  ) {
    return NONE;
  }
  const errs: string[] = [];
  for (const m of prefixErrs) errs.push(`prefix part ${m}`);
  return namePartErrors(name, errs);
}

function namePartErrors(name: string, errs: string[]): string[] {
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (longerThan(name, LABEL_VALUE_MAX_LENGTH)) {
    errs.push(`name part ${maxLenError(LABEL_VALUE_MAX_LENGTH)}`);
  }
  if (!QUALIFIED_NAME_RE.test(name)) errs.push(`name part ${QUALIFIED_NAME_MSG}`);
  return errs;
}

/**
 * Checks a label value: empty, or at most 63 alphanumerics, `-`, `_` and `.` that start and end
 * alphanumeric. As apimachinery's `IsValidLabelValue`.
 *
 * @param value The value.
 * @returns The problems; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isValidLabelValue } from "@k1s/core";
 * assertEquals(isValidLabelValue(""), []);
 * assertEquals(isValidLabelValue("bad value").length, 1);
 * ```
 */
export function isValidLabelValue(value: string): readonly string[] {
  const tooLong = longerThan(value, LABEL_VALUE_MAX_LENGTH);
  const ok = LABEL_VALUE_RE.test(value);
  if (!tooLong && ok) return NONE;
  const errs: string[] = [];
  if (tooLong) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!ok) errs.push(LABEL_VALUE_MSG);
  return errs;
}

/**
 * Checks a ConfigMap or Secret key: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.` or `..`
 * and not starting with `..`. As apimachinery's `IsConfigMapKey`.
 *
 * @param value The key.
 * @returns The problems; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isConfigMapKey } from "@k1s/core";
 * assertEquals(isConfigMapKey("app.properties"), []);
 * assertEquals(isConfigMapKey(".."), ["must not be '..'"]);
 * ```
 */
export function isConfigMapKey(value: string): readonly string[] {
  const tooLong = longerThan(value, DNS1123_SUBDOMAIN_MAX_LENGTH);
  const ok = CONFIG_MAP_KEY_RE.test(value);
  const dots = value.charCodeAt(0) === 0x2e && (value.length === 1 || value.charCodeAt(1) === 0x2e);
  if (!tooLong && ok && !dots) return NONE;
  const errs: string[] = [];
  if (tooLong) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!ok) errs.push(CONFIG_MAP_KEY_MSG);
  if (value === ".") errs.push("must not be '.'");
  else if (value === "..") errs.push("must not be '..'");
  else if (value.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

/** The rule a kind's `metadata.name` follows. */
export type NameValidation = "subdomain" | "label" | "path";

/**
 * Checks an object name, or with `prefix` a `generateName` prefix, under one of the three name
 * rules. A prefix may end in `-`: as apimachinery's `maskTrailingDash`, its last two characters
 * are then replaced by `a` before checking.
 *
 * @param name The name or prefix.
 * @param rule `subdomain` (most kinds), `label` (Namespace) or `path` (RBAC kinds).
 * @param options `prefix` when checking a generateName.
 * @returns The problems; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { validateName } from "@k1s/core";
 * assertEquals(validateName("web-", "subdomain", { prefix: true }), []);
 * assertEquals(validateName("a.b", "label"), ["must not contain dots"]);
 * ```
 */
export function validateName(
  name: string,
  rule: NameValidation,
  options: { prefix?: boolean } = {},
): readonly string[] {
  if (rule === "path") return isValidPathSegmentName(name);
  let n = name;
  if (options.prefix && n.length > 1 && n.charCodeAt(n.length - 1) === 0x2d) {
    n = n.slice(0, n.length - 2) + "a";
  }
  return rule === "label" ? isDNS1123Label(n) : isDNS1123Subdomain(n);
}
