// Generalized Black-Scholes-Merton price and Greeks over structure-of-arrays columns,
// two options per step in f64x2 lanes.
//
// Model (Haug 2007, §1.1 and §2.1): dS/S = (r - q) dt + σ dW, r and q continuous.
//   call = S e^{-qT} Φ(d1) - K e^{-rT} Φ(d2),  put = K e^{-rT} Φ(-d2) - S e^{-qT} Φ(-d1)
// Black-76 on a forward F is the case S = F, q = r.
// Units: T and theta in years (theta = dV/dt as calendar time passes), vega and volga
// per 1.00 of vol, rho per 1.00 of rate, charm = d(delta)/dt per year.

import { ld, sign, stride } from "./columns";
import { normCdfFrom, sel, vexp, vlog, vmills, vnormPdf } from "./vmath";

/** Number of output columns, in this order. */
export const BSM_OUTPUTS: i32 = 9; // price delta gamma vega theta rho vanna volga charm

// Bits of `scalars`: which inputs hold one value broadcast to all n options.
// spot 1, strike 2, time 4, vol 8, rate 16, dividend 32, call 64

// Below this, σ√T, spot and strike count as zero: the limit is then exact to double
// precision, and 1/(S·σ√T) and its kin cannot overflow.
const TINY: f64 = 1e-100;

/**
 * Price and Greeks of n options. Inputs are f64 columns (the call flag a u8 column,
 * nonzero = call); an input whose bit is set in `scalars` is read at index 0 only.
 * `out` holds BSM_OUTPUTS columns of n f64 each, one after another.
 * Inputs must be validated: finite and within the ranges of src/greeks.ts.
 */
export function bsm(
  n: i32,
  spot: usize,
  strike: usize,
  time: usize,
  vol: usize,
  rate: usize,
  dividend: usize,
  call: usize,
  scalars: i32,
  out: usize,
): void {
  const sS = stride(scalars, 1, 8);
  const sK = stride(scalars, 2, 8);
  const sT = stride(scalars, 4, 8);
  const sV = stride(scalars, 8, 8);
  const sR = stride(scalars, 16, 8);
  const sQ = stride(scalars, 32, 8);
  const sC = stride(scalars, 64, 1);
  const col: usize = (<usize>n) << 3;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const j = <usize>i;
    pair(
      false,
      ld(spot, sS, j, false),
      ld(strike, sK, j, false),
      ld(time, sT, j, false),
      ld(vol, sV, j, false),
      ld(rate, sR, j, false),
      ld(dividend, sQ, j, false),
      sign(call, sC, j, false),
      out + (j << 3),
      col,
    );
  }
  if (i < n) {
    const j = <usize>i;
    pair(
      true,
      ld(spot, sS, j, true),
      ld(strike, sK, j, true),
      ld(time, sT, j, true),
      ld(vol, sV, j, true),
      ld(rate, sR, j, true),
      ld(dividend, sQ, j, true),
      sign(call, sC, j, true),
      out + (j << 3),
      col,
    );
  }
}

// prettier-ignore
const GK = memory.data<f64>([
  0.5,
  0.5, //     0
  1e-290,
  1e-290, // 1 φ below this: recompute φ(d2) directly
  0.0,
  0.0, //     2
  2.0,
  2.0, //     3
  TINY,
  TINY, //   4
  1.0,
  1.0, //     5
  NaN,
  NaN, //     6
]);

/** Entry i of the constant table (a load is cheaper in V8 than an inline v128 constant). */
@inline function c(i: i32): v128 {
  return v128.load(GK + ((<usize>i) << 4));
}

@inline function mul(a: v128, b: v128): v128 {
  return f64x2.mul(a, b);
}

@inline function put(o: usize, value: v128, single: bool): void {
  if (single) v128.store64_lane(o, value, 0);
  else v128.store(o, value);
}

