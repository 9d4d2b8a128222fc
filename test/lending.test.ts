// Lending liquidations through simulate(): the Aave v3 worked examples of
// shared/vectors/lending_liquidations.json (close factor, bonus, protocol fee, collateral cap,
// bad debt), the health index (only accounts below 1 are touched, lowest first), multi-asset
// accounts, liquidators' capital and block space, positions from CSV, and generated positions.
import { type Scenario, ScenarioError, simulate } from "fracture";
import vectors from "./fixtures/lending_liquidations.json" with { type: "json" };
import { assert, equal, near, test, throws } from "./harness.ts";
import { ethPool } from "./scenarios.ts";

type Position = { collateral: Record<string, number>; debt: Record<string, number> };

/** One lending market on ETH/USDC, priced by spot oracles on the assets themselves (no venue moves the oracle). */
function market(ethPrice: number, positions: Position[] | { csv: string }, extra: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: "lending-test",
    steps: 5,
    ...ethPool(ethPrice, 1e4),
    oracles: [
      { id: "eth", type: "spot", source: "ETH" },
      { id: "usd", type: "spot", source: "USDC" },
    ],
    protocols: [
      {
        id: "aave",
        type: "lending",
        oracles: { ETH: "eth", USDC: "usd" },
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
        closeFactor: 0.5,
        fullCloseBelowHealth: 0.95,
        positions,
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool" }],
    ...extra,
  };
}

const units = (x: string, decimals: number) => Number(x) / 10 ** decimals;

test("lending: Aave v3 example A (health 0.9706 > 0.95): half the debt repaid, 4.4625 ETH seized, fee 0.02125", () => {
  const ex = vectors.derived_worked_examples[0];
  const { events, summary } = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 17000 } }]));
  equal(events.length, 1, "liquidations");
  const [e] = events;
  equal(e.kind, "liquidation", "kind");
  near(e.a, units(ex.expected.actualDebtToLiquidate, 6), 1e-9, "repaid USDC");
  near(e.b, units(ex.expected.collateral_seized_total, 18), 1e-12, "seized ETH");
  near(e.c, units(ex.expected.protocol_fee_collateral, 18), 1e-15, "protocol fee ETH");
  near(e.b - e.c, units(ex.expected.liquidator_receives_collateral, 18), 1e-12, "liquidator's ETH");
  equal(summary.badDebt, 0, "bad debt");
  // health after: 5.5375·2000·0.825 / 8500 = 1.0749: not liquidated again
  equal(summary.liquidations, 1, "liquidations over the run");
});

test("lending: Aave v3 example B (health 0.8014 < 0.95): full close capped by the collateral, the rest is bad debt", () => {
  const ex = vectors.derived_worked_examples[1];
  const { events, summary } = simulate(market(1700, [{ collateral: { ETH: 10 }, debt: { USDC: 17500 } }]));
  equal(events.length, 1, "liquidations");
  const [e] = events;
  const repaid = units(ex.expected.actualDebtToLiquidate, 6);
  near(e.a, repaid, 1e-6, "repaid USDC (the contract floors to 1e-6)");
  equal(e.b, 10, "all the collateral is seized");
  near(e.c, units(ex.expected.protocol_fee_collateral, 18), 1e-15, "protocol fee ETH");
  // no collateral left: the 17500 − 16190.476 still owed is written off
  near(summary.badDebt, 17500 - (10 * 1700) / 1.05, 1e-9, "bad debt");
  near(summary.badDebtByProtocol.aave, summary.badDebt, 0, "by protocol");
});

test("lending: the health boundary — exactly 1 is safe, below 1 is liquidated; 0.95 itself takes the close factor (DESIGN's strict rule)", () => {
  // health = 10·2000·0.825/debt: 16500 → exactly 1
  const at1 = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 16500 } }]));
  equal(at1.summary.liquidations, 0, "health 1");
  // 17368.42… → 0.95 exactly in f64? use a debt whose health is just below 0.95 and just above
  const below = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 16500 / 0.9499 } }]));
  near(below.events[0].a, 16500 / 0.9499, 1e-9, "full close below 0.95");
  const above = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 16500 / 0.9501 } }]));
  near(above.events[0].a, 16500 / 0.9501 / 2, 1e-9, "half above 0.95");
});

test("lending: accounts are liquidated lowest health first, ties in the order given, once per step", () => {
  const positions = [
    { collateral: { ETH: 1 }, debt: { USDC: 1700 } }, // 0.9706
    { collateral: { ETH: 1 }, debt: { USDC: 1600 } }, // 1.03: safe
    { collateral: { ETH: 1 }, debt: { USDC: 1720 } }, // 0.9593: first
    { collateral: { ETH: 1 }, debt: { USDC: 1700 } }, // 0.9706, after position 0
  ];
  const { events } = simulate(market(2000, positions));
  const step0 = events.filter((e) => e.step === 0).map((e) => e.position);
  equal(step0.join(","), "2,0,3", "order of step 0");
  assert(
    events.every((e) => e.position !== 1),
    "the safe account is never touched",
  );
});

