// A concentrated-liquidity pool, Uniswap v3 semantics in f64: token0 is the base, token1 the
// quote; the state is √P (P = quote per base), the current tick and the active liquidity L;
// positions add L between two ticks. A swap walks the initialized ticks in steps of constant
// liquidity (SwapMath.computeSwapStep, exact input, the fee in pips taken on the input) and
// crosses each tick it reaches.
//
// Where v3 uses Q64.96 integers, this uses f64 √P (v3's √P·2^96 / 2^96): SqrtPriceMath's
// formulas are the same, their integer rounding becomes rounding in the pool's favour by a
// relative margin (pool_common.ts), and TickMath's √(1.0001^tick) is computed from exp.
//
// Memory: one ClPool (CL_BYTES) and a second block (clTicksBytes) with the initialized ticks
// sorted, each with √P at the tick and the active liquidity just above it. The liquidity of a
// range is computed once, from the positions, not by adding and subtracting liquidityNet as
// ticks are crossed: so it never drifts, and is exactly 0 where no position covers the range.

import { CHARGE, PAY, SELL, ulps, writeOut } from "./pool_common";
import { expScalar, logScalar } from "./vmath";

export const MIN_TICK: i32 = -887272;
export const MAX_TICK: i32 = 887272;
const HALF_LN_BASE: f64 = 4.999750016665417e-5; // ln(1.0001) / 2
const INV_HALF_LN_BASE: f64 = 20000.999983334168; // 2 / ln(1.0001)
const TICK_OFFSET: i64 = 1 << 20; // > MAX_TICK: makes tick + offset positive in a sort key

@unmanaged
class ClPool {
  sqrtP: f64;
  liquidity: f64; // active
  feePips: f64;
  keep: f64; // (1e6 − fee) / 1e6: the share of an input that trades
  lower: f64; // √P limits of a swap (v3's MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO − 1)
  upper: f64;
  tick: i32;
  next: i32; // index of the first initialized tick above `tick`
  n: i32; // initialized ticks
  spacing: i32;
  ticks: usize; // i32[n], ascending
  sqrts: usize; // f64[n]: √P at each tick
  above: usize; // f64[n]: active liquidity between tick i and tick i + 1
  nets: usize; // f64[n]: liquidityNet (what crossing upward adds)
}

export const CL_BYTES: usize = offsetof<ClPool>();

// ---- TickMath ----------------------------------------------------------------------------

/** √(1.0001^tick), v3's getSqrtRatioAtTick / 2^96. */
export function clSqrtRatioAtTick(tick: i32): f64 {
  return expScalar(<f64>tick * HALF_LN_BASE);
}

/** The greatest tick whose clSqrtRatioAtTick is ≤ `sqrtP` (getTickAtSqrtRatio), clamped to the tick range. */
export function clTickAtSqrtRatio(sqrtP: f64): i32 {
  if (!(sqrtP > 0)) return MIN_TICK;
  const g = Math.floor(logScalar(sqrtP) * INV_HALF_LN_BASE);
  if (!(g > <f64>MIN_TICK)) return MIN_TICK;
  if (!(g < <f64>MAX_TICK)) return MAX_TICK;
  let t = <i32>g;
  if (clSqrtRatioAtTick(t + 1) <= sqrtP) t++;
  else if (clSqrtRatioAtTick(t) > sqrtP) t--;
  return t;
}

// ---- SqrtPriceMath -----------------------------------------------------------------------

/** L·|1/a − 1/b|: the token0 between two √P (getAmount0Delta). */
@inline function amount0(a: f64, b: f64, L: f64): f64 {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return ((hi - lo) * L) / hi / lo;
}

/** L·|b − a|: the token1 between two √P (getAmount1Delta). */
@inline function amount1(a: f64, b: f64, L: f64): f64 {
  return Math.abs(b - a) * L;
}

export function clAmount0Delta(a: f64, b: f64, liquidity: f64): f64 {
  return amount0(a, b, liquidity);
}

export function clAmount1Delta(a: f64, b: f64, liquidity: f64): f64 {
  return amount1(a, b, liquidity);
}

/**
 * √P after adding `amount` of token0 (`zeroForOne`, the price falls) or token1 (it rises),
 * rounded toward the current price (getNextSqrtPriceFromInput). NaN where v3 reverts (√P or L
 * not positive).
 */
export function clNextSqrtPriceFromInput(sqrtP: f64, liquidity: f64, amount: f64, zeroForOne: bool): f64 {
  if (!(sqrtP > 0) || !(liquidity > 0)) return NaN;
  if (zeroForOne) return Math.min(sqrtP, ulps(sqrtP / (1.0 + (amount * sqrtP) / liquidity), 4));
  return Math.max(sqrtP, ulps(sqrtP + amount / liquidity, -4));
}

