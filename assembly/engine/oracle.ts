// Oracles: each step observe their sources, then publish by their rule, with latency.
//
//   spot    the source's price
//   median  the median of the sources' prices
//   index   the weighted mean of the sources' prices (an exchange's index: its own book and a
//           conversion rate, weights summing to 1)
//   twap    the arithmetic mean of the last `window` observations of the source
//   push    publishes the observation when it moved `deviation` from the last published
//           price, or `heartbeat` steps after the last publication (Chainlink's rule)
// With latency L an oracle publishes what it observed L steps earlier; before step 0 it shows
// the initial price. A manipulation or fracture shock overrides what it publishes; a faulty
// source (Fault) reports a constant, a multiple or a lagged copy of its price; during an outage it
// observes and publishes nothing (its last price stays and ages; OUTAGE_MISSING: protocols cannot
// use it). `age` counts the steps since its last publication.
//
// An anchored oracle (Compound's UniswapAnchoredView, 2020) accepts its own price p only while
// the anchor oracle's published price A is within its band: (1 − band) ≤ A/p ≤ (1 + band)
// (isWithinAnchor); outside it keeps its last price (the contract's PriceGuarded: nothing
// posted), or with clamp publishes the nearest edge of [A/(1 + band), A/(1 − band)]. Anchors
// publish first in a step (run.ts), so the band is this step's.

import {
  FAULT_CONSTANT,
  FAULT_FACTOR,
  ORACLE_INDEX,
  ORACLE_MEDIAN,
  ORACLE_PUSH,
  ORACLE_TWAP,
  OUTAGE_NONE,
} from "../../bindings/codes";
import { Oracle, World } from "./world";

/** Source k's price as the oracle sees it this step: its true price, unless a fault is active. */
function sourceAt(w: World, o: Oracle, k: i32): f64 {
  const p = w.sourcePrice(unchecked(o.sources[k]));
  for (let i = 0; i < o.faults.length; i++) {
    const f = unchecked(o.faults[i]);
    if (f.source != k || w.step < f.first || w.step > f.last) continue;
    if (f.mode == FAULT_CONSTANT) return f.value;
    if (f.mode == FAULT_FACTOR) return p * f.value;
    // a lagged copy: the true price `lag` steps ago (or the oldest kept; before step 0 the price itself)
    if (f.seen == 0) return p;
    const back = min(f.lag, f.seen - 1);
    return unchecked(f.ring[(f.seen - 1 - back) % f.ring.length]);
  }
  return p;
}

const MEDIAN = new StaticArray<f64>(64);

/** What the oracle's sources say now, before any TWAP: one source's price, or their median. */
export function sourced(w: World, o: Oracle): f64 {
  if (o.type == ORACLE_MEDIAN) {
    const n = min(o.sources.length, MEDIAN.length);
    for (let i = 0; i < n; i++) unchecked((MEDIAN[i] = sourceAt(w, o, i)));
    // insertion sort: a handful of sources
    for (let i = 1; i < n; i++) {
      const x = unchecked(MEDIAN[i]);
      let j = i - 1;
      while (j >= 0 && unchecked(MEDIAN[j]) > x) {
        unchecked((MEDIAN[j + 1] = MEDIAN[j]));
        j--;
      }
      unchecked((MEDIAN[j + 1] = x));
    }
    return n & 1 ? unchecked(MEDIAN[n >> 1]) : 0.5 * (unchecked(MEDIAN[(n >> 1) - 1]) + unchecked(MEDIAN[n >> 1]));
  }
  if (o.type == ORACLE_INDEX) {
    let sum: f64 = 0;
    for (let i = 0; i < o.sources.length; i++) sum += unchecked(o.weights[i]) * sourceAt(w, o, i);
    return sum;
  }
  return sourceAt(w, o, 0);
}

function observe(w: World, o: Oracle): f64 {
  const raw = sourced(w, o);
  if (o.type != ORACLE_TWAP) return raw;
  unchecked((o.twap[o.observed % o.window] = raw));
  const k = min(o.observed + 1, o.window);
  let sum: f64 = 0;
  for (let i = 0; i < k; i++) sum += unchecked(o.twap[i]);
  return sum / <f64>k;
}

/** Observes and publishes for this step; returns the published price. */
export function publish(w: World, o: Oracle): f64 {
  // lagged faults keep the true prices of their source, whatever happens
  for (let i = 0; i < o.faults.length; i++) {
    const f = unchecked(o.faults[i]);
    unchecked((f.ring[f.seen % f.ring.length] = w.sourcePrice(unchecked(o.sources[f.source]))));
    f.seen++;
  }
  if (o.outage != OUTAGE_NONE) {
    o.age++; // nothing observed, nothing published
    return o.published;
  }
  const seen = observe(w, o);
  unchecked((o.history[o.observed % o.history.length] = seen));
  o.observed++;
  o.observedAt = w.step;
  // what it observed `latency` steps ago (before the start: its initial price)
  const lagged =
    o.observed > o.latency ? unchecked(o.history[(o.observed - 1 - o.latency) % o.history.length]) : o.published;
  let next = lagged;
  if (o.type == ORACLE_PUSH) {
    const moved = Math.abs(lagged - o.published) >= o.deviation * o.published;
    if (moved || w.step - o.lastPublished >= o.heartbeat) o.lastPublished = w.step;
    else next = o.published;
  }
  if (o.anchor >= 0) next = anchored(w, o, next);
  if (w.step >= o.forcedFrom && w.step <= o.forcedTo) next = o.forced;
  o.published = next;
  o.age = o.type == ORACLE_PUSH && !(w.step >= o.forcedFrom && w.step <= o.forcedTo) ? w.step - o.lastPublished : 0;
  return next;
}

/** What an anchored oracle publishes instead of `p`: p within the anchor's band, else its last price or the edge. */
function anchored(w: World, o: Oracle, p: f64): f64 {
  const a = unchecked(w.oracles[o.anchor]).published;
  if (!(a > 0) || !(p > 0)) return p; // no anchor price to check against: as the contract, nothing to compare
  const lo = a / (1 + o.band); // A/p ≤ 1 + band
  const hi = o.band < 1 ? a / (1 - o.band) : Infinity; // A/p ≥ 1 − band
  if (p >= lo && p <= hi) return p;
  if (o.clamp) return p < lo ? lo : hi;
  return o.published;
}

/**
 * The oracle observed its sources this step and every observation still in its pipeline (the last
 * latency + 1) is what it publishes: nothing it saw is still to come out.
 */
export function settled(w: World, o: Oracle): bool {
  if (o.observedAt != w.step) return false; // out (an outage): what it would see is not known yet
  const n = min(o.observed, o.history.length);
  for (let k = 0; k < n; k++) if (unchecked(o.history[k]) != o.published) return false;
  return true;
}
