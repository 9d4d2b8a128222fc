/**
 * A stress run's plan — the scenario on paths, the paths this run (or shard) holds, the options
 * that change numbers — and what runs a batch of its paths; shared by the thread that plans and
 * by the workers.
 * @module
 */

import { type PreparedPaths, preparePaths, writePaths } from "../paths.ts";
import { canonical } from "../scenario/canonical.ts";
import type { BaseUrl } from "../scenario/files.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { bounded, integer, object, rangeError, typeError } from "../validate.ts";
import { OUTCOMES, type Outcome, type PathSetup, runPath } from "./path.ts";

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
  /**
   * Worker threads (Node) or Web Workers (browsers, Deno); default 1: in this thread. Results are
   * the same for any count. Where a runtime has no workers (Cloudflare Workers) the paths run in
   * this thread.
   */
  workers?: number;
  /**
   * Where the workers' script, the package's `fracture/stress.worker.js` (self-contained), is
   * served; default beside fracture's own module. A page whose bundler moved fracture away from it
   * serves the file and names it here.
   */
  workerUrl?: string | URL;
  /** Share of the gap between each venue and its outside market closed each step (as a `path` shock's pull); default 0.5. */
  pull?: number;
  /** A path's cascade sustained itself when its realized drawdown is at least this × its exogenous one; default 2. */
  selfSustaining?: number;
  /** Where a `csvFile` is read from on Node and Deno (see `simulate`). */
  baseUrl?: BaseUrl;
  /** Called after each batch of paths. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Stops the run between batches: `stress` rejects with the signal's reason. */
  signal?: AbortSignal;
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
  /** The modelled assets' path models, prepared for the core. */
  models: PreparedPaths;
}

/** Checks the options and fixes the paths this run (or shard) holds. */
export function planOf(scenario: Scenario, options: StressOptions): Plan {
  object("options", options);
  const s = canonical(checkScenario(scenario, { baseUrl: options.baseUrl }));
  const paths = integer("options.paths", options.paths ?? 1000, 1, 100_000_000);
  const seed = integer("options.seed", options.seed ?? s.seed, 0, 2 ** 32 - 1);
  const horizonSteps = integer("options.horizonSteps", options.horizonSteps ?? s.steps, 1, 10_000_000);
  integer("options.workers", options.workers ?? 1, 1, 1024);
  const url = options.workerUrl;
  if (url !== undefined && typeof url !== "string" && !(url instanceof URL))
    throw typeError("options.workerUrl", "a URL or a string URL of fracture/stress.worker.js", url);
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
  // the modelled assets: those with a volatility or a model (in id order); the others keep their price
  const models = preparePaths(s);
  const assets = [...models.assets];
  if (assets.length === 0)
    throw rangeError("scenario.assets", "at least one asset with a vol above 0 or a model (the paths move those)", 0);
  const scenarioOnPaths: ScenarioV1 = {
    ...s,
    steps: horizonSteps,
    // the paths set the modelled assets' outside markets: their own path, drop or crash shocks give way
    shock: s.shock.filter((x) => !(("asset" in x && assets.includes(x.asset)) as boolean)),
  };
  return { scenario: scenarioOnPaths, paths, first, count, seed, horizonSteps, pull, selfSustaining, assets, models };
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
  const h = plan.horizonSteps;
  const a = plan.assets.length;
  const prices = new Float64Array(n * a * (h + 1));
  writePaths(plan.models, plan.seed, from, n, h, prices);
  // path k's asset j: its price after each step 1..h is the outside price at steps 0..h-1
  for (let k = 0; k < n; k++) {
    const columns = plan.assets.map((_, j) => prices.subarray((k * a + j) * (h + 1) + 1, (k * a + j + 1) * (h + 1)));
    runPath(setup, columns, out, row + k);
  }
}
