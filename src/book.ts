/**
 * A limit order book with price-time priority, matched in the core: limit and market orders,
 * O(1) cancel and reduce by id, depth queries, batches of operations in one call, and market
 * makers' depth that refills after it is eaten and withdraws when volatility rises.
 * @module
 */
import {
  BOOK_FULL,
  BUY,
  ORDER_BYTES,
  ORDER_FILLED,
  ORDER_LAST_PRICE,
  ORDER_NOTIONAL,
  ORDER_REMAINING,
  ORDER_STATUS,
  SELL,
} from "../bindings/codes.ts";
import type { Core, CoreExports } from "../bindings/core.ts";
import { core } from "../bindings/instance.ts";
import { freeBlock, ownBlock } from "../bindings/owned.ts";
import { outputArrays } from "./columns.ts";
import { inRange, lengthError, object, range, rangeError, typeError } from "./validate.ts";
import { type SwapResult, type SwapSide, sideOf, swapResult, VENUE, VENUE_KIND, type VenueRef } from "./venue.ts";

/** "buy" or "sell" (the same sides as the pools'). */
export type Side = SwapSide;

const F64 = 8;
/** Order ids name a slot in 24 bits (slot 0 is none): the most orders a book can hold. */
const MAX_ORDERS = 16_777_215;
/** Slots of a growing book before its first growth: small, since most books stay small. */
const FIRST_SLOTS = 4096;

/** Options of {@link OrderBook}. */
export interface OrderBookOptions {
  /** Price step in quote units (> 0). */
  tickSize: number;
  /** Quantity step in base units (> 0); default 1e-8. Quantities are exact multiples of it. */
  lotSize?: number;
  /** The highest price the book can hold; default tickSize × 2^20 (prices are ticks < 2^24). */
  maxPrice?: number;
  /**
   * A hard cap on resting orders (1 to 16,777,215): their slots are allocated at once and an
   * order that would rest beyond them is refused. Without it the book grows as orders rest, up
   * to 16,777,215 (an order id's 24 bits of slot).
   */
  capacity?: number;
}

/** What a limit order did: `filled` at once for `notional`; `remaining` rests under `id` (0 if none). */
export interface LimitResult {
  id: number;
  filled: number;
  notional: number;
  remaining: number;
}

/** What a market order did. `avgPrice` and `lastPrice` are NaN if nothing filled. */
export interface MarketResult {
  filled: number;
  notional: number;
  avgPrice: number;
  lastPrice: number;
  /** Quantity the book could not fill (it ran out of orders). */
  remaining: number;
}

/** Parametric depth of the market makers: levels around a mid, per side. */
export interface DepthProfile {
  /** The price the levels are placed around. */
  mid: number;
  /** Distance between best bid and best ask, in basis points of `mid`. */
  spreadBps: number;
  /** Levels per side. */
  levels: number;
  /** Distance between levels, in basis points of `mid`. */
  levelBps: number;
  /** Quantity at the first level, in base units. */
  qtyPerLevel: number;
  /** Level i holds qtyPerLevel × decay^i (default 1: flat). */
  decay?: number;
}

/** How makers' depth comes back and goes away (see {@link OrderBook.replenish}). */
export interface Resilience {
  /** Half-life of the refill of eaten depth, in seconds (Obizhaeva–Wang resilience). */
  halfLifeSeconds: number;
  /** Half-life of the realized-volatility estimate, in seconds; default 300. */
  volHalfLifeSeconds?: number;
  /** The calm annualized volatility σ₀ above which depth withdraws; default 0.8. */
  baseVol?: number;
  /** How fast depth withdraws as σ rises: factor 1/(1 + sensitivity·max(0, σ/σ₀ − 1)); default 1. */
  sensitivity?: number;
}

/** An L2 snapshot as exchanges publish it: [price, quantity] per level. */
export interface Snapshot {
  bids: [number, number][];
  asks: [number, number][];
}

/** Operations for {@link OrderBook.batch}, as columns. */
export interface Batch {
  /** 0 limit, 1 market, 2 cancel, 3 reduce. */
  op: Uint8Array;
  /** 0 buy, 1 sell (limit and market). */
  side: Uint8Array;
  /** Limit prices (ignored by the other operations). */
  price: Float64Array;
  /** Quantities: of the order, or by how much to reduce. */
  qty: Float64Array;
  /** Ids to cancel or reduce; -k refers to the order that operation k − 1 of this batch placed. */
  id: Float64Array;
}

