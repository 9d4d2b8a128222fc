// The mitigations on the liquidators' sale path and the venues (assembly/engine/absorbers.ts,
// incentives.ts): an internal Dutch auction, an insurance fund and a backstop between the
// liquidators' sales and the venue, and liquidity incentives resting bids around the liquidation
// ladder's clusters. Each shown working on a scenario made to isolate it; the backstop's pricing
// checked against Compound III's own worked cases (fixtures/comet_liquidations.json, from
// compound-finance/comet's tests via shared/vectors/lending_liquidations.json).
import {
  type IncentiveSummary,
  type InsuranceSummary,
  liquidationLadder,
  type MitigationSpec,
  presets,
  type Scenario,
  ScenarioError,
  type SimulationResult,
  simulate,
} from "fracture";
import { ownCore } from "./core.ts";
import comet from "./fixtures/comet_liquidations.json" with { type: "json" };
import { assert, equal, near, relative, test, throws } from "./harness.ts";
import { eventsOf } from "./scenarios.ts";

/** A mitigation's summary, its figures by name. */
function figuresOf(r: SimulationResult, id: string): Record<string, unknown> {
  const m = r.summary.mitigations[id];
  assert(m !== undefined, `summary.mitigations.${id}`);
  return m as unknown as Record<string, unknown>;
}

/** A figure of a mitigation's summary, as a number. */
function figure(r: SimulationResult, id: string, name: string): number {
  const x = figuresOf(r, id)[name];
  assert(typeof x === "number", `${id}.${name} is a number`);
  return x;
}

/** Lending positions of `coll` ETH each whose liquidation prices (LT 0.825) are `prices`. */
function atPrices(prices: number[], coll: number) {
  return prices.map((p) => ({ collateral: { ETH: coll }, debt: { USDC: 0.825 * coll * p } }));
}

/**
 * ETH on one constant-product pool; the protocol's oracle reads ETH's outside price, which a crash
 * takes 10% down at step 3 without pulling the pool (pull 0): the pool moves only by what is sold
 * on it.
 */
function outsideCrash(
  positions: ReturnType<typeof atPrices>,
  mitigations: MitigationSpec[],
  reserveBase = 5000,
): Scenario {
  return {
    version: 1,
    name: "outside-crash",
    steps: 200,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "USDC", price: 1 },
    ],
    venues: [
      {
        id: "pool",
        type: "constantProduct",
        base: "ETH",
        quote: "USDC",
        reserveBase,
        reserveQuote: reserveBase * 2000,
      },
    ],
    oracles: [{ id: "eth", type: "spot", source: "ETH" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05 } },
        positions,
      },
    ],
    liquidators: [{ id: "bots", capital: null, sellVenue: "pool" }],
    shock: [{ type: "crash", asset: "ETH", fraction: 0.1, step: 3, pull: 0 }],
    mitigations,
  };
}

const CRASHED = atPrices(
  Array.from({ length: 20 }, (_, i) => 1950 - 10 * i),
  50,
);

