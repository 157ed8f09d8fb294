// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { descriptionOf } from "./_source.ts";

function doc(...lines: string[]) {
  return lines.map((text, i) => ({ text, line: i + 1 }));
}

Deno.test("descriptionOf() drops markers, TODOs, tags and text after ---", async (t) => {
  const cases: [string, string[], string][] = [
    ["plain", ["One line."], "One line."],
    ["markers removed", ["Text.", "", "+kubebuilder:validation:Minimum=1"], "Text."],
    ["outer and repeated blank lines", ["", "A.", "", "", "B.", ""], "A.\n\nB."],
    ["TODO lines", ["A.", "TODO: later", "B."], "A.\nB."],
    ["--- ends the text", ["A.", "---", "B."], "A."],
    ["--- inside a code fence stays", ["```", "---", "```", "A."], "```\n---\n```\nA."],
    ["tags end the text", ["A.", "@deprecated use B", "more"], "A."],
    [
      "links become names or labels",
      ["See {@link Foo} and {@linkcode Bar | the bar}."],
      "See Foo and the bar.",
    ],
    ["indentation is kept", ["List:", "  - a"], "List:\n  - a"],
  ];
  for (const [name, lines, want] of cases) {
    await t.step(name, () => assertEquals(descriptionOf(doc(...lines)), want));
  }
});
