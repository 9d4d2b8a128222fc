// Absorbers: committed capital that stands between a liquidation's sale and the venue, takes the
// flow at its own pricing rule up to its capacity, and sells what it took back onto the venue
// slowly (a TWAP). One mechanism, three configurations (bindings/codes.ts ABSORB_*):
//
//   internal auction  a liquidator's seized collateral goes into a Dutch auction instead of a
//                     market sale: its price starts at the oracle's price P0 at the kick and falls
//                     linearly to floor·P0 over `auctionSteps`; the committed bidders buy the lot at
//                     the first step its price is at most (1 − discount) times the oracle's price
//                     then, and the liquidator is paid then. A lot no one bought by the end of the
//                     curve goes back to its liquidator, who sells it on its venue at once.
//   insurance         a fund bids (1 − discount) times the oracle price for what the venue would
//                     pay less for: a forced sale goes to the venue down to that bid, the rest to
//                     the fund (up to its capacity), so the venue never takes the slippage past the
//                     fund's bounded discount.
//   backstop          orders worth at least `minOrder` at the oracle price are taken (up to
//                     capacity) at liquidationFactor times that price — Compound III's absorb,
//                     which credits the account liquidationFactor of its collateral's value — and
//                     sold back no lower than Comet's storefront price,
//                     P·(1 − storeFrontPriceFactor·(1 − liquidationFactor)), at which buyCollateral
//                     lets anyone buy it (buyers take it there and sell it on the venue).
//
// Capacity: the capital at cost in what an absorber holds (and reserves, at their top, for lots
// in auction) never exceeds it; sales return capital, so it revolves. What an absorber cannot take
// (no room, no usable price, an order under minOrder) goes on to the next absorber, then the venue.
//
// The unwind: each lot taken at step t is sold in equal slices on the venue it was headed for, at
// steps t+1 … t+unwindSteps (lots taken in one step share one schedule); a slice the venue does
// not take (an empty book, the storefront floor) is carried into the next step's. A ring of
// unwindSteps + 1 slots per venue holds when each schedule ends, so a step costs O(venues).
//
// Absorbers act on the sales protocols force during their step (w.acting ≥ 0): liquidators'
// seized collateral (sellSeized), perps closing longs, options vaults selling collateral (the
// internal auction on liquidators' collateral only: a perps or vault liquidation needs its quote at
// once). Their own slices and auctions' fallback sales go straight to the venue.

import {
  ABSORB_AUCTION,
  ABSORB_BACKSTOP,
  ABSORB_INSURANCE,
  ABSORBER_ABSORBED,
  ABSORBER_AUCTIONS,
  ABSORBER_BELOW_MIN,
  ABSORBER_DISCOUNT,
  ABSORBER_FAILED,
  ABSORBER_HELD,
  ABSORBER_HELD_COST,
  ABSORBER_IN_AUCTION,
  ABSORBER_LAST_INTAKE,
  ABSORBER_LAST_SALE,
  ABSORBER_PAID,
  ABSORBER_PASSED_ON,
  ABSORBER_PEAK,
  ABSORBER_PROCEEDS,
  ABSORBER_UNWOUND,
  ABSORBER_UNWOUND_COST,
  ABSORBER_WON,
} from "../../bindings/codes";
import { venueMinTrade } from "../venue";
import { Absorber, Lot } from "./absorber";
import { world } from "./handles";
import { sellBase, sellDownTo, TRADE_BASE, TRADE_QUOTE, tradedBase } from "./trade";
import { Liquidator, World } from "./world";

/** The quote asset's price of venue v (a venue's price times it is in quote units). */
@inline function quoteRef(w: World, v: i32): f64 {
  return unchecked(w.assets[unchecked(w.venues[v]).quote]).ref;
}

/** Inventory below this on venue v can never be sold there: a book's lot (a pool: a trillionth of what was taken). */
function dust(w: World, v: i32, a: Absorber): f64 {
  const x = unchecked(w.venues[v]);
  return max(venueMinTrade(x.kind, x.at), 1e-12 * a.absorbed);
}

/**
 * Sells `qty` base on venue `venue` (with `floor` > 0: only down to that price) and books the
 * slippage against the price before; returns the quote received (`trade`: what was sold).
 */
