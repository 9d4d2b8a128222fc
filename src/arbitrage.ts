/**
 * Cross-venue arbitrage: trade the base from the cheaper venue to the dearer one until their
 * marginal prices agree within fees — the flow that keeps pools in line with books.
 * @module
 */
import { core } from "../bindings/instance.ts";
import { inRange, object, range, typeError } from "./validate.ts";
import { VENUE, type Venue } from "./venue.ts";

/** What an arbitrage did. `direction` 1: bought on `a`, sold on `b`; -1 the reverse; 0: nothing paid. */
export interface ArbitrageResult {
  direction: -1 | 0 | 1;
  /** Base bought on one venue and sold on the other. */
  base: number;
  quoteSpent: number;
  quoteReceived: number;
  /** quoteReceived − quoteSpent. */
  profit: number;
}

/**
 * Buys where the base is cheap and sells where it is dear, as much as pays: the quote spent Q
 * maximizes sell(buy(Q)) − Q, which is concave, so after it both venues' marginal prices agree
 * within their fees (a book's within its tick). Both venues must trade the same pair.
 * @param a a pool or an order book
 * @param b another, of the same pair
 * @param options `maxQuote`: the arbitrageur's quote capital (default unlimited);
 *   `minQuote`: the smallest trade worth trying (default 1e-6)
 * @example
 * ```ts
 * const book = new OrderBook({ tickSize: 0.01 });
 * book.seedProfile({ mid: 2000, spreadBps: 2, levels: 100, levelBps: 5, qtyPerLevel: 10 });
 * const pool = new ConstantProductPool({ reserveBase: 1000, reserveQuote: 1_900_000, feeBps: 30 });
 * const flow = arbitrage(book, pool, { maxQuote: 1e6 }); // buys the pool's cheap ETH, sells it on the book
 * ```
 */
export function arbitrage(a: Venue, b: Venue, options: { maxQuote?: number; minQuote?: number } = {}): ArbitrageResult {
  const ra = refOf("a", a);
  const rb = refOf("b", b);
  object("options", options);
  const maxQuote = inRange("options.maxQuote", options.maxQuote ?? 1e30, range(0, 1e30));
  const probe = inRange("options.minQuote", options.minQuote ?? 1e-6, range(1e-12, 1e30));
  const c = core();
  const out = c.scratch(5 * 8);
  c.guard(() => c.exports.arbitrage(ra.kind, ra.ptr, rb.kind, rb.ptr, Math.max(maxQuote, probe), probe, out));
  const f = c.f64;
  const at = out / 8;
  return {
    direction: f[at] as -1 | 0 | 1,
    base: f[at + 1],
    quoteSpent: f[at + 2],
    quoteReceived: f[at + 3],
    profit: f[at + 4],
  };
}

function refOf(name: string, venue: unknown) {
  if (typeof venue !== "object" || venue === null || typeof (venue as Venue)[VENUE] !== "function") {
    throw typeError(name, "a pool or an OrderBook", venue);
  }
  return (venue as Venue)[VENUE]();
}
