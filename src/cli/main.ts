/**
 * The `fracture` command. Exit codes: 0 success, 2 bad input (its problems one per line on
 * stderr), 1 internal failure.
 * @module
 */
import { init } from "../index.node.ts";
import { type Io, UsageError } from "./args.ts";
import { report } from "./errors.ts";
import { GEX_USAGE, gexCommand } from "./gex.ts";
import { GREEKS_USAGE, greeksCommand } from "./greeks.ts";
import { PRESETS_USAGE, presetsCommand } from "./presets.ts";
import { SIMULATE_USAGE, simulateCommand } from "./simulate.ts";
import { version } from "./version.ts";

const USAGE = `fracture — liquidity fracture cascade risk

Usage:
${SIMULATE_USAGE}
${PRESETS_USAGE}
${GREEKS_USAGE}
${GEX_USAGE}

Options:
  --json      print JSON instead of a table
  -h, --help  this text
  --version   the version`;

const COMMANDS: Record<string, (args: string[], io: Io) => string | Promise<string>> = {
  greeks: greeksCommand,
  gex: gexCommand,
  presets: presetsCommand,
  simulate: simulateCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version") {
      console.log(version());
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}" (see fracture --help)`);
    await init();
    console.log(await run(rest, { warn: (message) => console.error(`fracture: warning: ${message}`) }));
    return 0;
  } catch (err) {
    const { code, lines } = report(err);
    for (const line of lines) console.error(`fracture: ${line}`);
    return code;
  }
}