export function marketSell(w: World, venue: i32, qty: f64, floor: f64, trade: usize): f64 {
  const v = unchecked(w.venues[venue]);
  const before = v.price();
  const got = floor > 0 ? sellDownTo(v.kind, v.at, qty, floor, trade) : sellBase(v.kind, v.at, qty, trade);
  if (before > 0) {
    w.slippage += before * tradedBase(trade) - got;
    w.forced += before * tradedBase(trade);
  }
  return got;
}

/** Books a purchase of `qty` for venue `venue` at `paid` quote (the oracle valuing it at `value`), sold from the next step on. */
function buy(w: World, a: Absorber, venue: i32, qty: f64, paid: f64, value: f64): void {
  a.heldCost += paid;
  a.absorbed += qty;
  a.absorbedValue += paid;
  a.discountEarned += value - paid;
  a.lastIntake = w.step;
  a.exposed();
  // equal slices at steps w.step + 1 … w.step + unwind
  const u = a.unwind;
  const per = qty / <f64>u;
  unchecked((a.inventory[venue] += qty));
  unchecked((a.pending[venue] += qty));
  unchecked((a.rate[venue] += per));
  const slot = venue * (u + 1) + ((w.step + u) % (u + 1));
  unchecked((a.endRate[slot] += per));
  unchecked((a.endCount[slot] += 1));
  unchecked((a.active[venue] += 1));
}

/** This step's slices: what is due on each venue is sold there (a backstop's: not below its storefront price). */
function sell(w: World, a: Absorber, trade: usize): void {
  const u = a.unwind;
  for (let v = 0; v < a.inventory.length; v++) {
    if (unchecked(a.active[v]) > 0) {
      // this step's slice falls due; the schedules ending now stop
      let pending = unchecked(a.pending[v]) - unchecked(a.rate[v]);
      const slot = v * (u + 1) + (w.step % (u + 1));
      unchecked((a.rate[v] -= a.endRate[slot]));
      unchecked((a.active[v] -= a.endCount[slot]));
      unchecked((a.endRate[slot] = 0));
      unchecked((a.endCount[slot] = 0));
      if (unchecked(a.active[v]) == 0) {
        pending = 0; // every schedule over: whatever rounding left is due
        unchecked((a.rate[v] = 0));
      }
      unchecked((a.pending[v] = pending > 0 ? pending : 0));
    }
    const held = unchecked(a.inventory[v]);
    const due = held - unchecked(a.pending[v]);
    if (!(due > 0)) continue;
    let floor: f64 = 0;
    if (a.kind == ABSORB_BACKSTOP) {
      const p = w.priceOf(a.oracle, a.asset);
      if (!(p > 0)) continue; // no price, no storefront: the slice waits
      floor = backstopStorefront(p, a.liquidationFactor, a.storeFront) / quoteRef(w, v);
    }
    const got = marketSell(w, v, due, floor, trade) * quoteRef(w, v);
    const sold = tradedBase(trade);
    if (!(sold > 0)) continue;
    const cost = (a.heldCost * sold) / a.held();
    a.heldCost -= cost;
    a.unwoundCost += cost;
    a.unwound += sold;
    a.unwoundValue += got;
    a.lastSale = w.step;
    unchecked((a.inventory[v] = held - sold));
  }
  if (!(a.held() > 0)) a.heldCost = 0; // nothing held: no cost left (rounding of the shares)
}

/**
 * Comet's storefront price of collateral at price p (CometCore.quoteCollateral): p less the
 * discount storeFrontPriceFactor·(1 − liquidationFactor).
 */
export function backstopStorefront(p: f64, liquidationFactor: f64, storeFrontPriceFactor: f64): f64 {
  return p * (1 - storeFrontPriceFactor * (1 - liquidationFactor));
}

/** Puts `qty` that `l` seized into auction `a`, within its room; returns the base it did not take. */
function kick(w: World, a: Absorber, l: Liquidator, venue: i32, qty: f64): f64 {
  const p = w.priceOf(a.oracle, a.asset);
  const take = p > 0 ? min(qty, a.room() / p) : 0;
  if (!(take > 0)) {
    a.passedOn += qty;
    return qty;
  }
  a.reserved += take * p;
  a.exposed();
  a.lots.push(new Lot(venue, take, p, w.step, l.id));
  a.auctions++;
  a.lastIntake = w.step;
  a.passedOn += qty - take;
  return qty - take;
}

