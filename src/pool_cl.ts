/**
 * A concentrated-liquidity pool with Uniswap v3 semantics, computed in the core.
 * @module
 */
import { core } from "../bindings/instance.ts";
import { freeBlock, ownBlock } from "../bindings/owned.ts";
import { bounded, integer, object, rangeError, typeError } from "./validate.ts";
import { CorePool, type Pool, type SwapResult, type SwapSide, VENUE_KIND } from "./venue.ts";

/** Liquidity between two ticks, in Uniswap v3 units (amount1 = L·Δ√P, amount0 = L·Δ(1/√P)). */
export interface Position {
  /** The lower tick: a multiple of `tickSpacing` in [-887272, 887272]. */
  tickLower: number;
  /** The upper tick: a multiple of `tickSpacing` above `tickLower`, at most 887272. */
  tickUpper: number;
  /** Liquidity, in [1e-12, 1e40]. */
  liquidity: number;
}

/** Options of {@link ConcentratedLiquidityPool}. */
export interface ConcentratedLiquidityPoolOptions {
  /** The current price, quote per base (token1 per token0), in [1e-38, 1e38]. */
  price: number;
  /** The fee on the input, in hundredths of a basis point: an integer in [0, 999999] (0.3% = 3000). */
  feePips: number;
  /** The tick spacing: an integer in [1, 16384] (v3: 1, 10, 60 or 200). */
  tickSpacing: number;
  /** The positions, at least one and at most 1,000,000. */
  positions: readonly Position[];
}

/** The lowest tick of Uniswap v3 (TickMath.MIN_TICK). */
export const MIN_TICK = -887272;
/** The highest tick of Uniswap v3 (TickMath.MAX_TICK). */
export const MAX_TICK = 887272;
/** The most positions a pool takes. */
export const MAX_POSITIONS = 1_000_000;
const MAX_LIQUIDITY = 1e40;
const MIN_LIQUIDITY = 1e-12;

/**
 * A Uniswap v3 pool: token0 is the base, token1 the quote, price(tick) = 1.0001^tick, and
 * positions give liquidity between ticks. A swap walks the initialized ticks in steps of
 * constant liquidity (v3's computeSwapStep, exact input, the fee in pips on the input) and
 * crosses every tick it reaches. Amounts are f64 (v3's Q64.96 √P becomes an f64 √P), within
 * 1e-9 of `@uniswap/v3-sdk` on swaps across many ticks; the pool rounds in its own favour by
 * 2^-48 relative where v3 rounds its integers. A swap larger than the liquidity on its side
 * moves the price to v3's limit and returns the input it could not use as `remaining`.
 * @example
 * ```ts
 * const pool = new ConcentratedLiquidityPool({
 *   price: 2000, feePips: 3000, tickSpacing: 60,
 *   positions: [{ tickLower: 75960, tickUpper: 76020, liquidity: 1e6 }, { tickLower: 74400, tickUpper: 77400, liquidity: 5e5 }],
 * });
 * const { amountOut, price } = pool.swap("sell", 2); // 2 base in
 * pool.dispose();
 * ```
 */
export class ConcentratedLiquidityPool extends CorePool implements Pool {
  /** Distinct ticks at which some position starts or ends. */
  readonly initializedTicks: number;
  private readonly ticksOwner: object;
  private ticksPtr: number;

  /**
   * @param options price, fee, tick spacing and positions
   * @throws TypeError when a field has the wrong type; RangeError when a value is out of range,
   *   off the tick spacing or a range is empty (the message names the field, e.g.
   *   `"positions[2].tickLower" expected a multiple of tickSpacing 60, got 61`)
   */
  constructor(options: ConcentratedLiquidityPoolOptions) {
    const o = check(options);
    super(Number(core().exports.CL_BYTES.value), VENUE_KIND.concentratedLiquidity);
    const c = this.core;
    const m = o.lower.length;
    this.ticksOwner = {};
    this.ticksPtr = ownBlock(this.ticksOwner, c.exports.clTicksBytes(m));
    const work = c.scratch(c.exports.clScratchBytes(m));
    const f64 = c.f64;
    const at = work >>> 3;
    f64.set(o.lower, at);
    f64.set(o.upper, at + m);
    f64.set(o.liquidity, at + 2 * m);
    const self = this.self();
    this.initializedTicks = c.guard(() =>
      c.exports.clInit(self, this.ticksPtr, o.price, o.feePips, o.tickSpacing, m, work),
    );
  }

