/**
 * One stress path: the scenario's world built again (positions drawn once and kept), its modelled
 * assets' outside markets following the path's prices, run to the horizon without a timeline, and
 * once more without liquidations nor hedging for the exogenous drawdown. What it reads back is
 * one row of outcomes.
 * @module
 */
import { MARKET_LOW, MARKET_START, TOTAL_BAD_DEBT, TOTAL_LIQUIDATIONS, TOTAL_NOTIONAL } from "../../bindings/codes.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import { buildWorld } from "../simulate/build.ts";
import { drawdown } from "../simulate/results.ts";
import { World } from "../simulate/world.ts";

/** The outcomes of a path, one column each over the paths (see `StressResult.outcomes`). */
export const OUTCOMES = [
  "badDebt",
  "liquidatedNotional",
  "liquidations",
  "slippagePaid",
  "realizedDrawdown",
  "exogenousDrawdown",
  "amplification",
  "selfSustaining",
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** How paths are run (fixed for a whole stress run). */
export interface PathSetup {
  /** The scenario in canonical order, its modelled assets' path, drop and crash shocks removed. */
  scenario: ScenarioV1;
  /** The modelled assets, in the order their prices come in. */
  assets: string[];
  /** The share of the gap to the outside price its venues close each step. */
  pull: number;
  /** realized ≥ this × exogenous drawdown: the cascade sustained itself. */
  selfSustaining: number;
  /** Generated position columns, drawn by the first path and reused. */
  generated: Map<string, Float64Array[]>;
}

/**
 * Runs one path.
 * @param setup the run's setup
 * @param prices per modelled asset (setup.assets order), its prices at steps 0..horizon-1
 * @param out the outcomes, written at `row` of each column
 * @param row the path's row
 */
export function runPath(
  setup: PathSetup,
  prices: Float64Array[],
  out: Record<Outcome, Float64Array>,
  row: number,
): void {
  const s = {
    ...setup.scenario,
    shock: [
      ...setup.scenario.shock,
      ...setup.assets.map((asset, k) => ({
        type: "path" as const,
        asset,
        prices: prices[k] as unknown as number[],
        everySteps: 1,
        pull: setup.pull,
      })),
    ],
  };
  const active = measure(s, false, setup.generated);
  const passive = measure(s, true, setup.generated);
  // the asset whose market fell most (ties: the first id), as simulate's headline drawdown
  let worst = -1;
  for (let a = 0; a < active.falls.length; a++) if (worst < 0 || active.falls[a] > active.falls[worst]) worst = a;
  const realized = worst >= 0 ? active.falls[worst] : 0;
  const exogenous = worst >= 0 ? passive.falls[worst] : 0;
  const amplification = exogenous > 0 ? realized / exogenous : realized > 0 ? Number.POSITIVE_INFINITY : 1;
  out.badDebt[row] = active.badDebt;
  out.liquidatedNotional[row] = active.notional;
  out.liquidations[row] = active.liquidations;
  out.slippagePaid[row] = active.slippage;
  out.realizedDrawdown[row] = realized;
  out.exogenousDrawdown[row] = exogenous;
  out.amplification[row] = amplification;
  out.selfSustaining[row] = realized > 0 && amplification >= setup.selfSustaining ? 1 : 0;
}

interface Measured {
  badDebt: number;
  notional: number;
  liquidations: number;
  slippage: number;
  /** Per asset with a venue (scenario order): the fall of its market price. */
  falls: number[];
}

function measure(s: ScenarioV1, passive: boolean, generated: Map<string, Float64Array[]>): Measured {
  const w = new World(s, passive, 0, 0, generated);
  try {
    buildWorld(w);
    const e = w.c.exports;
    w.c.guard(() => e.worldRun(w.h));
    let badDebt = 0;
    let notional = 0;
    let liquidations = 0;
    for (const x of w.protocol.values()) {
      badDebt += e.worldProtocolTotal(w.h, x, TOTAL_BAD_DEBT);
      notional += e.worldProtocolTotal(w.h, x, TOTAL_NOTIONAL);
      liquidations += e.worldProtocolTotal(w.h, x, TOTAL_LIQUIDATIONS);
    }
    const falls: number[] = [];
    s.assets.forEach((a, i) => {
      if (s.venues.some((v) => v.base === a.id))
        falls.push(drawdown(e.worldMarket(w.h, MARKET_START, i), e.worldMarket(w.h, MARKET_LOW, i)));
    });
    return { badDebt, notional, liquidations, slippage: e.worldSlippage(w.h), falls };
  } finally {
    w.dispose();
  }
}
