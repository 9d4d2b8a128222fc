// Lending liquidations through simulate(): the Aave v3 worked examples of
// shared/vectors/lending_liquidations.json (close factor, bonus, protocol fee, collateral cap,
// bad debt), the health index (only accounts below 1 are touched, lowest first), multi-asset
// accounts, liquidators' capital and block space, positions from CSV, and generated positions.
import { type Scenario, ScenarioError, simulate } from "fracture";
import vectors from "./fixtures/lending_liquidations.json" with { type: "json" };
import { assert, equal, near, test, throws } from "./harness.ts";
import { aaveMarket, eventOf, eventsOf } from "./scenarios.ts";

const market = aaveMarket;

const units = (x: string, decimals: number) => Number(x) / 10 ** decimals;

test("lending: Aave v3 example A (health 0.9706 > 0.95): half the debt repaid, 4.4625 ETH seized, fee 0.02125", () => {
  const ex = vectors.derived_worked_examples[0];
  const { events, summary } = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 17000 } }]));
  equal(events.length, 1, "liquidations");
  const e = eventOf(events[0], "liquidation");
  equal(e.kind, "liquidation", "kind");
  near(e.repaid, units(ex.expected.actualDebtToLiquidate, 6), 1e-9, "repaid USDC");
  near(e.seized, units(ex.expected.collateral_seized_total, 18), 1e-12, "seized ETH");
  near(e.fee, units(ex.expected.protocol_fee_collateral, 18), 1e-15, "protocol fee ETH");
  near(e.seized - e.fee, units(ex.expected.liquidator_receives_collateral, 18), 1e-12, "liquidator's ETH");
  equal(summary.badDebt, 0, "bad debt");
  // health after: 5.5375·2000·0.825 / 8500 = 1.0749: not liquidated again
  equal(summary.liquidations, 1, "liquidations over the run");
  equal(simulate(market(2000, [])).timeline.protocols.aave.extraName, "none", "lending has no series of its own");
});

test("lending: Aave v3 example B (health 0.8014 < 0.95): full close capped by the collateral, the rest is bad debt", () => {
  const ex = vectors.derived_worked_examples[1];
  const { events, summary } = simulate(market(1700, [{ collateral: { ETH: 10 }, debt: { USDC: 17500 } }]));
  equal(events.length, 1, "liquidations");
  const e = eventOf(events[0], "liquidation");
  const repaid = units(ex.expected.actualDebtToLiquidate, 6);
  near(e.repaid, repaid, 1e-6, "repaid USDC (the contract floors to 1e-6)");
  equal(e.seized, 10, "all the collateral is seized");
  near(e.fee, units(ex.expected.protocol_fee_collateral, 18), 1e-15, "protocol fee ETH");
  // no collateral left: the 17500 − 16190.476 still owed is written off
  near(summary.badDebt, 17500 - (10 * 1700) / 1.05, 1e-9, "bad debt");
  near(summary.badDebtByProtocol.aave, summary.badDebt, 0, "by protocol");
});

test("lending: the health boundary — exactly 1 is safe, below 1 is liquidated; 0.95 itself takes the close factor (DESIGN's strict rule)", () => {
  // health = 10·2000·0.825/debt: 16500 → exactly 1
  const at1 = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 16500 } }]));
  equal(at1.summary.liquidations, 0, "health 1");
  // 16500/0.95 = 17368.42…: 16500 divided by it is 0.95 to the last bit, as the core computes it
  const debt = 16500 / 0.95;
  equal(16500 / debt, 0.95, "the health of this account is exactly 0.95");
  const exact = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: debt } }]));
  equal(eventOf(exact.events[0], "liquidation").repaid, debt * 0.5, "health exactly 0.95: the close factor");
  const below = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 16500 / 0.9499 } }]));
  near(eventOf(below.events[0], "liquidation").repaid, 16500 / 0.9499, 1e-9, "full close below 0.95");
  const above = simulate(market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 16500 / 0.9501 } }]));
  near(eventOf(above.events[0], "liquidation").repaid, 16500 / 0.9501 / 2, 1e-9, "half above 0.95");
  // the same boundary with LT 0.95: 10 ETH at 1700 against 17,000 USDC is 16150/17000 = 0.95
  const lt95 = market(1700, [{ collateral: { ETH: 10 }, debt: { USDC: 17000 } }]);
  const [aave] = (lt95.protocols ?? []) as unknown as { markets: { ETH: { liquidationThreshold: number } } }[];
  aave.markets.ETH.liquidationThreshold = 0.95;
  equal(eventOf(simulate(lt95).events[0], "liquidation").repaid, 8500, "repays 8,500, not 17,000");
});

