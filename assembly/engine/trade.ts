// Trading on any venue as the engine's agents need it: sell base (or just enough of it for some
// quote), spend quote, buy an exact amount of base, move a price toward a target, and measure
// depth. Everything goes through the venues' one swap function (venue.ts), so books and pools
// behave alike. A trade writes what moved into the caller's result area (TRADE_BYTES: the base
// and the quote), so no result outlives its call in a global.

import { bookAsksBelow, bookBidsAbove } from "../book";
import { BUY, OUT_AMOUNT_IN, OUT_BYTES, OUT_PRICE, OUT_REMAINING, SELL } from "../pool_common";
import { VENUE_BOOK, venuePrice, venueSwap } from "../venue";

const OUT = memory.data(<i32>OUT_BYTES, 16);

/** A trade's result area: the base sold or bought (less than asked when the venue ran out), and the quote received or spent. */
export const TRADE_BASE: usize = 0;
export const TRADE_QUOTE: usize = 8;
export const TRADE_BYTES: i32 = 16;

/** The base a trade moved, from its result area. */
@inline export function tradedBase(trade: usize): f64 {
  return load<f64>(trade, TRADE_BASE);
}

@inline function traded(trade: usize, base: f64, quote: f64): void {
  store<f64>(trade, base, TRADE_BASE);
  store<f64>(trade, quote, TRADE_QUOTE);
}

/** Sells `qty` base; returns the quote received (`trade`: the base sold and that quote). */
export function sellBase(kind: i32, at: usize, qty: f64, trade: usize): f64 {
  traded(trade, 0, 0);
  if (!(qty > 0)) return 0;
  const got = venueSwap(kind, at, SELL, qty, 1, OUT);
  traded(trade, load<f64>(OUT, OUT_AMOUNT_IN), got);
  return got;
}

/**
 * Sells at most `qty` base, but only what the venue takes at or above `floor` (a price): a book's
 * bids resting there, a pool's amount that leaves its price at the floor at the lowest. Returns the
 * quote received (`trade`: the base sold and that quote).
 */
export function sellDownTo(kind: i32, at: usize, qty: f64, floor: f64, trade: usize): f64 {
  traded(trade, 0, 0);
  if (!(qty > 0) || !(venuePrice(kind, at) > floor)) return 0;
  let amount = qty;
  if (kind == VENUE_BOOK) amount = Math.min(qty, bookBidsAbove(at, floor));
  else if (passes(kind, at, SELL, qty, floor)) {
    // the most that keeps the price above the floor: bisection (lo stays above, hi passes)
    let lo: f64 = 0;
    let hi = qty;
    for (let k = 0; k < 100 && hi - lo > 1e-12 * hi; k++) {
      const mid = 0.5 * (lo + hi);
      if (passes(kind, at, SELL, mid, floor)) hi = mid;
      else lo = mid;
    }
    amount = lo;
  }
  return sellBase(kind, at, amount, trade);
}

/**
 * Buys at most `qty` base, but only what the venue sells at or below `ceiling` (a price): the most
 * that leaves its price at the ceiling at the highest (bisection on quotes of the venue). Returns
 * the quote spent (`trade`: the base bought and that quote).
 */
export function buyUpTo(kind: i32, at: usize, qty: f64, ceiling: f64, trade: usize): f64 {
  traded(trade, 0, 0);
  const p = venuePrice(kind, at);
  if (!(qty > 0) || !(p < ceiling)) return 0;
  if (kind == VENUE_BOOK) {
    // a book: the asks resting up to the ceiling
    const most = Math.min(qty, bookAsksBelow(at, ceiling));
    return most > 0 ? buyBase(kind, at, most, Infinity, trade) : 0;
  }
  // a pool: the quote that leaves its price at the ceiling (lo stays below it, hi passes)
  let hi = bracket(kind, at, BUY, 1e-4 * p, ceiling);
  let lo: f64 = 0;
  if (hi == Infinity)
    hi = 1e-4 * p * Math.pow(2, 199); // it never gets there: all it has
  else lo = hi > 1e-4 * p ? 0.5 * hi : 0;
  for (let k = 0; k < 100 && hi - lo > 1e-12 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (passes(kind, at, BUY, mid, ceiling)) hi = mid;
    else lo = mid;
  }
  // the base that quote buys, capped by qty
  const most = venueSwap(kind, at, BUY, lo, 0, OUT);
  if (!(most > 0)) return 0;
  return buyBase(kind, at, Math.min(qty, most), lo, trade);
}

/** What selling `qty` base would return now, without trading. */
export function quoteSell(kind: i32, at: usize, qty: f64): f64 {
  if (!(qty > 0)) return 0;
  return venueSwap(kind, at, SELL, qty, 0, OUT);
}

/**
 * The least base whose sale returns at least `quote` now (bisection on quotes of the venue),
 * or `most` if even that returns less. Nothing is traded.
 */
