// Copyright 2026 the k1s authors. Apache-2.0 license.
// Defaulting as apiextensions' `structuraldefaulting.Default`: absent fields (and nulls of
// non-nullable fields) take a deep copy of their schema default, recursively.
import { deepCopy, isObject, type Node } from "./_node.ts";

function isNonNullableNull(x: unknown, n: Node | undefined): boolean {
  return x === null && n !== undefined && !n.nullable;
}

/** Applies defaults of `n` to `x` in place. */
export function applyDefaults(x: unknown, n: Node | undefined): void {
  if (!n || !n.subtreeDefaults) return;
  if (isObject(x)) {
    const withDefault = n.propsWithDefault;
    for (let i = 0; i < withDefault.length; i++) {
      const [k, p] = withDefault[i];
      const v = x[k];
      if ((v === undefined && !Object.hasOwn(x, k)) || isNonNullableNull(v, p)) {
        x[k] = deepCopy(p.s.default);
      }
    }
    const nested = n.propsSubtreeDefaults;
    for (let i = 0; i < nested.length; i++) {
      const [k, p] = nested[i];
      const v = x[k];
      if (typeof v === "object" && v !== null) applyDefaults(v, p);
    }
    const add = typeof n.additional === "object" ? n.additional : undefined;
    if (add?.subtreeDefaults) {
      for (const k of Object.keys(x)) {
        if (n.properties?.has(k)) continue;
        if (isNonNullableNull(x[k], add) && add.hasDefault) x[k] = deepCopy(add.s.default);
        applyDefaults(x[k], add);
      }
    }
  } else if (Array.isArray(x)) {
    const items = n.items;
    if (!items) return;
    for (let i = 0; i < x.length; i++) {
      if (isNonNullableNull(x[i], items) && items.hasDefault) x[i] = deepCopy(items.s.default);
      applyDefaults(x[i], items);
    }
  }
}
