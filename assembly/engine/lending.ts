// Lending (Aave v3 / Compound style): multi-collateral, multi-debt accounts valued at the
// protocol's oracles; health = Σ collateral·price·LT / Σ debt·price; below 1 an account is
// liquidated once per step, in ascending order of health (ties: the order given):
//   repay  = debt · (health < fullCloseBelowHealth ? 1 : closeFactor)   (capped by capital)
//   seize  = repay·price_debt·(1 + bonus) / price_collateral, at most all of it (then repay
//            shrinks to match); the protocol keeps protocolFee of the bonus part
//   debt left on an account with no collateral is bad debt, written off (and counted, in the
//   asset's units, in its deficit: Aave v3.3's reserve deficit).
// (Aave v3 LiquidationLogic; the arithmetic is checked against lending_liquidations.json.)
//
// With Aave v3.3's rules (`v33`; aave-dao/aave-v3-origin LiquidationLogic.sol, v3.3):
//   the whole debt of the asset repaid also when the collateral or the debt being liquidated is
//   worth less than minFull (MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD, 2,000 USD); otherwise the close
//   factor applies to the account's whole debt: repay ≤ closeFactor·Σ debt·price / price_debt;
//   a liquidation that would leave less than minLeft (MIN_LEFTOVER_BASE, 1,000 USD) of that debt
//   or of that collateral (its balance less the liquidator's part, as the contract checks it),
//   neither zero, reverts in Aave: the liquidator takes the largest one allowed instead — cut
//   back to leave exactly minLeft, or nothing this step when no such cut exists.
//
// Accounts with one collateral and one debt asset — nearly all — are indexed by their
// liquidation ratio r = debt/(collateral·LT): liquidatable when price_c/price_d < r, so an
// index per pair (buckets.ts) yields exactly the liquidatable ones. Others are scanned every step.
//
// An account's amounts are one row — its collateral, then its debt, per asset — aligned so that a
// row of up to four assets is one cache line: the index hands out accounts in no memory order, so
// each one read costs a miss, not one per asset and side.
//
// Mitigations (rules.ts) change three things: a circuit breaker's tripped price values collateral
// at its TWAP (health and seizure; debt stays at the price), scales the bonus and caps the debt
// repaid per step and window; a dynamic margin lowers LT to LT_0·(1 − cut) — the index stays keyed
// on LT_0, and a step takes the accounts above (p_c/p_d)·LT/LT_0 instead; a segmentation splits
// accounts into one sub-account per basket of collateral (Segmentation, below), each indexed and
// liquidated on its own, events naming the account it came from.

import {
  EV_LIQUIDATION,
  LENDING_COLLATERAL,
  SEGMENT_BASKET_LIQUIDATIONS,
  SEGMENT_CAUSED,
  SEGMENT_LOST_BORROWING_POWER,
} from "../../bindings/codes";
import { buyDebt, liquidatorFor, sellSeized } from "./agents";
import { Buckets } from "./buckets";
import { Events } from "./events";
import { eventsOf, world } from "./handles";
import { Caps, CircuitBreaker, DynamicMargin, VolFeed, Watch } from "./rules";
import { Candidates } from "./sort";
import { TRADE_BYTES, tradedBase } from "./trade";
import { addAt, EQUITY, EXPOSURE, ladderLevel, Mitigation, Protocol, World } from "./world";

/** The result area of a liquidator's purchase of debt. */
const TRADE = memory.data(TRADE_BYTES, 16);

