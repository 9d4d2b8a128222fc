/**
 * The `fracture` command. Exit codes: 0 success, 2 bad input (one line on stderr),
 * 1 internal failure.
 * @module
 */
import { ChainError } from "../chain.ts";
import { init } from "../index.node.ts";
import { ScenarioError } from "../scenario/validate.ts";
import { UsageError } from "./args.ts";
import { GEX_USAGE, gexCommand } from "./gex.ts";
import { GREEKS_USAGE, greeksCommand } from "./greeks.ts";
import { SIMULATE_USAGE, simulateCommand } from "./simulate.ts";

const USAGE = `fracture — liquidity fracture cascade risk

Usage:
${SIMULATE_USAGE}
${GREEKS_USAGE}
${GEX_USAGE}

Options:
  --json      print JSON instead of a table
  -h, --help  this text
  --version   the version`;

const COMMANDS: Record<string, (args: string[]) => string | Promise<string>> = {
  greeks: greeksCommand,
  gex: gexCommand,
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
      console.log("0.1.0");
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}" (see fracture --help)`);
    await init();
    console.log(await run(rest));
    return 0;
  } catch (err) {
    // bad input: the user's mistake, said in one line
    const usage =
      err instanceof UsageError ||
      err instanceof RangeError ||
      err instanceof TypeError ||
      err instanceof ChainError ||
      err instanceof ScenarioError ||
      (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ||
      (err as { code?: string }).code === "ENOENT";
    if (usage) {
      console.error(`fracture: ${(err as Error).message.split("\n").join(" ").replace(/\s+/g, " ")}`);
      return 2;
    }
    console.error(`fracture: internal failure: ${(err as Error)?.stack ?? err}`);
    return 1;
  }
}
