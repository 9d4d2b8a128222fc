/**
 * Builds a lending protocol (assembly/engine/lending.ts) from its scenario entry: its assets,
 * and its positions from a list (CSV was read into one by validation) or a generator (drawn in
 * the core).
 * @module
 */
import { LENDING_COLLATERAL, LENDING_DEBT } from "../../bindings/codes.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { World } from "./world.ts";

type Lending = Extract<ScenarioV1["protocols"][number], { type: "lending" }>;
type Holdings = { collateral: Record<string, number>; debt: Record<string, number> };

/**
 * Adds the protocol to the world.
 * @param w the world being built
 * @param p the protocol
 * @param stream its first random stream (generated positions)
 * @returns its index in the core
 */
export function buildLending(w: World, p: Lending, stream: number): number {
  const e = w.c.exports;
  const h = w.h;
  const assets = assetsOf(p);
  const slot = new Map(assets.map((a, i) => [a, i]));
  const n = positionCount(p);
  const x = e.worldLending(h, assets.length, n, p.closeFactor, p.fullCloseBelowHealth);
  if (p.aaveV33) e.worldLendingV33(h, x, p.aaveV33.fullCloseBelowValue, p.aaveV33.minLeftoverValue);
  assets.forEach((a, i) => {
    const m = p.markets[a];
    e.worldLendingAsset(
      h,
      x,
      i,
      w.asset.get(a) as number,
      a in p.oracles ? (w.oracle.get(p.oracles[a]) as number) : -1,
      m?.liquidationThreshold ?? 0,
      m?.liquidationBonus ?? 0,
      m?.protocolFee ?? 0,
    );
  });
  const positions = p.positions;
  if (!Array.isArray(positions) && "generate" in positions) {
    const g = positions.generate;
    const pc = w.priceAtStart(p.oracles[g.collateral], g.collateral);
    const pd = w.priceAtStart(p.oracles[g.debt], g.debt);
    const lt = p.markets[g.collateral].liquidationThreshold;
    const [coll, debt] = w.reused(p.id, n, () => {
      const [coll, health, debt] = [w.column(n), w.column(n), w.column(n)];
      e.generateSizes(w.scenario.seed, stream, n, g.totalCollateral, g.sizeDispersion, coll);
      e.generateLevels(w.scenario.seed, stream + 1, n, g.health.min, g.health.max, g.health.shape, health);
      e.generateDerived(n, coll, health, (pc * lt) / pd, debt);
      return [coll, debt];
    });
    e.worldLendingColumn(h, x, LENDING_COLLATERAL, slot.get(g.collateral) as number, coll);
    e.worldLendingColumn(h, x, LENDING_DEBT, slot.get(g.debt) as number, debt);
  } else {
    const list: Holdings[] = positions;
    assets.forEach((a, i) => {
      for (const side of ["collateral", "debt"] as const) {
        const col = new Float64Array(n);
        let any = false;
        list.forEach((pos, k) => {
          const amount = pos[side][a];
          if (amount) {
            col[k] = amount;
            any = true;
          }
        });
        if (any) e.worldLendingColumn(h, x, side === "collateral" ? LENDING_COLLATERAL : LENDING_DEBT, i, w.put(col));
      }
    });
  }
  w.freeColumns();
  e.worldLendingReady(h, x);
  return x;
}

/**
 * Debt written off over the run, per asset of the protocol, in the asset's units (Aave v3.3's
 * reserve deficit: what no collateral backs any more).
 * @param w the world, after its run
 * @param p the protocol
 * @param x its index in the core
 */
export function lendingDeficit(w: World, p: Lending, x: number): Record<string, number> {
  const out: Record<string, number> = {};
  assetsOf(p).forEach((a, i) => {
    out[a] = w.c.exports.worldLendingDeficit(w.h, x, i);
  });
  return out;
}

/** Accounts of the protocol. */
export function positionCount(p: Lending): number {
  return Array.isArray(p.positions) ? p.positions.length : p.positions.generate.count;
}

/**
 * The assets the protocol uses — priced by an oracle, in a market, or held or owed by a position —
 * in the order of their ids (a health sums over them: no bit depends on how they were written).
 */
export function assetsOf(p: Lending): string[] {
  const used = new Set([...Object.keys(p.oracles), ...Object.keys(p.markets)]);
  if (Array.isArray(p.positions)) {
    for (const pos of p.positions) {
      for (const a of Object.keys(pos.collateral)) used.add(a);
      for (const a of Object.keys(pos.debt)) used.add(a);
    }
  } else {
    used.add(p.positions.generate.collateral).add(p.positions.generate.debt);
  }
  return [...used].sort();
}
