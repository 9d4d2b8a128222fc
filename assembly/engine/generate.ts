// Generated positions: sizes lognormal around their mean, a level (health factor, collateral
// ratio, leverage) drawn as lo + (hi − lo)·u^shape, and the column derived from both. Drawn in
// the core so a million positions cost milliseconds and come out the same on every runtime.

import { Rng } from "../random";
import { expScalar, logScalar } from "../vmath";

/**
 * n sizes exp(σ·z), z standard normal, scaled to sum to `total`, into `out` (n f64).
 * Stream `stream` of `seed`.
 */
export function generateSizes(seed: u32, stream: u32, n: i32, total: f64, dispersion: f64, out: usize): void {
  const rng = new Rng(<u64>seed, <u64>stream);
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const x = expScalar(dispersion * rng.normal());
    store<f64>(out + ((<usize>i) << 3), x);
    sum += x;
  }
  const scale = total / sum;
  for (let i = 0; i < n; i++) {
    const at = out + ((<usize>i) << 3);
    store<f64>(at, load<f64>(at) * scale);
  }
}

/** n levels lo + (hi − lo)·u^shape, u uniform in (0, 1): shape > 1 crowds them near lo. */
export function generateLevels(seed: u32, stream: u32, n: i32, lo: f64, hi: f64, shape: f64, out: usize): void {
  const rng = new Rng(<u64>seed, <u64>stream);
  const span = hi - lo;
  for (let i = 0; i < n; i++) {
    const u = expScalar(shape * logScalar(rng.uniform()));
    store<f64>(out + ((<usize>i) << 3), lo + span * u);
  }
}

/** out[i] = size[i]·factor / level[i]: debt from collateral and health, margin from notional and leverage. */
export function generateDerived(n: i32, size: usize, level: usize, factor: f64, out: usize): void {
  for (let i = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    store<f64>(out + at, (load<f64>(size + at) * factor) / load<f64>(level + at));
  }
}

/** n signs: +1 with probability `share`, else −1 (long or short). */
export function generateSigns(seed: u32, stream: u32, n: i32, share: f64, out: usize): void {
  const rng = new Rng(<u64>seed, <u64>stream);
  for (let i = 0; i < n; i++) store<f64>(out + ((<usize>i) << 3), rng.uniform() < share ? 1.0 : -1.0);
}
