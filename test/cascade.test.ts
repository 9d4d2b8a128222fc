// The cascade engine against the plain TypeScript reference of DESIGN.md's step
// (cascade-reference.ts): random small scenarios of lending protocols on one constant-product
// pool, run by simulate() and by the reference, must give the same liquidations, the same prices
// and the same bad debt.
import { type SimulationResult, simulate, validateScenario } from "fracture";
import type { ScenarioV1 } from "../src/scenario/schema.ts";
import { type ReferenceResult, runReference } from "./cascade-reference.ts";
import { AssertionError, assert, equal, rng, test } from "./harness.ts";
import { ethPool, eventOf, eventsOf, randomLending } from "./scenarios.ts";

const SCENARIOS = 200;

const TOLERANCE = 1e-9;

/** Compares a run of the core with the reference's; returns the largest relative difference seen. */
function compare(k: number, s: ScenarioV1, core: SimulationResult, ref: ReferenceResult): number {
  let worst = 0;
  const where = `scenario ${k} (${JSON.stringify(s)})`;
  // Relative to `scale` when the value is what is left of it: a remnant inherits the absolute
  // error of the larger amounts it was cut from. `summed`: a total the engines add up in
  // another order, so it may differ in the last bits.
  const close = (got: number, want: number, label: string, scale = 0, summed = false) => {
    if (got === want) return;
    const d = Math.abs(got - want) / Math.max(Math.abs(want), scale);
    if (!(d <= TOLERANCE)) {
      throw new AssertionError(`${label}: core ${got}, reference ${want} (relative ${d}) in ${where}`);
    }
    if (!summed) worst = Math.max(worst, d);
  };
  // each position's amounts at the start, by protocol and asset
  const start = (protocol: string, position: number, side: "collateral" | "debt", asset: string): number => {
    const p = s.protocols.find((x) => x.id === protocol) as {
      positions: Record<typeof side, Record<string, number>>[];
    };
    return p.positions[position][side][asset] ?? 0;
  };
  const t = core.timeline;
  equal(t.steps, ref.steps, `steps run in scenario ${k}`);
  const events = eventsOf(core.events, "liquidation");
  equal(core.summary.eventCount, core.events.length, `events all kept in scenario ${k}`);
  for (let i = 0; i < Math.min(events.length, ref.events.length); i++) {
    const [e, x] = [events[i], ref.events[i]];
    const same =
      e.step === x.step && e.protocol === x.protocol && e.position === x.position && e.agent === x.liquidator;
    if (!same) {
      throw new AssertionError(
        `liquidation ${i}: core step ${e.step} ${e.protocol} position ${e.position} by ${e.agent}, ` +
          `reference step ${x.step} ${x.protocol} position ${x.position} by ${x.liquidator} in ${where}`,
      );
    }
    const at = `liquidation ${i} (step ${e.step}, ${e.protocol}, position ${e.position})`;
    const collateral = start(e.protocol, e.position, "collateral", x.collateralAsset);
    close(e.repaid, x.repaid, `${at} repaid`, start(e.protocol, e.position, "debt", x.debtAsset));
    close(e.seized, x.seized, `${at} seized`, collateral);
    close(e.fee, x.fee, `${at} fee`, collateral);
  }
  equal(events.length, ref.events.length, `liquidations in scenario ${k}`);
  for (let i = 0; i < ref.steps; i++) {
    close(t.venues.pool.price[i], ref.poolPrice[i], `pool price at step ${i}`);
    for (const o of s.oracles) close(t.oracles[o.id][i], ref.published[o.id][i], `${o.id} at step ${i}`);
    equal(t.liquidations[i], ref.liquidationsPerStep[i], `liquidations at step ${i} of scenario ${k}`);
  }
  for (const p of s.protocols)
    close(core.summary.badDebtByProtocol[p.id], ref.badDebtByProtocol[p.id], `${p.id} bad debt`);
  close(core.summary.badDebt, ref.badDebt, "bad debt");
  // the core adds each protocol's step, then the steps, then the protocols; the reference adds each liquidation
  close(core.summary.liquidatedNotional, ref.liquidatedNotional, "liquidated notional", 0, true);
  close(core.summary.slippagePaid, ref.slippagePaid, "slippage paid");
  for (const l of s.liquidators) {
    close(core.summary.liquidators[l.id].capital, ref.liquidators[l.id].capital, `${l.id} capital`, l.capital ?? 0);
    close(core.summary.liquidators[l.id].held, ref.liquidators[l.id].held, `${l.id} held`);
  }
  return worst;
}

test(`cascade: ${SCENARIOS} random lending scenarios on one pool — the core's liquidations, prices and bad debt equal the reference's`, () => {
  const r = rng(20261124);
  let liquidations = 0;
  let badDebt = 0;
  let quiet = 0;
  let inexact = 0;
  for (let k = 0; k < SCENARIOS; k++) {
    const s = validateScenario(randomLending(r, k)) as ScenarioV1;
    const core = simulate(s, { counterfactual: false });
    const ref = runReference(s);
    const worst = compare(k, s, core, ref);
    // Bit for bit, except where a path's outside market trades: the core finds that amount by
    // bisection, the reference by a quadratic, so prices may differ by a few ulp; amounts cut
    // from them stay within 1e-11 of the positions' sizes.
    if (worst > 0) {
      inexact++;
      assert(
        s.shock.some((x) => x.type === "path"),
        `scenario ${k}: a difference of ${worst} without a path`,
      );
    }
    liquidations += ref.liquidations;
    if (ref.badDebt > 0) badDebt++;
    if (ref.steps < s.steps) quiet++;
  }
  // the scenarios exercise what they should
  assert(liquidations > 2000, `liquidations: ${liquidations}`);
  assert(badDebt > 50 && quiet > 50 && inexact > 10, `bad debt ${badDebt}, quiet ${quiet}, inexact ${inexact}`);
});

test("cascade: a liquidator whose capital bounds a repayment spends all of it — no dust liquidations after", () => {
  // 777.7 / 3000.1 · 3000.1 falls 1.1e-13 short of 777.7: that residue of capital used to go on
  // repaying 4e-17 ETH at a time
  const s = validateScenario({
    version: 1,
    name: "capital",
    steps: 5,
    ...ethPool(3000.1, 100),
    oracles: [
      { id: "eth", type: "spot", source: "ETH" },
      { id: "usd", type: "spot", source: "USDC" },
    ],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth", USDC: "usd" },
        markets: { USDC: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        positions: Array.from({ length: 3 }, () => ({ collateral: { USDC: 3000 }, debt: { ETH: 1 } })),
      },
    ],
    liquidators: [{ id: "bot", capital: 777.7, sellVenue: "pool" }],
  }) as ScenarioV1;
  const { events, summary } = simulate(s, { counterfactual: false });
  equal(events.length, 1, "liquidations");
  equal(eventOf(events[0], "liquidation").repaid, 777.7 / 3000.1, "repaid: what the capital covers");
  equal(summary.liquidators.bot.capital, 0, "capital left");
  equal(runReference(s).liquidations, 1, "the reference's liquidations");
});
