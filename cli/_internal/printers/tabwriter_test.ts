// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { KUBECTL_DESCRIBE, KUBECTL_TABLE, TabWriter } from "./tabwriter.ts";

Deno.test("TabWriter aligns like Go's text/tabwriter", async (t) => {
  const cases: { name: string; opts: typeof KUBECTL_TABLE; input: string; want: string }[] = [
    {
      name: "kubectl table (padding 3)",
      opts: KUBECTL_TABLE,
      input: "NAME\tDATA\tAGE\nfoo\t2\t4s\nold-and-long-name\t2\t2d7h\n",
      want:
        "NAME                DATA   AGE\nfoo                 2      4s\nold-and-long-name   2      2d7h\n",
    },
    {
      name: "min width 6 applies without headers",
      opts: KUBECTL_TABLE,
      input: "configmap/foo\t2\tAGE-foo\n",
      want: "configmap/foo   2     AGE-foo\n",
    },
    {
      name: "describe (padding 2, single-cell lines flush)",
      opts: KUBECTL_DESCRIBE,
      input: "Name:\tfoo\nNamespace:\tdefault\nAnnotations:\t<none>\n\nData\n====\nk:\tv\n",
      want: "Name:         foo\nNamespace:    default\nAnnotations:  <none>\n\nData\n====\nk:  v\n",
    },
    {
      name: "shorter lines end column blocks",
      opts: KUBECTL_DESCRIBE,
      input: "a\tbb\tc\nxxx\ty\nz\tw\tlast\n",
      want: "a    bb  c\nxxx  y\nz    w  last\n",
    },
    {
      name: "empty trailing cell pads",
      opts: KUBECTL_DESCRIBE,
      input: "a\t\nbbb\tc\n",
      want: "a    \nbbb  c\n",
    },
    {
      name: "runes count once",
      opts: KUBECTL_DESCRIBE,
      input: "üñ\tx\nab\ty\n",
      want: "üñ  x\nab  y\n",
    },
    {
      name: "a surrogate pair is one rune",
      opts: KUBECTL_DESCRIBE,
      input: "\u{1F600}\tx\nab\ty\n",
      want: "\u{1F600}   x\nab  y\n",
    },
    {
      name: "partial last line",
      opts: KUBECTL_DESCRIBE,
      input: "a\tb\nccc\td",
      want: "a    b\nccc  d",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const w = new TabWriter(c.opts);
      w.write(c.input);
      assertEquals(w.flush(), c.want);
    });
  }
});

Deno.test("TabWriter remembers widths across flushes like kubectl watch output", () => {
  const w = new TabWriter(KUBECTL_TABLE);
  w.write("NAME\tDATA\tAGE\nfoo-long-name\t2\t4s\n");
  assertEquals(w.flush(), "NAME            DATA   AGE\nfoo-long-name   2      4s\n");
  w.write("b\t1\t0s\n");
  assertEquals(w.flush(), "b               1      0s\n");
  w.resetRememberedWidths();
  w.write("b\t1\t0s\n");
  assertEquals(w.flush(), "b     1     0s\n");
});

Deno.test("TabWriter.writeCell() buffers what write() would", async (t) => {
  const cases: { name: string; cells: [string, boolean][]; text: string }[] = [
    {
      name: "a table",
      cells: [["NAME", false], ["AGE", true], ["foo", false], ["4s", true]],
      text: "NAME\tAGE\nfoo\t4s\n",
    },
    { name: "after a partial cell", cells: [["x", false], ["y", true]], text: "x\ty\n" },
    { name: "an empty line", cells: [["", true], ["a", false], ["b", true]], text: "\na\tb\n" },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const a = new TabWriter(KUBECTL_TABLE);
      const b = new TabWriter(KUBECTL_TABLE);
      a.write("pre");
      b.write("pre");
      for (const [text, eol] of c.cells) a.writeCell(text, eol);
      b.write(c.text);
      assertEquals(a.flush(), b.flush());
    });
  }
});
