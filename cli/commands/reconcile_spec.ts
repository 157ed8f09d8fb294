// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `reconcile`: spec data (the implementation is ./reconcile.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";

/** The `reconcile` command. */
export const reconcileSpec: CommandSpec = {
  name: "reconcile",
  summary: "Run the controllers: everything pending, or continuously with --watch",
  group: "Advanced Commands:",
  description:
    "Run the controllers.\n\nControllers run after every write command, for the changes that command made. This command runs everything still pending: changes other processes made while the controllers were not running, requeues that are now due, and work a previous command left when its time budget ran out. It prints what ran and what is left.\n\nWith --watch it keeps running, reconciling changes as they happen, until interrupted (operator mode).",
  examples: `# Run every pending reconcile and report
k1s reconcile

# Give the controllers at most 10 seconds
k1s reconcile --timeout=10s

# Keep reconciling until interrupted
k1s reconcile --watch`,
  usage: "[--watch] [--timeout=DURATION]",
  args: { max: 0 },
  flags: [
    {
      name: "timeout",
      type: "duration",
      default: 30000,
      usage:
        "The longest time to spend before reporting what is left. Zero means no limit. Ignored with --watch.",
    },
    {
      name: "watch",
      shorthand: "w",
      type: "bool",
      usage: "Keep running and reconcile changes as they happen, until interrupted.",
    },
  ],
};
