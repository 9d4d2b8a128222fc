/**
 * Black-Scholes-Merton prices and Greeks over columns of options, computed in the core.
 * Black-76 on a forward or future is the case `spot` = forward, `dividend` = `rate`.
 * @module
 */
import { core } from "../bindings/instance.ts";
import { type Column, type Input, runColumns } from "./columns.ts";
import { object, type Range, range } from "./validate.ts";

export type { Column } from "./columns.ts";

/** Inputs of {@link bsm}. Arrays must share one length; numbers apply to every option. */
export interface BsmInput {
  /** Price of the underlying (or the forward, for Black-76), in quote units, in [0, 1e15]. */
  spot: Column;
  /** Strike in quote units, in [0, 1e15]. */
  strike: Column;
  /** Time to expiry in years, in [0, 30]. */
  time: Column;
  /** Volatility per √year as a decimal (0.8 = 80%), in [0, 1e6]. */
  vol: Column;
  /** Continuously compounded risk-free rate, in [-3, 3]. Default 0. */
  rate?: Column;
  /** Continuous dividend (or borrow, or staking) yield, in [-3, 3]. Default 0. */
  dividend?: Column;
  /** `true` for calls; a `Uint8Array` with nonzero for calls. Default `true`. */
  call?: boolean | Uint8Array;
}

/** Outputs of {@link bsm}: one `Float64Array` per quantity, one element per option. */
export interface BsmOutput {
  price: Float64Array;
  /** dV/dS */
  delta: Float64Array;
  /** d²V/dS² */
  gamma: Float64Array;
  /** dV/dσ per 1.00 of vol */
  vega: Float64Array;
  /** dV/dt per year as calendar time passes (usually negative for a long option) */
  theta: Float64Array;
  /** dV/dr per 1.00 of rate */
  rho: Float64Array;
  /** d²V/dS dσ */
  vanna: Float64Array;
  /** d²V/dσ² */
  volga: Float64Array;
  /** d(delta)/dt per year as calendar time passes */
  charm: Float64Array;
}

/** Output names, in the order the core writes its columns. */
export const BSM_OUTPUTS = ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga", "charm"] as const;

// Wide enough for any market, narrow enough that no intermediate of the kernels can
// overflow (|rate·time| <= 90, so e^{±rT} stays far from the f64 limit).
const RANGES = {
  spot: range(0, 1e15),
  strike: range(0, 1e15),
  time: range(0, 30),
  vol: range(0, 1e6),
  rate: range(-3, 3),
  dividend: range(-3, 3),
  price: range(0, 1e15),
} satisfies Record<string, Range>;

/** A kernel's input columns, in its argument order, with their ranges (rate and dividend default to 0). */
function inputs(given: Partial<Record<keyof typeof RANGES, Column>>, names: readonly (keyof typeof RANGES)[]): Input[] {
  return names.map((name) => {
    const fallback = name === "rate" || name === "dividend" ? 0 : undefined;
    return { name, value: (given[name] ?? fallback) as Column, range: RANGES[name] };
  });
}

/**
 * Price, delta, gamma, vega, theta, rho, vanna, volga and charm of European options under
 * generalized Black-Scholes-Merton (Haug 2007, §1.1–2.1).
 *
 * Rules at the edges: when σ√T, strike or spot is 0 (below 1e-100) the forward is certain and the
 * result is the limit: value max(±(S e^{-qT} − K e^{-rT}), 0) and that function's
 * derivatives; exactly at the kink S e^{-qT} = K e^{-rT}, first-order Greeks take the mean
 * of both sides and gamma, vega, vanna, volga are NaN. A huge vol gives the σ → ∞ limits.
 *
 * @param input columns of inputs (see {@link BsmInput}); numbers are broadcast
 * @param out optional arrays to write into (each of the common length); others are allocated.
 *   If an input is invalid, `out` may already hold the results of the options before it.
 * @returns one Float64Array per output
 * @throws TypeError when a field has the wrong type; RangeError when a value is out of range
 *   (the message names the field and index) or the arrays disagree in length
 * @example
 * ```ts
 * await init();
 * const { price, delta } = greeks.bsm({ spot: 2000, strike: new Float64Array([1800, 2000, 2200]),
 *   time: 30 / 365, vol: 0.8, rate: 0.04, call: true });
 * ```
 */
export function bsm(input: BsmInput, out?: Partial<BsmOutput>): BsmOutput {
  object("input", input);
  const c = core();
  return runColumns(
    inputs(input, ["spot", "strike", "time", "vol", "rate", "dividend"]),
    { name: "call", value: input.call ?? true },
    BSM_OUTPUTS,
    out,
    (n, [spot, strike, time, vol, rate, dividend], call, scalars, o) =>
      c.exports.bsm(n, spot, strike, time, vol, rate, dividend, call, scalars, o),
  );
}

/** Inputs of {@link impliedVol}: as {@link BsmInput}, with the option's price instead of its vol. */
export interface ImpliedVolInput extends Omit<BsmInput, "vol"> {
  /** The option's (discounted) price in quote units, in [0, 1e15]. */
  price: Column;
}

/**
 * Implied volatility: the `vol` at which {@link bsm} gives `price`. Solved in the core on
 * Jäckel's normalised Black function ("Let's Be Rational", 2015) with third-order Householder
 * steps from an asymptotic guess; to about 1e-15 relative wherever the price determines the
 * vol that well (the conditioning is ε·price/vega).
 *
 * Rules: NaN where no vol reproduces the price — below intrinsic value, at or above the upper
 * bound (S e^{-qT} for a call, K e^{-rT} for a put), or when time, spot or strike is 0. A price
 * at intrinsic value, to within the 8ε rounding of the normalization, gives 0.
 *
 * @param input columns of inputs; numbers are broadcast
 * @returns one Float64Array of vols (per √year, as decimals)
 * @throws TypeError / RangeError as {@link bsm}, naming the field and index
 * @example
 * ```ts
 * const vol = greeks.impliedVol({ price: 10.4506, spot: 100, strike: 100, time: 1, rate: 0.05 });
 * // Float64Array [0.2000…]
 * ```
 */
export function impliedVol(input: ImpliedVolInput, out?: Float64Array): Float64Array {
  object("input", input);
  const c = core();
  return runColumns(
    inputs(input, ["price", "spot", "strike", "time", "rate", "dividend"]),
    { name: "call", value: input.call ?? true },
    ["vol"],
    out === undefined ? undefined : { vol: out },
    (n, [price, spot, strike, time, rate, dividend], call, scalars, o) =>
      c.exports.impliedVol(n, price, spot, strike, time, rate, dividend, call, scalars, o),
  ).vol;
}

export {
  ChainError,
  type ChainInput,
  chain,
  chainFromDeribit,
  type DealerSide,
  type DeribitChain,
  type Issue,
  type OptionChain,
} from "./chain.ts";
export { type GammaByStrike, gammaByStrike, gammaExposure, gammaFlip, hedgeFlow, type VolMove } from "./exposure.ts";
