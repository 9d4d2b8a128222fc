/**
 * The `fracture` command. Exit codes: 0 success, 2 bad input (one line on stderr),
 * 1 internal failure.
 * @module
 */
import { parseArgs } from "node:util";
import { exampleChain } from "./examples.ts";
import { BSM_OUTPUTS, type BsmInput, bsm } from "./greeks.ts";
import { init } from "./index.node.ts";

const USAGE = `fracture — liquidity fracture cascade risk

Usage:
  fracture greeks --example [--json]
      price and Greeks of a built-in ETH option chain
  fracture greeks --spot S --strike K[,K...] --time T --vol V [--rate R] [--dividend Q] [--put] [--json]
      price and Greeks of European options (time in years, vol and rates as decimals)

Options:
  --json      print JSON instead of a table
  -h, --help  this text
  --version   the version`;

/** Bad input from the user: exit code 2 with one line. */
class UsageError extends Error {}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function num(name: string, text: string | undefined): number {
  if (text === undefined) throw new UsageError(`--${name} is required (see fracture --help)`);
  if (!NUMBER.test(text.trim())) throw new UsageError(`--${name} expected a number, got "${text}"`);
  return Number(text);
}

function format(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e7)) return x.toExponential(3);
  return x.toFixed(a >= 100 ? 2 : 4);
}

function table(header: string[], rows: string[][]): string {
  const width = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(width[k])).join("  ");
  return [line(header), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function greeksCommand(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      example: { type: "boolean" },
      json: { type: "boolean" },
      put: { type: "boolean" },
      spot: { type: "string" },
      strike: { type: "string" },
      time: { type: "string" },
      vol: { type: "string" },
      rate: { type: "string" },
      dividend: { type: "string" },
    },
    strict: true,
  });
  let input: BsmInput;
  let labels: string[][];
  if (values.example) {
    const chain = exampleChain();
    input = chain.input;
    labels = chain.rows.map((r) => [`${r.days}d`, String(r.strike), r.call ? "call" : "put", (100 * r.vol).toFixed(1)]);
  } else {
    const strikes = (values.strike ?? "").split(",").filter(Boolean);
    if (strikes.length === 0) throw new UsageError("--strike is required (see fracture --help)");
    const vol = num("vol", values.vol);
    const time = num("time", values.time);
    input = {
      spot: num("spot", values.spot),
      strike: Float64Array.from(strikes, (k) => num("strike", k)),
      time,
      vol,
      rate: values.rate === undefined ? 0 : num("rate", values.rate),
      dividend: values.dividend === undefined ? 0 : num("dividend", values.dividend),
      call: !values.put,
    };
    labels = strikes.map((k) => [`${format(time)}y`, k, values.put ? "put" : "call", (100 * vol).toFixed(1)]);
  }
  await init();
  const out = bsm(input);
  if (values.json) {
    const rows = labels.map((l, i) => ({
      expiry: l[0],
      strike: Number(l[1]),
      type: l[2],
      volPct: Number(l[3]),
      ...Object.fromEntries(BSM_OUTPUTS.map((k) => [k, out[k][i]])),
    }));
    return JSON.stringify(rows, null, 2);
  }
  const header = ["expiry", "strike", "type", "vol %", ...BSM_OUTPUTS];
  const rows = labels.map((l, i) => [...l, ...BSM_OUTPUTS.map((k) => format(out[k][i]))]);
  const units = "theta and charm per year; vega and volga per 1.00 of vol; rho per 1.00 of rate";
  return `${table(header, rows)}\n\n${units}`;
}

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
    if (command === "greeks") {
      console.log(await greeksCommand(rest));
      return 0;
    }
    throw new UsageError(`unknown command "${command}" (see fracture --help)`);
  } catch (err) {
    // bad input: the user's mistake, said in one line
    const usage =
      err instanceof UsageError ||
      err instanceof RangeError ||
      err instanceof TypeError ||
      (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (usage) {
      console.error(`fracture: ${(err as Error).message.split("\n")[0]}`);
      return 2;
    }
    console.error(`fracture: internal failure: ${(err as Error)?.stack ?? err}`);
    return 1;
  }
}
