// Mitigations that change a protocol's own rules, as parts of the step (lending.ts and cdp.ts
// read them): a circuit breaker and a dynamic margin. (Segmentation splits a lending protocol's
// accounts: lending.ts.) Each follows prices — a protocol's oracle, or an asset's exogenous price
// where the protocol names no oracle — once a step, after the oracles publish and before the
// protocols act (run.ts).
//
// Circuit breaker, per followed price (a Watch):
//   trip   at step t when p_t ≤ peak·(1 − trip), peak the highest price of the last `window`
//          steps (t included; steps before 0 count at the price before step 0); it is then
//          tripped from t through t + hold − 1, and again each step the condition holds;
//   or, with `slip` > 0, for every followed price at once, at step t when the forced sellers'
//          slippage over the last `window` steps (t − window … t − 1: this step's sales come
//          after) is at least `slip` of what they sold, at the prices before each trade
//          (world.slippage / world.forced over the window; nothing sold: no trip);
//   while tripped, liquidators' bonus (lending) or the penalty beyond the debt (cdp: chop − 1) is
//          multiplied by a factor ramping from 1 to `bonusFactor` over `ramp` steps (bonus()) (what that keeps from liquidators, in quote: withheld), and with `twap` > 0 collateral is valued at the mean of
//          the price's last `twap` steps (t included) instead of the price itself;
//   caps   (always, per protocol: Caps) at most `perStep` quote of debt liquidated in one step and
//          `perWindow` over the last `window` steps: lending's repaid debt, a cdp's debt moved to
//          auction (due); what the caps refuse waits — held back: per step, the liquidations it
//          refused (lending: what each would have repaid; cdp: the unsafe vaults' debt), and over
//          the run the most in one step;
//   pause  (cdp) when the oracle's newest observation — the price it publishes once its latency
//          has passed, the OSM's `nxt` — is below its published price times (1 − pauseDrop),
//          its collateral types start no auction and reset none for `pauseSteps` steps (takes
//          of running auctions go on): MakerDAO's ClipperMom.tripBreaker, which files
//          `stopped = 2` when nxt < cur·tolerance.
// Dynamic margin, per followed price (a VolFeed): realized volatility σ_t = √(Σ r²/n · steps a
//   year) over the log returns r of its last n = `volWindow` steps (before step 0: no move); the
//   target cut c* = min(maxCut, sensitivity·max(0, σ_t/σ_0 − 1)); the applied cut moves toward it
//   by at most maxCut/phaseIn a step when it tightens and at once when it loosens; a lending
//   asset's threshold is LT_0·(1 − cut), a cdp's collateral is unsafe when ink·p·(1 − cut) <
//   art·rate·mat (the same cut of 1/mat). Its cost, the borrowing power it takes: each step, over
//   its protocols, Σ collateral held (by every account or vault) × its value × LT_0 × cut (a
//   cdp: × 1/mat); reported per step and as its largest.
//
// Everything is f64 arithmetic and the core's own log (vmath.ts): the same bits everywhere.

import {
  BREAKER_BONUS_WITHHELD,
  BREAKER_CAPPED_STEPS,
  BREAKER_PAUSED_STEPS,
  BREAKER_PAUSES,
  BREAKER_TRIPPED_STEPS,
  BREAKER_TRIPS,
  MARGIN_AVERAGE_CUT,
  MARGIN_LARGEST_CUT,
  MARGIN_LOST_BORROWING_POWER,
} from "../../bindings/codes";
import { logScalar } from "../vmath";
import { world } from "./handles";
import { Mitigation, World } from "./world";

const SECONDS_PER_YEAR: f64 = 365.0 * 86400.0;

/** Liquidation volume limits of one protocol (a circuit breaker's caps), in quote units. */
export class Caps {
  ring: StaticArray<f64>; // volume per step over the window, step t at t % window
  slot: i32 = 0;
  stepUsed: f64 = 0;
  windowUsed: f64 = 0;
  heldStep: f64 = 0; // refused this step
  step: i32 = -1;
  constructor(
    public owner: CircuitBreaker,
    public perStep: f64,
    public perWindow: f64,
    window: i32,
  ) {
    this.ring = new StaticArray<f64>(window);
  }

