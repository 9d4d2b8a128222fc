// Price paths for Monte Carlo stress. Each modelled asset follows one model — geometric Brownian
// motion, Merton's jump diffusion, GARCH(1,1) with Student-t shocks, or a stationary block
// bootstrap of a historical series — and the normal shocks of the first three are correlated
// through a Cholesky factor of the scenario's correlations.
//
// Path i of a seed draws only from streams keyed by (seed, i) (random.ts pathKey), one per asset
// (keyed further by the asset's id, which the caller hashes) and one for the bootstrap's blocks:
// the same path is the same bits in any batch, worker or shard, on every runtime. exp and log
// are the core's own (vmath.ts); sqrt and the arithmetic are IEEE-exact; nothing else decides.
//
// Within an asset's stream the path's `steps` normals come first, then what its model draws
// besides (jump counts and sizes, chi-square scales), so two models of one asset share their
// diffusion's normals (common random numbers): GBM and Merton differ by the jumps alone.
//
// Output: count × n × (steps + 1) f64, path-major, then asset, then step; element 0 of each
// column is the asset's price at step 0, element t its price after step t.

import {
  MODEL_BOOTSTRAP,
  MODEL_GARCH,
  MODEL_MERTON,
  PATH_ALPHA,
  PATH_BETA,
  PATH_BLOCK,
  PATH_DRIFT,
  PATH_FIELDS,
  PATH_JUMP_MEAN,
  PATH_JUMP_VOL,
  PATH_JUMPS,
  PATH_LENGTH,
  PATH_MODEL,
  PATH_NU,
  PATH_OMEGA,
  PATH_PRICE,
  PATH_RETURNS,
  PATH_STREAM_HI,
  PATH_STREAM_LO,
  PATH_VOL,
} from "../bindings/codes";
import { pathKey, RNG_SAVE_BYTES, Rng } from "./random";
import { expScalar, logScalar, vexp } from "./vmath";

// ---- the prepared state: a header, one row per asset, the Cholesky factor, the streams' saves ----

const HEAD: usize = 16; // f64: the number of assets
const ROW: usize = 96;

// every row
const K_KIND: usize = 0;
const K_PRICE: usize = 8;
const K_STREAM: usize = 16; // u64
const K_MIXED: usize = 24; // 1: its shock mixes others' (a row of the factor below the diagonal)
// gbm and merton
const K_MU: usize = 32; // per-step mean of the log return, compensated
const K_SIG: usize = 40; // σ√dt
const K_PIECES: usize = 48; // the step's Poisson count drawn as this many counts of mean ≤ 8
const K_PIECE_EXP: usize = 56; // e^(−mean of a piece)
const K_PIECE_MEAN: usize = 64;
const K_JUMP_MEAN: usize = 72;
const K_JUMP_VOL: usize = 80;
// garch
const K_OMEGA: usize = 32;
const K_ALPHA: usize = 40;
const K_BETA: usize = 48;
const K_H0: usize = 56; // the long-run variance, where every path starts
const K_GAMMA_D: usize = 64; // Marsaglia–Tsang's d = ν/2 − 1/3
const K_GAMMA_C: usize = 72; // and c = 1/√(9d)
const K_HALF_NU2: usize = 80; // (ν − 2)/2
// bootstrap
const K_RETURNS: usize = 32; // the series' address
const K_LENGTH: usize = 40;
const K_RESTART: usize = 48; // 1/blockSteps: the chance a new block starts at a step

/** Largest Poisson mean drawn by inversion in one piece (e^−8 is far from underflow). */
const PIECE_MEAN: f64 = 8;
/** A pivot of the factor below this is a correlation of ±1: its column is zero. */
const ZERO_PIVOT: f64 = 1e-10;
/** A pivot below −this means the correlations are not positive semi-definite (as src/scenario/models.ts). */
const NEGATIVE_PIVOT: f64 = 1e-9;
/** Beside a zero pivot an entry's remainder is at most √ZERO_PIVOT when they are semi-definite. */
const ZERO_RESIDUAL: f64 = 2e-5;
/** The stream of the bootstrap's blocks ("blocks"), shared by every bootstrap asset of a path. */
const BLOCKS: u64 = 0x626c6f636b730000;

const rng = new Rng(0, 0);

// Normals drawn besides a path's own (a Merton jump's size, the gamma variates of GARCH's
// chi-square) come from this buffer, refilled BUFFERED at a time from the asset's stream by the
// two-lane polar method; emptied whenever the stream is restored.
const BUFFERED = 32;
const buffer = memory.data(BUFFERED << 3, 16);
let buffered = BUFFERED;

@inline function restore(saved: usize): void {
  rng.restore(saved);
  buffered = BUFFERED;
}

