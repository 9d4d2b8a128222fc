// What a scenario means as a user writes it: the design's own example runs unchanged, assets
// without an oracle follow their exogenous price, a `drop` is the fall risk teams state, an
// asset's market price is its venues' depth-weighted price, and insolvency at the start is told.
import { type Scenario, ScenarioError, simulate, validateScenario } from "fracture";
import design from "./fixtures/design_example.json" with { type: "json" };
import { assert, equal, near, relative, test, throws } from "./harness.ts";
import { ethPool, eventsOf, protocolOf } from "./scenarios.ts";

const example = design.scenario as Scenario;

test("scenario: the design's example runs unchanged; USDC debt without an oracle is valued at USDC's price", () => {
  const { summary, events, timeline } = simulate(example);
  // 500 ETH sold into the 10,000 ETH pool (fee 0.3% on the input, left in the pool): the spot
  // oracle reads 1,814.3; 10 ETH against 15,000 USDC at LT 0.825 has health 0.998 < 1
  const out = (500 * 0.997 * 20_000_000) / (10_000 + 500 * 0.997);
  const price = (20_000_000 - out) / 10_500;
  near(timeline.oracles["eth-spot"][0], price, 1e-9 * price, "the oracle reads the pool");
  const [e] = eventsOf(events, "liquidation");
  assert(e !== undefined, "the position is liquidated");
  equal(e.step, 0, "at step 0");
  equal(e.account, "0", "named by its index");
  equal(e.agent, "bots", "by the liquidator");
  near(e.repaid, 15000 * 0.5, 1e-9, "half the debt (health above fullCloseBelowHealth 0.95)");
  equal(summary.badDebt, 0, "no bad debt");
  equal(summary.insolventAtStart, 0, "solvent at the start");
});

test("scenario: an asset the protocol gives no oracle for follows its exogenous price, path included", () => {
  const s: Scenario = {
    version: 1,
    name: "no-oracle",
    steps: 10,
    ...ethPool(2000, 1000),
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: {},
        markets: { USDC: { liquidationThreshold: 0.9, liquidationBonus: 0.05 } },
        // 1 ETH owed against 2,500 USDC: health 2500 × 0.9 / ETH; below 1 once ETH is above 2,250
        positions: [{ collateral: { USDC: 2500 }, debt: { ETH: 1 } }],
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool", strategy: "hold" }],
    shock: [{ type: "path", asset: "ETH", prices: [2000, 2200, 2300, 2400], pull: 0 }],
  };
  const { events } = simulate(s);
  const [e] = eventsOf(events, "liquidation");
  assert(e !== undefined, "liquidated once ETH's own price rose");
  equal(e.step, 2, "at step 2, the first path price above 2,250 (2,300)");
  near(e.repaid, 0.5, 1e-15, "half of the ETH debt");
  near(e.seized, (0.5 * 2300 * 1.05) / 1, 1e-9, "USDC seized at ETH's exogenous price 2,300");
});

test("scenario: a drop takes the outside market down by its fraction over its steps; venues follow it", () => {
  const s: Scenario = {
    version: 1,
    name: "drop",
    steps: 20,
    ...ethPool(2000, 1000),
    shock: [{ type: "drop", asset: "ETH", fraction: 0.3, steps: 10, step: 2 }],
  };
  const { timeline, summary } = simulate(s);
  const ref = timeline.assets.ETH.reference;
  equal(ref[0], 2000, "before it starts");
  equal(ref[1], 2000, "before it starts");
  near(ref[2], 2000 * (1 - 0.03), 1e-9, "its first lower price at its first step");
  near(ref[11], 1400, 1e-9, "the whole fall after its 10 steps");
  equal(timeline.steps, 12, "quiet once it is over");
  // pull 1 (the default): the pool trades at the outside price each step
  near(timeline.venues.pool.price[11], 1400, 1e-6, "the pool follows");
  near(summary.exogenousDrawdown, 0.3, 1e-9, "a 30% drawdown");
  equal(summary.drawdownAsset, "ETH", "of ETH");
  // inside one step
  const crash = simulate({ ...s, shock: [{ type: "drop", asset: "ETH", fraction: 0.5 }] });
  near(crash.timeline.assets.ETH.reference[0], 1000, 1e-9, "half, at step 0");
  near(crash.timeline.venues.pool.price[0], 1000, 1e-6, "the pool at once");
});

