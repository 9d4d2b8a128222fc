// Dealers' exposure over an option chain: net delta and dollar gamma at given spots.
//
// `chainPrepare` turns the chain's columns into what the sums need per option, once per
// chain and vol shift; `chainDelta` and `chainGamma` then cost one exponential (and for delta
// one Mills ratio) per option and spot, two options per step. Lanes of an odd chain's last
// pair are padded with a zero-weight option, so each sum is the same whatever n's parity.

import { normCdfFrom, sel, vexp, vlog, vmills, vnormPdf } from "./vmath";

/** Prepared columns per option, one after another (n f64 each, n rounded up to even). */
export const PREP_COLUMNS: i32 = 6; // ln K, (r - q)T, σ√T, 1/σ√T, weight·e^{-qT}, ±1 (call/put)

// Below this σ√T counts as zero (as in greeks.ts): the option's delta is a step, its gamma 0.
const TINY: f64 = 1e-100;

// prettier-ignore
const EX = memory.data<f64>([
  0.0,
  0.0, //       0
  1.0,
  1.0, //       1
  -1.0,
  -1.0, //     2
  0.5,
  0.5, //       3
  TINY,
  TINY, //     4
  0.01,
  0.01, //     5 per 1% move
]);

@inline function c(i: i32): v128 {
  return v128.load(EX + ((<usize>i) << 4));
}

/** n rounded up to even: the padded length of every prepared column. */
@inline function padded(n: i32): usize {
  return <usize>((n + 1) & ~1);
}

/**
 * Prepares a chain of n options (strike, time to expiry in years, vol, the dealers' signed
 * position in contracts, call flag) at rates r and q, with every vol shifted by `volShift`
 * (clamped at 0) and positions in units of the underlying (× `contractSize`). `prep` has
 * room for PREP_COLUMNS padded columns.
 */
export function chainPrepare(
  n: i32,
  strike: usize,
  time: usize,
  vol: usize,
  position: usize,
  call: usize,
  rate: f64,
  dividend: f64,
  volShift: f64,
  contractSize: f64,
  prep: usize,
): void {
  const col = padded(n) << 3;
  const r = f64x2.splat(rate);
  const q = f64x2.splat(dividend);
  const shift = f64x2.splat(volShift);
  const size = f64x2.splat(contractSize);
  for (let i = 0; i < n; i += 2) {
    const j = <usize>i;
    const single = i + 1 == n;
    const K = single ? v128.load64_splat(strike + (j << 3)) : v128.load(strike + (j << 3));
    const T = single ? v128.load64_splat(time + (j << 3)) : v128.load(time + (j << 3));
    const v = f64x2.max(c(0), f64x2.add(single ? v128.load64_splat(vol + (j << 3)) : v128.load(vol + (j << 3)), shift));
    // the padding lane of an odd chain weighs nothing
    let wt = f64x2.mul(size, single ? v128.load64_splat(position + (j << 3)) : v128.load(position + (j << 3)));
    if (single) wt = f64x2.replace_lane(wt, 1, 0.0);
    const a = load<u8>(call + j);
    const b = single ? a : load<u8>(call + j + 1);
    const sign = f64x2.replace_lane(f64x2.splat(a ? 1.0 : -1.0), 1, b ? 1.0 : -1.0);
    const sd = f64x2.mul(v, f64x2.sqrt(T));
    const o = prep + (j << 3);
    v128.store(o, vlog(K));
    v128.store(o + col, f64x2.mul(f64x2.sub(r, q), T));
    v128.store(o + 2 * col, sd);
    v128.store(o + 3 * col, f64x2.div(c(1), sd));
    v128.store(o + 4 * col, f64x2.mul(wt, vexp(f64x2.mul(f64x2.neg(q), T))));
    v128.store(o + 5 * col, sign);
  }
}

/** d1 at ln S for the prepared pair at o, and whether σ√T is live. */
@inline function d1At(lnS: v128, o: usize, col: usize): v128 {
  const x = f64x2.add(f64x2.sub(lnS, v128.load(o)), v128.load(o + col));
  return f64x2.add(f64x2.mul(x, v128.load(o + 3 * col)), f64x2.mul(c(3), v128.load(o + 2 * col)));
}