export class Lending extends Protocol {
  m: i32; // assets of the protocol
  n: i32; // accounts
  asset: StaticArray<i32>; // world asset of each
  oracle: StaticArray<i32>; // its oracle
  lt: StaticArray<f64>; // liquidation threshold this step (0: not collateral)
  lt0: StaticArray<f64>; // …as given: the index is keyed on it
  held: StaticArray<f64>; // collateral held per asset, over the accounts
  bonus: StaticArray<f64>;
  fee: StaticArray<f64>;
  closeFactor: f64;
  fullClose: f64;
  v33: bool = false; // Aave v3.3's rules
  minFull: f64 = 0; // Aave v3.3: full close below this value of the collateral or debt
  minLeft: f64 = 0; // Aave v3.3: a partial liquidation leaves at least this value of each
  deficit: StaticArray<f64>; // debt written off per asset, in its units
  rows: StaticArray<f64>; // account i: collateral of asset a at row(i) + a, debt at row(i) + m + a
  first: i32; // the index of row 0 (aligned to 64 bytes)
  stride: i32; // 2m rounded up to a power of two
  pairs: Array<Buckets | null> = []; // the index, one per (collateral, debt) pair: index c·m + d
  general: StaticArray<u32>; // accounts scanned every step
  nGeneral: i32 = 0;
  price: StaticArray<f64>; // this step's oracle prices
  cprice: StaticArray<f64>; // …at which collateral is valued (a tripped breaker's TWAP)
  cand: Candidates = new Candidates();
  events: Events;
  // mitigations (rules.ts): a circuit breaker's watch and caps, a dynamic margin's feed per asset
  breaker: CircuitBreaker | null = null;
  watches: Array<Watch | null> = [];
  caps: Caps | null = null;
  feeds: Array<VolFeed | null> = [];
  seg: Segmentation | null = null;
  sound: bool = false; // set by stranded(): the account as a whole is healthy

  constructor(m: i32, n: i32, closeFactor: f64, fullClose: f64, events: Events) {
    super();
    this.events = events;
    this.m = m;
    this.n = n;
    this.asset = new StaticArray<i32>(m);
    this.oracle = new StaticArray<i32>(m);
    this.lt = new StaticArray<f64>(m);
    this.lt0 = new StaticArray<f64>(m);
    this.held = new StaticArray<f64>(m);
    this.bonus = new StaticArray<f64>(m);
    this.fee = new StaticArray<f64>(m);
    this.closeFactor = closeFactor;
    this.fullClose = fullClose;
    let stride = 1;
    while (stride < 2 * m) stride <<= 1;
    this.stride = stride;
    const rows = new StaticArray<f64>(stride * n + 8);
    this.rows = rows;
    this.first = ((64 - <i32>(changetype<usize>(rows) & 63)) & 63) >> 3;
    this.general = new StaticArray<u32>(n);
    this.price = new StaticArray<f64>(m);
    this.cprice = new StaticArray<f64>(m);
    this.deficit = new StaticArray<f64>(m);
    for (let k = 0; k < m * m; k++) this.pairs.push(null);
    for (let k = 0; k < m; k++) {
      this.watches.push(null);
      this.feeds.push(null);
    }
  }

  /** Where account i's collateral of asset a is (its debt: + m). */
  @inline at(i: i32, a: i32): i32 {
    return this.first + i * this.stride + a;
  }

  @inline coll(i: i32, a: i32): f64 {
    return unchecked(this.rows[this.at(i, a)]);
  }

  @inline debt(i: i32, a: i32): f64 {
    return unchecked(this.rows[this.at(i, a) + this.m]);
  }

  /** After the columns are filled: classifies accounts and builds the index. */
  index_(): void {
    const m = this.m;
    const n = this.n;
    for (let k = 0; k < m * m; k++) unchecked((this.pairs[k] = null)); // (again, after a segmentation)
    this.nGeneral = 0;
    for (let a = 0; a < m; a++) {
      let sum: f64 = 0;
      for (let i = 0; i < n; i++) sum += this.coll(i, a);
      unchecked((this.held[a] = sum));
    }
    const pair = new StaticArray<i32>(n); // c·m + d of an account with one collateral and one debt asset, else -1
    const counts = new StaticArray<i32>(m * m);
    const smallest = new StaticArray<f64>(m * m);
    for (let i = 0; i < n; i++) {
      let c = -1;
      let d = -1;
      let multi = false;
      for (let a = 0; a < m; a++) {
        if (this.coll(i, a) > 0) {
          if (c >= 0) multi = true;
          c = a;
        }
        if (this.debt(i, a) > 0) {
          if (d >= 0) multi = true;
          d = a;
        }
      }
      if (multi || c < 0 || d < 0) {
        unchecked((pair[i] = -1));
        // accounts with debt and no collateral are bad debt at once (found in the first step)
        if (d >= 0) unchecked((this.general[this.nGeneral++] = <u32>i));
      } else {
        const k = c * m + d;
        const r = this.ratio(i, c, d);
        unchecked((pair[i] = k));
        if (unchecked(counts[k]++) == 0 || r < unchecked(smallest[k])) unchecked((smallest[k] = r));
      }
    }
    for (let k = 0; k < m * m; k++) {
      if (unchecked(counts[k]) > 0) {
        unchecked((this.pairs[k] = new Buckets(unchecked(smallest[k]), unchecked(counts[k]))));
      }
    }
    for (let i = 0; i < n; i++) {
      const k = unchecked(pair[i]);
      if (k >= 0) changetype<Buckets>(unchecked(this.pairs[k])).push(this.ratio(i, k / m, k % m), <u32>i);
    }
  }