test("mitigations_sale: an internal auction puts nothing on the venue when liquidating; its bidders' inventory is sold by the end of its horizon", () => {
  const auction: MitigationSpec = {
    type: "internalAuction",
    capital: 1e8,
    discount: 0.03,
    floor: 0.9,
    auctionSteps: 10,
    unwindSteps: 20,
  };
  const base = simulate(outsideCrash(CRASHED, []));
  const r = simulate(outsideCrash(CRASHED, [auction]), { events: 10_000 });
  const pool = r.timeline.venues.pool.price;
  const liquidated = eventsOf(r.events, "liquidation");
  assert(liquidated.length > 0 && liquidated[0].step === 3, "liquidations from the crash's step");
  // without it the liquidation step's sales move the pool; with it nothing trades there until the
  // bidders' discount is reached: price 1800·(1 - 0.01k) ≤ 0.97·1800 at k = 3, so lots kicked at
  // step 3 are won at step 6 and their first slice sold at step 7
  const before = base.timeline.venues.pool.price;
  assert(before[3] < before[2], `without it the pool falls in the liquidation step (${before[2]} → ${before[3]})`);
  for (let t = 3; t <= 6; t++) equal(pool[t], pool[2], `pool price at step ${t}`);
  assert(pool[7] < pool[6], "the first slice is sold the step after the lots are won");
  // every lot won, everything won sold by its last schedule's end
  const absorbed = figure(r, "internalAuction", "absorbed");
  equal(figure(r, "internalAuction", "auctionsWon"), figure(r, "internalAuction", "auctions"), "lots won");
  equal(figure(r, "internalAuction", "auctions"), liquidated.length, "a lot per liquidation");
  near(
    absorbed,
    liquidated.reduce((s, e) => s + (e.seized - e.fee), 0),
    1e-9 * absorbed,
    "lots: the collateral seized",
  );
  near(figure(r, "internalAuction", "unwound"), absorbed, 1e-9 * absorbed, "unwound");
  equal(figure(r, "internalAuction", "inventoryLeft"), 0, "inventory left");
  const lastWon = figure(r, "internalAuction", "lastIntakeStep");
  equal(figure(r, "internalAuction", "lastSaleStep"), lastWon + 20, "the last slice at the end of the last horizon");
  for (let t = lastWon + 21; t < pool.length; t++) equal(pool[t], pool[lastWon + 20], `nothing sold after (step ${t})`);
  // the bidders paid the curve's price at 3% or more under the oracle: their discount earned
  const paid = figure(r, "internalAuction", "absorbedValue");
  assert(paid <= 0.97 * 1800 * absorbed * (1 + 1e-12), `paid ${paid} for ${absorbed} ETH`);
  near(figure(r, "internalAuction", "discountEarned"), 1800 * absorbed - paid, 1e-6 * paid, "discount earned");
  equal(figure(r, "internalAuction", "capitalCommitted"), 1e8, "capital committed");
  assert(figure(r, "internalAuction", "peakExposure") <= 1e8, "within its capital");
});

test("mitigations_sale: an internal auction out of capital leaves the rest to the market sale", () => {
  const r = simulate(
    outsideCrash(CRASHED, [{ type: "internalAuction", capital: 200_000, auctionSteps: 10, unwindSteps: 20 }]),
  );
  const passed = figure(r, "internalAuction", "passedOn");
  assert(passed > 0, "collateral past its capital went to the pool");
  assert(
    r.timeline.venues.pool.price[3] < r.timeline.venues.pool.price[2],
    "the pool takes it in the liquidation step",
  );
  assert(figure(r, "internalAuction", "peakExposure") <= 200_000 * (1 + 1e-12), "within its capital");
});

/** A thin pool its oracle reads, big positions crowded above the price, a 5% fall pulled in slowly. */
function thinPool(mitigations: MitigationSpec[]): Scenario {
  return {
    version: 1,
    name: "thin-pool",
    steps: 400,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "USDC", price: 1 },
    ],
    venues: [{ id: "pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 2000, reserveQuote: 4e6 }],
    oracles: [{ id: "eth", type: "spot", source: "pool" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05 } },
        positions: atPrices(
          Array.from({ length: 40 }, (_, i) => 1960 - 10 * i),
          100,
        ),
      },
    ],
    liquidators: [{ id: "bots", capital: null, sellVenue: "pool" }],
    shock: [{ type: "drop", asset: "ETH", fraction: 0.05, steps: 5, pull: 0.1 }],
    mitigations,
  };
}

test("mitigations_sale: an insurance fund stays within its capacity, and on a thin venue it cuts bad debt and slippage", () => {
  const base = simulate(thinPool([])).summary;
  assert(base.badDebt > 0, `the cascade leaves bad debt without it (${base.badDebt})`);
  const r = simulate(thinPool([{ type: "insurance", capacity: 20e6, discount: 0.02, unwindSteps: 200 }]));
  const x = r.summary;
  assert(x.badDebt < base.badDebt, `bad debt ${x.badDebt} < ${base.badDebt}`);
  assert(x.slippagePaid < base.slippagePaid, `slippage ${x.slippagePaid} < ${base.slippagePaid}`);
  const absorbed = figure(r, "insurance", "absorbed");
  assert(absorbed > 0, "it took liquidation flow");
  near(figure(r, "insurance", "unwound"), absorbed, 1e-9 * absorbed, "unwound");
  equal(figure(r, "insurance", "inventoryLeft"), 0, "inventory left");
  // it paid its bid: 2% under the oracle's price, so its discount is 2% of the flow's value
  const paid = figure(r, "insurance", "absorbedValue");
  near(figure(r, "insurance", "discountEarned"), (paid / 0.98) * 0.02, 1e-9 * paid, "discount earned");
  // a fund too small for the flow: full, never past its capacity, the rest to the venue
  const small = simulate(thinPool([{ type: "insurance", capacity: 2e6, unwindSteps: 200 }]));
  const peak = figure(small, "insurance", "peakExposure");
  assert(peak <= 2e6 * (1 + 1e-12) && peak > 0.99 * 2e6, `peak exposure ${peak} at its capacity`);
  assert(figure(small, "insurance", "passedOn") > 0, "the flow past its capacity went to the venue");
  equal(figure(small, "insurance", "capitalCommitted"), 2e6, "capital committed");
});

