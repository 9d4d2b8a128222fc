// Mitigations on protocols' own rules, in the step loop: a circuit breaker (its trip at the exact
// boundary and its window, the bonus and TWAP while tripped, caps never exceeded, ClipperMom's pause
// and its resumption), a segmentation (an untouched basket is never liquidated, sub-accounts start
// at their account's health, the lost borrowing power by its definition) and a dynamic margin
// (thresholds follow realized volatility on their schedule, and liquidate earlier), the summary's
// contract, the scenario checks, and the presets that show each.
import { presets, type Scenario, ScenarioError, simulate, validateScenario } from "fracture";
import { assert, equal, near, relative, test, throws } from "./harness.ts";
import { eventsOf, mitigationOf, protocolOf } from "./scenarios.ts";

type Mitigations = NonNullable<Scenario["mitigations"]>;

/** The next double above x (x > 0). */
function nextUp(x: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigUint64(0, v.getBigUint64(0) + 1n);
  return v.getFloat64(0);
}

/** Indices where a series is above 0. */
const on = (xs: Float64Array) => Array.from(xs.keys()).filter((i) => xs[i] > 0);

/**
 * ETH on its exogenous price (a path, pull 0: the pool does not move the oracle), one lending
 * protocol (LT 0.8, bonus 5%) with the given positions, a keeper selling on the pool.
 */
