/**
 * Obviously-correct references for the pool tests: the contracts' integer formulas in BigInt
 * (Uniswap v2's getAmountOut/getAmountIn and K check, Saddle's get_D/get_y/calculateSwap, each
 * with floor division), exact comparisons of f64 products, and the quote/swap round trip every
 * pool must pass.
 * @module
 */
import type { Pool } from "fracture";
import { assert, equal } from "./harness.ts";

// ---- Uniswap v2 (UniswapV2Library.sol, UniswapV2Pair.sol) --------------------------------

/** floor(in·997·R_out / (R_in·1000 + in·997)). */
export function v2AmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const x = amountIn * 997n;
  return (x * reserveOut) / (reserveIn * 1000n + x);
}

/** floor(R_in·out·1000 / ((R_out − out)·997)) + 1. */
export function v2AmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  return (reserveIn * amountOut * 1000n) / ((reserveOut - amountOut) * 997n) + 1n;
}

/** The pair's K check: does it accept taking out (out0, out1) after receiving (in0, in1)? */
export function v2Accepts(r0: bigint, r1: bigint, in0: bigint, in1: bigint, out0: bigint, out1: bigint): boolean {
  const b0 = r0 + in0 - out0;
  const b1 = r1 + in1 - out1;
  if (b0 < 0n || b1 < 0n) return false;
  return (b0 * 1000n - in0 * 3n) * (b1 * 1000n - in1 * 3n) >= r0 * r1 * 1000n * 1000n;
}

// ---- Saddle's SwapUtils.sol (2 coins, A_PRECISION 100) ------------------------------------

const A_PRECISION = 100n;
const N = 2n;

function within1(a: bigint, b: bigint): boolean {
  return a > b ? a - b <= 1n : b - a <= 1n;
}

/** getD: Newton with floor division, stopping when |D − D_prev| ≤ 1. */
export function saddleD(xp: readonly bigint[], aPrecise: bigint): bigint {
  const s = xp.reduce((a, b) => a + b, 0n);
  if (s === 0n) return 0n;
  const nA = aPrecise * N;
  let d = s;
  for (let i = 0; i < 256; i++) {
    let dP = d;
    for (const x of xp) dP = (dP * d) / (x * N);
    const prev = d;
    d = (((nA * s) / A_PRECISION + dP * N) * d) / (((nA - A_PRECISION) * d) / A_PRECISION + (N + 1n) * dP);
    if (within1(d, prev)) return d;
  }
  throw new Error("saddleD: no convergence");
}

/** getY: the balance of coin `to` once coin `from` holds x, at the invariant of xp. */
export function saddleY(aPrecise: bigint, from: number, to: number, x: bigint, xp: readonly bigint[]): bigint {
  const d = saddleD(xp, aPrecise);
  const nA = N * aPrecise;
  let c = d;
  let s = 0n;
  xp.forEach((balance, i) => {
    if (i === to) return;
    const v = i === from ? x : balance;
    s += v;
    c = (c * d) / (v * N);
  });
  c = (c * d * A_PRECISION) / (nA * N);
  const b = s + (d * A_PRECISION) / nA;
  let y = d;
  for (let i = 0; i < 256; i++) {
    const prev = y;
    y = (y * y + c) / (2n * y + b - d);
    if (within1(y, prev)) return y;
  }
  throw new Error("saddleY: no convergence");
}

/** calculateSwap: dy = xp_to − y − 1, less the fee (swapFee / 1e10 of it). */
export function saddleSwap(
  aPrecise: bigint,
  swapFee: bigint,
  from: number,
  to: number,
  dx: bigint,
  xp: readonly bigint[],
): bigint {
  const y = saddleY(aPrecise, from, to, xp[from] + dx, xp);
  const dy = xp[to] - y - 1n;
  return dy - (dy * swapFee) / 10n ** 10n;
}

// ---- exact arithmetic on doubles ------------------------------------------------------------

/** x = m·2^e exactly (x finite, ≥ 0). */
function exact(x: number): [bigint, number] {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const bits = v.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const f = bits & ((1n << 52n) - 1n);
  return e === 0 ? [f, -1074] : [f | (1n << 52n), e - 1075];
}

/** a·b compared with c·d, exactly: negative, 0 or positive. */
export function compareProducts(a: number, b: number, c: number, d: number): number {
  const [ma, ea] = exact(a);
  const [mb, eb] = exact(b);
  const [mc, ec] = exact(c);
  const [md, ed] = exact(d);
  let p = ma * mb;
  let q = mc * md;
  const e = ea + eb;
  const f = ec + ed;
  if (e > f) p <<= BigInt(e - f);
  else q <<= BigInt(f - e);
  return p > q ? 1 : p < q ? -1 : 0;
}

