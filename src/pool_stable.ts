/**
 * A two-coin StableSwap pool (Curve's invariant), computed in the core.
 * @module
 */
import { core } from "../bindings/instance.ts";
import { bounded, object } from "./validate.ts";
import { CorePool, MAX_AMOUNT, MIN_RESERVE, type Pool, type SwapResult, type SwapSide, VENUE_KIND } from "./venue.ts";

/** Options of {@link StableSwapPool}. */
export interface StableSwapPoolOptions {
  /** Base tokens in the pool, in [1e-12, 1e36]. */
  reserveBase: number;
  /** Quote tokens in the pool, in [1e-12, 1e36]. */
  reserveQuote: number;
  /**
   * The amplification A as the contracts report it (Curve's `A()`, Saddle's `getA()`; Saddle's
   * A_precise / 100), in [1, 1e6]. It is A_whitepaper·n^(n−1): the invariant uses Ann = 2A.
   */
  amplification: number;
  /** The fee on the output, in basis points, in [0, 10000) (Curve's `fee` / 1e6; 0.04% = 4). */
  feeBps: number;
}

/**
 * A Curve StableSwap pool of two coins, for pegged pairs (stablecoins, a liquid-staking token
 * and its underlying): Ann·(x + y) + D = Ann·D + D³/(4xy) with Ann = 2A. The fee is taken on the
 * output and stays in the pool, so D grows with every swap. D follows the contracts' Newton
 * iteration; the output is computed in closed form (within a few 1e-16 relative, also for
 * swaps tiny against the pool) and rounded in the pool's favour by 2^-48 relative.
 * @example
 * ```ts
 * const pool = new StableSwapPool({ reserveBase: 1e6, reserveQuote: 1e6, amplification: 200, feeBps: 4 });
 * pool.swap("sell", 10_000).amountOut; // ≈ 9995.5 quote for 10,000 base
 * pool.dispose();
 * ```
 */
export class StableSwapPool extends CorePool implements Pool {
  /**
   * @param options balances, amplification and fee
   * @throws TypeError when a field is not a number; RangeError when it is out of range
   *   (the message names the field, e.g. `"amplification" expected a finite number in [1, 1e6], got 0`)
   */
  constructor(options: StableSwapPoolOptions) {
    object("options", options);
    const base = bounded("reserveBase", options.reserveBase, MIN_RESERVE, MAX_AMOUNT);
    const quote = bounded("reserveQuote", options.reserveQuote, MIN_RESERVE, MAX_AMOUNT);
    const a = bounded("amplification", options.amplification, 1, 1e6);
    const fee = bounded("feeBps", options.feeBps, 0, 10000, true);
    super(Number(core().exports.STABLE_BYTES.value), VENUE_KIND.stableSwap);
    this.core.exports.stableInit(this.self(), base, quote, a, fee);
  }

  /**
   * Swaps `amountIn` into the pool.
   * @param side `"sell"` base for quote, `"buy"` quote for base
   * @param amountIn tokens in, in [0, 1e36]
   * @returns the amount out (after the fee) and the marginal price after
   * @throws TypeError/RangeError naming `side` or `amountIn`
   * @example
   * ```ts
   * pool.swap("buy", 500).amountOut; // base out
   * ```
   */
  swap(side: SwapSide, amountIn: number): SwapResult {
    return this.run(side, amountIn, this.core.exports.stableSwap, 1);
  }

  /**
   * What {@link StableSwapPool.swap} would return, without changing the pool.
   * @param side `"sell"` or `"buy"`
   * @param amountIn tokens in, in [0, 1e36]
   * @returns the amount out and the marginal price after
   * @throws TypeError/RangeError naming `side` or `amountIn`
   * @example
   * ```ts
   * pool.quote("sell", 1).amountOut;
   * ```
   */
  quote(side: SwapSide, amountIn: number): SwapResult {
    return this.run(side, amountIn, this.core.exports.stableSwap, 0);
  }

  /**
   * The marginal price, quote per base, without the fee: −dy/dx along the invariant.
   * @returns the price (1 for balanced reserves)
   * @example
   * ```ts
   * pool.price();
   * ```
   */
  price(): number {
    return this.core.exports.stablePrice(this.self());
  }

  /** Base tokens in the pool. */
  get reserveBase(): number {
    return this.core.exports.stableGet(this.self(), 0);
  }

  /** Quote tokens in the pool. */
  get reserveQuote(): number {
    return this.core.exports.stableGet(this.self(), 1);
  }

  /** The invariant D of the current balances (Curve's get_D; D / LP supply is the virtual price). */
  get invariant(): number {
    return this.core.exports.stableGet(this.self(), 2);
  }
}