  /** A new step: its own volume starts at 0, the one that left the window is forgotten. */
  roll(step: i32): void {
    this.step = step;
    const n = this.ring.length;
    const s = step % n;
    this.slot = s;
    this.windowUsed -= unchecked(this.ring[s]);
    unchecked((this.ring[s] = 0));
    if (s == 0) {
      // once a lap, the sum again from its terms: no rounding drift over long runs
      let sum: f64 = 0;
      for (let k = 0; k < n; k++) sum += unchecked(this.ring[k]);
      this.windowUsed = sum;
    }
    if (this.windowUsed < 0) this.windowUsed = 0;
    this.stepUsed = 0;
    this.heldStep = 0;
  }

  /** Quote that may still be liquidated this step (≥ 0). */
  room(): f64 {
    return max(min(this.perStep - this.stepUsed, this.perWindow - this.windowUsed), 0);
  }

  use(x: f64): void {
    this.stepUsed += x;
    this.windowUsed += x;
    unchecked((this.ring[this.slot] += x));
  }

  /** `x` quote of liquidations refused this step. */
  hold(x: f64): void {
    if (!(x > 0)) return;
    const b = this.owner;
    if (b.cappedAt != this.step) {
      b.cappedAt = this.step;
      b.cappedSteps++;
    }
    this.heldStep += x;
  }
}

/** A price a circuit breaker follows: its window's peak, its TWAP, its trip and pause. */
export class Watch {
  // the window's running maximum: a deque of (step, price), prices decreasing from the front
  dqStep: StaticArray<i32>;
  dqPrice: StaticArray<f64>;
  head: i32 = 0;
  size: i32 = 0;
  twapRing: StaticArray<f64>; // the last `twap` prices (NaN: none usable that step)
  price: f64 = NaN; // this step's
  twap: f64 = NaN; // this step's, while tripped with a TWAP
  trippedUntil: i32 = -1; // tripped through this step
  since: i32 = -1; // the first step of the current trip
  pausedUntil: i32 = -1;
  constructor(
    public oracle: i32, // -1: the asset's exogenous price
    public asset: i32,
    window: i32,
    twap: i32,
    start: f64, // its price before step 0
  ) {
    this.dqStep = new StaticArray<i32>(window + 1);
    this.dqPrice = new StaticArray<f64>(window + 1);
    this.twapRing = new StaticArray<f64>(max(twap, 1));
    for (let k = 0; k < this.twapRing.length; k++) unchecked((this.twapRing[k] = start));
    if (start == start) this.push(-1, start); // every step before 0 at the price before it
  }

  @inline tripped(step: i32): bool {
    return step <= this.trippedUntil;
  }

  @inline paused(step: i32): bool {
    return step <= this.pausedUntil;
  }

  /** The price collateral is valued at this step: the TWAP while tripped with one, else the price. */
  @inline value(step: i32, p: f64): f64 {
    return this.tripped(step) && this.twap == this.twap ? this.twap : p;
  }

  private push(step: i32, p: f64): void {
    const cap = this.dqStep.length;
    // drop the back while it is no higher: it can never be the peak again
    while (this.size > 0) {
      const back = (this.head + this.size - 1) % cap;
      if (unchecked(this.dqPrice[back]) > p) break;
      this.size--;
    }
    const at = (this.head + this.size) % cap;
    unchecked((this.dqStep[at] = step));
    unchecked((this.dqPrice[at] = p));
    this.size++;
  }

  /** The highest price of steps step − window + 1 … step (NaN: none usable). */
  private peak(step: i32, window: i32): f64 {
    const cap = this.dqStep.length;
    while (this.size > 0 && unchecked(this.dqStep[this.head]) <= step - window) {
      this.head = (this.head + 1) % cap;
      this.size--;
    }
    return this.size > 0 ? unchecked(this.dqPrice[this.head]) : NaN;
  }

  observe(w: World, b: CircuitBreaker): void {
    const t = w.step;
    const p = w.priceOf(this.oracle, this.asset);
    this.price = p;
    if (p == p) this.push(t, p);
    const peak = this.peak(t, b.window);
    if (p == p && peak == peak && p <= peak * (1 - b.trip)) {
      if (!this.tripped(t - 1)) {
        b.trips++;
        this.since = t;
      }
      this.trippedUntil = t + b.hold - 1;
    }
    const n = this.twapRing.length;
    unchecked((this.twapRing[t % n] = p));
    this.twap = NaN;
    if (b.twap > 0 && this.tripped(t)) {
      let sum: f64 = 0;
      let k = 0;
      for (let j = 0; j < n; j++) {
        const x = unchecked(this.twapRing[j]);
        if (x == x) {
          sum += x;
          k++;
        }
      }
      if (k > 0) this.twap = sum / <f64>k;
    }
    // ClipperMom: the OSM's next price against its current one
    if (b.pauseDrop > 0 && this.oracle >= 0) {
      const o = unchecked(w.oracles[this.oracle]);
      const cur = o.published;
      const nxt = o.observed > 0 ? unchecked(o.history[(o.observed - 1) % o.history.length]) : cur;
      if (o.usable() && cur > 0 && nxt > 0 && nxt < cur * (1 - b.pauseDrop)) {
        if (!this.paused(t - 1)) b.pauses++;
        this.pausedUntil = t + b.pauseSteps - 1;
      }
    }
  }
}

