// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * English plurals for kind names, made as controller-gen makes them (the Go inflection library
 * flect, on the lower-cased kind), so that a CRD's name and resource path are the ones
 * controller-gen would give it: a word already plural, or its own plural, stays as it is (a kind
 * named `Settings` serves `settings`); an irregular word or ending takes its plural; a word
 * ending in `s` otherwise stays as it is; any other gets an `s`. Some results are not what a
 * dictionary says (`Repo` → `repoes`, `Complex` → `complices`): they are controller-gen's.
 * `+kubebuilder:resource:path=` overrides the result.
 *
 * @module
 */

/** Irregular words (the whole lower-cased kind). */
const IRREGULAR: Record<string, string> = {
  human: "humans",
  index: "indices",
  matrix: "matrices",
  mouse: "mice",
  ox: "oxen",
  quiz: "quizzes",
  bus: "buses",
  alias: "aliases",
  axis: "axes",
  datum: "data",
  medium: "media",
  photo: "photos",
  piano: "pianos",
  halo: "halos",
  shoe: "shoes",
  formula: "formulas",
};
const IRREGULAR_PLURALS = new Set(Object.values(IRREGULAR));

/** Words that are their own plural. */
const UNCHANGED = new Set([
  "series",
  "species",
  "news",
  "sheep",
  "fish",
  "deer",
  "moose",
  "equipment",
  "information",
  "money",
  "aircraft",
  "offspring",
]);

/** Endings and their plurals, tried in order; the first that matches decides. */
const ENDINGS: readonly (readonly [RegExp, string])[] = [
  // Compound kinds: SalesPerson, GrandChild, Fireman (and a word that is already one).
  [/person$/, "people"],
  [/child$/, "children"],
  [/man$/, "men"],
  // Latin and Greek endings.
  [/atus$/, "atuses"],
  [/sis$/, "ses"],
  [/atum$/, "ata"],
  [/dium$/, "diums"],
  [/ium$/, "ia"],
  [/oot$/, "eet"],
  [/oose$/, "eese"],
  // -f and -fe: Shelf, Scarf, Knife.
  [/([lr])f$/, "$1ves"],
  [/fe$/, "ves"],
  [/box$/, "boxes"],
  [/ex$/, "ices"],
  // A consonant (or `qu`) and y: Category, Policy.
  [/([^aeiou]|qu)y$/, "$1ies"],
  [/(x|ch|ss|sh|tz)$/, "$1es"],
  [/io$/, "ios"],
  [/o$/, "oes"],
];

/** Endings of words that are plural already. */
const PLURAL_ENDINGS =
  /(people|children|men|atuses|ses|ata|diums|ia|eet|eese|ves|boxes|ices|ies|xes|ches|sses|shes|tzes|ios|oes)$/;

/**
 * The lower-case plural of a kind name: `Category` → `categories`, `Ingress` → `ingresses`,
 * `Settings` → `settings`, `Shelf` → `shelves`, `Knife` → `knives`.
 *
 * @param kind The kind.
 * @returns The plural resource name.
 */
export function pluralize(kind: string): string {
  const word = kind.toLowerCase();
  if (UNCHANGED.has(word) || IRREGULAR_PLURALS.has(word)) return word;
  if (word in IRREGULAR) return IRREGULAR[word];
  if (PLURAL_ENDINGS.test(word)) return word;
  for (const [ending, plural] of ENDINGS) {
    if (ending.test(word)) return word.replace(ending, plural);
  }
  return word.endsWith("s") ? word : word + "s";
}
