/**
 * A constant-product pool with Uniswap v2 semantics, computed in the core.
 * @module
 */
import { core } from "../bindings/instance.ts";
import { bounded, object, rangeError } from "./validate.ts";
import {
  amountOf,
  CorePool,
  MAX_AMOUNT,
  MIN_RESERVE,
  type Pool,
  type SwapResult,
  type SwapSide,
  sideOf,
  VENUE_KIND,
} from "./venue.ts";

/** Options of {@link ConstantProductPool}. */
export interface ConstantProductPoolOptions {
  /** Base tokens in the pool, in [1e-12, 1e36]. */
  reserveBase: number;
  /** Quote tokens in the pool, in [1e-12, 1e36]. */
  reserveQuote: number;
  /** The fee on the input, in basis points, in [0, 10000) (Uniswap v2: 30). */
  feeBps: number;
}

/**
 * A Uniswap v2 pool: reserves x (base) and y (quote) with x·y = k, the fee taken on the input
 * and left in the pool (so k grows). An input `a` gives `a·γ·R_out / (R_in + a·γ)`, γ = 1 − fee
 * (UniswapV2Library.getAmountOut), in f64: within a few 1e-16 of the exact rational, where the
 * contract floors to an integer. The pool rounds in its own favour by 2^-48 relative, so the
 * exact product of its reserves never falls and no round trip profits.
 * @example
 * ```ts
 * const pool = new ConstantProductPool({ reserveBase: 1000, reserveQuote: 2_000_000, feeBps: 30 });
 * const { amountOut, price } = pool.swap("sell", 10); // 10 base in → ≈ 19,743 quote out
 * pool.dispose();
 * ```
 */
export class ConstantProductPool extends CorePool implements Pool {
  /**
   * @param options reserves and fee
   * @throws TypeError when a field is not a number; RangeError when it is out of range
   *   (the message names the field, e.g. `"feeBps" expected a finite number in [0, 10000), got 10000`)
   */
  constructor(options: ConstantProductPoolOptions) {
    object("options", options);
    const base = bounded("reserveBase", options.reserveBase, MIN_RESERVE, MAX_AMOUNT);
    const quote = bounded("reserveQuote", options.reserveQuote, MIN_RESERVE, MAX_AMOUNT);
    const fee = bounded("feeBps", options.feeBps, 0, 10000, true);
    super(Number(core().exports.CP_BYTES.value), VENUE_KIND.constantProduct);
    this.core.exports.cpInit(this.self(), base, quote, fee);
  }

  /**
   * Swaps `amountIn` into the pool.
   * @param side `"sell"` base for quote, `"buy"` quote for base
   * @param amountIn tokens in (base for a sell, quote for a buy), in [0, 1e36]
   * @returns the amount out and the price after
   * @throws TypeError/RangeError naming `side` or `amountIn`
   * @example
   * ```ts
   * pool.swap("buy", 5000).amountOut; // base out
   * ```
   */
  swap(side: SwapSide, amountIn: number): SwapResult {
    return this.run(side, amountIn, this.core.exports.cpSwap, 1);
  }

  /**
   * What {@link ConstantProductPool.swap} would return, without changing the pool.
   * @param side `"sell"` or `"buy"`
   * @param amountIn tokens in, in [0, 1e36]
   * @returns the amount out and the price after
   * @throws TypeError/RangeError naming `side` or `amountIn`
   * @example
   * ```ts
   * pool.quote("sell", 1).amountOut;
   * ```
   */
  quote(side: SwapSide, amountIn: number): SwapResult {
    return this.run(side, amountIn, this.core.exports.cpSwap, 0);
  }

  /**
   * The input a swap needs to take `amountOut` out (v2's getAmountIn, in f64 and without its
   * integer +1: the exact inverse of the swap, rounded up by 2^-48 relative).
   * @param side `"sell"` (base in, quote out) or `"buy"` (quote in, base out)
   * @param amountOut tokens wanted out, at least 0 and less than the reserve of that token
   * @returns tokens in
   * @throws TypeError/RangeError naming `side` or `amountOut`
   * @example
   * ```ts
   * const need = pool.amountIn("sell", 1000); // base to sell for 1000 quote
   * ```
   */
  amountIn(side: SwapSide, amountOut: number): number {
    const s = sideOf(side);
    const out = amountOf("amountOut", amountOut);
    const reserve = s === 1 ? this.reserveQuote : this.reserveBase;
    if (!(out < reserve))
      throw rangeError("amountOut", `less than the ${s === 1 ? "quote" : "base"} reserve ${reserve}`, amountOut);
    return this.core.exports.cpAmountIn(this.self(), s, out);
  }

  /**
   * The price, quote per base: reserveQuote / reserveBase.
   * @returns the price
   * @example
   * ```ts
   * pool.price(); // 2000
   * ```
   */
  price(): number {
    return this.core.exports.cpPrice(this.self());
  }

  /** Base tokens in the pool. */
  get reserveBase(): number {
    return this.core.exports.cpReserve(this.self(), 0);
  }

  /** Quote tokens in the pool. */
  get reserveQuote(): number {
    return this.core.exports.cpReserve(this.self(), 1);
  }
}
