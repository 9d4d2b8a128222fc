// Building a world from the TypeScript side: a world by handle, its assets, venues, oracles,
// liquidators, dealers, arbitrageurs and shocks (protocols: their own modules). The step loop is
// run.ts; reading results, read.ts.

import { DEALER_CALL, DEALER_DAYS, DEALER_STRIKE, DEALER_VOL } from "../../bindings/codes";
import { register, unregister, world } from "./handles";
import { sourced } from "./oracle";
import { Arbitrageur, Asset, Dealer, Fault, Liquidator, Oracle, Shock, Venue, World } from "./world";

/**
 * A new world; returns its handle. `eventCapacity` events are kept (the rest only counted); the
 * timeline keeps one row per `every` steps (0: no timeline at all, only totals and lows).
 */
export function worldNew(stepSeconds: f64, steps: i32, passive: bool, eventCapacity: i32, every: i32): i32 {
  return register(new World(stepSeconds, steps, passive, every), eventCapacity);
}

/** Drops a world (its venues belong to the caller). */
export function worldFree(h: i32): void {
  unregister(h);
  __collect();
}

export function worldAsset(h: i32, price: f64, vol: f64): i32 {
  const w = world(h);
  w.assets.push(new Asset(price, vol));
  return w.assets.length - 1;
}

/** Names venue `v` the asset's reference: its market price is that venue's alone. */
export function worldAssetReference(h: i32, a: i32, v: i32): void {
  unchecked((world(h).assets[a].refVenue = v));
}

export function worldVenue(h: i32, kind: i32, at: usize, base: i32, quote: i32, profile: usize): i32 {
  const w = world(h);
  w.venues.push(new Venue(kind, at, base, quote, profile));
  return w.venues.length - 1;
}

export function worldOracle(
  h: i32,
  type: i32,
  nSources: i32,
  latency: i32,
  window: i32,
  deviation: f64,
  heartbeat: i32,
): i32 {
  const w = world(h);
  w.oracles.push(new Oracle(type, nSources, latency, window, deviation, heartbeat));
  return w.oracles.length - 1;
}

/** Source k of oracle o: a venue index, or -(asset + 1). */
export function worldOracleSource(h: i32, o: i32, k: i32, source: i32): void {
  unchecked((world(h).oracles[o].sources[k] = source));
}

/** Source k of index oracle o weighs `weight` (the weights sum to 1). */
export function worldOracleWeight(h: i32, o: i32, k: i32, weight: f64): void {
  unchecked((world(h).oracles[o].weights[k] = weight));
}

/** An oracle's price older than `maxAge` steps is missing to the protocols reading it (-1: no limit). */
export function worldOracleMaxAge(h: i32, o: i32, maxAge: i32): void {
  unchecked((world(h).oracles[o].maxAge = maxAge));
}

/**
 * Oracle o publishes its own price only within a band around oracle `anchor`'s published price
 * (anchor / own within [1 − band, 1 + band]); outside it keeps its last price, or with `clamp`
 * publishes the band's nearest edge.
 */
export function worldOracleAnchor(h: i32, o: i32, anchor: i32, band: f64, clamp: bool): void {
  const x = unchecked(world(h).oracles[o]);
  x.anchor = anchor;
  x.band = band;
  x.clamp = clamp;
}

/** Source k of oracle o is wrong from step `first` to `last` (FAULT_* mode; value: constant or factor; lag in steps). */
export function worldOracleFault(h: i32, o: i32, k: i32, mode: i32, value: f64, lag: i32, first: i32, last: i32): void {
  unchecked(world(h).oracles[o]).faults.push(new Fault(k, mode, value, lag, first, last));
}

/** Once its sources are in: the oracle shows what they say before step 0; returns that price. */
export function worldOracleReady(h: i32, o: i32): f64 {
  const w = world(h);
  const x = unchecked(w.oracles[o]);
  x.published = sourced(w, x);
  return x.published;
}

/** The liquidator buys the debt it repays on venue `venue` when the debt is that venue's base. */
export function worldLiquidatorBuyVenue(h: i32, l: i32, venue: i32): void {
  unchecked(world(h).liquidators[l]).buyVenue = venue;
}

export function worldLiquidator(
  h: i32,
  capital: f64,
  maxPerStep: i32,
  venue: i32,
  hold: bool,
  minProfit: f64,
  nProtocols: i32,
): i32 {
  const w = world(h);
  const l = new Liquidator(capital, maxPerStep, venue, hold, minProfit, nProtocols);
  l.id = w.liquidators.length;
  w.liquidators.push(l);
  return l.id;
}

export function worldLiquidatorProtocol(h: i32, l: i32, k: i32, protocol: i32): void {
  unchecked((world(h).liquidators[l].protocols[k] = protocol));
}

export function worldDealer(h: i32, venue: i32, n: i32, rate: f64): i32 {
  const w = world(h);
  w.dealers.push(new Dealer(venue, n, rate));
  return w.dealers.length - 1;
}

/** Copies a column of the dealer book's n options from `src` (f64): 0 strike, 1 days, 2 vol, 3 signed position, 4 call flag. */
export function worldDealerColumn(h: i32, d: i32, which: i32, src: usize): void {
  const x = world(h).dealers[d];
  if (which == DEALER_CALL) {
    for (let k = 0; k < x.n; k++) unchecked((x.call[k] = load<f64>(src + ((<usize>k) << 3)) != 0 ? 1 : 0));
    return;
  }
  const dst =
    which == DEALER_STRIKE ? x.strike : which == DEALER_DAYS ? x.days : which == DEALER_VOL ? x.vol : x.position;
  memory.copy(changetype<usize>(dst), src, (<usize>x.n) << 3);
}

export function worldArbitrageur(h: i32, a: i32, b: i32, capital: f64): void {
  world(h).arbitrageurs.push(new Arbitrageur(a, b, capital));
}

export function worldShock(
  h: i32,
  type: i32,
  target: i32,
  amount: f64,
  first: i32,
  last: i32,
  pull: f64,
  every: i32,
  nPrices: i32,
): i32 {
  const w = world(h);
  w.shocks.push(new Shock(type, target, amount, first, last, pull, every, nPrices));
  return w.shocks.length - 1;
}

/** Copies a path shock's prices from `src` (as many as it was made with). */
export function worldShockPrices(h: i32, s: i32, src: usize): void {
  const x = world(h).shocks[s];
  memory.copy(changetype<usize>(x.prices), src, (<usize>x.prices.length) << 3);
}
