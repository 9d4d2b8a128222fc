// The checks between fields (src/scenario/references.ts), one case per rule: a scenario using every
// kind of venue, oracle, protocol and agent is valid; each case breaks one rule in it and must be
// refused with exactly that problem, its path and its message — so a rule deleted or loosened
// fails its own case instead of letting the scenario run silently.
import { type Scenario, ScenarioError, simulate, validateScenario } from "fracture";
import { AssertionError, equal, test, throws } from "./harness.ts";

/** A small valid scenario with every kind of thing the references tie together. */
function everything(): Scenario {
  return {
    version: 1,
    name: "references",
    steps: 10,
    assets: [
      { id: "ETH", price: 2000 },
      { id: "USDC", price: 1 },
      { id: "BTC", price: 40000 },
    ],
    venues: [
      { id: "pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1000, reserveQuote: 2e6 },
      {
        id: "book",
        type: "orderBook",
        base: "ETH",
        quote: "USDC",
        tickSize: 0.01,
        profile: { spreadBps: 2, levels: 20, levelBps: 5, qtyPerLevel: 10 },
      },
      {
        id: "cl",
        type: "concentratedLiquidity",
        base: "ETH",
        quote: "USDC",
        price: 2000,
        feePips: 3000,
        tickSpacing: 60,
        positions: [{ tickLower: 75000, tickUpper: 77040, liquidity: 1e6 }],
      },
      { id: "btc-pool", type: "constantProduct", base: "BTC", quote: "USDC", reserveBase: 100, reserveQuote: 4e6 },
    ],
    oracles: [
      { id: "eth", type: "spot", source: "pool" },
      { id: "med", type: "median", sources: ["pool", "book", "ETH"] },
      { id: "btc", type: "push", source: "btc-pool", deviationBps: 50, heartbeatSteps: 5 },
    ],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth", BTC: "btc" },
        markets: {
          ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 },
          BTC: { liquidationThreshold: 0.7, liquidationBonus: 0.1 },
        },
        positions: [{ collateral: { ETH: 10, BTC: 1 }, debt: { USDC: 10000 } }],
      },
      {
        id: "perp",
        type: "perps",
        base: "ETH",
        oracle: "med",
        venue: "book",
        maintenanceMargin: 0.05,
        liquidationFee: 0.01,
        insuranceFund: 1000,
        positions: [{ size: 1, entryPrice: 2000, margin: 500 }],
      },
      {
        id: "maker",
        type: "cdp",
        collateral: "ETH",
        debt: "USDC",
        oracle: "eth",
        liquidationRatio: 1.5,
        penalty: 1.13,
        auction: { buf: 1.2, curve: { type: "linear", tau: 3600 }, tail: 7200, cusp: 0.4 },
        vaults: [{ ink: 10, art: 5000 }],
      },
      {
        id: "vault",
        type: "optionsVault",
        underlying: "ETH",
        oracle: "eth",
        venue: "pool",
        margin: { spotShock: 0.15, volShock: 0.25 },
        accounts: [{ collateral: 10, options: [{ strike: 2200, days: 7, call: true, qty: 1, vol: 0.6 }] }],
      },
    ],
    liquidators: [
      { id: "bot", capital: null, sellVenue: "pool" },
      { id: "keeper", capital: 1e6, sellVenue: "book", protocols: ["maker", "vault"] },
    ],
    dealers: [
      {
        id: "desk",
        venue: "cl",
        underlying: "ETH",
        dealers: "short-all",
        options: [{ strike: 1900, days: 7, call: false, openInterest: 100, vol: 0.6 }],
      },
    ],
    arbitrageurs: [{ id: "arb", venues: ["pool", "book"] }],
    shock: [
      { type: "sell", venue: "pool", qty: 10, step: 1 },
      { type: "buy", venue: "book", qty: 10, step: 2 },
      { type: "drop", asset: "ETH", fraction: 0.1, steps: 3, step: 1 },
      { type: "path", asset: "BTC", prices: [40000, 38000] },
      { type: "oracle", oracle: "btc", price: 30000, fromStep: 3, toStep: 4 },
      { type: "congestion", maxPerStep: 1, fromStep: 2, toStep: 5 },
    ],
  };
}

type Loose = Record<string, unknown> & {
  assets: Record<string, unknown>[];
  venues: Record<string, unknown>[];
  oracles: Record<string, unknown>[];
  protocols: Record<string, unknown>[];
  liquidators: Record<string, unknown>[];
  dealers: Record<string, unknown>[];
  arbitrageurs: Record<string, unknown>[];
  shock: Record<string, unknown>[];
};

