// Reading a run's results from the TypeScript side: the timeline (turned into columns), each
// protocol's and liquidator's totals, the prices drawdowns are measured on, the event log.

import {
  EVENTS_ADDRESS,
  EVENTS_RECORDED,
  LIQUIDATOR_CAPITAL,
  MARKET_LAST,
  MARKET_LOW,
  MARKET_START,
  TOTAL_BAD_DEBT,
  TOTAL_LIQUIDATIONS,
  TOTAL_NOTIONAL,
  TOTAL_ZERO_BIDS,
  VENUE_START,
} from "../../bindings/codes";
import { eventsOf, world } from "./handles";
import { depthWithin, quoteSell, sellBase, TRADE_BYTES } from "./trade";

const TRADE = memory.data(TRADE_BYTES, 16);

/**
 * Prices for the drawdowns: 0 asset i's market price before step 0, 1 its lowest, 2 its last;
 * 3 venue i's price before step 0, 4 its lowest.
 */
export function worldMarket(h: i32, which: i32, i: i32): f64 {
  const w = world(h);
  if (which <= MARKET_LAST) {
    const a = unchecked(w.assets[i]);
    return which == MARKET_START ? a.market0 : which == MARKET_LOW ? a.marketLow : a.market;
  }
  const v = unchecked(w.venues[i]);
  return which == VENUE_START ? v.price0 : v.low; // VENUE_LOW
}

/**
 * The static liquidation ladder of `asset` over every protocol, on `n` descending prices at
 * `grid`: collateral units to `coll`, debt (quote) to `debt` (both zeroed first). See
 * Protocol.ladder.
 */
export function worldLadder(h: i32, asset: i32, grid: usize, n: i32, coll: usize, debt: usize): void {
  const w = world(h);
  memory.fill(coll, 0, (<usize>n) << 3);
  memory.fill(debt, 0, (<usize>n) << 3);
  for (let i = 0; i < w.protocols.length; i++) unchecked(w.protocols[i]).ladder(w, asset, grid, n, coll, debt);
}

/**
 * Protocol p's part of worldLadder: its own static ladder of `asset` on the same grid (collateral
 * units to `coll`, debt to `debt`, both zeroed first); the protocols' ladders add up to the world's.
 */
export function worldProtocolLadder(h: i32, p: i32, asset: i32, grid: usize, n: i32, coll: usize, debt: usize): void {
  const w = world(h);
  memory.fill(coll, 0, (<usize>n) << 3);
  memory.fill(debt, 0, (<usize>n) << 3);
  unchecked(w.protocols[p]).ladder(w, asset, grid, n, coll, debt);
}

/** Quote that selling `qty` base on venue v returns now; with `commit` the sale is made. */
export function worldSell(h: i32, v: i32, qty: f64, commit: i32): f64 {
  const x = unchecked(world(h).venues[v]);
  return commit != 0 ? sellBase(x.kind, x.at, qty, TRADE) : quoteSell(x.kind, x.at, qty);
}

/** Base that venue v could sell before its price falls by `share` (its depth within it), now. */
export function worldDepth(h: i32, v: i32, share: f64): f64 {
  const x = unchecked(world(h).venues[v]);
  return depthWithin(x.kind, x.at, share);
}

/** Quote lost to slippage by forced sellers over the run. */
export function worldSlippage(h: i32): f64 {
  return world(h).slippage;
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
  if (which == TOTAL_BAD_DEBT) return x.badDebt;
  if (which == TOTAL_LIQUIDATIONS) return x.totalLiquidations;
  if (which == TOTAL_NOTIONAL) return x.totalNotional;
  if (which == TOTAL_ZERO_BIDS) return <f64>x.zeroBids;
  return x.extra;
}

/** A liquidator's state after the run: 0 capital, 1 collateral held. */
export function worldLiquidatorState(h: i32, l: i32, which: i32): f64 {
  const x = unchecked(world(h).liquidators[l]);
  return which == LIQUIDATOR_CAPITAL ? x.capital : x.held; // LIQUIDATOR_HELD
}

/** The event log: 0 its address, 1 events recorded, 2 events that happened. */
export function worldEvents(h: i32, which: i32): f64 {
  const e = eventsOf(h);
  if (which == EVENTS_ADDRESS) return <f64>changetype<usize>(e.data);
  return which == EVENTS_RECORDED ? <f64>e.count : <f64>e.seen; // EVENTS_SEEN
}
