// The state of one simulation: assets, venues, oracles, protocols, agents, shocks, and the
// timeline being recorded. Built by the TypeScript side through the functions of build.ts,
// stepped by run.ts. Small structures are managed objects; columns of positions live in
// StaticArrays of their protocol.
import { OUTAGE_MISSING, OUTAGE_NONE } from "../../bindings/codes";
import { PREP_COLUMNS } from "../exposure";
import { venuePrice } from "../venue";
import { Absorber, Incentive } from "./absorber";

export class Asset {
  price0: f64; // price at step 0
  ref: f64; // the exogenous reference price this step (the path's, else price0)
  vol: f64;
  // its market price, in quote units (USD): the depth-weighted mean of its venues' prices (see
  // run.ts markets); NaN when it has no venue
  market: f64 = NaN;
  market0: f64 = NaN; // before step 0
  marketLow: f64 = NaN; // the lowest after any step
  refVenue: i32 = -1; // a venue the scenario names as its reference (-1: all, weighted by depth)
  constructor(price: f64, vol: f64) {
    this.price0 = price;
    this.ref = price;
    this.vol = vol;
  }
}

export class Venue {
  kind: i32;
  at: usize;
  base: i32;
  quote: i32;
  profile: usize; // an order book's makers (0: none)
  constructor(kind: i32, at: usize, base: i32, quote: i32, profile: usize) {
    this.kind = kind;
    this.at = at;
    this.base = base;
    this.quote = quote;
    this.profile = profile;
  }
  last: f64 = NaN; // the last price it showed
  weight: f64 = 0; // its weight in its base asset's market price (base sellable within 5% at the start)
  price0: f64 = NaN; // before step 0
  low: f64 = NaN; // the lowest after any step
  /** Its price; a book emptied on both sides keeps showing its last price (it has no other). */
  price(): f64 {
    const p = venuePrice(this.kind, this.at);
    if (p == p) this.last = p;
    return this.last;
  }
}

/** A wrong source of an oracle from step `first` to `last` (FAULT_*): a constant, a multiple, or a lagged copy. */
export class Fault {
  ring: StaticArray<f64>; // the source's true prices, the last lag + 1
  seen: i32 = 0;
  constructor(
    public source: i32, // which of the oracle's sources
    public mode: i32,
    public value: f64, // the constant or the factor
    public lag: i32, // steps
    public first: i32,
    public last: i32,
  ) {
    this.ring = new StaticArray<f64>(lag + 1);
  }
}

export class Oracle {
  type: i32;
  sources: StaticArray<i32>; // ≥ 0: a venue; < 0: the asset -(s + 1)
  weights: StaticArray<f64>; // an index's, per source
  latency: i32;
  window: i32;
  deviation: f64; // a fraction
  heartbeat: i32;
  history: StaticArray<f64>; // observations (after median/TWAP), a ring of latency + 1
  observed: i32 = 0; // observations made
  published: f64;
  lastPublished: i32 = 0; // step of the push oracle's last publication
  twap: StaticArray<f64>; // raw observations for the TWAP window
  // a manipulation or fracture: publish `forced` from `forcedFrom` to `forcedTo`
  forced: f64 = NaN;
  forcedFrom: i32 = -1;
  forcedTo: i32 = -1;
  faults: Array<Fault> = [];
  maxAge: i32 = -1; // a price older than this many steps is missing to the protocols (-1: no limit)
  age: i32 = 0; // steps since its last publication
  observedAt: i32 = -1; // the step of its last observation
  outage: i32 = OUTAGE_NONE; // this step's (a shock sets it)
  // bounded to a band around another oracle (Compound's anchor): -1 for none
  anchor: i32 = -1;
  band: f64 = 0; // accepted when (1 − band) ≤ anchor's price / its own ≤ (1 + band)
  clamp: bool = false; // outside: publish the band's nearest edge (else keep the last price)
  /** Whether protocols can use its price: published, and not older than maxAge. */
  usable(): bool {
    return (
      this.outage != OUTAGE_MISSING && (this.maxAge < 0 || this.age <= this.maxAge) && this.published == this.published
    );
  }
  constructor(type: i32, nSources: i32, latency: i32, window: i32, deviation: f64, heartbeat: i32) {
    this.type = type;
    this.sources = new StaticArray<i32>(nSources);
    this.weights = new StaticArray<f64>(nSources);
    this.latency = latency;
    const span = window > 0 ? window : 1;
    this.window = span;
    this.deviation = deviation;
    this.heartbeat = heartbeat;
    this.history = new StaticArray<f64>(latency + 1);
    this.twap = new StaticArray<f64>(span);
    this.published = NaN; // until its sources are in (worldOracleReady)
  }
}

