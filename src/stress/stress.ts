/**
 * `stress`: Monte Carlo over price paths. Each path's outside markets follow prices drawn for it
 * alone (path i draws the same numbers in any batch, worker or shard), the cascade runs to the
 * horizon, and the outcomes of every path make the distributions risk teams report: value at risk
 * of bad debt, liquidations at risk, expected shortfall, the share of paths where the cascade
 * sustained itself. `shard: [i, n]` runs only a part; `mergeStress(parts)` gives the whole.
 * @module
 */
import { canonical, canonicalJson } from "../scenario/canonical.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { bounded, integer, object, rangeError, typeError } from "../validate.ts";
import { type Distribution, distribution } from "./distribution.ts";
import { OUTCOMES, type Outcome, type PathSetup, runPath } from "./path.ts";
import { pathPrices } from "./prices.ts";

/** Options of {@link stress}. */
export interface StressOptions {
  /** Paths to run (all shards together); default 1,000. */
  paths?: number;
  /** Seed of the paths; default the scenario's `seed`. */
  seed?: number;
  /** Steps of each path; default the scenario's `steps`. */
  horizonSteps?: number;
  /** Run only shard i of n (0 ≤ i < n): the paths floor(i·paths/n) to floor((i+1)·paths/n) − 1. */
  shard?: [number, number];
  /** Worker threads (Node) or Web Workers (browsers, Deno); default 1: in this thread. Results are the same for any count. */
  workers?: number;
  /** Share of the gap between each venue and its outside market closed each step (as a `path` shock's pull); default 0.5. */
  pull?: number;
  /** A path's cascade sustained itself when its realized drawdown is at least this × its exogenous one; default 2. */
  selfSustaining?: number;
  /** Called after each batch of paths. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Stops the run between batches: `stress` rejects with the signal's reason. */
  signal?: AbortSignal;
}

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
  const setup = setupOf(plan);
  const out = columns(plan.count);
  for (let done = 0; done < plan.count; done += BATCH) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error("stress: aborted");
    const n = Math.min(BATCH, plan.count - done);
    runBatch(plan, setup, plan.first + done, n, out, done);
    options.onProgress?.({ done: done + n, total: plan.count });
    await new Promise((resolve) => setTimeout(resolve, 0)); // let progress show and the signal fire
  }
  return resultOf(plan, out);
}

/** Everything a run needs, checked. */
export interface Plan {
  scenario: ScenarioV1;
  paths: number;
  first: number;
  count: number;
  seed: number;
  horizonSteps: number;
  pull: number;
  selfSustaining: number;
  assets: string[];
}

/** Checks the options and fixes the paths this run (or shard) holds. */
export function planOf(scenario: Scenario, options: StressOptions): Plan {
  object("options", options);
  const s = canonical(checkScenario(scenario));
  const paths = integer("options.paths", options.paths ?? 1000, 1, 100_000_000);
  const seed = integer("options.seed", options.seed ?? s.seed, 0, 2 ** 32 - 1);
  const horizonSteps = integer("options.horizonSteps", options.horizonSteps ?? s.steps, 1, 10_000_000);
  integer("options.workers", options.workers ?? 1, 1, 1024);
  const pull = bounded("options.pull", options.pull ?? 0.5, 0, 1);
  const selfSustaining = bounded("options.selfSustaining", options.selfSustaining ?? 2, 1, 1e6);
  let first = 0;
  let count = paths;
  if (options.shard !== undefined) {
    const shard = options.shard;
    if (!Array.isArray(shard) || shard.length !== 2) throw typeError("options.shard", "[i, n]", shard);
    const n = integer("options.shard[1]", shard[1], 1, paths);
    const i = integer("options.shard[0]", shard[0], 0, n - 1);
    first = Math.floor((i * paths) / n);
    count = Math.floor(((i + 1) * paths) / n) - first;
  }
  // the modelled assets: those with a volatility (or a model); the others keep their price
  const assets = s.assets.filter((a) => a.vol > 0).map((a) => a.id);
  if (assets.length === 0)
    throw rangeError("scenario.assets", "at least one asset with a vol above 0 (the paths move those)", 0);
  const scenarioOnPaths: ScenarioV1 = {
    ...s,
    steps: horizonSteps,
    // the paths set the modelled assets' outside markets: their own path, drop or crash shocks give way
    shock: s.shock.filter((x) => !(("asset" in x && assets.includes(x.asset)) as boolean)),
  };
  return { scenario: scenarioOnPaths, paths, first, count, seed, horizonSteps, pull, selfSustaining, assets };
}

/** The setup every path of a run shares. */
export function setupOf(plan: Plan): PathSetup {
  return {
    scenario: plan.scenario,
    assets: plan.assets,
    pull: plan.pull,
    selfSustaining: plan.selfSustaining,
    generated: new Map(),
  };
}

/** Columns for `n` paths' outcomes. */
export function columns(n: number): Record<Outcome, Float64Array> {
  return Object.fromEntries(OUTCOMES.map((k) => [k, new Float64Array(n)])) as Record<Outcome, Float64Array>;
}

/** Runs paths `from` to `from + n − 1` into rows `row`… of `out`. */
export function runBatch(
  plan: Plan,
  setup: PathSetup,
  from: number,
  n: number,
  out: Record<Outcome, Float64Array>,
  row: number,
): void {
  const batch = pathPrices(plan.scenario, plan.assets, plan.seed, from, n, plan.horizonSteps);
  for (let k = 0; k < n; k++) runPath(setup, batch[k], out, row + k);
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
