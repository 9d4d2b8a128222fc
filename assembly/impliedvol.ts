// Implied volatility of European options, two per step in f64x2 lanes.
//
// The price is normalized as in Jäckel's "Let's Be Rational" (2015): with F the forward,
// x = ln(F/K) and s = σ√T, the undiscounted price over √(FK) is the normalised Black
// function b(x, s). Its time value equals b of the out-of-the-money call at x̃ = -|x|, which
// rises from 0 to e^{x̃/2} as s goes from 0 to ∞, convex below s_c = √(2|x̃|) and concave
// above. Below s_c we solve 1/ln b(s) = 1/ln β, above it ln(e^{x̃/2} - b(s)) =
// ln(e^{x̃/2} - β): both nearly linear in s where plain b = β is not. From an asymptotic
// guess, Householder steps of order 3 (derivatives of b are closed-form) converge in 2-4
// iterations, safeguarded by a bracket that every step of b narrows.
//
// b is evaluated from the Mills ratio M with h = x̃/s, t = s/2, C = e^{-(h²+t²)/2}/√(2π):
//   h + t ≤ 0:  b = C·(M(-h-t) - M(t-h))        (both tails, no cancellation of Φs)
//   h + t > 0:  b = e^{x̃/2} - C·(M(h+t) + M(t-h)), and e^{x̃/2} - b = C·(M(h+t) + M(t-h))

import { ld, sign, stride } from "./columns";
import { sel, vexp, vlog, vmills } from "./vmath";

// prettier-ignore
const IV = memory.data<f64>([
  0.0,
  0.0, //           0
  1.0,
  1.0, //           1
  0.5,
  0.5, //           2
  2.0,
  2.0, //           3
  -0.5,
  -0.5, //         4
  0.25,
  0.25, //         5
  0.3989422804014327,
  0.3989422804014327, // 6 1/√(2π)
  -2.5066282746310002,
  -2.5066282746310002, // 7 -√(2π)
  8.0,
  8.0, //           8
  1.5957691216057308,
  1.5957691216057308, // 9 4/√(2π)
  3.0,
  3.0, //           10
  1.0 / 6.0,
  1.0 / 6.0, // 11
  NaN,
  NaN, //           12
  4.440892098500626e-16,
  4.440892098500626e-16, // 13 2ε: converged when a step is below 2ε·s
  1e-300,
  1e-300, //     14 lower floor of s
  1e12,
  1e12, //         15 upper cap of s
  6.0,
  6.0, //           16
  0.125,
  0.125, //       17
  1.7763568394002505e-15,
  1.7763568394002505e-15, // 18 8ε
]);

@inline function c(i: i32): v128 {
  return v128.load(IV + ((<usize>i) << 4));
}

@inline function add(a: v128, b: v128): v128 {
  return f64x2.add(a, b);
}
@inline function sub(a: v128, b: v128): v128 {
  return f64x2.sub(a, b);
}
@inline function mul(a: v128, b: v128): v128 {
  return f64x2.mul(a, b);
}
@inline function div(a: v128, b: v128): v128 {
  return f64x2.div(a, b);
}

const MAX_STEPS = 16;

/**
 * Implied volatility of n options from their prices (discounted, quote units), with the
 * inputs of `bsm` but `price` in place of `vol`. Bits of `scalars` as in `bsm`, in this
 * argument order: price 1, spot 2, strike 4, time 8, rate 16, dividend 32, call 64. NaN where no volatility
 * reproduces the price: below intrinsic value, at or above the upper bound (the discounted
 * spot for a call, the discounted strike for a put), or when time, spot or strike is 0.
 * A price at intrinsic value (to within 8ε of the larger of price and intrinsic value,
 * the rounding of the normalization) gives 0.
 */
export function impliedVol(
  n: i32,
  price: usize,
  spot: usize,
  strike: usize,
  time: usize,
  rate: usize,
  dividend: usize,
  call: usize,
  scalars: i32,
  out: usize,
): void {
  const sP = stride(scalars, 1, 8);
  const sS = stride(scalars, 2, 8);
  const sK = stride(scalars, 4, 8);
  const sT = stride(scalars, 8, 8);
  const sR = stride(scalars, 16, 8);
  const sQ = stride(scalars, 32, 8);
  const sC = stride(scalars, 64, 1);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const j = <usize>i;
    const v = solve(
      ld(price, sP, j, false),
      ld(spot, sS, j, false),
      ld(strike, sK, j, false),
      ld(time, sT, j, false),
      ld(rate, sR, j, false),
      ld(dividend, sQ, j, false),
      sign(call, sC, j, false),
    );
    v128.store(out + (j << 3), v);
  }
  if (i < n) {
    const j = <usize>i;
    const v = solve(
      ld(price, sP, j, true),
      ld(spot, sS, j, true),
      ld(strike, sK, j, true),
      ld(time, sT, j, true),
      ld(rate, sR, j, true),
      ld(dividend, sQ, j, true),
      sign(call, sC, j, true),
    );
    v128.store64_lane(out + (j << 3), v, 0);
  }
}