/** Who repays debt and takes collateral; capital Infinity is unlimited. */
export class Liquidator {
  capital: f64;
  maxPerStep: i32;
  used: i32 = 0; // liquidations this step
  venue: i32; // where seized collateral is sold
  hold: bool; // keeps what it seizes instead of selling
  minProfit: f64; // a fraction, for auctions
  protocols: StaticArray<i32>; // empty: every protocol
  held: f64 = 0; // collateral kept or left unsold (units of the sell venue's base)
  id: i32 = -1; // its index in the world (events name it)
  offline: bool = false; // this step (a keeper outage)
  buyVenue: i32 = -1; // where it buys a volatile debt it repays (-1: bought at the oracle's price, no trade)
  constructor(capital: f64, maxPerStep: i32, venue: i32, hold: bool, minProfit: f64, nProtocols: i32) {
    this.capital = capital;
    this.maxPerStep = maxPerStep;
    this.venue = venue;
    this.hold = hold;
    this.minProfit = minProfit;
    this.protocols = new StaticArray<i32>(nProtocols);
  }
  worksOn(protocol: i32): bool {
    if (this.protocols.length == 0) return true;
    for (let i = 0; i < this.protocols.length; i++) if (unchecked(this.protocols[i]) == protocol) return true;
    return false;
  }

  /** It works for `protocol` and has block space left this step (a congestion shock lowers it). */
  canAct(w: World, protocol: i32): bool {
    const cap = w.congestion >= 0 ? min(w.congestion, this.maxPerStep) : this.maxPerStep;
    return !this.offline && this.used < cap && this.worksOn(protocol);
  }
}

/** Options dealers hedging a chain on a venue. */
export class Dealer {
  venue: i32;
  n: i32; // options
  strike: StaticArray<f64>;
  days: StaticArray<f64>;
  vol: StaticArray<f64>;
  position: StaticArray<f64>;
  call: StaticArray<u8>;
  time: StaticArray<f64>; // years left, this step
  rate: f64;
  prep: StaticArray<f64>; // the chain prepared at this step's time (exposure.ts, PREP_COLUMNS padded columns)
  hedgeSpot: f64 = NaN; // the spot of the last hedge
  flow: f64 = 0; // base traded this step (negative: sold)
  owed: f64 = 0; // base it could not trade (the venue ran out), carried to the next hedge
  constructor(venue: i32, n: i32, rate: f64) {
    this.venue = venue;
    this.n = n;
    this.strike = new StaticArray<f64>(n);
    this.days = new StaticArray<f64>(n);
    this.vol = new StaticArray<f64>(n);
    this.position = new StaticArray<f64>(n);
    this.call = new StaticArray<u8>(n);
    this.time = new StaticArray<f64>(n);
    this.rate = rate;
    this.prep = new StaticArray<f64>(PREP_COLUMNS * ((n + 1) & ~1));
  }
}

/** Years left to each of n expiries given in days from step 0, `elapsedDays` later (0 once past). */
export function yearsLeft(days: StaticArray<f64>, elapsedDays: f64, out: StaticArray<f64>, n: i32): void {
  for (let k = 0; k < n; k++) {
    const t = (unchecked(days[k]) - elapsedDays) / 365.0;
    unchecked((out[k] = t > 0 ? t : 0));
  }
}

export class Arbitrageur {
  a: i32;
  b: i32;
  capital: f64;
  constructor(a: i32, b: i32, capital: f64) {
    this.a = a;
    this.b = b;
    this.capital = capital;
  }
}