  /** debt/(collateral·LT_0) of an account of pair (c, d): liquidatable when (p_c/p_d)·LT/LT_0 is below it. */
  @inline ratio(i: i32, c: i32, d: i32): f64 {
    const coll = this.coll(i, c) * unchecked(this.lt0[c]);
    return coll > 0 ? this.debt(i, d) / coll : Infinity;
  }

  health(i: i32): f64 {
    let cv: f64 = 0;
    let dv: f64 = 0;
    for (let a = 0; a < this.m; a++) {
      cv += this.coll(i, a) * unchecked(this.cprice[a]) * unchecked(this.lt[a]);
      dv += this.debt(i, a) * unchecked(this.price[a]);
    }
    return dv > 0 ? cv / dv : Infinity;
  }

  /** Σ collateral·value·LT of account i this step: its borrowing power. */
  private power(i: i32): f64 {
    let cv: f64 = 0;
    for (let a = 0; a < this.m; a++) cv += this.coll(i, a) * unchecked(this.cprice[a]) * unchecked(this.lt[a]);
    return cv;
  }

  step(w: World): void {
    const m = this.m;
    this.prices(w);
    this.rules(w);
    const seg = this.seg;
    // the liquidatable accounts: from each pair's index, and from the scanned ones
    const cand = this.cand;
    cand.count = 0;
    for (let c = 0; c < m; c++) {
      for (let d = 0; d < m; d++) {
        const x = unchecked(this.pairs[c * m + d]);
        if (x == null) continue;
        const pc = unchecked(this.cprice[c]);
        const pd = unchecked(this.price[d]);
        if (!(pc == pc && pd == pd)) continue; // an oracle without a usable price: liquidations revert
        let above = pd > 0 ? pc / pd : Infinity;
        const lt = unchecked(this.lt[c]);
        const lt0 = unchecked(this.lt0[c]);
        if (lt != lt0) above *= lt / lt0; // a dynamic margin's cut: the index is keyed on LT_0
        const taken = x.takeAbove(above);
        for (let k = 0; k < taken; k++) {
          const i = unchecked(x.taken[k]);
          cand.add(i, this.health(<i32>i));
        }
      }
    }
    for (let k = 0; k < this.nGeneral; k++) {
      const i = unchecked(this.general[k]);
      const h = this.health(<i32>i);
      if (h < 1) cand.add(i, h);
    }
    cand.sort();
    this.pending = false;
    for (let k = 0; k < cand.count; k++) {
      const i = <i32>unchecked(cand.ids[k]);
      const health = unchecked(cand.keys[k]);
      if (health < 1) {
        if (seg == null) this.liquidate(w, i, health);
        else {
          const covered = this.stranded(i, seg);
          const sound = this.sound;
          const before = this.liquidations;
          this.liquidate(w, i, health);
          if (this.liquidations > before) seg.liquidated(i, covered, sound);
        }
      }
      if (this.health(i) < 1) {
        this.pending = true; // still liquidatable: it waits
        this.waiting += this.debtValue(i);
      }
    }
    // what the index gave back into it with its new ratio (liquidated once per step: only now)
    for (let c = 0; c < m; c++) {
      for (let d = 0; d < m; d++) {
        const x = unchecked(this.pairs[c * m + d]);
        if (x == null) continue;
        for (let k = 0; k < x.nTaken; k++) {
          const i = <i32>unchecked(x.taken[k]);
          if (this.coll(i, c) > 0 && this.debt(i, d) > 0) x.push(this.ratio(i, c, d), <u32>i);
        }
      }
    }
  }

  /** This step's prices: each asset's oracle's, or the asset's exogenous price where it has no oracle. */
  private prices(w: World): void {
    for (let a = 0; a < this.m; a++) {
      const p = w.priceOf(unchecked(this.oracle[a]), unchecked(this.asset[a]));
      unchecked((this.price[a] = p));
      unchecked((this.cprice[a] = p));
    }
  }

