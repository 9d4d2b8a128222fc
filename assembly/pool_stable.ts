// A StableSwap pool of two coins (Curve, Egorov 2019), the invariant in the contracts' form:
//   Ann·(x + y) + D = Ann·D + D³/(4xy),   Ann = A·n = 2A,
// with A as the contracts store it (Curve's A(), Saddle's getA(): A_whitepaper·n^(n−1)).
// The fee is taken on the output and stays in the pool (admin fee 0).
//
// D comes from the contracts' Newton iteration (get_D), started at x + y. For two coins the
// new balance of the output coin solves a quadratic (get_y's iteration converges to its root),
// so it is computed in closed form; and the output is not the difference y − y' of two nearly
// equal numbers but, from the quadratic's values at y and y', a quotient without cancellation:
//   f(y) = y² + (x' + D/Ann − D)·y − D³/(4·Ann·x'),   f(y) − f(y') = (y − y')(y + y' + x' + D/Ann − D),
//   f(y) = dx·(y + D³/(4·Ann·x·x'))   (f vanishes at the old balances),
// so small trades keep full relative precision.
//
// The state is one StablePool (STABLE_BYTES), with D of its balances kept beside them.

import { PAY, SELL, writeOut } from "./pool_common";

@unmanaged
class StablePool {
  base: f64;
  quote: f64;
  ann: f64; // A·n
  fee: f64; // share of the output kept by the pool
  d: f64; // stableD(base, quote, ann)
}

export const STABLE_BYTES: usize = offsetof<StablePool>();

const EPS: f64 = 2.220446049250313e-16;

/** The invariant D of balances x (base) and y (quote): Newton from x + y, to the last ulp (get_D). */
export function stableD(x: f64, y: f64, ann: f64): f64 {
  const s = x + y;
  if (!(s > 0)) return 0;
  let d = s;
  for (let i = 0; i < 255; i++) {
    const dp = (((d * d) / (x + x)) * d) / (y + y); // D³/(4xy)
    const prev = d;
    d = ((ann * s + 2 * dp) * d) / ((ann - 1) * d + 3 * dp);
    if (Math.abs(d - prev) <= d * EPS) break;
  }
  return d;
}

/** Lays out a pool with positive balances, A in [1, 1e6] and a fee in [0, 10000) basis points. */
export function stableInit(self: usize, reserveBase: f64, reserveQuote: f64, amplification: f64, feeBps: f64): void {
  const p = changetype<StablePool>(self);
  p.base = reserveBase;
  p.quote = reserveQuote;
  p.ann = amplification * 2;
  p.fee = feeBps / 10000.0;
  p.d = stableD(reserveBase, reserveQuote, p.ann);
}

/**
 * Swaps `amountIn` (≥ 0) of base (`side` SELL) or of quote (BUY = 0); with `commit` 0 only
 * computes (a quote). Writes the result area to `out` (if not 0) and returns the amount out.
 * If rounding left D of the new balances below the old D, the output balance is moved up until
 * it is not: D never falls.
 */
export function stableSwap(self: usize, side: i32, amountIn: f64, commit: i32, out: usize): f64 {
  const p = changetype<StablePool>(self);
  const sell = side == SELL;
  const x = sell ? p.base : p.quote;
  const y = sell ? p.quote : p.base;
  const ann = p.ann;
  const d = p.d;
  let dy = 0.0;
  const x1 = x + amountIn;
  if (amountIn > 0) {
    const c = (((d * d) / (x1 + x1)) * d) / (ann + ann); // D³/(4·Ann·x')
    const b = x1 + d / ann - d;
    const r = Math.sqrt(b * b + 4 * c);
    const root = b > 0 ? (c + c) / (b + r) : (r - b) * 0.5; // the new balance y', before the fee
    dy = ((amountIn * (y + c / x)) / (y + root + b)) * (1.0 - p.fee) * PAY;
  }
  let y1 = y - dy;
  let d1 = sell ? stableD(x1, y1, ann) : stableD(y1, x1, ann);
  let bump = d - d1;
  for (let k = 0; k < 64 && d1 < d; k++) {
    y1 += bump;
    bump += bump;
    d1 = sell ? stableD(x1, y1, ann) : stableD(y1, x1, ann);
  }
  const base = sell ? x1 : y1;
  const quote = sell ? y1 : x1;
  if (commit != 0) {
    p.base = base;
    p.quote = quote;
    p.d = d1;
  }
  writeOut(out, dy, marginal(base, quote, ann, d1), 0.0, amountIn);
  return dy;
}

/** −dy/dx along the curve at (x, y): quote per base, without the fee. */
@inline function marginal(x: f64, y: f64, ann: f64, d: f64): f64 {
  const dp = (((d * d) / (x + x)) * d) / (y + y);
  return (ann + dp / x) / (ann + dp / y);
}

/** The marginal price, quote per base, without the fee. */
export function stablePrice(self: usize): f64 {
  const p = changetype<StablePool>(self);
  return marginal(p.base, p.quote, p.ann, p.d);
}

/** A field of the state: 0 base balance, 1 quote balance, 2 the invariant D. */
export function stableGet(self: usize, which: i32): f64 {
  const p = changetype<StablePool>(self);
  if (which == 0) return p.base;
  if (which == 1) return p.quote;
  return p.d;
}
