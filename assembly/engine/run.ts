// The step loop. A world is built by build.ts and its results read by read.ts.
//
// Each step:
//   1. the shocks' flows for the step trade on their venues (and a price path's outside
//      market pulls its asset's venues toward the path);
//   2. every oracle observes its sources and publishes (with its latency); the rules'
//      mitigations observe the published prices (a circuit breaker trips, a dynamic margin
//      tightens: rules.ts); then the absorbers (mitigations: absorbers.ts) sell the slices of
//      their unwinds due and clear their auctions;
//   3. every protocol liquidates what the published prices make liquidatable (the sales it forces
//      meet the absorbers first);
//   4. dealers re-hedge, arbitrageurs align venues, order books' makers replenish;
//   5. the step's metrics are recorded.
// It ends after `steps`, or earlier once the shocks are over, the oracles have published their
// last observations, nothing is liquidatable or in auction, and no absorber holds anything a venue
// could still take. A liquidity incentive's bids are placed before step 0 (incentives.ts).
//
// The timeline: one row per `every` steps (the last step of each), one column per series; while
// running, rows are appended to a block that doubles as needed (memory follows the steps run, not
// `steps`), and at the end they are turned into columns (worldSeries). The series, in order —
//   per asset: reference price, market price | per venue: price, base sellable within 1%, within 5% |
//   per oracle: published price (NaN while it publishes nothing), its age in steps | per protocol:
//   liquidations, liquidated notional, bad debt (cumulative), its own series (perps: insurance
//   fund), debt left liquidatable (waiting) | per dealer book: base traded |
//   totals: liquidations, liquidated notional, bad debt, slippage (cumulative) | per mitigation:
//   its own (rules.ts, lending.ts).

import {
  OUTAGE_MISSING,
  OUTAGE_NONE,
  SHOCK_BUY,
  SHOCK_CONGESTION,
  SHOCK_KEEPER_OUTAGE,
  SHOCK_ORACLE,
  SHOCK_ORACLE_OUTAGE,
  SHOCK_PATH,
  SHOCK_SELL,
} from "../../bindings/codes";
import { ARBITRAGE_BYTES } from "../arbitrage";
import { profileReplenish } from "../book_profile";
import { VENUE_BOOK } from "../venue";
import { absorbersStep, absorbing } from "./absorbers";
import { arbitrageAll, hedge } from "./agents";
import { world } from "./handles";
import { placeIncentives } from "./incentives";
import { publish, settled } from "./oracle";
import { depthWithin, pullToward, sellBase, spendQuote, TRADE_BYTES } from "./trade";
import { World } from "./world";

const ARBITRAGE = memory.data(ARBITRAGE_BYTES, 16);
const TRADE = memory.data(TRADE_BYTES, 16);

/** Series per step (see the top of this file). */
export function worldSeriesCount(h: i32): i32 {
  const w = world(h);
  let own = 0; // the mitigations' own series, after the totals
  for (let i = 0; i < w.mitigations.length; i++) own += unchecked(w.mitigations[i]).series();
  return (
    2 * w.assets.length +
    3 * w.venues.length +
    2 * w.oracles.length +
    5 * w.protocols.length +
    w.dealers.length +
    4 +
    own
  );
}

