/**
 * `compareMitigations`: the same scenario run once per variant — no mitigation, each mechanism
 * alone, all together, or the caller's — side by side: what each buys (bad debt, drawdown,
 * amplification, liquidations, slippage, how long liquidatable debt waits) and what it costs
 * (capital committed and its opportunity cost, incentives paid, borrowing power lost). With
 * `paths` every variant also runs on the same stress paths. `sweepMitigation` varies one
 * parameter of one mechanism: the trade-off curve.
 * @module
 */
import type { BaseUrl } from "../scenario/files.ts";
import type { Scenario } from "../scenario/types.ts";
import { type CounterfactualCache, simulate } from "../simulate/simulate.ts";
import type { Outcome } from "../stress/path.ts";
import { columns, planOf, runBatch, setupOf } from "../stress/plan.ts";
import { resultOf, type StressMeasures } from "../stress/stress.ts";
import { bounded, integer, object, rangeError, typeError } from "../validate.ts";
import { defaultVariants, type Variant } from "./variants.ts";

export type { Variant } from "./variants.ts";

type Mitigation = NonNullable<Scenario["mitigations"]>[number];

/** The yearly return committed capital forgoes by default: its opportunity cost. */
export const OPPORTUNITY_RATE = 0.05;

/** Options of {@link compareMitigations}. */
export interface CompareOptions {
  /** Also run each variant on this many stress paths (the same for every variant); default 0: the scenario alone. */
  paths?: number;
  /** Seed of the paths; default the scenario's. */
  seed?: number;
  /** Steps of each path; default the scenario's. */
  horizonSteps?: number;
  /** The yearly return committed capital forgoes (its opportunity cost); default 0.05. */
  opportunityRate?: number;
  /** Where a `csvFile` is read from (Node and Deno). */
  baseUrl?: BaseUrl;
  /** Called before the first variant and after each: variants done of all (a CLI's progress bar). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** One variant's row. Amounts in quote units. */
export interface ComparisonRow {
  name: string;
  mitigations: Mitigation[];
  badDebt: number;
  realizedDrawdown: number;
  amplification: number;
  liquidations: number;
  liquidatedNotional: number;
  slippagePaid: number;
  /**
   * Steps liquidatable debt waited, on average: Σ over steps of the debt waiting / (the debt
   * liquidated + the debt still waiting at the end).
   */
  liquidationDelay: number;
  /** The cost side, summed over the variant's mitigations (their `summary.mitigations` figures). */
  capitalCommitted: number;
  /** capitalCommitted × opportunityRate: what the committed capital forgoes in a year. */
  opportunityCostPerYear: number;
  incentivesPaid: number;
  lostBorrowingPower: number;
  /** With `paths`: the variant's stress measures on the shared paths. */
  stress?: StressMeasures;
}

/**
 * Runs the scenario once per variant.
 * @param scenario the scenario (validated here)
 * @param variants default: baseline, each mechanism alone with its documented defaults, all together
 * @param options paths for a stress comparison, the opportunity rate
 * @returns one row per variant, in the order given (the baseline first by default)
 * @example
 * ```ts
 * const rows = compareMitigations(presets.sharedOracle);
 * rows.map((r) => [r.name, r.badDebt, r.capitalCommitted]);
 * ```
 */
export function compareMitigations(
  scenario: Scenario,
  variants?: Variant[],
  options: CompareOptions = {},
): ComparisonRow[] {
  object("options", options);
  const list = variants ?? defaultVariants(scenario);
  if (!Array.isArray(list) || list.length === 0) throw typeError("variants", "a non-empty array of variants", list);
  list.forEach((v, i) => {
    object(`variants[${i}]`, v);
    if (typeof v.name !== "string" || v.name === "") throw typeError(`variants[${i}].name`, "a name", v.name);
    if (!Array.isArray(v.mitigations)) throw typeError(`variants[${i}].mitigations`, "an array", v.mitigations);
  });
  const paths = integer("options.paths", options.paths ?? 0, 0, 10_000_000);
  const rate = bounded("options.opportunityRate", options.opportunityRate ?? OPPORTUNITY_RATE, 0, 10);
  // the variants differ only in their mitigations, which the exogenous counterfactual has none of: it runs once
  const counterfactual: CounterfactualCache = {};
  const total = list.length;
  options.onProgress?.({ done: 0, total });
  return list.map((v, i) => {
    const row = rowOf({ ...scenario, mitigations: v.mitigations }, v, paths, rate, options, counterfactual);
    options.onProgress?.({ done: i + 1, total });
    return row;
  });
}

function rowOf(
  s: Scenario,
  v: Variant,
  paths: number,
  rate: number,
  options: CompareOptions,
  counterfactual: CounterfactualCache,
): ComparisonRow {
  const { summary, timeline } = simulate(s, { events: 0, baseUrl: options.baseUrl, counterfactual });
  // Little's law: the queue's mean length over its arrivals, which are the debt liquidated and the
  // debt still waiting at the end (without it a backlog that never clears would wait past the run)
  let waitingSteps = 0;
  let liquidated = 0;
  for (const p of Object.values(timeline.protocols)) {
    for (let t = 0; t < timeline.steps; t++) {
      waitingSteps += p.waiting[t] * timeline.every;
      liquidated += p.liquidatedNotional[t];
    }
    if (timeline.steps > 0) liquidated += p.waiting[timeline.steps - 1];
  }
  const costs = { capitalCommitted: 0, incentivesPaid: 0, lostBorrowingPower: 0 };
  const figures = (summary as { mitigations?: Record<string, Record<string, unknown>> }).mitigations ?? {};
  for (const m of Object.values(figures)) {
    for (const k of Object.keys(costs) as (keyof typeof costs)[]) {
      if (typeof m[k] === "number") costs[k] += m[k] as number;
    }
  }
  const row: ComparisonRow = {
    name: v.name,
    mitigations: v.mitigations,
    badDebt: summary.badDebt,
    realizedDrawdown: summary.realizedDrawdown,
    amplification: summary.amplification,
    liquidations: summary.liquidations,
    liquidatedNotional: summary.liquidatedNotional,
    slippagePaid: summary.slippagePaid,
    liquidationDelay: liquidated > 0 ? waitingSteps / liquidated : 0,
    ...costs,
    opportunityCostPerYear: costs.capitalCommitted * rate,
  };
  if (paths > 0) row.stress = stressOf(s, paths, options).measures;
  return row;
}

/** A stress run in this thread (synchronous: the core's paths, no workers). */
function stressOf(s: Scenario, paths: number, options: CompareOptions) {
  const plan = planOf(s, { paths, seed: options.seed, horizonSteps: options.horizonSteps, baseUrl: options.baseUrl });
  const setup = setupOf(plan);
  const out = columns(plan.count) as Record<Outcome, Float64Array>;
  runBatch(plan, setup, plan.first, plan.count, out, 0);
  return resultOf(plan, out);
}

/**
 * The trade-off curve of one parameter of one mechanism: the scenario with `mitigation` where
 * `parameter` takes each of `values`, one row each (named `parameter=value`), after the baseline.
 * @param scenario the scenario (validated here)
 * @param mitigation the mechanism with its other parameters
 * @param parameter the field varied
 * @param values its values
 * @param options as {@link compareMitigations}'
 * @returns the baseline's row, then one row per value
 * @example
 * ```ts
 * sweepMitigation(presets.sharedOracle, { type: "insurance" }, "capacity", [1e6, 5e6, 2e7]);
 * ```
 */
export function sweepMitigation(
  scenario: Scenario,
  mitigation: Mitigation,
  parameter: string,
  values: readonly number[],
  options: CompareOptions = {},
): ComparisonRow[] {
  object("mitigation", mitigation);
  if (typeof parameter !== "string" || parameter === "" || parameter === "type")
    throw typeError("parameter", "the name of one of the mitigation's fields", parameter);
  if (!Array.isArray(values) || values.length === 0) throw rangeError("values", "at least one value", values);
  const variants: Variant[] = [
    { name: "baseline", mitigations: [] },
    ...values.map((x) => ({
      name: `${parameter}=${x}`,
      mitigations: [{ ...mitigation, [parameter]: x } as Mitigation],
    })),
  ];
  return compareMitigations(scenario, variants, options);
}