  /** The mitigations' rules for this step: collateral at a tripped breaker's TWAP, LT cut by a dynamic margin. */
  private rules(w: World): void {
    for (let a = 0; a < this.m; a++) {
      const x = unchecked(this.watches[a]);
      const p = unchecked(this.price[a]);
      if (x != null && p == p) unchecked((this.cprice[a] = x.value(w.step, p)));
      const f = unchecked(this.feeds[a]);
      if (f != null) {
        unchecked((this.lt[a] = unchecked(this.lt0[a]) * (1 - f.cut)));
        const v = unchecked(this.cprice[a]);
        if (v == v) f.took(unchecked(this.held[a]) * v * unchecked(this.lt0[a]));
      }
    }
  }

  /**
   * Sub-account i of a segmented account, about to be liquidated: the borrowing power its account
   * has to spare in its other baskets (Σ max(0, power − debt) over its other sub-accounts, power =
   * Σ collateral·value·LT), in quote at this step's prices — what the unsegmented protocol counts
   * toward this account's health and the segmented one does not. Sets `sound` when the account as
   * a whole is healthy (spare ≥ i's shortfall: the call is segmentation's alone).
   */
  private stranded(i: i32, s: Segmentation): f64 {
    const parent = unchecked(s.parent[i]);
    const lo = unchecked(s.first[parent]);
    const hi = unchecked(s.first[parent + 1]);
    this.sound = false;
    if (hi - lo < 2) return 0;
    let spare: f64 = 0;
    let power: f64 = 0;
    let owed: f64 = 0;
    for (let j = lo; j < hi; j++) {
      const bp = this.power(j);
      const dv = this.debtValue(j);
      power += bp;
      owed += dv;
      if (j != i && bp > dv) spare += bp - dv;
    }
    this.sound = power >= owed;
    return spare;
  }
  insolvent(w: World): i32 {
    this.prices(w);
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      let cv: f64 = 0;
      let dv: f64 = 0;
      for (let a = 0; a < this.m; a++) {
        const p = unchecked(this.price[a]);
        cv += this.coll(i, a) * p;
        dv += this.debt(i, a) * p;
      }
      if (dv > cv) count++;
    }
    return count;
  }

  private liquidate(w: World, i: i32, health: f64): void {
    const m = this.m;
    // the largest collateral and the largest debt by value
    let c = -1;
    let d = -1;
    let cv: f64 = 0;
    let dv: f64 = 0;
    for (let a = 0; a < m; a++) {
      const p = unchecked(this.price[a]);
      const x = this.coll(i, a) * unchecked(this.cprice[a]);
      if (unchecked(this.lt[a]) > 0 && x > cv) {
        cv = x;
        c = a;
      }
      const y = this.debt(i, a) * p;
      if (y > dv) {
        dv = y;
        d = a;
      }
    }
    if (d < 0) return;
    if (!this.holds(i)) {
      this.writeOff(w, i);
      return;
    }
    if (c < 0) return;
    const pc = unchecked(this.cprice[c]);
    const pd = unchecked(this.price[d]);
    const b = this.breaker;
    const bonus =
      b == null ? unchecked(this.bonus[c]) : unchecked(this.bonus[c]) * b.bonus(unchecked(this.watches[c]), w.step);
    const owed = this.debt(i, d);
    let repay = this.v33
      ? this.closeV33(owed, this.coll(i, c) * pc, pd, health, this.debtValue(i))
      : owed * (health < this.fullClose ? 1.0 : this.closeFactor);
    const l = liquidatorFor(w, this.index, f64.MIN_VALUE);
    if (l == null) return;
    // a breaker's caps on the debt repaid per step and window: the rest waits
    const caps = this.caps;
    if (caps != null) {
      const room = caps.room();
      if (repay * pd > room) {
        caps.hold(repay * pd - room);
        if (!(room > 0)) return;
        repay = room / pd;
      }
    }
    // what its capital covers; then it spends all of it (repay·pd may miss the capital by an ulp
    // either way, and a residue of 1e-12 would go on liquidating dust step after step)
    let spendsAll = false;
    if (repay * pd > l.capital) {
      repay = l.capital / pd;
      spendsAll = true;
    }
    const available = this.coll(i, c);
    let all = false; // it seizes all of this collateral
    if ((repay * pd * (1 + bonus)) / pc >= available) {
      all = true;
      repay = (available * pc) / ((1 + bonus) * pd);
      spendsAll = false;
    }
    if (this.v33 && !all) {
      // Aave v3.3: leave at least minLeft of the debt and of the collateral, unless either is cleared
      const cut = this.leftoverCut(repay, owed, available, pc, pd, bonus, unchecked(this.fee[c]));
      if (!(cut > 0)) return; // no liquidation allowed this step: the account waits
      if (cut < repay) {
        repay = cut;
        spendsAll = false;
      }
    }
    // a debt the liquidator buys on a venue: only what the venue sells at most at pd·(1 + bonus),
    // so that the collateral seized (valued at the oracle) pays for it; what it bought is repaid
    let spent = repay * pd;
    if (l.buyVenue >= 0 && unchecked(w.venues[l.buyVenue]).base == unchecked(this.asset[d])) {
      spent = buyDebt(w, l, repay, pd * (1 + bonus), TRADE);
      const bought = tradedBase(TRADE);
      spendsAll = false;
      if (!(bought > 0)) return; // nothing for sale below the ceiling this step: the account waits
      if (bought < repay) {
        repay = bought;
        all = false;
      }
    }
    const seize = all ? available : (repay * pd * (1 + bonus)) / pc;
    if (!(repay > 0)) return;
    const fee = (seize - seize / (1 + bonus)) * unchecked(this.fee[c]);
    unchecked((this.rows[this.at(i, d) + m] -= repay));
    unchecked((this.rows[this.at(i, c)] = available - seize));
    unchecked((this.held[c] -= seize));
    l.capital = spendsAll ? 0 : l.capital - spent;
    l.used++;
    this.liquidations++;
    this.notional += repay * pd;
    if (caps != null) caps.use(repay * pd);
    if (b != null) b.withheld += repay * pd * (unchecked(this.bonus[c]) - bonus);
    this.events.add(w.step, this.index, this.owner(i), EV_LIQUIDATION, repay, seize, fee, l.id);
    sellSeized(w, l, seize - fee, unchecked(this.asset[c]));
    // no collateral left: what is still owed is bad debt
    if (!this.holds(i)) this.writeOff(w, i);
  }

  /**
   * Aave v3.3's repayment bound: the whole debt of the asset when the health is below fullClose or
   * the collateral's or the debt's value (`cv`, owed·pd) is below minFull, else closeFactor of the
   * account's whole debt (`total`, quote) in this asset, at most what it owes of it.
   */
  private closeV33(owed: f64, cv: f64, pd: f64, health: f64, total: f64): f64 {
    if (health < this.fullClose || cv < this.minFull || owed * pd < this.minFull) return owed;
    return min(owed, (this.closeFactor * total) / pd);
  }

  /**
   * The largest repayment up to `repay` that Aave v3.3 allows: one that clears the debt of the
   * asset (`owed`) as it stands, or one that leaves at least minLeft of that debt and of that
   * collateral (`available` less the liquidator's part of the seizure: what the contract checks).
   * 0 when none does.
   */
  private leftoverCut(repay: f64, owed: f64, available: f64, pc: f64, pd: f64, bonus: f64, fee: f64): f64 {
    if (repay >= owed) return repay;
    const seize = (repay * pd * (1 + bonus)) / pc;
    const liquidatorPart = seize - (seize - seize / (1 + bonus)) * fee;
    if ((owed - repay) * pd >= this.minLeft && (available - liquidatorPart) * pc >= this.minLeft) return repay;
    // repay ≤ owed − minLeft/pd, and its liquidator's part ≤ available − minLeft/pc
    const byDebt = owed - this.minLeft / pd;
    const byColl = (available * pc - this.minLeft) / (pd * (1 + bonus - bonus * fee));
    return max(0, min(repay, min(byDebt, byColl)));
  }

  ladder(w: World, asset: i32, grid: usize, n: i32, coll: usize, debt: usize): void {
    this.prices(w);
    let a = -1;
    for (let k = 0; k < this.m; k++) if (unchecked(this.asset[k]) == asset) a = k;
    if (a < 0 || !(unchecked(this.lt[a]) > 0)) return;
    const lta = unchecked(this.lt[a]);
    for (let i = 0; i < this.n; i++) {
      const ca = this.coll(i, a);
      if (!(ca > 0)) continue;
      // health as a function of asset a's price x: (C + ca·LT·x) / (D + da·x); it is 1 at x*
      let C: f64 = 0;
      let D: f64 = 0;
      for (let b = 0; b < this.m; b++) {
        if (b == a) continue;
        const p = unchecked(this.price[b]);
        C += this.coll(i, b) * p * unchecked(this.lt[b]);
        D += this.debt(i, b) * p;
      }
      const da = this.debt(i, a);
      const slope = ca * lta - da;
      if (!(slope > 0)) continue; // never liquidated by a fall of a
      const at = (D - C) / slope;
      if (!(at > 0)) continue; // safe at any price of a
      const k = ladderLevel(grid, n, at);
      if (k < 0) continue;
      addAt(coll, k, ca);
      addAt(debt, k, D + da * at);
    }
  }

  /** Accounts as given (a segmentation's sub-accounts count as the account they came from). */
  count(): i32 {
    const s = this.seg;
    return s == null ? this.n : s.first.length - 1;
  }

  /** The account as given that (sub-)account i belongs to. */
  @inline owner(i: i32): i32 {
    const s = this.seg;
    return s == null ? i : unchecked(s.parent[i]);
  }

  valueAccounts(w: World): void {
    this.prices(w);
  }

  account(w: World, i: i32, out: usize, byAsset: usize): void {
    let cv: f64 = 0;
    let dv: f64 = 0;
    const s = this.seg;
    const lo = s == null ? i : unchecked(s.first[i]);
    const hi = s == null ? i + 1 : unchecked(s.first[i + 1]);
    for (let j = lo; j < hi; j++) {
      for (let a = 0; a < this.m; a++) {
        const p = unchecked(this.price[a]);
        const c = this.coll(j, a) * p;
        cv += c;
        dv += this.debt(j, a) * p;
        if (byAsset != 0 && c != 0) addAt(byAsset, unchecked(this.asset[a]), c);
      }
    }
    store<f64>(out + EXPOSURE, cv);
    store<f64>(out + EQUITY, cv - dv);
  }

  /**
   * Splits every account with debt and collateral in more than one basket into one sub-account
   * per basket holding collateral (`basketOf`: an i32 per protocol asset, 0 … nb − 1): basket b's
   * sub-account holds the account's collateral of b's assets and, of each debt, the share
   * power_b / Σ power (power = Σ collateral·price·LT at the prices before step 0), so every
   * sub-account starts at the account's health. Then indexes the accounts again.
   */
  segment(w: World, s: Segmentation, basketOf: StaticArray<i32>, nb: i32): void {
    const m = this.m;
    const n = this.n;
    this.prices(w);
    const power = new StaticArray<f64>(nb);
    const holds = new StaticArray<i32>(nb);
    const parts = new StaticArray<i32>(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const k = this.baskets(i, basketOf, power, holds);
      unchecked((parts[i] = k));
      total += k;
    }
    const stride = this.stride;
    const rows = new StaticArray<f64>(stride * total + 8);
    const first = ((64 - <i32>(changetype<usize>(rows) & 63)) & 63) >> 3;
    s.parent = new StaticArray<i32>(total);
    s.basket = new StaticArray<i32>(total);
    s.first = new StaticArray<i32>(n + 1);
    s.lost = new StaticArray<f64>(n);
    let j = 0;
    for (let i = 0; i < n; i++) {
      unchecked((s.first[i] = j));
      const k = unchecked(parts[i]);
      this.baskets(i, basketOf, power, holds);
      let sum: f64 = 0;
      let only = -1; // the one basket holding collateral, if one does
      for (let b = 0; b < nb; b++) {
        sum += unchecked(power[b]);
        if (unchecked(holds[b]) != 0) only = only == -1 ? b : -2;
      }
      if (k == 1) {
        const from = this.first + i * stride;
        const to = first + j * stride;
        for (let a = 0; a < 2 * m; a++) unchecked((rows[to + a] = this.rows[from + a]));
        unchecked((s.parent[j] = i));
        unchecked((s.basket[j] = only >= 0 ? only : -1));
        j++;
        continue;
      }
      s.split++;
      for (let b = 0; b < nb; b++) {
        if (unchecked(holds[b]) == 0) continue;
        const share = unchecked(power[b]) / sum;
        const to = first + j * stride;
        for (let a = 0; a < m; a++) {
          unchecked((rows[to + a] = unchecked(basketOf[a]) == b ? this.coll(i, a) : 0));
          unchecked((rows[to + m + a] = this.debt(i, a) * share));
        }
        unchecked((s.parent[j] = i));
        unchecked((s.basket[j] = b));
        j++;
      }
    }
    unchecked((s.first[n] = j));
    this.rows = rows;
    this.first = first;
    this.n = total;
    this.general = new StaticArray<u32>(total);
    this.seg = s;
    this.index_();
  }

  /**
   * Account i's borrowing power per basket (to `power`) and whether each holds collateral (to
   * `holds`); returns the sub-accounts it splits into: the baskets holding collateral when it has
   * debt, two or more such baskets and some power, else 1.
   */
  private baskets(i: i32, basketOf: StaticArray<i32>, power: StaticArray<f64>, holds: StaticArray<i32>): i32 {
    const nb = power.length;
    for (let b = 0; b < nb; b++) {
      unchecked((power[b] = 0));
      unchecked((holds[b] = 0));
    }
    let owes = false;
    let sum: f64 = 0;
    for (let a = 0; a < this.m; a++) {
      if (this.debt(i, a) > 0) owes = true;
      const c = this.coll(i, a);
      if (!(c > 0)) continue;
      const b = unchecked(basketOf[a]);
      const x = c * unchecked(this.price[a]) * unchecked(this.lt[a]);
      unchecked((holds[b] = 1));
      if (x > 0) {
        unchecked((power[b] += x));
        sum += x;
      }
    }
    let k = 0;
    for (let b = 0; b < nb; b++) k += unchecked(holds[b]);
    return owes && k > 1 && sum > 0 ? k : 1;
  }

  /** Σ debt·price of account i, at this step's prices. */
  private debtValue(i: i32): f64 {
    let dv: f64 = 0;
    for (let a = 0; a < this.m; a++) dv += this.debt(i, a) * unchecked(this.price[a]);
    return dv;
  }

  /** Whether account i has any collateral left. */
  private holds(i: i32): bool {
    for (let a = 0; a < this.m; a++) if (this.coll(i, a) > 0) return true;
    return false;
  }

  private writeOff(w: World, i: i32): void {
    for (let a = 0; a < this.m; a++) {
      const owed = this.debt(i, a);
      if (owed > 0) {
        this.badDebt += owed * unchecked(this.price[a]);
        unchecked((this.deficit[a] += owed));
        unchecked((this.rows[this.at(i, a) + this.m] = 0));
      }
    }
  }
}

