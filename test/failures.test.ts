// Failure shocks: an oracle that stops publishing (stale) or publishes nothing (missing), a price
// too old for its protocol (maxAgeSteps), a wrong source inside a median, a keeper offline, and a
// crash inside one block.
import { presets, type Scenario, ScenarioError, simulate, validateScenario } from "fracture";
import { assert, equal, near, test, throws } from "./harness.ts";
import { ethPool, eventsOf } from "./scenarios.ts";

/**
 * One lender on a spot oracle reading the pool: a 1,000 ETH sale at step 2 takes the pool from
 * 2,000 to about 1,650, where the 17,000 USDC against 10 ETH (LT 0.825) is liquidatable.
 */
function market(extra: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: "failures",
    steps: 30,
    ...ethPool(2000, 10_000),
    oracles: [{ id: "eth", type: "spot", source: "pool" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05 } },
        positions: [{ account: "a", collateral: { ETH: 10 }, debt: { USDC: 15_000 } }],
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool", strategy: "hold" }],
    ...extra,
    shock: [{ type: "sell", venue: "pool", qty: 1000, step: 2 }, ...(extra.shock ?? [])],
  };
}

const firstLiquidation = (s: Scenario) => eventsOf(simulate(s).events, "liquidation")[0]?.step;

test("failures: a stale oracle delays the liquidations by exactly its outage", () => {
  equal(firstLiquidation(market()), 2, "without the outage, at the sale");
  const stale = market({ shock: [{ type: "oracleOutage", oracle: "eth", fromStep: 1, toStep: 6 }] });
  equal(firstLiquidation(stale), 7, "the step after the outage");
  const { timeline } = simulate(stale);
  equal(
    Array.from(timeline.oracleAge.eth.slice(0, 9)).join(","),
    "0,1,2,3,4,5,6,0,0",
    "its age grows while it is stale",
  );
  equal(timeline.oracles.eth[6], 2000, "its last price stays in force");
});

test("failures: an oracle publishing nothing stops liquidations; its price is missing in the timeline", () => {
  const missing = market({ shock: [{ type: "oracleOutage", oracle: "eth", mode: "missing", fromStep: 2, toStep: 4 }] });
  equal(firstLiquidation(missing), 5, "nothing until it publishes again");
  const { timeline } = simulate(missing);
  assert(Number.isNaN(timeline.oracles.eth[3]), "no price published");
});

test("failures: a price older than maxAgeSteps is missing to the protocol, a younger stale one is used", () => {
  // the oracle publishes the crashed price at step 2, then goes stale; five accounts are
  // liquidatable and the keeper fits one a step: it goes on while the stale price is young enough
  const s = (maxAgeSteps?: number): Scenario => ({
    ...market({ shock: [{ type: "oracleOutage", oracle: "eth", fromStep: 3, toStep: 10 }] }),
    oracles: [{ id: "eth", type: "spot", source: "pool", maxAgeSteps }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05 } },
        positions: Array.from({ length: 5 }, () => ({ collateral: { ETH: 10 }, debt: { USDC: 15_000 } })),
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool", strategy: "hold", maxPerStep: 1 }],
  });
  const steps = (x: Scenario) =>
    eventsOf(simulate(x).events, "liquidation")
      .map((e) => e.step)
      .join(",");
  equal(steps(s(2)), "2,3,4,11,12", "at steps 2 (fresh), 3 and 4 (age 1 and 2); then once it publishes again");
  equal(steps(s()), "2,3,4,5,6", "without maxAgeSteps the stale price is used");
});

/** Three (or two) pools of one ETH price, a median oracle over them, one source faulty. */
function median(sources: string[], fault: { price?: number; factor?: number; lagSteps?: number }): Scenario {
  const pool = (id: string) => ({
    id,
    type: "constantProduct" as const,
    base: "ETH",
    quote: "USDC",
    reserveBase: 1000,
    reserveQuote: 2e6,
  });
  return {
    version: 1,
    name: "median",
    steps: 6,
    assets: [
      { id: "ETH", price: 2000 },
      { id: "USDC", price: 1 },
    ],
    venues: sources.map(pool),
    oracles: [{ id: "med", type: "median", sources }],
    shock: [{ type: "sourceFault", oracle: "med", source: sources[0], fromStep: 1, toStep: 3, ...fault }],
  };
}

test("failures: a wrong source inside a three-source median moves nothing; inside a two-source median it moves the price", () => {
  for (const fault of [{ price: 0 }, { factor: 10 }]) {
    const three = simulate(median(["a", "b", "c"], fault)).timeline.oracles.med;
    // (the run stops quiet once the fault is over, after step 3)
    equal(Array.from(three).join(","), "2000,2000,2000,2000", `three sources, ${JSON.stringify(fault)}`);
  }
  const two = simulate(median(["a", "b"], { price: 0 })).timeline.oracles.med;
  equal(Array.from(two).join(","), "2000,1000,1000,1000", "two sources: their mean, from step 1 to 3");
  const tenfold = simulate(median(["a", "b"], { factor: 10 })).timeline.oracles.med;
  equal(tenfold[2], 11_000, "(10 × 2000 + 2000) / 2");
});

