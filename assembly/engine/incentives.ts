// Liquidity incentives: a fee budget that buys resting bids on an order book inside a band of
// prices (around a cluster of liquidation prices: the TypeScript side picks the bands from the
// static liquidation ladder). The bids are placed before step 0 — after the venues are weighed
// for the market price, so the weights are the market's without them — and rest until filled:
// the makers were paid for depth over the run and do not come back once filled. Each band gets
// at most MAX_ORDERS orders, evenly spaced over its ticks, never above the book's best bid (the
// mid does not move when they are placed).

import { BOOK_FULL, INCENTIVE_PLACED, ORDER_BYTES, ORDER_STATUS } from "../../bindings/codes";
import { BUY, bookLimit, bookOrderLots, bookQty } from "../book";
import { Header } from "../book_layout";
import { Incentive } from "./absorber";
import { world } from "./handles";
import { World } from "./world";

const ORDER = memory.data(ORDER_BYTES, 16);

/** Orders per band at most. */
const MAX_ORDERS: i32 = 64;

/** Places every incentive's bids (run.ts, before step 0). */
export function placeIncentives(w: World): void {
  for (let i = 0; i < w.incentives.length; i++) place(w, unchecked(w.incentives[i]));
}

function place(w: World, x: Incentive): void {
  const at = unchecked(w.venues[x.venue]).at;
  const h = changetype<Header>(at);
  // the band's ticks, capped at the best bid (below the best ask when the book has no bids)
  let top = <i32>Math.floor(x.high / h.tickSize + 1e-9);
  const cap = h.bestBid >= 0 ? h.bestBid : <i32>h.bestAsk - 1;
  if (top > cap) top = cap;
  let bottom = <i32>Math.ceil(x.low / h.tickSize - 1e-9);
  if (bottom > top) bottom = top;
  if (bottom < 1) bottom = 1;
  if (top < bottom) return; // no room for a bid at all
  const n = min(MAX_ORDERS, top - bottom + 1);
  const lots = Math.floor(x.depth / h.lotSize + 1e-9);
  if (!(lots >= 1)) return;
  const each = Math.floor(lots / <f64>n);
  const extra = lots - each * <f64>n; // the first `extra` orders get one lot more
  for (let j = 0; j < n; j++) {
    const tick = n > 1 ? bottom + <i32>Math.round((<f64>j * <f64>(top - bottom)) / <f64>(n - 1)) : bottom;
    const size = each + (<f64>j < extra ? 1 : 0);
    if (!(size > 0)) continue;
    const id = bookLimit(at, BUY, tick, size, ORDER);
    if (<i32>load<f64>(ORDER + ORDER_STATUS) == BOOK_FULL || id == 0) continue;
    x.ids.push(id);
    x.placed += bookQty(at, size);
  }
}

/** Plans an incentive's bids on book venue `venue`: `depth` base between the prices `low` and `high`. Returns its index. */
export function worldIncentive(h: i32, venue: i32, low: f64, high: f64, depth: f64): i32 {
  const w = world(h);
  w.incentives.push(new Incentive(venue, low, high, depth));
  return w.incentives.length - 1;
}

/** An incentive's bids: INCENTIVE_PLACED base placed, INCENTIVE_RESTING base of them still resting now. */
export function worldIncentiveState(h: i32, k: i32, which: i32): f64 {
  const w = world(h);
  const x = unchecked(w.incentives[k]);
  if (which == INCENTIVE_PLACED) return x.placed;
  const at = unchecked(w.venues[x.venue]).at;
  let lots: f64 = 0;
  for (let i = 0; i < x.ids.length; i++) {
    const l = bookOrderLots(at, unchecked(x.ids[i]));
    if (l > 0) lots += l;
  }
  return bookQty(at, lots);
}
