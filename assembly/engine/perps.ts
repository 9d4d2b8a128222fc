// Perpetual swaps with isolated margin (Binance/Bybit USDⓈ-M style), one market per protocol.
// A position is a signed size (base units: + long, − short), an entry price and a margin
// (quote). At the oracle's published mark price P:
//   equity E = margin + size·(P − entry);   health = E / (mm·|size|·P)
// Below 1 a position is liquidated once per step, in ascending health (ties: the order given),
// by the exchange's own engine, not by liquidators: the whole size is closed by a market order
// on the protocol's venue (a long sells, a short buys back; slippage is recorded), and with
// `quote` the order's proceeds or cost and fill = quote/|size|:
//   realized R = margin + size·(fill − entry)
//   R ≥ 0   fee = min(R, liquidationFee·quote) goes to the insurance fund, R − fee to the trader;
//   R < 0   the loss beyond margin −R is drawn from the fund; what the fund lacks (the deficit)
//           is auto-deleveraged; what ADL cannot cover is bad debt.
// Auto-deleveraging takes the deficit from the opposite side's positions in profit
// (u = size·(P − entry) > 0), ranked by PnL% × effective leverage (Binance, Bybit):
//   score = (u / margin) · (|size|·P / (margin + u)),  highest first, ties by the order given.
// Each in turn closes the fraction f = min(1, D/u) of its position at P (D: the deficit left)
// and gives up the profit f·u that realizes; the margin of the closed part, f·margin, goes back
// to it. Nothing trades on the venue (the exchange offsets the bankrupt position internally).
// The part kept has size and margin scaled by 1 − f and the same entry, so its health,
// liquidation price and score do not change: each side is ranked at most once per step, by a
// scan of it into a heap the first time ADL needs it (a rare event: the fund is empty).
//
// Positions are indexed by liquidation price (E = mm·|size|·P solved for P):
//   P_liq = (size·entry − margin) / (size − mm·|size|)
// longs in a max-heap keyed by P_liq (liquidatable when P_liq > P), shorts by −P_liq (when
// −P_liq > −P), so a step touches only the liquidatable ones. Closed positions leave the
// index lazily: they are dropped when they come to its top.

import {
  EV_ADL,
  EV_PERP_CLOSE,
  PERPS_ADL_COUNT,
  PERPS_ADL_NOTIONAL,
  PERPS_ADL_PROFIT,
  PERPS_ENTRY,
  PERPS_INSURANCE_DRAWN,
  PERPS_INSURANCE_FEES,
  PERPS_INSURANCE_FUND,
  PERPS_MARGIN,
  PERPS_SIZE,
} from "../../bindings/codes";
import { VENUE_BOOK, venueMinTrade } from "../venue";
import { forcedBuy, forcedSell } from "./agents";
import { Events } from "./events";
import { eventsOf, world } from "./handles";
import { Heap } from "./heap";
import { Candidates } from "./sort";
import { TRADE_BYTES, tradedBase } from "./trade";
import { addAt, EQUITY, EXPOSURE, ladderLevel, Protocol, World } from "./world";

/** The result area of this module's trades. */
const TRADE = memory.data(TRADE_BYTES, 16);

// a row's fields, in the order the columns come in
const SIZE: i32 = PERPS_SIZE;
const ENTRY: i32 = PERPS_ENTRY;
const MARGIN: i32 = PERPS_MARGIN;

export class Perps extends Protocol {
  // position i is one 32-byte row: size, entry, margin (candidates come in no memory order: one
  // cache line each, not three)
  rows: StaticArray<f64>;
  first: i32; // the index of row 0 (aligned to 32 bytes)
  longs: Heap = new Heap(0);
  shorts: Heap = new Heap(0);
  cand: Candidates = new Candidates();
  // left liquidatable by the last step (a venue that ran out): candidates again at once if their
  // key still says so, without a trip through the index (a backlog of a million would pay ~40 heap
  // levels each, every step); keys as they were when set aside
  waitKey: StaticArray<f64>;
  waitId: StaticArray<u32>;
  nWait: i32 = 0;
  dry: StaticArray<bool> = [false, false]; // this step, the venue has no bids (0) or no asks (1) left
  mark: f64 = NaN; // this step's
  // ADL rankings by score, per side (0 longs, 1 shorts), and the step each was made
  ranks: Array<Heap> = [new Heap(0), new Heap(0)];
  rankedAt: StaticArray<i32> = [-1, -1];
  // totals, quote (ADL count: positions reduced)
  adlCount: i32 = 0;
  adlNotional: f64 = 0;
  adlProfit: f64 = 0;
  fees: f64 = 0;
  drawn: f64 = 0;
  returned: f64 = 0;