test("mitigations_sale: the backstop's prices are Compound III's (absorb at liquidationFactor, buyCollateral's storefront)", async () => {
  const e = (await ownCore()).exports;
  const wad = (x: string) => Number(x) / 1e18;
  // quoteCollateral: collateral = baseAmount·basePrice / storefront price (USDC: 6 decimals, price 1)
  for (const c of comet.quoteCollateral_cases) {
    const x = c.inputs as Record<string, string | number>;
    if (x.storeFrontPriceFactor === undefined) continue;
    const store = e.backstopStorefront(
      Number(x.COMP_price_usd),
      wad(String(x.liquidationFactor)),
      wad(String(x.storeFrontPriceFactor)),
    );
    const got = Number(x.baseAmount) / 1e6 / store;
    const want = Number(c.expected_collateral_wei) / 1e18;
    assert(relative(got, want) <= 1e-15, `${c.note}: ${got} COMP, want ${want}`);
  }
  // buyCollateral below target reserves: 50 USDC buys 55.5… COMP at 1 with liquidationFactor 0.8, storeFront 0.5
  const buy = comet.buyCollateral_cases[0];
  const got = 50 / e.backstopStorefront(1, 0.8, 0.5);
  assert(relative(got, Number(buy.expected.COMP_received_wei) / 1e18) <= 1e-15, `${buy.id}: ${got}`);
  // absorb: the account is credited Σ collateral·price·liquidationFactor (the test's factor 1):
  // 175 + 3,000 + 41,000 = 44,175 USDC against a debt of 44,174.999999, leaving 1e-6 USDC
  const absorb = comet.absorb_cases[0];
  const credited = [175, 3000, 41000].reduce((s, p) => s + 1 * p * 1.0, 0);
  near(credited - 44_174.999999, Number(absorb.expected.user_base_balance_after) / 1e6, 1e-9, "balance after absorb");
  // in a run: what the backstop pays is the oracle value times its liquidationFactor
  const r = simulate(
    outsideCrash(CRASHED, [{ type: "backstop", minOrder: 0, liquidationFactor: 0.8, storeFrontPriceFactor: 0.5 }]),
  );
  const absorbed = figure(r, "backstop", "absorbed");
  assert(absorbed > 0, "it absorbed");
  near(figure(r, "backstop", "absorbedValue"), absorbed * 1800 * 0.8, 1e-9 * absorbed * 1800, "paid at 0.8 of 1800");
  near(figure(r, "backstop", "discountEarned"), absorbed * 1800 * 0.2, 1e-9 * absorbed * 1800, "discount");
});

