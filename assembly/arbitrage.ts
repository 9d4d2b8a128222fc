// Cross-venue arbitrage: buy the base where it is cheap, sell it where it is dear, as much as
// pays — until the two marginal prices agree within the venues' fees.
//
// For Q quote spent buying on the cheaper venue (by price), the profit is sell(buy(Q)) − Q:
// concave in Q (each venue's marginal price worsens with size, books by levels, pools
// smoothly), so its maximum is found by doubling Q until the profit falls, then a
// golden-section search; both venues are only quoted until the chosen Q is executed.

import { BUY, OUT_AMOUNT_IN, OUT_BYTES, SELL } from "./pool_common";
import { venueMinTrade, venuePrice, venueSwap } from "./venue";

const OUT = memory.data(<i32>OUT_BYTES, 16);
const PHI: f64 = 0.6180339887498949; // (√5 - 1)/2

/**
 * Base bought on `buyKind` with up to q quote, then sold on `sellKind`: quote back minus the
 * quote used (a book spends whole lots only: what it leaves is not a loss).
 */
function profit(buyKind: i32, buyAt: usize, sellKind: i32, sellAt: usize, q: f64): f64 {
  const base = venueSwap(buyKind, buyAt, BUY, q, 0, OUT);
  const used = load<f64>(OUT, OUT_AMOUNT_IN);
  return venueSwap(sellKind, sellAt, SELL, base, 0, OUT) - used;
}

/** Bytes of arbitrage's result area (five f64). */
export const ARBITRAGE_BYTES: i32 = 40;

/**
 * Trades between venues a and b of one pair until arbitrage no longer pays. `maxQuote` caps
 * the quote spent (the arbitrageur's capital); `probe` is the smallest trade worth trying.
 * Writes to `out` (5 f64): direction (+1 bought on a and sold on b, -1 the reverse, 0 none),
 * base moved, quote spent, quote received, profit. Returns the profit.
 */
export function arbitrage(kindA: i32, a: usize, kindB: i32, b: usize, maxQuote: f64, probe: f64, out: usize): f64 {
  // buy where the price is lower
  let dir: f64 = venuePrice(kindA, a) <= venuePrice(kindB, b) ? 1 : -1;
  const buyKind = dir > 0 ? kindA : kindB;
  const buyAt = dir > 0 ? a : b;
  const sellKind = dir > 0 ? kindB : kindA;
  const sellAt = dir > 0 ? b : a;
  // scan sizes by doubling (a book's lots make tiny trades worthless, so the profit may start
  // at 0 before it grows), then refine around the best by golden section
  let best: f64 = 0;
  let bestQ: f64 = 0;
  let q = probe;
  // what selling base on the sell venue can waste: a remainder below its lot (twice, for safety)
  const waste = 2 * venueMinTrade(sellKind, sellAt) * venuePrice(sellKind, sellAt);
  for (;;) {
    const p = profit(buyKind, buyAt, sellKind, sellAt, q);
    if (p > best) {
      best = p;
      bestQ = q;
    } else if (best > 0 && p < best) {
      break; // past the maximum of a concave profit
    } else if (p < -waste) {
      // Beyond what a lot left unsold can cost, a loss is a loss of the concave profit itself:
      // no size pays (without this, unbounded capital doubles on to 1e308, each size a walk of the venues)
      break;
    }
    if (q >= maxQuote) break;
    q = Math.min(q * 2, maxQuote);
  }
  q = 0;
  if (best > 0) {
    let lo = bestQ / 2;
    let hi = Math.min(bestQ * 2, maxQuote);
    let x1 = hi - PHI * (hi - lo);
    let x2 = lo + PHI * (hi - lo);
    let f1 = profit(buyKind, buyAt, sellKind, sellAt, x1);
    let f2 = profit(buyKind, buyAt, sellKind, sellAt, x2);
    for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
      if (f1 < f2) {
        lo = x1;
        x1 = x2;
        f1 = f2;
        x2 = lo + PHI * (hi - lo);
        f2 = profit(buyKind, buyAt, sellKind, sellAt, x2);
      } else {
        hi = x2;
        x2 = x1;
        f2 = f1;
        x1 = hi - PHI * (hi - lo);
        f1 = profit(buyKind, buyAt, sellKind, sellAt, x1);
      }
    }
    q = bestQ;
    if (f1 > best) {
      best = f1;
      q = x1;
    }
    if (f2 > best) {
      best = f2;
      q = x2;
    }
  } else {
    dir = 0;
  }
  let base: f64 = 0;
  let received: f64 = 0;
  let spent: f64 = 0;
  if (dir != 0) {
    base = venueSwap(buyKind, buyAt, BUY, q, 1, OUT);
    spent = load<f64>(OUT, OUT_AMOUNT_IN); // the input actually used (a book spends whole lots only)
    received = venueSwap(sellKind, sellAt, SELL, base, 1, OUT);
  }
  store<f64>(out, dir);
  store<f64>(out, base, 8);
  store<f64>(out, spent, 16);
  store<f64>(out, received, 24);
  store<f64>(out, received - spent, 32);
  return received - spent;
}
