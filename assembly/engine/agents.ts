// The agents of a step: liquidators' capacity and sales, dealers' hedges, arbitrageurs.

import { arbitrage } from "../arbitrage";
import { chainDelta, chainPrepare } from "../exposure";
import { absorbThenSell, auctionSeized, marketSell } from "./absorbers";
import { buyBase, buyUpTo, TRADE_BYTES, tradedBase } from "./trade";
import { Dealer, Liquidator, World, yearsLeft } from "./world";

/** The result area of this module's trades. */
const TRADE = memory.data(TRADE_BYTES, 16);

/**
 * The first liquidator of `protocol` with block space left this step and at least `cost` quote
 * of capital (with cost > 0: some capital); null if none.
 */
export function liquidatorFor(w: World, protocol: i32, cost: f64): Liquidator | null {
  for (let i = 0; i < w.liquidators.length; i++) {
    const l = unchecked(w.liquidators[i]);
    if (l.canAct(w, protocol) && l.capital >= cost) return l;
  }
  return null;
}

/**
 * The liquidator sells `qty` of `asset` it seized on its venue at once, unless it holds or its
 * venue trades another asset; what is not sold it keeps. Internal auctions take it first (the
 * liquidator is paid when they clear), then insurance funds and backstops, then the venue
 * (absorbers.ts). Returns the quote received now.
 */
export function sellSeized(w: World, l: Liquidator, qty: f64, asset: i32): f64 {
  if (l.hold || !(qty > 0) || unchecked(w.venues[l.venue]).base != asset) {
    l.held += qty;
    return 0;
  }
  const left = w.absorbers.length > 0 ? auctionSeized(w, l, l.venue, qty, asset) : qty;
  if (!(left > 0)) return 0;
  const got = forcedSell(w, l.venue, left, TRADE);
  l.held += left - tradedBase(TRADE); // what the venue could not take
  l.capital += got;
  return got;
}

/**
 * Sells `qty` base on venue `venue` for a protocol (perps closing longs), recording slippage;
 * returns the quote received. A venue that runs out sells less: `trade` holds what was sold.
 * During a protocol's step the sale meets the insurance funds and backstops first (absorbers.ts).
 */
export function forcedSell(w: World, venue: i32, qty: f64, trade: usize): f64 {
  if (w.absorbers.length > 0 && w.acting >= 0) return absorbThenSell(w, venue, qty, trade);
  return marketSell(w, venue, qty, 0, trade);
}

/**
 * A liquidator buys up to `qty` of the debt it repays on its buy venue, only while the venue's
 * price stays at most `ceiling`, with at most its capital; returns the quote spent (`trade`: the
 * debt bought). Its slippage (against the price before) is counted as forced trading's.
 */
export function buyDebt(w: World, l: Liquidator, qty: f64, ceiling: f64, trade: usize): f64 {
  const v = unchecked(w.venues[l.buyVenue]);
  const before = v.price();
  let most = qty;
  if (l.capital < Infinity && before > 0) most = Math.min(qty, l.capital / ceiling); // never more than it can pay
  const spent = buyUpTo(v.kind, v.at, most, ceiling, trade);
  if (before > 0) w.slippage += spent - before * tradedBase(trade);
  return spent;
}

/** Buys `qty` base on venue `venue` for a protocol (perps closing shorts); returns the quote spent (`trade`: what was bought). */
export function forcedBuy(w: World, venue: i32, qty: f64, trade: usize): f64 {
  return forcedBuyUpTo(w, venue, qty, Infinity, trade);
}

/**
 * A forced sale that stops where the venue's price reaches `floor` (0: none); returns the quote
 * received. Absorbers, when the scenario has them, take it first at their own terms, unlimited.
 */
export function forcedSellDownTo(w: World, venue: i32, qty: f64, floor: f64, trade: usize): f64 {
  if (!(floor > 0) || (w.absorbers.length > 0 && w.acting >= 0)) return forcedSell(w, venue, qty, trade);
  return marketSell(w, venue, qty, floor, trade);
}

/** A forced purchase of `qty` base, only what the venue sells at or below `ceiling`; returns the quote spent. */
export function forcedBuyUpTo(w: World, venue: i32, qty: f64, ceiling: f64, trade: usize): f64 {
  const v = unchecked(w.venues[venue]);
  const before = v.price();
  const spent =
    ceiling < Infinity ? buyUpTo(v.kind, v.at, qty, ceiling, trade) : buyBase(v.kind, v.at, qty, Infinity, trade);
  if (before > 0) {
    w.slippage += spent - before * tradedBase(trade);
    w.forced += before * tradedBase(trade);
  }
  return spent;
}

/**
 * Re-hedges a dealer book: it traded the delta of its options at the last hedge; the difference
 * of delta since (exact, not a gamma approximation) is traded on its venue now.
 */
export function hedge(w: World, d: Dealer): void {
  const v = unchecked(w.venues[d.venue]);
  const spot = v.price();
  d.flow = 0;
  if (!(spot > 0)) return;
  const elapsed = w.daysAt(w.step);
  const prep = prepare(d, elapsed);
  if (d.hedgeSpot != d.hedgeSpot) {
    d.hedgeSpot = spot; // hedged before the run starts
    return;
  }
  const n = d.n;
  const before = chainDelta(n, prep, d.hedgeSpot);
  const after = chainDelta(n, prep, spot);
  d.hedgeSpot = spot;
  if (w.passive) return;
  // delta-neutral: hold minus the options' delta, plus what the venue could not take last time
  const trade = before - after + d.owed;
  if (trade < 0) {
    forcedSell(w, d.venue, -trade, TRADE);
    d.flow = -tradedBase(TRADE);
  } else if (trade > 0) {
    forcedBuy(w, d.venue, trade, TRADE);
    d.flow = tradedBase(TRADE);
  }
  d.owed = trade - d.flow;
}

/** The dealer's chain prepared at the time `elapsedDays` after the start. */
function prepare(d: Dealer, elapsedDays: f64): usize {
  yearsLeft(d.days, elapsedDays, d.time, d.n);
  const prep = changetype<usize>(d.prep);
  const strike = changetype<usize>(d.strike);
  const time = changetype<usize>(d.time);
  chainPrepare(
    d.n,
    strike,
    time,
    changetype<usize>(d.vol),
    changetype<usize>(d.position),
    changetype<usize>(d.call),
    d.rate,
    0,
    0,
    1,
    prep,
  );
  return prep;
}

/** Every arbitrageur aligns its two venues. */
export function arbitrageAll(w: World, out: usize): void {
  for (let i = 0; i < w.arbitrageurs.length; i++) {
    const a = unchecked(w.arbitrageurs[i]);
    const va = unchecked(w.venues[a.a]);
    const vb = unchecked(w.venues[a.b]);
    arbitrage(va.kind, va.at, vb.kind, vb.at, a.capital, 1e-6, out);
  }
}
