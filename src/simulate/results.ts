/**
 * The shape of a run's results: the core's timeline columns named by id, and the summary.
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";
import { PROTOCOL_TYPES } from "./protocols.ts";
import type { World } from "./world.ts";

/** Per step, as columns of `steps` values. */
export interface Timeline {
  /** Steps run (the length of every column). */
  steps: number;
  /** Per asset: its exogenous reference price (a path's, else its price at step 0). */
  assets: Record<string, { reference: Float64Array }>;
  /** Per venue: its price, and the base that can be sold before its price falls 1% and 5%. */
  venues: Record<string, { price: Float64Array; depth1: Float64Array; depth5: Float64Array }>;
  /** Per oracle: the price it published. */
  oracles: Record<string, Float64Array>;
  /**
   * Per protocol: liquidations in the step (CDP: auctions started), liquidated notional in quote
   * units, cumulative bad debt, and its own series: a perps market's insurance fund, a CDP's debt
   * in auction, an options vault's margin shortfall (Σ requirement − equity over the accounts
   * breached in the step) (`extra`, named by the protocol's type in `extraName`).
   */
  protocols: Record<
    string,
    {
      liquidations: Float64Array;
      liquidatedNotional: Float64Array;
      badDebt: Float64Array;
      extra: Float64Array;
      extraName: string;
    }
  >;
  /** Per dealer book: base traded to re-hedge (negative: sold). */
  dealers: Record<string, { hedgeFlow: Float64Array }>;
  /** Over all protocols. */
  liquidations: Float64Array;
  liquidatedNotional: Float64Array;
  /** Cumulative. */
  badDebt: Float64Array;
  /** Quote lost to slippage by forced sellers (liquidators, keepers, perps liquidations), cumulative. */
  slippagePaid: Float64Array;
}

/**
 * Reads the timeline of a run.
 * @param w the world, after its run
 * @param ran steps run
 * @returns the columns, copied out of the core
 */
/**
 * Series the core records per step (assembly/engine/run.ts record, in readTimeline's order): per
 * asset 1, per venue 3, per oracle 1, per protocol 4, per dealer book 1, and 4 totals.
 */
export function seriesCount(s: Pick<ScenarioV1, "assets" | "venues" | "oracles" | "protocols" | "dealers">): number {
  return s.assets.length + 3 * s.venues.length + s.oracles.length + 4 * s.protocols.length + s.dealers.length + 4;
}

export function readTimeline(w: World, ran: number): Timeline {
  const e = w.c.exports;
  const s = w.scenario;
  const steps = s.steps;
  const base = e.worldSeries(w.h) / 8;
  const f64 = w.c.f64;
  let k = 0;
  const next = () => f64.slice(base + steps * k, base + steps * k++ + ran);
  const t: Timeline = {
    steps: ran,
    assets: {},
    venues: {},
    oracles: {},
    protocols: {},
    dealers: {},
    liquidations: new Float64Array(0),
    liquidatedNotional: new Float64Array(0),
    badDebt: new Float64Array(0),
    slippagePaid: new Float64Array(0),
  };
  for (const a of s.assets) t.assets[a.id] = { reference: next() };
  for (const v of s.venues) t.venues[v.id] = { price: next(), depth1: next(), depth5: next() };
  for (const o of s.oracles) t.oracles[o.id] = next();
  for (const p of w.passive ? [] : s.protocols) {
    t.protocols[p.id] = {
      liquidations: next(),
      liquidatedNotional: next(),
      badDebt: next(),
      extra: next(),
      extraName: PROTOCOL_TYPES[p.type].extra,
    };
  }
  for (const d of s.dealers) t.dealers[d.id] = { hedgeFlow: next() };
  t.liquidations = next();
  t.liquidatedNotional = next();
  t.badDebt = next();
  t.slippagePaid = next();
  if (k !== e.worldSeriesCount(w.h))
    throw new Error(`fracture: read ${k} timeline series of ${e.worldSeriesCount(w.h)}`);
  return t;
}

/** How far an asset's market fell, with and without the cascade. */
export interface Drawdown {
  /** Largest fall from the start, as a share (0.3 = 30%), in the run without liquidations nor hedging. */
  exogenous: number;
  /** …in the run itself. */
  realized: number;
  /** realized / exogenous: the cascade's amplification (1 when neither fell). */
  amplification: number;
}

/**
 * The asset's market price column: its first venue's price, else its reference price.
 * @param s the scenario
 * @param t a timeline
 * @param asset the asset id
 * @param start each venue's price before step 0
 * @returns the column and the price before step 0
 */
export function marketPrice(s: ScenarioV1, t: Timeline, asset: string, start: number[]): [Float64Array, number] {
  const i = s.venues.findIndex((v) => v.base === asset);
  if (i >= 0) return [t.venues[s.venues[i].id].price, start[i]];
  return [t.assets[asset].reference, s.assets.find((a) => a.id === asset)?.price as number];
}

/**
 * The largest fall from the start.
 * @param column prices per step
 * @param start the price before step 0
 * @returns a share in [0, 1]
 */
export function drawdown(column: Float64Array, start: number): number {
  let low = start;
  for (const p of column) if (p < low) low = p;
  return start > 0 ? Math.max(0, 1 - low / start) : 0;
}

/**
 * realized / exogenous, 1 when both are 0 and Infinity when only the exogenous one is.
 * @param exogenous the fall without the cascade
 * @param realized the fall with it
 * @returns the ratio
 */
export function amplification(exogenous: number, realized: number): number {
  if (exogenous > 0) return realized / exogenous;
  return realized > 0 ? Number.POSITIVE_INFINITY : 1;
}