export class Shock {
  every: i32;
  prices: StaticArray<f64>;
  constructor(
    public type: i32,
    public target: i32, // venue, asset or oracle
    public amount: f64, // base sold, quote spent, forced price, or liquidations per step
    public first: i32,
    public last: i32, // last step (inclusive)
    public pull: f64,
    every: i32,
    nPrices: i32,
  ) {
    this.every = every > 0 ? every : 1;
    this.prices = new StaticArray<f64>(nPrices);
  }
  /** The path's price at `step` (linear between the given prices from step `first`, then the last one). */
  pathPrice(step: i32): f64 {
    const n = this.prices.length;
    const x = <f64>max(step - this.first, 0) / <f64>this.every;
    const k = <i32>Math.floor(x);
    if (k >= n - 1) return unchecked(this.prices[n - 1]);
    const w = x - <f64>k;
    return unchecked(this.prices[k]) * (1 - w) + unchecked(this.prices[k + 1]) * w;
  }
}

/**
 * The grid level a liquidation price belongs to: the first of `n` descending prices at `grid` at
 * or below it (0 when it is at or above the first); -1 below the last.
 */
export function ladderLevel(grid: usize, n: i32, price: f64): i32 {
  if (!(price == price)) return -1;
  // binary search on the descending grid: the first k with grid[k] <= price
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (load<f64>(grid + ((<usize>mid) << 3)) <= price) hi = mid;
    else lo = mid + 1;
  }
  return lo < n ? lo : -1;
}

/** An account's figures in `account`'s out area. */
export const EXPOSURE: usize = 0;
export const EQUITY: usize = 8;

/** Adds `value` to element k of the f64 column at `col`. */
@inline export function addAt(col: usize, k: i32, value: f64): void {
  const at = col + ((<usize>k) << 3);
  store<f64>(at, load<f64>(at) + value);
}

/** What every protocol module does each step; see lending.ts, cdp.ts, perps.ts, vaults.ts. */
export abstract class Protocol {
  index: i32 = 0;
  badDebt: f64 = 0; // quote units, cumulative
  liquidations: i32 = 0; // this step
  notional: f64 = 0; // liquidated this step, quote units
  totalLiquidations: f64 = 0;
  totalNotional: f64 = 0;
  extra: f64 = NaN; // a protocol's own series (perps: the insurance fund)
  zeroBids: i32 = 0; // auctions settled at near-zero prices (CDPs)
  waiting: f64 = 0; // this step: debt (quote) of positions left liquidatable after it
  pending: bool = false; // something is still going on (an auction, a position left liquidatable)
  /** Finds and liquidates what the oracles' published prices make liquidatable. */
  abstract step(w: World): void;
  /** Positions whose debt already exceeds their collateral's value at the prices before step 0. */
  insolvent(w: World): i32 {
    return 0;
  }

  /**
   * The static liquidation ladder of `asset` (no feedback): with the other prices as before step
   * 0, each position holding it as collateral becomes liquidatable when its price falls to some
   * level; add its collateral of `asset` (units) to `coll[k]` and its debt (quote) to `debt[k]`
   * for the first grid level k (prices descending from the current one) at or below that level.
   * Levels past the grid's last are dropped; a position liquidatable already goes to level 0.
   */
  ladder(w: World, asset: i32, grid: usize, n: i32, coll: usize, debt: usize): void {}

  /** Accounts (positions, vaults) it holds. */
  count(): i32 {
    return 0;
  }

  /** Before a loop of `account` calls: fix the prices (its oracles' now) the accounts are valued at. */
  valueAccounts(w: World): void {}

  /**
   * Account i at the prices `valueAccounts` fixed: its gross exposure (quote: collateral value, a perp's
   * notional) to EXPOSURE, its equity (exposure less what it owes) to EQUITY, and its exposure per
   * world asset added to `byAsset` (an f64 per asset; 0: not wanted).
   */
  account(w: World, i: i32, out: usize, byAsset: usize): void {}
}