/**
 * The chain's net delta at `spot`: Σ weight·Δ, in units of the underlying. Where σ√T is 0
 * the delta is the step of the certain forward (½ exactly at the kink).
 */
export function chainDelta(n: i32, prep: usize, spot: f64): f64 {
  const col = padded(n) << 3;
  const lnS = vlog(f64x2.splat(spot));
  let sum = c(0);
  for (let i = 0; i < n; i += 2) {
    const o = prep + ((<usize>i) << 3);
    const w = v128.load(o + 5 * col);
    const d1 = d1At(lnS, o, col);
    const u = f64x2.mul(w, d1);
    const n1 = normCdfFrom(u, vnormPdf(d1), vmills(f64x2.abs(u)));
    // certain forward: the sign of ln(F/K) decides, half at the kink
    const fwd = f64x2.mul(w, f64x2.add(f64x2.sub(lnS, v128.load(o)), v128.load(o + col)));
    const step = sel(f64x2.gt(fwd, c(0)), c(1), sel(f64x2.lt(fwd, c(0)), c(0), c(3)));
    const live = f64x2.gt(v128.load(o + 2 * col), c(4));
    sum = f64x2.add(sum, f64x2.mul(f64x2.mul(v128.load(o + 4 * col), w), sel(live, n1, step)));
  }
  return f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1);
}

/**
 * The chain's dollar gamma per 1% move at each of `m` spots: Σ weight·Γ·S²/100, the change
 * of its dollar delta when the spot moves 1%.
 */
export function chainGamma(n: i32, prep: usize, m: i32, spots: usize, out: usize): void {
  const col = padded(n) << 3;
  for (let k = 0; k < m; k++) {
    const S = f64x2.splat(load<f64>(spots + ((<usize>k) << 3)));
    const lnS = vlog(S);
    let sum = c(0);
    for (let i = 0; i < n; i += 2) {
      const o = prep + ((<usize>i) << 3);
      const pdf = vnormPdf(d1At(lnS, o, col));
      // Γ·S² = e^{-qT} φ(d1) S/σ√T
      const g = f64x2.mul(f64x2.mul(v128.load(o + 4 * col), pdf), f64x2.mul(S, v128.load(o + 3 * col)));
      sum = f64x2.add(sum, sel(f64x2.gt(v128.load(o + 2 * col), c(4)), g, c(0)));
    }
    const total = f64x2.mul(sum, c(5));
    store<f64>(out + ((<usize>k) << 3), f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1));
  }
}

/** Each option's dollar gamma per 1% move at `spot` (weight·Γ·S²/100), into out[0..n). */
export function optionGamma(n: i32, prep: usize, spot: f64, out: usize): void {
  const col = padded(n) << 3;
  const S = f64x2.splat(spot);
  const lnS = vlog(S);
  for (let i = 0; i < n; i += 2) {
    const o = prep + ((<usize>i) << 3);
    const pdf = vnormPdf(d1At(lnS, o, col));
    const g = f64x2.mul(f64x2.mul(v128.load(o + 4 * col), pdf), f64x2.mul(S, v128.load(o + 3 * col)));
    const v = f64x2.mul(sel(f64x2.gt(v128.load(o + 2 * col), c(4)), g, c(0)), c(5));
    if (i + 1 == n) v128.store64_lane(out + ((<usize>i) << 3), v, 0);
    else v128.store(out + ((<usize>i) << 3), v);
  }
}

/**
 * Sums `values` into bins by key: out[b] = Σ values[i] over keys[i] == bins[b], where `bins`
 * holds m distinct keys in ascending order (every key must be among them).
 */
export function binSum(n: i32, keys: usize, values: usize, m: i32, bins: usize, out: usize): void {
  memory.fill(out, 0, (<usize>m) << 3);
  for (let i = 0; i < n; i++) {
    const key = load<f64>(keys + ((<usize>i) << 3));
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (load<f64>(bins + ((<usize>mid) << 3)) < key) lo = mid + 1;
      else hi = mid;
    }
    const at = out + ((<usize>lo) << 3);
    store<f64>(at, load<f64>(at) + load<f64>(values + ((<usize>i) << 3)));
  }
}
