// A CDP market with Dutch auctions (MakerDAO Liquidations 2.0: dog.sol bark, clip.sol kick,
// take, redo; the arithmetic is clip.ts). One collateral (ilk), debt in a stablecoin worth 1
// quote unit, valued at the protocol's oracle (Maker's OSM: a spot oracle with latency).
//
// Each step, at the oracle's published price p (keepers spend block space on profit first):
//   redo    an auction past `tail` seconds or below cusp·top restarts at the current p·buf when
//           a keeper has block space to reset it (until then nobody can take it);
//   take    for each auction, oldest first, each keeper in order takes the most collateral that
//           still leaves it `minProfit` after selling on its venue at the price the venue quotes
//           (and its capital covers); it sells what it took at once;
//   bark    vaults with ink·p < art·mat, lowest ratio first (ties: the order given), while
//           a keeper has block space and dirt/Dirt leave room under hole/Hole; the auction
//           starts at top = p·buf, the keeper is paid tip + tab·chip;
//   take    then the auctions just kicked, in the order kicked, as above at their top (elapsed 0).
// An auction ends when its tab is paid (the collateral left goes to the owner, out of the system:
// the vault keeps only the ink it had after the bark) or its lot
// is sold; bad debt is the debt it moved off the vault (due) less what it raised. An auction
// that raised under ZERO_BID of its collateral's value at the price it started from counts as
// a zero-bid auction (12 March 2020: keepers won ETH for 0 DAI). Keepers' tips and chips are
// DAI the protocol creates (the vow's sin, vat.suck): they count in the bad debt as they are paid.
//
// Vaults are indexed by liquidation price art·mat/ink in a max-heap, so a step touches only the
// unsafe ones.

import { liquidatorFor, sellSeized } from "./agents";
import {
  auctionPrice,
  barkAmount,
  BARK_DINK,
  BARK_BYTES,
  BARK_DART,
  BARK_DUE,
  BARK_DUSTY,
  BARK_LIMIT_HIT,
  BARK_OK,
  BARK_TAB,
  incentive,
  needsRedo,
  redoIncentive,
  TAKE_BYTES,
  TAKE_LOT,
  TAKE_OWE,
  TAKE_SLICE,
  TAKE_TAB,
  takeAmount,
} from "./clip";
import { CDP_AUCTIONS, CDP_AUCTIONS_RUNNING, CDP_COLLATERAL_RETURNED, CDP_DEBT_IN_AUCTION, CDP_INK, EV_AUCTION_END, EV_BARK, EV_REDO, EV_TAKE } from "../../bindings/codes";
import { Events } from "./events";
import { eventsOf, world } from "./handles";
import { Heap } from "./heap";
import { quoteSell } from "./trade";
import { Liquidator, Protocol, World } from "./world";

/** An auction that raised less than this share of its lot's value at its start price is a zero bid. */
export const ZERO_BID: f64 = 0.05;

// the result area of barks and takes (clip.ts), as large as the larger of the two
const OUT = memory.data(<i32>(BARK_BYTES > TAKE_BYTES ? BARK_BYTES : TAKE_BYTES), 16);

class Auction {
  lot0: f64; // collateral at the bark
  paid: f64 = 0;
  constructor(
    public id: i32,
    public usr: i32, // the vault
    public tab: f64, // DAI still to raise (penalty included)
    public lot: f64, // collateral left
    public top: f64,
    public tic: i32, // the step it (re)started
    public due: f64, // debt moved off the vault
    public feed: f64, // the oracle price at the bark
  ) {
    this.lot0 = lot;
  }
}

export class Cdp extends Protocol {
  n: i32;
  asset: i32; // the collateral's world asset
  oracle: i32;
  mat: f64;
  chop: f64;
  buf: f64;
  calc: i32;
  curveA: f64; // tau (linear) or cut
  curveB: f64; // step (stairstep)
  tail: f64; // seconds
  cusp: f64;
  chip: f64;
  tip: f64;
  hole: f64;
  Hole: f64;
  dust: f64;
  dirt: f64 = 0;
  incentives: f64 = 0; // DAI paid to keepers (created by the protocol, like vat.suck)
  returned: f64 = 0; // collateral auctions gave back to the vaults' owners (it leaves the system)
  ink: StaticArray<f64>;
  art: StaticArray<f64>;
  index_: Heap;
  auctions: Array<Auction> = [];
  live: Array<Auction> = []; // running auctions, oldest first
  again: Array<u32> = []; // vaults barked this step that stay unsafe: back into the index after
  events: Events;

  constructor(n: i32, events: Events) {
    super();
    this.events = events;
    this.n = n;
    this.ink = new StaticArray<f64>(n);
    this.art = new StaticArray<f64>(n);
    this.index_ = new Heap(n);
  }

  @inline key(i: i32): f64 {
    const ink = unchecked(this.ink[i]);
    return ink > 0 ? (unchecked(this.art[i]) * this.mat) / ink : Infinity;
  }

  ready(): void {
    const h = this.index_;
    h.size = 0;
    for (let i = 0; i < this.n; i++) {
      if (!(unchecked(this.art[i]) > 0)) continue;
      unchecked((h.keys[h.size] = this.key(i)));
      unchecked((h.ids[h.size] = <u32>i));
      h.size++;
    }
    h.heapify();
  }