/** A circuit breaker over the protocols that attached to it (lending.ts, cdp.ts). */
export class CircuitBreaker extends Mitigation {
  watches: Array<Watch> = [];
  caps: Array<Caps> = [];
  trips: i32 = 0;
  pauses: i32 = 0;
  trippedSteps: i32 = 0; // steps with any price tripped
  pausedSteps: i32 = 0; // steps with any collateral type paused
  cappedSteps: i32 = 0; // steps in which a cap refused something
  cappedAt: i32 = -1;
  cappedPeak: f64 = 0; // the most the caps refused in one step (over its protocols)
  withheld: f64 = 0; // quote of bonus or penalty its scaling kept from liquidators (lending.ts, cdp.ts)
  nTripped: i32 = 0; // this step
  nPaused: i32 = 0;
  slipUntil: i32 = -1; // tripped on slippage through this step
  slipRing: StaticArray<f64>; // (slippage, forced) at the start of each of the last `window` steps, step t at 2·(t % window)
  constructor(
    public window: i32,
    public trip: f64, // a fraction
    public slip: f64, // a fraction; 0: none
    public hold: i32,
    public bonusFactor: f64,
    public ramp: i32, // steps over which the bonus falls to bonusFactor·bonus (1: at once)
    public twap: i32,
    public perStep: f64,
    public perWindow: f64,
    public pauseDrop: f64, // a fraction; 0: no pause
    public pauseSteps: i32,
  ) {
    super();
    this.slipRing = new StaticArray<f64>(2 * window);
  }

  /** The forced sellers' slippage over the window, at the start of step t, crosses `slip`: every watch trips. */
  private slipped(w: World, t: i32): void {
    const n = this.window;
    const s = 2 * (t % n);
    // the window's first step's start (0, 0 before step 0), then this step's start in its place
    const slippage = w.slippage - unchecked(this.slipRing[s]);
    const sold = w.forced - unchecked(this.slipRing[s + 1]);
    unchecked((this.slipRing[s] = w.slippage));
    unchecked((this.slipRing[s + 1] = w.forced));
    if (!(sold > 0) || !(slippage >= this.slip * sold)) return;
    if (t - 1 > this.slipUntil) this.trips++;
    this.slipUntil = t + this.hold - 1;
    for (let k = 0; k < this.watches.length; k++) {
      const x = unchecked(this.watches[k]);
      if (!x.tripped(t - 1)) x.since = t;
      x.trippedUntil = max(x.trippedUntil, this.slipUntil);
    }
  }

  /** The watch of (oracle, asset), made on first use. */
  watch(w: World, oracle: i32, asset: i32): Watch {
    for (let k = 0; k < this.watches.length; k++) {
      const x = unchecked(this.watches[k]);
      if (x.oracle == oracle && x.asset == asset) return x;
    }
    const x = new Watch(oracle, asset, this.window, this.twap, w.priceOf(oracle, asset));
    this.watches.push(x);
    return x;
  }

  /** Caps for one more protocol; null when the breaker has none. */
  newCaps(): Caps | null {
    if (!(this.perStep < Infinity) && !(this.perWindow < Infinity)) return null;
    const c = new Caps(this, this.perStep, this.perWindow, this.window);
    this.caps.push(c);
    return c;
  }

  /**
   * The bonus multiplier for collateral followed by `x` this step: 1 untripped; tripped, it ramps
   * from 1 to bonusFactor over `ramp` steps, 1 − (1 − bonusFactor)·min(1, k/ramp) at the trip's
   * k-th step (k = 1 at the step it trips).
   */
  @inline bonus(x: Watch | null, step: i32): f64 {
    if (x == null || !x.tripped(step)) return 1.0;
    const k = <f64>(step - x.since + 1);
    return 1.0 - (1.0 - this.bonusFactor) * min(1.0, k / <f64>this.ramp);
  }

