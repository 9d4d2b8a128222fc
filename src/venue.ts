/**
 * What the AMM pools share: the side of a swap, its result, the checks of their inputs, and the
 * plumbing of a pool whose state lives in the core (its block, its result area, `dispose`).
 * @module
 */
import { VENUE_BOOK, VENUE_CL, VENUE_CP, VENUE_STABLE } from "../bindings/codes.ts";
import type { Core } from "../bindings/core.ts";
import { core } from "../bindings/instance.ts";
import { freeBlock, ownBlock } from "../bindings/owned.ts";
import { bounded, rangeError, typeError } from "./validate.ts";

/** `"sell"`: base in, quote out. `"buy"`: quote in, base out. */
export type SwapSide = "buy" | "sell";

/** What a swap did (or, from `quote`, would do). */
export interface SwapResult {
  /** Tokens out: quote for a sell, base for a buy. */
  amountOut: number;
  /** The pool's price after the swap, quote per base. */
  price: number;
  /**
   * Input left unswapped because the pool ran out of liquidity on that side (only a
   * concentrated-liquidity pool can; 0 otherwise).
   */
  remaining: number;
  /** Input swapped, fee included: the argument, less `remaining` (both exact, rounded for the pool). */
  amountIn: number;
}

/** The interface every pool offers, for code that trades on any of them. */
export interface Pool {
  /** Swaps `amountIn` and updates the pool. */
  swap(side: SwapSide, amountIn: number): SwapResult;
  /** What {@link Pool.swap} would return, without changing the pool. */
  quote(side: SwapSide, amountIn: number): SwapResult;
  /** The current price, quote per base. */
  price(): number;
  /** Frees the pool's memory in the core now; the pool is unusable afterwards. */
  dispose(): void;
}

/** The largest amount or reserve a pool takes: no intermediate of its math can overflow below it. */
export const MAX_AMOUNT = 1e36;
/** The smallest reserve or liquidity a pool takes. */
export const MIN_RESERVE = 1e-12;

const SELL = 1;
const BUY = 0;

/**
 * The core's code of a side.
 * @param value what the caller passed
 * @returns 1 for `"sell"`, 0 for `"buy"`
 * @throws TypeError when it is not a string; RangeError when it is another string
 * @example
 * ```ts
 * sideOf("sell"); // 1
 * ```
 */
export function sideOf(value: unknown): number {
  if (value === "sell") return SELL;
  if (value === "buy") return BUY;
  const expected = `"buy" or "sell"`;
  throw typeof value === "string" ? rangeError("side", expected, value) : typeError("side", expected, value);
}

/**
 * An input amount: a number in [0, 1e36] (zero swaps nothing).
 * @param name the field, for the message
 * @param value what the caller passed
 * @returns the value
 * @throws TypeError when not a number; RangeError when negative, too large or not finite
 * @example
 * ```ts
 * amountOf("amountIn", 5); // 5
 * ```
 */
export function amountOf(name: string, value: unknown): number {
  if (typeof value === "number" && value >= 0 && value <= MAX_AMOUNT) return value;
  return bounded(name, value, 0, MAX_AMOUNT);
}

/** The kinds of venue of the core (assembly/venue.ts). */
export const VENUE_KIND = {
  book: VENUE_BOOK,
  constantProduct: VENUE_CP,
  concentratedLiquidity: VENUE_CL,
  stableSwap: VENUE_STABLE,
} as const;

/** How code trading on any venue reaches its state in the core (the arbitrage, the engine). */
export const VENUE = Symbol("fracture.venue");

/** A venue in the core: its kind and the address of its state. */
export interface VenueRef {
  kind: number;
  ptr: number;
  /** An order book's makers (see OrderBook.seedProfile), 0 or absent when it has none. */
  profile?: number;
}

/** Anything that trades in the core: the pools and the order book. */
export interface Venue {
  /** Where the core holds it (internal: simulate and arbitrage read it). */
  [VENUE](): VenueRef;
  /** The current price, quote per base. */
  price(): number;
}

/** A swap function of the core: (pool, side, amountIn, commit, result area) → amount out. */
export type CoreSwap = (self: number, side: number, amountIn: number, commit: number, out: number) => number;

/** A swap's result: `amountOut` and the core's result area at `out` (price after, input left, input used). */
export function swapResult(c: Core, amountOut: number, out: number): SwapResult {
  const f64 = c.f64;
  const at = out >>> 3;
  return { amountOut, price: f64[at + 1], remaining: f64[at + 2], amountIn: f64[at + 3] };
}

/**
 * A pool whose state is a block of the core's memory, followed by its swap result area.
 * Subclasses lay the block out and call the core's swap through {@link CorePool.run}.
 */
export abstract class CorePool {
  /** The core this pool lives in. */
  protected readonly core: Core;
  #ptr: number;
  readonly #out: number;

  /**
   * Allocates the pool's block: `stateBytes` of state, then the result area.
   * @param stateBytes the size of the core's state struct
   * @param kind the pool's VENUE_KIND
   */
  protected constructor(
    stateBytes: number,
    readonly kind: number,
  ) {
    this.core = core();
    const outBytes = Number(this.core.exports.POOL_OUT_BYTES.value);
    this.#ptr = ownBlock(this, stateBytes + outBytes);
    this.#out = this.#ptr + stateBytes;
  }

  /**
   * The address of the state.
   * @returns the pointer
   * @throws Error when the pool was disposed
   */
  protected self(): number {
    if (!this.#ptr) throw new Error(`fracture: this ${this.constructor.name} was disposed`);
    return this.#ptr;
  }

  /**
   * Checks the side and amount, runs the core's swap on this pool, and reads the result area.
   * @param side the caller's side
   * @param amountIn the caller's amount
   * @param swap the core's swap function of this kind of pool
   * @param commit 1 to swap, 0 to quote
   * @returns the result
   */
  protected run(side: unknown, amountIn: unknown, swap: CoreSwap, commit: number): SwapResult {
    const s = sideOf(side);
    const a = amountOf("amountIn", amountIn);
    const self = this.self();
    const out = this.#out;
    const c = this.core;
    return swapResult(
      c,
      c.guard(() => swap(self, s, a, commit, out)),
      out,
    );
  }

  /** Its kind and state, for code that trades on any venue. */
  [VENUE](): VenueRef {
    return { kind: this.kind, ptr: this.self() };
  }

  /** Frees the pool's memory in the core now (otherwise the garbage collector does it). Idempotent. */
  dispose(): void {
    if (!this.#ptr) return;
    freeBlock(this);
    this.#ptr = 0;
  }
}
