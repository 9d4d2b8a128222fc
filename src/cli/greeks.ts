/** `fracture greeks`: price and Greeks of options given on the command line or of the example chain. @module */
import { exampleChain } from "../examples.ts";
import { BSM_OUTPUTS, type BsmInput, bsm } from "../greeks.ts";
import { asOption, type Io, num, numbers, parse, UsageError } from "./args.ts";
import { amount, pct, table } from "./format.ts";
import { toJson } from "./json.ts";

export const GREEKS_USAGE = `  fracture greeks --example [--spot S] [--rate R] [--dividend Q] [--json]
      price and Greeks of a built-in ETH option chain (at spot 2000 and rate 0.04 unless given)
  fracture greeks --spot S --strike K[,K...] --time T --vol V [--rate R] [--dividend Q] [--put] [--json]
      price and Greeks of European options (time in years, vol and rates as decimals: 0.8 = 80%;
      a negative value may follow its option: --rate -0.01)`;

export const GREEKS_EXAMPLES = `  fracture greeks --example --spot 2100
  fracture greeks --spot 2000 --strike 1800,2000,2200 --time 0.25 --vol 0.8 --rate 0.04 --put
  fracture greeks --spot 100 --strike 100 --time 1 --vol 0.2 --rate -0.005 --json`;

/** The example's options are its own: these would be ignored with it, so they are refused. */
const OWN_OPTIONS = ["strike", "time", "vol", "put"] as const;

/** API fields → options, for errors of greeks.bsm. */
const FLAGS = { spot: "spot", strike: "strike", time: "time", vol: "vol", rate: "rate", dividend: "dividend" };

export function greeksCommand(args: string[], io: Io): string {
  const { values } = parse("greeks", args, {
    example: { type: "boolean" },
    json: { type: "boolean" },
    put: { type: "boolean" },
    spot: { type: "string" },
    strike: { type: "string" },
    time: { type: "string" },
    vol: { type: "string" },
    rate: { type: "string" },
    dividend: { type: "string" },
  });
  const optional = (name: "spot" | "rate" | "dividend", fallback: number) => {
    const text = values[name];
    return text === undefined ? fallback : num(name, text);
  };
  let input: BsmInput;
  let labels: { expiry: string; strike: number; call: boolean; time: number; vol: number }[];
  if (values.example) {
    const given = OWN_OPTIONS.find((k) => values[k] !== undefined);
    if (given)
      throw new UsageError(
        `--example prices its own options: it takes no --${given} (drop --example to price yours; --spot, --rate and --dividend apply to it)`,
      );
    const chain = exampleChain();
    input = {
      ...chain.input,
      spot: optional("spot", chain.input.spot),
      rate: optional("rate", chain.input.rate),
      dividend: optional("dividend", chain.input.dividend),
    };
    labels = chain.rows.map((r) => ({ ...r, expiry: `${r.days}d`, time: r.days / 365 }));
  } else {
    const strikes = numbers("strike", values.strike);
    const vol = num("vol", values.vol);
    const time = num("time", values.time);
    input = {
      spot: num("spot", values.spot),
      strike: Float64Array.from(strikes),
      time,
      vol,
      rate: optional("rate", 0),
      dividend: optional("dividend", 0),
      call: !values.put,
    };
    labels = strikes.map((strike) => ({ expiry: `${amount(time)}y`, strike, call: !values.put, time, vol }));
  }
  implausible(input, io);
  let out: ReturnType<typeof bsm>;
  try {
    out = bsm(input);
  } catch (err) {
    throw asOption(err, FLAGS);
  }
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

/** Legal values that are most likely a slip: a vol or rate in percent, a time in days. */
function implausible(input: BsmInput, io: Io): void {
  const { vol, time, rate, dividend } = input as { vol: unknown; time: unknown; rate?: number; dividend?: number };
  if (typeof vol === "number" && vol > 5)
    io.warn(`--vol ${vol} is ${pct(vol)} a year; did you mean ${vol / 100}? (vol is a decimal: 0.8 = 80%)`);
  if (typeof time === "number" && time > 5)
    io.warn(`--time ${time} is ${time} years; did you mean ${time} days, --time ${amount(time / 365)}?`);
  for (const [name, x] of [
    ["rate", rate],
    ["dividend", dividend],
  ] as const) {
    if (x !== undefined && Math.abs(x) > 0.5)
      io.warn(`--${name} ${x} is ${pct(x)} a year; did you mean ${x / 100}? (rates are decimals: 0.04 = 4%)`);
  }
}
