/** `fracture greeks`: price and Greeks of options given on the command line or of the example chain. @module */
import { parseArgs } from "node:util";
import { exampleChain } from "../examples.ts";
import { BSM_OUTPUTS, type BsmInput, bsm } from "../greeks.ts";
import { num, UsageError } from "./args.ts";
import { amount, pct, table } from "./format.ts";
import { toJson } from "./json.ts";

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
  let labels: { expiry: string; strike: number; call: boolean; time: number; vol: number }[];
  if (values.example) {
    const chain = exampleChain();
    input = chain.input;
    labels = chain.rows.map((r) => ({ ...r, expiry: `${r.days}d`, time: r.days / 365 }));
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
    labels = Array.from(input.strike as Float64Array, (strike) => ({
      expiry: `${amount(time)}y`,
      strike,
      call: !values.put,
      time,
      vol,
    }));
  }
  const out = bsm(input);
  if (values.json) {
    const { spot, rate = 0, dividend = 0 } = input as { spot: number; rate?: number; dividend?: number };
    const rows = labels.map((l, i) => ({
      spot,
      strike: l.strike,
      time: l.time,
      type: l.call ? "call" : "put",
      vol: l.vol,
      rate,
      dividend,
      ...Object.fromEntries(BSM_OUTPUTS.map((k) => [k, out[k][i]])),
    }));
    return toJson(rows);
  }
  const header = ["expiry", "strike", "type", "vol", ...BSM_OUTPUTS];
  const rows = labels.map((l, i) => [
    l.expiry,
    amount(l.strike),
    l.call ? "call" : "put",
    pct(l.vol),
    ...BSM_OUTPUTS.map((k) => amount(out[k][i])),
  ]);
  const units =
    "4 significant digits (whole units from 1,000); price in the spot's unit; theta and charm per year; vega and volga per 1.00 of vol; rho per 1.00 of rate";
  return `${table(header, rows)}\n\n${units}`;
}