/** Normalised b, e^{x/2} - b, and b' of the out-of-the-money call (x ≤ 0) at s. */
@inline function black(x: v128, ex: v128, s: v128, out: usize): void {
  const h = div(x, s);
  const t = mul(c(2), s);
  const C = mul(c(6), vexp(mul(c(4), add(mul(h, h), mul(t, t)))));
  const a1 = add(h, t);
  const m1 = vmills(f64x2.abs(a1));
  const m2 = vmills(sub(t, h));
  const upper = f64x2.gt(a1, c(0));
  const gap = mul(C, add(m1, m2)); // e^{x/2} - b where h + t > 0
  const b = sel(upper, sub(ex, gap), mul(C, sub(m1, m2)));
  v128.store(out, b);
  v128.store(out, sel(upper, gap, sub(ex, b)), 16);
  v128.store(out, C, 32);
}

const SCRATCH = memory.data(48, 16);

@inline function solve(P: v128, S: v128, K: v128, T: v128, r: v128, q: v128, w: v128): v128 {
  // normalize: F = S e^{(r-q)T}, β = P e^{rT}/√(FK), x = ln(F/K)
  const rT = mul(r, T);
  const bT = mul(sub(r, q), T);
  const x = add(vlog(div(S, K)), bT);
  const sqrtFK = f64x2.sqrt(mul(mul(S, K), vexp(bT)));
  const beta = div(mul(P, vexp(rT)), sqrtFK);
  const eh = vexp(mul(c(2), x)); // e^{x/2}
  const intrinsic = f64x2.max(c(0), mul(w, sub(eh, div(c(1), eh))));
  // time value = b of the out-of-the-money call at -|x|; a price within rounding of the
  // intrinsic value (8ε of the larger term) is at intrinsic value
  const raw = sub(beta, intrinsic);
  const tol = mul(c(18), f64x2.max(beta, intrinsic));
  const tv = sel(f64x2.le(f64x2.abs(raw), tol), c(0), raw);
  const xo = f64x2.neg(f64x2.abs(x));
  const ex = vexp(mul(c(2), xo)); // its upper bound e^{x̃/2}
  const gapTarget = sub(ex, tv);

  // the inflection point s_c = √(-2x̃) splits the two objectives
  const sc = f64x2.sqrt(mul(c(3), f64x2.neg(xo))); // s_c = √(-2x̃)
  let s = c(0);
  // b at s_c, to know which side the target lies on (x̃ = 0: everything is above)
  black(xo, ex, f64x2.max(sc, c(14)), SCRATCH);
  const bc = v128.load(SCRATCH);
  const vc = v128.load(SCRATCH, 32);
  const below = f64x2.lt(tv, bc);

  // first guesses: the tangent at s_c where the target is near b(s_c), else asymptotics
  //   below, deep:  b ≈ C·s³/x², C = e^{-x²/2s²-s²/8}/√(2π)  → fixed point in s²
  //   above, high:  e^{x/2} - b ≈ 4C/s                        → fixed point in s²
  const lnTv = vlog(tv);
  const lnGap = vlog(gapTarget);
  const x2 = mul(xo, xo);
  let lo = div(f64x2.abs(xo), f64x2.sqrt(mul(c(3), f64x2.neg(lnTv)))); // |x|/√(-2 ln β)
  let hi = f64x2.sqrt(mul(c(8), f64x2.max(c(1), f64x2.neg(lnGap))));
  for (let k = 0; k < 3; k++) {
    // below: x²/(2s²) = ln(s³/(√(2π)x²)) - s²/8 - ln β
    const l2 = mul(lo, lo);
    const rhsLo = sub(sub(vlog(div(mul(l2, lo), mul(c(7), f64x2.neg(x2)))), mul(c(17), l2)), lnTv);
    lo = sel(f64x2.gt(rhsLo, c(0)), f64x2.sqrt(div(x2, mul(c(3), rhsLo))), lo);
    // above: s²/8 = ln(4/(s√(2π))) - ln(e^{x/2} - β) - x²/(2s²)
    const h2 = mul(hi, hi);
    const rhsHi = sub(sub(vlog(div(c(9), hi)), lnGap), div(x2, mul(c(3), h2)));
    hi = sel(f64x2.gt(rhsHi, c(0)), f64x2.sqrt(mul(c(8), rhsHi)), hi);
  }
  const tangent = add(sc, div(sub(tv, bc), vc));
  const tanBelow = f64x2.gt(tv, mul(c(2), bc)); // within a factor 2 under b(s_c)
  const tanAbove = f64x2.lt(sub(tv, bc), mul(c(2), sub(ex, bc)));
  s = sel(below, sel(tanBelow, tangent, f64x2.min(lo, sc)), sel(tanAbove, tangent, f64x2.max(hi, sc)));

  // bracket: b rises with s, so [lo, hi] shrinks with every evaluation
  let bl = sel(below, c(14), sc);
  let bh = sel(below, sc, c(15));
  s = f64x2.min(f64x2.max(s, bl), bh);
  // lanes settled by the rules at the end: at or outside the bounds, T, S or K zero
  let done = v128.or(f64x2.le(tv, c(0)), f64x2.ge(tv, ex));
  done = v128.or(done, v128.or(f64x2.ne(tv, tv), f64x2.le(T, c(0))));
  done = v128.or(done, v128.or(f64x2.le(S, c(0)), f64x2.le(K, c(0))));
  const lnBeta = lnTv;
  const invLnBeta = div(c(1), lnBeta);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (i64x2.all_true(done)) break;
    black(xo, ex, s, SCRATCH);
    const b = v128.load(SCRATCH);
    const gap = v128.load(SCRATCH, 16);
    const b1 = v128.load(SCRATCH, 32); // b'
    // b''/b' and its derivative (closed forms in x and s)
    const s2 = mul(s, s);
    const xs2 = div(x2, s2);
    const hb = sub(div(xs2, s), mul(c(5), s)); // x²/s³ - s/4
    const hb1 = sub(mul(f64x2.neg(c(10)), div(xs2, s2)), c(5)); // -3x²/s⁴ - 1/4

    // below: g = 1/ln b - 1/ln β (decreasing in s)
    const L = vlog(b);
    const mu = div(b1, b);
    const mu1 = mul(mu, sub(hb, mu));
    const mu2 = add(mul(mu1, sub(hb, mu)), mul(mu, sub(hb1, mu1)));
    const iL = div(c(1), L);
    const iL2 = mul(iL, iL);
    const gLo = sub(iL, invLnBeta);
    const g1Lo = f64x2.neg(mul(mu, iL2));
    const g2Lo = add(f64x2.neg(mul(mu1, iL2)), mul(mul(c(3), mul(mu, mu)), mul(iL2, iL)));
    const g3Lo = add(
      sub(mul(c(16), mul(mul(mu, mu1), mul(iL2, iL))), mul(mu2, iL2)),
      f64x2.neg(mul(mul(c(16), mul(mu, mul(mu, mu))), mul(iL2, iL2))),
    );
    // above: f = ln(gap) - ln(gap target), increasing in s as the gap closes
    const lam = div(b1, gap);
    const lam1 = mul(lam, add(hb, lam));
    const gHi = sub(vlog(gapTarget), vlog(gap));
    const g2Hi = lam1;
    const g3Hi = add(mul(lam1, add(hb, lam)), mul(lam, add(hb1, lam1)));

    const f = sel(below, gLo, gHi);
    const f1 = sel(below, g1Lo, lam);
    const f2 = sel(below, g2Lo, g2Hi);
    const f3 = sel(below, g3Lo, g3Hi);
    // the root is above s where b(s) is short of the target
    const under = sel(below, f64x2.lt(b, tv), f64x2.gt(gap, gapTarget));
    bl = sel(done, bl, sel(under, f64x2.max(bl, s), bl));
    bh = sel(done, bh, sel(under, bh, f64x2.min(bh, s)));
    // Householder of order 3: Δ = ν(1 + ν h2/2)/(1 + ν(h2 + ν h3/6)), ν = -f/f'
    const nu = f64x2.neg(div(f, f1));
    const h2 = div(f2, f1);
    const h3 = div(f3, f1);
    const delta = div(mul(nu, add(c(1), mul(mul(c(2), nu), h2))), add(c(1), mul(nu, add(h2, mul(mul(nu, h3), c(11))))));
    let next = add(s, delta);
    // a step leaving the bracket (or NaN) is replaced by its geometric midpoint
    const outside = f64x2.ne(f64x2.min(f64x2.max(next, bl), bh), next);
    next = sel(outside, f64x2.sqrt(mul(bl, bh)), next);
    const small = f64x2.le(f64x2.abs(delta), mul(c(13), s));
    s = sel(done, s, next);
    done = v128.or(done, v128.andnot(small, outside));
  }
  const sigma = div(s, f64x2.sqrt(T));
  // settled cases: at intrinsic value 0; outside the bounds, or with T, S or K zero, NaN
  const atIntrinsic = f64x2.eq(tv, c(0));
  const bad = v128.or(
    v128.or(f64x2.lt(tv, c(0)), f64x2.ge(tv, ex)),
    v128.or(f64x2.le(T, c(0)), v128.or(f64x2.le(S, c(0)), f64x2.le(K, c(0)))),
  );
  return sel(bad, c(12), sel(atIntrinsic, c(0), sigma));
}