test("scenario: two shocks setting one asset's outside market, and a drop after the last step, are refused", () => {
  const s: Scenario = { version: 1, name: "x", steps: 5, ...ethPool(2000, 1000) };
  throws(
    () =>
      validateScenario({
        ...s,
        shock: [
          { type: "drop", asset: "ETH", fraction: 0.1 },
          { type: "path", asset: "ETH", prices: [1] },
        ],
      }),
    ScenarioError,
    /shock\[1\]\.asset: shock\[0\] already sets the outside market of ETH/,
  );
  throws(
    () => validateScenario({ ...s, shock: [{ type: "drop", asset: "ETH", fraction: 0.1, step: 5 }] }),
    ScenarioError,
    /shock\[0\]\.step: expected a step below steps 5, got 5/,
  );
});

test("scenario: an asset's market price is its venues' depth-weighted price, each venue's drawdown beside it", () => {
  const { summary } = simulate(example);
  const d = summary.drawdowns.ETH;
  const amm = d.venues["eth-amm"];
  const book = d.venues["eth-book"];
  // the sale hits the pool only; the book (10,000 ETH within 5%) is 40 times deeper than the
  // pool (253 ETH within 5%), so the market moves by about a fortieth of the pool's fall
  assert(amm.realized > 0.09, `the pool fell ${amm.realized}`);
  equal(book.realized, 0, "the book did not move");
  assert(d.realized > 0 && d.realized < amm.realized / 20, `the market fell ${d.realized}`);
  // naming the pool as the reference makes it the market
  const named = simulate({
    ...example,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8, referenceVenue: "eth-amm" },
      { id: "USDC", price: 1 },
    ],
  });
  equal(named.summary.drawdowns.ETH.realized, amm.realized, "the named venue's own drawdown");
  equal(named.summary.realizedDrawdown, amm.realized, "in the headline");
  throws(
    () =>
      validateScenario({
        ...example,
        assets: [
          { id: "ETH", price: 2000, referenceVenue: "nope" },
          { id: "USDC", price: 1 },
        ],
      }),
    ScenarioError,
    /assets\[0\]\.referenceVenue: unknown venue "nope"/,
  );
});

test("scenario: positions insolvent before the first step are counted, not silently bad debt of the cascade", () => {
  const s: Scenario = {
    version: 1,
    name: "insolvent",
    steps: 3,
    ...ethPool(2000, 1000),
    oracles: [{ id: "eth", type: "spot", source: "pool" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        positions: [
          { account: "under", collateral: { ETH: 1 }, debt: { USDC: 2500 } }, // 2,000 of collateral
          { account: "fine", collateral: { ETH: 10 }, debt: { USDC: 1000 } },
        ],
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool" }],
  };
  const { summary } = simulate(s);
  equal(summary.insolventAtStart, 1, "one position");
  equal(protocolOf(summary, "lend", "lending").insolventAtStart, 1, "in its protocol");
  assert(summary.badDebt > 0, "its shortfall is bad debt");
});

test("scenario: a pool's depth within 1% and 5% is the base it takes before its price falls that far", () => {
  // no fee: x·y = k and the price y/x, so a fall by s takes x·(1/√(1 − s) − 1) base
  const { timeline } = simulate({
    version: 1,
    name: "depth",
    steps: 2,
    ...ethPool(2000, 1000, 0),
    oracles: [{ id: "eth", type: "spot", source: "pool" }],
  });
  const { depth1, depth5 } = timeline.venues.pool;
  assert(relative(depth1[0], 1000 * (1 / Math.sqrt(0.99) - 1)) < 1e-8, `within 1%: ${depth1[0]}`);
  assert(relative(depth5[0], 1000 * (1 / Math.sqrt(0.95) - 1)) < 1e-8, `within 5%: ${depth5[0]}`);
});
