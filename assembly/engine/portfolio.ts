// Portfolio (cross) margin perps: an account holds positions in several markets against several
// collateral assets, and is liquidated on its margin ratio (Binance's unified account,
// Hyperliquid's cross margin). Each market m has a mark oracle, a venue and a maintenance margin
// mm_m; each collateral c an oracle (or the asset's own price), a haircut h_c and, optionally, a
// venue its liquidations sell it on. At the marks P_m and collateral prices Q_c, account i has
//   equity  E = cash + Σ_c amount_c·Q_c·(1 − h_c) + Σ_m size_m·(P_m − entry_m)
//   raw     E₀ = the same without haircuts (what it is worth)
//   margin  R = Σ_m mm_m·|size_m|·P_m
// and is liquidatable when E < R, once per step, in ascending E/R (ties: the order given):
//   1. With a backstop vault (Hyperliquid's liquidator vault in HLP) and E/R below its threshold
//      (2/3), the vault takes every position at the marks and the account's raw equity E₀ as
//      cash (the trader keeps nothing) — if the vault's equity stays above its loss limit after.
//   2. An account worth less than nothing (E₀ < 0) that the insurance fund cannot cover, and no
//      vault takes, is auto-deleveraged: each position is closed at its bankruptcy price
//      b_m = P_m + D_m/size_m (D = −E₀ split by notional) against the opposite side's accounts
//      in profit, ranked by profit × leverage as the venues rank them:
//        score = (u / E₀_j)·(notional_j / E₀_j),  u = size_j·(P_m − entry_j) > 0
//      each closing what it can at b_m (one ADL fill each); nothing trades on a venue.
//   3. Otherwise every position is closed by an order on its venue limited at the account's
//      bankruptcy price, P_m − E₀/size_m, as the venues' engines place them (the venue's price
//      stops there: a book fills at or better, a pool's fee comes on top; none for an account
//      already worth nothing, whose loss the fund covers); what does not fill waits for the next
//      step, when the account may be the vault's or ADL's. The realized PnL goes to cash, a fee of
//      liquidationFee × the notional closed goes to the insurance fund from what is left, and
//      once flat an account whose cash is negative sells its collateral, in the order of the
//      collateral's ids, on each one's venue (a collateral with no venue is converted at its
//      price); a loss no collateral covers is drawn from the fund, and the rest is bad debt.
// The vault marks its positions to the marks; it closes `unwind` of each on its venue every
// step, realizing PnL into its cash. Its equity is its cash plus their unrealized PnL.

import {
  EV_ACCOUNT_ADL,
  EV_ACCOUNT_CLOSE,
  EV_BACKSTOP,
  EV_COLLATERAL_SALE,
  PORTFOLIO_ADL_ACCOUNTS,
  PORTFOLIO_ADL_FILLS,
  PORTFOLIO_ADL_NOTIONAL,
  PORTFOLIO_COLLATERAL_SOLD,
  PORTFOLIO_INSURANCE_DRAWN,
  PORTFOLIO_INSURANCE_FEES,
  PORTFOLIO_INSURANCE_FUND,
  PORTFOLIO_VAULT_EQUITY,
  PORTFOLIO_VAULT_TAKEN,
  PORTFOLIO_VAULT_TAKEOVERS,
} from "../../bindings/codes";
import { venueMinTrade } from "../venue";
import { forcedBuy, forcedBuyUpTo, forcedSell, forcedSellDownTo } from "./agents";
import { Events } from "./events";
import { eventsOf, world } from "./handles";
import { Heap } from "./heap";
import { Candidates } from "./sort";
import { baseFor, TRADE_BYTES, tradedBase } from "./trade";
import { addAt, EQUITY, EXPOSURE, ladderLevel, Protocol, World } from "./world";

/** The result area of this module's trades. */
const TRADE = memory.data(TRADE_BYTES, 16);

