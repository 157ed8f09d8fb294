// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `completion`: spec data (the implementation is ./completion.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";

/** The `completion` command. */
export const completionSpec: CommandSpec = {
  name: "completion",
  summary: "Output shell completion code for the specified shell (bash, zsh, or fish)",
  group: "Settings Commands:",
  description:
    "Output shell completion code for the specified shell (bash, zsh, or fish). The shell code must be evaluated to provide interactive completion of k1s commands.  This can be done by sourcing it from the .bash_profile.\n\nCompletion of resource names reads the store, with the same --store and namespace as the command being completed.",
  examples: `# Load the k1s completion code for bash into the current shell
source <(k1s completion bash)
## Write bash completion code to a file and source it from .bash_profile
k1s completion bash > ~/.k1s/completion.bash.inc
printf "
# k1s shell completion
source '$HOME/.k1s/completion.bash.inc'
" >> $HOME/.bash_profile
source $HOME/.bash_profile

# Load the k1s completion code for zsh into the current shell
source <(k1s completion zsh)
# Set the k1s completion code for zsh to autoload on startup
k1s completion zsh > "\${fpath[1]}/_k1s"

# Load the k1s completion code for fish into the current shell
k1s completion fish | source
# To load completions for each session, execute once:
k1s completion fish > ~/.config/fish/completions/k1s.fish`,
  usage: "SHELL",
};
