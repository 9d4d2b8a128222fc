/**
 * Builds a CDP market with Dutch auctions (assembly/engine/cdp.ts) from its scenario entry.
 * @module
 */
import { CDP_ART, CDP_INK, CURVE_EXPONENTIAL, CURVE_LINEAR, CURVE_STAIRSTEP } from "../../bindings/codes.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { World } from "./world.ts";

type Cdp = Extract<ScenarioV1["protocols"][number], { type: "cdp" }>;
type Generated = Extract<Cdp["vaults"], { generate: unknown }>["generate"];

const CALC = { linear: CURVE_LINEAR, exponential: CURVE_EXPONENTIAL, stairstep: CURVE_STAIRSTEP } as const;

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
  const vaults = Array.isArray(p.vaults) ? p.vaults : undefined;
  const n = vaults ? vaults.length : (p.vaults as { generate: { count: number } }).generate.count;
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
  let ink: number;
  let art: number;
  if (vaults) {
    ink = w.put(Float64Array.from(vaults, (v) => v.ink));
    art = w.put(Float64Array.from(vaults, (v) => v.art));
  } else {
    ink = w.column(n);
    art = w.column(n);
    const g = (p.vaults as { generate: Generated }).generate;
    const price = w.oraclePrice[w.oracle.get(p.oracle) as number];
    const ratio = w.column(n);
    e.generateSizes(w.scenario.seed, stream, n, g.totalInk, g.sizeDispersion, ink);
    e.generateLevels(w.scenario.seed, stream + 1, n, g.ratio.min, g.ratio.max, g.ratio.shape, ratio);
    e.generateDerived(n, ink, ratio, price, art);
  }
  e.worldCdpColumn(h, x, CDP_INK, ink);
  e.worldCdpColumn(h, x, CDP_ART, art); // then indexes the vaults
  w.freeColumns();
  return x;
}