@inline function normal(): f64 {
  if (buffered == BUFFERED) {
    rng.normals(buffer, BUFFERED);
    buffered = 0;
  }
  const x = load<f64>(buffer + ((<usize>buffered) << 3));
  buffered++;
  return x;
}

@inline function rowOf(state: usize, a: i32): usize {
  return state + HEAD + <usize>a * ROW;
}

@inline function factorOf(state: usize, n: i32): usize {
  return state + HEAD + <usize>n * ROW;
}

@inline function saveOf(state: usize, n: i32, a: i32): usize {
  return factorOf(state, n) + ((<usize>n * <usize>n) << 3) + <usize>a * RNG_SAVE_BYTES;
}

@inline function field(rows: usize, a: i32, f: i32): f64 {
  return load<f64>(rows + ((<usize>a * <usize>PATH_FIELDS + <usize>f) << 3));
}

/** Bytes of the state `pathsPrepare` writes for n assets. */
export function pathsStateBytes(n: i32): i32 {
  return <i32>(HEAD + <usize>n * ROW + ((<usize>n * <usize>n) << 3) + <usize>n * RNG_SAVE_BYTES);
}

/**
 * Prepares n assets' models for `pathsGenerate`: `rows` holds PATH_FIELDS f64 per asset
 * (bindings/codes.ts), `correlation` the n × n correlation matrix of their normal shocks (1 on
 * the diagonal; rows of bootstrap assets 0 elsewhere), `returns` the bootstrap series (read
 * while generating: keep them there). Steps last `dt` years.
 * @returns 0, or −(a + 1) when the correlations are not positive semi-definite at asset a
 */
export function pathsPrepare(n: i32, dt: f64, rows: usize, correlation: usize, returns: usize, state: usize): i32 {
  store<f64>(state, <f64>n);
  const sqrtDt = Math.sqrt(dt);
  for (let a = 0; a < n; a++) {
    const row = rowOf(state, a);
    const kind = <i32>field(rows, a, PATH_MODEL);
    const vol = field(rows, a, PATH_VOL);
    store<f64>(row, <f64>kind, K_KIND);
    store<f64>(row, field(rows, a, PATH_PRICE), K_PRICE);
    store<u64>(row, ((<u64>field(rows, a, PATH_STREAM_HI)) << 32) | <u64>field(rows, a, PATH_STREAM_LO), K_STREAM);
    if (kind == MODEL_GARCH) {
      const alpha = field(rows, a, PATH_ALPHA);
      const beta = field(rows, a, PATH_BETA);
      let omega = field(rows, a, PATH_OMEGA);
      if (omega != omega) omega = vol * vol * dt * (1 - alpha - beta);
      const d = field(rows, a, PATH_NU) / 2 - 1.0 / 3.0;
      store<f64>(row, omega, K_OMEGA);
      store<f64>(row, alpha, K_ALPHA);
      store<f64>(row, beta, K_BETA);
      store<f64>(row, omega / (1 - alpha - beta), K_H0);
      store<f64>(row, d, K_GAMMA_D);
      store<f64>(row, 1 / Math.sqrt(9 * d), K_GAMMA_C);
      store<f64>(row, (field(rows, a, PATH_NU) - 2) / 2, K_HALF_NU2);
    } else if (kind == MODEL_BOOTSTRAP) {
      store<f64>(row, <f64>(returns + ((<usize>field(rows, a, PATH_RETURNS)) << 3)), K_RETURNS);
      store<f64>(row, field(rows, a, PATH_LENGTH), K_LENGTH);
      store<f64>(row, 1 / field(rows, a, PATH_BLOCK), K_RESTART);
    } else {
      // gbm, and merton: E[e^Y] − 1 = κ of a jump Y ~ N(m, s²) compensates the jumps' drift
      const jumps = kind == MODEL_MERTON ? field(rows, a, PATH_JUMPS) : 0;
      const m = field(rows, a, PATH_JUMP_MEAN);
      const s = field(rows, a, PATH_JUMP_VOL);
      const kappa = jumps > 0 ? expScalar(m + 0.5 * s * s) - 1 : 0;
      store<f64>(row, (field(rows, a, PATH_DRIFT) - 0.5 * vol * vol - jumps * kappa) * dt, K_MU);
      store<f64>(row, vol * sqrtDt, K_SIG);
      const mean = jumps * dt;
      const pieces = mean > 0 ? Math.ceil(mean / PIECE_MEAN) : 0;
      const piece = pieces > 0 ? mean / pieces : 0;
      store<f64>(row, pieces, K_PIECES);
      store<f64>(row, expScalar(-piece), K_PIECE_EXP);
      store<f64>(row, piece, K_PIECE_MEAN);
      store<f64>(row, m, K_JUMP_MEAN);
      store<f64>(row, s, K_JUMP_VOL);
    }
  }
  // the Cholesky factor, in the order given; a pivot of 0 (a correlation of ±1) leaves its
  // column 0, so the shock copies the earlier one
  const l = factorOf(state, n);
  for (let a = 0; a < n; a++) {
    let mixed = false;
    for (let b = 0; b <= a; b++) {
      let s = load<f64>(correlation + ((<usize>a * <usize>n + <usize>b) << 3));
      for (let k = 0; k < b; k++) {
        s -=
          load<f64>(l + ((<usize>a * <usize>n + <usize>k) << 3)) *
          load<f64>(l + ((<usize>b * <usize>n + <usize>k) << 3));
      }
      let x: f64 = 0;
      if (b == a) {
        if (s < -NEGATIVE_PIVOT) return -(a + 1);
        x = s > ZERO_PIVOT ? Math.sqrt(s) : 0;
      } else {
        const pivot = load<f64>(l + ((<usize>b * <usize>n + <usize>b) << 3));
        if (pivot > 0) x = s / pivot;
        else if (Math.abs(s) > ZERO_RESIDUAL) return -(a + 1);
        if (x != 0) mixed = true;
      }
      store<f64>(l + ((<usize>a * <usize>n + <usize>b) << 3), x);
    }
    for (let b = a + 1; b < n; b++) store<f64>(l + ((<usize>a * <usize>n + <usize>b) << 3), 0);
    store<f64>(rowOf(state, a), mixed ? 1 : 0, K_MIXED);
  }
  return 0;
}

