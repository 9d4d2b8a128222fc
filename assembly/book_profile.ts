// Market makers' depth on a book: a profile of levels around a reference price that refills
// after it is eaten and withdraws when volatility rises.
//
// Resilience (after Obizhaeva and Wang, 2013): over dt seconds each level's shortfall to its
// target shrinks by the factor 2^(-dt/halfLife). Evaporation: the targets are scaled by
//   depthFactor = 1 / (1 + sensitivity · max(0, σ/σ₀ - 1)),
// σ the realized volatility of the reference price (an exponentially weighted mean of squared
// log returns per second, with its own half-life, annualized) and σ₀ the calm level; makers
// pull excess depth at once but refill only at the resilience rate. Each level is one maker
// order, re-quoted at its new price when the reference moves.

import { BUY, bookCancel, bookLimit, bookOrderLots, bookReduce, bookTickOf, SELL } from "./book";
import { Header } from "./book_layout";
import { expScalar, logScalar } from "./vmath";

const SECONDS_PER_YEAR: f64 = 365.0 * 24.0 * 3600.0;
const LN2: f64 = 0.6931471805599453;

@unmanaged
class Profile {
  n: u32;
  pad: u32;
  halfLife: f64;
  volHalfLife: f64;
  baseVol: f64;
  sensitivity: f64;
  ref: f64; // the last reference price (0 before the first replenish)
  variance: f64; // per second
  depthFactor: f64;
  dist: usize; // n fractions of the reference: level i sits at ref·(1 ∓ dist[i])
  bidLots: usize; // n target lots
  askLots: usize;
  bidIds: usize; // n maker order ids (0: none)
  askIds: usize;
  bidPlace: usize; // n lots waiting to be placed in this replenish (0: none)
  askPlace: usize;
}

const PROFILE: usize = (offsetof<Profile>() + 15) & ~15;

/** Bytes of a profile of n levels per side. */
export function profileBytes(n: u32): usize {
  return PROFILE + ((<usize>n) << 3) * 7;
}

/**
 * Lays out a zeroed profile block for `book` (whose header holds its pointer afterwards) and
 * copies the n distances and target lots per side from the given columns.
 */
export function profileInit(
  book: usize,
  self: usize,
  n: u32,
  dist: usize,
  bidLots: usize,
  askLots: usize,
  halfLife: f64,
  volHalfLife: f64,
  baseVol: f64,
  sensitivity: f64,
): void {
  const p = changetype<Profile>(self);
  p.n = n;
  p.halfLife = halfLife;
  p.volHalfLife = volHalfLife;
  p.baseVol = baseVol;
  p.sensitivity = sensitivity;
  p.ref = 0;
  p.variance = 0;
  p.depthFactor = 1;
  const col = (<usize>n) << 3;
  p.dist = self + PROFILE;
  p.bidLots = p.dist + col;
  p.askLots = p.bidLots + col;
  p.bidIds = p.askLots + col;
  p.askIds = p.bidIds + col;
  p.bidPlace = p.askIds + col;
  p.askPlace = p.bidPlace + col;
  memory.copy(p.dist, dist, col);
  memory.copy(p.bidLots, bidLots, col);
  memory.copy(p.askLots, askLots, col);
  changetype<Header>(book).profile = self;
}

/** The profile's realized volatility (annualized) and depth factor: 0 vol, 1 depth factor. */
export function profileState(self: usize, which: i32): f64 {
  const p = changetype<Profile>(self);
  return which == 0 ? Math.sqrt(p.variance * SECONDS_PER_YEAR) : p.depthFactor;
}

/**
 * Moves the makers `dt` seconds forward to the reference price `ref`: updates the realized
 * volatility and the depth factor, withdraws excess, refills shortfalls by 1 - 2^(-dt/halfLife)
 * (fully at the first call), and re-quotes levels whose price moved. Maker quotes never cross
 * the other side's best price. Returns the depth factor.
 */
