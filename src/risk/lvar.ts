/**
 * Liquidity-adjusted value at risk. Bangia, Diebold, Schuermann and Stroughair (1999): to a
 * position's VaR add the exogenous cost of crossing half the bid-ask spread at a stressed spread,
 * ½·V·(μ_S + a·σ_S) (μ_S, σ_S: the mean and volatility of the relative spread; a: how many of those
 * volatilities a stressed spread lies above its mean); and, beyond the spread, the endogenous cost
 * of selling the quantity itself into the market — here measured on the scenario's own venues
 * (`liquidationCost`).
 * @module
 */
import { canonical } from "../scenario/canonical.ts";
import type { BaseUrl } from "../scenario/files.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { buildWorld } from "../simulate/build.ts";
import { World } from "../simulate/world.ts";
import { bounded, integer, object, rangeError } from "../validate.ts";
import { assetOf } from "./ladder.ts";

/** Input of {@link liquidityAdjustedVar}. */
export interface LvarInput {
  /** The position's value V (quote units). */
  value: number;
  /** Its VaR (quote units), or the volatility and z to make it: VaR = V·z·σ. */
  valueAtRisk?: number;
  volatility?: number;
  /** z of the confidence level (1.645 for 95%); default 1.645. */
  z?: number;
  /** The relative bid-ask spread (ask − bid)/mid: its mean, its volatility (default 0) and a (default 0). */
  spread: { mean: number; std?: number; a?: number };
  /** The endogenous cost of selling the position into the market (quote; `liquidationCost(…).cost`); default 0. */
  liquidationCost?: number;
}

/** {@link liquidityAdjustedVar}'s result, quote units. */
export interface Lvar {
  valueAtRisk: number;
  /** ½·V·(μ_S + a·σ_S). */
  exogenousCost: number;
  endogenousCost: number;
  /** valueAtRisk + exogenousCost + endogenousCost. */
  lvar: number;
}

/**
 * Liquidity-adjusted VaR (Bangia et al. 1999, plus an endogenous term).
 * @param input the position, its VaR (or σ and z), the spread's distribution, the sale's cost
 * @returns VaR, the two liquidity costs and their sum
 * @example
 * ```ts
 * liquidityAdjustedVar({ value: 100, volatility: 0.02, z: 1.65, spread: { mean: 0.01 } });
 * // { valueAtRisk: 3.3, exogenousCost: 0.5, endogenousCost: 0, lvar: 3.8 }
 * ```
 */
export function liquidityAdjustedVar(input: LvarInput): Lvar {
  object("input", input);
  const value = bounded("input.value", input.value, 0, 1e18);
  const z = bounded("input.z", input.z ?? 1.645, 0, 100);
  let valueAtRisk: number;
  if (input.valueAtRisk !== undefined) valueAtRisk = bounded("input.valueAtRisk", input.valueAtRisk, 0, 1e18);
  else if (input.volatility !== undefined)
    valueAtRisk = value * z * bounded("input.volatility", input.volatility, 0, 100);
  else throw rangeError("input.valueAtRisk", "a VaR, or a volatility to make one", undefined);
  object("input.spread", input.spread);
  const mean = bounded("input.spread.mean", input.spread.mean, 0, 10);
  const std = bounded("input.spread.std", input.spread.std ?? 0, 0, 10);
  const a = bounded("input.spread.a", input.spread.a ?? 0, 0, 100);
  const exogenousCost = 0.5 * value * (mean + a * std);
  const endogenousCost = bounded("input.liquidationCost", input.liquidationCost ?? 0, 0, 1e18);
  return { valueAtRisk, exogenousCost, endogenousCost, lvar: valueAtRisk + exogenousCost + endogenousCost };
}

/** Options of {@link liquidationCost}. */
export interface LiquidationCostOptions {
  /** The asset sold; default the first asset with a venue and a vol. */
  asset?: string;
  /** The quantity sold (units of the asset). */
  qty: number;
  /** Pieces the sale is routed in, each to the venue that pays most for it then; default 100. */
  slices?: number;
  /** Where a `csvFile` is read from (Node and Deno). */
  baseUrl?: BaseUrl;
}

/** What selling a quantity into the scenario's venues costs. */
export interface LiquidationCost {
  asset: string;
  qty: number;
  /** Base actually sold (less than qty when the venues run out). */
  sold: number;
  /** Quote received. */
  proceeds: number;
  /** The sold base at the asset's market price before the sale, less the proceeds: the endogenous cost. */
  cost: number;
  /** proceeds / sold. */
  averagePrice: number;
  /** Base sold on each venue. */
  venues: Record<string, number>;
}

/**
 * The endogenous cost of liquidating `qty` of an asset into the scenario's venues at their state
 * before step 0, routed in slices to whichever venue pays most for each.
 * @param scenario the scenario (validated here)
 * @param options the asset, the quantity, the slices
 * @returns what was sold where, for how much, and the cost against the market price
 * @example
 * ```ts
 * const sale = liquidationCost(presets.sharedOracle, { asset: "ETH", qty: 500 });
 * sale.averagePrice; // USDC per ETH over the whole sale
 * sale.venues;       // ETH sold on each venue
 * ```
 */
export function liquidationCost(scenario: Scenario, options: LiquidationCostOptions): LiquidationCost {
  object("options", options);
  const s = canonical(checkScenario(scenario, { baseUrl: options.baseUrl }));
  const asset = assetOf(s, options.asset);
  const qty = bounded("options.qty", options.qty, 0, 1e18);
  const slices = integer("options.slices", options.slices ?? 100, 1, 100_000);
  const w = new World(s, true, 0, 0);
  try {
    buildWorld(w);
    const e = w.c.exports;
    const ids = s.venues.map((v, i) => [v, i] as const).filter(([v]) => v.base === asset);
    const quoteRef = (id: string) => s.assets.find((a) => a.id === id)?.price as number;
    // the asset's market price before the sale (in the assets' price unit), as the summary defines it
    const price = s.assets.find((a) => a.id === asset)?.price as number;
    const piece = qty / slices;
    const soldOn: Record<string, number> = Object.fromEntries(ids.map(([v]) => [v.id, 0]));
    let sold = 0;
    let proceeds = 0;
    for (let k = 0; k < slices; k++) {
      let best = -1;
      let bestValue = 0;
      for (const [v, i] of ids) {
        const value = e.worldSell(w.h, i, piece, 0) * quoteRef(v.quote);
        if (value > bestValue) [best, bestValue] = [i, value];
      }
      if (best < 0) break; // no venue takes any more
      const v = s.venues[best];
      proceeds += e.worldSell(w.h, best, piece, 1) * quoteRef(v.quote);
      sold += piece;
      soldOn[v.id] += piece;
    }
    return { asset, qty, sold, proceeds, cost: sold * price - proceeds, averagePrice: proceeds / sold, venues: soldOn };
  } finally {
    w.dispose();
  }
}