  /**
   * Swaps `amountIn` into the pool, crossing ticks as needed.
   * @param side `"sell"` base (token0) for quote, `"buy"` quote (token1) for base
   * @param amountIn tokens in, in [0, 1e36]
   * @returns the amount out, the price after and the input left unswapped (0 unless the
   *   liquidity on that side ran out)
   * @throws TypeError/RangeError naming `side` or `amountIn`
   * @example
   * ```ts
   * pool.swap("buy", 10_000).amountOut; // base out
   * ```
   */
  swap(side: SwapSide, amountIn: number): SwapResult {
    return this.run(side, amountIn, this.core.exports.clSwap, 1);
  }

  /**
   * What {@link ConcentratedLiquidityPool.swap} would return, without changing the pool.
   * @param side `"sell"` or `"buy"`
   * @param amountIn tokens in, in [0, 1e36]
   * @returns the amount out, the price after and the input left
   * @throws TypeError/RangeError naming `side` or `amountIn`
   * @example
   * ```ts
   * pool.quote("sell", 1).amountOut;
   * ```
   */
  quote(side: SwapSide, amountIn: number): SwapResult {
    return this.run(side, amountIn, this.core.exports.clSwap, 0);
  }

  /**
   * The price, quote per base: √P².
   * @returns the price
   * @example
   * ```ts
   * pool.price();
   * ```
   */
  price(): number {
    return this.core.exports.clPrice(this.self());
  }

  /** The current tick (v3's `tick`: after crossing tick t downward it is t − 1). */
  get tick(): number {
    return this.core.exports.clGet(this.self(), 2);
  }

  /** The active liquidity: of the positions whose range contains the price. */
  get liquidity(): number {
    return this.core.exports.clGet(this.self(), 1);
  }

  /** Frees the pool's memory in the core now (otherwise the garbage collector does it). Idempotent. */
  override dispose(): void {
    super.dispose();
    if (this.ticksPtr) freeBlock(this.ticksOwner);
    this.ticksPtr = 0;
  }
}

/** The options, checked, with the positions as columns. */
function check(options: ConcentratedLiquidityPoolOptions) {
  object("options", options);
  const price = bounded("price", options.price, 1e-38, 1e38);
  const feePips = integer("feePips", options.feePips, 0, 999_999);
  const spacing = integer("tickSpacing", options.tickSpacing, 1, 16_384);
  const list = options.positions;
  if (!Array.isArray(list)) throw typeError("positions", "an array of positions", list);
  if (list.length < 1 || list.length > MAX_POSITIONS)
    throw rangeError("positions", `between 1 and ${MAX_POSITIONS} positions`, `${list.length} positions`);
  const m = list.length;
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  const liquidity = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const name = `positions[${i}]`;
    const p = object<Position>(name, list[i]);
    lower[i] = tickOf(`${name}.tickLower`, p.tickLower, spacing);
    upper[i] = tickOf(`${name}.tickUpper`, p.tickUpper, spacing);
    if (!(upper[i] > lower[i])) throw rangeError(`${name}.tickUpper`, `a tick above tickLower ${lower[i]}`, upper[i]);
    liquidity[i] = bounded(`${name}.liquidity`, p.liquidity, MIN_LIQUIDITY, MAX_LIQUIDITY);
  }
  return { price, feePips, tickSpacing: spacing, lower, upper, liquidity };
}

function tickOf(name: string, value: unknown, spacing: number): number {
  const tick = integer(name, value, MIN_TICK, MAX_TICK, "an integer tick");
  if (tick % spacing !== 0) throw rangeError(name, `a multiple of tickSpacing ${spacing}`, tick);
  return tick;
}