test("mitigations_sale: a backstop unwinds all it took by the end of its horizon; orders under its threshold still reach the venue", () => {
  // positions of 50 ETH (orders of 26-50 ETH, 47,000 USDC or more at 1,800) and of 2 ETH (at most 3,600 USDC)
  const mixed = [...CRASHED, ...atPrices([1945, 1935, 1925, 1915], 2)];
  const backstop: MitigationSpec = { type: "backstop", minOrder: 10_000, unwindSteps: 30 };
  // a pool deep enough that its slices stay above the storefront price (1,755 here): 20,000 ETH
  const r = simulate(outsideCrash(mixed, [backstop], 20_000), { events: 10_000 });
  const absorbed = figure(r, "backstop", "absorbed");
  const small = eventsOf(r.events, "liquidation").filter((e) => (e.seized - e.fee) * 1800 < 10_000);
  assert(small.length > 0 && absorbed > 0, "both kinds of orders");
  near(
    figure(r, "backstop", "belowMinOrder"),
    small.reduce((s, e) => s + (e.seized - e.fee), 0),
    1e-9,
    "small orders passed",
  );
  near(figure(r, "backstop", "unwound"), absorbed, 1e-9 * absorbed, "unwound");
  equal(figure(r, "backstop", "inventoryLeft"), 0, "inventory left");
  equal(
    figure(r, "backstop", "lastSaleStep"),
    figure(r, "backstop", "lastIntakeStep") + 30,
    "by the end of its horizon",
  );
  // the slices never went below the storefront price: 1800·(1 − 0.5·0.05)
  const pool = r.timeline.venues.pool.price;
  for (let t = 4; t < pool.length; t++) assert(pool[t] >= 1755 * (1 - 1e-12), `pool ${pool[t]} at step ${t}`);
  // with only orders under the threshold, the backstop takes nothing: the run is the one without it
  const smallOnly = atPrices([1945, 1935, 1925, 1915], 2);
  const alone = simulate(outsideCrash(smallOnly, [backstop], 20_000));
  const without = simulate(outsideCrash(smallOnly, [], 20_000));
  equal(figure(alone, "backstop", "absorbed"), 0, "absorbed");
  assert(figure(alone, "backstop", "belowMinOrder") > 0, "the orders reached it, under its threshold");
  equal(alone.timeline.venues.pool.price.join(), without.timeline.venues.pool.price.join(), "the pool's prices");
  equal(alone.summary.slippagePaid, without.summary.slippagePaid, "slippage");
});

/** An order book (2 ETH per 1-bp level over 20%) and a lending market whose ladder has two clusters. */
function bookMarket(mitigations: MitigationSpec[], shock: Scenario["shock"] = []): Scenario {
  return {
    version: 1,
    name: "book-clusters",
    steps: 50,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "USDC", price: 1 },
    ],
    venues: [
      {
        id: "book",
        type: "orderBook",
        base: "ETH",
        quote: "USDC",
        tickSize: 0.01,
        lotSize: 0.001,
        profile: { spreadBps: 2, levels: 2000, levelBps: 1, qtyPerLevel: 2 },
      },
    ],
    oracles: [{ id: "eth", type: "spot", source: "book" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05 } },
        // 300 ETH liquidatable from 1,945 (the ladder's level 1,940), 200 from 1,705 (level 1,700), 50 from 1,503
        positions: atPrices([1945, 1945, 1945, 1705, 1705, 1503], 100).map((p, i) =>
          i === 5 ? { collateral: { ETH: 50 }, debt: { USDC: 0.825 * 50 * 1503 } } : p,
        ),
      },
    ],
    liquidators: [{ id: "bots", capital: null, sellVenue: "book" }],
    shock,
    mitigations,
  };
}

test("mitigations_sale: liquidity incentives rest their depth at the ladder's clusters, and cost the budget they spend", () => {
  const incentive: MitigationSpec = {
    type: "liquidityIncentive",
    budget: 100_000,
    costPerUnit: 20,
    bandBps: 100,
    clusters: 2,
  };
  const r = simulate(bookMarket([incentive]));
  const m = r.summary.mitigations.liquidityIncentive as IncentiveSummary;
  // the clusters: the two levels of the static ladder holding the most collateral
  const ladder = liquidationLadder(bookMarket([]));
  const levels = Array.from(ladder.collateral.keys())
    .sort((a, b) => ladder.collateral[b] - ladder.collateral[a])
    .slice(0, 2)
    .sort((a, b) => a - b);
  equal(m.clusterPrices.join(), levels.map((k) => ladder.prices[k]).join(), "cluster prices");
  equal(m.clusterPrices.join(), "1940,1700", "the levels the positions make");
  equal(m.clusterCollateral.join(), "300,200", "their collateral");
  // the budget buys budget / costPerUnit = 5,000 ETH, split 3:2 by collateral, in whole lots
  const depth = figure(r, "liquidityIncentive", "depthAdded");
  near(depth, 5000, 2 * 64 * 0.001, "depth added");
  const split = m.clusterDepth;
  near(split[0], 3000, 64 * 0.001, "first cluster");
  near(split[1], 2000, 64 * 0.001, "second cluster");
  const paid = figure(r, "liquidityIncentive", "incentivesPaid");
  equal(paid, depth * 20, "paid: the depth at its cost");
  assert(paid <= 100_000 && paid > 100_000 - 2 * 64 * 0.001 * 20, `the budget spent (${paid})`);
  equal(figure(r, "liquidityIncentive", "capitalCommitted"), 0, "capital committed");
  // where the depth is: the first band, 1,920.6-1,959.4, lies between 1% and 5% under the price; the
  // second, 1,683-1,717, farther. So the bids within 5% grow by the first band's depth, within 1% not at all
  const without = simulate(bookMarket([])).timeline.venues.book;
  const withIt = r.timeline.venues.book;
  near(withIt.depth5[0] - without.depth5[0], split[0], 1e-6, "depth within 5%");
  equal(withIt.depth1[0], without.depth1[0], "depth within 1%");
  equal(figure(r, "liquidityIncentive", "depthFilled"), 0, "nothing traded into it");
  // in action: a 3,000 ETH sale eats the makers' ~800 ETH of bids down to the first band, then
  // stops inside it: part of the first band's bids filled, none of the second's
  const sale = [{ type: "sell" as const, venue: "book", qty: 3000, step: 0 }];
  const falls = simulate(bookMarket([], sale)).summary.drawdowns.ETH.venues.book.realized;
  const held = simulate(bookMarket([incentive], sale));
  const filled = figure(held, "liquidityIncentive", "depthFilled");
  assert(filled > 2000 && filled < split[0], `filled ${filled} of the first band's ${split[0]}`);
  const fell = held.summary.drawdowns.ETH.venues.book.realized;
  assert(fell < falls, `the book fell ${fell}, ${falls} without it`);
});