/** [rule, how to break it, the problems expected: path and message, in order]. */
const CASES: [string, (s: Loose) => void, [string, string][]][] = [
  // ids: unique within each list
  ["a duplicate asset id", (s) => s.assets.push({ id: "ETH", price: 1 }), [["assets[3].id", 'duplicate id "ETH"']]],
  ["a duplicate venue id", (s) => s.venues.push({ ...s.venues[0] }), [["venues[4].id", 'duplicate id "pool"']]],
  [
    "a duplicate oracle id",
    (s) => s.oracles.push({ id: "eth", type: "spot", source: "ETH" }),
    [["oracles[3].id", 'duplicate id "eth"']],
  ],
  [
    "a duplicate protocol id",
    (s) => s.protocols.push({ ...s.protocols[0] }),
    [["protocols[4].id", 'duplicate id "lend"']],
  ],
  [
    "a duplicate liquidator id",
    (s) => s.liquidators.push({ id: "bot", capital: 0, sellVenue: "pool" }),
    [["liquidators[2].id", 'duplicate id "bot"']],
  ],
  ["a duplicate dealer id", (s) => s.dealers.push({ ...s.dealers[0] }), [["dealers[1].id", 'duplicate id "desk"']]],
  [
    "a duplicate arbitrageur id",
    (s) => s.arbitrageurs.push({ id: "arb", venues: ["pool", "cl"] }),
    [["arbitrageurs[1].id", 'duplicate id "arb"']],
  ],
  // venues
  [
    "a venue named like an asset",
    (s) => {
      s.venues[3].id = "BTC";
      s.oracles[2].source = "BTC";
    },
    [["venues[3].id", '"BTC" is also an asset id: oracle sources could not tell them apart']],
  ],
  ["an unknown base", (s) => (s.venues[3].base = "SOL"), [["venues[3].base", 'unknown asset "SOL"']]],
  ["an unknown quote", (s) => (s.venues[3].quote = "DAI"), [["venues[3].quote", 'unknown asset "DAI"']]],
  [
    "a venue trading an asset against itself",
    (s) => (s.venues[3].quote = "BTC"),
    [["venues[3].quote", "the same asset as base"]],
  ],
  [
    "an order book with nothing in it",
    (s) => {
      delete s.venues[1].profile;
    },
    [["venues[1]", "an order book needs a profile or a snapshot with orders (an empty book has no price)"]],
  ],
  [
    "an order book whose ticks cannot reach twice the price",
    (s) => (s.venues[1].tickSize = 0.0001),
    [["venues[1].tickSize", `expected at least ${4000 / 2 ** 24} (2^24 ticks up to twice the price 2000), got 0.0001`]],
  ],
  [
    "an order book capped below its makers' orders",
    (s) => (s.venues[1].capacity = 39),
    [["venues[1].capacity", "expected at least 40 (the orders of its profile and snapshot), got 39"]],
  ],
  [
    "a position's lower tick off the spacing",
    (s) => ((s.venues[2].positions as Record<string, number>[])[0].tickLower = 75010),
    [["venues[2].positions[0].tickLower", "expected a multiple of tickSpacing 60, got 75010"]],
  ],
  [
    "a position's upper tick off the spacing",
    (s) => ((s.venues[2].positions as Record<string, number>[])[0].tickUpper = 77050),
    [["venues[2].positions[0].tickUpper", "expected a multiple of tickSpacing 60, got 77050"]],
  ],
  [
    "a position's upper tick not above its lower one",
    (s) => ((s.venues[2].positions as Record<string, number>[])[0].tickUpper = 75000),
    [["venues[2].positions[0].tickUpper", "expected above tickLower 75000, got 75000"]],
  ],
  // assets and oracles
  [
    "an unknown reference venue",
    (s) => (s.assets[0].referenceVenue = "nowhere"),
    [["assets[0].referenceVenue", 'unknown venue "nowhere"']],
  ],
  [
    "a reference venue of another asset",
    (s) => (s.assets[0].referenceVenue = "btc-pool"),
    [["assets[0].referenceVenue", 'venue "btc-pool" trades BTC, not ETH']],
  ],
  [
    "an unknown oracle source",
    (s) => (s.oracles[0].source = "nowhere"),
    [["oracles[0].source", 'unknown source "nowhere" (expected a venue or an asset id)']],
  ],
  [
    "an unknown median source",
    (s) => (s.oracles[1].sources = ["pool", "nowhere", "ETH"]),
    [["oracles[1].sources[1]", 'unknown source "nowhere" (expected a venue or an asset id)']],
  ],
  // lending
  [
    "a lending oracle for an unknown asset",
    (s) => ((s.protocols[0].oracles as Record<string, string>).SOL = "eth"),
    [["protocols[0].oracles.SOL", 'unknown asset "SOL"']],
  ],
  [
    "a lending asset's unknown oracle",
    (s) => ((s.protocols[0].oracles as Record<string, string>).ETH = "nowhere"),
    [["protocols[0].oracles.ETH", 'unknown oracle "nowhere"']],
  ],
  [
    "a market for an unknown asset",
    (s) =>
      ((s.protocols[0].markets as Record<string, unknown>).SOL = { liquidationThreshold: 0.5, liquidationBonus: 0.1 }),
    [["protocols[0].markets.SOL", 'unknown asset "SOL"']],
  ],
  [
    "collateral without a market",
    (s) => (s.protocols[0].positions = [{ collateral: { USDC: 100 }, debt: { ETH: 0.01 } }]),
    [["protocols[0].positions[0].collateral.USDC", "no market for USDC in protocols[0].markets"]],
  ],
  [
    "debt in an unknown asset",
    (s) => (s.protocols[0].positions = [{ collateral: { ETH: 1 }, debt: { DAI: 100 } }]),
    [["protocols[0].positions[0].debt.DAI", 'unknown asset "DAI"']],
  ],
  [
    "generated collateral without a market",
    (s) =>
      (s.protocols[0].positions = {
        generate: { count: 10, collateral: "USDC", debt: "ETH", totalCollateral: 1000, health: { min: 1.1, max: 2 } },
      }),
    [["protocols[0].positions.generate.collateral", "no market for USDC"]],
  ],
  [
    "generated debt in an unknown asset",
    (s) =>
      (s.protocols[0].positions = {
        generate: { count: 10, collateral: "ETH", debt: "DAI", totalCollateral: 1000, health: { min: 1.1, max: 2 } },
      }),
    [["protocols[0].positions.generate.debt", 'unknown asset "DAI"']],
  ],
  [
    "a generated health range upside down",
    (s) =>
      (s.protocols[0].positions = {
        generate: { count: 10, collateral: "ETH", debt: "USDC", totalCollateral: 1000, health: { min: 2, max: 1.1 } },
      }),
    [["protocols[0].positions.generate.health.max", "expected ≥ min 2, got 1.1"]],
  ],
  // perps
  [
    "a perps market's unknown base",
    (s) => (s.protocols[1].base = "SOL"),
    [
      ["protocols[1].base", 'unknown asset "SOL"'],
      ["protocols[1].venue", 'venue "book" trades ETH, not SOL'],
    ],
  ],
  [
    "a perps market's unknown oracle",
    (s) => (s.protocols[1].oracle = "nowhere"),
    [["protocols[1].oracle", 'unknown oracle "nowhere"']],
  ],
  [
    "a perps market's unknown venue",
    (s) => (s.protocols[1].venue = "nowhere"),
    [["protocols[1].venue", 'unknown venue "nowhere"']],
  ],
  [
    "a perps market on another asset's venue",
    (s) => (s.protocols[1].venue = "btc-pool"),
    [["protocols[1].venue", 'venue "btc-pool" trades BTC, not ETH']],
  ],
  [
    "a generated leverage range upside down",
    (s) => (s.protocols[1].positions = { generate: { count: 10, totalNotional: 1e5, leverage: { min: 10, max: 5 } } }),
    [["protocols[1].positions.generate.leverage.max", "expected ≥ min 10, got 5"]],
  ],
  [
    "a generated leverage beyond 1/maintenanceMargin",
    (s) => (s.protocols[1].positions = { generate: { count: 10, totalNotional: 1e5, leverage: { min: 5, max: 21 } } }),
    [["protocols[1].positions.generate.leverage.max", "expected ≤ 1/maintenanceMargin = 20, got 21"]],
  ],
  // cdp
  [
    "a CDP's unknown collateral",
    (s) => (s.protocols[2].collateral = "SOL"),
    [["protocols[2].collateral", 'unknown asset "SOL"']],
  ],
  ["a CDP's unknown debt asset", (s) => (s.protocols[2].debt = "DAI"), [["protocols[2].debt", 'unknown asset "DAI"']]],
  [
    "a CDP's unknown oracle",
    (s) => (s.protocols[2].oracle = "nowhere"),
    [["protocols[2].oracle", 'unknown oracle "nowhere"']],
  ],
  [
    "a generated ratio range upside down",
    (s) => (s.protocols[2].vaults = { generate: { count: 10, totalInk: 100, ratio: { min: 3, max: 2 } } }),
    [["protocols[2].vaults.generate.ratio.max", "expected ≥ min 3, got 2"]],
  ],
  [
    "generated vaults below the liquidation ratio",
    (s) => (s.protocols[2].vaults = { generate: { count: 10, totalInk: 100, ratio: { min: 1.4, max: 2 } } }),
    [["protocols[2].vaults.generate.ratio.min", "expected ≥ liquidationRatio 1.5, got 1.4"]],
  ],
  // options vault
  [
    "a vault's unknown underlying",
    (s) => (s.protocols[3].underlying = "SOL"),
    [
      ["protocols[3].underlying", 'unknown asset "SOL"'],
      ["protocols[3].venue", 'venue "pool" trades ETH, not SOL'],
    ],
  ],
  [
    "a vault's unknown oracle",
    (s) => (s.protocols[3].oracle = "nowhere"),
    [["protocols[3].oracle", 'unknown oracle "nowhere"']],
  ],
  [
    "a vault's unknown venue",
    (s) => (s.protocols[3].venue = "nowhere"),
    [["protocols[3].venue", 'unknown venue "nowhere"']],
  ],
  [
    "a vault selling on another asset's venue",
    (s) => (s.protocols[3].venue = "btc-pool"),
    [["protocols[3].venue", 'venue "btc-pool" trades BTC, not ETH']],
  ],
  ...(["otm", "days", "health"] as const).map((k): [string, (s: Loose) => void, [string, string][]] => [
    `a generated ${k} range upside down`,
    (s) => {
      const ranges = { otm: { min: 0, max: 0.2 }, days: { min: 1, max: 30 }, health: { min: 1.1, max: 2 } };
      ranges[k] = k === "otm" ? { min: 0.2, max: 0.1 } : k === "days" ? { min: 30, max: 1 } : { min: 2, max: 1.1 };
      s.protocols[3].accounts = { generate: { count: 5, totalCollateral: 50, vol: 0.6, ...ranges } };
    },
    [
      [
        `protocols[3].accounts.generate.${k}.max`,
        k === "otm"
          ? "expected ≥ min 0.2, got 0.1"
          : k === "days"
            ? "expected ≥ min 30, got 1"
            : "expected ≥ min 2, got 1.1",
      ],
    ],
  ]),
  // agents
  [
    "a liquidator's unknown venue",
    (s) => (s.liquidators[0].sellVenue = "nowhere"),
    [["liquidators[0].sellVenue", 'unknown venue "nowhere"']],
  ],
  [
    "a liquidator working for an unknown protocol",
    (s) => (s.liquidators[1].protocols = ["maker", "aave"]),
    [["liquidators[1].protocols[1]", 'unknown protocol "aave"']],
  ],
  [
    "a dealer's unknown underlying",
    (s) => (s.dealers[0].underlying = "SOL"),
    [
      ["dealers[0].underlying", 'unknown asset "SOL"'],
      ["dealers[0].venue", 'venue "cl" trades ETH, not SOL'],
    ],
  ],
  [
    "a dealer's unknown venue",
    (s) => (s.dealers[0].venue = "nowhere"),
    [["dealers[0].venue", 'unknown venue "nowhere"']],
  ],
  [
    "a dealer hedging on another asset's venue",
    (s) => (s.dealers[0].venue = "btc-pool"),
    [["dealers[0].venue", 'venue "btc-pool" trades BTC, not ETH']],
  ],
  [
    "an arbitrageur's unknown first venue",
    (s) => (s.arbitrageurs[0].venues = ["nowhere", "book"]),
    [["arbitrageurs[0].venues[0]", 'unknown venue "nowhere"']],
  ],
  [
    "an arbitrageur's unknown second venue",
    (s) => (s.arbitrageurs[0].venues = ["pool", "nowhere"]),
    [["arbitrageurs[0].venues[1]", 'unknown venue "nowhere"']],
  ],
  [
    "an arbitrageur between two pairs",
    (s) => (s.arbitrageurs[0].venues = ["pool", "btc-pool"]),
    [["arbitrageurs[0].venues", '"pool" trades ETH/USDC but "btc-pool" trades BTC/USDC']],
  ],
  // shocks
  [
    "a sale on an unknown venue",
    (s) => (s.shock[0].venue = "nowhere"),
    [["shock[0].venue", 'unknown venue "nowhere"']],
  ],
  [
    "a purchase on an unknown venue",
    (s) => (s.shock[1].venue = "nowhere"),
    [["shock[1].venue", 'unknown venue "nowhere"']],
  ],
  [
    "a sale at the last step + 1",
    (s) => (s.shock[0].step = 10),
    [["shock[0].step", "expected a step below steps 10, got 10"]],
  ],
  [
    "a purchase after the run",
    (s) => (s.shock[1].step = 11),
    [["shock[1].step", "expected a step below steps 10, got 11"]],
  ],
  ["a drop of an unknown asset", (s) => (s.shock[2].asset = "SOL"), [["shock[2].asset", 'unknown asset "SOL"']]],
  ["a path of an unknown asset", (s) => (s.shock[3].asset = "SOL"), [["shock[3].asset", 'unknown asset "SOL"']]],
  [
    "a drop after the run",
    (s) => (s.shock[2].step = 10),
    [["shock[2].step", "expected a step below steps 10, got 10"]],
  ],
  [
    "two shocks setting one asset's outside market",
    (s) => (s.shock[3].asset = "ETH"),
    [["shock[3].asset", "shock[2] already sets the outside market of ETH (one path, drop or crash per asset)"]],
  ],
  [
    "a forced price on an unknown oracle",
    (s) => (s.shock[4].oracle = "nowhere"),
    [["shock[4].oracle", 'unknown oracle "nowhere"']],
  ],
  [
    "a forced price from beyond the run",
    (s) => Object.assign(s.shock[4], { fromStep: 10, toStep: 12 }),
    [["shock[4].fromStep", "expected a step below steps 10, got 10"]],
  ],
  [
    "a forced price ending before it starts",
    (s) => (s.shock[4].toStep = 2),
    [["shock[4].toStep", "expected ≥ fromStep 3, got 2"]],
  ],
  [
    "congestion from beyond the run",
    (s) => Object.assign(s.shock[5], { fromStep: 10, toStep: 12 }),
    [["shock[5].fromStep", "expected a step below steps 10, got 10"]],
  ],
  [
    "congestion ending before it starts",
    (s) => (s.shock[5].toStep = 1),
    [["shock[5].toStep", "expected ≥ fromStep 2, got 1"]],
  ],
];

