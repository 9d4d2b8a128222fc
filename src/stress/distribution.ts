/**
 * A distribution over paths: mean, quantiles, expected shortfall, a histogram. Every figure is a
 * function of the sorted values alone, so merged shards give exactly the unsharded figures.
 * @module
 */

/** Quantile levels reported for every outcome. */
export const LEVELS = [0.5, 0.95, 0.99, 0.999] as const;

/** Bins of each histogram. */
export const BINS = 40;

/** The distribution of one outcome over the paths. */
export interface Distribution {
  /** Paths with a finite value (an amplification with no exogenous fall is +Infinity and is left out of the mean and tails). */
  count: number;
  mean: number;
  /** Population standard deviation. */
  std: number;
  min: number;
  max: number;
  /**
   * Quantiles at 50, 95, 99 and 99.9%: the nearest rank, the smallest value at or above which a
   * share p of the paths lie (`sorted[ceil(p·n) − 1]`).
   */
  quantiles: { p50: number; p95: number; p99: number; p999: number };
  /** Expected shortfall: the mean of the worst ⌈(1 − p)·n⌉ values, at 95 and 99%. */
  expectedShortfall: { p95: number; p99: number };
  /** Equal-width bins over [min, max]: their lower edges and path counts (the last bin includes max). */
  histogram: { edges: number[]; counts: number[] };
}

/** The nearest-rank quantile of sorted values. */
export function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/** The mean of the worst ⌈(1 − p)·n⌉ sorted values. */
export function shortfall(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const k = Math.max(1, Math.ceil((1 - p) * n));
  let sum = 0;
  for (let i = n - k; i < n; i++) sum += sorted[i];
  return sum / k;
}

/**
 * The distribution of `values` (one per path, in path order).
 * @param values the outcome of each path
 * @returns its figures
 */
export function distribution(values: Float64Array): Distribution {
  const finite = values.filter((x) => Number.isFinite(x)).sort();
  const n = finite.length;
  let sum = 0;
  for (const x of finite) sum += x;
  const mean = n > 0 ? sum / n : Number.NaN;
  let sq = 0;
  for (const x of finite) sq += (x - mean) * (x - mean);
  const min = n > 0 ? finite[0] : Number.NaN;
  const max = n > 0 ? finite[n - 1] : Number.NaN;
  const counts = new Array<number>(BINS).fill(0);
  const width = (max - min) / BINS;
  if (n > 0) {
    for (const x of finite) counts[width > 0 ? Math.min(BINS - 1, Math.floor((x - min) / width)) : 0]++;
  }
  return {
    count: n,
    mean,
    std: n > 0 ? Math.sqrt(sq / n) : Number.NaN,
    min,
    max,
    quantiles: {
      p50: quantile(finite, 0.5),
      p95: quantile(finite, 0.95),
      p99: quantile(finite, 0.99),
      p999: quantile(finite, 0.999),
    },
    expectedShortfall: { p95: shortfall(finite, 0.95), p99: shortfall(finite, 0.99) },
    histogram: { edges: Array.from({ length: BINS }, (_, i) => min + i * width), counts },
  };
}
