/**
 * `solvencyBoundary`: per asset, the price at which a cascade turns self-sustaining.
 *
 * - static: the highest price of the ladder's grid at which the collateral that becomes
 *   liquidatable between spot and that price exceeds the base its venues can take over the same
 *   range (no feedback: the forced sales a fall brings outrun the depth that would absorb them);
 * - dynamic: the smallest drop of the asset's outside market (a `drop` shock) for which the
 *   simulated cascade sustains itself — its market's realized drawdown at least `selfSustaining`
 *   (default 2) times the exogenous one — found on `simulate` by a scan of drops (every
 *   `scanStep`, up to `maxDrop`: the ratio cannot reach 2 for drops above one half, so the drops
 *   that sustain a cascade need not reach the top) refined by bisection. The scenario's own flows
 *   and outside-market moves are left out; its failures (outages, congestion) stay.
 * @module
 */
import { canonical } from "../scenario/canonical.ts";
import type { BaseUrl } from "../scenario/files.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { simulate } from "../simulate/simulate.ts";
import { bounded, integer, object } from "../validate.ts";
import { gridOf, ladderOf } from "./ladder.ts";

/** Options of {@link solvencyBoundary}. */
export interface BoundaryOptions {
  /** Assets to find the boundary of; default every asset with a venue and a vol above 0. */
  assets?: string[];
  /** The static ladder's grid: distance between levels in basis points (default 50) and their count (default 190). */
  stepBps?: number;
  levels?: number;
  /** The dynamic boundary's drop happens over this many steps (default 1: inside one step) … */
  dropSteps?: number;
  /** … and venues close this share of the gap to the outside price each step (default 0.5). */
  pull?: number;
  /** Realized ≥ this × exogenous drawdown: the cascade sustains itself (default 2). */
  selfSustaining?: number;
  /** The scan's step and its largest drop (defaults 0.02 and 0.5), then bisection steps (default 10: to ±0.002%). */
  scanStep?: number;
  maxDrop?: number;
  iterations?: number;
  /** Where a `csvFile` is read from (Node and Deno). */
  baseUrl?: BaseUrl;
  /**
   * Called as the dynamic boundary's runs go: runs done of the most there can be (the scan's
   * drops, the bisection and the last run per asset; a scan that stops early skips ahead).
   */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** Where an asset's cascade turns self-sustaining. */
export interface Boundary {
  /** null when no level of the grid has more forced sales than depth. */
  static: {
    price: number;
    drop: number;
    /** Collateral liquidatable between spot and the price (units of the asset), and its debt (quote). */
    collateral: number;
    debt: number;
    /** What the venues could take over the same range (units). */
    depth: number;
  } | null;
  /** null when no drop up to maxDrop sustains a cascade. */
  dynamic: {
    price: number;
    drop: number;
    /** The run at that drop: liquidations, liquidated notional, bad debt and its drawdowns. */
    liquidations: number;
    liquidatedNotional: number;
    badDebt: number;
    realizedDrawdown: number;
    exogenousDrawdown: number;
  } | null;
}

/**
 * The solvency boundary of each asset.
 * @param scenario the scenario (validated here)
 * @param options the assets, the grid, the dynamic test
 * @returns per asset id, the static and the dynamic boundary
 * @example
 * ```ts
 * const { ETH } = solvencyBoundary(presets.sharedOracle);
 * ETH.static?.drop;  // the fall at which forced sales outrun depth
 * ETH.dynamic?.drop; // the sudden fall from which the cascade doubles it
 * ```
 */
export function solvencyBoundary(scenario: Scenario, options: BoundaryOptions = {}): Record<string, Boundary> {
  object("options", options);
  const s = canonical(checkScenario(scenario, { baseUrl: options.baseUrl }));
  const grid = gridOf(options);
  const dropSteps = integer("options.dropSteps", options.dropSteps ?? 1, 1, s.steps);
  const pull = bounded("options.pull", options.pull ?? 0.5, 0, 1);
  const threshold = bounded("options.selfSustaining", options.selfSustaining ?? 2, 1, 1e6);
  const iterations = integer("options.iterations", options.iterations ?? 10, 1, 60);
  const maxDrop = bounded("options.maxDrop", options.maxDrop ?? 0.5, 1e-6, 0.99);
  const scanStep = bounded("options.scanStep", options.scanStep ?? 0.02, 1e-6, maxDrop);
  const traded = (id: string) => s.venues.some((v) => v.base === id);
  const assets = options.assets ?? s.assets.filter((a) => a.vol > 0 && traded(a.id)).map((a) => a.id);
  const out: Record<string, Boundary> = {};
  const perAsset = Math.floor(maxDrop / scanStep + 1e-9) + iterations + 1;
  const total = assets.length * perAsset;
  let done = 0;
  const ran = () => options.onProgress?.({ done: ++done, total });
  options.onProgress?.({ done, total });
  for (const [i, asset] of assets.entries()) {
    if (!traded(asset)) throw new RangeError(`"options.assets" expected assets some venue trades, got "${asset}"`);
    out[asset] = {
      static: staticBoundary(s, asset, grid),
      dynamic: dynamicBoundary(s, asset, { dropSteps, pull, threshold, iterations, maxDrop, scanStep }, ran),
    };
    done = (i + 1) * perAsset;
    options.onProgress?.({ done, total });
  }
  return out;
}

function staticBoundary(s: ScenarioV1, asset: string, grid: { stepBps: number; levels: number }): Boundary["static"] {
  const l = ladderOf(s, asset, grid);
  for (let k = 0; k < l.prices.length; k++) {
    if (l.cumulativeCollateral[k] > l.depth[k]) {
      let debt = 0;
      for (let j = 0; j <= k; j++) debt += l.debt[j];
      return {
        price: l.prices[k],
        drop: 1 - l.prices[k] / l.spot,
        collateral: l.cumulativeCollateral[k],
        debt,
        depth: l.depth[k],
      };
    }
  }
  return null;
}

interface Dynamic {
  dropSteps: number;
  pull: number;
  threshold: number;
  iterations: number;
  maxDrop: number;
  scanStep: number;
}

function dynamicBoundary(s: ScenarioV1, asset: string, d: Dynamic, ran: () => void): Boundary["dynamic"] {
  const spot = s.assets.find((a) => a.id === asset)?.price as number;
  // the market as the scenario states it, moved by the drop alone: its own flows and outside-market
  // moves are left out (its failures — outages, congestion — stay)
  const MOVES = new Set(["sell", "buy", "path", "drop", "crash"]);
  const others = s.shock.filter((x) => !MOVES.has(x.type));
  const run = (drop: number) => {
    const r = simulate(
      {
        ...s,
        shock: [...others, { type: "drop", asset, fraction: drop, steps: d.dropSteps, step: 0, pull: d.pull }],
      } as Scenario,
      { events: 0 },
    ).summary;
    ran();
    const dd = r.drawdowns[asset];
    return { r, dd, sustains: dd.realized > 0 && dd.realized >= d.threshold * dd.exogenous };
  };
  // the first drop of the scan that sustains a cascade, then bisection below it
  let lo = 0;
  let hi = Number.NaN;
  for (let k = 1; k * d.scanStep <= d.maxDrop + 1e-12; k++) {
    if (run(k * d.scanStep).sustains) {
      hi = k * d.scanStep;
      break;
    }
    lo = k * d.scanStep;
  }
  if (Number.isNaN(hi)) return null;
  for (let k = 0; k < d.iterations; k++) {
    const mid = (lo + hi) / 2;
    if (run(mid).sustains) hi = mid;
    else lo = mid;
  }
  const { r, dd } = run(hi);
  return {
    price: spot * (1 - hi),
    drop: hi,
    liquidations: r.liquidations,
    liquidatedNotional: r.liquidatedNotional,
    badDebt: r.badDebt,
    realizedDrawdown: dd.realized,
    exogenousDrawdown: dd.exogenous,
  };
}