test("references: the scenario that every case breaks is valid and runs", () => {
  const { summary } = simulate(everything(), { counterfactual: false });
  equal(Number.isFinite(summary.badDebt), true, "runs to a finite bad debt");
});

test("references: an order book seeded by a snapshot of asks alone, or bids alone, is valid; one with neither is not", () => {
  for (const snapshot of [
    { bids: [], asks: [[2010, 5]] },
    { bids: [[1990, 5]], asks: [] },
  ]) {
    const s = everything() as unknown as Loose;
    s.venues[1] = { id: "book", type: "orderBook", base: "ETH", quote: "USDC", tickSize: 0.01, snapshot };
    validateScenario(s);
  }
  const s = everything() as unknown as Loose;
  s.venues[1] = {
    id: "book",
    type: "orderBook",
    base: "ETH",
    quote: "USDC",
    tickSize: 0.01,
    snapshot: { bids: [], asks: [] },
  };
  throws(
    () => validateScenario(s),
    ScenarioError,
    /^venues\[1\]: an order book needs a profile or a snapshot with orders \(an empty book has no price\)$/,
  );
});

for (const [rule, breakIt, want] of CASES) {
  test(`references: ${rule} is refused by path`, () => {
    const s = everything() as unknown as Loose;
    breakIt(s);
    let err: unknown;
    try {
      validateScenario(s);
    } catch (e) {
      err = e;
    }
    if (!(err instanceof ScenarioError)) throw new AssertionError(`expected a ScenarioError, got ${String(err)}`);
    const got = err.issues.map((i) => `${i.path}: ${i.message}`).join("\n");
    equal(got, want.map(([path, message]) => `${path}: ${message}`).join("\n"), "problems");
  });
}
