// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { editHeader, editorCommand, hasLines, manualStrip } from "./_write_edit.ts";

Deno.test("editHeader() writes kubectl's header and the reasons of a failed edit", () => {
  assertEquals(
    editHeader([
      { head: 'configmaps "a" was not valid', other: ["metadata.labels: bad\nvalue"] },
      { head: "The edited file had a syntax error: x", other: [] },
    ]),
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
      "# and an empty file will abort the edit. If an error occurs while saving this file will be\n" +
      "# reopened with the relevant failures.\n#\n" +
      '# configmaps "a" was not valid:\n# * metadata.labels: bad\n# value\n#\n' +
      "# The edited file had a syntax error: x\n#\n",
  );
  assertEquals(
    editHeader([{ head: "The edited file had a syntax error: x", other: [] }], "apply"),
    "# Please edit the 'last-applied-configuration' annotations below.\n" +
      "# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\n" +
      "# The edited file had a syntax error: x\n#\n",
  );
});

Deno.test("manualStrip() and hasLines() treat '#' lines as comments", () => {
  assertEquals(manualStrip("# a\nx: 1\n   # b\n#!keep\ny: 2"), "x: 1\n#!keep\ny: 2");
  assertEquals(hasLines("# only\n\n   \n"), false);
  assertEquals(hasLines("# c\nx: 1\n"), true);
});

Deno.test("editorCommand() picks and splits the editor as kubectl does", () => {
  const env = (vars: Record<string, string>) => (k: string) => vars[k];
  assertEquals(editorCommand(env({}), "/t/f.yaml").args, ["vi", "/t/f.yaml"]);
  assertEquals(editorCommand(env({ EDITOR: "nano", KUBE_EDITOR: "code -w" }), "/t/f").args, [
    "code",
    "-w",
    "/t/f",
  ]);
  assertEquals(
    editorCommand(env({ EDITOR: `vim -c 'set ft=yaml'`, SHELL: "/bin/sh" }), "/t/f"),
    {
      args: ["/bin/sh", "-c", `vim -c 'set ft=yaml' "/t/f"`],
      name: "/bin/sh -c vim -c 'set ft=yaml'",
    },
  );
});
