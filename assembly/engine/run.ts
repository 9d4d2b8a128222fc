// The step loop (DESIGN.md, "One step"), and the functions the TypeScript side builds a world
// with and reads its results from.
//
// Each step:
//   1. the shocks' flows for the step trade on their venues (and a price path's outside
//      market pulls its asset's venues toward the path);
//   2. every oracle observes its sources and publishes (with its latency);
//   3. every protocol liquidates what the published prices make liquidatable;
//   4. dealers re-hedge, arbitrageurs align venues, order books' makers replenish;
//   5. the step's metrics are recorded.
// It ends after `steps`, or earlier once the shocks are over, the oracles have published their
// last observations, and nothing is liquidatable or in auction.
//
// The timeline: one row per `every` steps (the last step of each), one column per series; while
// running, rows are appended to a block that doubles as needed (memory follows the steps run, not
// `steps`), and at the end they are turned into columns (worldSeries). The series, in order —
//   per asset: reference price, market price | per venue: price, base sellable within 1%, within 5% |
//   per oracle: published price | per protocol: liquidations, liquidated notional, bad debt
//   (cumulative), its own series (perps: insurance fund) | per dealer book: base traded |
//   totals: liquidations, liquidated notional, bad debt, slippage (cumulative).

import { profileReplenish } from "../book_profile";
import { VENUE_BOOK } from "../venue";
import { arbitrageAll, hedge } from "./agents";
import { eventsOf, register, unregister, world } from "./handles";
import { publish, settled, sourced } from "./oracle";
import { depthWithin, pullToward, sellBase, spendQuote } from "./trade";
import {
  Arbitrageur,
  Asset,
  Dealer,
  Liquidator,
  Oracle,
  SHOCK_BUY,
  SHOCK_CONGESTION,
  SHOCK_ORACLE,
  SHOCK_PATH,
  SHOCK_SELL,
  Shock,
  Venue,
  World,
} from "./world";

const SCRATCH = memory.data(64, 16);

// ---- building ---------------------------------------------------------------------------

/**
 * A new world; returns its handle. `eventCapacity` events are kept (the rest only counted); the
 * timeline keeps one row per `every` steps.
 */
export function worldNew(stepSeconds: f64, steps: i32, passive: bool, eventCapacity: i32, every: i32): i32 {
  return register(new World(stepSeconds, steps, passive, every), eventCapacity);
}