// ---- building (called by the TypeScript side) ---------------------------------------------

export function worldLending(h: i32, m: i32, n: i32, closeFactor: f64, fullClose: f64): i32 {
  const w = world(h);
  const p = new Lending(m, n, closeFactor, fullClose, eventsOf(h));
  return w.addProtocol(p);
}

export function worldLendingAsset(
  h: i32,
  p: i32,
  a: i32,
  asset: i32,
  oracle: i32,
  lt: f64,
  bonus: f64,
  fee: f64,
): void {
  const l = changetype<Lending>(world(h).protocols[p]);
  unchecked((l.asset[a] = asset));
  unchecked((l.oracle[a] = oracle));
  unchecked((l.lt[a] = lt));
  unchecked((l.lt0[a] = lt));
  unchecked((l.bonus[a] = bonus));
  unchecked((l.fee[a] = fee));
}

/** Aave v3.3's rules on protocol p: full close below `minFull`, at least `minLeft` left (values, quote). */
export function worldLendingV33(h: i32, p: i32, minFull: f64, minLeft: f64): void {
  const l = changetype<Lending>(world(h).protocols[p]);
  l.v33 = true;
  l.minFull = minFull;
  l.minLeft = minLeft;
}

/** Debt of protocol asset a written off over the run (Aave v3.3's reserve deficit), in its units. */
export function worldLendingDeficit(h: i32, p: i32, a: i32): f64 {
  return unchecked(changetype<Lending>(world(h).protocols[p]).deficit[a]);
}

