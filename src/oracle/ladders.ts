/**
 * What the risk oracle reads off one world built from the scenario (nothing runs): each
 * protocol's static liquidation ladder of an asset on the report's grid (the core's
 * `worldProtocolLadder`; they add up to `worldLadder`), the collateral liquidatable at any given
 * price (a one-price grid), each venue's depth down to each level, and the quote the venues would
 * pay for their base within a fall (the capital behind their bids).
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";
import { buildWorld } from "../simulate/build.ts";
import { World } from "../simulate/world.ts";

/** A protocol's ladder on a grid: collateral (units) and debt (quote) per level. */
export interface Levels {
  collateral: number[];
  debt: number[];
}

/** A world to read ladders and depths from, built once. */
export class LadderWorld {
  readonly #w: World;
  readonly #s: ScenarioV1;

  constructor(s: ScenarioV1) {
    this.#s = s;
    this.#w = new World(s, false, 0, 0);
    try {
      buildWorld(this.#w);
    } catch (err) {
      this.#w.dispose();
      throw err;
    }
  }

  /** Each protocol's ladder of `asset` on the descending `prices` (level k holds liquidation prices in [prices[k], prices[k-1])). */
  ladders(asset: string, prices: readonly number[]): Record<string, Levels> {
    const w = this.#w;
    const e = w.c.exports;
    const n = prices.length;
    const out: Record<string, Levels> = {};
    const grid = w.put(Float64Array.from(prices));
    const coll = w.column(n);
    const debt = w.column(n);
    for (const p of this.#s.protocols) {
      e.worldProtocolLadder(w.h, w.protocol.get(p.id) as number, w.asset.get(asset) as number, grid, n, coll, debt);
      const f64 = w.c.f64;
      out[p.id] = {
        collateral: Array.from(f64.subarray(coll / 8, coll / 8 + n)),
        debt: Array.from(f64.subarray(debt / 8, debt / 8 + n)),
      };
    }
    w.freeColumns();
    return out;
  }

  /** The ladder over every protocol (the core's worldLadder, as liquidationLadder reads it). */
  total(asset: string, prices: readonly number[]): Levels {
    const w = this.#w;
    const n = prices.length;
    const grid = w.put(Float64Array.from(prices));
    const coll = w.column(n);
    const debt = w.column(n);
    w.c.exports.worldLadder(w.h, w.asset.get(asset) as number, grid, n, coll, debt);
    const f64 = w.c.f64;
    const out = {
      collateral: Array.from(f64.subarray(coll / 8, coll / 8 + n)),
      debt: Array.from(f64.subarray(debt / 8, debt / 8 + n)),
    };
    w.freeColumns();
    return out;
  }

  /** Protocol p's collateral of `asset` liquidatable at `price` (every position whose liquidation price is at or above it) and its debt. */
  liquidatableAt(protocol: string, asset: string, price: number): { collateral: number; debt: number } {
    const w = this.#w;
    const e = w.c.exports;
    const grid = w.put(Float64Array.of(price));
    const coll = w.column(1);
    const debt = w.column(1);
    e.worldProtocolLadder(w.h, w.protocol.get(protocol) as number, w.asset.get(asset) as number, grid, 1, coll, debt);
    const f64 = w.c.f64;
    const out = { collateral: f64[coll / 8], debt: f64[debt / 8] };
    w.freeColumns();
    return out;
  }

  /** Base venue `id` could sell before its price falls by each of `shares`, before anything trades. */
  depth(venue: string, shares: readonly number[]): number[] {
    const w = this.#w;
    const i = w.venue.get(venue) as number;
    return shares.map((x) => (x > 0 ? w.c.exports.worldDepth(w.h, i, x) : 0));
  }

  /** Quote (in the assets' price unit) the venue would pay for all the base it takes within a fall of `share`: the capital behind its bids. */
  bidCapital(venue: string, share: number): number {
    const w = this.#w;
    const i = w.venue.get(venue) as number;
    const e = w.c.exports;
    const base = e.worldDepth(w.h, i, share);
    const v = this.#s.venues[i];
    const quotePrice = this.#s.assets.find((a) => a.id === v.quote)?.price ?? 1;
    return base > 0 ? e.worldSell(w.h, i, base, 0) * quotePrice : 0;
  }

  /** Each venue's price before anything trades. */
  venuePrice(venue: string): number {
    return this.#w.venuePrice[this.#w.venue.get(venue) as number];
  }

  dispose(): void {
    this.#w.dispose();
  }
}