export function baseFor(kind: i32, at: usize, quote: f64, most: f64): f64 {
  if (!(quote > 0) || !(most > 0)) return 0;
  if (quoteSell(kind, at, most) < quote) return most;
  let lo: f64 = 0;
  let hi = most;
  for (let k = 0; k < 300 && hi - lo > 1e-12 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (quoteSell(kind, at, mid) < quote) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Spends `quote`; returns the base received. */
export function spendQuote(kind: i32, at: usize, quote: f64): f64 {
  if (!(quote > 0)) return 0;
  return venueSwap(kind, at, BUY, quote, 1, OUT);
}

/**
 * Buys `qty` base, however much quote it costs (up to `budget`); returns the quote spent
 * (`trade`: the base bought and that quote). The quote is found by bisection on quotes of the
 * venue, then spent.
 */
export function buyBase(kind: i32, at: usize, qty: f64, budget: f64, trade: usize): f64 {
  traded(trade, 0, 0);
  if (!(qty > 0)) return 0;
  let lo: f64 = 0;
  let hi = Math.max(qty * venuePrice(kind, at), 1e-12);
  // bracket: grow until the quote buys enough (or the budget is reached)
  for (let k = 0; k < 200 && venueSwap(kind, at, BUY, hi, 0, OUT) < qty && hi < budget; k++)
    hi = Math.min(hi * 2, budget);
  hi = Math.min(hi, budget);
  for (let k = 0; k < 100 && hi - lo > 1e-12 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (venueSwap(kind, at, BUY, mid, 0, OUT) < qty) lo = mid;
    else hi = mid;
  }
  const bought = venueSwap(kind, at, BUY, hi, 1, OUT);
  const spent = load<f64>(OUT, OUT_AMOUNT_IN);
  traded(trade, bought, spent);
  return spent;
}

/**
 * Trades the venue's price a `share` of the way to `target` (the outside market's pull):
 * sells base when the target is below, spends quote when above. Returns the base sold
 * (negative: bought).
 */
export function pullToward(kind: i32, at: usize, target: f64, share: f64): f64 {
  const p = venuePrice(kind, at);
  if (!(p > 0) || !(target > 0) || share <= 0) return 0;
  const goal = p + share * (target - p);
  if (Math.abs(goal - p) <= 1e-12 * p) return 0;
  const side = goal < p ? SELL : BUY;
  // amount in (base to sell, or quote to spend) that leaves the price at the goal, to the last
  // bit (lo and hi adjacent doubles): a looser amount moves the price by a visible share of it
  const start = side == SELL ? 1e-4 : 1e-4 * p;
  let hi = bracket(kind, at, side, start, goal);
  if (hi == Infinity) return 0; // no amount gets there
  let lo = hi > start ? 0.5 * hi : 0;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (passes(kind, at, side, mid, goal)) hi = mid;
    else lo = mid;
  }
  if (lo <= 0) return 0;
  const out = venueSwap(kind, at, side, lo, 1, OUT);
  return side == SELL ? load<f64>(OUT, OUT_AMOUNT_IN) : -out;
}

/**
 * Depth within `share` (e.g. 0.01) of the price: for a book, the bids resting down to that far
 * below its price (the exchanges' "±1% depth"); for a pool, the base that can be sold before its
 * price falls that far.
 */
export function depthWithin(kind: i32, at: usize, share: f64): f64 {
  const p = venuePrice(kind, at);
  if (!(p > 0)) return 0;
  const floor = p * (1 - share);
  if (kind == VENUE_BOOK) return bookBidsAbove(at, floor);
  const hi0 = bracket(kind, at, SELL, 1e-4, floor);
  if (hi0 == Infinity) return 1e-4 * Math.pow(2, 199); // the most tried: it never falls that far
  let lo = hi0 > 1e-4 ? 0.5 * hi0 : 0;
  let hi = hi0;
  for (let k = 0; k < 60 && hi - lo > 1e-9 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (passes(kind, at, SELL, mid, floor)) hi = mid;
    else lo = mid;
  }
  return lo;
}

/**
 * Whether `amount` in on `side` would take the price past `goal` (to it or below for a sell, to
 * it or above for a buy), or is more than the venue can take (most of it left unswapped).
 */
function passes(kind: i32, at: usize, side: i32, amount: f64, goal: f64): bool {
  venueSwap(kind, at, side, amount, 0, OUT);
  const after = load<f64>(OUT, OUT_PRICE);
  if (!(after == after) || load<f64>(OUT, OUT_REMAINING) > 0.5 * amount) return true;
  return side == SELL ? after <= goal : after >= goal;
}

/** The first of start·2^k that passes `goal` (see passes); Infinity if none does within 200 doublings. */
function bracket(kind: i32, at: usize, side: i32, start: f64, goal: f64): f64 {
  let amount = start;
  for (let k = 0; k < 200; k++, amount *= 2) if (passes(kind, at, side, amount, goal)) return amount;
  return Infinity;
}