/** Copies n amounts of protocol asset a from `src` into the accounts' collateral (which 0) or debt (1). */
export function worldLendingColumn(h: i32, p: i32, which: i32, a: i32, src: usize): void {
  const l = changetype<Lending>(world(h).protocols[p]);
  const k = which == LENDING_COLLATERAL ? a : l.m + a;
  for (let i = 0; i < l.n; i++) unchecked((l.rows[l.at(i, k)] = load<f64>(src + ((<usize>i) << 3))));
}

/** Indexes the accounts once their columns are in. */
export function worldLendingReady(h: i32, p: i32): void {
  changetype<Lending>(world(h).protocols[p]).index_();
}

/**
 * Puts lending protocol p under circuit breaker m: its caps (if the breaker has any) and, for
 * asset slot `a` ≥ 0, the breaker's watch of that asset's price.
 */
export function worldLendingBreaker(h: i32, p: i32, m: i32, a: i32): void {
  const w = world(h);
  const l = changetype<Lending>(w.protocols[p]);
  const b = changetype<CircuitBreaker>(unchecked(w.mitigations[m]));
  if (l.breaker == null) {
    l.breaker = b;
    l.caps = b.newCaps();
  }
  if (a >= 0) unchecked((l.watches[a] = b.watch(w, unchecked(l.oracle[a]), unchecked(l.asset[a]))));
}

