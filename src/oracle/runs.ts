/**
 * The runs behind the dynamic boundary, the cascade-adjusted ladder and the recommendations: the
 * scenario with a sudden drop of one asset's outside market — exactly as `solvencyBoundary` runs
 * it (its own flows and outside-market moves left out, its failures kept; a `drop` shock of
 * `dropSteps` at step 0 pulled at `pull`) — and what each run says about that asset.
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { simulateKeeping } from "../simulate/simulate.ts";

/** How a drop is run and judged. */
export interface DropMethod {
  dropSteps: number;
  pull: number;
  /** A cascade sustains itself when realized ≥ selfSustaining × exogenous (and realized > 0). */
  selfSustaining: number;
}

/** One run's figures for the asset. */
export interface DropRun {
  drop: number;
  realized: number;
  exogenous: number;
  sustains: boolean;
  liquidations: number;
  liquidatedNotional: number;
  badDebt: number;
  /** Per protocol: the lowest price its oracle of the asset published (null: none, or it never published), its liquidated notional and bad debt. */
  protocols: Record<string, { oracleLow: number | null; liquidatedNotional: number; badDebt: number }>;
}

const MOVES = new Set(["sell", "buy", "path", "drop", "crash"]);

/**
 * The scenario with the drop (and its own moves left out).
 * @param s a validated scenario
 * @param asset the asset whose outside market falls
 * @param drop how far, a share of its price
 * @param m the run's method
 * @returns the scenario to simulate
 */
export function withDrop(s: ScenarioV1, asset: string, drop: number, m: DropMethod): ScenarioV1 {
  const others = s.shock.filter((x) => !MOVES.has(x.type));
  return {
    ...s,
    shock: [...others, { type: "drop", asset, fraction: drop, steps: m.dropSteps, step: 0, pull: m.pull }],
  };
}

/**
 * Runs the scenario with the drop.
 * @param s a validated scenario
 * @param asset the asset
 * @param drop the drop
 * @param m the method
 * @param generated generated positions kept between the runs of this same `s` (the drop, at step 0,
 *   changes none of them), so they are drawn once
 * @returns the run's figures
 */
export function runDrop(
  s: ScenarioV1,
  asset: string,
  drop: number,
  m: DropMethod,
  generated?: Map<string, Float64Array[]>,
): DropRun {
  const r = simulateKeeping(withDrop(s, asset, drop, m) as Scenario, { events: 0 }, generated);
  const dd = r.summary.drawdowns[asset];
  const protocols: DropRun["protocols"] = {};
  for (const p of s.protocols) {
    const summary = r.summary.protocols[p.id];
    const oracles = oraclesOf(p, asset);
    let low: number | null = null;
    const consider = (column: Float64Array | undefined) => {
      if (!column) return;
      for (const x of column) if (!Number.isNaN(x) && (low === null || x < low)) low = x;
    };
    if (oracles === undefined) consider(r.timeline.assets[asset]?.reference);
    else for (const o of oracles) consider(r.timeline.oracles[o]);
    protocols[p.id] = {
      oracleLow: low,
      liquidatedNotional: summary?.liquidatedNotional ?? 0,
      badDebt: summary?.badDebt ?? 0,
    };
  }
  return {
    drop,
    realized: dd.realized,
    exogenous: dd.exogenous,
    sustains: dd.realized > 0 && dd.realized >= m.selfSustaining * dd.exogenous,
    liquidations: r.summary.liquidations,
    liquidatedNotional: r.summary.liquidatedNotional,
    badDebt: r.summary.badDebt,
    protocols,
  };
}

type ProtocolSpec = ScenarioV1["protocols"][number];

/**
 * The oracles through which a protocol sees `asset` as collateral (or the position's base): [] when it
 * holds none of it, undefined when it values it at the asset's own exogenous price.
 */
export function oraclesOf(p: ProtocolSpec, asset: string): string[] | undefined {
  if (p.type === "lending") return asset in p.oracles ? [p.oracles[asset]] : undefined;
  if (p.type === "cdp") {
    if ("ilks" in p) return p.ilks.filter((il) => il.collateral === asset).map((il) => il.oracle);
    return p.collateral === asset ? [p.oracle] : [];
  }
  if (p.type === "perps") return p.base === asset ? [p.oracle] : [];
  if (p.type === "portfolio") {
    const held = p.collateral[asset];
    if (held && held.oracle === undefined) return undefined;
    return [p.markets[asset]?.oracle, held?.oracle].filter((o) => o !== undefined);
  }
  return p.underlying === asset ? [p.oracle] : [];
}

/**
 * The dynamic boundary from a scan: the first scanned drop that sustains a cascade, refined by
 * bisection between it and the scanned drop below — `solvencyBoundary`'s search.
 * @param scan runs at scanStep, 2·scanStep, … in order
 * @param refine runs a drop
 * @param iterations bisection steps
 * @returns the boundary's drop and its run, or null when no scanned drop sustains one
 */
export function dynamicFromScan(
  scan: readonly DropRun[],
  refine: (drop: number) => DropRun,
  iterations: number,
): DropRun | null {
  const first = scan.findIndex((r) => r.sustains);
  if (first < 0) return null;
  let lo = first > 0 ? scan[first - 1].drop : 0;
  let hi = scan[first].drop;
  for (let k = 0; k < iterations; k++) {
    const mid = (lo + hi) / 2;
    if (refine(mid).sustains) hi = mid;
    else lo = mid;
  }
  return hi === scan[first].drop ? scan[first] : refine(hi);
}