test("failures: a lagged source reports its own price of lagSteps earlier", () => {
  const s: Scenario = {
    ...median(["a"], { lagSteps: 2 }),
    oracles: [{ id: "med", type: "spot", source: "a" }],
    shock: [
      { type: "sourceFault", oracle: "med", source: "a", lagSteps: 2, fromStep: 3, toStep: 5 },
      { type: "sell", venue: "a", qty: 10, step: 0, overSteps: 6 },
    ],
  };
  const { timeline } = simulate(s);
  const pool = timeline.venues.a.price;
  const seen = timeline.oracles.med;
  for (const t of [3, 4, 5]) equal(seen[t], pool[t - 2], `step ${t}: the pool two steps earlier`);
  equal(seen[2], pool[2], "before the fault, its own price");
});

test("failures: a keeper outage grows the liquidatable debt waiting, then the keepers clear it", () => {
  const s = market({ shock: [{ type: "keeperOutage", fromStep: 0, toStep: 6 }] });
  const { timeline, events } = simulate(s);
  const waiting = timeline.protocols.lend.waiting;
  equal(waiting[1], 0, "nothing waits before the sale");
  assert(waiting[2] > 0 && waiting[6] === waiting[2], `15,000 USDC wait from the sale on: ${Array.from(waiting)}`);
  equal(eventsOf(events, "liquidation")[0]?.step, 7, "liquidated once the keepers are back");
  equal(waiting[7], 0, "cleared (health 0.91: the whole debt is repaid)");
  const other = market({ shock: [{ type: "keeperOutage", liquidator: "bot", fromStep: 0, toStep: 6 }] });
  equal(firstLiquidation(other), 7, "one keeper by name");
});

test("failures: keeperOutage — the outage turns into bad debt on a market that stays solvent without it", () => {
  const s = presets.keeperOutage;
  const down = simulate(s, { events: 0 });
  const up = simulate({ ...s, shock: (s.shock ?? []).filter((x) => x.type !== "keeperOutage") }, { events: 0 });
  equal(up.summary.badDebt, 0, "keepers online: no bad debt");
  assert(down.summary.badDebt > 500_000, `keepers offline for 250 blocks: ${down.summary.badDebt} USDC of bad debt`);
  const waiting = down.timeline.protocols.lend.waiting;
  assert(waiting[249] > waiting[100] && waiting[100] > waiting[50], "the waiting debt grows while they are away");
  assert(waiting[270] < waiting[249], "and shrinks once they are back");
});

test("failures: a crash inside one block moves venues and oracles at once, then recovers over its steps", () => {
  const s: Scenario = {
    version: 1,
    name: "crash",
    steps: 20,
    ...ethPool(2000, 1000),
    oracles: [
      { id: "outside", type: "spot", source: "ETH" },
      { id: "venue", type: "spot", source: "pool" },
    ],
    shock: [{ type: "crash", asset: "ETH", fraction: 0.5, step: 3, recoverSteps: 10 }],
  };
  const { timeline } = simulate(s);
  equal(timeline.assets.ETH.reference[2], 2000, "before");
  equal(timeline.assets.ETH.reference[3], 1000, "half, at its step");
  equal(timeline.oracles.outside[3], 1000, "an oracle on the outside market sees it at once");
  near(timeline.oracles.venue[3], 1000, 1e-6, "and one on the pool too (pull 1)");
  near(timeline.assets.ETH.reference[8], 1500, 1e-9, "half way back after 5 of 10 steps");
  equal(timeline.assets.ETH.reference[13], 2000, "back after 10");
});

test("failures: bad failure shocks are refused by path", () => {
  const s = market();
  const bad = (shock: object, pattern: RegExp) =>
    throws(() => validateScenario({ ...s, shock: [shock] }), ScenarioError, pattern, JSON.stringify(shock));
  bad({ type: "oracleOutage", oracle: "nope", fromStep: 0, toStep: 1 }, /shock\[0\]\.oracle: unknown oracle "nope"/);
  bad({ type: "oracleOutage", oracle: "eth", fromStep: 3, toStep: 1 }, /shock\[0\]\.toStep: expected ≥ fromStep 3/);
  bad(
    { type: "keeperOutage", liquidator: "nope", fromStep: 0, toStep: 1 },
    /shock\[0\]\.liquidator: unknown liquidator/,
  );
  bad(
    { type: "sourceFault", oracle: "eth", source: "ETH", price: 1, fromStep: 0, toStep: 1 },
    /shock\[0\]\.source: "ETH" is not a source of oracle "eth"/,
  );
  bad(
    { type: "sourceFault", oracle: "eth", source: "pool", price: 1, factor: 2, fromStep: 0, toStep: 1 },
    /shock\[0\]: expected exactly one of price, factor and lagSteps, got 2/,
  );
  bad({ type: "crash", asset: "ETH", fraction: 0.5, step: 30 }, /shock\[0\]\.step: expected a step below steps 30/);
});
