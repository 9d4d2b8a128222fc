/**
 * The static liquidation ladder of an asset — the collateral that becomes liquidatable at each
 * price level below its price, over every protocol, with no feedback — beside the depth its venues
 * offer down to each level. The positions are read in the core (assembly/engine: each protocol's
 * `ladder`).
 * @module
 */
import { canonical } from "../scenario/canonical.ts";
import type { BaseUrl } from "../scenario/files.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { buildWorld } from "../simulate/build.ts";
import { World } from "../simulate/world.ts";
import { integer, object, rangeError } from "../validate.ts";

/** Options of {@link liquidationLadder}. */
export interface LadderOptions {
  /** The asset; default the first asset with a venue and a vol above 0. */
  asset?: string;
  /** Distance between levels, in basis points of the price; default 50 (0.5%). */
  stepBps?: number;
  /** Levels below the price (level 0 is the price itself); default 190 (down to −95%). */
  levels?: number;
  /** Where a `csvFile` is read from (Node and Deno). */
  baseUrl?: BaseUrl;
}

/** An asset's static ladder, level by level (prices descending from its price). */
export interface Ladder {
  asset: string;
  /** The asset's price the levels are measured from (its `price` in the scenario, quote units). */
  spot: number;
  /** Level k: spot·(1 − k·stepBps/10⁴). */
  prices: Float64Array;
  /** Collateral (units of the asset) first liquidatable at each level: its positions' liquidation price lies in [prices[k], prices[k-1]) (each goes to the first level at or below it); level 0 also holds what is liquidatable already. */
  collateral: Float64Array;
  /** Their debt (quote units). */
  debt: Float64Array;
  /** Σ collateral from level 0 to k: what forced sales would bring to market by the time the price is down there. */
  cumulativeCollateral: Float64Array;
  /** Base the asset's venues could take between spot and each level (Σ over venues of what each could sell before its price falls that far), before anything trades. */
  depth: Float64Array;
}

/**
 * The static ladder of an asset.
 * @param scenario the scenario (validated here)
 * @param options the asset and the grid
 * @returns the ladder and the depth beside it
 * @example
 * ```ts
 * const ladder = liquidationLadder(presets.sharedOracle, { asset: "ETH", stepBps: 100, levels: 50 });
 * ladder.cumulativeCollateral[9]; // ETH liquidatable by the time ETH is 10% down
 * ladder.depth[9];                // ETH the venues could take over the same fall
 * ```
 */
export function liquidationLadder(scenario: Scenario, options: LadderOptions = {}): Ladder {
  object("options", options);
  const s = canonical(checkScenario(scenario, { baseUrl: options.baseUrl }));
  const asset = assetOf(s, options.asset);
  return ladderOf(s, asset, gridOf(options));
}

/** The grid's step and level count, checked. */
export function gridOf(options: { stepBps?: number; levels?: number }): { stepBps: number; levels: number } {
  const stepBps = integer("options.stepBps", options.stepBps ?? 50, 1, 5000);
  const levels = integer("options.levels", options.levels ?? 190, 2, 100_000);
  if (stepBps * (levels - 1) >= 1e4)
    throw rangeError(
      "options.levels",
      `at most ${Math.ceil(1e4 / stepBps)} levels of ${stepBps} bps (prices above 0)`,
      levels,
    );
  return { stepBps, levels };
}

/** The asset (given, or the first with a venue and a vol), checked. */
export function assetOf(s: ScenarioV1, given: string | undefined): string {
  const traded = (id: string) => s.venues.some((v) => v.base === id);
  if (given !== undefined) {
    if (!s.assets.some((a) => a.id === given)) throw rangeError("options.asset", "an asset of the scenario", given);
    if (!traded(given)) throw rangeError("options.asset", "an asset some venue trades", given);
    return given;
  }
  const first = s.assets.find((a) => a.vol > 0 && traded(a.id)) ?? s.assets.find((a) => traded(a.id));
  if (!first) throw rangeError("scenario.venues", "a venue trading some asset", s.venues.length);
  return first.id;
}

/** The ladder of a validated scenario in canonical order. */
export function ladderOf(s: ScenarioV1, asset: string, grid: { stepBps: number; levels: number }): Ladder {
  const spot = s.assets.find((a) => a.id === asset)?.price as number;
  const n = grid.levels;
  const prices = Float64Array.from({ length: n }, (_, k) => spot * (1 - (k * grid.stepBps) / 1e4));
  const w = new World(s, false, 0, 0);
  try {
    buildWorld(w);
    const e = w.c.exports;
    const at = w.put(prices);
    const coll = w.column(n);
    const debt = w.column(n);
    e.worldLadder(w.h, w.asset.get(asset) as number, at, n, coll, debt);
    const f64 = w.c.f64;
    const collateral = f64.slice(coll / 8, coll / 8 + n);
    const debts = f64.slice(debt / 8, debt / 8 + n);
    const cumulativeCollateral = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) cumulativeCollateral[k] = sum += collateral[k];
    // each venue's depth down to each level, measured from its own price before step 0
    const depth = new Float64Array(n);
    s.venues.forEach((v, i) => {
      if (v.base !== asset) return;
      for (let k = 1; k < n; k++) depth[k] += e.worldDepth(w.h, i, (k * grid.stepBps) / 1e4);
    });
    return { asset, spot, prices, collateral: collateral, debt: debts, cumulativeCollateral, depth };
  } finally {
    w.dispose();
  }
}