/**
 * What every mitigation does in the step (rules.ts, lending.ts): it observes after the oracles
 * publish and before the protocols act, records its own timeline series after the step, and
 * says whether something it holds back may still change what is liquidatable.
 */
export abstract class Mitigation {
  observe(w: World): void {}
  /** Its timeline series per row. */
  series(): i32 {
    return 0;
  }
  /** Writes its `series()` values of this step at out[at…]. */
  record(w: World, out: StaticArray<f64>, at: i32): void {}
  settled(w: World): bool {
    return true;
  }
  /** Its summary figure `which` (bindings/codes.ts), `k` a part of it. */
  state(which: i32, k: i32): f64 {
    return NaN;
  }
}

const SECONDS_PER_DAY: f64 = 86400.0;

export class World {
  stepSeconds: f64;
  steps: i32;
  step: i32 = 0;
  passive: bool; // no liquidations nor hedging: the exogenous counterfactual
  assets: Array<Asset> = [];
  venues: Array<Venue> = [];
  oracles: Array<Oracle> = [];
  protocols: Array<Protocol> = [];
  liquidators: Array<Liquidator> = [];
  dealers: Array<Dealer> = [];
  arbitrageurs: Array<Arbitrageur> = [];
  shocks: Array<Shock> = [];
  mitigations: Array<Mitigation> = [];
  absorbers: Array<Absorber> = []; // mitigations between forced sales and venues (absorbers.ts), in id order
  incentives: Array<Incentive> = []; // bids a liquidity incentive bought (incentives.ts)
  acting: i32 = -1; // the protocol stepping now (−1: none; absorbers take only what protocols force)
  congestion: i32 = -1; // liquidations per liquidator per step while a congestion shock lasts (-1: none)
  // this step's totals over the protocols, and cumulative
  slippage: f64 = 0; // quote lost to venue slippage by forced sellers, cumulative
  forced: f64 = 0; // …what they sold or bought, at the price before each trade, cumulative
  series: StaticArray<f64> = new StaticArray<f64>(0); // the timeline (see run.ts): rows while running, then columns
  columnar: bool = false;
  nSeries: i32 = 0;
  every: i32; // the timeline keeps one row per `every` steps (the last of each)
  timeline: bool; // false (every 0): no timeline is kept, only totals and the lows (stress paths)
  ran: i32 = 0; // steps run
  constructor(stepSeconds: f64, steps: i32, passive: bool, every: i32) {
    this.stepSeconds = stepSeconds;
    this.steps = steps;
    this.passive = passive;
    this.every = every > 0 ? every : 1;
    this.timeline = every > 0;
  }

  /** Rows of the timeline: ceil(steps / every). */
  get rows(): i32 {
    return (this.steps + this.every - 1) / this.every;
  }

  /**
   * The price a protocol sees of an asset: its oracle's published price (NaN when the oracle has
   * published nothing or only a price older than its maxAge: a contract reading it reverts), or
   * (oracle −1) the asset's exogenous price.
   */
  @inline priceOf(oracle: i32, asset: i32): f64 {
    if (oracle < 0) return unchecked(this.assets[asset]).ref;
    const o = unchecked(this.oracles[oracle]);
    return o.usable() ? o.published : NaN;
  }

  /** The price an oracle source shows now: a venue's, or an asset's reference price. */
  sourcePrice(source: i32): f64 {
    if (source >= 0) return unchecked(this.venues[source]).price();
    return unchecked(this.assets[-source - 1]).ref;
  }

  /** Days from step 0 to step `t` (option expiries count in days). */
  daysAt(t: i32): f64 {
    return (<f64>t * this.stepSeconds) / SECONDS_PER_DAY;
  }

  /** Adds a mitigation; returns its index. */
  addMitigation(m: Mitigation): i32 {
    this.mitigations.push(m);
    return this.mitigations.length - 1;
  }

  /** Adds a protocol; returns its index (the protocol knows it too). */
  addProtocol(p: Protocol): i32 {
    p.index = this.protocols.length;
    this.protocols.push(p);
    return p.index;
  }
}
