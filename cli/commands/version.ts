// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `version`: the tool's version as `kubectl version` prints it. The store is k1s's API server
 * and runs the same code, so the server version is the tool's too; nothing is opened.
 *
 * @module
 */
import type { CommandContext } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";

/**
 * The version info kubectl prints (`version.Info`), every field in its order: those k1s has no
 * value for are empty strings, as a server leaves them, so scripts reading them get `""`.
 */
interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

function info(version: string): VersionInfo {
  const [major = "0", minor = "0"] = version.split(".");
  const os = Deno.build.os;
  const arch = Deno.build.arch === "x86_64"
    ? "amd64"
    : Deno.build.arch === "aarch64"
    ? "arm64"
    : Deno.build.arch;
  return {
    major,
    minor,
    gitVersion: `v${version}`,
    gitCommit: "",
    gitTreeState: "",
    buildDate: "",
    goVersion: "",
    compiler: "",
    platform: `${os}/${arch}`,
  };
}

/**
 * Runs `version`.
 *
 * @param ctx The command context.
 * @returns 0.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const output = ctx.string("output");
  if (output !== "" && output !== "json" && output !== "yaml") {
    throw new CliError("--output must be 'yaml' or 'json'");
  }
  // kubectl's Complete: arguments are refused where the server would be asked.
  if (!ctx.bool("client") && ctx.args.length > 0) {
    throw new CliError(`extra arguments: [${ctx.args.join(" ")}]`);
  }
  const client = info(ctx.version);
  const value: Record<string, unknown> = { clientVersion: client };
  if (!ctx.bool("client")) value.serverVersion = client;
  // json.MarshalIndent(v, "", "  "), not the object printer's four spaces.
  if (output === "json") ctx.stdout.write(JSON.stringify(value, null, 2) + "\n");
  else if (output === "yaml") {
    // Imported here: the plain lines, what `version` usually prints, need no YAML printer.
    const { printYaml } = await import("../_internal/printers/resource_printers.ts");
    ctx.stdout.write(printYaml(value));
  } else {
    ctx.stdout.write(`Client Version: ${client.gitVersion}\n`);
    if (!ctx.bool("client")) ctx.stdout.write(`Server Version: ${client.gitVersion}\n`);
  }
  return 0;
}