  constructor(
    public n: i32,
    public oracle: i32,
    public venue: i32,
    public mm: f64, // maintenance margin, a fraction of the notional
    public feeRate: f64, // liquidation fee, a fraction of the notional at the fill
    public fund: f64, // the insurance fund, quote
    public events: Events,
  ) {
    super();
    this.extra = fund;
    const rows = new StaticArray<f64>(4 * n + 4);
    this.rows = rows;
    this.first = ((32 - <i32>(changetype<usize>(rows) & 31)) & 31) >> 3;
    this.waitKey = new StaticArray<f64>(n);
    this.waitId = new StaticArray<u32>(n);
  }

  @inline size(i: i32): f64 {
    return unchecked(this.rows[this.first + (i << 2)]);
  }

  @inline entry(i: i32): f64 {
    return unchecked(this.rows[this.first + (i << 2) + ENTRY]);
  }

  @inline margin(i: i32): f64 {
    return unchecked(this.rows[this.first + (i << 2) + MARGIN]);
  }

  /** Sets field `which` (SIZE, ENTRY, MARGIN) of position i. */
  @inline set(i: i32, which: i32, value: f64): void {
    unchecked((this.rows[this.first + (i << 2) + which] = value));
  }

  /** The heap key: P_liq for a long, −P_liq for a short. */
  @inline key(i: i32): f64 {
    const s = this.size(i);
    const num = s * this.entry(i) - this.margin(i);
    const den = s - this.mm * Math.abs(s);
    // a long at mm = 1 has no liquidation price: always or never liquidatable
    const p = den != 0 ? num / den : num > 0 ? Infinity : -Infinity;
    return s > 0 ? p : -p;
  }

  @inline health(i: i32): f64 {
    const s = this.size(i);
    const p = this.mark;
    return (this.margin(i) + s * (p - this.entry(i))) / (this.mm * Math.abs(s) * p);
  }

  @inline sideOf(i: i32): Heap {
    return this.size(i) > 0 ? this.longs : this.shorts;
  }

  /** After the columns are filled: indexes the positions. */
  ready(): void {
    let nLong = 0;
    for (let i = 0; i < this.n; i++) if (this.size(i) > 0) nLong++;
    this.longs = new Heap(nLong);
    this.shorts = new Heap(this.n - nLong);
    for (let i = 0; i < this.n; i++) {
      if (this.size(i) == 0) continue;
      const h = this.sideOf(i);
      unchecked((h.keys[h.size] = this.key(i)));
      unchecked((h.ids[h.size] = <u32>i));
      h.size++;
    }
    this.longs.heapify();
    this.shorts.heapify();
  }

  ladder(w: World, asset: i32, grid: usize, n: i32, coll: usize, debt: usize): void {
    if (asset != unchecked(w.venues[this.venue]).base) return;
    // longs are closed by a fall: the whole position is sold at its liquidation price
    for (let i = 0; i < this.n; i++) {
      const s = this.size(i);
      if (!(s > 0)) continue;
      const at = this.key(i);
      const k = ladderLevel(grid, n, at);
      if (k < 0) continue;
      addAt(coll, k, s);
      addAt(debt, k, s * at);
    }
  }

  count(): i32 {
    return this.n;
  }

  valueAccounts(w: World): void {
    this.mark = w.priceOf(this.oracle, -1);
  }

  account(w: World, i: i32, out: usize, byAsset: usize): void {
    const s = this.size(i);
    const notional = Math.abs(s) * this.mark;
    store<f64>(out + EXPOSURE, notional);
    store<f64>(out + EQUITY, this.margin(i) + s * (this.mark - this.entry(i)));
    if (byAsset != 0 && notional != 0) addAt(byAsset, unchecked(w.venues[this.venue]).base, notional);
  }

