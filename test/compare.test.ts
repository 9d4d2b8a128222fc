// compareMitigations and sweepMitigation (src/risk/compare.ts): each row is the scenario run with
// the variant's mitigations and nothing else, its costs are its mitigations' own figures, a stress
// comparison draws the same paths as `stress`, and the liquidation delay follows the debt waiting.
import {
  type ComparisonRow,
  compareMitigations,
  presets,
  type Scenario,
  type SimulationResult,
  simulate,
  stress,
  sweepMitigation,
} from "fracture";
import { assert, equal, near, test, throws } from "./harness.ts";

const base: Scenario = { ...presets.thinMarketInsurance, mitigations: [] };

/** The row's effect side as simulate gives it for the scenario with `mitigations`. */
function expectRow(row: ComparisonRow, r: SimulationResult, label: string): void {
  const s = r.summary;
  equal(row.badDebt, s.badDebt, `${label}: bad debt`);
  equal(row.realizedDrawdown, s.realizedDrawdown, `${label}: drawdown`);
  equal(row.amplification, s.amplification, `${label}: amplification`);
  equal(row.liquidations, s.liquidations, `${label}: liquidations`);
  equal(row.liquidatedNotional, s.liquidatedNotional, `${label}: notional`);
  equal(row.slippagePaid, s.slippagePaid, `${label}: slippage`);
}

test("compare: the default variants are the baseline, each mechanism alone, all together — each row the scenario's own run", () => {
  const rows = compareMitigations(base);
  equal(
    rows.map((r) => r.name).join(","),
    "baseline,circuitBreaker,internalAuction,insurance,backstop,liquidityIncentive,dynamicMargin,all together",
    "variants",
  );
  for (const row of rows) expectRow(row, simulate({ ...base, mitigations: row.mitigations }, { events: 0 }), row.name);
  equal(
    rows[0].capitalCommitted + rows[0].incentivesPaid + rows[0].lostBorrowingPower,
    0,
    "the baseline costs nothing",
  );
  equal(
    rows.at(-1)?.mitigations.length,
    6,
    "all together holds the six that apply (segmentation needs two collateral markets)",
  );
  // the scenario's own mitigations are replaced, not added to
  const own = compareMitigations(presets.thinMarketInsurance, [{ name: "none", mitigations: [] }]);
  expectRow(own[0], simulate(base, { events: 0 }), "the scenario's insurance replaced");
});

test("compare: a row's costs are its mitigations' figures summed; the opportunity cost is capital × rate", () => {
  const mitigations = [
    { type: "insurance" as const, capacity: 3e6 },
    { type: "liquidityIncentive" as const, budget: 50_000 },
  ];
  const [row] = compareMitigations(base, [{ name: "two", mitigations }], { opportunityRate: 0.07 });
  const m = simulate({ ...base, mitigations }, { events: 0 }).summary.mitigations;
  const sum = (k: "capitalCommitted" | "incentivesPaid" | "lostBorrowingPower") =>
    Object.values(m).reduce((a, x) => a + x[k], 0);
  equal(row.capitalCommitted, sum("capitalCommitted"), "capital");
  equal(row.incentivesPaid, sum("incentivesPaid"), "incentives");
  equal(row.lostBorrowingPower, sum("lostBorrowingPower"), "borrowing power");
  assert(row.capitalCommitted === 3e6 && row.incentivesPaid > 0, "both mechanisms reported");
  near(row.opportunityCostPerYear, 3e6 * 0.07, 1e-9, "opportunity cost");
});

test("compare: liquidity incentives are left out where no order book trades; the delay grows while the keepers are down", () => {
  const pools = compareMitigations(presets.sharedOracle).map((r) => r.name);
  assert(!pools.includes("liquidityIncentive"), `no book, no incentive: ${pools}`);
  const down = compareMitigations(presets.keeperOutage, [{ name: "baseline", mitigations: [] }])[0];
  const up = compareMitigations(
    { ...presets.keeperOutage, shock: presets.keeperOutage.shock?.filter((x) => x.type !== "keeperOutage") },
    [{ name: "baseline", mitigations: [] }],
  )[0];
  assert(
    up.liquidationDelay >= 0 && down.liquidationDelay > up.liquidationDelay,
    `delay ${down.liquidationDelay} > ${up.liquidationDelay}`,
  );
  // no more than the run: the debt still waiting at the end counts as arrived
  assert(down.liquidationDelay <= (presets.keeperOutage.steps ?? 0), `delay ${down.liquidationDelay} within the run`);
});

test("compare: with paths every variant's stress measures are stress's own on the same paths", async () => {
  const small: Scenario = { ...base, steps: 60 };
  const mitigations = [{ type: "insurance" as const }];
  const [row] = compareMitigations(small, [{ name: "insurance", mitigations }], { paths: 8, seed: 3 });
  const run = await stress({ ...small, mitigations }, { paths: 8, seed: 3, workers: 1 });
  assert(row.stress !== undefined, "stress measures");
  equal(JSON.stringify(row.stress), JSON.stringify(run.measures), "the same measures");
});

test("sweep: the baseline, then one row per value of the parameter, each as compare gives it", () => {
  const rows = sweepMitigation(base, { type: "insurance", discount: 0.02 }, "capacity", [0, 2e6]);
  equal(rows.map((r) => r.name).join(","), "baseline,capacity=0,capacity=2000000", "rows");
  const [two] = compareMitigations(base, [
    { name: "x", mitigations: [{ type: "insurance", discount: 0.02, capacity: 2e6 }] },
  ]);
  equal(rows[2].badDebt, two.badDebt, "capacity 2M's bad debt");
  throws(() => sweepMitigation(base, { type: "insurance" }, "type", [1]), TypeError, /"parameter"/);
  throws(() => sweepMitigation(base, { type: "insurance" }, "capacity", []), RangeError, /"values"/);
  throws(() => compareMitigations(base, []), TypeError, /"variants"/);
  throws(() => compareMitigations(base, [{ name: "", mitigations: [] }]), TypeError, /"variants\[0\]\.name"/);
  throws(() => compareMitigations(base, undefined, { opportunityRate: -1 }), RangeError, /"options\.opportunityRate"/);
});