/** Asset slot `a` of lending protocol p follows dynamic margin m (calm volatility vol0); returns the feed's index in m. */
export function worldLendingMargin(h: i32, p: i32, m: i32, a: i32, vol0: f64): i32 {
  const w = world(h);
  const l = changetype<Lending>(w.protocols[p]);
  const d = changetype<DynamicMargin>(unchecked(w.mitigations[m]));
  const k = d.feed(w, unchecked(l.oracle[a]), unchecked(l.asset[a]), vol0);
  unchecked((l.feeds[a] = unchecked(d.feeds[k])));
  return k;
}

/**
 * Segments lending protocol p's accounts by the baskets of its assets (`src`: an f64 per protocol
 * asset, its basket in 0 … nb − 1); returns the segmentation's index among the world's mitigations.
 */
export function worldLendingSegment(h: i32, p: i32, src: usize, nb: i32): i32 {
  const w = world(h);
  const l = changetype<Lending>(w.protocols[p]);
  const basketOf = new StaticArray<i32>(l.m);
  for (let a = 0; a < l.m; a++) unchecked((basketOf[a] = <i32>load<f64>(src + ((<usize>a) << 3))));
  const s = new Segmentation(nb);
  l.segment(w, s, basketOf, nb);
  return w.addMitigation(s);
}

