/**
 * `stress`: Monte Carlo over price paths. Each path's outside markets follow prices drawn for it
 * alone (path i draws the same numbers in any batch, worker or shard), the cascade runs to the
 * horizon, and the outcomes of every path make the distributions risk teams report: value at risk
 * of bad debt, liquidations at risk, expected shortfall, the share of paths where the cascade
 * sustained itself. `shard: [i, n]` runs only a part; `mergeStress(parts)` gives the whole.
 * @module
 */
import { canonicalJson } from "../scenario/canonical.ts";
import type { Scenario } from "../scenario/types.ts";
import { type Distribution, distribution } from "./distribution.ts";
import { OUTCOMES, type Outcome } from "./path.ts";
import { columns, type Plan, planOf, runBatch, type StressOptions, setupOf } from "./plan.ts";
import { runOnWorkers, workersAvailable } from "./pool.ts";

export type { StressOptions } from "./plan.ts";

/** The headline measures of a run, over its paths. */
export interface StressMeasures {
  /** VaR: the 95th percentile of bad debt over the paths (net insolvent debt, quote units). */
  valueAtRisk: number;
  /** Extreme VaR: the 99th percentile of bad debt. */
  extremeValueAtRisk: number;
  /** Expected shortfall of bad debt: the mean of the worst 5% of paths. */
  expectedShortfall: number;
  /** Liquidations at risk: the 95th percentile of liquidated notional (quote units). */
  liquidationsAtRisk: number;
  /** Mean bad debt over the paths. */
  expectedBadDebt: number;
  /** Share of the paths whose cascade sustained itself (realized ≥ selfSustaining × exogenous drawdown). */
  selfSustainingShare: number;
}

/** {@link stress}'s result (or one shard's). */
export interface StressResult {
  /** Paths of the whole run, and the ones this result holds: `first` to `first + count − 1`. */
  paths: number;
  first: number;
  count: number;
  seed: number;
  horizonSteps: number;
  pull: number;
  selfSustaining: number;
  /** The assets whose prices the paths draw. */
  assets: string[];
  /** A fingerprint of the scenario and of every option that changes a number: shards merge only when equal. */
  fingerprint: string;
  /** Per path (this result's, in path order): one column per outcome. */
  outcomes: Record<Outcome, Float64Array>;
  /** Over this result's paths. */
  distributions: Record<Outcome, Distribution>;
  measures: StressMeasures;
}

/** Paths run between two progress reports (and two looks at the abort signal). */
const BATCH = 64;

/**
 * Runs the scenario over `paths` price paths.
 * @param scenario the scenario (validated here)
 * @param options paths, seed, horizon, shard, workers, progress, cancellation
 * @returns the paths' outcomes and their distributions
 * @throws ScenarioError for a bad scenario; RangeError/TypeError for a bad option
 * @example
 * ```ts
 * const { measures } = await stress(presets.sharedOracle, { paths: 1000, seed: 1 });
 * measures.valueAtRisk; // the 95th percentile of bad debt
 * ```
 */
export async function stress(scenario: Scenario, options: StressOptions = {}): Promise<StressResult> {
  const plan = planOf(scenario, options);
  const out = columns(plan.count);
  const workers = options.workers ?? 1;
  if (workers > 1 && workersAvailable()) {
    await runOnWorkers(
      plan,
      workers,
      BATCH,
      out,
      (done) => options.onProgress?.({ done, total: plan.count }),
      options.signal,
      options.workerUrl,
    );
    return resultOf(plan, out);
  }
  const setup = setupOf(plan);
  for (let done = 0; done < plan.count; done += BATCH) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error("stress: aborted");
    const n = Math.min(BATCH, plan.count - done);
    runBatch(plan, setup, plan.first + done, n, out, done);
    options.onProgress?.({ done: done + n, total: plan.count });
    await new Promise((resolve) => setTimeout(resolve, 0)); // let progress show and the signal fire
  }
  return resultOf(plan, out);
}

/** The result of a plan's paths, from their outcomes. */
export function resultOf(plan: Plan, outcomes: Record<Outcome, Float64Array>): StressResult {
  const distributions = Object.fromEntries(OUTCOMES.map((k) => [k, distribution(outcomes[k])])) as Record<
    Outcome,
    Distribution
  >;
  return {
    paths: plan.paths,
    first: plan.first,
    count: plan.count,
    seed: plan.seed,
    horizonSteps: plan.horizonSteps,
    pull: plan.pull,
    selfSustaining: plan.selfSustaining,
    assets: plan.assets,
    fingerprint: fingerprintOf(plan),
    outcomes,
    distributions,
    measures: measuresOf(distributions),
  };
}

/** The headline measures of the distributions. */
export function measuresOf(d: Record<Outcome, Distribution>): StressMeasures {
  return {
    valueAtRisk: d.badDebt.quantiles.p95,
    extremeValueAtRisk: d.badDebt.quantiles.p99,
    expectedShortfall: d.badDebt.expectedShortfall.p95,
    liquidationsAtRisk: d.liquidatedNotional.quantiles.p95,
    expectedBadDebt: d.badDebt.mean,
    selfSustainingShare: d.selfSustaining.mean,
  };
}

/** FNV-1a (64-bit, as two halves) of the canonical scenario and the options that change numbers. */
function fingerprintOf(plan: Plan): string {
  const text = canonicalJson({
    scenario: plan.scenario,
    paths: plan.paths,
    seed: plan.seed,
    horizonSteps: plan.horizonSteps,
    pull: plan.pull,
    selfSustaining: plan.selfSustaining,
  });
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