test("lending: a liquidator's capital bounds the repayment, and its block space the liquidations per step", () => {
  const positions = Array.from({ length: 5 }, () => ({ collateral: { ETH: 1 }, debt: { USDC: 1700 } }));
  const capped = simulate(
    market(2000, positions, {
      liquidators: [{ id: "bot", capital: 1000, sellVenue: "pool", maxPerStep: 2, strategy: "hold" }],
    }),
  );
  // holding what it seizes, the bot repays half of the first account (850), the 150 it has left
  // of the second, and then has nothing
  equal(capped.events.map((e) => e.a).join(","), "850,150", "repaid");
  near(capped.summary.liquidators.bot.capital, 0, 1e-9, "capital left");
  const spaced = simulate(
    market(2000, positions, { liquidators: [{ id: "bot", capital: null, sellVenue: "pool", maxPerStep: 2 }] }),
  );
  const perStep = [0, 1, 2].map((s) => spaced.events.filter((e) => e.step === s).length);
  equal(perStep.join(","), "2,2,1", "liquidations per step with room for 2");
});

test("lending: a multi-asset account repays its largest debt with its largest collateral", () => {
  const s = market(2000, [{ collateral: { ETH: 10, USDC: 1000 }, debt: { USDC: 18000, ETH: 0.5 } }]);
  const p = (s.protocols as { markets: object }[])[0];
  p.markets = { ...p.markets, USDC: { liquidationThreshold: 0.9, liquidationBonus: 0.04 } };
  // health = (10·2000·0.825 + 1000·0.9) / (18000 + 0.5·2000) = 17400/19000 = 0.9158 → full close of USDC debt
  const { events } = simulate(s);
  near(events[0].a, 18000, 1e-9, "repays the USDC debt in full");
  near(events[0].b, (18000 * 1.05) / 2000, 1e-12, "with ETH at its bonus");
});

test("lending: positions from CSV equal the same positions as a list; other protocols' rows are ignored", () => {
  const csv = [
    "protocol,account,collateralAsset,collateralAmount,debtAsset,debtAmount",
    "aave,0xa,ETH,10,USDC,17000",
    "compound,0xb,ETH,1,USDC,1900",
    "aave,0xc,ETH,2,USDC,3000",
    'aave,"0xc",ETH,1,,',
  ].join("\n");
  const fromCsv = simulate(market(2000, { csv }));
  const fromList = simulate(
    market(2000, [
      { collateral: { ETH: 10 }, debt: { USDC: 17000 } },
      { collateral: { ETH: 3 }, debt: { USDC: 3000 } },
    ]),
  );
  equal(JSON.stringify(fromCsv.events), JSON.stringify(fromList.events), "events");
  const bad = "protocol,account,collateralAsset,collateralAmount,debtAsset,debtAmount\naave,0xa,ETH,-3,USDC,1";
  throws(
    () => simulate(market(2000, { csv: bad })),
    ScenarioError,
    /protocols\[0\]\.positions\.csv: line 2: collateralAmount/,
  );
});

test("lending: generated positions are deterministic for a seed, start healthy, and sum to the total", () => {
  const gen = {
    generate: {
      count: 2000,
      collateral: "ETH",
      debt: "USDC",
      totalCollateral: 5000,
      health: { min: 1.01, max: 2 },
    },
  };
  const shock = [{ type: "sell" as const, venue: "pool", qty: 800, step: 1 }];
  const scenario = {
    ...market(2000, [], { shock }),
    oracles: [
      { id: "eth", type: "spot" as const, source: "pool" },
      { id: "usd", type: "spot" as const, source: "USDC" },
    ],
  };
  (scenario.protocols as { positions: unknown }[])[0].positions = gen;
  const a = simulate({ ...scenario, seed: 3 });
  const b = simulate({ ...scenario, seed: 3 });
  const c = simulate({ ...scenario, seed: 4 });
  equal(JSON.stringify(a.summary), JSON.stringify(b.summary), "same seed, same run");
  assert(a.summary.liquidations > 0 && a.summary.liquidations !== c.summary.liquidations, "the seed matters");
  assert(
    a.events.every((e) => e.step >= 1),
    "nothing is liquidatable before the shock",
  );
});

test("lending: bad scenarios name the field", () => {
  const s = market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 17000 } }]);
  (s.protocols as { markets: Record<string, { liquidationThreshold: number }> }[])[0].markets.ETH.liquidationThreshold =
    1.4;
  throws(
    () => simulate(s),
    ScenarioError,
    /protocols\[0\]\.markets\.ETH\.liquidationThreshold: expected a number in \(0, 1\], got 1\.4/,
  );
  const t = market(2000, [{ collateral: { BTC: 1 }, debt: { USDC: 1 } }]);
  throws(() => simulate(t), ScenarioError, /protocols\[0\]\.positions\[0\]\.collateral\.BTC: no market for BTC/);
});