  insolvent(w: World): i32 {
    const p = unchecked(w.oracles[this.oracle]).published;
    let count = 0;
    for (let i = 0; i < this.n; i++) if (unchecked(this.art[i]) > unchecked(this.ink[i]) * p) count++;
    return count;
  }

  step(w: World): void {
    const p = unchecked(w.oracles[this.oracle]).published;
    this.pending = false;
    // keepers spend their block space on takes (profit) before barks (no profit unless tip/chip)
    const live = this.live;
    const running = live.length;
    for (let k = 0; k < running; k++) this.auction(w, unchecked(live[k]), p);
    this.bark(w, p);
    // the auctions kicked this step can be taken at once, at their top (dss: take at elapsed 0)
    for (let k = running; k < live.length; k++) this.auction(w, unchecked(live[k]), p);
    // drop the finished ones, keeping the order
    let kept = 0;
    for (let k = 0; k < live.length; k++) {
      const a = unchecked(live[k]);
      if (a.tab > 0 && a.lot > 0) unchecked((live[kept++] = a));
    }
    live.length = kept;
    if (kept > 0) this.pending = true;
    else this.dirt = 0; // nothing in auction: clear the rounding the sums left
    this.extra = this.dirt;
  }

  private bark(w: World, p: f64): void {
    const h = this.index_;
    const again = this.again;
    again.length = 0;
    while (h.size > 0 && h.topKey() > p) {
      const keeper = liquidatorFor(w, this.index, 0);
      if (keeper == null) {
        this.pending = true; // unsafe vaults wait for block space
        break;
      }
      const i = <i32>h.topId();
      const ink = unchecked(this.ink[i]);
      const art = unchecked(this.art[i]);
      // Hole is dog-wide; one ilk per protocol here, so hole and Hole bound the same dirt
      const rc = barkAmount(ink, art, 1, this.chop, this.dust, this.hole, this.dirt, this.Hole, this.dirt, OUT);
      if (rc == BARK_LIMIT_HIT || rc == BARK_DUSTY) {
        this.pending = true; // waits for room under hole/Hole (a dusty partial is a lack of room too)
        break;
      }
      h.pop();
      if (rc != BARK_OK) {
        // no collateral to auction (dss reverts): the debt is unbacked
        this.badDebt += art;
        unchecked((this.art[i] = 0));
        continue;
      }
      const dart = load<f64>(OUT, BARK_DART);
      const dink = load<f64>(OUT, BARK_DINK);
      const tab = load<f64>(OUT, BARK_TAB);
      const due = load<f64>(OUT, BARK_DUE);
      unchecked((this.ink[i] = dart == art ? 0 : ink - dink));
      unchecked((this.art[i] = dart == art ? 0 : art - dart));
      this.dirt += tab;
      const a = new Auction(this.auctions.length, i, tab, dink, p * this.buf, w.step, due, p);
      this.auctions.push(a);
      this.live.push(a);
      this.pay(keeper, incentive(tab, this.tip, this.chip));
      this.liquidations++;
      this.notional += due;
      this.events.add(w.step, this.index, i, EV_BARK, tab, dink, a.top, keeper.id, a.id);
      if (unchecked(this.art[i]) > 0) again.push(<u32>i);
    }
    for (let k = 0; k < again.length; k++) {
      const i = <i32>unchecked(again[k]);
      h.push(this.key(i), <u32>i);
    }
  }

  /** The keeper's tip and chip: DAI the vow owes (dss: vat.suck), so system debt, in the deficit. */
  private pay(keeper: Liquidator, coin: f64): void {
    keeper.used++;
    keeper.capital += coin;
    this.incentives += coin;
    this.badDebt += coin;
  }

  private auction(w: World, a: Auction, p: f64): void {
    let dur = <f64>(w.step - a.tic) * w.stepSeconds;
    let price = auctionPrice(this.calc, a.top, dur, this.curveA, this.curveB);
    const chost = this.dust * this.chop;
    if (needsRedo(price, a.top, dur, this.tail, this.cusp)) {
      const keeper = liquidatorFor(w, this.index, 0);
      if (keeper == null || !(p > 0)) return; // stale until someone resets it
      this.pay(keeper, redoIncentive(a.tab, a.lot, p, this.tip, this.chip, chost));
      a.top = p * this.buf;
      a.tic = w.step;
      this.events.add(w.step, this.index, a.usr, EV_REDO, a.top, a.tab, a.lot, keeper.id, a.id);
      dur = 0;
      price = a.top;
    }
    const id = a.id;
    for (let k = 0; k < w.liquidators.length && a.tab > 0 && a.lot > 0; k++) {
      const l = unchecked(w.liquidators[k]);
      if (!l.canAct(w, this.index)) continue;
      const amt = this.profitable(w, l, a, price);
      if (!(amt > 0)) continue;
      const tab = a.tab;
      if (takeAmount(a.lot, tab, price, amt, Infinity, chost, OUT) < 0) continue;
      const slice = load<f64>(OUT, TAKE_SLICE);
      const owe = load<f64>(OUT, TAKE_OWE);
      a.tab = load<f64>(OUT, TAKE_TAB);
      a.lot = load<f64>(OUT, TAKE_LOT);
      a.paid += owe;
      l.capital -= owe;
      l.used++;
      sellSeized(w, l, slice, this.asset);
      this.events.add(w.step, this.index, a.usr, EV_TAKE, owe, slice, price, k, id);
      if (a.tab == 0 || a.lot == 0) {
        this.dirt -= tab; // the whole tab it had before this take
        this.end(w, a);
      } else {
        this.dirt -= owe;
      }
    }
  }