  insolvent(w: World): i32 {
    const p = unchecked(w.oracles[this.oracle]).published;
    let count = 0;
    for (let i = 0; i < this.n; i++) if (this.margin(i) + this.size(i) * (p - this.entry(i)) < 0) count++;
    return count;
  }

  step(w: World): void {
    this.mark = w.priceOf(this.oracle, -1);
    if (!(this.mark == this.mark)) return; // no usable mark: liquidations wait (the ones set aside stay aside)
    const cand = this.cand;
    cand.count = 0;
    const waiting = this.nWait;
    this.nWait = 0;
    for (let k = 0; k < waiting; k++) {
      const i = unchecked(this.waitId[k]);
      const s = this.size(i);
      if (s == 0) continue; // deleveraged away since
      const key = unchecked(this.waitKey[k]);
      if (key > (s > 0 ? this.mark : -this.mark)) cand.add(i, this.health(<i32>i));
      else this.sideOf(<i32>i).push(key, i);
    }
    this.collect(this.longs, this.mark);
    this.collect(this.shorts, -this.mark);
    cand.sort();
    this.pending = false;
    unchecked((this.dry[0] = false));
    unchecked((this.dry[1] = false));
    const v = unchecked(w.venues[this.venue]);
    const lot = venueMinTrade(v.kind, v.at);
    for (let k = 0; k < cand.count; k++) {
      const i = <i32>unchecked(cand.ids[k]);
      if (this.size(i) == 0) continue; // deleveraged away earlier in the step
      const side = this.size(i) > 0 ? 0 : 1;
      if (unchecked(cand.keys[k]) < 1 && !(unchecked(this.dry[side]) && Math.abs(this.size(i)) >= lot)) {
        this.liquidate(w, i);
      }
      if (this.size(i) == 0) continue;
      // back into the index, or aside if still liquidatable (liquidated once per step)
      if (this.health(i) < 1) {
        this.pending = true;
        this.waiting += Math.abs(this.size(i)) * this.mark;
        unchecked((this.waitKey[this.nWait] = this.key(i)));
        unchecked((this.waitId[this.nWait++] = <u32>i));
      } else this.sideOf(i).push(this.key(i), <u32>i);
    }
    this.extra = this.fund;
  }

  private collect(h: Heap, bound: f64): void {
    while (h.size > 0 && h.topKey() > bound) {
      const i = h.topId();
      h.pop();
      if (this.size(i) != 0) this.cand.add(i, this.health(<i32>i));
    }
  }

  private liquidate(w: World, i: i32): void {
    const whole = this.size(i);
    let quote = whole > 0 ? forcedSell(w, this.venue, whole, TRADE) : forcedBuy(w, this.venue, -whole, TRADE);
    // a venue that runs out closes only part: the rest stays open (same liquidation price) for the next step
    let q = min(tradedBase(TRADE), Math.abs(whole));
    // but a rest below the venue's lot never fills: the exchange takes it over at the mark
    const v = unchecked(w.venues[this.venue]);
    const rest = Math.abs(whole) - q;
    if (rest > 0 && rest < venueMinTrade(v.kind, v.at)) {
      quote += rest * this.mark;
      q = Math.abs(whole);
    }
    if (!(q > 0)) {
      // a book that fills nothing of a lot or more has no orders on that side: nor will it for
      // the rest of this step (closing shorts takes asks, it adds no bids), so the rest wait at once
      if (v.kind == VENUE_BOOK) unchecked((this.dry[whole > 0 ? 0 : 1] = true));
      return;
    }
    const f = q / Math.abs(whole);
    const s = f < 1 ? whole * f : whole;
    const margin = f < 1 ? this.margin(i) * f : this.margin(i);
    const pnl = s > 0 ? quote - q * this.entry(i) : q * this.entry(i) - quote;
    const realized = margin + pnl;
    this.set(i, SIZE, f < 1 ? whole - s : 0);
    this.set(i, MARGIN, f < 1 ? this.margin(i) - margin : 0);
    this.liquidations++;
    this.notional += quote;
    const loss = realized < 0 ? -realized : 0.0;
    this.events.add(w.step, this.index, i, EV_PERP_CLOSE, s, quote / q, loss, -1);
    if (realized >= 0) {
      const fee = min(realized, this.feeRate * quote);
      this.fund += fee;
      this.fees += fee;
      this.returned += realized - fee;
      return;
    }
    const drawn = min(this.fund, loss);
    this.fund -= drawn;
    this.drawn += drawn;
    const deficit = loss - drawn;
    if (deficit > 0) this.badDebt += deficit - this.deleverage(w, s > 0 ? 1 : 0, deficit);
  }

