// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * English plurals for kind names (controller-tools uses `flect.Pluralize`). The rules cover
 * the usual cases; `+kubebuilder:resource:path=` overrides the result.
 *
 * @module
 */

const IRREGULAR: Record<string, string> = {
  person: "people",
  child: "children",
  man: "men",
  woman: "women",
  mouse: "mice",
  goose: "geese",
  foot: "feet",
  tooth: "teeth",
  ox: "oxen",
  index: "indices",
  matrix: "matrices",
  vertex: "vertices",
  criterion: "criteria",
  analysis: "analyses",
  quiz: "quizzes",
};

const UNCOUNTABLE = new Set([
  "data",
  "metadata",
  "information",
  "equipment",
  "series",
  "species",
  "news",
  "sheep",
  "fish",
  "deer",
  "endpoints",
]);

/**
 * The lower-case plural of a kind name: `Category` → `categories`, `Policy` → `policies`,
 * `Ingress` → `ingresses`, `Box` → `boxes`.
 */
export function pluralize(kind: string): string {
  const lower = kind.toLowerCase();
  // Irregular and uncountable words count only as the last word of the kind (`SalesPerson`).
  const words = kind.split(/(?=[A-Z][a-z])/);
  const last = words[words.length - 1].toLowerCase();
  const head = lower.slice(0, lower.length - last.length);
  if (UNCOUNTABLE.has(last)) return lower;
  if (last in IRREGULAR) return head + IRREGULAR[last];
  if (/[^aeiou]y$/.test(lower)) return lower.slice(0, -1) + "ies";
  if (/(s|x|z|ch|sh)$/.test(lower)) return lower + "es";
  return lower + "s";
}