  /** Collateral `l` takes at `price`: the most that keeps its margin, within its capital. */
  private profitable(w: World, l: Liquidator, a: Auction, price: f64): f64 {
    let most = a.lot;
    if (price > 0) most = min(most, l.capital / price);
    if (!(most > 0)) return 0;
    if (this.worth(w, l, most) >= most * price * (1 + l.minProfit)) return most;
    // the first unit already loses: nothing is profitable (the common case, and cheap)
    const unit = most * 1e-6;
    if (this.worth(w, l, unit) < unit * price * (1 + l.minProfit)) return 0;
    // proceeds are concave in the amount, the cost linear: the profitable amounts are an interval from 0
    let lo: f64 = 0;
    let hi = most;
    for (let k = 0; k < 50; k++) {
      const mid = 0.5 * (lo + hi);
      if (this.worth(w, l, mid) >= mid * price * (1 + l.minProfit)) lo = mid;
      else hi = mid;
    }
    return lo > 1e-9 * a.lot ? lo : 0;
  }

  /** What `qty` collateral is worth to `l`: what its venue pays now (or the venue's price, if it holds). */
  private worth(w: World, l: Liquidator, qty: f64): f64 {
    const v = unchecked(w.venues[l.venue]);
    if (v.base != this.asset) return qty * unchecked(w.oracles[this.oracle]).published;
    if (l.hold) return qty * v.price();
    return quoteSell(v.kind, v.at, qty);
  }

  private end(w: World, a: Auction): void {
    // the tab is paid: the lot left goes to the owner's free balance (dss take: vat.flux to usr),
    // not back into the vault, which keeps the ink it had after the bark
    if (a.lot > 0) this.returned += a.lot;
    const shortfall = a.due - a.paid;
    if (shortfall > 0) this.badDebt += shortfall;
    if (a.paid < ZERO_BID * (a.lot0 - a.lot) * a.feed) this.zeroBids++;
    this.events.add(w.step, this.index, a.usr, EV_AUCTION_END, a.tab, a.lot, a.paid, -1, a.id);
    a.tab = 0;
  }
}

// ---- building (called by the TypeScript side) ---------------------------------------------

/** A CDP market of n vaults; the curve is calc 0 linear (a = tau), 1 exponential (a = cut), 2 stairstep (a = cut, b = step). */
export function worldCdp(
  h: i32,
  n: i32,
  asset: i32,
  oracle: i32,
  mat: f64,
  chop: f64,
  buf: f64,
  calc: i32,
  a: f64,
  b: f64,
  tail: f64,
  cusp: f64,
): i32 {
  const w = world(h);
  const c = new Cdp(n, eventsOf(h));
  c.asset = asset;
  c.oracle = oracle;
  c.mat = mat;
  c.chop = chop;
  c.buf = buf;
  c.calc = calc;
  c.curveA = a;
  c.curveB = b;
  c.tail = tail;
  c.cusp = cusp;
  return w.addProtocol(c);
}

/** Keepers' incentives and the limits on debt in auction. */
export function worldCdpLimits(h: i32, p: i32, chip: f64, tip: f64, hole: f64, Hole: f64, dust: f64): void {
  const c = changetype<Cdp>(world(h).protocols[p]);
  c.chip = chip;
  c.tip = tip;
  c.hole = hole;
  c.Hole = Hole;
  c.dust = dust;
}

/** Copies the n vaults' collateral (which 0: ink) or debt (1: art) from `src`, then (which 1) indexes them. */
export function worldCdpColumn(h: i32, p: i32, which: i32, src: usize): void {
  const c = changetype<Cdp>(world(h).protocols[p]);
  memory.copy(changetype<usize>(which == CDP_INK ? c.ink : c.art), src, <usize>c.n << 3);
  if (which != CDP_INK) c.ready();
}

/** After a run: 0 debt still in auction, 1 auctions started, 2 still running, 3 keeper incentives paid, 4 collateral returned to owners. */
export function worldCdpState(h: i32, p: i32, which: i32): f64 {
  const c = changetype<Cdp>(world(h).protocols[p]);
  if (which == CDP_DEBT_IN_AUCTION) return c.dirt;
  if (which == CDP_AUCTIONS) return <f64>c.auctions.length;
  if (which == CDP_AUCTIONS_RUNNING) return <f64>c.live.length;
  if (which == CDP_COLLATERAL_RETURNED) return c.returned;
  return c.incentives; // CDP_KEEPER_INCENTIVES
}