  observe(w: World): void {
    const t = w.step;
    this.nTripped = 0;
    this.nPaused = 0;
    if (this.slip > 0) this.slipped(w, t);
    for (let k = 0; k < this.watches.length; k++) {
      const x = unchecked(this.watches[k]);
      x.observe(w, this);
      if (x.tripped(t)) this.nTripped++;
      if (x.paused(t)) this.nPaused++;
    }
    if (this.nTripped > 0) this.trippedSteps++;
    if (this.nPaused > 0) this.pausedSteps++;
    this.cappedPeak = max(this.cappedPeak, this.heldStep());
    for (let k = 0; k < this.caps.length; k++) unchecked(this.caps[k]).roll(t);
  }

  /** Quote the caps refused in the step (the last one observed), over its protocols. */
  private heldStep(): f64 {
    let held: f64 = 0;
    for (let k = 0; k < this.caps.length; k++) held += unchecked(this.caps[k]).heldStep;
    return held;
  }

  series(): i32 {
    return 3;
  }

  record(w: World, out: StaticArray<f64>, at: i32): void {
    unchecked((out[at] = <f64>this.nTripped));
    unchecked((out[at + 1] = <f64>this.nPaused));
    unchecked((out[at + 2] = this.heldStep()));
  }

  settled(w: World): bool {
    // a trip or a pause still in force changes what is liquidatable when it ends
    return this.nTripped == 0 && this.nPaused == 0;
  }

  state(which: i32, k: i32): f64 {
    if (which == BREAKER_TRIPS) return <f64>this.trips;
    if (which == BREAKER_TRIPPED_STEPS) return <f64>this.trippedSteps;
    if (which == BREAKER_PAUSES) return <f64>this.pauses;
    if (which == BREAKER_PAUSED_STEPS) return <f64>this.pausedSteps;
    if (which == BREAKER_CAPPED_STEPS) return <f64>this.cappedSteps;
    if (which == BREAKER_BONUS_WITHHELD) return this.withheld;
    return max(this.cappedPeak, this.heldStep()); // BREAKER_CAPPED
  }
}

/** A price a dynamic margin follows: its realized volatility and the cut it sets. */
export class VolFeed {
  ring: StaticArray<f64>; // squared log returns of the last `volWindow` steps
  sum: f64 = 0;
  last: f64; // the last usable price
  vol: f64 = 0; // this step's realized volatility, annualized
  target: f64 = 0;
  cut: f64 = 0; // applied
  cutSum: f64 = 0; // Σ over the steps run
  constructor(
    public owner: DynamicMargin,
    public oracle: i32,
    public asset: i32,
    public vol0: f64,
    window: i32,
    start: f64,
  ) {
    this.ring = new StaticArray<f64>(window);
    this.last = start;
  }

  observe(w: World, m: DynamicMargin): void {
    const t = w.step;
    const n = this.ring.length;
    const s = t % n;
    const p = w.priceOf(this.oracle, this.asset);
    let r2: f64 = 0;
    if (p > 0 && this.last > 0) {
      const r = logScalar(p / this.last);
      r2 = r * r;
    }
    if (p > 0) this.last = p;
    this.sum += r2 - unchecked(this.ring[s]);
    unchecked((this.ring[s] = r2));
    if (s == n - 1) {
      // once a lap, the sum again from its terms
      let sum: f64 = 0;
      for (let k = 0; k < n; k++) sum += unchecked(this.ring[k]);
      this.sum = sum;
    }
    this.vol = Math.sqrt((max(this.sum, 0) / <f64>n) * m.stepsPerYear);
    this.target = min(m.maxCut, m.sensitivity * max(0, this.vol / this.vol0 - 1));
    if (this.target < this.cut) this.cut = this.target;
    else this.cut = min(this.target, this.cut + m.rate);
    this.cutSum += this.cut;
  }

  /** A protocol's collateral on this feed is worth `power` of borrowing power uncut: the cut takes its share. */
  @inline took(power: f64): void {
    if (this.cut > 0 && power > 0) this.owner.lostNow += power * this.cut;
  }
}

