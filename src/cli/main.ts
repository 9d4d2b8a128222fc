/**
 * The `fracture` command. Exit codes: 0 success, 2 bad input (its problems one per line on
 * stderr), 1 internal failure.
 * @module
 */
import { init } from "../index.node.ts";
import { type Io, UsageError } from "./args.ts";
import { BOUNDARY_EXAMPLES, BOUNDARY_USAGE, boundaryCommand } from "./boundary.ts";
import { COMPARE_EXAMPLES, COMPARE_USAGE, compareCommand } from "./compare.ts";
import { report } from "./errors.ts";
import { GEX_EXAMPLES, GEX_USAGE, gexCommand } from "./gex.ts";
import { GREEKS_EXAMPLES, GREEKS_USAGE, greeksCommand } from "./greeks.ts";
import { JSON_NULL } from "./json.ts";
import { ORACLE_EXAMPLES, ORACLE_USAGE, oracleCommand } from "./oracle.ts";
import { PRESETS_EXAMPLES, PRESETS_USAGE, presetsCommand } from "./presets.ts";
import { REPLAY_EXAMPLES, REPLAY_USAGE, replayCommand } from "./replay.ts";
import { SIMULATE_EXAMPLES, SIMULATE_USAGE, simulateCommand } from "./simulate.ts";
import { STRESS_EXAMPLES, STRESS_USAGE, stressCommand } from "./stress.ts";
import { VALIDATE_EXAMPLES, VALIDATE_USAGE, validateCommand } from "./validate.ts";
import { version } from "./version.ts";

interface Command {
  run(args: string[], io: Io): string | Promise<string>;
  usage: string;
  examples: string;
}

const COMMANDS: Record<string, Command> = {
  simulate: { run: simulateCommand, usage: SIMULATE_USAGE, examples: SIMULATE_EXAMPLES },
  stress: { run: stressCommand, usage: STRESS_USAGE, examples: STRESS_EXAMPLES },
  boundary: { run: boundaryCommand, usage: BOUNDARY_USAGE, examples: BOUNDARY_EXAMPLES },
  compare: { run: compareCommand, usage: COMPARE_USAGE, examples: COMPARE_EXAMPLES },
  replay: { run: replayCommand, usage: REPLAY_USAGE, examples: REPLAY_EXAMPLES },
  validate: { run: validateCommand, usage: VALIDATE_USAGE, examples: VALIDATE_EXAMPLES },
  oracle: { run: oracleCommand, usage: ORACLE_USAGE, examples: ORACLE_EXAMPLES },
  presets: { run: presetsCommand, usage: PRESETS_USAGE, examples: PRESETS_EXAMPLES },
  greeks: { run: greeksCommand, usage: GREEKS_USAGE, examples: GREEKS_EXAMPLES },
  gex: { run: gexCommand, usage: GEX_USAGE, examples: GEX_EXAMPLES },
};

const OUTPUT = `Output: tables of grouped numbers with units; --json prints JSON instead: the numbers as
computed, and ${JSON_NULL}.
Exit codes: 0 success; 2 bad input, its problems one per line on stderr; 1 internal failure.
Warnings (a legal but implausible value, such as --vol 80) go to stderr; the command still runs.`;

const USAGE = `fracture — liquidity fracture cascade risk

Usage:
${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join("\n")}

Options:
  --json       print JSON instead of a table
  --quiet      no progress bar on long work (simulate, stress, boundary, compare, replay, oracle);
               there is none when stderr is not a terminal
  -h, --help   this text; fracture COMMAND --help: one command's, with examples
  --version    the version

${OUTPUT}`;

/** One command's help: its usage, examples, and what its output and exit codes mean. */
function help(name: string): string {
  const c = COMMANDS[name];
  return `Usage:\n${c.usage}\n\nExamples:\n${c.examples}\n\n${OUTPUT}`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "help" && rest.length > 0) {
      if (!Object.hasOwn(COMMANDS, rest[0])) throw new UsageError(`unknown command "${rest[0]}" (see fracture --help)`);
      console.log(help(rest[0]));
      return 0;
    }
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version") {
      console.log(version());
      return 0;
    }
    if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}" (see fracture --help)`);
    if (rest.includes("--help") || rest.includes("-h")) {
      console.log(help(command));
      return 0;
    }
    await init();
    const io: Io = { warn: (message) => console.error(`fracture: warning: ${message}`) };
    console.log(await COMMANDS[command].run(rest, io));
    return 0;
  } catch (err) {
    const { code, lines } = report(err);
    for (const line of lines) console.error(`fracture: ${line}`);
    return code;
  }
}