test("lending: bad debt in a debt asset other than the quote is valued at its price", () => {
  // 1000 USDC (LT 0.9) against 0.6 ETH at 2000: health 900/1200 = 0.75, full close; seizing
  // 0.6·2000·1.05 = 1260 USDC is more than the 1000 held, so it repays 1000/(1.05·2000) ETH and
  // the 0.6 − 0.47619… ETH left unbacked is bad debt: 247.62 USDC, not 0.124
  const s = market(2000, [{ collateral: { USDC: 1000 }, debt: { ETH: 0.6 } }]);
  ((s.protocols ?? [])[0] as { markets: object }).markets = {
    USDC: { liquidationThreshold: 0.9, liquidationBonus: 0.05 },
  };
  const { events, summary } = simulate(s);
  const e = eventOf(events[0], "liquidation");
  equal(e.seized, 1000, "all the collateral");
  near(e.repaid, 1000 / (1.05 * 2000), 1e-15, "repaid ETH");
  near(summary.badDebt, (0.6 - 1000 / (1.05 * 2000)) * 2000, 1e-9, "bad debt in USDC");
});

test("lending: debt exactly equal to the collateral's value is not insolvent at the start; a hair more is", () => {
  const at = simulate(market(2000, [{ collateral: { ETH: 1 }, debt: { USDC: 2000 } }]), { counterfactual: false });
  equal(at.summary.insolventAtStart, 0, "debt = collateral");
  const over = simulate(market(2000, [{ collateral: { ETH: 1 }, debt: { USDC: 2000.000001 } }]), {
    counterfactual: false,
  });
  equal(over.summary.insolventAtStart, 1, "debt > collateral");
});

