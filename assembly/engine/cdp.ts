// A Maker system (MakerDAO's dss): one debt in a stablecoin worth 1 quote unit, one or more
// collateral types (ilks), each with its own oracle (Maker's OSM: a spot oracle with latency),
// vaults, accumulated rate, liquidation ratio (mat), penalty (chop), dust and auctions, under one
// global limit on the debt in Dutch auctions (Hole, Dirt: the Dog). An ilk's auctions are either
//   clip  Liquidations 2.0 (dog.sol bark, clip.sol kick, take, redo; the arithmetic is clip.ts),
//   flip  the English auctions of 2020 (cat.sol bite, flip.sol tend, dent, deal, tick; flip.ts).
// A vault owes art·rate; it is unsafe when ink·p < art·rate·mat at its ilk's published price p.
//
// Each step, every ilk in order (keepers spend their block space on profit first):
//   1. running auctions, oldest first —
//      clip: an auction past `tail` seconds or below cusp·top restarts at the current p·buf
//            when a keeper has block space to reset it (until then nobody can take it); then
//            each keeper in order takes the most collateral that still leaves it `minProfit`
//            after selling on its venue at the price the venue quotes (and its capital covers);
//            it sells what it took at once;
//      flip: an auction whose last bid lived `ttl` (or which reached `end`) is dealt: the
//            winner gets the lot (and sells it at once unless it holds); one past `end` with no
//            bid restarts (tick) for `tau` more; otherwise each keeper in order that is not the
//            high bidder bids, with one action of its block space: in the tend phase the most it
//            pays for the lot (the venue's proceeds less its `minProfit`, within its capital,
//            at most the tab) if that beats the current bid by `beg` (or is the tab); the first
//            bid may be 0 (dss: 1 wei, the 0-DAI bids of 12 March 2020); in the dent phase the
//            smallest lot its margin allows for the tab, if at most 1/beg of the current lot.
//            A bidder's DAI is locked while it leads and refunded when outbid;
//   2. barks: vaults with ink·p < art·rate·mat, lowest ratio first (ties: the order given),
//      while a keeper has block space —
//      clip: while dirt/Dirt leave room under hole/Hole (one bark a vault a step); the auction
//            starts at top = p·buf, the keeper is paid tip + tab·chip (system debt);
//      flip: lots of at most `lump` (a vault bitten as often as block space allows);
//   3. the auctions just kicked, in the order kicked, as in 1 (a clip at its top, elapsed 0).
// An auction ends when its tab is paid (the collateral left goes to the owner, out of the system:
// the vault keeps only the ink it had after the bark; in a flip, each dent returns its part) or
// its lot is sold; bad debt is the debt it moved off the vault (due) less what it raised. An
// auction that raised under ZERO_BID of its collateral's value at the price it started from counts
// as a zero-bid auction (12 March 2020: keepers won ETH for 0 DAI). Keepers' tips and chips are
// DAI the protocol creates (the vow's sin, vat.suck): they count in the bad debt as they are paid.
//
// Vaults are indexed per ilk by liquidation price art·rate·mat/ink in a max-heap, so a step
// touches only the unsafe ones.
//
// Mitigations (rules.ts): under a circuit breaker an ilk whose price is tripped checks safety at
// the price's TWAP (auctions still start and reset at the oracle's price) and charges only
// 1 + (chop − 1)·bonusFactor; its caps bound the debt moved to auction (due) per step and window,
// the vaults they refuse waiting like those over hole/Hole; its pause (ClipperMom) stops barks
// and redos, not takes. A dynamic margin's cut makes a vault unsafe when ink·p·(1 − cut) <
// art·rate·mat (mat/(1 − cut): the same cut of 1/mat as of a lending LT).