/** Liquidation thresholds that tighten with realized volatility, for the protocols attached to it. */
export class DynamicMargin extends Mitigation {
  feeds: Array<VolFeed> = [];
  stepsPerYear: f64;
  rate: f64; // the most the cut tightens in a step: maxCut/phaseIn
  steps: i32 = 0; // observed
  tightened: i32 = 0; // steps with any cut > 0
  largest: f64 = 0;
  lostNow: f64 = 0; // quote of borrowing power the cuts take this step, over its protocols (VolFeed.took)
  lostPeak: f64 = 0; // …the most in one step before this one
  constructor(
    public maxCut: f64,
    public sensitivity: f64,
    public volWindow: i32,
    phaseIn: i32,
    stepSeconds: f64,
  ) {
    super();
    this.stepsPerYear = SECONDS_PER_YEAR / stepSeconds;
    this.rate = maxCut / <f64>phaseIn;
  }

  /** The index of the feed of (oracle, asset), made on first use with calm volatility vol0. */
  feed(w: World, oracle: i32, asset: i32, vol0: f64): i32 {
    for (let k = 0; k < this.feeds.length; k++) {
      const x = unchecked(this.feeds[k]);
      if (x.oracle == oracle && x.asset == asset) return k;
    }
    this.feeds.push(new VolFeed(this, oracle, asset, vol0, this.volWindow, w.priceOf(oracle, asset)));
    return this.feeds.length - 1;
  }

  observe(w: World): void {
    this.lostPeak = max(this.lostPeak, this.lostNow);
    this.lostNow = 0;
    let any = false;
    for (let k = 0; k < this.feeds.length; k++) {
      const f = unchecked(this.feeds[k]);
      f.observe(w, this);
      if (f.cut > 0) any = true;
      if (f.cut > this.largest) this.largest = f.cut;
    }
    this.steps++;
    if (any) this.tightened++;
  }

  series(): i32 {
    return 3 * this.feeds.length + 1;
  }

  record(w: World, out: StaticArray<f64>, at: i32): void {
    for (let k = 0; k < this.feeds.length; k++) {
      const f = unchecked(this.feeds[k]);
      unchecked((out[at + 3 * k] = f.vol));
      unchecked((out[at + 3 * k + 1] = f.target));
      unchecked((out[at + 3 * k + 2] = f.cut));
    }
    unchecked((out[at + 3 * this.feeds.length] = this.lostNow));
  }

  settled(w: World): bool {
    // a cut still phasing in makes more positions liquidatable as it goes
    for (let k = 0; k < this.feeds.length; k++) {
      const f = unchecked(this.feeds[k]);
      if (f.cut != f.target) return false;
    }
    return true;
  }

  state(which: i32, k: i32): f64 {
    if (which == MARGIN_AVERAGE_CUT) {
      if (this.steps == 0 || this.feeds.length == 0) return 0;
      let sum: f64 = 0;
      for (let j = 0; j < this.feeds.length; j++) sum += unchecked(this.feeds[j]).cutSum;
      return sum / (<f64>this.steps * <f64>this.feeds.length);
    }
    if (which == MARGIN_LARGEST_CUT) return this.largest;
    if (which == MARGIN_LOST_BORROWING_POWER) return max(this.lostPeak, this.lostNow);
    return <f64>this.tightened; // MARGIN_TIGHTENED_STEPS
  }
}

// ---- building and reading (called by the TypeScript side) ------------------------------------

/**
 * A circuit breaker (see the top of this file); returns its index among the world's mitigations.
 * trip, slip and pauseDrop are fractions (slip 0: no slippage trip; pauseDrop 0: no pause); perStep, perWindow quote (Infinity: none).
 */
export function worldBreaker(
  h: i32,
  window: i32,
  trip: f64,
  slip: f64,
  hold: i32,
  bonusFactor: f64,
  ramp: i32,
  twap: i32,
  perStep: f64,
  perWindow: f64,
  pauseDrop: f64,
  pauseSteps: i32,
): i32 {
  const w = world(h);
  return w.addMitigation(
    new CircuitBreaker(window, trip, slip, hold, bonusFactor, ramp, twap, perStep, perWindow, pauseDrop, pauseSteps),
  );
}

/** A dynamic margin; returns its index among the world's mitigations. */
export function worldMargin(h: i32, maxCut: f64, sensitivity: f64, volWindow: i32, phaseIn: i32): i32 {
  const w = world(h);
  return w.addMitigation(new DynamicMargin(maxCut, sensitivity, volWindow, phaseIn, w.stepSeconds));
}

/** A mitigation's figure `which` (its own codes in bindings/codes.ts), `k` a part of it (a basket). */
export function worldMitigationState(h: i32, m: i32, which: i32, k: i32): f64 {
  return unchecked(world(h).mitigations[m]).state(which, k);
}