export function profileReplenish(book: usize, self: usize, dt: f64, ref: f64): f64 {
  const p = changetype<Profile>(self);
  const h = changetype<Header>(book);
  if (p.ref > 0 && dt > 0) {
    const r = logScalar(ref / p.ref);
    const keep = expScalar((-LN2 * dt) / p.volHalfLife);
    p.variance = keep * p.variance + ((1 - keep) * r * r) / dt;
  }
  const sigma = Math.sqrt(p.variance * SECONDS_PER_YEAR);
  const excess = sigma / p.baseVol - 1;
  p.depthFactor = 1 / (1 + p.sensitivity * (excess > 0 ? excess : 0));
  const fill = p.ref > 0 ? 1 - expScalar((-LN2 * dt) / p.halfLife) : 1.0;
  p.ref = ref;
  // first take down what moves or grows (both sides), then place: a new bid must not meet
  // an ask that is about to move away
  for (let i: u32 = 0; i < p.n; i++) {
    const d = load<f64>(p.dist + ((<usize>i) << 3));
    settle(book, h, p, BUY, i, Math.floor((ref * (1 - d)) / h.tickSize), fill);
    settle(book, h, p, SELL, i, Math.ceil((ref * (1 + d)) / h.tickSize), fill);
  }
  for (let i: u32 = 0; i < p.n; i++) {
    const d = load<f64>(p.dist + ((<usize>i) << 3));
    place(book, h, p, BUY, i, Math.floor((ref * (1 - d)) / h.tickSize));
    place(book, h, p, SELL, i, Math.ceil((ref * (1 + d)) / h.tickSize));
  }
  return p.depthFactor;
}

@inline function at(base: usize, i: u32): usize {
  return base + ((<usize>i) << 3);
}

/** A maker level's new size at its new price: reduced in place, or taken down to be re-placed. */
function settle(book: usize, h: Header, p: Profile, side: i32, i: u32, to: f64, fill: f64): void {
  const ids = at(side == BUY ? p.bidIds : p.askIds, i);
  const pending = at(side == BUY ? p.bidPlace : p.askPlace, i);
  const id = load<f64>(ids);
  let current = id == 0 ? 0 : bookOrderLots(book, id);
  if (current < 0) current = 0; // filled or cancelled since
  const desired = Math.round(load<f64>(at(side == BUY ? p.bidLots : p.askLots, i)) * p.depthFactor);
  const lots = current > desired ? desired : current + Math.round((desired - current) * fill);
  store<f64>(pending, 0);
  if (current > 0 && bookTickOf(book, id) == <i32>clampTick(h, to) && lots <= current) {
    if (lots < current) bookReduce(book, id, current - lots); // withdraws keep their place
    return;
  }
  // moved, or growing: re-quote the whole amount (growing loses priority)
  if (current > 0) bookCancel(book, id);
  store<f64>(ids, 0);
  store<f64>(pending, lots);
}

function place(book: usize, h: Header, p: Profile, side: i32, i: u32, to: f64): void {
  const lots = load<f64>(at(side == BUY ? p.bidPlace : p.askPlace, i));
  if (lots <= 0) return;
  // never cross: a bid below the best ask, an ask above the best bid
  let tick = <i32>clampTick(h, to);
  if (side == BUY && tick >= h.bestAsk) tick = h.bestAsk - 1;
  if (side == SELL && tick <= h.bestBid) tick = h.bestBid + 1;
  if (tick < 1 || tick >= <i32>h.maxTicks) return;
  store<f64>(at(side == BUY ? p.bidIds : p.askIds, i), bookLimit(book, side, tick, lots, 0));
}

@inline function clampTick(h: Header, t: f64): f64 {
  return Math.max(1, Math.min(t, <f64>h.maxTicks - 1));
}

/**
 * The makers' target depth on `side` within `bps` basis points of `mid`, in quote units: what
 * the profile puts back there when eaten, at the current depth factor.
 */
export function profileTarget(book: usize, self: usize, side: i32, bps: f64, mid: f64): f64 {
  const p = changetype<Profile>(self);
  const h = changetype<Header>(book);
  const lots = side == BUY ? p.bidLots : p.askLots;
  let notional: f64 = 0;
  for (let i: u32 = 0; i < p.n; i++) {
    const d = load<f64>(p.dist + ((<usize>i) << 3));
    if (d * 1e4 > bps) break;
    notional += load<f64>(lots + ((<usize>i) << 3)) * (side == BUY ? 1 - d : 1 + d);
  }
  return notional * h.lotSize * mid * p.depthFactor;
}