export class Portfolio extends Protocol {
  // account i's row at i·stride: sizes (nm), entries (nm), collateral amounts (nc), cash
  rows: StaticArray<f64>;
  stride: i32;
  // markets
  mOracle: StaticArray<i32>;
  mVenue: StaticArray<i32>;
  mm: StaticArray<f64>;
  mark: StaticArray<f64>;
  // collateral
  cAsset: StaticArray<i32>;
  cOracle: StaticArray<i32>; // −1: the asset's own price
  cVenue: StaticArray<i32>; // −1: converted at its price
  haircut: StaticArray<f64>;
  price: StaticArray<f64>;
  // the backstop vault (threshold 0: none)
  threshold: f64 = 0;
  capital: f64 = 0;
  floor: f64 = 0; // capital × (1 − loss limit): below it the vault takes no more
  unwind: f64 = 0;
  vaultCash: f64 = 0;
  vSize: StaticArray<f64>;
  vEntry: StaticArray<f64>;
  // ADL rankings per market and side (2m: longs, 2m + 1: shorts), and the step each was made
  ranks: Array<Heap> = [];
  rankedAt: StaticArray<i32>;
  deleveraged: StaticArray<u8>; // an account ADL closed something of, ever
  cand: Candidates = new Candidates();
  // totals, quote
  drawn: f64 = 0;
  fees: f64 = 0;
  takeovers: i32 = 0;
  taken: f64 = 0;
  adlFills: i32 = 0;
  adlAccounts: i32 = 0;
  adlNotional: f64 = 0;
  sold: f64 = 0;

  constructor(
    public n: i32,
    public nm: i32,
    public nc: i32,
    public feeRate: f64,
    public fund: f64,
    public events: Events,
  ) {
    super();
    const stride = 2 * nm + nc + 1;
    this.stride = stride;
    this.rows = new StaticArray<f64>(n * stride);
    this.mOracle = new StaticArray<i32>(nm);
    this.mVenue = new StaticArray<i32>(nm);
    this.mm = new StaticArray<f64>(nm);
    this.mark = new StaticArray<f64>(nm);
    this.cAsset = new StaticArray<i32>(nc);
    this.cOracle = new StaticArray<i32>(nc);
    this.cVenue = new StaticArray<i32>(nc);
    this.haircut = new StaticArray<f64>(nc);
    this.price = new StaticArray<f64>(nc);
    this.vSize = new StaticArray<f64>(nm);
    this.vEntry = new StaticArray<f64>(nm);
    const rankedAt = new StaticArray<i32>(2 * nm);
    this.rankedAt = rankedAt;
    this.deleveraged = new StaticArray<u8>(n);
    for (let k = 0; k < 2 * nm; k++) {
      this.ranks.push(new Heap(0));
      unchecked((rankedAt[k] = -1));
    }
    this.extra = fund;
  }

  @inline at(i: i32): i32 {
    return i * this.stride;
  }
  @inline size(i: i32, m: i32): f64 {
    return unchecked(this.rows[this.at(i) + m]);
  }
  @inline entry(i: i32, m: i32): f64 {
    return unchecked(this.rows[this.at(i) + this.nm + m]);
  }
  @inline amount(i: i32, c: i32): f64 {
    return unchecked(this.rows[this.at(i) + 2 * this.nm + c]);
  }
  @inline cash(i: i32): f64 {
    return unchecked(this.rows[this.at(i) + this.stride - 1]);
  }
  @inline setSize(i: i32, m: i32, x: f64): void {
    unchecked((this.rows[this.at(i) + m] = x));
  }
  @inline setAmount(i: i32, c: i32, x: f64): void {
    unchecked((this.rows[this.at(i) + 2 * this.nm + c] = x));
  }
  @inline setCash(i: i32, x: f64): void {
    unchecked((this.rows[this.at(i) + this.stride - 1] = x));
  }

  /** Unrealized PnL of account i at the marks. */
  pnl(i: i32): f64 {
    let u: f64 = 0;
    for (let m = 0; m < this.nm; m++) {
      const s = this.size(i, m);
      if (s != 0) u += s * (unchecked(this.mark[m]) - this.entry(i, m));
    }
    return u;
  }

  /** Collateral of account i at its prices, with haircuts (`cut`) or without. */
  collateral(i: i32, cut: bool): f64 {
    let v: f64 = 0;
    for (let c = 0; c < this.nc; c++) {
      const a = this.amount(i, c);
      if (a != 0) v += a * unchecked(this.price[c]) * (cut ? 1 - unchecked(this.haircut[c]) : 1);
    }
    return v;
  }

