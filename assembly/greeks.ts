// Generalized Black-Scholes-Merton price and Greeks over structure-of-arrays columns.
//
// Model (Haug 2007, §1.1 and §2.1): dS/S = (r - q) dt + σ dW, r and q continuous.
//   call = S e^{-qT} Φ(d1) - K e^{-rT} Φ(d2),  put = K e^{-rT} Φ(-d2) - S e^{-qT} Φ(-d1)
// Black-76 on a forward F is the case S = F, q = r.
// Units: T and theta in years (theta = dV/dt as calendar time passes), vega and volga
// per 1.00 of vol, rho per 1.00 of rate, charm = d(delta)/dt per year.

import { erfcx, normCdfWithPdf, normPdf, SQRT1_2, SQRT_PI_2 } from "./normal";

/** Number of output columns, in this order. */
export const BSM_OUTPUTS: i32 = 9; // price delta gamma vega theta rho vanna volga charm

// Bits of `scalars`: which inputs hold one value broadcast to all n options.
// spot 1, strike 2, time 4, vol 8, rate 16, dividend 32, call 64

/**
 * Price and Greeks of n options. Inputs are f64 columns (the call flag a u8 column,
 * nonzero = call); an input whose bit is set in `scalars` is read at index 0 only.
 * `out` holds BSM_OUTPUTS columns of n f64 each, one after another.
 * Inputs must be validated: finite, spot/strike/time/vol >= 0 (see src/greeks.ts).
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
  const sS: usize = scalars & 1 ? 0 : 8;
  const sK: usize = scalars & 2 ? 0 : 8;
  const sT: usize = scalars & 4 ? 0 : 8;
  const sV: usize = scalars & 8 ? 0 : 8;
  const sR: usize = scalars & 16 ? 0 : 8;
  const sQ: usize = scalars & 32 ? 0 : 8;
  const sC: usize = scalars & 64 ? 0 : 1;
  const col: usize = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    const j = <usize>i;
    bsmOne(
      load<f64>(spot + j * sS),
      load<f64>(strike + j * sK),
      load<f64>(time + j * sT),
      load<f64>(vol + j * sV),
      load<f64>(rate + j * sR),
      load<f64>(dividend + j * sQ),
      load<u8>(call + j * sC) != 0,
      out + (j << 3),
      col,
    );
  }
}

@inline
function put9(
  o: usize,
  col: usize,
  price: f64,
  delta: f64,
  gamma: f64,
  vega: f64,
  theta: f64,
  rho: f64,
  vanna: f64,
  volga: f64,
  charm: f64,
): void {
  store<f64>(o, price);
  store<f64>(o + col, delta);
  store<f64>(o + 2 * col, gamma);
  store<f64>(o + 3 * col, vega);
  store<f64>(o + 4 * col, theta);
  store<f64>(o + 5 * col, rho);
  store<f64>(o + 6 * col, vanna);
  store<f64>(o + 7 * col, volga);
  store<f64>(o + 8 * col, charm);
}

// Below this, σ√T, spot and strike count as zero: the limit is then exact to double
// precision, and 1/(S·σ√T) and its kin cannot overflow.
const TINY: f64 = 1e-100;

@inline
function bsmOne(S: f64, K: f64, T: f64, v: f64, r: f64, q: f64, isCall: bool, o: usize, col: usize): void {
  const sqrtT = Math.sqrt(T);
  const sd = v * sqrtT;
  const dq = Math.exp(-q * T);
  const dr = Math.exp(-r * T);
  const Sq = S * dq;
  const Kr = K * dr;
  if (!(sd > TINY && K > TINY && S > TINY)) {
    deterministic(S, K, T, r, q, isCall, dq, dr, Sq, Kr, o, col);
    return;
  }
  let x = Math.log(S / K);
  if (!isFinite(x)) x = Math.log(S) - Math.log(K); // S/K overflowed or underflowed
  const b = r - q;
  const d1 = (x + b * T) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pdf = normPdf(d1);
  const pdf2 = normPdf(d2);
  const w = isCall ? 1.0 : -1.0;
  const n1 = normCdfWithPdf(w * d1, pdf);
  const n2 = normCdfWithPdf(w * d2, pdf2);
  // Out of the money both terms sit in Φ's lower tail and nearly cancel; with
  // S e^{-qT} φ(d1) = K e^{-rT} φ(d2) the difference becomes one of two erfcx values.
  const price =
    w * d2 < 0 && w * d1 < 0
      ? w * SQRT_PI_2 * Sq * pdf * (erfcx(-w * d1 * SQRT1_2) - erfcx(-w * d2 * SQRT1_2))
      : w * (Sq * n1 - Kr * n2);
  const delta = w * dq * n1;
  // products start from φ(d1): where it underflows to 0 the huge factors must meet a 0
  const dqPdf = dq * pdf;
  const gamma = dqPdf / (S * sd);
  const vega = Sq * pdf * sqrtT;
  const theta = (-Sq * pdf * v) / (2.0 * sqrtT) + w * (q * Sq * n1 - r * Kr * n2);
  const rho = w * K * T * dr * n2;
  const d2v = d2 / v;
  const vanna = -dqPdf * d2v;
  const volga = vega * d1 * d2v;
  const charm = w * q * dq * n1 - (dqPdf * b) / sd + (dqPdf * d2) / (2.0 * T);
  put9(o, col, price, delta, gamma, vega, theta, rho, vanna, volga, charm);
}

/**
 * The σ√T = 0 (or strike 0, or spot 0; each below 1e-100 counts as 0) limit: the forward is certain, so the value is
 * max(±(S e^{-qT} - K e^{-rT}), 0) and the Greeks are that function's derivatives.
 * Exactly at the kink S e^{-qT} = K e^{-rT} the first-order Greeks take the mean of
 * their one-sided values, and gamma, vega, vanna and volga are NaN (no limit exists).
 */
@inline
function deterministic(
  S: f64,
  K: f64,
  T: f64,
  r: f64,
  q: f64,
  isCall: bool,
  dq: f64,
  dr: f64,
  Sq: f64,
  Kr: f64,
  o: usize,
  col: usize,
): void {
  const w = isCall ? 1.0 : -1.0;
  const fwd = w * (Sq - Kr);
  // weight of the exercised branch: 1 in the money, 0 out, 1/2 at the kink
  const m: f64 = fwd > 0 ? 1.0 : fwd < 0 ? 0.0 : 0.5;
  const second: f64 = m == 0.5 ? NaN : 0.0;
  put9(
    o,
    col,
    fwd > 0 ? fwd : 0.0,
    m * w * dq,
    second,
    second,
    m * w * (q * Sq - r * Kr),
    m * w * K * T * dr,
    second,
    second,
    m * w * q * dq,
  );
}