function lending(prices: number[], positions: unknown[], mitigations: Mitigations, steps = 60): Scenario {
  return {
    version: 1,
    name: "rules",
    steps,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "USDC", price: 1 },
    ],
    venues: [{ id: "pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1e5, reserveQuote: 2e8 }],
    oracles: [{ id: "eth", type: "spot", source: "ETH" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        positions: positions as { collateral: Record<string, number>; debt: Record<string, number> }[],
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool" }],
    shock: [{ type: "path", asset: "ETH", prices, pull: 0 }],
    mitigations,
  };
}

const far = [{ collateral: { ETH: 10 }, debt: { USDC: 1000 } }];

test("mitigations: a circuit breaker trips at its threshold and not a hair before, and holds holdSteps", () => {
  const breaker = { type: "circuitBreaker" as const, windowSteps: 10, holdSteps: 3, tripBps: 1000 };
  const boundary = 2000 * (1 - 1000 / 1e4); // peak × (1 − tripBps/10,000), as the core computes it
  const at = simulate(lending([2000, 1950, boundary, 1900, 1950, 2000], far, [breaker]));
  const tripped = at.timeline.mitigations.circuitBreaker.tripped;
  // the fall crosses at step 2 only; tripped from there for holdSteps = 3
  equal(Array.from(tripped).join(), "0,0,1,1,1,0", "tripped per step");
  const b = mitigationOf(at.summary, "circuitBreaker", "circuitBreaker");
  equal(b.trips, 1, "trips");
  equal(b.trippedSteps, 3, "tripped steps");
  const above = simulate(lending([2000, 1950, nextUp(boundary), 1900, 1950, 2000], far, [breaker]));
  equal(on(above.timeline.mitigations.circuitBreaker.tripped).length, 0, "one ulp above the boundary: never");
  equal(mitigationOf(above.summary, "circuitBreaker", "circuitBreaker").trips, 0, "no trip");
  // the fall is measured within the window: 2000 → 1790 in steps of 10 trips over 25 steps (at
  // 1800, step 20), never over 10 (at most 4.5% within any 10 steps)
  const slide = Array.from({ length: 22 }, (_, k) => 2000 - 10 * k);
  const wide = simulate(lending(slide, far, [{ ...breaker, windowSteps: 25 }]));
  equal(on(wide.timeline.mitigations.circuitBreaker.tripped)[0], 20, "first tripped step, window 25");
  const narrow = simulate(lending(slide, far, [breaker]));
  equal(mitigationOf(narrow.summary, "circuitBreaker", "circuitBreaker").trips, 0, "window 10");
});

test("mitigations: while tripped the bonus is scaled and collateral is valued at the TWAP", () => {
  // 10 ETH against 15,000 USDC at LT 0.8: liquidatable below 1,875; ETH steps to 1,800 at step 2
  const one = [{ collateral: { ETH: 10 }, debt: { USDC: 15_000 } }];
  const path = [2000, 2000, 1800];
  const plain = eventsOf(simulate(lending(path, one, [])).events, "liquidation")[0];
  equal(plain.step, 2, "without a breaker: at the fall");
  near(plain.seized, (7500 * 1.05) / 1800, 1e-12, "seized at the full bonus");
  // the fall is exactly 10%: the breaker trips at step 2 and halves the bonus of that liquidation
  const halved = simulate(lending(path, one, [{ type: "circuitBreaker", bonusFactor: 0.5 }]));
  const h = eventsOf(halved.events, "liquidation")[0];
  equal(h.step, 2, "tripped: at the fall");
  near(h.repaid, 7500, 1e-9, "half the debt (health 0.96)");
  near(h.seized, (7500 * (1 + 0.05 * 0.5)) / 1800, 1e-12, "seized at half the bonus");
  near(
    mitigationOf(halved.summary, "circuitBreaker", "circuitBreaker").bonusWithheld,
    7500 * 0.05 * 0.5,
    1e-9,
    "the bonus withheld from the liquidator",
  );
  // the penalty ramp: over 4 steps of the trip, the multiplier falls 0.875, 0.75, 0.625, 0.5; a
  // second account (health 1.029 at 1,800) is called at 1,700, the trip's third step
  const two = [...one, { collateral: { ETH: 10 }, debt: { USDC: 14_000 } }];
  const ramp = eventsOf(
    simulate(lending([...path, 1800, 1700], two, [{ type: "circuitBreaker", bonusFactor: 0.5, rampSteps: 4 }])).events,
    "liquidation",
  );
  equal(ramp.map((e) => e.step).join(), "2,4", "liquidated at the trip's first and third steps");
  near(ramp[0].seized, (7500 * (1 + 0.05 * 0.875)) / 1800, 1e-12, "first step: 1 − 0.5·1/4");
  near(ramp[1].seized, (ramp[1].repaid * (1 + 0.05 * 0.625)) / 1700, 1e-12, "third step: 1 − 0.5·3/4");
  // with a 5-step TWAP the collateral is worth 1,960, 1,920, 1,880, then 1,840 (health 0.981) at step 5
  const twap = simulate(lending(path, one, [{ type: "circuitBreaker", bonusFactor: 1, twapSteps: 5 }]));
  const t = eventsOf(twap.events, "liquidation")[0];
  equal(t.step, 5, "liquidated once the TWAP falls below 1,875");
  near(t.seized, (7500 * 1.05) / 1840, 1e-12, "seized at the TWAP");
});

test("mitigations: a circuit breaker trips on the liquidations' slippage over its window, from the step after", () => {
  // one liquidation at step 2 sells its seized ETH into the pool (at 2,000: nothing traded before)
  const one = [{ collateral: { ETH: 10 }, debt: { USDC: 15_000 } }];
  const path = [2000, 2000, 1800];
  const plain = simulate(lending(path, one, []), { events: 100 });
  const sale = eventsOf(plain.events, "liquidation")[0];
  equal(sale.step, 2, "the sale's step");
  const slippage = plain.summary.slippagePaid;
  const share = slippage / ((sale.seized - sale.fee) * 2000); // slippage / what was sold, at the price before
  assert(share > 0 && share < 0.01, `share ${share}`);
  const breaker = (bps: number) => [
    { type: "circuitBreaker" as const, tripBps: 10_000, slippageBps: bps, windowSteps: 2, holdSteps: 3 },
  ];
  const at = simulate(lending(path, one, breaker(share * 1e4 * (1 - 1e-9))));
  // this step's sales come after the trip's check: tripped from step 3, renewed at 4 (the sale is
  // still in the window), then holdSteps from there
  equal(Array.from(at.timeline.mitigations.circuitBreaker.tripped).slice(0, 8).join(), "0,0,0,1,1,1,1,0", "tripped");
  equal(mitigationOf(at.summary, "circuitBreaker", "circuitBreaker").trips, 1, "one trip");
  const above = simulate(lending(path, one, breaker(share * 1e4 * (1 + 1e-9))));
  equal(mitigationOf(above.summary, "circuitBreaker", "circuitBreaker").trips, 0, "a hair above the slippage: none");
  // with holdSteps 1, tripped exactly while the sale is in the window
  const renewed = simulate(lending(path, one, [{ ...breaker(share * 1e4 * (1 - 1e-9))[0], holdSteps: 1 }]));
  equal(on(renewed.timeline.mitigations.circuitBreaker.tripped).join(), "3,4", "seen while in the window");
});

test("mitigations: a circuit breaker's caps are never exceeded, per step nor per window (lending and cdp)", () => {
  // 50 accounts at health 0.96 once ETH is 1,500: 312,500 USDC to repay at once without caps
  const many = Array.from({ length: 50 }, (_, i) => ({ collateral: { ETH: 10 }, debt: { USDC: 12_500 + i } }));
  const caps = { type: "circuitBreaker" as const, maxPerStep: 20_000, maxPerWindow: 50_000, windowSteps: 5 };
  const capped = simulate(lending([2000, 1500], many, [caps], 400));
  const notional = capped.timeline.protocols.lend.liquidatedNotional;
  const window = (xs: Float64Array, k: number, n: number) =>
    xs.slice(Math.max(0, k - n + 1), k + 1).reduce((a, b) => a + b, 0);
  for (let k = 0; k < notional.length; k++) {
    assert(notional[k] <= 20_000 * (1 + 1e-12), `step ${k}: ${notional[k]} over maxPerStep`);
    assert(window(notional, k, 5) <= 50_000 * (1 + 1e-12), `window to ${k}: ${window(notional, k, 5)}`);
  }
  const b = mitigationOf(capped.summary, "circuitBreaker", "circuitBreaker");
  const held = capped.timeline.mitigations.circuitBreaker.capped;
  assert(b.capped > 0 && b.cappedSteps > 0, "the caps held liquidations back");
  equal(b.capped, Math.max(...held), "capped: the most held back in one step");
  equal(on(held).length, b.cappedSteps, "capped steps");
  const waiting = capped.timeline.protocols.lend.waiting;
  equal(waiting[waiting.length - 1], 0, "every account liquidated in the end");
  const free = simulate(lending([2000, 1500], many, [], 400));
  assert(free.timeline.protocols.lend.liquidatedNotional[1] > 300_000, "without caps, all at once");

  // a Maker system: 20 vaults unsafe after a 55% crash, barked under 50,000 DAI a step and 120,000 over 10
  const maker = cdp(0.55, [
    { type: "circuitBreaker", bonusFactor: 1, maxPerStep: 50_000, maxPerWindow: 120_000, windowSteps: 10 },
  ]);
  const due = simulate(maker).timeline.protocols.maker.liquidatedNotional;
  for (let k = 0; k < due.length; k++) {
    assert(due[k] <= 50_000 * (1 + 1e-9), `cdp step ${k}: ${due[k]}`);
    assert(window(due, k, 10) <= 120_000 * (1 + 1e-9), `cdp window to ${k}: ${window(due, k, 10)}`);
  }
  const total = due.reduce((a, x) => a + x, 0);
  near(total, simulate(cdp(0.55, [])).summary.liquidatedNotional, 1e-6, "the same debt barked, later");
});

/** A Maker system on an OSM with 10 steps of latency reading ETH, whose outside market crashes at step 5 and recovers over 60. */
function cdp(fraction: number, mitigations: Mitigations): Scenario {
  return {
    version: 1,
    name: "rules-cdp",
    steps: 300,
    assets: [
      { id: "ETH", price: 2000 },
      { id: "DAI", price: 1 },
    ],
    venues: [{ id: "pool", type: "constantProduct", base: "ETH", quote: "DAI", reserveBase: 1e5, reserveQuote: 2e8 }],
    oracles: [{ id: "osm", type: "spot", source: "ETH", latencySteps: 10 }],
    protocols: [
      {
        id: "maker",
        type: "cdp",
        debt: "DAI",
        collateral: "ETH",
        oracle: "osm",
        liquidationRatio: 1.5,
        auction: { buf: 1.2, curve: { type: "linear", tau: 3600 }, tail: 3600, cusp: 0.4 },
        vaults: Array.from({ length: 20 }, (_, i) => ({ ink: 10, art: (10 * 2000) / (1.55 + i * 0.05) })),
      },
    ],
    liquidators: [{ id: "keeper", capital: null, sellVenue: "pool" }],
    shock: [{ type: "crash", asset: "ETH", fraction, step: 5, recoverSteps: 60 }],
    mitigations,
  };
}

test("mitigations: ClipperMom's pause stops a cdp's barks while the OSM's next price is over 50% below, then they resume", () => {
  const pause = [{ type: "circuitBreaker" as const, bonusFactor: 1, pauseDropBps: 5000, pauseSteps: 40 }];
  const barks = (s: Scenario) => eventsOf(simulate(s, { events: 10_000 }).events, "bark").map((e) => e.step);
  equal(barks(cdp(0.55, []))[0], 15, "without the pause: when the OSM publishes the crash");
  const run = simulate(cdp(0.55, pause), { events: 10_000 });
  // the OSM's newest observation is under half its published price from step 5 (900 < 1,000) to
  // step 10 (991.7; at 11 the recovery passes 1,000): paused from 5 through 10 + 40 − 1
  const paused = on(run.timeline.mitigations.circuitBreaker.paused);
  equal(paused[0], 5, "paused from the crash");
  equal(paused[paused.length - 1], 49, "until pauseSteps after the last step it held");
  equal(paused.length, 45, "without a gap");
  const steps = eventsOf(run.events, "bark").map((e) => e.step);
  assert(steps.length > 0, "auctions resume");
  equal(Math.min(...steps), 50, "the first bark: the first step after the pause");
  const b = mitigationOf(run.summary, "circuitBreaker", "circuitBreaker");
  equal(b.pauses, 1, "one pause");
  equal(b.pausedSteps, 45, "paused steps");
  // strict, as ClipperMom's nxt < cur·tolerance: exactly half does not pause, a hair more does
  const pauses = (f: number) =>
    mitigationOf(simulate(cdp(f, pause)).summary, "circuitBreaker", "circuitBreaker").pauses;
  equal(pauses(0.5), 0, "a fall of exactly 50%");
  equal(pauses(0.5 + 1e-9), 1, "a hair more");
});

/** ETH (pool) and WBTC (no venue) on their own prices; LT 0.8 and 0.75; WBTC's outside price falls 40% over 10 steps. */
function baskets(positions: unknown[], mitigations: Mitigations, shock?: Scenario["shock"]): Scenario {
  return {
    version: 1,
    name: "rules-baskets",
    steps: 40,
    assets: [
      { id: "ETH", price: 2000 },
      { id: "WBTC", price: 30_000 },
      { id: "USDC", price: 1 },
    ],
    venues: [{ id: "pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1e5, reserveQuote: 2e8 }],
    oracles: [
      { id: "eth", type: "spot", source: "ETH" },
      { id: "btc", type: "spot", source: "WBTC" },
    ],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth", WBTC: "btc" },
        markets: {
          ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 },
          WBTC: { liquidationThreshold: 0.75, liquidationBonus: 0.1 },
        },
        positions: positions as { collateral: Record<string, number>; debt: Record<string, number> }[],
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool" }],
    shock: shock ?? [{ type: "drop", asset: "WBTC", fraction: 0.4, steps: 10 }],
    mitigations,
  };
}

const segment: Mitigations = [{ type: "segmentation", protocol: "lend", baskets: [["ETH"], ["WBTC"]] }];

test("mitigations: segmented, a basket whose prices do not move is never liquidated", () => {
  const accounts = [
    { account: "mixed", collateral: { ETH: 10, WBTC: 1 }, debt: { USDC: 30_000 } }, // health 1.283
    { account: "btc-heavy", collateral: { ETH: 1, WBTC: 2 }, debt: { USDC: 40_000 } }, // 1.165
    { account: "eth", collateral: { ETH: 10 }, debt: { USDC: 12_000 } },
  ];
  const seized = (events: ReturnType<typeof simulate>["events"]) =>
    eventsOf(events, "liquidation").reduce((a, e) => a + e.seized - e.fee, 0);
  // pooled, the keeper seizes the mixed account's largest collateral — ETH — and sells it
  const pooled = simulate(baskets(accounts, []), { events: 1000 });
  assert(
    pooled.summary.liquidators.bot.held < seized(pooled.events) - 1,
    "pooled: some of what was seized is ETH, sold",
  );
  const run = simulate(baskets(accounts, segment), { events: 1000 });
  const s = mitigationOf(run.summary, "segmentation", "segmentation");
  equal(s.splitAccounts, 2, "accounts split (the ETH-only one is not)");
  const by = s.liquidationsByBasket;
  equal(by.ETH, 0, "ETH sub-accounts liquidated");
  assert(by.WBTC > 0, "WBTC sub-accounts liquidated");
  equal(by.WBTC, run.summary.liquidations, "every liquidation is a WBTC sub-account's");
  // everything seized is WBTC: the keeper's venue trades ETH, so it holds all of it
  near(run.summary.liquidators.bot.held, seized(run.events), 1e-9, "WBTC held = seized");
  assert(
    run.timeline.venues.pool.price.every((p) => p === 2000),
    "the ETH pool never traded",
  );
});

test("mitigations: sub-accounts start at their account's health; lostBorrowingPower is the ETH basket's idle power", () => {
  // health exactly 1.05: both assets falling 10% together make the account and each sub-account 0.945
  const power = 10 * 2000 * 0.8 + 1 * 30_000 * 0.75; // 38,500
  const one = [{ collateral: { ETH: 10, WBTC: 1 }, debt: { USDC: power / 1.05 } }];
  const both: Scenario["shock"] = [
    { type: "path", asset: "ETH", prices: [2000, 1800], pull: 0 },
    { type: "path", asset: "WBTC", prices: [30_000, 27_000], pull: 0 },
  ];
  const pooled = eventsOf(simulate(baskets(one, [], both)).events, "liquidation");
  const split = eventsOf(simulate(baskets(one, segment, both)).events, "liquidation");
  equal(pooled[0].step, 1, "pooled: at the fall");
  equal(split.filter((e) => e.step === 1).length, 2, "both sub-accounts, at the same step");
  equal(split.filter((e) => e.step === 0).length, 0, "none before");
  // WBTC alone falls 40%: pooled, health 1.426 → 1.093, never called; segmented, the WBTC
  // sub-account (15,779 of the debt against 22,500 of power) is, while the ETH one holds 11,221 of
  // the debt against 16,000 of power: its idle power, 16,000 − 27,000·16,000/38,500, at every call
  const account = [{ collateral: { ETH: 10, WBTC: 1 }, debt: { USDC: 27_000 } }];
  const run = simulate(baskets(account, segment));
  const s = mitigationOf(run.summary, "segmentation", "segmentation");
  near(s.lostBorrowingPower, 16_000 - (27_000 * 16_000) / 38_500, 1e-9, "lost borrowing power");
  assert(run.summary.liquidations > 0, "the WBTC basket was called");
  equal(s.segmentedLiquidations, run.summary.liquidations, "each while the account as a whole was healthy");
  const pooledOne = simulate(baskets(account, []));
  equal(pooledOne.summary.liquidations, 0, "pooled, the same account is never called");
  const lost = run.timeline.mitigations.segmentation.lostBorrowingPower;
  equal(lost[lost.length - 1], s.lostBorrowingPower, "timeline, cumulative");
});

/** ETH: 40 steps of ±3% swings, 100 flat, then −0.2% a step; a lender (10 ETH / 12,000 USDC, LT 0.8) and a vault (10 ETH / 10,000 DAI, mat 1.5). */
function volatile(mitigations: Mitigations): Scenario {
  const prices: number[] = [];
  for (let i = 0; i < 40; i++) prices.push(i % 2 ? 2060 : 1940);
  for (let i = 0; i < 100; i++) prices.push(2000);
  for (let i = 0; i < 250; i++) prices.push(2000 - 4 * i);
  const s = lending(prices, [{ collateral: { ETH: 10 }, debt: { USDC: 12_000 } }], mitigations, 500);
  s.protocols?.push({
    id: "maker",
    type: "cdp",
    debt: "USDC",
    collateral: "ETH",
    oracle: "eth",
    liquidationRatio: 1.5,
    auction: { buf: 1.2, curve: { type: "linear", tau: 3600 }, tail: 3600, cusp: 0.4 },
    vaults: [{ ink: 10, art: 10_000 }],
  });
  return s;
}

test("mitigations: a dynamic margin tightens thresholds with realized volatility on its schedule, and liquidates earlier", () => {
  const dm = { type: "dynamicMargin" as const, volWindowSteps: 50, phaseInSteps: 20, sensitivity: 0.1, maxCut: 0.2 };
  const run = simulate(volatile([dm]), { events: 1000 });
  const m = run.timeline.mitigations.dynamicMargin;
  const [vol, target, cut] = [m["realizedVol:ETH@eth"], m["targetCut:ETH@eth"], m["cut:ETH@eth"]];
  const price = run.timeline.oracles.eth;
  // realized volatility: √(Σ r²/50 · steps a year) over the last 50 log returns
  const perYear = (365 * 86400) / 12;
  for (const t of [0, 10, 39, 60, 100, 200]) {
    let sum = 0;
    for (let k = Math.max(0, t - 49); k <= t; k++) sum += Math.log(price[k] / (k > 0 ? price[k - 1] : 2000)) ** 2;
    assert(relative(vol[t], Math.sqrt((sum / 50) * perYear)) < 1e-9, `σ at step ${t}: ${vol[t]}`);
  }
  const rate = 0.2 / 20;
  let tightened = false;
  let loosened = false;
  for (let t = 0; t < cut.length; t++) {
    equal(target[t], Math.min(0.2, 0.1 * Math.max(0, vol[t] / 0.8 - 1)), `target at ${t}`);
    const before = t > 0 ? cut[t - 1] : 0;
    // the schedule: toward the target by at most maxCut/phaseInSteps when tightening, at once when loosening
    equal(cut[t], target[t] < before ? target[t] : Math.min(target[t], before + rate), `cut at ${t}`);
    if (cut[t] > before) tightened = true;
    if (cut[t] < before) loosened = true;
  }
  assert(tightened && loosened, "it tightened during the swings and loosened once calm");
  equal(cut[19], 0.2, "fully cut after phaseInSteps of swings");
  // the lender is liquidated at the first step its cut threshold says so: 10·p·0.8·(1 − cut) < 12,000
  const first = eventsOf(run.events, "liquidation").find((e) => e.protocol === "lend")?.step ?? -1;
  const value = (t: number) => 10 * price[t] * 0.8 * (1 - cut[t]);
  assert(value(first) < 12_000 && value(first - 1) >= 12_000, `lender at step ${first}`);
  // the vault when ink·p·(1 − cut) < art·mat
  const bark = eventsOf(run.events, "bark")[0].step;
  const safe = (t: number) => 10 * price[t] * (1 - cut[t]) >= 15_000;
  assert(!safe(bark) && safe(bark - 1), `vault barked at step ${bark}`);
  const plain = simulate(volatile([]), { events: 1000 });
  const plainFirst = eventsOf(plain.events, "liquidation")[0].step;
  assert(first < plainFirst && price[first] > plain.timeline.oracles.eth[plainFirst], "earlier, at a higher price");
  assert(bark < eventsOf(plain.events, "bark")[0].step, "the vault earlier too");
  const d = mitigationOf(run.summary, "dynamicMargin", "dynamicMargin");
  equal(d.largestCut, 0.2, "largest cut");
  near(d.averageCut, cut.reduce((a, x) => a + x, 0) / cut.length, 1e-12, "average cut over the steps run");
  equal(d.tightenedSteps, on(cut).length, "steps with a cut");
  // its cost: the borrowing power the cut takes each step, Σ collateral × price × LT_0 × cut (a vault's: ink·p/mat)
  const lost = m.lostBorrowingPower;
  const untouched = Math.min(first, bark);
  for (let t = 0; t < untouched; t++)
    assert(relative(lost[t], cut[t] * price[t] * (10 * 0.8 + 10 / 1.5)) < 1e-12 || lost[t] === 0, `lost at ${t}`);
  equal(d.lostBorrowingPower, Math.max(...lost), "lostBorrowingPower: the most in one step");
  assert(d.lostBorrowingPower > 0.2 * 1900 * (10 * 0.8 + 10 / 1.5), `during the swings: ${d.lostBorrowingPower}`);
});

test("mitigations: the summary's contract, ids, and listing order", () => {
  const both: Mitigations = [
    { id: "z-breaker", type: "circuitBreaker", maxPerStep: 1e6 },
    { id: "a-margin", type: "dynamicMargin", protocols: ["lend"] },
  ];
  const a = simulate(volatile(both));
  const b = simulate(volatile([...both].reverse()));
  equal(JSON.stringify(a.summary), JSON.stringify(b.summary), "listed in either order");
  equal(Object.keys(a.summary.mitigations).join(), "a-margin,z-breaker", "keyed by id, in id order");
  for (const m of Object.values(a.summary.mitigations)) {
    for (const k of ["capitalCommitted", "incentivesPaid"] as const) equal(m[k], 0, `${m.type} ${k}`);
  }
  equal(a.summary.mitigations["z-breaker"].lostBorrowingPower, 0, "a breaker takes no borrowing power");
  assert(a.summary.mitigations["a-margin"].lostBorrowingPower > 0, "a dynamic margin does");
  equal(a.summary.mitigations["z-breaker"].type, "circuitBreaker", "type");
  equal(Object.keys(a.timeline.mitigations["a-margin"]).length, 4, "one followed price: three series, and the cost");
  equal(simulate(volatile([{ type: "none" }])).summary.mitigations.none.lostBorrowingPower, 0, "none reports zeros");
});

test("mitigations: bad entries are named by path", () => {
  const s = (m: unknown) => ({ ...volatile([]), mitigations: m }) as Scenario;
  const bad = (m: unknown, pattern: RegExp) => throws(() => validateScenario(s(m)), ScenarioError, pattern);
  bad(
    [{ type: "circuitBreaker" }, { type: "circuitBreaker", protocols: ["lend"] }],
    /mitigations\[1\]: duplicate id "circuitBreaker"/,
  );
  bad(
    [
      { id: "a", type: "circuitBreaker" },
      { id: "b", type: "circuitBreaker", protocols: ["maker"] },
    ],
    /mitigations\[1\]\.protocols\[0\]: protocol "maker" is already under mitigations\[0\]/,
  );
  bad([{ type: "dynamicMargin", protocols: ["nope"] }], /mitigations\[0\]\.protocols\[0\]: unknown protocol "nope"/);
  bad([{ type: "circuitBreaker", tripBps: 0 }], /mitigations\[0\]\.tripBps: expected a number in \(0, 10,?000\]/);
  bad(
    [{ type: "segmentation", protocol: "lend", baskets: [["ETH"], ["BTC"]] }],
    /baskets\[1\]\[0\]: no market for BTC/,
  );
  bad(
    [{ type: "segmentation", protocol: "lend", baskets: [["ETH"], ["ETH"]] }],
    /baskets\[1\]\[0\]: ETH is already in baskets\[0\]/,
  );
  bad([{ type: "segmentation", protocol: "maker", baskets: [["ETH"]] }], /"maker" is a cdp protocol/);
  const calm = {
    ...volatile([]),
    assets: [
      { id: "ETH", price: 2000 },
      { id: "USDC", price: 1 },
    ],
  } as Scenario;
  throws(
    () => validateScenario({ ...calm, mitigations: [{ type: "dynamicMargin" }] }),
    ScenarioError,
    /mitigations\[0\]\.baseVol: asset ETH has no vol/,
  );
  validateScenario({ ...calm, mitigations: [{ type: "dynamicMargin", baseVol: 0.8 }] });
  const perps = structuredClone(presets.commonCollateral);
  perps.mitigations = [{ type: "circuitBreaker", protocols: ["perp"] }];
  throws(
    () => validateScenario(perps),
    ScenarioError,
    /"perp" is a perps protocol: a circuitBreaker applies to lending and cdp/,
  );
});

test("mitigations: the presets show each mechanism against the same scenario without it", () => {
  const without = (s: Scenario) => simulate({ ...s, mitigations: [] }, { events: 100_000 });
  // a fractured oracle: nothing liquidated under the breaker, 10.4M DAI of bad debt without
  const attack = simulate(presets.oracleAttack);
  equal(attack.summary.liquidations, 0, "oracleAttack: liquidations under the breaker");
  equal(attack.summary.badDebt, 0, "oracleAttack: bad debt under the breaker");
  assert(
    mitigationOf(attack.summary, "circuitBreaker", "circuitBreaker").pausedSteps > 300,
    "Maker's auctions paused past the OSM's hour",
  );
  const attacked = without(presets.oracleAttack).summary;
  assert(attacked.badDebt > 8e6 && attacked.badDebt < 13e6, `oracleAttack without: ${attacked.badDebt}`);
  assert(protocolOf(attacked, "maker", "cdp").auctions > 0, "Maker barks at the OSM's bad price");
  // WBTC falls: segmented, ETH never moves and no ETH-only account is called
  const seg = simulate(presets.basketContagion, { events: 100_000 });
  const ethOnly = (events: ReturnType<typeof simulate>["events"]) =>
    eventsOf(events, "liquidation").filter((e) => e.account.startsWith("eth-")).length;
  equal(seg.summary.drawdowns.ETH.realized, 0, "basketContagion: ETH segmented");
  equal(ethOnly(seg.events), 0, "ETH-only accounts segmented");
  assert(
    mitigationOf(seg.summary, "segmentation", "segmentation").lostBorrowingPower > 1e6,
    "the cost in borrowing power",
  );
  const pooled = without(presets.basketContagion);
  assert(pooled.summary.drawdowns.ETH.realized > 0.1, `ETH pooled: ${pooled.summary.drawdowns.ETH.realized}`);
  assert(ethOnly(pooled.events) > 100, "ETH-only accounts called, pooled");
  // volatile hour: the dynamic margin liquidates earlier and leaves no bad debt
  const dm = simulate(presets.volatileMargin);
  const plain = without(presets.volatileMargin);
  equal(dm.summary.badDebt, 0, "volatileMargin: bad debt with the dynamic margin");
  assert(plain.summary.badDebt > 1e6, `volatileMargin without: ${plain.summary.badDebt}`);
  const firstOf = (r: ReturnType<typeof simulate>) => on(r.timeline.protocols.lend.liquidations)[0];
  assert(firstOf(dm) < firstOf(plain), "liquidations start earlier");
});