/**
 * Paths first, first + 1, …, first + count − 1 of `seed`, `steps` steps each, of the assets
 * `pathsPrepare` wrote to `state`, into `out`: count × n × (steps + 1) f64.
 */
export function pathsGenerate(state: usize, seed: u32, first: u32, count: i32, steps: i32, out: usize): void {
  const n = <i32>load<f64>(state);
  const pathBytes = <usize>n * ((<usize>steps + 1) << 3);
  for (let p = 0; p < count; p++) {
    onePath(state, n, pathKey(<u64>seed, <u64>first + <u64>p), steps, out + <usize>p * pathBytes);
  }
}

function onePath(state: usize, n: i32, key: u64, steps: i32, base: usize): void {
  const colBytes = (<usize>steps + 1) << 3;
  // 1. each asset's standard normals from its own stream; where the stream stands is saved
  for (let a = 0; a < n; a++) {
    const row = rowOf(state, a);
    if (<i32>load<f64>(row, K_KIND) == MODEL_BOOTSTRAP) continue;
    const col = base + <usize>a * colBytes;
    rng.seed(key, load<u64>(row, K_STREAM));
    rng.normals(col + 8, steps);
    rng.save(saveOf(state, n, a));
  }
  // 2. correlated: x_a = Σ_{b ≤ a} L[a][b]·z_b, the last asset first so each reads z's
  const l = factorOf(state, n);
  for (let a = n - 1; a >= 0; a--) {
    if (load<f64>(rowOf(state, a), K_MIXED) == 0) continue;
    const lrow = l + ((<usize>a * <usize>n) << 3);
    const col = base + <usize>a * colBytes;
    for (let t = 1; t <= steps; t++) {
      const at = (<usize>t) << 3;
      let x: f64 = 0;
      for (let b = 0; b <= a; b++) {
        const w = load<f64>(lrow + ((<usize>b) << 3));
        if (w != 0) x += w * load<f64>(base + <usize>b * colBytes + at);
      }
      store<f64>(col + at, x);
    }
  }
  // 3. each asset's log price relative to step 0, then its prices
  for (let a = 0; a < n; a++) {
    const row = rowOf(state, a);
    const col = base + <usize>a * colBytes;
    const kind = <i32>load<f64>(row, K_KIND);
    if (kind == MODEL_GARCH) garch(row, col, steps, saveOf(state, n, a));
    else if (kind == MODEL_BOOTSTRAP) bootstrap(row, col, steps, key);
    else if (kind == MODEL_MERTON) merton(row, col, steps, saveOf(state, n, a));
    else gbm(row, col, steps);
    prices(col, steps, load<f64>(row, K_PRICE));
  }
}

function gbm(row: usize, col: usize, steps: i32): void {
  const mu = load<f64>(row, K_MU);
  const sig = load<f64>(row, K_SIG);
  let y: f64 = 0;
  store<f64>(col, 0);
  for (let t = 1; t <= steps; t++) {
    const at = col + ((<usize>t) << 3);
    y += mu + sig * load<f64>(at);
    store<f64>(at, y);
  }
}