/** The lots' prices this step: bidders buy those at or below their discount; a lot at the curve's end unbought goes to its liquidator's sale. */
function clear(w: World, a: Absorber, trade: usize): void {
  if (a.lots.length == 0) return;
  const p = w.priceOf(a.oracle, a.asset);
  const want = p * (1 - a.discount); // NaN without a usable price: no one bids
  const kept: Array<Lot> = [];
  const s = a.auctionSteps;
  for (let i = 0; i < a.lots.length; i++) {
    const lot = unchecked(a.lots[i]);
    const k = w.step - lot.kicked;
    const price = lot.top * (1 - ((1 - a.floor) * <f64>min(k, s)) / <f64>s);
    const l = unchecked(w.liquidators[lot.liquidator]);
    if (price <= want) {
      a.reserved -= lot.qty * lot.top;
      const paid = lot.qty * price;
      l.capital += paid / quoteRef(w, lot.venue);
      a.won++;
      buy(w, a, lot.venue, lot.qty, paid, lot.qty * p);
    } else if (k >= s) {
      // no bidder by the end of the curve: the liquidator sells it on its venue now
      a.reserved -= lot.qty * lot.top;
      a.failed++;
      a.passedOn += lot.qty;
      const got = marketSell(w, lot.venue, lot.qty, 0, trade);
      l.held += lot.qty - tradedBase(trade);
      l.capital += got;
    } else {
      kept.push(lot);
    }
  }
  if (kept.length == 0 || a.reserved < 0) a.reserved = 0; // rounding of the adds and subtracts
  a.lots = kept;
}

/**
 * A forced sale of `qty` on venue `venue` (an order of `order` base) meets absorber `a` (insurance
 * or backstop): it takes what its rule gives it (insurance: after the venue takes what it pays
 * more for). Returns the base left to sell; adds the base sold and quote received to `got`.
 */
function absorb(w: World, a: Absorber, venue: i32, qty: f64, order: f64, trade: usize, got: usize): f64 {
  const p = w.priceOf(a.oracle, a.asset);
  if (!(p > 0)) {
    a.passedOn += qty;
    return qty;
  }
  let left = qty;
  let bid: f64;
  if (a.kind == ABSORB_INSURANCE) {
    bid = p * (1 - a.discount);
    // the venue takes what it pays more for than the fund's bid
    const quote = marketSell(w, venue, left, bid / quoteRef(w, venue), trade) * quoteRef(w, venue);
    const sold = tradedBase(trade);
    a.aboveBid += sold;
    add(got, sold, quote);
    left -= sold;
  } else {
    // a backstop: orders from minOrder on, at Comet's absorb value
    if (order * p < a.minOrder) {
      a.belowMin += qty;
      return qty;
    }
    bid = p * a.liquidationFactor;
  }
  if (!(left > 0)) return 0;
  const take = min(left, a.room() / bid);
  if (take > 0) {
    buy(w, a, venue, take, take * bid, take * p);
    add(got, take, take * bid);
    left -= take;
  }
  if (left > 0) a.passedOn += left;
  return left;
}

@inline function add(got: usize, base: f64, quote: f64): void {
  store<f64>(got, load<f64>(got) + base);
  store<f64>(got + 8, load<f64>(got + 8) + quote);
}

/** The absorbers' phase of a step: each, in id order, sells its slices due, then clears its auctions. */
export function absorbersStep(w: World, trade: usize): void {
  for (let i = 0; i < w.absorbers.length; i++) {
    const a = unchecked(w.absorbers[i]);
    sell(w, a, trade);
    if (a.kind == ABSORB_AUCTION) clear(w, a, trade);
  }
}

/** Whether an absorber has something left to do: a lot in auction, or inventory a venue could still take. */
export function absorbing(w: World): bool {
  for (let i = 0; i < w.absorbers.length; i++) {
    const a = unchecked(w.absorbers[i]);
    if (a.lots.length > 0) return true;
    for (let v = 0; v < a.inventory.length; v++) {
      const held = unchecked(a.inventory[v]);
      if (held > 0 && held >= dust(w, v, a)) return true;
    }
  }
  return false;
}

/**
 * A liquidator's seized collateral meets the internal auctions (in id order) before any sale;
 * returns the base left for the sale.
 */
export function auctionSeized(w: World, l: Liquidator, venue: i32, qty: f64, asset: i32): f64 {
  let left = qty;
  for (let i = 0; i < w.absorbers.length && left > 0; i++) {
    const a = unchecked(w.absorbers[i]);
    if (a.kind == ABSORB_AUCTION && a.takes(w.acting, asset)) left = kick(w, a, l, venue, left);
  }
  return left;
}

