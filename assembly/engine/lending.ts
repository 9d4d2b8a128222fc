// Lending (Aave v3 / Compound style): multi-collateral, multi-debt accounts valued at the
// protocol's oracles; health = Σ collateral·price·LT / Σ debt·price; below 1 an account is
// liquidated once per step, in ascending order of health (ties: the order given):
//   repay  = debt · (health < fullCloseBelowHealth ? 1 : closeFactor)   (capped by capital)
//   seize  = repay·price_debt·(1 + bonus) / price_collateral, at most all of it (then repay
//            shrinks to match); the protocol keeps protocolFee of the bonus part
//   debt left on an account with no collateral is bad debt, written off.
// (Aave v3 LiquidationLogic; the arithmetic is checked against lending_liquidations.json.)
//
// Accounts with one collateral and one debt asset — nearly all — are indexed by their
// liquidation ratio r = debt/(collateral·LT): liquidatable when price_c/price_d < r, so a
// max-heap per pair yields exactly the liquidatable ones. Others are scanned every step.

import { liquidatorFor, sellSeized } from "./agents";
import { EV_LIQUIDATION, Events } from "./events";
import { eventsOf, world } from "./handles";
import { Heap } from "./heap";
import { Candidates } from "./sort";
import { Protocol, World } from "./world";

export class Lending extends Protocol {
  m: i32; // assets of the protocol
  n: i32; // accounts
  asset: StaticArray<i32>; // world asset of each
  oracle: StaticArray<i32>; // its oracle
  lt: StaticArray<f64>; // liquidation threshold (0: not collateral)
  bonus: StaticArray<f64>;
  fee: StaticArray<f64>;
  closeFactor: f64;
  fullClose: f64;
  coll: StaticArray<f64>; // [a·n + i]
  debt: StaticArray<f64>;
  pairC: StaticArray<i32>; // the single collateral asset of account i, -1 if several (or none)
  pairD: StaticArray<i32>;
  heaps: Array<Heap> = []; // one per (collateral, debt) pair: index c·m + d
  general: StaticArray<u32>; // accounts scanned every step
  nGeneral: i32 = 0;
  price: StaticArray<f64>; // this step's oracle prices
  cand: Candidates = new Candidates();
  events: Events;

  constructor(m: i32, n: i32, closeFactor: f64, fullClose: f64, events: Events) {
    super();
    this.events = events;
    this.m = m;
    this.n = n;
    this.asset = new StaticArray<i32>(m);
    this.oracle = new StaticArray<i32>(m);
    this.lt = new StaticArray<f64>(m);
    this.bonus = new StaticArray<f64>(m);
    this.fee = new StaticArray<f64>(m);
    this.closeFactor = closeFactor;
    this.fullClose = fullClose;
    this.coll = new StaticArray<f64>(m * n);
    this.debt = new StaticArray<f64>(m * n);
    this.pairC = new StaticArray<i32>(n);
    this.pairD = new StaticArray<i32>(n);
    this.general = new StaticArray<u32>(n);
    this.price = new StaticArray<f64>(m);
    for (let k = 0; k < m * m; k++) this.heaps.push(new Heap(0));
  }

  /** After the columns are filled: classifies accounts and builds the index. */
  index_(): void {
    const m = this.m;
    const n = this.n;
    const counts = new StaticArray<i32>(m * m);
    for (let i = 0; i < n; i++) {
      let c = -1;
      let d = -1;
      let multi = false;
      for (let a = 0; a < m; a++) {
        if (unchecked(this.coll[a * n + i]) > 0) {
          if (c >= 0) multi = true;
          c = a;
        }
        if (unchecked(this.debt[a * n + i]) > 0) {
          if (d >= 0) multi = true;
          d = a;
        }
      }
      if (multi || c < 0 || d < 0) {
        unchecked((this.pairC[i] = -1));
        // accounts with debt and no collateral are bad debt at once (found in the first step)
        if (d >= 0) unchecked((this.general[this.nGeneral++] = <u32>i));
      } else {
        unchecked((this.pairC[i] = c));
        unchecked((this.pairD[i] = d));
        unchecked(counts[c * m + d]++);
      }
    }
    for (let k = 0; k < m * m; k++) {
      if (unchecked(counts[k]) > 0) unchecked((this.heaps[k] = new Heap(unchecked(counts[k]))));
    }
    for (let i = 0; i < n; i++) {
      const c = unchecked(this.pairC[i]);
      if (c < 0) continue;
      const h = unchecked(this.heaps[c * m + unchecked(this.pairD[i])]);
      unchecked((h.keys[h.size] = this.ratio(i)));
      unchecked((h.ids[h.size] = <u32>i));
      h.size++;
    }
    for (let k = 0; k < m * m; k++) unchecked(this.heaps[k]).heapify();
  }

  /** debt/(collateral·LT) of a single-pair account: liquidatable when p_c/p_d is below it. */
  @inline ratio(i: i32): f64 {
    const c = unchecked(this.pairC[i]);
    const d = unchecked(this.pairD[i]);
    const n = this.n;
    const coll = unchecked(this.coll[c * n + i]) * unchecked(this.lt[c]);
    return coll > 0 ? unchecked(this.debt[d * n + i]) / coll : Infinity;
  }

  health(i: i32): f64 {
    const n = this.n;
    let cv: f64 = 0;
    let dv: f64 = 0;
    for (let a = 0; a < this.m; a++) {
      const p = unchecked(this.price[a]);
      cv += unchecked(this.coll[a * n + i]) * p * unchecked(this.lt[a]);
      dv += unchecked(this.debt[a * n + i]) * p;
    }
    return dv > 0 ? cv / dv : Infinity;
  }