  /** Takes up to `deficit` of profit from side `side` (0 longs, 1 shorts); returns what it took. */
  private deleverage(w: World, side: i32, deficit: f64): f64 {
    const h = this.ranking(w, side);
    const p = this.mark;
    let left = deficit;
    while (left > 0 && h.size > 0) {
      const j = <i32>h.topId();
      const s = this.size(j);
      if (s == 0) {
        h.pop(); // liquidated since the ranking
        continue;
      }
      const u = s * (p - this.entry(j));
      const take = min(left, u);
      const f = take / u;
      const closed = take == u ? s : s * f;
      if (take == u) {
        this.set(j, SIZE, 0);
        this.set(j, MARGIN, 0);
        h.pop();
      } else {
        this.set(j, SIZE, s - closed);
        this.set(j, MARGIN, this.margin(j) * (1 - f));
      }
      left -= take;
      this.adlCount++;
      this.adlNotional += Math.abs(closed) * p;
      this.adlProfit += take;
      this.events.add(w.step, this.index, j, EV_ADL, closed, p, take, -1);
    }
    return deficit - left;
  }

  /** The side's positions in profit at this step's mark, by score (made once per step). */
  private ranking(w: World, side: i32): Heap {
    const h = unchecked(this.ranks[side]);
    if (unchecked(this.rankedAt[side]) == w.step) return h;
    unchecked((this.rankedAt[side] = w.step));
    h.size = 0;
    const p = this.mark;
    const sign: f64 = side == 0 ? 1 : -1;
    for (let j = 0; j < this.n; j++) {
      const s = this.size(j);
      const m = this.margin(j);
      const u = s * (p - this.entry(j));
      if (s * sign > 0 && u > 0) h.push((u / m) * ((Math.abs(s) * p) / (m + u)), <u32>j);
    }
    return h;
  }
}

// ---- building (called by the TypeScript side) ---------------------------------------------

/** A perps market of n positions, marked by `oracle`, liquidating on `venue`. */
export function worldPerps(h: i32, n: i32, oracle: i32, venue: i32, mm: f64, fee: f64, fund: f64): i32 {
  const w = world(h);
  const p = new Perps(n, oracle, venue, mm, fee, fund, eventsOf(h));
  return w.addProtocol(p);
}

/** Copies the n positions' size (which 0), entry (1) or margin (2) from `src`; after the margin, indexes them. */
export function worldPerpsColumn(h: i32, p: i32, which: i32, src: usize): void {
  const x = changetype<Perps>(world(h).protocols[p]);
  for (let i = 0; i < x.n; i++) x.set(i, which, load<f64>(src + ((<usize>i) << 3)));
  if (which == PERPS_MARGIN) x.ready();
}

/**
 * After a run: 0 insurance fund, 1 positions auto-deleveraged, 2 their notional closed at the
 * mark, 3 profit ADL took, 4 liquidation fees paid to the fund, 5 drawn from the fund,
 * 6 returned to liquidated traders.
 */
export function worldPerpsState(h: i32, p: i32, which: i32): f64 {
  const x = changetype<Perps>(world(h).protocols[p]);
  if (which == PERPS_INSURANCE_FUND) return x.fund;
  if (which == PERPS_ADL_COUNT) return <f64>x.adlCount;
  if (which == PERPS_ADL_NOTIONAL) return x.adlNotional;
  if (which == PERPS_ADL_PROFIT) return x.adlProfit;
  if (which == PERPS_INSURANCE_FEES) return x.fees;
  return which == PERPS_INSURANCE_DRAWN ? x.drawn : x.returned; // PERPS_RETURNED
}
