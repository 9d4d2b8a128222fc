/**
 * Builds a CDP market with Dutch auctions (assembly/engine/cdp.ts) from its scenario entry.
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { World } from "./world.ts";

type Cdp = Extract<ScenarioV1["protocols"][number], { type: "cdp" }>;

const CALC = { linear: 0, exponential: 1, stairstep: 2 } as const;

/**
 * Adds the protocol to the world.
 * @param w the world being built
 * @param p the protocol
 * @param stream its first random stream (generated vaults)
 * @returns its index in the core
 */
export function buildCdp(w: World, p: Cdp, stream: number): number {
  const e = w.c.exports;
  const h = w.h;
  const a = p.auction;
  const curve = a.curve;
  const n = Array.isArray(p.vaults) ? p.vaults.length : p.vaults.generate.count;
  const x = e.worldCdp(
    h,
    n,
    w.asset.get(p.collateral) as number,
    w.oracle.get(p.oracle) as number,
    p.liquidationRatio,
    p.penalty,
    a.buf,
    CALC[curve.type],
    curve.type === "linear" ? curve.tau : curve.cut,
    curve.type === "stairstep" ? curve.step : 0,
    a.tail,
    a.cusp,
  );
  e.worldCdpLimits(h, x, a.chip, a.tip, a.hole, a.Hole, p.dust);
  const ink = w.column(n);
  const art = w.column(n);
  if (Array.isArray(p.vaults)) {
    w.c.f64.set(
      Float64Array.from(p.vaults, (v) => v.ink),
      ink / 8,
    );
    w.c.f64.set(
      Float64Array.from(p.vaults, (v) => v.art),
      art / 8,
    );
  } else {
    const g = p.vaults.generate;
    const price = w.oraclePrice[w.oracle.get(p.oracle) as number];
    const ratio = w.column(n);
    e.generateSizes(w.scenario.seed, stream, n, g.totalInk, g.sizeDispersion, ink);
    e.generateLevels(w.scenario.seed, stream + 1, n, g.ratio.min, g.ratio.max, g.ratio.shape, ratio);
    e.generateDerived(n, ink, ratio, price, art);
  }
  e.worldCdpColumn(h, x, 0, ink);
  e.worldCdpColumn(h, x, 1, art);
  w.freeColumns();
  return x;
}
