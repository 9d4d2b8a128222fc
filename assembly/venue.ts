// Any venue, by kind: the one interface the arbitrage and the cascade engine trade through.
// Every kind swaps as pool_common.ts describes (amount in, amount out, result area).

import { VENUE_BOOK, VENUE_CL, VENUE_CP } from "../bindings/codes";
import { bookPrice, bookSwap } from "./book";
import { Header } from "./book_layout";
import { clPrice, clSwap } from "./pool_cl";
import { cpPrice, cpSwap } from "./pool_cp";
import { stablePrice, stableSwap } from "./pool_stable";

export { VENUE_BOOK } from "../bindings/codes";

/** Swaps (or, with commit 0, quotes) on a venue of `kind`; returns the amount out. */
export function venueSwap(kind: i32, self: usize, side: i32, amountIn: f64, commit: i32, out: usize): f64 {
  if (kind == VENUE_BOOK) return bookSwap(self, side, amountIn, commit, out);
  if (kind == VENUE_CP) return cpSwap(self, side, amountIn, commit, out);
  if (kind == VENUE_CL) return clSwap(self, side, amountIn, commit, out);
  return stableSwap(self, side, amountIn, commit, out);
}

/** The venue's price, quote per base (a book's mid). */
export function venuePrice(kind: i32, self: usize): f64 {
  if (kind == VENUE_BOOK) return bookPrice(self);
  if (kind == VENUE_CP) return cpPrice(self);
  if (kind == VENUE_CL) return clPrice(self);
  return stablePrice(self);
}

/** The least base a venue trades (a book's lot, a pool's 0): a remainder below it never fills. */
export function venueMinTrade(kind: i32, self: usize): f64 {
  return kind == VENUE_BOOK ? changetype<Header>(self).lotSize : 0;
}