  @inline equity(i: i32): f64 {
    return this.cash(i) + this.collateral(i, true) + this.pnl(i);
  }
  @inline raw(i: i32): f64 {
    return this.cash(i) + this.collateral(i, false) + this.pnl(i);
  }

  /** Maintenance margin of account i at the marks. */
  requirement(i: i32): f64 {
    let r: f64 = 0;
    for (let m = 0; m < this.nm; m++) {
      const s = this.size(i, m);
      if (s != 0) r += unchecked(this.mm[m]) * Math.abs(s) * unchecked(this.mark[m]);
    }
    return r;
  }

  /** Reads the marks and collateral prices; false when one is missing (liquidations wait). */
  prices(w: World): bool {
    let ok = true;
    for (let m = 0; m < this.nm; m++) {
      const p = w.priceOf(unchecked(this.mOracle[m]), -1);
      unchecked((this.mark[m] = p));
      if (!(p > 0)) ok = false;
    }
    for (let c = 0; c < this.nc; c++) {
      const p = w.priceOf(unchecked(this.cOracle[c]), unchecked(this.cAsset[c]));
      unchecked((this.price[c] = p));
      if (!(p >= 0)) ok = false;
    }
    return ok;
  }

  /** The vault's equity at the marks. */
  vaultEquity(): f64 {
    let v = this.vaultCash;
    for (let m = 0; m < this.nm; m++) {
      const s = unchecked(this.vSize[m]);
      if (s != 0) v += s * (unchecked(this.mark[m]) - unchecked(this.vEntry[m]));
    }
    return v;
  }

  count(): i32 {
    return this.n;
  }

  valueAccounts(w: World): void {
    this.prices(w);
  }

  account(w: World, i: i32, out: usize, byAsset: usize): void {
    let exposure: f64 = 0;
    for (let m = 0; m < this.nm; m++) {
      const x = Math.abs(this.size(i, m)) * unchecked(this.mark[m]);
      exposure += x;
      if (byAsset != 0 && x != 0) addAt(byAsset, unchecked(w.venues[unchecked(this.mVenue[m])]).base, x);
    }
    for (let c = 0; c < this.nc; c++) {
      const x = this.amount(i, c) * unchecked(this.price[c]);
      exposure += x;
      if (byAsset != 0 && x != 0) addAt(byAsset, unchecked(this.cAsset[c]), x);
    }
    store<f64>(out + EXPOSURE, exposure);
    store<f64>(out + EQUITY, this.raw(i));
  }

  insolvent(w: World): i32 {
    this.prices(w);
    let count = 0;
    for (let i = 0; i < this.n; i++) if (this.raw(i) < 0) count++;
    return count;
  }

  ladder(w: World, asset: i32, grid: usize, n: i32, coll: usize, debt: usize): void {
    this.prices(w);
    // the prices of `asset` (its markets' marks, its collateral's price) scaled by k, the others
    // fixed: E = a + k·b and R = c + k·d; liquidatable below k* = (c − a)/(b − d) when b > d
    let ref: f64 = NaN;
    for (let m = 0; m < this.nm; m++) {
      if (unchecked(w.venues[unchecked(this.mVenue[m])]).base == asset && !(ref == ref)) ref = unchecked(this.mark[m]);
    }
    for (let c = 0; c < this.nc; c++) {
      if (unchecked(this.cAsset[c]) == asset && !(ref == ref)) ref = unchecked(this.price[c]);
    }
    if (!(ref > 0)) return;
    for (let i = 0; i < this.n; i++) {
      let a = this.cash(i);
      let b: f64 = 0;
      let c0: f64 = 0;
      let d: f64 = 0;
      let units: f64 = 0; // of `asset` a liquidation sells
      for (let m = 0; m < this.nm; m++) {
        const s = this.size(i, m);
        if (s == 0) continue;
        const p = unchecked(this.mark[m]);
        const e = this.entry(i, m);
        const mine = unchecked(w.venues[unchecked(this.mVenue[m])]).base == asset;
        a -= s * e;
        if (mine) {
          b += s * p;
          d += unchecked(this.mm[m]) * Math.abs(s) * p;
          if (s > 0) units += (s * p) / ref;
        } else {
          a += s * p;
          c0 += unchecked(this.mm[m]) * Math.abs(s) * p;
        }
      }
      for (let k = 0; k < this.nc; k++) {
        const x = this.amount(i, k) * unchecked(this.price[k]) * (1 - unchecked(this.haircut[k]));
        if (unchecked(this.cAsset[k]) == asset) {
          b += x;
          if (unchecked(this.cVenue[k]) >= 0) units += (this.amount(i, k) * unchecked(this.price[k])) / ref;
        } else a += x;
      }
      if (!(b > d) || units == 0 || c0 + d == 0) continue;
      const level = ladderLevel(grid, n, (ref * (c0 - a)) / (b - d));
      if (level < 0) continue;
      addAt(coll, level, units);
      addAt(debt, level, units * load<f64>(grid + ((<usize>level) << 3)));
    }
  }