import {
  CDP_AUCTIONS,
  CDP_AUCTIONS_RUNNING,
  CDP_COLLATERAL_RETURNED,
  CDP_DEBT_IN_AUCTION,
  CDP_INK,
  EV_AUCTION_END,
  EV_BARK,
  EV_DENT,
  EV_REDO,
  EV_TAKE,
  EV_TEND,
} from "../../bindings/codes";
import { liquidatorFor, sellSeized } from "./agents";
import {
  auctionPrice,
  BARK_BYTES,
  BARK_DART,
  BARK_DINK,
  BARK_DUE,
  BARK_DUSTY,
  BARK_LIMIT_HIT,
  BARK_OK,
  BARK_TAB,
  barkAmount,
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
import { Events } from "./events";
import { BITE_DART, BITE_DINK, biddable, biteAmount, dealable, dentOk, tendOk, tickable } from "./flip";
import { eventsOf, world } from "./handles";
import { Heap } from "./heap";
import { Caps, CircuitBreaker, DynamicMargin, VolFeed, Watch } from "./rules";
import { quoteSell } from "./trade";
import { addAt, EQUITY, EXPOSURE, Liquidator, ladderLevel, Protocol, World } from "./world";

/** An auction that raised less than this share of its lot's value at its start price is a zero bid. */
export const ZERO_BID: f64 = 0.05;

// the result area of barks, bites and takes (clip.ts, flip.ts), as large as the largest
const OUT = memory.data(<i32>(BARK_BYTES > TAKE_BYTES ? BARK_BYTES : TAKE_BYTES), 16);

/** Σ art·rate of the vaults of `il` still unsafe at `p` (waiting for a keeper or room under the limits). */
function unsafeDebt(il: Ilk, p: f64): f64 {
  const h = il.index_;
  let sum: f64 = 0;
  for (let k = 0; k < h.size; k++) {
    if (unchecked(h.keys[k]) > p) sum += unchecked(il.art[unchecked(h.ids[k])]) * il.rate;
  }
  return sum;
}

class Auction {
  lot0: f64; // collateral at the bark
  paid: f64 = 0; // DAI raised (a flip's: its current bid)
  done: bool = false;
  // flip: the high bidder (a liquidator, -1: none yet), its bid's expiry and the auction's end (seconds)
  guy: i32 = -1;
  bidTic: f64 = 0;
  end: f64 = 0;
  constructor(
    public id: i32,
    public ilk: Ilk,
    public usr: i32, // the vault, within its ilk
    public tab: f64, // DAI to raise (penalty included; a clip's: still to raise)
    public lot: f64, // collateral left
    public top: f64,
    public tic: i32, // the step it (re)started
    public due: f64, // debt moved off the vault
    public feed: f64, // the oracle price at the bark
  ) {
    this.lot0 = lot;
  }
}

/** One collateral type: its parameters, vaults and auctions. */
class Ilk {
  flip: bool = false;
  offset: i32 = 0; // its first vault's index in the protocol
  asset: i32 = 0; // the collateral's world asset
  oracle: i32 = 0;
  mat: f64 = 1;
  chop: f64 = 1;
  rate: f64 = 1;
  dust: f64 = 0;
  hole: f64 = Infinity;
  dirt: f64 = 0;
  // clip
  buf: f64 = 1;
  calc: i32 = 0;
  curveA: f64 = 0; // tau (linear) or cut
  curveB: f64 = 0; // step (stairstep)
  tail: f64 = Infinity; // seconds
  cusp: f64 = 0;
  chip: f64 = 0;
  tip: f64 = 0;
  // flip
  beg: f64 = 1;
  ttl: f64 = 0; // seconds
  tau: f64 = 0; // seconds
  lump: f64 = Infinity;
  n: i32;
  ink: StaticArray<f64>;
  art: StaticArray<f64>;
  inkHeld: f64 = 0; // Σ ink over the vaults
  index_: Heap;
  live: Array<Auction> = []; // running auctions, oldest first
  running: i32 = 0; // of them, those that ran before this step's barks
  again: Array<u32> = []; // vaults barked this step that stay unsafe: back into the index after
  watch: Watch | null = null; // a circuit breaker's
  feed: VolFeed | null = null; // a dynamic margin's
  constructor(n: i32) {
    this.n = n;
    this.ink = new StaticArray<f64>(n);
    this.art = new StaticArray<f64>(n);
    this.index_ = new Heap(n);
  }

  @inline key(i: i32): f64 {
    const ink = unchecked(this.ink[i]);
    return ink > 0 ? (unchecked(this.art[i]) * this.rate * this.mat) / ink : Infinity;
  }

  ready(): void {
    const h = this.index_;
    h.size = 0;
    let held: f64 = 0;
    for (let i = 0; i < this.n; i++) held += unchecked(this.ink[i]);
    this.inkHeld = held;
    for (let i = 0; i < this.n; i++) {
      if (!(unchecked(this.art[i]) > 0)) continue;
      unchecked((h.keys[h.size] = this.key(i)));
      unchecked((h.ids[h.size] = <u32>i));
      h.size++;
    }
    h.heapify();
  }
}

export class Cdp extends Protocol {
  ilks: Array<Ilk> = [];
  vaults: i32 = 0; // over all ilks
  Hole: f64;
  auctions: i32 = 0; // started
  incentives: f64 = 0; // DAI paid to keepers (created by the protocol, like vat.suck)
  returned: f64 = 0; // collateral auctions gave back to the vaults' owners (it leaves the system)
  litter: f64 = 0; // tabs of running flip auctions
  events: Events;
  breaker: CircuitBreaker | null = null;
  caps: Caps | null = null;

  constructor(Hole: f64, events: Events) {
    super();
    this.Hole = Hole;
    this.events = events;
  }

  /** Debt (tabs) in Dutch auctions over every ilk: the Dog's Dirt. */
  get Dirt(): f64 {
    let sum: f64 = 0;
    for (let k = 0; k < this.ilks.length; k++) sum += unchecked(this.ilks[k]).dirt;
    return sum;
  }

  ladder(w: World, asset: i32, grid: usize, n: i32, coll: usize, debt: usize): void {
    for (let k = 0; k < this.ilks.length; k++) {
      const il = unchecked(this.ilks[k]);
      if (il.asset != asset) continue;
      for (let i = 0; i < il.n; i++) {
        const ink = unchecked(il.ink[i]);
        const owed = unchecked(il.art[i]) * il.rate;
        if (!(ink > 0) || !(owed > 0)) continue;
        const level = ladderLevel(grid, n, (owed * il.mat) / ink); // unsafe below ink·p = art·rate·mat
        if (level < 0) continue;
        addAt(coll, level, ink);
        addAt(debt, level, owed);
      }
    }
  }

  count(): i32 {
    let n = 0;
    for (let k = 0; k < this.ilks.length; k++) n += unchecked(this.ilks[k]).n;
    return n;
  }

  account(w: World, i: i32, out: usize, byAsset: usize): void {
    // vault i of the protocol: the ilk whose offset holds it
    let k = 0;
    while (k + 1 < this.ilks.length && unchecked(this.ilks[k + 1]).offset <= i) k++;
    const il = unchecked(this.ilks[k]);
    const j = i - il.offset;
    const value = unchecked(il.ink[j]) * w.priceOf(il.oracle, -1);
    store<f64>(out + EXPOSURE, value);
    store<f64>(out + EQUITY, value - unchecked(il.art[j]) * il.rate); // the debt asset is worth 1
    if (byAsset != 0 && value != 0) addAt(byAsset, il.asset, value);
  }

  insolvent(w: World): i32 {
    let count = 0;
    for (let k = 0; k < this.ilks.length; k++) {
      const il = unchecked(this.ilks[k]);
      const p = unchecked(w.oracles[il.oracle]).published;
      for (let i = 0; i < il.n; i++) if (unchecked(il.art[i]) * il.rate > unchecked(il.ink[i]) * p) count++;
    }
    return count;
  }

  step(w: World): void {
    this.pending = false;
    const ilks = this.ilks;
    for (let k = 0; k < ilks.length; k++) {
      const il = unchecked(ilks[k]);
      il.running = il.live.length;
      const p = w.priceOf(il.oracle, -1);
      for (let j = 0; j < il.running; j++) this.auction(w, il, unchecked(il.live[j]), p);
    }
    for (let k = 0; k < ilks.length; k++) {
      const il = unchecked(ilks[k]);
      this.bark(w, il, w.priceOf(il.oracle, -1));
    }
    let inAuction: f64 = 0;
    for (let k = 0; k < ilks.length; k++) {
      const il = unchecked(ilks[k]);
      const p = w.priceOf(il.oracle, -1);
      const live = il.live;
      // the auctions kicked this step can be taken at once, at their top (dss: take at elapsed 0)
      for (let j = il.running; j < live.length; j++) this.auction(w, il, unchecked(live[j]), p);
      // drop the finished ones, keeping the order
      let kept = 0;
      for (let j = 0; j < live.length; j++) {
        const a = unchecked(live[j]);
        if (!a.done) unchecked((live[kept++] = a));
      }
      live.length = kept;
      if (kept > 0) this.pending = true;
      else il.dirt = 0; // nothing in auction: clear the rounding the sums left
      inAuction += il.dirt;
    }
    if (this.litter < 0 || !this.pending) this.litter = 0;
    this.extra = inAuction + this.litter;
  }

  private auction(w: World, il: Ilk, a: Auction, p: f64): void {
    if (a.done) return;
    if (il.flip) this.english(w, il, a);
    else this.dutch(w, il, a, p);
  }

  private bark(w: World, il: Ilk, p: f64): void {
    const h = il.index_;
    const again = il.again;
    again.length = 0;
    // the mitigations: the price safety is checked at (a vault is unsafe when its key is above it),
    // the penalty, a pause, the caps
    const t = w.step;
    const x = il.watch;
    const f = il.feed;
    const b = this.breaker;
    let v = x != null && p == p ? x.value(t, p) : p;
    if (f != null) {
      if (v == v) f.took((il.inkHeld * v) / il.mat); // a vault's borrowing power: ink·p/mat
      v *= 1 - f.cut;
    }
    const chop = b == null ? il.chop : 1 + (il.chop - 1) * b.bonus(x, t);
    const caps = this.caps;
    if (x != null && x.paused(t)) {
      // ClipperMom's stopped = 2: no auction starts
      if (h.size > 0 && h.topKey() > v) {
        this.pending = true;
        this.waiting += unsafeDebt(il, v);
      }
      return;
    }
    while (h.size > 0 && h.topKey() > v) {
      const keeper = liquidatorFor(w, this.index, 0);
      if (keeper == null) {
        this.pending = true; // unsafe vaults wait for block space
        this.waiting += unsafeDebt(il, v);
        break;
      }
      const i = <i32>h.topId();
      const ink = unchecked(il.ink[i]);
      const art = unchecked(il.art[i]);
      let dart: f64;
      let dink: f64;
      let tab: f64;
      let due: f64;
      if (il.flip) {
        // Cat.bite of 2020: no limit on the debt in auction, no dust rule; lots of at most lump
        // (and of at most the caps' room)
        let lump = il.lump;
        if (caps != null) {
          const room = caps.room();
          if (!(room > 0)) {
            const left = unsafeDebt(il, v);
            this.pending = true;
            this.waiting += left;
            caps.hold(left);
            break;
          }
          lump = min(lump, (room * ink) / (art * il.rate));
        }
        h.pop();
        if (biteAmount(ink, art, lump, OUT) < 0) {
          this.badDebt += art * il.rate; // no collateral to auction: the debt is unbacked
          unchecked((il.art[i] = 0));
          continue;
        }
        dart = load<f64>(OUT, BITE_DART);
        dink = load<f64>(OUT, BITE_DINK);
        due = dart * il.rate;
        tab = due * chop;
        keeper.used++;
        this.litter += tab;
      } else {
        // the caps as a lower hole: room·chop of tab, so at most room of due
        let hole = il.hole;
        let room: f64 = Infinity;
        if (caps != null) {
          room = caps.room();
          hole = min(hole, il.dirt + room * chop);
        }
        let rc = barkAmount(ink, art, il.rate, chop, il.dust, hole, il.dirt, this.Hole, this.Dirt, OUT);
        // they bind where they leave less room than hole and Hole; the dust rule may not take a
        // whole vault past them (dss lets dirt pass hole so; a cap on a flow is kept)
        const binds = caps != null && room * chop < min(this.Hole - this.Dirt, il.hole - il.dirt);
        if (rc == BARK_OK && binds && load<f64>(OUT, BARK_DUE) > room * (1 + 1e-9)) rc = BARK_LIMIT_HIT;
        if (rc == BARK_LIMIT_HIT || rc == BARK_DUSTY) {
          this.pending = true; // waits for room under hole/Hole (a dusty partial is a lack of room too)
          const left = unsafeDebt(il, v);
          this.waiting += left;
          if (binds) changetype<Caps>(caps).hold(left);
          break;
        }
        h.pop();
        if (rc != BARK_OK) {
          // no collateral to auction (dss reverts): the debt is unbacked
          this.badDebt += art * il.rate;
          unchecked((il.art[i] = 0));
          continue;
        }
        dart = load<f64>(OUT, BARK_DART);
        dink = load<f64>(OUT, BARK_DINK);
        tab = load<f64>(OUT, BARK_TAB);
        due = load<f64>(OUT, BARK_DUE);
        il.dirt += tab;
        if (binds && dart < art) changetype<Caps>(caps).hold((art - dart) * il.rate); // the rest waits
      }
      if (caps != null) caps.use(due);
      if (b != null) b.withheld += due * (il.chop - chop);
      const left = dart == art ? 0 : ink - dink;
      il.inkHeld -= ink - left;
      unchecked((il.ink[i] = left));
      unchecked((il.art[i] = dart == art ? 0 : art - dart));
      const a = new Auction(this.auctions++, il, i, tab, dink, il.flip ? 0 : p * il.buf, w.step, due, p);
      if (il.flip) a.end = <f64>w.step * w.stepSeconds + il.tau;
      il.live.push(a);
      if (!il.flip) this.pay(keeper, incentive(tab, il.tip, il.chip));
      this.liquidations++;
      this.notional += due;
      this.events.add(w.step, this.index, il.offset + i, EV_BARK, tab, dink, il.flip ? p : a.top, keeper.id, a.id);
      if (unchecked(il.art[i]) > 0) {
        // a flip's vault is bitten again while block space lasts; a clip's waits for the next step
        if (il.flip) h.push(il.key(i), <u32>i);
        else again.push(<u32>i);
      }
    }
    for (let k = 0; k < again.length; k++) {
      const i = <i32>unchecked(again[k]);
      h.push(il.key(i), <u32>i);
    }
  }

  /** The keeper's tip and chip: DAI the vow owes (dss: vat.suck), so system debt, in the deficit. */
  private pay(keeper: Liquidator, coin: f64): void {
    keeper.used++;
    keeper.capital += coin;
    this.incentives += coin;
    this.badDebt += coin;
  }

  /** A Liquidations 2.0 auction: reset if it needs one, then takes. */
  private dutch(w: World, il: Ilk, a: Auction, p: f64): void {
    let dur = <f64>(w.step - a.tic) * w.stepSeconds;
    let price = auctionPrice(il.calc, a.top, dur, il.curveA, il.curveB);
    const chost = il.dust * il.chop;
    if (needsRedo(price, a.top, dur, il.tail, il.cusp)) {
      const x = il.watch;
      if (x != null && x.paused(w.step)) return; // ClipperMom's stopped = 2: no reset, so it stays stale
      const keeper = liquidatorFor(w, this.index, 0);
      if (keeper == null || !(p > 0)) return; // stale until someone resets it
      this.pay(keeper, redoIncentive(a.tab, a.lot, p, il.tip, il.chip, chost));
      a.top = p * il.buf;
      a.tic = w.step;
      this.events.add(w.step, this.index, il.offset + a.usr, EV_REDO, a.top, a.tab, a.lot, keeper.id, a.id);
      dur = 0;
      price = a.top;
    }
    for (let k = 0; k < w.liquidators.length && !a.done; k++) {
      const l = unchecked(w.liquidators[k]);
      if (!l.canAct(w, this.index)) continue;
      const amt = this.profitable(w, il, l, a, price);
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
      sellSeized(w, l, slice, il.asset);
      this.events.add(w.step, this.index, il.offset + a.usr, EV_TAKE, owe, slice, price, k, a.id);
      if (a.tab == 0 || a.lot == 0) {
        il.dirt -= tab; // the whole tab it had before this take
        this.end(w, il, a, a.lot, a.tab);
      } else {
        il.dirt -= owe;
      }
    }
  }

  /** A 2020 flip auction: deal or restart when its time has come, else the keepers' bids. */
  private english(w: World, il: Ilk, a: Auction): void {
    const now = <f64>w.step * w.stepSeconds;
    if (dealable(a.bidTic, a.end, now)) {
      const winner = unchecked(w.liquidators[a.guy]);
      sellSeized(w, winner, a.lot, il.asset); // the winner's deal: the lot is its own
      this.litter -= a.tab;
      this.end(w, il, a, a.lot0 - a.lot, a.tab - a.paid, a.guy);
      return;
    }
    if (tickable(a.bidTic, a.end, now)) {
      a.end = now + il.tau; // anyone may tick: no block space asked
      this.events.add(w.step, this.index, il.offset + a.usr, EV_REDO, 0, a.tab, a.lot, -1, a.id);
    }
    if (!biddable(a.bidTic, a.end, now)) return;
    for (let k = 0; k < w.liquidators.length; k++) {
      if (k == a.guy) continue;
      const l = unchecked(w.liquidators[k]);
      if (!l.canAct(w, this.index)) continue;
      const margin = 1 + l.minProfit;
      if (a.paid < a.tab) {
        // tend: the most it pays for the whole lot, within its capital, at most the tab
        const most = min(min(a.tab, l.capital), this.worth(w, il, l, a.lot) / margin);
        if (!(most >= 0)) continue;
        if (a.guy >= 0 ? !tendOk(most, a.paid, a.tab, il.beg) : false) continue;
        const last = a.paid;
        if (a.guy >= 0) unchecked(w.liquidators[a.guy]).capital += last; // the outbid keeper's DAI back
        l.capital -= most;
        a.paid = most;
        this.events.add(w.step, this.index, il.offset + a.usr, EV_TEND, most, a.lot, last, k, a.id);
      } else {
        // dent: the smallest lot its margin allows for the tab, at most 1/beg of the current one
        if (!(l.capital >= a.tab)) continue;
        const lot = this.least(w, il, l, a.lot, a.tab * margin);
        if (!dentOk(lot, a.lot, a.paid, a.tab, il.beg)) continue;
        unchecked(w.liquidators[a.guy]).capital += a.tab; // the new bidder pays the old one the tab
        l.capital -= a.tab;
        const back = a.lot - lot;
        this.returned += back; // dss dent: vat.flux to usr
        a.lot = lot;
        this.events.add(w.step, this.index, il.offset + a.usr, EV_DENT, lot, a.tab, back, k, a.id);
      }
      l.used++;
      a.guy = k;
      a.bidTic = now + il.ttl;
    }
  }

  /** The smallest lot in (0, lot] that `l` sells for at least `need`, or Infinity if none. */
  private least(w: World, il: Ilk, l: Liquidator, lot: f64, need: f64): f64 {
    if (!(this.worth(w, il, l, lot) >= need)) return Infinity;
    let lo: f64 = 0;
    let hi = lot;
    for (let k = 0; k < 50; k++) {
      const mid = 0.5 * (lo + hi);
      if (this.worth(w, il, l, mid) >= need) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /** Collateral `l` takes at `price`: the most that keeps its margin, within its capital. */
  private profitable(w: World, il: Ilk, l: Liquidator, a: Auction, price: f64): f64 {
    let most = a.lot;
    if (price > 0) most = min(most, l.capital / price);
    if (!(most > 0)) return 0;
    if (this.worth(w, il, l, most) >= most * price * (1 + l.minProfit)) return most;
    // the first unit already loses: nothing is profitable (the common case, and cheap)
    const unit = most * 1e-6;
    if (this.worth(w, il, l, unit) < unit * price * (1 + l.minProfit)) return 0;
    // proceeds are concave in the amount, the cost linear: the profitable amounts are an interval from 0
    let lo: f64 = 0;
    let hi = most;
    for (let k = 0; k < 50; k++) {
      const mid = 0.5 * (lo + hi);
      if (this.worth(w, il, l, mid) >= mid * price * (1 + l.minProfit)) lo = mid;
      else hi = mid;
    }
    return lo > 1e-9 * a.lot ? lo : 0;
  }

  /** What `qty` collateral is worth to `l`: what its venue pays now (or the venue's price, if it holds). */
  private worth(w: World, il: Ilk, l: Liquidator, qty: f64): f64 {
    const v = unchecked(w.venues[l.venue]);
    if (v.base != il.asset) return qty * unchecked(w.oracles[il.oracle]).published;
    if (l.hold) return qty * v.price();
    return quoteSell(v.kind, v.at, qty);
  }

  /** Ends an auction: `back` collateral went to the owner, `short` of its tab was never raised. */
  private end(w: World, il: Ilk, a: Auction, back: f64, short: f64, agent: i32 = -1): void {
    // the tab is paid: a clip's lot left goes to the owner's free balance (dss take: vat.flux to
    // usr), not back into the vault, which keeps the ink it had after the bark (a flip's went at each dent)
    if (!il.flip && back > 0) this.returned += back;
    const shortfall = a.due - a.paid;
    if (shortfall > 0) this.badDebt += shortfall;
    if (a.paid < ZERO_BID * (a.lot0 - back) * a.feed) this.zeroBids++;
    this.events.add(w.step, this.index, il.offset + a.usr, EV_AUCTION_END, short, back, a.paid, agent, a.id);
    a.done = true;
  }
}

// ---- building (called by the TypeScript side) ---------------------------------------------

/** A Maker system with no collateral type yet (worldCdpIlk adds them) under a global limit Hole on the debt in Dutch auctions. */
export function worldCdp(h: i32, Hole: f64): i32 {
  const w = world(h);
  return w.addProtocol(new Cdp(Hole, eventsOf(h)));
}

/**
 * Adds a collateral type of n vaults to CDP protocol p (its vaults are numbered after the earlier
 * ilks'); returns its index. hole limits its own Dutch auctions' debt.
 */
export function worldCdpIlk(
  h: i32,
  p: i32,
  n: i32,
  asset: i32,
  oracle: i32,
  mat: f64,
  chop: f64,
  rate: f64,
  dust: f64,
  hole: f64,
): i32 {
  const c = changetype<Cdp>(world(h).protocols[p]);
  const il = new Ilk(n);
  il.offset = c.vaults;
  il.asset = asset;
  il.oracle = oracle;
  il.mat = mat;
  il.chop = chop;
  il.rate = rate;
  il.dust = dust;
  il.hole = hole;
  c.vaults += n;
  c.ilks.push(il);
  return c.ilks.length - 1;
}

/**
 * Ilk k's Dutch auctions; the curve is calc 0 linear (a = tau), 1 exponential (a = cut), 2
 * stairstep (a = cut, b = step); tip and chip pay the keepers who bark and redo.
 */
export function worldCdpClip(
  h: i32,
  p: i32,
  k: i32,
  buf: f64,
  calc: i32,
  a: f64,
  b: f64,
  tail: f64,
  cusp: f64,
  chip: f64,
  tip: f64,
): void {
  const il = changetype<Cdp>(world(h).protocols[p]).ilks[k];
  il.flip = false;
  il.buf = buf;
  il.calc = calc;
  il.curveA = a;
  il.curveB = b;
  il.tail = tail;
  il.cusp = cusp;
  il.chip = chip;
  il.tip = tip;
}

/** Ilk k's English auctions of 2020: minimum bid step beg, bid life ttl and auction length tau (seconds), lots of at most lump. */
export function worldCdpFlip(h: i32, p: i32, k: i32, beg: f64, ttl: f64, tau: f64, lump: f64): void {
  const il = changetype<Cdp>(world(h).protocols[p]).ilks[k];
  il.flip = true;
  il.beg = beg;
  il.ttl = ttl;
  il.tau = tau;
  il.lump = lump;
}

/** Copies ilk k's vaults' collateral (which 0: ink) or normalised debt (1: art) from `src`, then (which 1) indexes them. */
export function worldCdpColumn(h: i32, p: i32, k: i32, which: i32, src: usize): void {
  const il = changetype<Cdp>(world(h).protocols[p]).ilks[k];
  memory.copy(changetype<usize>(which == CDP_INK ? il.ink : il.art), src, (<usize>il.n) << 3);
  if (which != CDP_INK) il.ready();
}

/** After a run: 0 debt still in auction, 1 auctions started, 2 still running, 3 keeper incentives paid, 4 collateral returned to owners. */
export function worldCdpState(h: i32, p: i32, which: i32): f64 {
  const c = changetype<Cdp>(world(h).protocols[p]);
  if (which == CDP_DEBT_IN_AUCTION) return c.extra == c.extra ? c.extra : 0;
  if (which == CDP_AUCTIONS) return <f64>c.auctions;
  if (which == CDP_AUCTIONS_RUNNING) {
    let n = 0;
    for (let k = 0; k < c.ilks.length; k++) n += unchecked(c.ilks[k]).live.length;
    return <f64>n;
  }
  if (which == CDP_COLLATERAL_RETURNED) return c.returned;
  return c.incentives; // CDP_KEEPER_INCENTIVES
}

/** Puts CDP protocol p under circuit breaker m: its caps (if the breaker has any) and, for ilk k ≥ 0, the breaker's watch of its oracle. */
export function worldCdpBreaker(h: i32, p: i32, m: i32, k: i32): void {
  const w = world(h);
  const c = changetype<Cdp>(w.protocols[p]);
  const b = changetype<CircuitBreaker>(unchecked(w.mitigations[m]));
  if (c.breaker == null) {
    c.breaker = b;
    c.caps = b.newCaps();
  }
  if (k >= 0) {
    const il = unchecked(c.ilks[k]);
    il.watch = b.watch(w, il.oracle, il.asset);
  }
}

/** Ilk k of CDP protocol p follows dynamic margin m (calm volatility vol0); returns the feed's index in m. */
export function worldCdpMargin(h: i32, p: i32, m: i32, k: i32, vol0: f64): i32 {
  const w = world(h);
  const il = unchecked(changetype<Cdp>(w.protocols[p]).ilks[k]);
  const d = changetype<DynamicMargin>(unchecked(w.mitigations[m]));
  const j = d.feed(w, il.oracle, il.asset, vol0);
  il.feed = unchecked(d.feeds[j]);
  return j;
}