/**
 * √P after taking `amount` of token1 out (`zeroForOne`, the price falls) or of token0 (it
 * rises), rounded away from the current price (getNextSqrtPriceFromOutput). NaN where v3
 * reverts: the output is not less than the virtual reserve.
 */
export function clNextSqrtPriceFromOutput(sqrtP: f64, liquidity: f64, amount: f64, zeroForOne: bool): f64 {
  if (!(sqrtP > 0) || !(liquidity > 0)) return NaN;
  if (zeroForOne) {
    const q = amount / liquidity;
    if (!(q < sqrtP)) return NaN;
    const n = ulps(sqrtP - q, -4);
    return n > 0 ? Math.min(n, sqrtP) : NaN;
  }
  const r = (amount * sqrtP) / liquidity;
  if (!(r < 1.0)) return NaN;
  return Math.max(sqrtP, ulps(sqrtP / (1.0 - r), 4));
}

// ---- SwapMath ----------------------------------------------------------------------------

// The last step's results (module globals: the swap loop reads them without a memory round trip).
let stepNext: f64 = 0;
let stepIn: f64 = 0;
let stepOut: f64 = 0;
let stepFee: f64 = 0;

/**
 * computeSwapStep: from √P `cur` toward `target` with liquidity L, `rem` of the specified
 * token left (≥ 0 exact input, < 0 exact output); `keep` = (1e6 − fee)/1e6 and `feeRate` =
 * fee/(1e6 − fee). Sets stepNext, stepIn (without the fee), stepOut, stepFee.
 */
@inline function step(cur: f64, target: f64, L: f64, rem: f64, keep: f64, feeRate: f64): void {
  const zeroForOne = cur >= target;
  let next: f64;
  let amountIn: f64;
  let amountOut: f64;
  let fee: f64;
  if (rem >= 0) {
    const less = rem * keep;
    const maxIn = (zeroForOne ? amount0(target, cur, L) : amount1(cur, target, L)) * CHARGE;
    if (less >= maxIn) {
      next = target;
      amountIn = maxIn;
    } else {
      next = clNextSqrtPriceFromInput(cur, L, less, zeroForOne);
      amountIn = (zeroForOne ? amount0(next, cur, L) : amount1(cur, next, L)) * CHARGE;
    }
    amountOut = (zeroForOne ? amount1(next, cur, L) : amount0(cur, next, L)) * PAY;
    fee = next == target ? amountIn * feeRate * CHARGE : rem - amountIn;
  } else {
    const want = -rem;
    const maxOut = (zeroForOne ? amount1(target, cur, L) : amount0(cur, target, L)) * PAY;
    if (want >= maxOut) {
      next = target;
      amountOut = maxOut;
    } else {
      next = clNextSqrtPriceFromOutput(cur, L, want, zeroForOne);
      amountOut = Math.min(want, (zeroForOne ? amount1(next, cur, L) : amount0(cur, next, L)) * PAY);
    }
    amountIn = (zeroForOne ? amount0(next, cur, L) : amount1(cur, next, L)) * CHARGE;
    fee = amountIn * feeRate * CHARGE;
  }
  stepNext = next;
  stepIn = amountIn;
  stepOut = amountOut;
  stepFee = fee;
}

/** computeSwapStep for tests: writes √P next, amount in, amount out and fee to `out` (4 f64). */
export function clSwapStep(cur: f64, target: f64, liquidity: f64, rem: f64, feePips: f64, out: usize): void {
  step(cur, target, liquidity, rem, (1e6 - feePips) / 1e6, feePips / (1e6 - feePips));
  store<f64>(out, stepNext);
  store<f64>(out + 8, stepIn);
  store<f64>(out + 16, stepOut);
  store<f64>(out + 24, stepFee);
}

// ---- the pool ----------------------------------------------------------------------------

/** Bytes of the tick block for m positions (room for 2m initialized ticks). */
export function clTicksBytes(m: i32): usize {
  const cap = (<usize>m) << 1;
  return ((cap * 4 + 7) & ~7) + cap * 24;
}

/** Bytes of the scratch clInit reads and sorts in: 3 f64 per position, then 2 i64 keys. */
export function clScratchBytes(m: i32): usize {
  return <usize>m * 40;
}

/**
 * Lays out a pool at `price` (quote per base, so √P = √price) from m positions given as f64 columns in `work` (tickLower,
 * tickUpper, liquidity; validated: integer multiples of the spacing, lower < upper, L > 0);
 * `ticks` is a zeroed block of clTicksBytes(m). Returns the number of initialized ticks.
 */
