// A constant-product pool, Uniswap v2 semantics: x·y = k, the fee taken on the input
// (UniswapV2Library.getAmountOut: out = in·γ·R_out / (R_in + in·γ), γ = 1 − fee), the whole
// input added to the reserve (the fee stays in the pool, so k grows).
//
// The state is one CpPool in linear memory (CP_BYTES), laid out by cpInit; every function takes
// its address, so the cascade engine can call them without JavaScript.

import { CHARGE, PAY, productAtLeast, SELL, ulps, writeOut } from "./pool_common";

@unmanaged
class CpPool {
  base: f64; // reserve of the base token
  quote: f64; // reserve of the quote token
  feeBps: f64;
  gamma: f64; // 1 − fee: the share of the input that trades
}

export const CP_BYTES: usize = offsetof<CpPool>();

/** Lays out a pool with positive reserves and a fee in [0, 10000) basis points. */
export function cpInit(self: usize, reserveBase: f64, reserveQuote: f64, feeBps: f64): void {
  const p = changetype<CpPool>(self);
  p.base = reserveBase;
  p.quote = reserveQuote;
  p.feeBps = feeBps;
  p.gamma = (10000.0 - feeBps) / 10000.0;
}

/** getAmountOut in f64 (rounded down by PAY). */
@inline function amountOut(amountIn: f64, reserveIn: f64, reserveOut: f64, gamma: f64): f64 {
  const x = amountIn * gamma;
  return ((reserveOut * x) / (reserveIn + x)) * PAY;
}

/**
 * Swaps `amountIn` (≥ 0) of base (`side` SELL) or of quote (BUY = 0); with `commit` 0 only computes
 * (a quote). Writes the result area to `out` (if not 0) and returns the amount out.
 *
 * The new reserves are the old ones plus the input and minus the output, the output reserve
 * moved up by ulps if needed so that their exact product never falls below the old one.
 */
export function cpSwap(self: usize, side: i32, amountIn: f64, commit: i32, out: usize): f64 {
  const p = changetype<CpPool>(self);
  const sell = side == SELL;
  const rIn = sell ? p.base : p.quote;
  const rOut = sell ? p.quote : p.base;
  const dy = amountIn > 0 ? amountOut(amountIn, rIn, rOut, p.gamma) : 0.0;
  const newIn = rIn + amountIn;
  let newOut = rOut - dy;
  for (let k = 0; k < 64 && !productAtLeast(newIn, newOut, rIn, rOut); k++) newOut = ulps(newOut, 1);
  const base = sell ? newIn : newOut;
  const quote = sell ? newOut : newIn;
  if (commit != 0) {
    p.base = base;
    p.quote = quote;
  }
  writeOut(out, dy, quote / base, 0.0, amountIn);
  return dy;
}

/**
 * The input needed for `amountOut` (0 ≤ amountOut < the output reserve): getAmountIn in f64,
 * R_in·out / ((R_out − out)·γ), rounded up by CHARGE (the contract's floor + 1 is the integer
 * form of the same rounding).
 */
export function cpAmountIn(self: usize, side: i32, amountOut: f64): f64 {
  const p = changetype<CpPool>(self);
  const rIn = side == SELL ? p.base : p.quote;
  const rOut = side == SELL ? p.quote : p.base;
  return ((rIn * amountOut) / ((rOut - amountOut) * p.gamma)) * CHARGE;
}

/** The price, quote per base: reserveQuote / reserveBase. */
export function cpPrice(self: usize): f64 {
  const p = changetype<CpPool>(self);
  return p.quote / p.base;
}

/** A reserve: `which` 0 the base, 1 the quote. */
export function cpReserve(self: usize, which: i32): f64 {
  const p = changetype<CpPool>(self);
  return which == 0 ? p.base : p.quote;
}
