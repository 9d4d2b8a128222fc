/**
 * Volatility-targeted liquidity incentives: a fee budget that buys resting bids on the asset's
 * order books around the clusters of its static liquidation ladder (the levels holding the most
 * collateral, as `liquidationLadder` computes them on its default grid), placed by the core
 * (assembly/engine/incentives.ts) before step 0.
 * @module
 */
import { INCENTIVE_PLACED, INCENTIVE_RESTING } from "../../../bindings/codes.ts";
import type { ScenarioV1 } from "../../scenario/schema.ts";
import type { World } from "../world.ts";
import { assetOf } from "./absorbers.ts";

type IncentiveSpec = Extract<ScenarioV1["mitigations"][number], { type: "liquidityIncentive" }>;

/** The ladder's grid, as `liquidationLadder`'s defaults: levels 0.5% apart, down to −94.5%. */
const STEP_BPS = 50;
const LEVELS = 190;

/** A liquidity incentive's figures (quote amounts in the scenario's quote units). */
export type IncentiveSummary = {
  type: "liquidityIncentive";
  /** 0: the budget is spent, not committed. */
  capitalCommitted: number;
  /** The budget spent: depthAdded × costPerUnit (the budget, less what lot sizes rounded away). */
  incentivesPaid: number;
  /** 0: it changes no protocol's rules. */
  lostBorrowingPower: number;
  asset: string;
  /** Quote per base unit of depth over the run. */
  costPerUnit: number;
  /** Base of bids placed, over all clusters and books. */
  depthAdded: number;
  /** Of it, base filled by the end of the run. */
  depthFilled: number;
  /** Order books it placed bids on (0: the asset trades on no book, and the incentive does not apply). */
  books: number;
  /** Per cluster, highest price first: the ladder level's price (`liquidationLadder`'s `prices[k]`, quote units)… */
  clusterPrices: number[];
  /** …the collateral (base) first liquidatable there… */
  clusterCollateral: number[];
  /** …the band the bids rest in (quote units)… */
  bandLow: number[];
  bandHigh: number[];
  /** …and the base of bids placed in it. */
  clusterDepth: number[];
};

/** What a builder planned, by world: a world's incentives in the order they were built. */
const planned = new WeakMap<World, Built[]>();

interface Built {
  asset: string;
  costPerUnit: number;
  books: number;
  /** Per cluster: its incentives' indexes in the core. */
  plans: number[][];
  clusters: { price: number; collateral: number; low: number; high: number }[];
}

/**
 * Plans the incentive's bids in a world being built (after its protocols: their positions make the
 * ladder).
 * @returns its index among the world's incentives (what it planned is kept beside the world)
 */
export function buildIncentive(w: World, m: IncentiveSpec): number {
  const list = planned.get(w) ?? [];
  planned.set(w, list);
  list.push(plan(w, m));
  return list.length - 1;
}

function plan(w: World, m: IncentiveSpec): Built {
  const s = w.scenario;
  const e = w.c.exports;
  const asset = assetOf(s, m);
  const spot = s.assets.find((a) => a.id === asset)?.price as number;
  const costPerUnit = m.costPerUnit ?? 0.01 * spot;
  const books = s.venues.map((v, i) => [v, i] as const).filter(([v]) => v.base === asset && v.type === "orderBook");
  const built: Built = { asset, costPerUnit, books: books.length, plans: [], clusters: [] };
  if (books.length === 0) return built; // not applicable: nothing to rest bids on
  // the static ladder on this world's positions, at the prices before step 0
  const grid = Float64Array.from({ length: LEVELS }, (_, k) => spot * (1 - (k * STEP_BPS) / 1e4));
  const coll = w.column(LEVELS);
  const debt = w.column(LEVELS);
  e.worldLadder(w.h, w.asset.get(asset) as number, w.put(grid), LEVELS, coll, debt);
  const collateral = w.c.f64.slice(coll / 8, coll / 8 + LEVELS);
  // the levels holding the most collateral (ties: the higher price), then highest price first
  const top = Array.from(collateral.keys())
    .filter((k) => collateral[k] > 0)
    .sort((a, b) => collateral[b] - collateral[a] || a - b)
    .slice(0, m.clusters)
    .sort((a, b) => a - b);
  const total = top.reduce((sum, k) => sum + collateral[k], 0);
  const depth = m.budget / costPerUnit;
  const band = m.bandBps / 1e4;
  for (const k of top) {
    const price = grid[k]; // the level's price: its collateral is all liquidatable once the price is down there
    const cluster = { price, collateral: collateral[k], low: price * (1 - band), high: price * (1 + band) };
    built.clusters.push(cluster);
    const share = (depth * collateral[k]) / total / books.length;
    built.plans.push(
      books.map(([v, i]) => {
        const quote = s.assets.find((a) => a.id === v.quote)?.price as number;
        return e.worldIncentive(w.h, i, cluster.low / quote, cluster.high / quote, share);
      }),
    );
  }
  return built;
}

/**
 * The incentive's figures after the run.
 * @param x what buildIncentive returned
 */
export function readIncentive(w: World, _m: IncentiveSpec, x: number): IncentiveSummary {
  const b = (planned.get(w) as Built[])[x];
  const e = w.c.exports;
  const placed = b.plans.map((ks) => ks.reduce((sum, k) => sum + e.worldIncentiveState(w.h, k, INCENTIVE_PLACED), 0));
  const resting = b.plans.reduce(
    (sum, ks) => sum + ks.reduce((x, k) => x + e.worldIncentiveState(w.h, k, INCENTIVE_RESTING), 0),
    0,
  );
  const depthAdded = placed.reduce((x, y) => x + y, 0);
  return {
    type: "liquidityIncentive",
    capitalCommitted: 0,
    incentivesPaid: depthAdded * b.costPerUnit,
    lostBorrowingPower: 0,
    asset: b.asset,
    costPerUnit: b.costPerUnit,
    depthAdded,
    depthFilled: depthAdded - resting,
    books: b.books,
    clusterPrices: b.clusters.map((c) => c.price),
    clusterCollateral: b.clusters.map((c) => c.collateral),
    bandLow: b.clusters.map((c) => c.low),
    bandHigh: b.clusters.map((c) => c.high),
    clusterDepth: placed,
  };
}