test("lending: a liquidator without capital leaves the account to the next one that has some", () => {
  const s = market(2000, [{ collateral: { ETH: 10 }, debt: { USDC: 17000 } }], {
    liquidators: [
      { id: "a-broke", capital: 0, sellVenue: "pool" },
      { id: "b-rich", capital: 1e6, sellVenue: "pool" },
    ],
  });
  const { events } = simulate(s);
  equal(events.length, 1, "liquidated once");
  equal(events[0].agent, "b-rich", "by the liquidator with capital");
  equal(eventOf(events[0], "liquidation").repaid, 8500, "half the debt");
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

test("lending: ties of health among many accounts go in the order given, however many there are", () => {
  // 40 accounts of one health (the sort's partitioning part runs past 16), then 30 of a lower one
  // listed after them: the lower go first, each group in the order given
  const positions = [
    ...Array.from({ length: 40 }, () => ({ collateral: { ETH: 1 }, debt: { USDC: 1700 } })),
    ...Array.from({ length: 30 }, () => ({ collateral: { ETH: 1 }, debt: { USDC: 1720 } })),
  ];
  const { events } = simulate(market(2000, positions));
  const step0 = events.filter((e) => e.step === 0).map((e) => e.position);
  const want = [...Array.from({ length: 30 }, (_, k) => 40 + k), ...Array.from({ length: 40 }, (_, k) => k)];
  equal(step0.join(","), want.join(","), "order of step 0");
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
  equal(
    eventsOf(capped.events, "liquidation")
      .map((e) => e.repaid)
      .join(","),
    "850,150",
    "repaid",
  );
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
  const [first] = eventsOf(events, "liquidation");
  near(first.repaid, 18000, 1e-9, "repays the USDC debt in full");
  near(first.seized, (18000 * 1.05) / 2000, 1e-12, "with ETH at its bonus");
});

test("lending: positions from CSV equal the same positions as a list, in any column order, named by account", () => {
  const csv = [
    "protocol,account,collateralAsset,collateralAmount,debtAsset,debtAmount",
    "aave,0xa,ETH,10,USDC,17000",
    "aave,0xc,ETH,2,USDC,3000",
    'aave,"0xc",ETH,1,,',
  ].join("\n");
  // the same rows with the columns in another order and no protocol column
  const shuffled = [
    "debtAmount,account,collateralAmount,debtAsset,collateralAsset",
    "17000,0xa,10,USDC,ETH",
    "3000,0xc,2,USDC,ETH",
    ",0xc,1,,ETH",
  ].join("\n");
  const fromCsv = simulate(market(2000, { csv }));
  const fromShuffled = simulate(market(2000, { csv: shuffled }));
  const fromList = simulate(
    market(2000, [
      { account: "0xa", collateral: { ETH: 10 }, debt: { USDC: 17000 } },
      { account: "0xc", collateral: { ETH: 3 }, debt: { USDC: 3000 } },
    ]),
  );
  assert(fromList.events.length > 0, "liquidations");
  equal(JSON.stringify(fromCsv.events), JSON.stringify(fromList.events), "events");
  equal(JSON.stringify(fromShuffled.events), JSON.stringify(fromList.events), "events, columns shuffled");
  equal(fromCsv.events[0].account, "0xa", "named by the CSV's account");
});

test("lending: a CSV row of another protocol, a CSV without rows and a bad amount are errors naming the line", () => {
  const header = "protocol,account,collateralAsset,collateralAmount,debtAsset,debtAmount";
  const cases: [string, RegExp][] = [
    [
      `${header}\naave,0xa,ETH,10,USDC,17000\ncompound,0xb,ETH,1,USDC,1900`,
      /positions\.csv: line 3: protocol: expected "aave".*got "compound"/,
    ],
    [header, /positions\.csv: line 1: expected at least one row after the header, got none/],
    [`${header}\n\n`, /line 1: expected at least one row/],
    [
      `${header}\naave,0xa,ETH,-3,USDC,1`,
      /positions\.csv: line 2: collateralAmount: expected a number in \[0, 1e15\], got "-3"/,
    ],
    [
      "account,collateralAsset,collateralAmount,debtAsset\n0xa,ETH,1,USDC",
      /line 1: expected a header .* missing debtAmount/,
    ],
    [`${header}\naave,0xa,BTC,1,USDC,5`, /positions\.csv: account 0xa: no market for BTC/],
  ];
  for (const [csv, pattern] of cases) throws(() => simulate(market(2000, { csv })), ScenarioError, pattern, csv);
});

test("lending: a CSV's problems, each said exactly: missing columns, empty cells, unknown assets, and at most 50 of them", () => {
  const header = "account,collateralAsset,collateralAmount,debtAsset,debtAmount";
  const problems = (csv: string) => {
    try {
      simulate(market(2000, { csv }));
    } catch (err) {
      if (err instanceof ScenarioError) return err.issues.map((i) => `${i.path}: ${i.message}`);
      throw err;
    }
    throw new Error("expected a ScenarioError");
  };
  const at = "protocols[0].positions.csv";
  equal(
    problems("account,collateralAsset,debtAsset\n0xa,ETH,USDC").join("\n"),
    `${at}: line 1: expected a header with the columns ${header} (and optionally protocol), missing collateralAmount,debtAmount`,
    "missing columns",
  );
  equal(
    problems(`${header}\n,ETH,1,USDC,5\n0xb,,2,USDC,5\n0xc,ETH,1,SOL,5`).join("\n"),
    [
      `${at}: line 2: account: expected an account id, got nothing`,
      `${at}: line 3: collateralAsset: expected the asset of the amount 2, got nothing`,
      `protocols[0].positions.csv: account 0xc: unknown asset "SOL"`,
    ].join("\n"),
    "empty cells and an unknown asset",
  );
  // a wrong file has a problem on every line: 50 are listed, the rest counted
  const bad = Array.from({ length: 60 }, (_, k) => `0x${k},ETH,-1,USDC,5`);
  const many = problems([header, ...bad].join("\n"));
  equal(many.length, 51, "50 problems and a count of the rest");
  equal(many[49], `${at}: line 51: collateralAmount: expected a number in [0, 1e15], got "-1"`, "the 50th");
  equal(many[50], `${at}: line 61: … and 10 more problems`, "the count");
});

test("lending: 100,000 CSV rows load and run as the same positions listed", () => {
  const n = 100_000;
  const rows = ["account,collateralAsset,collateralAmount,debtAsset,debtAmount"];
  const listed = [];
  for (let i = 0; i < n; i++) {
    const coll = 1 + (i % 97) / 10;
    const debt = coll * 1500 * (1 + (i % 13) / 100);
    rows.push(`0x${i.toString(16)},ETH,${coll},USDC,${debt}`);
    listed.push({ account: `0x${i.toString(16)}`, collateral: { ETH: coll }, debt: { USDC: debt } });
  }
  const fromCsv = simulate(market(1800, { csv: rows.join("\n") }), { events: 0 });
  const fromList = simulate(market(1800, listed), { events: 0 });
  assert(fromCsv.summary.liquidations > 10_000, `liquidations ${fromCsv.summary.liquidations}`);
  equal(fromCsv.summary.liquidations, fromList.summary.liquidations, "liquidations");
  equal(fromCsv.summary.badDebt, fromList.summary.badDebt, "bad debt");
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

test("lending: an empty book and a NaN are refused before the core; steps up to the schema's limit run", () => {
  const s = market(2000, [{ collateral: { ETH: 1 }, debt: { USDC: 1000 } }]);
  const empty = {
    ...s,
    venues: [{ id: "book", type: "orderBook" as const, base: "ETH", quote: "USDC", tickSize: 0.01 }],
  };
  throws(() => simulate(empty), ScenarioError, /venues\[0\]: an order book needs a profile or a snapshot/);
  // the schema allows 10,000,000 steps and the run takes them: the timeline keeps one row per
  // `every` steps past 20 million values, and memory follows the steps run
  const short = simulate(s);
  const long = simulate({ ...s, steps: 10_000_000 });
  assert(long.timeline.every > 1, `one row per ${long.timeline.every} steps`);
  equal(long.summary.steps, short.summary.steps, "the same quiet stop");
  equal(long.summary.badDebt, short.summary.badDebt, "the same run");
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

// A volatile debt (CRV borrowed against USDC, Aave v2 on 22 Nov 2022): a liquidator with a
// buyVenue buys the CRV it repays on that venue, only up to the price at which the USDC it seizes
// pays for it, and its purchases push CRV up into the next liquidation.
function crvShort(buyVenue: boolean): Scenario {
  return {
    version: 1,
    name: "crv-short",
    steps: 60,
    assets: [
      { id: "CRV", price: 0.6 },
      { id: "USDC", price: 1 },
    ],
    venues: [{ id: "pool", type: "constantProduct", base: "CRV", quote: "USDC", reserveBase: 10e6, reserveQuote: 6e6 }],
    oracles: [{ id: "crv", type: "spot", source: "pool" }],
    protocols: [
      {
        id: "aave",
        type: "lending",
        oracles: { CRV: "crv" },
        markets: { USDC: { liquidationThreshold: 0.88, liquidationBonus: 0.045 } },
        closeFactor: 0.5,
        fullCloseBelowHealth: 0,
        positions: [{ account: "short", collateral: { USDC: 6.3e6 }, debt: { CRV: 10e6 } }],
      },
    ],
    liquidators: [{ id: "bots", capital: null, sellVenue: "pool", ...(buyVenue ? { buyVenue: "pool" } : {}) }],
    shock: [{ type: "path", asset: "CRV", prices: [0.6, 0.7], everySteps: 30, pull: 0.2 }],
  };
}

test("lending: a liquidator with a buyVenue buys the volatile debt it repays there, never above the price its seizure pays, and pushes it up", () => {
  const bought = simulate(crvShort(true), { events: 1000 });
  const atOracle = simulate(crvShort(false), { events: 1000 });
  const liquidations = bought.events.filter((e) => e.kind === "liquidation");
  const oracle = bought.timeline.oracles.crv;
  const pool = bought.timeline.venues.pool.price;
  assert(liquidations.length > atOracle.summary.liquidations, "smaller liquidations, more of them");
  for (const e of liquidations) {
    if (e.kind !== "liquidation") continue;
    // seized USDC = repaid CRV × the oracle's price × (1 + bonus) (or all the collateral left)
    assert(e.seized <= e.repaid * oracle[e.step] * 1.045 * (1 + 1e-12), `seized at ${e.step}`);
    assert(e.repaid < 5e6, `a purchase, not half the debt, at ${e.step}`);
  }
  assert(Math.max(...pool) > Math.max(...atOracle.timeline.venues.pool.price) + 0.05, "the purchases push CRV up");
  // with the debt bought into a rising market the position ends under water: bad debt in CRV
  assert(bought.summary.badDebt > 0 && atOracle.summary.badDebt === 0, `bad debt ${bought.summary.badDebt}`);
});