  step(w: World): void {
    if (!this.prices(w)) return;
    this.pending = false;
    this.unwindVault(w);
    const cand = this.cand;
    cand.count = 0;
    for (let i = 0; i < this.n; i++) {
      const r = this.requirement(i);
      if (r > 0) {
        const e = this.equity(i);
        if (e < r) cand.add(<u32>i, e / r);
      }
    }
    cand.sort();
    for (let k = 0; k < cand.count; k++) {
      const i = <i32>unchecked(cand.ids[k]);
      this.liquidate(w, i);
      const r = this.requirement(i);
      if (r > 0 && this.equity(i) < r) {
        this.pending = true; // a venue ran out: the rest waits for the next step
        this.waiting += r;
      }
    }
    this.extra = this.threshold > 0 ? this.vaultEquity() : this.fund;
  }

  private liquidate(w: World, i: i32): void {
    const r = this.requirement(i);
    const e = this.equity(i);
    if (!(r > 0) || !(e < r)) return; // deleveraged into safety earlier in the step
    const worth = this.raw(i);
    const backstop = this.threshold > 0 && e < this.threshold * r;
    if (backstop && this.vaultEquity() + worth >= this.floor) {
      this.takeOver(w, i, worth, e / r);
      return;
    }
    if (worth < 0 && (backstop || this.threshold == 0) && this.fund < -worth && this.deleverage(w, i, worth)) return;
    this.closeOnVenues(w, i);
  }

  /** The vault takes account i's positions at the marks and its raw equity as cash. */
  private takeOver(w: World, i: i32, worth: f64, ratio: f64): void {
    let notional: f64 = 0;
    for (let m = 0; m < this.nm; m++) {
      const s = this.size(i, m);
      if (s == 0) continue;
      const p = unchecked(this.mark[m]);
      this.vaultTrade(m, s, p);
      notional += Math.abs(s) * p;
    }
    this.vaultCash += worth;
    this.clear(i);
    this.takeovers++;
    this.taken += notional;
    this.liquidations++;
    this.notional += notional;
    this.events.add(w.step, this.index, i, EV_BACKSTOP, notional, worth, ratio, -1);
  }

  /** The vault's position in m changes by `s` at price p: what it closes realizes into its cash. */
  private vaultTrade(m: i32, s: f64, p: f64): void {
    const held = unchecked(this.vSize[m]);
    const e = unchecked(this.vEntry[m]);
    const next = held + s;
    unchecked((this.vSize[m] = next));
    if (held == 0 || held > 0 == s > 0) {
      unchecked((this.vEntry[m] = (held * e + s * p) / next));
      return;
    }
    // the opposite way: it closes what it held up to |s| (signed as held), then opens the rest at p
    const closed = Math.abs(s) < Math.abs(held) ? -s : held;
    this.vaultCash += closed * (p - e);
    if (Math.abs(s) > Math.abs(held)) unchecked((this.vEntry[m] = p));
  }