/**
 * A lending protocol's accounts split into one sub-account per basket of collateral (see
 * Lending.segment). Its figures: the borrowing power lost to margin calls (per account, the most
 * spare borrowing power its other baskets held at a liquidation of one of its sub-accounts —
 * Lending.stranded — summed over accounts),
 * the liquidations of sub-accounts whose account as a whole was healthy, and per basket the
 * liquidations of its sub-accounts.
 */
export class Segmentation extends Mitigation {
  parent: StaticArray<i32> = new StaticArray<i32>(0); // sub-account → the account it came from
  first: StaticArray<i32> = new StaticArray<i32>(1); // account → its first sub-account (n + 1)
  basket: StaticArray<i32> = new StaticArray<i32>(0); // sub-account → its basket (-1: several, or none)
  lost: StaticArray<f64> = new StaticArray<f64>(0); // per account, quote
  lostTotal: f64 = 0;
  caused: i32 = 0;
  split: i32 = 0; // accounts split
  byBasket: StaticArray<f64>;
  constructor(nb: i32) {
    super();
    this.byBasket = new StaticArray<f64>(nb);
  }

  liquidated(i: i32, covered: f64, sound: bool): void {
    const b = unchecked(this.basket[i]);
    if (b >= 0) unchecked((this.byBasket[b] += 1));
    if (sound) this.caused++;
    const parent = unchecked(this.parent[i]);
    const was = unchecked(this.lost[parent]);
    if (covered > was) {
      this.lostTotal += covered - was;
      unchecked((this.lost[parent] = covered));
    }
  }

  series(): i32 {
    return 1;
  }

  record(w: World, out: StaticArray<f64>, at: i32): void {
    unchecked((out[at] = this.lostTotal));
  }

  state(which: i32, k: i32): f64 {
    if (which == SEGMENT_LOST_BORROWING_POWER) return this.lostTotal;
    if (which == SEGMENT_CAUSED) return <f64>this.caused;
    if (which == SEGMENT_BASKET_LIQUIDATIONS) return unchecked(this.byBasket[k]);
    return <f64>this.split; // SEGMENT_SPLIT_ACCOUNTS
  }
}
