// The state of the mitigations that trade: absorbers (committed capital between a forced sale
// and the venue; the mechanism is absorbers.ts) and liquidity incentives (bids bought for a
// budget; incentives.ts). Plain state, so that world.ts can hold it without importing the
// mechanisms.

/** A lot in an internal auction. */
export class Lot {
  constructor(
    public venue: i32,
    public qty: f64,
    public top: f64, // the oracle's price at the kick, quote units
    public kicked: i32, // step
    public liquidator: i32,
  ) {}
}

export class Absorber {
  kind: i32; // ABSORB_*
  asset: i32;
  oracle: i32; // −1: the asset's exogenous price
  protocols: StaticArray<i32>; // empty: every protocol
  capacity: f64 = Infinity; // quote
  discount: f64 = 0;
  floor: f64 = 0; // auction: the curve's last price, a share of its top
  auctionSteps: i32 = 1;
  liquidationFactor: f64 = 1;
  storeFront: f64 = 0; // storeFrontPriceFactor
  minOrder: f64 = 0; // quote
  unwind: i32; // steps
  // the unwind, per world venue
  inventory: StaticArray<f64>; // base held
  pending: StaticArray<f64>; // of it, not yet due
  rate: StaticArray<f64>; // base due per step by the schedules running
  active: StaticArray<i32>; // schedules running
  endRate: StaticArray<f64>; // venue v's ring at v·(unwind + 1): the rate that stops after that step
  endCount: StaticArray<i32>;
  lots: Array<Lot> = [];
  // capital at cost
  heldCost: f64 = 0; // of the inventory
  reserved: f64 = 0; // for lots in auction, at their top
  peak: f64 = 0;
  // figures over the run
  absorbed: f64 = 0; // base bought
  absorbedValue: f64 = 0; // quote paid
  discountEarned: f64 = 0; // quote: the oracle's value of what it bought less what it paid
  unwound: f64 = 0; // base sold
  unwoundValue: f64 = 0; // quote received
  unwoundCost: f64 = 0; // quote: the cost of what it sold
  passedOn: f64 = 0; // base it could not take (no room, no price, an auction no one bought)
  belowMin: f64 = 0; // base of orders under minOrder (backstop)
  aboveBid: f64 = 0; // base the venue took above the fund's bid (insurance)
  auctions: i32 = 0;
  won: i32 = 0;
  failed: i32 = 0;
  lastIntake: i32 = -1;
  lastSale: i32 = -1;

  constructor(kind: i32, asset: i32, oracle: i32, nVenues: i32, unwind: i32, nProtocols: i32) {
    this.kind = kind;
    this.asset = asset;
    this.oracle = oracle;
    this.unwind = unwind;
    this.protocols = new StaticArray<i32>(nProtocols);
    this.inventory = new StaticArray<f64>(nVenues);
    this.pending = new StaticArray<f64>(nVenues);
    this.rate = new StaticArray<f64>(nVenues);
    this.active = new StaticArray<i32>(nVenues);
    this.endRate = new StaticArray<f64>(nVenues * (unwind + 1));
    this.endCount = new StaticArray<i32>(nVenues * (unwind + 1));
  }

  /** It takes sales of `asset` forced by protocol `protocol` (≥ 0). */
  takes(protocol: i32, asset: i32): bool {
    if (asset != this.asset || protocol < 0) return false;
    if (this.protocols.length == 0) return true;
    for (let i = 0; i < this.protocols.length; i++) if (unchecked(this.protocols[i]) == protocol) return true;
    return false;
  }

  /** Quote it may still commit. */
  room(): f64 {
    return this.capacity - this.heldCost - this.reserved;
  }

  /** Notes the capital at cost now committed. */
  exposed(): void {
    const e = this.heldCost + this.reserved;
    if (e > this.peak) this.peak = e;
  }

  /** Base held over all venues. */
  held(): f64 {
    let s: f64 = 0;
    for (let v = 0; v < this.inventory.length; v++) s += unchecked(this.inventory[v]);
    return s;
  }

  /** Base in auction. */
  inAuction(): f64 {
    let s: f64 = 0;
    for (let i = 0; i < this.lots.length; i++) s += unchecked(this.lots[i]).qty;
    return s;
  }
}

/** Bids a liquidity incentive rests on an order book: planned when built, placed before step 0. */
export class Incentive {
  ids: Array<f64> = []; // the book's order ids
  placed: f64 = 0; // base
  constructor(
    public venue: i32,
    public low: f64, // the band's prices
    public high: f64,
    public depth: f64, // base to rest in it
  ) {}
}