  /** The vault closes `unwind` of each position on its venue. */
  private unwindVault(w: World): void {
    if (!(this.unwind > 0)) return;
    for (let m = 0; m < this.nm; m++) {
      const held = unchecked(this.vSize[m]);
      if (held == 0) continue;
      const venue = unchecked(this.mVenue[m]);
      const v = unchecked(w.venues[venue]);
      let q = Math.abs(held) * this.unwind;
      if (Math.abs(held) - q < venueMinTrade(v.kind, v.at)) q = Math.abs(held);
      const quote = held > 0 ? forcedSell(w, venue, q, TRADE) : forcedBuy(w, venue, q, TRADE);
      const got = min(tradedBase(TRADE), Math.abs(held));
      if (!(got > 0)) continue;
      this.vaultTrade(m, held > 0 ? -got : got, quote / got);
    }
  }

  /** Market orders for every position of account i; then, once flat, its collateral covers its cash. */
  private closeOnVenues(w: World, i: i32): void {
    let closedNotional: f64 = 0;
    let open = false;
    for (let m = 0; m < this.nm; m++) {
      const whole = this.size(i, m);
      if (whole == 0) continue;
      const venue = unchecked(this.mVenue[m]);
      // an order limited at the account's bankruptcy price (its equity gone if all of it filled
      // there); an account already worth nothing sells at any price, the fund covering the loss
      const worth = this.raw(i);
      const bankrupt = worth > 0 ? unchecked(this.mark[m]) - worth / whole : 0;
      let quote =
        whole > 0
          ? forcedSellDownTo(w, venue, whole, bankrupt, TRADE)
          : forcedBuyUpTo(w, venue, -whole, worth > 0 ? bankrupt : Infinity, TRADE);
      let q = min(tradedBase(TRADE), Math.abs(whole));
      // a rest below the venue's lot never fills: the exchange takes it over at the mark
      const v = unchecked(w.venues[venue]);
      const rest = Math.abs(whole) - q;
      if (rest > 0 && rest < venueMinTrade(v.kind, v.at)) {
        quote += rest * unchecked(this.mark[m]);
        q = Math.abs(whole);
      }
      if (!(q > 0)) {
        open = true;
        continue;
      }
      const closed = q < Math.abs(whole) ? (whole > 0 ? q : -q) : whole;
      const e = this.entry(i, m);
      this.setCash(i, this.cash(i) + (whole > 0 ? quote - q * e : q * e - quote));
      this.setSize(i, m, closed == whole ? 0 : whole - closed);
      if (closed != whole) open = true;
      closedNotional += quote;
      this.events.add(w.step, this.index, i, EV_ACCOUNT_CLOSE, <f64>m, closed, quote / q, -1);
    }
    if (closedNotional > 0) {
      this.liquidations++;
      this.notional += closedNotional;
      const left = this.raw(i);
      const fee = min(max(left, 0), this.feeRate * closedNotional);
      if (fee > 0) {
        this.setCash(i, this.cash(i) - fee);
        this.fund += fee;
        this.fees += fee;
      }
    }
    if (!open) this.settle(w, i);
  }

  /** A flat account's negative cash: its collateral is sold to cover it; the fund covers the rest, else bad debt. */
  private settle(w: World, i: i32): void {
    for (let c = 0; c < this.nc && this.cash(i) < 0; c++) {
      const have = this.amount(i, c);
      if (!(have > 0)) continue;
      const need = -this.cash(i);
      const venue = unchecked(this.cVenue[c]);
      let used: f64;
      let got: f64;
      if (venue < 0) {
        const p = unchecked(this.price[c]);
        used = p > 0 ? min(have, need / p) : 0;
        got = used * p;
      } else {
        const v = unchecked(w.venues[venue]);
        const q = baseFor(v.kind, v.at, need, have);
        got = forcedSell(w, venue, q, TRADE);
        used = min(tradedBase(TRADE), have);
        this.sold += got;
        if (used > 0) this.events.add(w.step, this.index, i, EV_COLLATERAL_SALE, <f64>c, used, got, -1);
      }
      this.setAmount(i, c, have - used);
      this.setCash(i, this.cash(i) + got);
    }
    const left = this.cash(i);
    if (!(left < 0)) return;
    for (let c = 0; c < this.nc; c++) if (this.amount(i, c) > 0) return; // a venue ran dry: it waits
    const drawn = min(this.fund, -left);
    this.fund -= drawn;
    this.drawn += drawn;
    this.badDebt += -left - drawn;
    this.setCash(i, 0);
  }

