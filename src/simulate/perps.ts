/**
 * Builds a perpetual-swaps market (assembly/engine/perps.ts) from its scenario entry: its
 * positions from a list, or drawn in the core.
 * @module
 */
import { PERPS_ENTRY, PERPS_MARGIN, PERPS_SIZE } from "../../bindings/codes.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { World } from "./world.ts";

type Perps = Extract<ScenarioV1["protocols"][number], { type: "perps" }>;
type Generate = Extract<Perps["positions"], { generate: unknown }>["generate"];

/**
 * Adds the protocol to the world.
 * @param w the world being built
 * @param p the protocol
 * @param stream its first random stream (generated positions)
 * @returns its index in the core
 */
export function buildPerps(w: World, p: Perps, stream: number): number {
  const e = w.c.exports;
  const oracle = w.oracle.get(p.oracle) as number;
  const list = p.positions;
  const n = Array.isArray(list) ? list.length : list.generate.count;
  const x = e.worldPerps(
    w.h,
    n,
    oracle,
    w.venue.get(p.venue) as number,
    p.maintenanceMargin,
    p.liquidationFee,
    p.insuranceFund,
  );
  const columns = Array.isArray(list)
    ? [
        w.put(Float64Array.from(list, (q) => q.size)),
        w.put(Float64Array.from(list, (q) => q.entryPrice)),
        w.put(Float64Array.from(list, (q) => q.margin)),
      ]
    : w.reused(p.id, n, () => generated(w, list.generate, w.oraclePrice[oracle], stream));
  const [size, entry, margin] = columns;
  e.worldPerpsColumn(w.h, x, PERPS_SIZE, size);
  e.worldPerpsColumn(w.h, x, PERPS_ENTRY, entry);
  e.worldPerpsColumn(w.h, x, PERPS_MARGIN, margin); // then indexes the positions
  w.freeColumns();
  return x;
}

/** Size, entry and margin columns drawn in the core: notional lognormal, leverage by level, side by coin. */
function generated(w: World, g: Generate, price: number, stream: number): number[] {
  const e = w.c.exports;
  const seed = w.scenario.seed;
  const n = g.count;
  const [notional, leverage, sign, size, entry, margin] = [0, 1, 2, 3, 4, 5].map(() => w.column(n));
  e.generateSizes(seed, stream, n, g.totalNotional, g.sizeDispersion, notional);
  e.generateLevels(seed, stream + 1, n, g.leverage.min, g.leverage.max, g.leverage.shape, leverage);
  e.generateSigns(seed, stream + 2, n, g.longShare, sign);
  e.generateDerived(n, notional, leverage, 1, margin);
  // notional/price/sign: dividing by ±1 is multiplying by it
  e.generateDerived(n, notional, sign, 1 / price, size);
  w.c.f64.fill(price, entry / 8, entry / 8 + n);
  return [size, entry, margin];
}