test("lending: an empty book, a timeline too long to hold and a NaN are refused before the core", () => {
  const s = market(2000, [{ collateral: { ETH: 1 }, debt: { USDC: 1000 } }]);
  const empty = {
    ...s,
    venues: [{ id: "book", type: "orderBook" as const, base: "ETH", quote: "USDC", tickSize: 0.01 }],
  };
  throws(() => simulate(empty), ScenarioError, /venues\[0\]: an order book needs a profile or a snapshot/);
  throws(() => simulate({ ...s, steps: 10_000_000 }), ScenarioError, /steps: expected at most \d+ steps/);
  const nan = market(Number.NaN, [{ collateral: { ETH: 1 }, debt: { USDC: 1000 } }]);
  throws(() => simulate(nan), ScenarioError, /assets\[0\]\.price: expected a number in \(0, 1e15\], got NaN/);
});

test("lending: a book venue without a capacity grows to hold its makers and runs as one sized for them", () => {
  // 2 × 2100 maker orders: more than the 4,096 slots a growing book starts with
  const profile = { spreadBps: 2, levels: 2100, levelBps: 0.5, qtyPerLevel: 0.05 };
  const positions = Array.from({ length: 40 }, (_, k) => ({
    collateral: { ETH: 10 },
    debt: { USDC: 17_000 + 10 * k },
  }));
  const s = market(2000, positions);
  const book = { id: "pool", type: "orderBook" as const, base: "ETH", quote: "USDC", tickSize: 0.01, profile };
  const grown = simulate({ ...s, venues: [book] });
  const sized = simulate({ ...s, venues: [{ ...book, capacity: 2 * profile.levels }] });
  assert(grown.summary.liquidations >= 40, `sales on the book (${grown.summary.liquidations} liquidations)`);
  equal(JSON.stringify(grown.summary), JSON.stringify(sized.summary), "summary");
  equal(JSON.stringify(grown.events), JSON.stringify(sized.events), "events");
  const { price, depth1, depth5 } = grown.timeline.venues.pool;
  const other = sized.timeline.venues.pool;
  equal([price, depth1, depth5].join("|"), [other.price, other.depth1, other.depth5].join("|"), "the book's timeline");
  // one order fewer than its makers is still refused
  throws(
    () => simulate({ ...s, venues: [{ ...book, capacity: 2 * profile.levels - 1 }] }),
    ScenarioError,
    /venues\[0\]\.capacity: expected at least 4200 \(the orders of its profile and snapshot\), got 4199/,
  );
});

test("lending: venues the core could only hold by cutting them off are refused, each problem said once", () => {
  const s = market(2000, [{ collateral: { ETH: 1 }, debt: { USDC: 1000 } }]);
  const venue = (v: object) =>
    ({ ...s, venues: [{ id: "pool", type: "orderBook", base: "ETH", quote: "USDC", ...v }] }) as Scenario;
  const profile = { spreadBps: 5, levels: 100, levelBps: 10, qtyPerLevel: 10 };
  // 2^24 ticks of 1e-12 end far below the price: the book would quote 1.7e-5
  throws(
    () => simulate(venue({ tickSize: 1e-12, profile })),
    ScenarioError,
    /venues\[0\]\.tickSize: expected at least 0\.000238\d* \(2\^24 ticks up to twice the price 2000\), got 1e-12/,
  );
  // 200 maker orders in a book of 10 would leave it nearly empty
  throws(
    () => simulate(venue({ tickSize: 0.01, capacity: 10, profile })),
    ScenarioError,
    /venues\[0\]\.capacity: expected at least 200/,
  );
  // what only the book class checks comes back at the venue's path
  const crossed = { tickSize: 0.01, snapshot: { bids: [[2002, 1]], asks: [[2001, 1]] } };
  throws(() => simulate(venue(crossed)), ScenarioError, /^venues\[0\]\.snapshot: expected bids below asks/);
  const pool = (reserveBase: number) => ({ ...s, venues: [{ ...s.venues[0], reserveBase }] }) as Scenario;
  throws(
    () => simulate(pool(1e-300)),
    ScenarioError,
    /venues\[0\]\.reserveBase: expected a number in \[1e-12, 1e15\], got 1e-300/,
  );
  // Infinity fails two checks of one field: one message
  throws(
    () => simulate(pool(Number.POSITIVE_INFINITY)),
    ScenarioError,
    /^venues\[0\]\.reserveBase: expected a number in \[1e-12, 1e15\], got Infinity$/,
  );
});