export function clInit(self: usize, ticks: usize, price: f64, feePips: f64, spacing: i32, m: i32, work: usize): i32 {
  const p = changetype<ClPool>(self);
  const sqrtP = Math.sqrt(price);
  const cap = (<usize>m) << 1;
  p.ticks = ticks;
  p.sqrts = ticks + ((cap * 4 + 7) & ~7);
  p.above = p.sqrts + cap * 8;
  p.nets = p.above + cap * 8;
  p.sqrtP = sqrtP;
  p.feePips = feePips;
  p.keep = (1e6 - feePips) / 1e6;
  p.spacing = spacing;
  p.lower = ulps(clSqrtRatioAtTick(MIN_TICK), 1);
  p.upper = ulps(clSqrtRatioAtTick(MAX_TICK), -1);

  // events: key = (tick + offset) << 32 | position << 1 | upper, sorted by tick
  const lowers = work;
  const uppers = work + ((<usize>m) << 3);
  const liqs = work + ((<usize>m) << 4);
  const keys = work + <usize>m * 24;
  for (let j = 0; j < m; j++) {
    const at = (<usize>j) << 3;
    const lo = <i64>(<i32>load<f64>(lowers + at)) + TICK_OFFSET;
    const hi = <i64>(<i32>load<f64>(uppers + at)) + TICK_OFFSET;
    store<i64>(keys + ((<usize>j) << 4), (lo << 32) | ((<i64>j) << 1));
    store<i64>(keys + ((<usize>j) << 4) + 8, (hi << 32) | ((<i64>j) << 1) | 1);
  }
  heapSort(keys, <i32>cap);

  // sweep: per distinct tick its net, and the liquidity above it as a double-double sum,
  // exactly 0 where no position is open
  let n = 0;
  let open = 0;
  let sumHi = 0.0;
  let sumLo = 0.0;
  let e = 0;
  while (e < <i32>cap) {
    const key = load<i64>(keys + ((<usize>e) << 3));
    const tick = <i32>((key >> 32) - TICK_OFFSET);
    let netHi = 0.0;
    let netLo = 0.0;
    while (e < <i32>cap) {
      const k = load<i64>(keys + ((<usize>e) << 3));
      if (<i32>((k >> 32) - TICK_OFFSET) != tick) break;
      const j = <usize>((k & 0xffffffff) >> 1);
      const up = (k & 1) != 0;
      const l = load<f64>(liqs + (j << 3));
      const d = up ? -l : l;
      open += up ? -1 : 1;
      // two-sums (Knuth): hi + lo carries the sum without rounding error
      let s = sumHi + d;
      let z = s - sumHi;
      sumLo += sumHi - (s - z) + (d - z);
      sumHi = s;
      s = netHi + d;
      z = s - netHi;
      netLo += netHi - (s - z) + (d - z);
      netHi = s;
      e++;
    }
    store<i32>(p.ticks + ((<usize>n) << 2), tick);
    store<f64>(p.sqrts + ((<usize>n) << 3), clSqrtRatioAtTick(tick));
    store<f64>(p.above + ((<usize>n) << 3), open > 0 ? Math.max(0.0, sumHi + sumLo) : 0.0);
    store<f64>(p.nets + ((<usize>n) << 3), netHi + netLo);
    n++;
  }
  p.n = n;

  const tick = clTickAtSqrtRatio(sqrtP);
  let next = 0;
  while (next < n && load<i32>(p.ticks + ((<usize>next) << 2)) <= tick) next++;
  p.tick = tick;
  p.next = next;
  p.liquidity = next > 0 ? load<f64>(p.above + ((<usize>(next - 1)) << 3)) : 0.0;
  return n;
}

/** Sorts n i64 in place, ascending (heapsort: no extra memory, O(n log n) at worst). */
function heapSort(a: usize, n: i32): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(a, i, n);
  for (let end = n - 1; end > 0; end--) {
    const top = load<i64>(a);
    store<i64>(a, load<i64>(a + ((<usize>end) << 3)));
    store<i64>(a + ((<usize>end) << 3), top);
    siftDown(a, 0, end);
  }
}

@inline function siftDown(a: usize, i: i32, n: i32): void {
  const v = load<i64>(a + ((<usize>i) << 3));
  let at = i;
  while (true) {
    let c = 2 * at + 1;
    if (c >= n) break;
    let cv = load<i64>(a + ((<usize>c) << 3));
    if (c + 1 < n) {
      const r = load<i64>(a + ((<usize>(c + 1)) << 3));
      if (r > cv) {
        c++;
        cv = r;
      }
    }
    if (cv <= v) break;
    store<i64>(a + ((<usize>at) << 3), cv);
    at = c;
  }
  store<i64>(a + ((<usize>at) << 3), v);
}