/** GBM plus N ~ Poisson(λ·dt) jumps a step, their sum N·m + s·√N·z. */
function merton(row: usize, col: usize, steps: i32, saved: usize): void {
  const mu = load<f64>(row, K_MU);
  const sig = load<f64>(row, K_SIG);
  const pieces = <i32>load<f64>(row, K_PIECES);
  const e = load<f64>(row, K_PIECE_EXP);
  const mean = load<f64>(row, K_PIECE_MEAN);
  const m = load<f64>(row, K_JUMP_MEAN);
  const s = load<f64>(row, K_JUMP_VOL);
  restore(saved);
  let y: f64 = 0;
  store<f64>(col, 0);
  for (let t = 1; t <= steps; t++) {
    const at = col + ((<usize>t) << 3);
    let r = mu + sig * load<f64>(at);
    let jumps = 0;
    for (let k = 0; k < pieces; k++) jumps += poisson(e, mean);
    if (jumps > 0) {
      const j = <f64>jumps;
      r += m * j + s * Math.sqrt(j) * normal();
    }
    y += r;
    store<f64>(at, y);
  }
}

/** A Poisson count of mean `mean` (≤ PIECE_MEAN; e = e^−mean) by inversion. */
@inline function poisson(e: f64, mean: f64): i32 {
  const u = rng.uniform();
  let p = e;
  let f = p;
  let k = 0;
  while (u > f && p > 0) {
    k++;
    p *= mean / <f64>k;
    f += p;
  }
  return k;
}

/**
 * GARCH(1,1) on the log returns: r_t = √h_t·z_t, h_t = ω + α·r²_{t−1} + β·h_{t−1}, from h = ω/(1 − α − β).
 * z_t = x_t·√((ν − 2)/χ²_ν): the asset's (correlated) normal over its own chi-square is a
 * Student-t of ν degrees of freedom, scaled to unit variance.
 */
function garch(row: usize, col: usize, steps: i32, saved: usize): void {
  const omega = load<f64>(row, K_OMEGA);
  const alpha = load<f64>(row, K_ALPHA);
  const beta = load<f64>(row, K_BETA);
  const d = load<f64>(row, K_GAMMA_D);
  const c = load<f64>(row, K_GAMMA_C);
  const halfNu2 = load<f64>(row, K_HALF_NU2);
  restore(saved);
  let h = load<f64>(row, K_H0);
  let y: f64 = 0;
  store<f64>(col, 0);
  for (let t = 1; t <= steps; t++) {
    const at = col + ((<usize>t) << 3);
    // χ²_ν = 2·Gamma(ν/2), so h·(ν − 2)/χ² = h·((ν − 2)/2)/Gamma(ν/2)
    const r = load<f64>(at) * Math.sqrt((h * halfNu2) / gamma(d, c));
    y += r;
    store<f64>(at, y);
    h = omega + alpha * r * r + beta * h;
  }
}

/** Gamma(d + 1/3) (shape above 1) by Marsaglia and Tsang's squeeze and rejection (2000). */
function gamma(d: f64, c: f64): f64 {
  let g: f64 = 0; // an accepted draw d·v is positive
  while (g == 0) {
    const x = normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || logScalar(u) < 0.5 * x2 + d * (1 - v + logScalar(v))) g = d * v;
  }
  return g;
}

/**
 * A stationary bootstrap (Politis and Romano, 1994): the first step starts a block at a uniform
 * index of the series, and each later step starts a new one with probability 1/blockSteps, else
 * takes the next return (after the last comes the first). The blocks come from the path's own
 * stream, the same for every bootstrap asset, so assets whose series are one sample keep their
 * co-movement.
 */
function bootstrap(row: usize, col: usize, steps: i32, key: u64): void {
  const returns = <usize>load<f64>(row, K_RETURNS);
  const m = <i32>load<f64>(row, K_LENGTH);
  const restart = load<f64>(row, K_RESTART);
  rng.seed(key, BLOCKS);
  let k = 0;
  let y: f64 = 0;
  store<f64>(col, 0);
  for (let t = 1; t <= steps; t++) {
    if (t == 1 || rng.uniform() < restart) {
      k = <i32>(rng.uniform() * <f64>m);
      if (k >= m) k = m - 1; // u·m can round up to m
    } else if (++k == m) k = 0;
    y += load<f64>(returns + ((<usize>k) << 3));
    store<f64>(col + ((<usize>t) << 3), y);
  }
}

/** price·e^y over a column, two lanes at a time (lane-local: a column's bits do not depend on its neighbours). */
function prices(col: usize, steps: i32, price: f64): void {
  const p = f64x2.splat(price);
  let t = 0;
  for (; t + 1 <= steps; t += 2) {
    const at = col + ((<usize>t) << 3);
    v128.store(at, f64x2.mul(vexp(v128.load(at)), p));
  }
  if (t <= steps) {
    const at = col + ((<usize>t) << 3);
    store<f64>(at, price * expScalar(load<f64>(at)));
  }
}
