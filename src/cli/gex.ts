/** `fracture gex`: what a chain's dealers do — gamma profile, flip, peaks, hedge flows. @module */
import { ChainError, chain, chainFromDeribit, type DealerSide, type OptionChain } from "../chain.ts";
import { exampleChain } from "../examples.ts";
import { gammaByStrike, gammaExposure, gammaFlip, hedgeFlow } from "../exposure.ts";
import { asOption, type Io, parse, positive, readJson, UsageError } from "./args.ts";
import { amount, move, price, table } from "./format.ts";
import { toJson } from "./json.ts";

export const GEX_USAGE = `  fracture gex --example | --deribit BOOK.json [--asof ISO-TIME] [--dealers SIDE] [--spot S] [--json]
      dealers' gamma profile, gamma flip, gamma peaks and hedge flows of an option chain
      (SIDE: long-calls-short-puts (default), short-all, long-all; dollar gamma in USD per 1% move,
      dealers' trades in the underlying and in USD; a Deribit book without timestamps needs --asof)`;

export const GEX_EXAMPLES = `  fracture gex --example
  fracture gex --deribit book.json --dealers short-all --json
  fracture gex --deribit book.json --asof 2026-11-24T08:00Z --spot 2000`;

/** Moves of the spot in percent: whole numbers, so spot × (100 + m) / 100 is exact where it can be. */
const MOVES = [-10, -5, 5, 10];
/** The profile's levels, percent of the spot. */
const LEVELS = [80, 85, 90, 95, 100, 105, 110, 115, 120];
const VOL_SPIKE = 0.1; // +10 vol points with each move: the vanna part
/** Deribit's books, and the example, price options in USD. */
const QUOTE = "USD";

export async function gexCommand(args: string[], _io: Io): Promise<string> {
  const { values } = parse("gex", args, {
    example: { type: "boolean" },
    deribit: { type: "string" },
    asof: { type: "string" },
    dealers: { type: "string" },
    spot: { type: "string" },
    json: { type: "boolean" },
  });
  if (values.example && values.deribit) throw new UsageError("give --example or --deribit BOOK.json, not both");
  if (values.example && values.asof !== undefined)
    throw new UsageError("--asof dates a Deribit book: the example takes none (its expiries are in days)");
  const dealers = values.dealers as DealerSide | undefined;
  // a spot given is checked before the book is read: `--spot 0` is the mistake, not the book
  const givenSpot = values.spot === undefined ? undefined : positive("spot", values.spot);
  let ch: OptionChain;
  let spot: number;
  let label: string;
  let currency: string;
  try {
    if (values.deribit) {
      const d = deribit(values.deribit, await readJson(values.deribit), values.asof, dealers);
      ch = d.chain;
      if (givenSpot === undefined && !(d.spot > 0))
        throw new UsageError(`${values.deribit} has no underlying_price: give --spot S`);
      spot = givenSpot ?? d.spot;
      label = `${d.currency}, ${ch.strike.length} options as of ${new Date(d.asOf).toISOString()}`;
      currency = d.currency;
    } else if (values.example) {
      const e = exampleChain();
      ch = chain({ ...e.input, openInterest: e.openInterest, dealers });
      spot = givenSpot ?? e.input.spot;
      label = `the example ETH chain, ${ch.strike.length} options`;
      currency = "ETH";
    } else {
      throw new UsageError("give --example or --deribit BOOK.json (see fracture gex --help)");
    }
  } catch (err) {
    throw asOption(err, { dealers: "dealers", asOf: "asof" });
  }

  const flip = gammaFlip(ch, spot);
  const levels = Float64Array.from(LEVELS, (p) => (spot * p) / 100);
  const profile = gammaExposure(ch, levels);
  const byStrike = gammaByStrike(ch, spot);
  const flows = MOVES.map((m) => {
    const to = (spot * (100 + m)) / 100;
    return {
      move: m / 100,
      toSpot: to,
      units: hedgeFlow(ch, spot, to),
      withSpike: hedgeFlow(ch, spot, to, { volShift: VOL_SPIKE }),
    };
  });
  const gexAtSpot = gammaExposure(ch, spot)[0];
  const peaks = Array.from(byStrike.peaks, (k) => ({ strike: k, gamma: byStrike.gamma[byStrike.strike.indexOf(k)] }));
  if (values.json) {
    return toJson({
      label,
      spot,
      gammaAtSpot: gexAtSpot,
      flip,
      profile: Array.from(levels, (s, k) => ({ spot: s, gamma: profile[k] })),
      peaks,
      flows,
    });
  }
  const flipText = Number.isNaN(flip)
    ? "none within half to twice the spot"
    : `${price(flip, QUOTE)} (${move(flip / spot - 1)} from spot)`;
  return [
    `${label}; spot ${price(spot, QUOTE)}`,
    `dealers' dollar gamma per 1% at spot: ${amount(gexAtSpot, QUOTE)} (${gexAtSpot >= 0 ? "long gamma: they damp moves" : "short gamma: they chase moves"})`,
    `gamma flip: ${flipText}`,
    "",
    table(
      ["spot", "move", "dollar gamma per 1%"],
      Array.from(levels, (s, k) => [price(s, QUOTE), move(LEVELS[k] / 100 - 1), amount(profile[k], QUOTE)]),
    ),
    "",
    table(
      ["peak strike", "dollar gamma per 1%"],
      peaks.map((p) => [price(p.strike, QUOTE), amount(p.gamma, QUOTE)]),
    ),
    "",
    table(
      ["move", "dealers trade", "in quote", `with vol +${100 * VOL_SPIKE} points`],
      flows.map((f) => [
        move(f.move),
        amount(f.units, currency),
        amount(f.units * f.toSpot, QUOTE),
        amount(f.withSpike, currency),
      ]),
    ),
    "negative = dealers sell the underlying; dollar gamma is Σ position × Γ × S² / 100 at each option's own vol",
  ].join("\n");
}

/**
 * A Deribit book's chain, its errors about the time said with --asof: without timestamps in the
 * rows the time must come from the option, and "expired at asOf" is at the time it gave.
 */
function deribit(file: string, json: unknown, asof: string | undefined, dealers: DealerSide | undefined) {
  const asOf = asof === undefined ? undefined : Date.parse(asof);
  if (Number.isNaN(asOf)) throw new UsageError(`--asof expected an ISO time such as 2026-11-24T08:00Z, got "${asof}"`);
  try {
    return chainFromDeribit(json, { asOf, dealers });
  } catch (err) {
    if ((err as { field?: string }).field === "asOf" && asOf === undefined)
      throw new UsageError(
        `${file}: its rows carry no creation_timestamp, so the time to measure expiries from is unknown: give --asof ISO-TIME`,
      );
    const expired =
      err instanceof ChainError && err.issues.some((i) => i.message.startsWith("every option has expired"));
    if (expired) {
      const when = asOf === undefined ? "the rows' latest creation_timestamp" : `--asof ${asof}`;
      throw new UsageError(`${file}: every option has expired at ${when}`);
    }
    throw err;
  }
}