/** Per operation of a batch; `id` is the resting id (limit), 1/0 (cancel) or the quantity left, -1 if unknown (reduce). */
export interface BatchResult {
  id: Float64Array;
  filled: Float64Array;
  notional: Float64Array;
  remaining: Float64Array;
}

const POSITIVE = range(Number.MIN_VALUE, 1e15);

/**
 * An order book in the core.
 * @example
 * ```ts
 * const book = new OrderBook({ tickSize: 0.01 });
 * book.limit("sell", 2001, 5);
 * const { filled, avgPrice } = book.market("buy", 2);
 * book.dispose();
 * ```
 */
export class OrderBook {
  readonly tickSize: number;
  readonly lotSize: number;
  /** The hard cap on resting orders, if one was given (else the book grows). */
  readonly capacity: number | undefined;
  readonly #maxTicks: number;
  readonly #core: Core;
  #ptr: number;
  #profile = 0;
  #resilience: Required<Resilience> | undefined;
  readonly #profileOwner = {};

  /** @throws RangeError/TypeError naming the bad option */
  constructor(options: OrderBookOptions) {
    object("options", options);
    this.tickSize = inRange("tickSize", options.tickSize, range(1e-12, 1e9));
    this.lotSize = inRange("lotSize", options.lotSize ?? 1e-8, range(1e-18, 1e9));
    const maxPrice = inRange(
      "maxPrice",
      options.maxPrice ?? this.tickSize * 2 ** 20,
      range(this.tickSize * 2, this.tickSize * 2 ** 24),
    );
    this.#maxTicks = Math.floor(maxPrice / this.tickSize) + 1;
    const cap =
      options.capacity === undefined ? undefined : inRange("capacity", options.capacity, range(1, MAX_ORDERS));
    if (cap !== undefined && !Number.isInteger(cap)) throw rangeError("capacity", "a whole number", cap);
    this.capacity = cap;
    // capped: every slot now, none later; else a few now and more as orders rest
    const slots = cap ?? FIRST_SLOTS;
    this.#core = core();
    const bytes = this.#core.exports.bookBytes(this.#maxTicks, slots);
    this.#ptr = ownBlock(this, bytes, releaseBook);
    this.#core.exports.bookInit(this.#ptr, this.tickSize, this.lotSize, this.#maxTicks, slots, cap ?? MAX_ORDERS);
  }

