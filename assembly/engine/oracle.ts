// Oracles: each step observe their sources, then publish by their rule, with latency.
//
//   spot    the source's price
//   median  the median of the sources' prices
//   twap    the arithmetic mean of the last `window` observations of the source
//   push    publishes the observation when it moved `deviation` from the last published
//           price, or `heartbeat` steps after the last publication (Chainlink's rule)
// With latency L an oracle publishes what it observed L steps earlier; before step 0 it shows
// the initial price. A manipulation or fracture shock overrides what it publishes.

import { ORACLE_MEDIAN, ORACLE_PUSH, ORACLE_TWAP } from "../../bindings/codes";
import { Oracle, World } from "./world";

const MEDIAN = new StaticArray<f64>(64);

/** What the oracle's sources say now, before any TWAP: one source's price, or their median. */
export function sourced(w: World, o: Oracle): f64 {
  if (o.type == ORACLE_MEDIAN) {
    const n = min(o.sources.length, MEDIAN.length);
    for (let i = 0; i < n; i++) unchecked((MEDIAN[i] = w.sourcePrice(unchecked(o.sources[i]))));
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
  return w.sourcePrice(unchecked(o.sources[0]));
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
  const seen = observe(w, o);
  unchecked((o.history[o.observed % o.history.length] = seen));
  o.observed++;
  // what it observed `latency` steps ago (before the start: its initial price)
  const lagged = o.observed > o.latency ? unchecked(o.history[(o.observed - 1 - o.latency) % o.history.length]) : o.published;
  let next = lagged;
  if (o.type == ORACLE_PUSH) {
    const moved = Math.abs(lagged - o.published) >= o.deviation * o.published;
    if (moved || w.step - o.lastPublished >= o.heartbeat) o.lastPublished = w.step;
    else next = o.published;
  }
  if (w.step >= o.forcedFrom && w.step <= o.forcedTo) next = o.forced;
  o.published = next;
  return next;
}

/** The oracle has published its latest observation (its pipeline is empty). */
export function settled(o: Oracle): bool {
  if (o.observed == 0) return true;
  return o.published == unchecked(o.history[(o.observed - 1) % o.history.length]);
}