/** Base and quote gathered over the absorbers of one forced sale. */
const GOT = memory.data(16, 16);

/**
 * A forced sale of `qty` on venue `venue` meets the insurance funds and backstops (in id order),
 * then the venue: `trade` gets the base sold and the quote received over all of them (in the
 * venue's quote); the slippage is the venue's alone. Returns the quote.
 */
export function absorbThenSell(w: World, venue: i32, qty: f64, trade: usize): f64 {
  const asset = unchecked(w.venues[venue]).base;
  store<f64>(GOT, 0);
  store<f64>(GOT + 8, 0);
  let left = qty;
  for (let i = 0; i < w.absorbers.length && left > 0; i++) {
    const a = unchecked(w.absorbers[i]);
    if (a.kind != ABSORB_AUCTION && a.takes(w.acting, asset)) left = absorb(w, a, venue, left, qty, trade, GOT);
  }
  let got = load<f64>(GOT + 8) / quoteRef(w, venue);
  let base = load<f64>(GOT);
  if (left > 0) {
    got += marketSell(w, venue, left, 0, trade);
    base += tradedBase(trade);
  }
  store<f64>(trade + TRADE_BASE, base);
  store<f64>(trade + TRADE_QUOTE, got);
  return got;
}

// ---- building and reading (called by the TypeScript side) ------------------------------------

/**
 * An absorber of `kind` (ABSORB_*) for `asset` priced at `oracle` (−1: the asset's own price),
 * of `capacity` quote (Infinity: none), unwinding over `unwindSteps`, for the `nProtocols`
 * protocols worldAbsorberProtocol names (0: all). Returns its index.
 */
export function worldAbsorber(
  h: i32,
  kind: i32,
  asset: i32,
  oracle: i32,
  capacity: f64,
  unwindSteps: i32,
  nProtocols: i32,
): i32 {
  const w = world(h);
  const a = new Absorber(kind, asset, oracle, w.venues.length, max(unwindSteps, 1), nProtocols);
  a.capacity = capacity;
  w.absorbers.push(a);
  return w.absorbers.length - 1;
}

export function worldAbsorberProtocol(h: i32, a: i32, k: i32, protocol: i32): void {
  unchecked((world(h).absorbers[a].protocols[k] = protocol));
}

/**
 * An absorber's pricing: the discount (auction, insurance), the auction's floor and steps, the
 * backstop's liquidationFactor, storeFrontPriceFactor and minOrder (quote).
 */
export function worldAbsorberPricing(
  h: i32,
  a: i32,
  discount: f64,
  floor: f64,
  auctionSteps: i32,
  liquidationFactor: f64,
  storeFront: f64,
  minOrder: f64,
): void {
  const x = unchecked(world(h).absorbers[a]);
  x.discount = discount;
  x.floor = floor;
  x.auctionSteps = max(auctionSteps, 1);
  x.liquidationFactor = liquidationFactor;
  x.storeFront = storeFront;
  x.minOrder = minOrder;
}

/** An absorber's figures after a run (ABSORBER_* in bindings/codes.ts). */
export function worldAbsorberState(h: i32, i: i32, which: i32): f64 {
  const a = unchecked(world(h).absorbers[i]);
  if (which == ABSORBER_ABSORBED) return a.absorbed;
  if (which == ABSORBER_PAID) return a.absorbedValue;
  if (which == ABSORBER_DISCOUNT) return a.discountEarned;
  if (which == ABSORBER_UNWOUND) return a.unwound;
  if (which == ABSORBER_PROCEEDS) return a.unwoundValue;
  if (which == ABSORBER_UNWOUND_COST) return a.unwoundCost;
  if (which == ABSORBER_HELD) return a.held();
  if (which == ABSORBER_HELD_COST) return a.heldCost;
  if (which == ABSORBER_IN_AUCTION) return a.inAuction();
  if (which == ABSORBER_PASSED_ON) return a.passedOn;
  if (which == ABSORBER_PEAK) return a.peak;
  if (which == ABSORBER_LAST_INTAKE) return <f64>a.lastIntake;
  if (which == ABSORBER_LAST_SALE) return <f64>a.lastSale;
  if (which == ABSORBER_AUCTIONS) return <f64>a.auctions;
  if (which == ABSORBER_WON) return <f64>a.won;
  if (which == ABSORBER_FAILED) return <f64>a.failed;
  if (which == ABSORBER_BELOW_MIN) return a.belowMin;
  return a.aboveBid; // ABSORBER_ABOVE_BID
}