test("mitigations_sale: liquidity incentives do not apply on a market without an order book", () => {
  const r = simulate(thinPool([{ type: "liquidityIncentive", budget: 1e6 }]));
  const base = simulate(thinPool([]));
  equal(figure(r, "liquidityIncentive", "books"), 0, "books");
  equal(figure(r, "liquidityIncentive", "incentivesPaid"), 0, "spent");
  equal(figure(r, "liquidityIncentive", "depthAdded"), 0, "depth");
  equal(r.summary.badDebt, base.summary.badDebt, "the run is the one without it");
});

test("mitigations_sale: ids default to the type and are unique; absorbers take a sale in the order of their ids, whatever the listing order", () => {
  const two = (order: MitigationSpec[]) => simulate(thinPool(order)).summary;
  const a: MitigationSpec = { id: "a-fund", type: "insurance", capacity: 1e6, unwindSteps: 50 };
  const b: MitigationSpec = { id: "b-fund", type: "insurance", capacity: 1e6, discount: 0.01, unwindSteps: 50 };
  const one = two([a, b]);
  const other = two([b, a]);
  equal(JSON.stringify(one), JSON.stringify(other), "summary");
  const funds = one.mitigations as Record<string, InsuranceSummary>;
  assert(funds["a-fund"].absorbed > 0 && funds["b-fund"].absorbed > 0, "both took flow");
  for (const m of Object.values(one.mitigations)) {
    const x = m as unknown as Record<string, unknown>;
    for (const k of ["capitalCommitted", "incentivesPaid", "lostBorrowingPower"])
      assert(typeof x[k] === "number", `${m.type}.${k}`);
    equal(m.lostBorrowingPower, 0, `${m.type}: lostBorrowingPower`);
  }
  equal(Object.keys(two([{ type: "none" }]).mitigations).join(), "none", "a mitigation's id is its type by default");
  throws(
    () => simulate(thinPool([{ type: "insurance" }, { type: "insurance" }])),
    ScenarioError,
    /mitigations\[1\]: duplicate id "insurance"/,
  );
  throws(
    () => simulate(thinPool([{ type: "backstop", protocols: ["nope"], oracle: "none" }])),
    ScenarioError,
    /mitigations\[0\]\.oracle: unknown oracle "none"[\s\S]*mitigations\[0\]\.protocols\[0\]: unknown protocol "nope"/,
  );
});

test("mitigations_sale: the thin-market presets, with and without their mechanism", () => {
  const base = simulate({ ...presets.thinMarketInsurance, mitigations: [] }).summary;
  assert(base.badDebt > 1e6, `the thin market's cascade leaves bad debt (${base.badDebt})`);
  for (const name of [
    "thinMarketAuction",
    "thinMarketInsurance",
    "thinMarketBackstop",
    "thinMarketIncentive",
  ] as const) {
    const x = simulate(presets[name]).summary;
    assert(x.badDebt < base.badDebt, `${name}: bad debt ${x.badDebt} < ${base.badDebt}`);
    equal(Object.keys(x.mitigations).length, 1, `${name}: one mitigation`);
  }
});