  /** The error of an order refused by a book full at its cap (nothing was done). */
  #full(at: string): RangeError {
    return new RangeError(`the order book is full (capacity ${this.capacity ?? MAX_ORDERS} orders)${at}`);
  }

  #self(): number {
    if (!this.#ptr) throw new Error("fracture: this OrderBook was disposed");
    return this.#ptr;
  }

  /** Price → tick, checked by the core's own rule: on the grid and inside the book. */
  #tick(name: string, price: unknown): number {
    if (typeof price !== "number") throw typeError(name, "a price (number)", price);
    const tick = this.#core.exports.bookTick(this.#self(), price);
    if (tick < 0) {
      throw rangeError(
        name,
        `a multiple of the tick size ${this.tickSize} in (0, ${(this.#maxTicks - 1) * this.tickSize}]`,
        price,
      );
    }
    return tick;
  }

  /** Quantity → lots, checked by the core's own rule: positive, on the lot grid, below 2^53 lots. */
  #lots(name: string, qty: unknown): number {
    if (typeof qty !== "number") throw typeError(name, "a quantity (number)", qty);
    const lots = this.#core.exports.bookLots(this.#self(), qty);
    if (Number.isNaN(lots)) throw rangeError(name, `a positive multiple of the lot size ${this.lotSize}`, qty);
    return lots;
  }

  /** A result area for one order, in the core's scratch block. */
  #orderArea(): number {
    return this.#core.scratch(ORDER_BYTES);
  }

  /** A field of an order's result area (ORDER_*). */
  #field(area: number, offset: number): number {
    return this.#core.f64[(area + offset) / F64];
  }

  /**
   * A limit order: the part that crosses executes at once at the resting prices (best first,
   * then oldest first); the rest rests at `price` under the returned `id`.
   * @throws RangeError when the book is full at its `capacity` (or at 16,777,215 orders) and
   *   the order would rest (nothing is done)
   */
  limit(side: Side, price: number, qty: number): LimitResult {
    const s = sideOf(side);
    const tick = this.#tick("price", price);
    const lots = this.#lots("qty", qty);
    const out = this.#orderArea();
    const id = this.#core.guard(() => this.#core.exports.bookLimit(this.#self(), s, tick, lots, out));
    if (this.#field(out, ORDER_STATUS) === BOOK_FULL) throw this.#full(": nothing was done");
    return {
      id,
      filled: this.#field(out, ORDER_FILLED),
      notional: this.#field(out, ORDER_NOTIONAL),
      remaining: this.#field(out, ORDER_REMAINING),
    };
  }

  /** A market order: walks the other side from the best price until filled or the book runs out. */
  market(side: Side, qty: number): MarketResult {
    const s = sideOf(side);
    const lots = this.#lots("qty", qty);
    const out = this.#orderArea();
    this.#core.guard(() => this.#core.exports.bookMarket(this.#self(), s, lots, out));
    const filled = this.#field(out, ORDER_FILLED);
    const notional = this.#field(out, ORDER_NOTIONAL);
    return {
      filled,
      notional,
      avgPrice: filled > 0 ? notional / filled : Number.NaN,
      lastPrice: this.#field(out, ORDER_LAST_PRICE),
      remaining: this.#field(out, ORDER_REMAINING),
    };
  }

  /** Cancels an order; false (and nothing done) if the id is unknown, filled or cancelled. */
  cancel(id: number): boolean {
    if (typeof id !== "number") throw typeError("id", "an order id (number)", id);
    return this.#core.exports.bookCancel(this.#self(), id) === 1;
  }

  /**
   * Reduces an order by `qty`, keeping its place in the queue (to 0: cancelled). Returns the
   * quantity left, or NaN if the id is unknown, filled or cancelled.
   */
  reduce(id: number, qty: number): number {
    if (typeof id !== "number") throw typeError("id", "an order id (number)", id);
    const lots = this.#lots("qty", qty);
    const left = this.#core.exports.bookReduce(this.#self(), id, lots);
    return left < 0 ? Number.NaN : this.#core.exports.bookQty(this.#self(), left);
  }

  /** The highest bid, NaN if there are none. */
  bestBid(): number {
    return this.#core.exports.bookBestPrice(this.#self(), BUY);
  }

  /** The lowest ask, NaN if there are none. */
  bestAsk(): number {
    return this.#core.exports.bookBestPrice(this.#self(), SELL);
  }

  /** The mid of best bid and ask (NaN unless both exist). */
  mid(): number {
    return (this.bestBid() + this.bestAsk()) / 2;
  }

  /** The book's price as a venue: the mid, or the best price of its only side, or NaN. */
  price(): number {
    return this.#core.exports.bookPrice(this.#self());
  }

  /**
   * Trades like a pool: `"sell"` `amountIn` base (its whole lots) at the bids, `"buy"` with
   * `amountIn` quote (the whole lots it pays for) at the asks. `remaining` is the input left:
   * dust below a lot, or what the book could not take.
   */
  swap(side: Side, amountIn: number): SwapResult {
    return this.#swap(side, amountIn, 1);
  }

  /** What {@link swap} would do, without trading. */
  quote(side: Side, amountIn: number): SwapResult {
    return this.#swap(side, amountIn, 0);
  }

  #swap(side: Side, amountIn: number, commit: number): SwapResult {
    const s = sideOf(side);
    const a = inRange("amountIn", amountIn, range(0, 1e30));
    const c = this.#core;
    const out = c.scratch(32);
    return swapResult(
      c,
      c.guard(() => c.exports.bookSwap(this.#self(), s, a, commit, out)),
      out,
    );
  }

  /** Its kind and state, for code that trades on any venue. */
  [VENUE](): VenueRef {
    return { kind: VENUE_KIND.book, ptr: this.#self(), profile: this.#profile };
  }

  /** Resting orders. */
  get size(): number {
    return this.#core.exports.bookLive(this.#self());
  }

  /** The first `levels` price levels of `side` from the best price. */
  depth(side: Side, levels: number): { price: Float64Array; qty: Float64Array } {
    const s = sideOf(side);
    const n = inRange("levels", levels, range(0, this.#maxTicks));
    const c = this.#core;
    const at = c.scratch(2 * n * F64 + F64);
    const k = c.exports.bookDepth(this.#self(), s, n, at, at + n * F64);
    const heap = c.f64;
    return { price: heap.slice(at / F64, at / F64 + k), qty: heap.slice(at / F64 + n, at / F64 + n + k) };
  }

  /**
   * Quantity and notional resting on `side` within `bps` basis points of the mid (of the best
   * price of that side when the other side is empty): what can be sold (bids) or bought (asks)
   * before the price moves that far.
   */
  liquidityWithin(side: Side, bps: number): { qty: number; notional: number } {
    const s = sideOf(side);
    inRange("bps", bps, range(0, 1e6));
    const best = s === BUY ? this.bestBid() : this.bestAsk();
    const other = s === BUY ? this.bestAsk() : this.bestBid();
    const ref = Number.isNaN(other) ? best : (best + other) / 2;
    if (Number.isNaN(ref)) return { qty: 0, notional: 0 };
    const band = (ref * bps) / 1e4;
    const from = s === BUY ? Math.ceil((ref - band) / this.tickSize - 1e-9) : 1;
    const to = s === BUY ? this.#maxTicks - 1 : Math.floor((ref + band) / this.tickSize + 1e-9);
    const out = this.#orderArea();
    const lots = this.#core.exports.bookWithin(this.#self(), s, Math.max(1, from), to, out);
    return { qty: lots * this.lotSize, notional: this.#field(out, 0) };
  }

  /**
   * Copies a batch into the core's scratch block and checks every row there (converting prices to
   * ticks and sizes to lots); `bad` is the first bad row << 4 | its column's code, or -1.
   */
  #load(ops: Batch, n: number) {
    const c = this.#core;
    const base = c.scratch(n * (2 + 7 * F64) + 16);
    const col = (k: number) => ((base + 2 * n + 15) & ~15) + k * n * F64;
    c.u8.set(ops.op, base);
    c.u8.set(ops.side, base + n);
    const heap = c.f64;
    heap.set(ops.price, col(0) / F64);
    heap.set(ops.qty, col(1) / F64);
    heap.set(ops.id, col(2) / F64);
    const bad = c.exports.bookBatchCheck(this.#self(), n, base, base + n, col(0), col(1), col(2));
    return { base, col, bad };
  }

  /**
   * Runs many operations in one call to the core (see {@link Batch}). Every row is checked
   * first; bad rows throw before anything runs. Pass `out` (columns of the batch's length) to
   * reuse your arrays.
   * @throws RangeError naming the row and column; RangeError if the book is full at its
   *   capacity (operations before that row have run; `ran` on the error says how many)
   */
  batch(ops: Batch, out?: Partial<BatchResult>): BatchResult {
    object("ops", ops);
    const n = batchLength(ops);
    const result = outputArrays(n, ["id", "filled", "notional", "remaining"], out, "operations");
    const c = this.#core;
    const { base, col, bad } = this.#load(ops, n);
    if (bad >= 0) throw badRow(bad >> 4, bad & 15, ops, this);
    const self = this.#self();
    const ran = c.guard(() =>
      c.exports.bookBatch(self, n, base, base + n, col(0), col(1), col(2), col(3), col(4), col(5), col(6)),
    );
    const written = c.f64;
    const names = ["id", "filled", "notional", "remaining"] as const;
    names.forEach((name, k) => {
      result[name].set(written.subarray(col(3 + k) / F64, col(3 + k) / F64 + ran));
    });
    if (ran < n) {
      throw Object.assign(this.#full(` at operation ${ran}`), { ran, result });
    }
    return result;
  }

  /**
   * Seeds market makers' depth from a parametric profile (see {@link DepthProfile}) and sets
   * how it comes back and goes away; {@link replenish} moves it forward in time.
   */
  seedProfile(profile: DepthProfile, resilience: Resilience = { halfLifeSeconds: 60 }): void {
    object("profile", profile);
    object("resilience", resilience);
    const mid = inRange("profile.mid", profile.mid, POSITIVE);
    const spread = inRange("profile.spreadBps", profile.spreadBps, range(0, 1e4)) / 1e4;
    const levels = inRange("profile.levels", profile.levels, range(1, 100_000));
    if (!Number.isInteger(levels)) throw rangeError("profile.levels", "a whole number", levels);
    const step = inRange("profile.levelBps", profile.levelBps, range(0, 1e4)) / 1e4;
    const qty = inRange("profile.qtyPerLevel", profile.qtyPerLevel, POSITIVE);
    const decay = inRange("profile.decay", profile.decay ?? 1, range(0, 1));
    if (spread / 2 + (levels - 1) * step >= 1)
      throw rangeError("profile", "levels that stay above a price of 0", `${levels} levels`);
    const dist = Float64Array.from({ length: levels }, (_, i) => spread / 2 + i * step);
    // qty·decay^i by products, not the host's pow: the same bits on every runtime
    const lots = new Float64Array(levels);
    for (let i = 0, q = qty; i < levels; i++, q *= decay) lots[i] = Math.round(q / this.lotSize);
    this.#setProfile(mid, dist, lots, lots, resilience);
  }

  #setProfile(
    mid: number,
    dist: Float64Array,
    bidLots: Float64Array,
    askLots: Float64Array,
    resilience: Resilience,
  ): void {
    const r: Required<Resilience> = {
      halfLifeSeconds: inRange("resilience.halfLifeSeconds", resilience.halfLifeSeconds, range(1e-9, 1e12)),
      volHalfLifeSeconds: inRange(
        "resilience.volHalfLifeSeconds",
        resilience.volHalfLifeSeconds ?? 300,
        range(1e-9, 1e12),
      ),
      baseVol: inRange("resilience.baseVol", resilience.baseVol ?? 0.8, range(1e-6, 1e6)),
      sensitivity: inRange("resilience.sensitivity", resilience.sensitivity ?? 1, range(0, 1e6)),
    };
    if (this.#profile) throw new Error("fracture: this OrderBook already has a profile");
    const c = this.#core;
    const n = dist.length;
    this.#profile = ownBlock(this.#profileOwner, c.exports.profileBytes(n));
    const at = c.scratch(3 * n * F64);
    c.f64.set(dist, at / F64);
    c.f64.set(bidLots, at / F64 + n);
    c.f64.set(askLots, at / F64 + 2 * n);
    c.exports.profileInit(
      this.#self(),
      this.#profile,
      n,
      at,
      at + n * F64,
      at + 2 * n * F64,
      r.halfLifeSeconds,
      r.volHalfLifeSeconds,
      r.baseVol,
      r.sensitivity,
    );
    this.#resilience = r;
    this.replenish(0, mid);
  }

  /**
   * Moves the market makers `dtSeconds` forward to the reference price `refPrice` (default:
   * the current mid): eaten depth refills by 1 − 2^(−dt/halfLife), excess withdraws at once,
   * levels re-quote around the new reference, and the depth factor follows the realized
   * volatility of the reference. Returns the depth factor (1 when calm).
   */
  replenish(dtSeconds: number, refPrice?: number): number {
    if (!this.#profile) throw new Error("fracture: this OrderBook has no profile (call seedProfile first)");
    const dt = inRange("dtSeconds", dtSeconds, range(0, 1e12));
    const ref = inRange("refPrice", refPrice ?? this.mid(), POSITIVE);
    return this.#core.guard(() => this.#core.exports.profileReplenish(this.#self(), this.#profile, dt, ref));
  }

  /** The makers' annualized realized volatility and their current depth factor. */
  get makers(): { realizedVol: number; depthFactor: number } {
    if (!this.#profile) return { realizedVol: 0, depthFactor: 1 };
    return {
      realizedVol: this.#core.exports.profileState(this.#profile, 0),
      depthFactor: this.#core.exports.profileState(this.#profile, 1),
    };
  }

  /**
   * Liquidity velocity: the notional per second the makers put back within `bps` of the mid
   * when that band has been eaten — target depth in the band × ln2 / halfLife, at the current
   * depth factor. A seller slower than this does not wear the band down.
   */
  liquidityVelocity(side: Side, bps: number): number {
    const s = sideOf(side);
    inRange("bps", bps, range(0, 1e6));
    if (!this.#resilience || Number.isNaN(this.mid())) return 0;
    const target = this.#core.exports.profileTarget(this.#self(), this.#profile, s, bps, this.mid());
    return (target * Math.LN2) / this.#resilience.halfLifeSeconds;
  }

  /**
   * Adds an L2 snapshot as resting orders (one per level), e.g. to start from a real book.
   * @throws RangeError if a side crosses the other or a level is off the grid
   */
  seedSnapshot(snapshot: Snapshot): void {
    object("snapshot", snapshot);
    const rows: [Side, [number, number][]][] = [
      ["buy", snapshot.bids],
      ["sell", snapshot.asks],
    ];
    for (const [side, levels] of rows) {
      const name = side === "buy" ? "bids" : "asks";
      if (!Array.isArray(levels)) throw typeError(`snapshot.${name}`, "an array of [price, qty]", levels);
      levels.forEach((level, i) => {
        if (!Array.isArray(level) || level.length < 2) throw typeError(`snapshot.${name}[${i}]`, "[price, qty]", level);
        if (typeof level[0] !== "number") throw typeError(`snapshot.${name}[${i}][0]`, "a price (number)", level[0]);
        if (typeof level[1] !== "number") throw typeError(`snapshot.${name}[${i}][1]`, "a quantity (number)", level[1]);
      });
    }
    const levels = [...snapshot.bids, ...snapshot.asks];
    const n = levels.length;
    const ops: Batch = {
      op: new Uint8Array(n),
      side: Uint8Array.from(levels, (_, k) => (k < snapshot.bids.length ? BUY : SELL)),
      price: Float64Array.from(levels, (l) => l[0]),
      qty: Float64Array.from(levels, (l) => l[1]),
      id: new Float64Array(n),
    };
    // every level on the grid first (checked in the core, all at once), then uncrossed
    const { bad } = this.#load(ops, n);
    if (bad >= 0) {
      const row = bad >> 4;
      const [name, i] = row < snapshot.bids.length ? ["bids", row] : ["asks", row - snapshot.bids.length];
      const column = (bad & 15) === 3 ? 0 : 1; // a price (3) or a size (4): op and side are ours
      throw rangeError(`snapshot.${name}[${i}][${column}]`, expectedOf(bad & 15, this), levels[row][column]);
    }
    // (a loop, not Math.max(...levels): a spread of 200k arguments overflows the stack)
    let bid = Number.NEGATIVE_INFINITY;
    let ask = Number.POSITIVE_INFINITY;
    for (const l of snapshot.bids) bid = Math.max(bid, l[0]);
    for (const l of snapshot.asks) ask = Math.min(ask, l[0]);
    if (!Number.isNaN(this.bestBid())) bid = Math.max(bid, this.bestBid());
    if (!Number.isNaN(this.bestAsk())) ask = Math.min(ask, this.bestAsk());
    if (bid >= ask)
      throw rangeError("snapshot", "bids below asks (an uncrossed book)", `best bid ${bid} ≥ best ask ${ask}`);
    this.batch(ops);
  }

  /** Frees the book's memory in the core now (otherwise the garbage collector does, where there is one). */
  dispose(): void {
    if (this.#profile) freeBlock(this.#profileOwner);
    if (this.#ptr) freeBlock(this);
    this.#ptr = 0;
    this.#profile = 0;
  }
}

/** A grown book's order slots live in a block of their own, freed before the book's. */
function releaseBook(e: CoreExports, ptr: number): void {
  e.bookRelease(ptr);
}

function batchLength(ops: Batch): number {
  const n = ops.op instanceof Uint8Array ? ops.op.length : -1;
  if (n < 0) throw typeError("ops.op", "a Uint8Array", ops.op);
  const cols: [keyof Batch, new (n: number) => ArrayLike<number>][] = [
    ["side", Uint8Array],
    ["price", Float64Array],
    ["qty", Float64Array],
    ["id", Float64Array],
  ];
  for (const [name, type] of cols) {
    const col = ops[name];
    if (!(col instanceof type)) throw typeError(`ops.${name}`, `a ${type.name}`, col);
    if (col.length !== n) throw lengthError(`ops.${name}`, col.length, n, 'the length of "ops.op"');
  }
  return n;
}

const FIELDS = ["", "op", "side", "price", "qty", "id"] as const;
const EXPECTED = [
  "",
  "0 (limit), 1 (market), 2 (cancel) or 3 (reduce)",
  "0 (buy) or 1 (sell)",
  "a multiple of the tick size inside the book",
  "a positive multiple of the lot size",
  "an order id, or -k for the order of an earlier limit operation k - 1",
];

function badRow(row: number, code: number, ops: Batch, book: OrderBook): RangeError {
  const field = FIELDS[code];
  const value = (ops as unknown as Record<string, ArrayLike<number>>)[field][row];
  return rangeError(`ops.${field}[${row}]`, expectedOf(code, book), value);
}

/** What a column of a batch row (its bookBatchCheck code) must hold. */
function expectedOf(code: number, book: OrderBook): string {
  if (code === 3) return `a multiple of the tick size ${book.tickSize} inside the book`;
  if (code === 4) return `a positive multiple of the lot size ${book.lotSize}`;
  return EXPECTED[code];
}
