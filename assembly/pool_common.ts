// What the AMM pools share (pool_cp.ts, pool_cl.ts, pool_stable.ts): the sides, the layout of
// a swap's result area, and rounding in the pool's favour.
//
// A pool's amounts are f64, so every result carries a few ulp of rounding. The contracts round
// their integers so that the pool never loses (amounts paid out down, amounts charged up, the
// next price toward the current one); the pools here do the same with a relative margin far
// above the rounding: what a pool pays is multiplied by PAY, what it charges by CHARGE. So a
// round trip never profits and the invariant never falls, to the last bit, while the amounts
// stay within 4e-15 of the exact ones.

export { BUY, SELL } from "../bindings/codes"; // BUY: quote in, base out; SELL: base in, quote out

/** A swap's result area: four f64. */
export const OUT_AMOUNT: usize = 0; // amount out
export const OUT_PRICE: usize = 8; // price after the swap (quote per base)
export const OUT_REMAINING: usize = 16; // input left unswapped (a concentrated pool out of liquidity)
export const OUT_AMOUNT_IN: usize = 24; // input swapped (the argument, less what remains)
export const OUT_BYTES: usize = 32;

export const PAY: f64 = 1.0 - 3.552713678800501e-15; // 1 - 2^-48
export const CHARGE: f64 = 1.0 + 3.552713678800501e-15; // 1 + 2^-48

/** Writes a swap's result to `out` (nothing when `out` is 0). */
@inline export function writeOut(out: usize, amountOut: f64, price: f64, remaining: f64, amountIn: f64): void {
  if (out != 0) {
    store<f64>(out + OUT_AMOUNT, amountOut);
    store<f64>(out + OUT_PRICE, price);
    store<f64>(out + OUT_REMAINING, remaining);
    store<f64>(out + OUT_AMOUNT_IN, amountIn);
  }
}

/** The next f64 above x (x finite, > 0). */
@inline export function nextUp(x: f64): f64 {
  return reinterpret<f64>(reinterpret<u64>(x) + 1);
}

/** The f64 k steps above (k > 0) or below (k < 0) x (x finite, > 0, and k steps from 0 and ∞). */
@inline export function ulps(x: f64, k: i64): f64 {
  return reinterpret<f64>(reinterpret<i64>(x) + k);
}

// Dekker's exact product (1971): a·b = p + e exactly, with no fused multiply-add; valid while
// |a|, |b| < 2^996 and the products stay normal (every pool's range keeps them so).
const SPLIT: f64 = 134217729.0; // 2^27 + 1

@inline function productError(a: f64, b: f64, p: f64): f64 {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** a·b ≥ c·d, compared exactly. */
export function productAtLeast(a: f64, b: f64, c: f64, d: f64): bool {
  const p = a * b;
  const q = c * d;
  if (p != q) return p > q;
  return productError(a, b, p) >= productError(c, d, q);
}