@inline function pair(
  single: bool,
  S: v128,
  K: v128,
  T: v128,
  v: v128,
  r: v128,
  q: v128,
  w: v128,
  o: usize,
  col: usize,
): void {
  const sqrtT = f64x2.sqrt(T);
  const sd = mul(v, sqrtT);
  // e^{-qT} and e^{-rT}; a zero rate is common (no dividend) and e^0 is exactly 1 either way
  const dq = i64x2.all_true(f64x2.eq(q, c(2))) ? c(5) : vexp(mul(f64x2.neg(q), T));
  const dr = i64x2.all_true(f64x2.eq(r, c(2))) ? c(5) : vexp(mul(f64x2.neg(r), T));
  const Sq = mul(S, dq);
  const Kr = mul(K, dr);
  const b = f64x2.sub(r, q);
  const x = vlog(f64x2.div(S, K)); // S/K in [1e-115, 1e115] wherever it is used
  const d1 = f64x2.add(f64x2.div(f64x2.add(x, mul(b, T)), sd), mul(c(0), sd));
  const d2 = f64x2.sub(d1, sd);
  const pdf = vnormPdf(d1);
  // φ(d2) = φ(d1)·S e^{-qT}/(K e^{-rT}); directly where φ(d1) has underflowed past it
  let pdf2 = mul(pdf, f64x2.div(Sq, Kr));
  const under = f64x2.lt(pdf, c(1));
  if (v128.any_true(under)) pdf2 = sel(under, vnormPdf(d2), pdf2);
  const u1 = mul(w, d1);
  const u2 = mul(w, d2);
  const m1 = vmills(f64x2.abs(u1));
  const m2 = vmills(f64x2.abs(u2));
  const n1 = normCdfFrom(u1, pdf, m1);
  const n2 = normCdfFrom(u2, pdf2, m2);
  // Out of the money both terms sit in Φ's lower tail and nearly cancel; as
  // S e^{-qT} φ(d1) = K e^{-rT} φ(d2) their difference is one of two Mills ratios instead.
  const price = sel(
    f64x2.lt(f64x2.max(u1, u2), c(2)),
    mul(w, mul(mul(Sq, pdf), f64x2.sub(m1, m2))),
    mul(w, f64x2.sub(mul(Sq, n1), mul(Kr, n2))),
  );
  const delta = mul(w, mul(dq, n1));
  // products start from φ(d1): where it underflows to 0 the huge factors must meet a 0
  const dqPdf = mul(dq, pdf);
  const gamma = f64x2.div(dqPdf, mul(S, sd));
  const vega = mul(mul(Sq, pdf), sqrtT);
  const theta = f64x2.add(
    f64x2.div(mul(mul(f64x2.neg(Sq), pdf), v), mul(c(3), sqrtT)),
    mul(w, f64x2.sub(mul(mul(q, Sq), n1), mul(mul(r, Kr), n2))),
  );
  const rho = mul(w, mul(mul(mul(K, T), dr), n2));
  const d2v = f64x2.div(d2, v);
  const vanna = mul(f64x2.neg(dqPdf), d2v);
  const volga = mul(mul(vega, d1), d2v);
  const charm = f64x2.add(
    f64x2.sub(mul(mul(w, q), mul(dq, n1)), f64x2.div(mul(dqPdf, b), sd)),
    f64x2.div(mul(dqPdf, d2), mul(c(3), T)),
  );

  // σ√T, strike or spot (near) zero: the certain-forward limit, lane by lane
  const live = v128.and(f64x2.gt(sd, c(4)), v128.and(f64x2.gt(K, c(4)), f64x2.gt(S, c(4))));
  if (i64x2.all_true(live)) {
    store9(o, col, single, price, delta, gamma, vega, theta, rho, vanna, volga, charm);
    return;
  }
  // The forward is certain, so the value is max(±(S e^{-qT} - K e^{-rT}), 0) and the Greeks
  // are that function's derivatives. At the kink S e^{-qT} = K e^{-rT} first-order Greeks
  // take the mean of their one-sided values; gamma, vega, vanna and volga are NaN there.
  const fwd = mul(w, f64x2.sub(Sq, Kr));
  const m = sel(f64x2.gt(fwd, c(2)), c(5), sel(f64x2.lt(fwd, c(2)), c(2), c(0)));
  const second = sel(f64x2.eq(m, c(0)), c(6), c(2));
  const mw = mul(m, w);
  store9(
    o,
    col,
    single,
    sel(live, price, sel(f64x2.gt(fwd, c(2)), fwd, c(2))),
    sel(live, delta, mul(mw, dq)),
    sel(live, gamma, second),
    sel(live, vega, second),
    sel(live, theta, mul(mw, f64x2.sub(mul(q, Sq), mul(r, Kr)))),
    sel(live, rho, mul(mw, mul(mul(K, T), dr))),
    sel(live, vanna, second),
    sel(live, volga, second),
    sel(live, charm, mul(mw, mul(q, dq))),
  );
}

@inline function store9(
  o: usize,
  col: usize,
  single: bool,
  price: v128,
  delta: v128,
  gamma: v128,
  vega: v128,
  theta: v128,
  rho: v128,
  vanna: v128,
  volga: v128,
  charm: v128,
): void {
  put(o, price, single);
  put(o + col, delta, single);
  put(o + 2 * col, gamma, single);
  put(o + 3 * col, vega, single);
  put(o + 4 * col, theta, single);
  put(o + 5 * col, rho, single);
  put(o + 6 * col, vanna, single);
  put(o + 7 * col, volga, single);
  put(o + 8 * col, charm, single);
}