  /**
   * Closes account i's positions at their bankruptcy prices against the opposite sides' accounts
   * in profit, by rank; false (nothing done) when they cannot take all of it.
   */
  private deleverage(w: World, i: i32, worth: f64): bool {
    // can the opposite sides take every position?
    let notional: f64 = 0;
    for (let m = 0; m < this.nm; m++) {
      const s = this.size(i, m);
      if (s == 0) continue;
      notional += Math.abs(s) * unchecked(this.mark[m]);
      const h = this.ranking(w, m, s > 0 ? 1 : 0);
      let room: f64 = 0;
      for (let k = 0; k < h.size; k++) room += Math.abs(this.size(<i32>unchecked(h.ids[k]), m));
      if (room < Math.abs(s)) return false;
    }
    const loss = -worth;
    for (let m = 0; m < this.nm; m++) {
      const s = this.size(i, m);
      if (s == 0) continue;
      const p = unchecked(this.mark[m]);
      const bankrupt = p + (loss * ((Math.abs(s) * p) / notional)) / s;
      const h = this.ranking(w, m, s > 0 ? 1 : 0);
      let left = Math.abs(s);
      while (left > 0 && h.size > 0) {
        const j = <i32>h.topId();
        const sj = this.size(j, m);
        if (sj == 0 || sj > 0 == s > 0) {
          h.pop(); // closed since the ranking
          continue;
        }
        const q = min(left, Math.abs(sj));
        const closed = sj > 0 ? q : -q;
        this.setCash(j, this.cash(j) + closed * (bankrupt - this.entry(j, m)));
        this.setSize(j, m, q == Math.abs(sj) ? 0 : sj - closed);
        if (q == Math.abs(sj)) h.pop();
        left -= q;
        this.adlFills++;
        this.adlNotional += q * p;
        if (unchecked(this.deleveraged[j]) == 0) {
          unchecked((this.deleveraged[j] = 1));
          this.adlAccounts++;
        }
        this.events.add(w.step, this.index, j, EV_ACCOUNT_ADL, <f64>m, closed, bankrupt, -1);
      }
    }
    this.clear(i);
    this.liquidations++;
    this.notional += notional;
    return true;
  }

  /** The side's (0 longs, 1 shorts) accounts in market m in profit, by score (made once per step). */
  private ranking(w: World, m: i32, side: i32): Heap {
    const slot = 2 * m + side;
    const h = unchecked(this.ranks[slot]);
    if (unchecked(this.rankedAt[slot]) == w.step) return h;
    unchecked((this.rankedAt[slot] = w.step));
    h.size = 0;
    const p = unchecked(this.mark[m]);
    const sign: f64 = side == 0 ? 1 : -1;
    for (let j = 0; j < this.n; j++) {
      const s = this.size(j, m);
      if (!(s * sign > 0)) continue;
      const u = s * (p - this.entry(j, m));
      if (!(u > 0)) continue;
      const worth = this.raw(j);
      if (worth > 0) h.push((u / worth) * ((Math.abs(s) * p) / worth), <u32>j);
    }
    return h;
  }

  private clear(i: i32): void {
    const at = this.at(i);
    for (let k = 0; k < this.stride; k++) unchecked((this.rows[at + k] = 0));
  }
}

// ---- building (called by the TypeScript side) ---------------------------------------------

/** A portfolio-margin venue of n accounts, nm markets and nc collateral assets. */
export function worldPortfolio(h: i32, n: i32, nm: i32, nc: i32, fee: f64, fund: f64): i32 {
  return world(h).addProtocol(new Portfolio(n, nm, nc, fee, fund, eventsOf(h)));
}

/** Market m: its mark oracle, its venue, its maintenance margin. */
export function worldPortfolioMarket(h: i32, p: i32, m: i32, oracle: i32, venue: i32, mm: f64): void {
  const x = changetype<Portfolio>(world(h).protocols[p]);
  unchecked((x.mOracle[m] = oracle));
  unchecked((x.mVenue[m] = venue));
  unchecked((x.mm[m] = mm));
}