/** A decimal integer string as a double (correctly rounded). */
export function num(s: string): number {
  return Number(BigInt(s));
}

/** The exact quotient p/q of two BigInts as a double (to within a few ulp). */
export function ratio(p: bigint, q: bigint): number {
  const scale = 10n ** 40n;
  return Number((p * scale) / q) / 1e40;
}

// ---- any pool --------------------------------------------------------------------------------

/**
 * The pool's quote equals its swap; swapping the output back returns no more than `amount`; a
 * swap of 0 gives 0 and leaves the price. Disposes the pool.
 */
export function quoteSwapRoundTrip(pool: Pool, sell: boolean, amount: number): void {
  try {
    const [side, back] = sell ? (["sell", "buy"] as const) : (["buy", "sell"] as const);
    const q = pool.quote(side, amount);
    const s = pool.swap(side, amount);
    equal(s.amountOut, q.amountOut, "quote = swap: amount");
    equal(s.price, q.price, "quote = swap: price");
    const returned = pool.swap(back, s.amountOut).amountOut;
    assert(returned <= amount, `round trip gave ${returned} for ${amount}`);
    const p = pool.price();
    const z = pool.swap(side, 0);
    equal(z.amountOut, 0, "zero out");
    equal(z.price, p, "price unchanged");
  } finally {
    pool.dispose();
  }
}

// ---- Uniswap v3, plainly --------------------------------------------------------------------

/** A position as the pools take it. */
export interface RefPosition {
  tickLower: number;
  tickUpper: number;
  liquidity: number;
}

/**
 * A Uniswap v3 pool in plain JavaScript numbers: the fee taken from the whole input at once
 * (which is what v3's per-step fee adds up to), whole ranges consumed in closed form, ticks
 * crossed by adding liquidityNet, √P at a tick from Math.pow. No rounding margins.
 */
export class RefV3 {
  s: number;
  L = 0;
  i = 0; // ticks[0..i) are at or below the price
  readonly keep: number;
  readonly ticks: { sq: number; net: number }[];

  constructor(price: number, feePips: number, positions: readonly RefPosition[]) {
    const nets = new Map<number, number>();
    for (const p of positions) {
      nets.set(p.tickLower, (nets.get(p.tickLower) ?? 0) + p.liquidity);
      nets.set(p.tickUpper, (nets.get(p.tickUpper) ?? 0) - p.liquidity);
    }
    this.ticks = [...nets.entries()].sort((a, b) => a[0] - b[0]).map(([t, net]) => ({ sq: 1.0001 ** (t / 2), net }));
    this.s = Math.sqrt(price);
    this.keep = (1e6 - feePips) / 1e6;
    while (this.i < this.ticks.length && this.ticks[this.i].sq <= this.s) this.L += this.ticks[this.i++].net;
  }

  swap(sell: boolean, amountIn: number): { amountOut: number; price: number; remaining: number } {
    let rem = amountIn * this.keep;
    let out = 0;
    const n = this.ticks.length;
    while (rem > 0) {
      const L = this.i === 0 || this.i === n ? 0 : Math.max(0, this.L);
      if (sell) {
        const target = this.i > 0 ? this.ticks[this.i - 1].sq : 1.0001 ** (-887272 / 2);
        const need = L * (1 / target - 1 / this.s);
        if (rem < need) {
          out += (L * this.s * this.s * rem) / (L + rem * this.s);
          this.s = (L * this.s) / (L + rem * this.s);
          rem = 0;
          break;
        }
        out += L * (this.s - target);
        rem -= need;
        this.s = target;
        if (this.i === 0) break;
        this.L -= this.ticks[--this.i].net;
      } else {
        const target = this.i < n ? this.ticks[this.i].sq : 1.0001 ** (887272 / 2);
        const need = L * (target - this.s);
        if (rem < need) {
          const next = this.s + rem / L;
          out += rem / (this.s * next);
          this.s = next;
          rem = 0;
          break;
        }
        out += (L * (target - this.s)) / (this.s * target);
        rem -= need;
        this.s = target;
        if (this.i === n) break;
        this.L += this.ticks[this.i++].net;
      }
    }
    return { amountOut: out, price: this.s * this.s, remaining: rem / this.keep };
  }
}