/** Drops a world (its venues belong to the caller). */
export function worldFree(h: i32): void {
  const w = world(h);
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

/** Once its sources are in: the oracle shows what they say before step 0; returns that price. */
export function worldOracleReady(h: i32, o: i32): f64 {
  const w = world(h);
  const x = unchecked(w.oracles[o]);
  x.published = sourced(w, x);
  return x.published;
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
  if (which == 4) {
    for (let k = 0; k < x.n; k++) unchecked((x.call[k] = load<f64>(src + (<usize>k << 3)) != 0 ? 1 : 0));
    return;
  }
  const dst = which == 0 ? x.strike : which == 1 ? x.days : which == 2 ? x.vol : x.position;
  memory.copy(changetype<usize>(dst), src, <usize>x.n << 3);
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
  memory.copy(changetype<usize>(x.prices), src, <usize>x.prices.length << 3);
}

// ---- running ------------------------------------------------------------------------------

/** Series per step (see the top of this file). */
export function worldSeriesCount(h: i32): i32 {
  const w = world(h);
  return 2 * w.assets.length + 3 * w.venues.length + w.oracles.length + 4 * w.protocols.length + w.dealers.length + 4;
}

/** Runs the world to its end; returns the steps run. */
export function worldRun(h: i32): i32 {
  const w = world(h);
  w.nSeries = worldSeriesCount(h);
  w.series = new StaticArray<f64>(w.nSeries * min(w.rows, FIRST_ROWS));
  let last = -1; // the last step a shock acts on
  for (let i = 0; i < w.shocks.length; i++) {
    const s = unchecked(w.shocks[i]);
    const end = s.type == SHOCK_PATH ? s.first + (s.prices.length - 1) * s.every : s.last;
    if (end > last) last = end;
  }
  weigh(w);
  for (let i = 0; i < w.dealers.length; i++) hedge(w, unchecked(w.dealers[i])); // the hedge held at the start
  for (let t = 0; t < w.steps; t++) {
    w.step = t;
    shocks(w, t);
    for (let i = 0; i < w.oracles.length; i++) publish(w, unchecked(w.oracles[i]));
    for (let i = 0; i < w.liquidators.length; i++) unchecked(w.liquidators[i]).used = 0;
    let busy = false;
    // a passive world (the counterfactual) liquidates nothing
    for (let i = 0; i < (w.passive ? 0 : w.protocols.length); i++) {
      const p = unchecked(w.protocols[i]);
      p.liquidations = 0;
      p.notional = 0;
      p.step(w);
      p.totalLiquidations += p.liquidations;
      p.totalNotional += p.notional;
      if (p.pending || p.liquidations > 0) busy = true;
    }
    for (let i = 0; i < w.dealers.length; i++) hedge(w, unchecked(w.dealers[i]));
    arbitrageAll(w, SCRATCH);
    for (let i = 0; i < w.venues.length; i++) {
      const v = unchecked(w.venues[i]);
      if (v.kind == VENUE_BOOK && v.profile != 0) {
        const ref = unchecked(w.assets[v.base]).ref;
        profileReplenish(v.at, v.profile, w.stepSeconds, hasPath(w, v.base) ? ref : v.price());
      }
    }
    record(w, t);
    w.ran = t + 1;
    if (t >= last && !busy && allSettled(w)) break;
  }
  return w.ran;
}

/**
 * Each venue's weight in its base asset's market price — the base it could sell within 5% of its
 * price before step 0 (or 1 for the asset's named reference venue, 0 for the others) — and each
 * asset's market price before step 0. Venues are weighed and summed in the world's order, which
 * the TypeScript side makes the order of their ids, so the listing order changes no bit.
 */
function weigh(w: World): void {
  for (let i = 0; i < w.venues.length; i++) {
    const v = unchecked(w.venues[i]);
    const ref = unchecked(w.assets[v.base]).refVenue;
    v.weight = ref >= 0 ? (ref == i ? 1 : 0) : depthWithin(v.kind, v.at, 0.05);
    v.price0 = v.price();
    v.low = v.price0;
  }
  for (let a = 0; a < w.assets.length; a++) {
    // venues with no depth within 5% at all: weighed alike
    let any = false;
    for (let i = 0; i < w.venues.length; i++) {
      const v = unchecked(w.venues[i]);
      if (v.base == a && v.weight > 0) any = true;
    }
    if (!any) for (let i = 0; i < w.venues.length; i++) if (unchecked(w.venues[i]).base == a) unchecked(w.venues[i]).weight = 1;
    const x = unchecked(w.assets[a]);
    x.market0 = marketOf(w, a);
    x.market = x.market0;
    x.marketLow = x.market0;
  }
}

/**
 * An asset's market price in quote units (USD): Σ weight·price·(its quote's exogenous price) /
 * Σ weight over its venues; its exogenous price if it has none.
 */
function marketOf(w: World, a: i32): f64 {
  let sum: f64 = 0;
  let weights: f64 = 0;
  for (let i = 0; i < w.venues.length; i++) {
    const v = unchecked(w.venues[i]);
    if (v.base != a || !(v.weight > 0)) continue;
    sum += v.weight * v.price() * unchecked(w.assets[v.quote]).ref;
    weights += v.weight;
  }
  return weights > 0 ? sum / weights : unchecked(w.assets[a]).ref;
}

function hasPath(w: World, asset: i32): bool {
  for (let i = 0; i < w.shocks.length; i++) {
    const s = unchecked(w.shocks[i]);
    if (s.type == SHOCK_PATH && s.target == asset) return true;
  }
  return false;
}

function allSettled(w: World): bool {
  for (let i = 0; i < w.oracles.length; i++) if (!settled(unchecked(w.oracles[i]))) return false;
  return true;
}

function shocks(w: World, t: i32): void {
  w.congestion = -1;
  for (let i = 0; i < w.shocks.length; i++) {
    const s = unchecked(w.shocks[i]);
    if (s.type == SHOCK_PATH) {
      if (t < s.first) continue;
      const a = unchecked(w.assets[s.target]);
      a.ref = s.pathPrice(t);
      // the outside market pulls every venue of the asset toward the path
      for (let k = 0; k < w.venues.length; k++) {
        const v = unchecked(w.venues[k]);
        if (v.base == s.target) pullToward(v.kind, v.at, a.ref / unchecked(w.assets[v.quote]).ref, s.pull);
      }
      continue;
    }
    if (t < s.first || t > s.last) continue;
    if (s.type == SHOCK_SELL) {
      const v = unchecked(w.venues[s.target]);
      sellBase(v.kind, v.at, s.amount);
    } else if (s.type == SHOCK_BUY) {
      const v = unchecked(w.venues[s.target]);
      spendQuote(v.kind, v.at, s.amount);
    } else if (s.type == SHOCK_ORACLE) {
      const o = unchecked(w.oracles[s.target]);
      o.forced = s.amount;
      o.forcedFrom = s.first;
      o.forcedTo = s.last;
    } else if (s.type == SHOCK_CONGESTION) {
      // liquidators get their `amount` actions in one step of every `every` (a congested chain)
      w.congestion = (t - s.first) % s.every == 0 ? <i32>s.amount : 0;
    }
  }
}

/** Rows the timeline holds before it first grows. */
const FIRST_ROWS: i32 = 256;

function record(w: World, step: i32): void {
  const t = step / w.every;
  const n = w.nSeries;
  if ((t + 1) * n > w.series.length) {
    // double (up to every row the run can have), keeping the rows so far
    const grown = new StaticArray<f64>(n * min(w.rows, 2 * (w.series.length / n)));
    memory.copy(changetype<usize>(grown), changetype<usize>(w.series), <usize>(t * n) << 3);
    w.series = grown;
  }
  let k = 0;
  // series k of row t is at t·n + k (AssemblyScript closures capture nothing: pass what it needs)
  const put = (series: i32, x: f64, t: i32, w: World): void => {
    unchecked((w.series[t * w.nSeries + series] = x));
  };
  for (let i = 0; i < w.assets.length; i++) {
    const a = unchecked(w.assets[i]);
    a.market = marketOf(w, i);
    if (a.market < a.marketLow) a.marketLow = a.market;
    put(k++, a.ref, t, w);
    put(k++, a.market, t, w);
  }
  for (let i = 0; i < w.venues.length; i++) {
    const v = unchecked(w.venues[i]);
    const p = v.price();
    if (p < v.low) v.low = p;
    put(k++, p, t, w);
    put(k++, depthWithin(v.kind, v.at, 0.01), t, w);
    put(k++, depthWithin(v.kind, v.at, 0.05), t, w);
  }
  for (let i = 0; i < w.oracles.length; i++) put(k++, unchecked(w.oracles[i]).published, t, w);
  let liquidations: f64 = 0;
  let notional: f64 = 0;
  let bad: f64 = 0;
  for (let i = 0; i < w.protocols.length; i++) {
    const p = unchecked(w.protocols[i]);
    put(k++, <f64>p.liquidations, t, w);
    put(k++, p.notional, t, w);
    put(k++, p.badDebt, t, w);
    put(k++, p.extra, t, w);
    liquidations += p.liquidations;
    notional += p.notional;
    bad += p.badDebt;
  }
  for (let i = 0; i < w.dealers.length; i++) put(k++, unchecked(w.dealers[i]).flow, t, w);
  put(k++, liquidations, t, w);
  put(k++, notional, t, w);
  put(k++, bad, t, w);
  put(k++, w.slippage, t, w);
}

// ---- results ------------------------------------------------------------------------------

/**
 * Prices for the drawdowns: 0 asset i's market price before step 0, 1 its lowest, 2 its last;
 * 3 venue i's price before step 0, 4 its lowest.
 */
export function worldMarket(h: i32, which: i32, i: i32): f64 {
  const w = world(h);
  if (which <= 2) {
    const a = unchecked(w.assets[i]);
    return which == 0 ? a.market0 : which == 1 ? a.marketLow : a.market;
  }
  const v = unchecked(w.venues[i]);
  return which == 3 ? v.price0 : v.low;
}

/** Positions of protocol p insolvent at the prices before step 0 (see Protocol.insolvent). */
export function worldInsolvent(h: i32, p: i32): i32 {
  const w = world(h);
  return unchecked(w.protocols[p]).insolvent(w);
}

/**
 * The timeline as worldSeriesCount(h) columns of ceil(ran / every) f64 each (the recorded rows,
 * turned into columns on the first call).
 */
export function worldSeries(h: i32): usize {
  const w = world(h);
  if (!w.columnar) {
    const n = w.nSeries;
    const rows = (w.ran + w.every - 1) / w.every;
    const cols = new StaticArray<f64>(max(n * rows, 1));
    for (let t = 0; t < rows; t++) {
      for (let k = 0; k < n; k++) unchecked((cols[k * rows + t] = w.series[t * n + k]));
    }
    w.series = cols;
    w.columnar = true;
  }
  return changetype<usize>(w.series);
}

/** A protocol's totals: 0 bad debt, 1 liquidations, 2 liquidated notional, 3 zero-bid auctions, 4 its own series. */
export function worldProtocolTotal(h: i32, p: i32, which: i32): f64 {
  const x = unchecked(world(h).protocols[p]);
  if (which == 0) return x.badDebt;
  if (which == 1) return x.totalLiquidations;
  if (which == 2) return x.totalNotional;
  if (which == 3) return <f64>x.zeroBids;
  return x.extra;
}

/** A liquidator's state after the run: 0 capital, 1 collateral held. */
export function worldLiquidatorState(h: i32, l: i32, which: i32): f64 {
  const x = unchecked(world(h).liquidators[l]);
  return which == 0 ? x.capital : x.held;
}

/** The event log: 0 its address, 1 events recorded, 2 events that happened. */
export function worldEvents(h: i32, which: i32): f64 {
  const e = eventsOf(h);
  if (which == 0) return <f64>changetype<usize>(e.data);
  return which == 1 ? <f64>e.count : <f64>e.seen;
}
