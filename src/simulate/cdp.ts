/**
 * Builds a MakerDAO system (assembly/engine/cdp.ts) from its scenario entry: its collateral types
 * (ilks), each with Dutch (clip) or English (flip) auctions, under one Hole.
 * @module
 */
import { CDP_ART, CDP_INK, CURVE_EXPONENTIAL, CURVE_LINEAR, CURVE_STAIRSTEP } from "../../bindings/codes.ts";
import { ilksOf } from "../scenario/ilks.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { World } from "./world.ts";

type Cdp = Extract<ScenarioV1["protocols"][number], { type: "cdp" }>;
type Vaults = { account?: string; ink: number; art: number }[] | { generate: Generated };
type Generated = {
  count: number;
  totalInk: number;
  sizeDispersion: number;
  ratio: { min: number; max: number; shape: number };
};

const CALC = { linear: CURVE_LINEAR, exponential: CURVE_EXPONENTIAL, stairstep: CURVE_STAIRSTEP } as const;

/** Random streams each ilk may draw from (sizes, ratios). */
const STREAMS_PER_ILK = 2;

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
  const { ilks, Hole } = ilksOf(p);
  const x = e.worldCdp(h, Hole);
  ilks.forEach((il, k) => {
    const vaults = il.vaults as Vaults;
    const n = Array.isArray(vaults) ? vaults.length : vaults.generate.count;
    const oracle = w.oracle.get(il.oracle) as number;
    const a = il.auction;
    const rate = il.rate;
    const hole = a.type === "flip" ? 1e18 : a.hole;
    e.worldCdpIlk(
      h,
      x,
      n,
      w.asset.get(il.collateral) as number,
      oracle,
      il.liquidationRatio,
      il.penalty,
      rate,
      il.dust,
      hole,
    );
    if (a.type === "flip") e.worldCdpFlip(h, x, k, a.beg, a.ttl, a.tau, a.lump ?? Number.POSITIVE_INFINITY);
    else {
      const curve = a.curve;
      e.worldCdpClip(
        h,
        x,
        k,
        a.buf,
        CALC[curve.type],
        curve.type === "linear" ? curve.tau : curve.cut,
        curve.type === "stairstep" ? curve.step : 0,
        a.tail,
        a.cusp,
        a.chip,
        a.tip,
      );
    }
    let ink: number;
    let art: number;
    if (Array.isArray(vaults)) {
      ink = w.put(Float64Array.from(vaults, (v) => v.ink));
      art = w.put(Float64Array.from(vaults, (v) => v.art));
    } else {
      ink = w.column(n);
      art = w.column(n);
      const g = vaults.generate;
      const ratio = w.column(n);
      const s = stream + STREAMS_PER_ILK * k;
      e.generateSizes(w.scenario.seed, s, n, g.totalInk, g.sizeDispersion, ink);
      e.generateLevels(w.scenario.seed, s + 1, n, g.ratio.min, g.ratio.max, g.ratio.shape, ratio);
      // art = ink·price/(ratio·rate): the vault owes art·rate
      e.generateDerived(n, ink, ratio, w.oraclePrice[oracle] / rate, art);
    }
    e.worldCdpColumn(h, x, k, CDP_INK, ink);
    e.worldCdpColumn(h, x, k, CDP_ART, art); // then indexes the vaults
    w.freeColumns();
  });
  return x;
}
