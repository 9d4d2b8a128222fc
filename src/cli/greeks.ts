/** `fracture greeks`: price and Greeks of options given on the command line or of the example chain. @module */
import { parseArgs } from "node:util";
import { exampleChain } from "../examples.ts";
import { BSM_OUTPUTS, type BsmInput, bsm } from "../greeks.ts";
import { num, UsageError } from "./args.ts";
import { format, table } from "./format.ts";

export const GREEKS_USAGE = `  fracture greeks --example [--json]
      price and Greeks of a built-in ETH option chain
  fracture greeks --spot S --strike K[,K...] --time T --vol V [--rate R] [--dividend Q] [--put] [--json]
      price and Greeks of European options (time in years, vol and rates as decimals)`;

export function greeksCommand(args: string[]): string {
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