  step(w: World): void {
    const m = this.m;
    for (let a = 0; a < m; a++) unchecked((this.price[a] = w.oracles[unchecked(this.oracle[a])].published));
    // the liquidatable accounts: from each pair's index, and from the scanned ones
    const cand = this.cand;
    cand.count = 0;
    for (let c = 0; c < m; c++) {
      for (let d = 0; d < m; d++) {
        const h = unchecked(this.heaps[c * m + d]);
        if (h.size == 0) continue;
        const pc = unchecked(this.price[c]);
        const pd = unchecked(this.price[d]);
        const r = pd > 0 ? pc / pd : Infinity;
        while (h.size > 0 && h.topKey() > r) {
          const i = h.topId();
          h.pop();
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
      if (!w.passive && health < 1) this.liquidate(w, i, health);
      // back into the index with its new ratio (liquidated once per step: only now)
      const c = unchecked(this.pairC[i]);
      if (c >= 0) {
        const d = unchecked(this.pairD[i]);
        if (unchecked(this.coll[c * this.n + i]) > 0 && unchecked(this.debt[d * this.n + i]) > 0) {
          unchecked(this.heaps[c * m + d]).push(this.ratio(i), <u32>i);
        }
      }
      if (this.health(i) < 1) this.pending = true;
    }
  }

  private liquidate(w: World, i: i32, health: f64): void {
    const n = this.n;
    const m = this.m;
    // the largest collateral and the largest debt by value
    let c = -1;
    let d = -1;
    let cv: f64 = 0;
    let dv: f64 = 0;
    let collateralLeft = false;
    for (let a = 0; a < m; a++) {
      const p = unchecked(this.price[a]);
      const x = unchecked(this.coll[a * n + i]) * p;
      if (unchecked(this.lt[a]) > 0 && x > cv) {
        cv = x;
        c = a;
      }
      if (unchecked(this.coll[a * n + i]) > 0) collateralLeft = true;
      const y = unchecked(this.debt[a * n + i]) * p;
      if (y > dv) {
        dv = y;
        d = a;
      }
    }
    if (d < 0) return;
    if (!collateralLeft) {
      this.writeOff(w, i);
      return;
    }
    if (c < 0) return;
    const pc = unchecked(this.price[c]);
    const pd = unchecked(this.price[d]);
    const bonus = unchecked(this.bonus[c]);
    let repay = unchecked(this.debt[d * n + i]) * (health < this.fullClose ? 1.0 : this.closeFactor);
    const l = liquidatorFor(w, this.index, f64.MIN_VALUE);
    if (l == null) {
      this.pending = true;
      return;
    }
    if (repay * pd > l.capital) repay = l.capital / pd; // what its capital covers
    let seize = (repay * pd * (1 + bonus)) / pc;
    const available = unchecked(this.coll[c * n + i]);
    if (seize >= available) {
      seize = available;
      repay = (seize * pc) / ((1 + bonus) * pd);
    }
    if (!(repay > 0)) return;
    const fee = (seize - seize / (1 + bonus)) * unchecked(this.fee[c]);
    unchecked((this.debt[d * n + i] -= repay));
    unchecked((this.coll[c * n + i] = available - seize));
    l.capital -= repay * pd;
    l.used++;
    this.liquidations++;
    this.notional += repay * pd;
    this.events.add(w.step, this.index, i, EV_LIQUIDATION, repay, seize, fee, w.liquidators.indexOf(l));
    const venue = unchecked(w.venues[l.venue]);
    if (venue.base == unchecked(this.asset[c])) sellSeized(w, l, seize - fee);
    else l.held += seize - fee;
    // no collateral left: what is still owed is bad debt
    let left = false;
    for (let a = 0; a < m; a++) if (unchecked(this.coll[a * n + i]) > 0) left = true;
    if (!left) this.writeOff(w, i);
  }

  private writeOff(w: World, i: i32): void {
    const n = this.n;
    for (let a = 0; a < this.m; a++) {
      const owed = unchecked(this.debt[a * n + i]);
      if (owed > 0) {
        this.badDebt += owed * unchecked(this.price[a]);
        unchecked((this.debt[a * n + i] = 0));
      }
    }
  }
}

// ---- building (called by the TypeScript side) ---------------------------------------------

export function worldLending(h: i32, m: i32, n: i32, closeFactor: f64, fullClose: f64): i32 {
  const w = world(h);
  const p = new Lending(m, n, closeFactor, fullClose, eventsOf(h));
  p.index = w.protocols.length;
  w.protocols.push(p);
  return p.index;
}

export function worldLendingAsset(h: i32, p: i32, a: i32, asset: i32, oracle: i32, lt: f64, bonus: f64, fee: f64): void {
  const l = changetype<Lending>(world(h).protocols[p]);
  unchecked((l.asset[a] = asset));
  unchecked((l.oracle[a] = oracle));
  unchecked((l.lt[a] = lt));
  unchecked((l.bonus[a] = bonus));
  unchecked((l.fee[a] = fee));
}

/** Copies n amounts of protocol asset a from `src` into the collateral (which 0) or debt (1) column. */
export function worldLendingColumn(h: i32, p: i32, which: i32, a: i32, src: usize): void {
  const l = changetype<Lending>(world(h).protocols[p]);
  const dst = changetype<usize>(which == 0 ? l.coll : l.debt) + (<usize>(a * l.n) << 3);
  memory.copy(dst, src, <usize>l.n << 3);
}

/** Indexes the accounts once their columns are in. */
export function worldLendingReady(h: i32, p: i32): void {
  changetype<Lending>(world(h).protocols[p]).index_();
}