/**
 * Swaps `amountIn` (≥ 0) of base (`side` SELL: token0 in, the price falls) or of quote (BUY):
 * steps of constant liquidity, crossing initialized ticks, until the input is used up or the
 * price reaches v3's limit with no liquidity left (the rest of the input is `remaining`).
 * With `commit` 0 only computes (a quote). Writes the result area to `out` (if not 0) and
 * returns the amount out.
 */
export function clSwap(self: usize, side: i32, amountIn: f64, commit: i32, out: usize): f64 {
  const p = changetype<ClPool>(self);
  const zeroForOne = side == SELL;
  const keep = p.keep;
  const feeRate = p.feePips / (1e6 - p.feePips);
  const ticks = p.ticks;
  const sqrts = p.sqrts;
  const above = p.above;
  const n = p.n;
  let s = p.sqrtP;
  let L = p.liquidity;
  let tick = p.tick;
  let next = p.next;
  let rem = amountIn;
  let used = 0.0; // input spent on the steps that reached their target
  let partial = false; // the last step used up the input inside a range
  let got = 0.0;
  while (rem > 0) {
    let target: f64;
    let tickNext: i32;
    let cross = false;
    if (zeroForOne) {
      tickNext = next > 0 ? load<i32>(ticks + ((<usize>(next - 1)) << 2)) : MIN_TICK;
      if (tickNext > MIN_TICK) {
        target = Math.min(s, load<f64>(sqrts + ((<usize>(next - 1)) << 3)));
        cross = true;
      } else {
        target = p.lower;
        tickNext = MIN_TICK + 1; // after the step: tick = MIN_TICK
      }
    } else {
      tickNext = next < n ? load<i32>(ticks + ((<usize>next) << 2)) : MAX_TICK;
      if (tickNext < MAX_TICK) {
        target = Math.max(s, load<f64>(sqrts + ((<usize>next) << 3)));
        cross = true;
      } else {
        target = p.upper;
        tickNext = MAX_TICK - 1;
      }
    }
    if (!cross && (zeroForOne ? s <= target : s >= target)) break; // at the limit
    const start = s;
    step(s, target, L, rem, keep, feeRate);
    s = stepNext;
    got += stepOut;
    if (s == target) {
      const spent = stepIn + stepFee;
      used += spent;
      rem -= spent;
      tick = zeroForOne ? tickNext - 1 : tickNext;
      if (!cross) break;
      if (zeroForOne) {
        next--;
        L = next > 0 ? load<f64>(above + ((<usize>(next - 1)) << 3)) : 0.0;
      } else {
        L = load<f64>(above + ((<usize>next) << 3));
        next++;
      }
    } else {
      partial = true; // the rest of the input was this step's fee
      if (s != start) tick = clTickAtSqrtRatio(s);
      break;
    }
  }
  // what is left goes back to the trader, rounded down; used + remaining ≤ amountIn
  let remaining = partial ? 0.0 : amountIn - used;
  if (remaining > 0) remaining = ulps(remaining, -1);
  else {
    remaining = 0;
    used = amountIn;
  }
  if (commit != 0) {
    p.sqrtP = s;
    p.liquidity = L;
    p.tick = tick;
    p.next = next;
  }
  writeOut(out, got, s * s, remaining, used);
  return got;
}

/** The price, quote per base: √P². */
export function clPrice(self: usize): f64 {
  const p = changetype<ClPool>(self);
  return p.sqrtP * p.sqrtP;
}

/** A field of the state: 0 √P, 1 active liquidity, 2 current tick, 3 initialized ticks. */
export function clGet(self: usize, which: i32): f64 {
  const p = changetype<ClPool>(self);
  if (which == 0) return p.sqrtP;
  if (which == 1) return p.liquidity;
  if (which == 2) return <f64>p.tick;
  return <f64>p.n;
}

/** Tick i of the initialized ticks: `which` 0 its index, 1 √P there, 2 liquidity above it, 3 liquidityNet. */
export function clTickInfo(self: usize, i: i32, which: i32): f64 {
  const p = changetype<ClPool>(self);
  const at = <usize>i;
  if (which == 0) return <f64>load<i32>(p.ticks + (at << 2));
  if (which == 1) return load<f64>(p.sqrts + (at << 3));
  if (which == 2) return load<f64>(p.above + (at << 3));
  return load<f64>(p.nets + (at << 3));
}