/** Runs the world to its end; returns the steps run. */
export function worldRun(h: i32): i32 {
  const w = world(h);
  w.nSeries = worldSeriesCount(h);
  if (w.timeline) w.series = new StaticArray<f64>(w.nSeries * min(w.rows, FIRST_ROWS));
  let last = -1; // the last step a shock acts on
  for (let i = 0; i < w.shocks.length; i++) {
    const s = unchecked(w.shocks[i]);
    const end = s.type == SHOCK_PATH ? s.first + (s.prices.length - 1) * s.every : s.last;
    if (end > last) last = end;
  }
  // a faulty oracle source is a shock too: the run goes on at least until it is over
  for (let i = 0; i < w.oracles.length; i++) {
    const o = unchecked(w.oracles[i]);
    for (let k = 0; k < o.faults.length; k++) last = max(last, unchecked(o.faults[k]).last);
  }
  weigh(w);
  placeIncentives(w); // after the weights: they are the market's without the incentives' bids
  for (let i = 0; i < w.dealers.length; i++) hedge(w, unchecked(w.dealers[i])); // the hedge held at the start
  for (let t = 0; t < w.steps; t++) {
    w.step = t;
    shocks(w, t);
    // anchors first: an anchored oracle checks its price against the anchor's of this step
    for (let i = 0; i < w.oracles.length; i++)
      if (unchecked(w.oracles[i]).anchor < 0) publish(w, unchecked(w.oracles[i]));
    for (let i = 0; i < w.oracles.length; i++)
      if (unchecked(w.oracles[i]).anchor >= 0) publish(w, unchecked(w.oracles[i]));
    for (let i = 0; i < w.mitigations.length; i++) unchecked(w.mitigations[i]).observe(w);
    if (w.absorbers.length > 0) absorbersStep(w, TRADE);
    for (let i = 0; i < w.liquidators.length; i++) unchecked(w.liquidators[i]).used = 0;
    let busy = false;
    // a passive world (the counterfactual) liquidates nothing
    for (let i = 0; i < (w.passive ? 0 : w.protocols.length); i++) {
      const p = unchecked(w.protocols[i]);
      p.liquidations = 0;
      p.notional = 0;
      p.waiting = 0;
      w.acting = i;
      p.step(w);
      w.acting = -1;
      p.totalLiquidations += p.liquidations;
      p.totalNotional += p.notional;
      if (p.pending || p.liquidations > 0) busy = true;
    }
    for (let i = 0; i < w.dealers.length; i++) hedge(w, unchecked(w.dealers[i]));
    arbitrageAll(w, ARBITRAGE);
    for (let i = 0; i < w.venues.length; i++) {
      const v = unchecked(w.venues[i]);
      if (v.kind == VENUE_BOOK && v.profile != 0) {
        const ref = unchecked(w.assets[v.base]).ref;
        profileReplenish(v.at, v.profile, w.stepSeconds, hasPath(w, v.base) ? ref : v.price());
      }
    }
    record(w, t);
    w.ran = t + 1;
    if (t >= last && !busy && allSettled(w) && !absorbing(w)) break;
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
    if (!any)
      for (let i = 0; i < w.venues.length; i++) if (unchecked(w.venues[i]).base == a) unchecked(w.venues[i]).weight = 1;
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
  for (let i = 0; i < w.oracles.length; i++) if (!settled(w, unchecked(w.oracles[i]))) return false;
  for (let i = 0; i < w.mitigations.length; i++) if (!unchecked(w.mitigations[i]).settled(w)) return false;
  // venues still being pulled toward an outside market (a path's pull below 1 closes only part
  // of the gap each step) have not found their price yet
  for (let i = 0; i < w.shocks.length; i++) {
    const s = unchecked(w.shocks[i]);
    if (s.type != SHOCK_PATH || !(s.pull > 0)) continue;
    const a = unchecked(w.assets[s.target]);
    for (let k = 0; k < w.venues.length; k++) {
      const v = unchecked(w.venues[k]);
      if (v.base != s.target) continue;
      const target = a.ref / unchecked(w.assets[v.quote]).ref;
      if (Math.abs(v.price() - target) > CONVERGED * target) return false;
    }
  }
  return true;
}

/** A venue within this share of its outside price has found it (a pull of 0.5 gets there in ~17 steps). */
const CONVERGED: f64 = 1e-5;

function shocks(w: World, t: i32): void {
  w.congestion = -1;
  for (let i = 0; i < w.oracles.length; i++) unchecked(w.oracles[i]).outage = OUTAGE_NONE;
  for (let i = 0; i < w.liquidators.length; i++) unchecked(w.liquidators[i]).offline = false;
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
      sellBase(v.kind, v.at, s.amount, TRADE);
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
    } else if (s.type == SHOCK_ORACLE_OUTAGE) {
      const o = unchecked(w.oracles[s.target]);
      o.outage = max(o.outage, <i32>s.amount); // missing outranks stale
    } else if (s.type == SHOCK_KEEPER_OUTAGE) {
      for (let k = 0; k < w.liquidators.length; k++)
        if (s.target < 0 || s.target == k) unchecked(w.liquidators[k]).offline = true;
    }
  }
}

/** Rows the timeline holds before it first grows. */
const FIRST_ROWS: i32 = 256;

function record(w: World, step: i32): void {
  if (!w.timeline) {
    // no timeline (a stress path): only what the drawdowns need
    for (let i = 0; i < w.assets.length; i++) {
      const a = unchecked(w.assets[i]);
      a.market = marketOf(w, i);
      if (a.market < a.marketLow) a.marketLow = a.market;
    }
    for (let i = 0; i < w.venues.length; i++) {
      const v = unchecked(w.venues[i]);
      const p = v.price();
      if (p < v.low) v.low = p;
    }
    return;
  }
  const t = step / w.every;
  const n = w.nSeries;
  if ((t + 1) * n > w.series.length) {
    // double (up to every row the run can have), keeping the rows so far
    const grown = new StaticArray<f64>(n * min(w.rows, 2 * (w.series.length / n)));
    memory.copy(changetype<usize>(grown), changetype<usize>(w.series), (<usize>(t * n)) << 3);
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
  for (let i = 0; i < w.oracles.length; i++) {
    const o = unchecked(w.oracles[i]);
    put(k++, o.outage == OUTAGE_MISSING ? NaN : o.published, t, w); // publishing nothing: no price
    put(k++, <f64>o.age, t, w);
  }
  let liquidations: f64 = 0;
  let notional: f64 = 0;
  let bad: f64 = 0;
  for (let i = 0; i < w.protocols.length; i++) {
    const p = unchecked(w.protocols[i]);
    put(k++, <f64>p.liquidations, t, w);
    put(k++, p.notional, t, w);
    put(k++, p.badDebt, t, w);
    put(k++, p.extra, t, w);
    put(k++, p.waiting, t, w);
    liquidations += p.liquidations;
    notional += p.notional;
    bad += p.badDebt;
  }
  for (let i = 0; i < w.dealers.length; i++) put(k++, unchecked(w.dealers[i]).flow, t, w);
  put(k++, liquidations, t, w);
  put(k++, notional, t, w);
  put(k++, bad, t, w);
  put(k++, w.slippage, t, w);
  for (let i = 0; i < w.mitigations.length; i++) {
    const m = unchecked(w.mitigations[i]);
    m.record(w, w.series, t * n + k);
    k += m.series();
  }
}
