// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Records `kubectl <command> --help` for the write commands into `../write_help.kubectl.json`
 * (no server needed). Not part of any test run: `deno run -A record_help.ts`.
 *
 * @module
 */
import { HELP_COMMANDS } from "./help_commands.ts";

const out: Record<string, string> = {};
for (const path of HELP_COMMANDS) {
  const r = await new Deno.Command("kubectl", {
    args: [...path, "--help"],
    env: { KUBECONFIG: "/dev/null" },
    stdout: "piped",
  }).output();
  out[path.join(" ")] = new TextDecoder().decode(r.stdout);
}
const file = new URL("../write_help.kubectl.json", import.meta.url);
await Deno.writeTextFile(file, JSON.stringify(out, null, 1) + "\n");
