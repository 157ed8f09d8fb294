// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * A small subset of `@std/assert` (unreachable from the build machines) on top of
 * `node:assert`, so tests and doc examples read as Deno std users expect.
 *
 * @module
 */
import nodeAssert from "node:assert/strict";

/** Error thrown by failed assertions. */
export class AssertionError extends Error {
  /** @param message The failure. */
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

/** Asserts that `expr` is truthy. */
export function assert(expr: unknown, msg = "Assertion failed"): asserts expr {
  if (!expr) throw new AssertionError(msg);
}

/** Asserts deep equality. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, msg);
}

/** Asserts deep inequality. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  nodeAssert.notDeepStrictEqual(actual, expected, msg);
}

/** Asserts strict (`Object.is`) equality. */
export function assertStrictEquals<T>(actual: T, expected: T, msg?: string): void {
  nodeAssert.strictEqual(actual, expected, msg);
}

/** Asserts that a value is neither `null` nor `undefined`. */
export function assertExists<T>(actual: T, msg?: string): asserts actual is NonNullable<T> {
  if (actual === null || actual === undefined) {
    throw new AssertionError(msg ?? `Expected actual: "${actual}" to not be null or undefined.`);
  }
}

/** Asserts that `actual` includes `expected`. */
export function assertStringIncludes(actual: string, expected: string, msg?: string): void {
  if (!actual.includes(expected)) {
    throw new AssertionError(msg ?? `Expected actual: "${actual}" to contain: "${expected}".`);
  }
}

/** Asserts that `actual` matches `expected`. */
export function assertMatch(actual: string, expected: RegExp, msg?: string): void {
  if (!expected.test(actual)) {
    throw new AssertionError(msg ?? `Expected actual: "${actual}" to match: "${expected}".`);
  }
}

/** Asserts that `actual` does not match `expected`. */
export function assertNotMatch(actual: string, expected: RegExp, msg?: string): void {
  if (expected.test(actual)) {
    throw new AssertionError(msg ?? `Expected actual: "${actual}" to not match: "${expected}".`);
  }
}

/** Asserts that `obj` is an instance of `type`. */
export function assertInstanceOf<T extends abstract new (...args: never[]) => unknown>(
  actual: unknown,
  expectedType: T,
  msg?: string,
): asserts actual is InstanceType<T> {
  if (!(actual instanceof expectedType)) {
    throw new AssertionError(msg ?? `Expected object to be an instance of "${expectedType.name}".`);
  }
}

/** Asserts that `actual` contains all `expected` values. */
export function assertArrayIncludes<T>(
  actual: ArrayLike<T>,
  expected: ArrayLike<T>,
  msg?: string,
): void {
  const a = Array.from(actual);
  for (const e of Array.from(expected)) {
    if (!a.some((x) => isDeepStrictEqual(x, e))) {
      throw new AssertionError(msg ?? `Expected actual to include ${JSON.stringify(e)}.`);
    }
  }
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    nodeAssert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/** Asserts that `fn` throws; returns the error. */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  ErrorClass?: new (...args: any[]) => E,
  msgIncludes?: string,
): E {
  try {
    fn();
  } catch (e) {
    checkError(e, ErrorClass, msgIncludes);
    return e as E;
  }
  throw new AssertionError("Expected function to throw.");
}

/** Asserts that the promise (or async fn) rejects; returns the error. */
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  // deno-lint-ignore no-explicit-any
  ErrorClass?: new (...args: any[]) => E,
  msgIncludes?: string,
): Promise<E> {
  try {
    await fn();
  } catch (e) {
    checkError(e, ErrorClass, msgIncludes);
    return e as E;
  }
  throw new AssertionError("Expected function to reject.");
}

// deno-lint-ignore no-explicit-any
function checkError(e: unknown, ErrorClass?: new (...args: any[]) => Error, msgIncludes?: string) {
  if (ErrorClass && !(e instanceof ErrorClass)) {
    throw new AssertionError(
      `Expected error to be instance of "${ErrorClass.name}", but was "${
        (e as Error)?.constructor?.name
      }": ${(e as Error)?.message}`,
    );
  }
  if (msgIncludes !== undefined && !String((e as Error)?.message).includes(msgIncludes)) {
    throw new AssertionError(
      `Expected error message to include "${msgIncludes}", but got "${(e as Error)?.message}".`,
    );
  }
}

/** Fails unconditionally. */
export function fail(msg?: string): never {
  throw new AssertionError(msg ?? "Failed assertion.");
}