/** Collateral c: its asset, its oracle (−1: the asset's price), its haircut, its venue (−1: none). */
export function worldPortfolioCollateral(
  h: i32,
  p: i32,
  c: i32,
  asset: i32,
  oracle: i32,
  haircut: f64,
  venue: i32,
): void {
  const x = changetype<Portfolio>(world(h).protocols[p]);
  unchecked((x.cAsset[c] = asset));
  unchecked((x.cOracle[c] = oracle));
  unchecked((x.haircut[c] = haircut));
  unchecked((x.cVenue[c] = venue));
}

/** The backstop vault: its capital, the margin ratio below which it takes over, its loss limit and unwind per step. */
export function worldPortfolioVault(h: i32, p: i32, capital: f64, threshold: f64, lossLimit: f64, unwind: f64): void {
  const x = changetype<Portfolio>(world(h).protocols[p]);
  x.capital = capital;
  x.vaultCash = capital;
  x.threshold = threshold;
  x.floor = capital * (1 - lossLimit);
  x.unwind = unwind;
  x.extra = capital;
}

/** Copies field k of every account's row (sizes, entries, amounts, cash: see Portfolio.rows) from `src`. */
export function worldPortfolioColumn(h: i32, p: i32, k: i32, src: usize): void {
  const x = changetype<Portfolio>(world(h).protocols[p]);
  for (let i = 0; i < x.n; i++) unchecked((x.rows[i * x.stride + k] = load<f64>(src + ((<usize>i) << 3))));
}

/**
 * Generated accounts: account i's notional[i] spread over the markets by `weights` (nm f64),
 * long when sign[i] > 0, entered at `marks` (nm f64); its equity notional[i]/leverage[i] held as
 * collateral by `shares` (nc f64) at `prices` (nc f64, valued with their haircuts).
 */
export function worldPortfolioGenerated(
  h: i32,
  p: i32,
  notional: usize,
  leverage: usize,
  sign: usize,
  weights: usize,
  marks: usize,
  shares: usize,
  prices: usize,
): void {
  const x = changetype<Portfolio>(world(h).protocols[p]);
  for (let i = 0; i < x.n; i++) {
    const at = (<usize>i) << 3;
    const total = load<f64>(notional + at);
    const s = load<f64>(sign + at);
    const equity = total / load<f64>(leverage + at);
    const row = i * x.stride;
    for (let m = 0; m < x.nm; m++) {
      const mark = load<f64>(marks + ((<usize>m) << 3));
      unchecked((x.rows[row + m] = (s * total * load<f64>(weights + ((<usize>m) << 3))) / mark));
      unchecked((x.rows[row + x.nm + m] = mark));
    }
    for (let c = 0; c < x.nc; c++) {
      const q = load<f64>(prices + ((<usize>c) << 3)) * (1 - unchecked(x.haircut[c]));
      unchecked((x.rows[row + 2 * x.nm + c] = (equity * load<f64>(shares + ((<usize>c) << 3))) / q));
    }
  }
}

/**
 * After a run: 0 insurance fund, 1 drawn from it, 2 fees paid into it, 3 the vault's equity,
 * 4 accounts it took over, 5 their notional, 6 ADL fills, 7 accounts ADL reduced, 8 their
 * notional at the marks, 9 collateral sold (quote raised).
 */
export function worldPortfolioState(h: i32, p: i32, which: i32): f64 {
  const x = changetype<Portfolio>(world(h).protocols[p]);
  if (which == PORTFOLIO_INSURANCE_FUND) return x.fund;
  if (which == PORTFOLIO_INSURANCE_DRAWN) return x.drawn;
  if (which == PORTFOLIO_INSURANCE_FEES) return x.fees;
  if (which == PORTFOLIO_VAULT_EQUITY) {
    x.prices(world(h));
    return x.threshold > 0 ? x.vaultEquity() : NaN;
  }
  if (which == PORTFOLIO_VAULT_TAKEOVERS) return <f64>x.takeovers;
  if (which == PORTFOLIO_VAULT_TAKEN) return x.taken;
  if (which == PORTFOLIO_ADL_FILLS) return <f64>x.adlFills;
  if (which == PORTFOLIO_ADL_ACCOUNTS) return <f64>x.adlAccounts;
  if (which == PORTFOLIO_ADL_NOTIONAL) return x.adlNotional;
  return x.sold; // PORTFOLIO_COLLATERAL_SOLD
}
