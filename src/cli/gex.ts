/** `fracture gex`: what a chain's dealers do — gamma profile, flip, peaks, hedge flows. @module */
import { parseArgs } from "node:util";
import { chain, chainFromDeribit, type DealerSide, type OptionChain } from "../chain.ts";
import { exampleChain } from "../examples.ts";
import { gammaByStrike, gammaExposure, gammaFlip, hedgeFlow } from "../exposure.ts";
import { num, readJson, UsageError } from "./args.ts";
import { format, table } from "./format.ts";

export const GEX_USAGE = `  fracture gex --example | --deribit BOOK.json [--asof ISO-TIME] [--dealers SIDE] [--spot S] [--json]
      dealers' gamma profile, gamma flip, gamma peaks and hedge flows of an option chain
      (SIDE: long-calls-short-puts (default), short-all, long-all)`;

const MOVES = [-0.1, -0.05, 0.05, 0.1];
const VOL_SPIKE = 0.1; // +10 vol points with each move: the vanna part

export async function gexCommand(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      example: { type: "boolean" },
      deribit: { type: "string" },
      asof: { type: "string" },
      dealers: { type: "string" },
      spot: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const dealers = values.dealers as DealerSide | undefined;
  let ch: OptionChain;
  let spot: number;
  let label: string;
  if (values.deribit) {
    const asOf = values.asof === undefined ? undefined : Date.parse(values.asof);
    if (Number.isNaN(asOf)) throw new UsageError(`--asof expected an ISO time, got "${values.asof}"`);
    const d = chainFromDeribit(await readJson(values.deribit), { asOf, dealers });
    ch = d.chain;
    spot = values.spot === undefined ? d.spot : num("spot", values.spot);
    label = `${d.currency}, ${ch.strike.length} options as of ${new Date(d.asOf).toISOString()}`;
  } else if (values.example) {
    const e = exampleChain();
    ch = chain({ ...e.input, openInterest: e.openInterest, dealers });
    spot = values.spot === undefined ? e.input.spot : num("spot", values.spot);
    label = `the example ETH chain, ${ch.strike.length} options`;
  } else {
    throw new UsageError("give --example or --deribit BOOK.json (see fracture --help)");
  }
  if (!(spot > 0)) throw new UsageError("the book has no underlying_price: give --spot");

  const flip = gammaFlip(ch, spot);
  const levels = Float64Array.from({ length: 9 }, (_, k) => spot * (0.8 + 0.05 * k));
  const profile = gammaExposure(ch, levels);
  const byStrike = gammaByStrike(ch, spot);
  const flows = MOVES.map((m) => ({
    move: m,
    units: hedgeFlow(ch, spot, spot * (1 + m)),
    withSpike: hedgeFlow(ch, spot, spot * (1 + m), { volShift: VOL_SPIKE }),
  }));
  const gexAtSpot = gammaExposure(ch, spot)[0];
  const peaks = Array.from(byStrike.peaks, (k) => ({ strike: k, gamma: byStrike.gamma[byStrike.strike.indexOf(k)] }));
  if (values.json) {
    return JSON.stringify(
      {
        label,
        spot,
        gammaAtSpot: gexAtSpot,
        flip,
        profile: Array.from(levels, (s, k) => ({ spot: s, gamma: profile[k] })),
        peaks,
        flows,
      },
      null,
      2,
    );
  }
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;
  const flipText = Number.isNaN(flip)
    ? "none within half to twice the spot"
    : `${format(flip)} (${pct(flip / spot - 1)} from spot)`;
  return [
    `${label}; spot ${format(spot)}`,
    `dealers' dollar gamma per 1% at spot: ${format(gexAtSpot)} (${gexAtSpot >= 0 ? "long gamma: they damp moves" : "short gamma: they chase moves"})`,
    `gamma flip: ${flipText}`,
    "",
    table(
      ["spot", "move", "dollar gamma per 1%"],
      Array.from(levels, (s, k) => [format(s), pct(s / spot - 1), format(profile[k])]),
    ),
    "",
    table(
      ["peak strike", "dollar gamma per 1%"],
      peaks.map((p) => [format(p.strike), format(p.gamma)]),
    ),
    "",
    table(
      ["move", "dealers trade (units)", "in quote", `with vol +${100 * VOL_SPIKE} points`],
      flows.map((f) => [pct(f.move), format(f.units), format(f.units * spot * (1 + f.move)), format(f.withSpike)]),
    ),
    "negative = dealers sell the underlying; dollar gamma is Σ position × Γ × S² / 100 at each option's own vol",
  ].join("\n");
}
