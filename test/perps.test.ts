// Perpetual swaps through simulate(): liquidations closed on a constant-product pool (fill from
// the pool's math), the liquidation fee to the insurance fund, losses beyond margin drawn from
// it, auto-deleveraging of the opposite side by PnL% × effective leverage when it is empty, bad
// debt beyond that, conservation over a cascade, a short squeeze, generated positions, bad input.
import { type Scenario, ScenarioError, simulate } from "fracture";
import { assert, equal, near, test, throws } from "./harness.ts";
import { ethPool, eventOf, eventsOf, protocolOf } from "./scenarios.ts";

type Position = { size: number; entryPrice: number; margin: number };

const GAMMA = 0.997; // the pool's 30 bps fee
/** Quote for selling q ETH into a pool of (base, quote) reserves (Uniswap v2 getAmountOut). */
const sell = (q: number, base = 1000, quote = 1.8e6) => (quote * q * GAMMA) / (base + q * GAMMA);

/**
 * A perps market on ETH marked at `mark` by a spot oracle on the asset's own price (the pool's
 * moves do not reach it), liquidating on a 1000 ETH / 1000·mark USDC pool; mm 5%, fee 1%.
 */
function market(
  mark: number,
  positions: Position[] | { generate: object },
  fund: number,
  extra: Partial<Scenario> = {},
): Scenario {
  return {
    version: 1,
    name: "perps-test",
    steps: 5,
    ...ethPool(mark, 1000),
    oracles: [{ id: "mark", type: "spot", source: "ETH" }],
    protocols: [
      {
        id: "perp",
        type: "perps",
        base: "ETH",
        oracle: "mark",
        venue: "pool",
        maintenanceMargin: 0.05,
        liquidationFee: 0.01,
        insuranceFund: fund,
        positions: positions as Position[],
      },
    ],
    ...extra,
  };
}

const long10 = (margin: number): Position => ({ size: 10, entryPrice: 2000, margin });

test("perps: a long below maintenance is closed on the pool; the fee goes to the fund, the rest to the trader", () => {
  // at 1800: equity 2500 − 10·200 = 500 < 5%·10·1800 = 900 (health 0.556); the other long has
  // equity 800 over 90 and is left alone
  const { events, summary, timeline } = simulate(
    market(1800, [long10(2500), { size: 1, entryPrice: 2000, margin: 1000 }], 1000),
  );
  equal(events.length, 1, "events");
  const e = eventOf(events[0], "perpClose");
  equal(e.kind, "perpClose", "kind");
  equal(e.position, 0, "position");
  equal(e.size, 10, "size closed");
  // selling 10 ETH: 1.8e6·10·0.997 / (1000 + 9.97) = 17768.8446 USDC, fill 1776.88
  const got = sell(10);
  near(e.price, got / 10, 1e-9, "fill price");
  equal(e.lossBeyondMargin, 0, "no loss beyond margin");
  // realized 2500 + 17768.84 − 20000 = 268.84; fee 1%·17768.84 = 177.69; trader 91.16
  const p = protocolOf(summary, "perp", "perps");
  near(p.insuranceFees as number, 0.01 * got, 1e-9, "fee");
  near(p.insuranceFund as number, 1000 + 0.01 * got, 1e-9, "fund");
  near(p.returnedToTraders as number, 2500 + got - 20000 - 0.01 * got, 1e-9, "returned");
  near(summary.liquidatedNotional, got, 1e-9, "notional |size|·fill");
  near(summary.slippagePaid, 1800 * 10 - got, 1e-9, "slippage against the pool's price");
  equal(summary.badDebt, 0, "bad debt");
  near(timeline.protocols.perp.extra[0], 1000 + 0.01 * got, 1e-9, "the fund in the timeline");
  equal(timeline.protocols.perp.extraName, "insuranceFund", "named");
});

test("perps: health exactly 1 is safe (liquidation price = mark), just below is liquidated", () => {
  // margin 2900 at 1800: equity 900 = 5%·10·1800; P_liq = (20000 − 2900)/(10·0.95) = 1800
  equal(simulate(market(1800, [long10(2900)], 0)).summary.liquidations, 0, "health 1");
  equal(simulate(market(1800, [long10(2899.99)], 0)).summary.liquidations, 1, "health below 1");
});

test("perps: a loss beyond margin is drawn from the insurance fund", () => {
  // margin 1000: realized 1000 + 17768.84 − 20000 = −1231.16, all of it covered by the 5000 fund
  const { events, summary } = simulate(market(1800, [long10(1000)], 5000));
  const loss = 20000 - 1000 - sell(10);
  near(eventOf(events[0], "perpClose").lossBeyondMargin, loss, 1e-9, "loss beyond margin");
  const p = protocolOf(summary, "perp", "perps");
  near(p.insuranceDrawn as number, loss, 1e-9, "drawn");
  near(p.insuranceFund as number, 5000 - loss, 1e-9, "fund left: 3768.84");
  equal(p.insuranceFees, 0, "no fee from a bankrupt position");
  equal(p.adlCount, 0, "no ADL");
  equal(summary.badDebt, 0, "bad debt");
});

test("perps: an empty fund auto-deleverages the top-ranked shorts, closing part of the last at the mark", () => {
  const positions = [
    long10(1000), // bankrupt: loss 1231.16, the fund's 500 leaves 731.16
    { size: -5, entryPrice: 2000, margin: 1000 }, // u = 1000: (1000/1000)·(9000/2000) = 4.5
    { size: -2, entryPrice: 2100, margin: 300 }, // u = 600: (600/300)·(3600/900) = 8, first
    { size: -1, entryPrice: 1700, margin: 200 }, // at a loss: never deleveraged
  ];
  const { events, summary } = simulate(market(1800, positions, 500));
  const deficit = 20000 - 1000 - sell(10) - 500;
  equal(events.map((e) => `${e.kind}:${e.position}`).join(","), "perpClose:0,adl:2,adl:1", "events");
  const [first, second] = eventsOf(events, "adl");
  // position 2 closes whole: −2 at 1800, its 600 profit taken
  equal(first.size, -2, "closed");
  equal(first.mark, 1800, "at the mark");
  equal(first.profit, 600, "profit taken");
  // position 1 gives the 131.16 left: f = 131.16/1000, size −5·f = −0.6558
  near(second.profit, deficit - 600, 1e-9, "profit taken");
  near(second.size, (-5 * (deficit - 600)) / 1000, 1e-12, "closed");
  const p = protocolOf(summary, "perp", "perps");
  equal(p.adlCount, 2, "positions deleveraged");
  near(p.adlNotional as number, 3600 + 5 * ((deficit - 600) / 1000) * 1800, 1e-9, "ADL notional");
  near(p.adlProfit as number, deficit, 1e-9, "the deficit, covered");
  equal(p.insuranceFund, 0, "fund emptied");
  equal(summary.badDebt, 0, "no bad debt");
});

test("perps: a deleveraged position keeps its liquidation price and the rest of its size", () => {
  // the ADL case, then the mark rises along a path: position 1 keeps −5·(1 − f) = −4.3442 and its
  // liquidation price (5·2000 + 1000)/(5·1.05) = 2095.238, since size and margin shrank alike
  const positions = [
    long10(1000),
    { size: -5, entryPrice: 2000, margin: 1000 },
    { size: -2, entryPrice: 2100, margin: 300 },
  ];
  const path = (p: number) =>
    market(1800, positions, 500, { shock: [{ type: "path", asset: "ETH", prices: [1800, p, 2095.25] }] });
  const deficit = 20000 - 1000 - sell(10) - 500;
  for (const [p, step] of [
    [2095.23, 2],
    [2095.24, 1],
  ]) {
    const close = eventsOf(simulate(path(p)).events, "perpClose").filter((e) => e.position === 1);
    equal(close.length, 1, "liquidated once");
    equal(close[0].step, step, `with the mark at ${p} in step 1`);
    near(close[0].size, -5 * (1 - (deficit - 600) / 1000), 1e-12, "the size kept");
  }
});

test("perps: ADL ranks by PnL% × effective leverage (not PnL, not PnL%), ties in the order given; the rest is bad debt", () => {
  const positions = [
    { size: 20, entryPrice: 2000, margin: 1000 }, // bankrupt: 1000 + 35190.31 − 40000 = −3809.69
    { size: -1, entryPrice: 3000, margin: 1000 }, // u 1200, PnL% 1.2, leverage 1800/2200: 0.98
    { size: -1, entryPrice: 2000, margin: 100 }, // u 200, PnL% 2, leverage 1800/300: 12
    { size: -4, entryPrice: 2000, margin: 800 }, // u 800, PnL% 1, leverage 7200/1600: 4.5
    { size: -1, entryPrice: 2000, margin: 100 }, // 12, tied with position 2: after it
    { size: -1, entryPrice: 1700, margin: 200 }, // at a loss
    { size: 1, entryPrice: 1500, margin: 300 }, // in profit, but on the bankrupt position's side
  ];
  const { events, summary } = simulate(market(1800, positions, 0));
  const adl = eventsOf(events, "adl");
  equal(adl.map((e) => e.position).join(","), "2,4,3,1", "order");
  equal(adl.map((e) => e.profit).join(","), "200,200,800,1200", "every profit taken whole");
  const deficit = 40000 - 1000 - sell(20);
  near(summary.badDebt, deficit - 2400, 1e-9, "bad debt: 3809.69 − 2400");
  near(summary.badDebtByProtocol.perp, summary.badDebt, 0, "by protocol");
});

test("perps: ADL's order where PnL, PnL%, PnL% × notional/margin and PnL% × effective leverage all disagree", () => {
  // shorts at a mark of 1800, u = PnL, N = notional:
  //   A: u 1440, u/m 4,   N/(m + u) 1,  N/m 5    → score 4    (PnL first, PnL% first, ×N/m 20)
  //   B: u 180,  u/m 1,   N/(m + u) 5,  N/m 10   → score 5    (×N/m 10)
  //   C: u 1000, u/m 0.2, N/(m + u) 3,  N/m 3.6  → score 0.6  (PnL second, ×N/m 0.72)
  // by PnL: A C B; by PnL%: A B C; by PnL% × N/m: A B C; by the rule: B A C
  const positions = [
    { size: 20, entryPrice: 2000, margin: 1000 }, // bankrupt: deficit 3809.69 with no fund
    { size: -1, entryPrice: 3240, margin: 360 }, // A
    { size: -1, entryPrice: 1980, margin: 180 }, // B
    { size: -10, entryPrice: 1900, margin: 5000 }, // C
  ];
  const { events, summary } = simulate(market(1800, positions, 0));
  const adl = eventsOf(events, "adl");
  equal(adl.map((e) => e.position).join(","), "2,1,3", "B, A, C");
  equal(adl.map((e) => e.profit).join(","), "180,1440,1000", "every profit taken whole");
  near(summary.badDebt, 40000 - 1000 - sell(20) - 2620, 1e-9, "the rest is bad debt");
});

test("perps: a position at exactly zero PnL is never deleveraged; the fee never exceeds what the trader realized", () => {
  const positions = [
    { size: 20, entryPrice: 2000, margin: 1000 }, // bankrupt
    { size: -1, entryPrice: 1800, margin: 100 }, // entry = mark: PnL 0
    { size: -1, entryPrice: 1900, margin: 100 }, // PnL 100
  ];
  const { events, summary } = simulate(market(1800, positions, 0));
  equal(
    eventsOf(events, "adl")
      .map((e) => `${e.position}:${e.profit}`)
      .join(","),
    "2:100",
    "only the position in profit",
  );
  near(summary.badDebt, 40000 - 1000 - sell(20) - 100, 1e-9, "bad debt");
  // realized 2000 + 17768.84 − 19700 = 68.84 < 1% of 17768.84 = 177.69: the fee is the 68.84
  const small = simulate(market(1800, [{ size: 10, entryPrice: 1970, margin: 2000 }], 0));
  const p = protocolOf(small.summary, "perp", "perps");
  const realized = 2000 + sell(10) - 19700;
  near(p.insuranceFees as number, realized, 1e-9, "fee = what was realized");
  equal(p.returnedToTraders, 0, "nothing back to the trader");
});

/** 40 longs of 1–4 ETH at 4–19× and 10 small shorts, all at 2000; the mark is the pool's price. */
function cascade(fund: number): Scenario {
  const positions: Position[] = [];
  for (let k = 0; k < 40; k++) {
    const size = 1 + (k % 7) * 0.5;
    positions.push({ size, entryPrice: 2000, margin: (size * 2000) / (4 + (k % 16)) });
  }
  for (let k = 0; k < 10; k++) positions.push({ size: -0.2 * (1 + k), entryPrice: 2000, margin: 80 * (1 + k) });
  const s = market(2000, positions, fund, {
    steps: 40,
    shock: [{ type: "sell", venue: "pool", qty: 25, step: 0 }],
  });
  s.oracles = [{ id: "mark", type: "spot", source: "pool" }];
  return s;
}

test("perps: conservation — losses beyond margin = fund drawn + ADL profit + bad debt; fund = start + fees − drawn", () => {
  const positions = (cascade(0).protocols as { positions: Position[] }[])[0].positions;
  // no fund: ADL and bad debt; 3000: the fund runs dry, then ADL; a deep fund covers all
  for (const fund of [0, 3000, 1e6]) {
    const { events, summary } = simulate(cascade(fund));
    const p = protocolOf(summary, "perp", "perps");
    let losses = 0;
    let fees = 0;
    let left = 0;
    for (const e of eventsOf(events, "perpClose")) {
      // what the trader realized: margin + size·(fill − entry)
      const pos = positions[e.position];
      const realized = pos.margin + e.size * (e.price - pos.entryPrice);
      if (realized < 0) losses += -realized;
      else {
        fees += Math.min(realized, 0.01 * Math.abs(e.size) * e.price);
        left += realized;
      }
      near(e.lossBeyondMargin, Math.max(0, -realized), 1e-6, `loss of position ${e.position}`);
    }
    const adl = eventsOf(events, "adl").reduce((x, e) => x + e.profit, 0);
    const drawn = p.insuranceDrawn as number;
    assert(summary.liquidations > 30 && losses > 0 && fees > 0, `a cascade: ${summary.liquidations} liquidations`);
    near(losses, drawn + adl + summary.badDebt, 1e-6, `fund ${fund}: losses`);
    near(p.insuranceFund as number, fund + fees - drawn, 1e-6, `fund ${fund}: fund`);
    near(left, fees + (p.returnedToTraders as number), 1e-6, `fund ${fund}: what margin was left`);
    near(adl, p.adlProfit as number, 1e-9, "ADL profit");
    if (fund === 0) assert(adl > 0 && summary.badDebt > 0, "no fund: ADL, then bad debt");
    if (fund === 3000) assert(Math.abs(drawn - 3000) < 1e-6 && adl > 0, "the fund runs dry, then ADL");
    if (fund === 3000) equal(summary.badDebt, 0, "ADL covers the rest");
    if (fund === 1e6) equal(adl + summary.badDebt, 0, "a deep fund covers everything");
  }
});

test("perps: a short squeeze cascades — each liquidation's buy lifts the mark past the next shorts", () => {
  // shorts of 2 ETH at 2000 with liquidation prices 2010·1.003^k: margin = 2·(P_liq·1.05 − 2000),
  // since a short's P_liq = (|size|·entry + margin) / (|size|·(1 + mm))
  const positions: Position[] = [];
  for (let k = 0; k < 12; k++)
    positions.push({ size: -2, entryPrice: 2000, margin: 2 * (2010 * 1.003 ** k * 1.05 - 2000) });
  const s = market(2000, positions, 1e6, {
    steps: 50,
    shock: [{ type: "buy", venue: "pool", qty: 6000, step: 0 }],
  });
  s.oracles = [{ id: "mark", type: "spot", source: "pool" }];
  const { events, summary } = simulate(s);
  const calm = simulate({ ...s, protocols: [] });
  const closes = eventsOf(events, "perpClose");
  equal(closes.length, 12, "every short liquidated");
  equal(closes.filter((e) => e.step === 0).length, 1, "the shock alone (to 2012) reaches only the first");
  assert(new Set(closes.map((e) => e.step)).size > 3, "over several steps");
  // ascending health within a step, and the lower liquidation prices in earlier steps
  for (let k = 1; k < closes.length; k++) assert(closes[k].position > closes[k - 1].position, "order");
  // the first buys 2 ETH from the pool the shock left: 6000·0.997 USDC took
  // 1000·5982/(2e6 + 5982) = 2.982 ETH; then 2 ETH cost R_q·2 / ((R_b − 2)·0.997)
  const base = 1000 - (1000 * 6000 * GAMMA) / (2e6 + 6000 * GAMMA);
  const quote = 2e6 + 6000;
  near(closes[0].price, (quote * 2) / ((base - 2) * GAMMA) / 2, 1e-6 * 2000, "first fill");
  equal(closes[0].size, -2, "size closed");
  assert(summary.finalPrices.ETH > calm.summary.finalPrices.ETH * 1.04, "the squeeze lifts the price 4% more");
});

test("perps: generated positions are deterministic for a seed and start healthy", () => {
  const generate = {
    count: 3000,
    totalNotional: 4e6,
    leverage: { min: 2, max: 20 },
    longShare: 0.7,
  };
  const s = (seed: number, longShare = 0.7) => {
    const x = market(2000, { generate: { ...generate, longShare } }, 1e4, {
      seed,
      steps: 30,
      shock: [{ type: "sell", venue: "pool", qty: 150, step: 1 }],
    });
    x.oracles = [{ id: "mark", type: "spot", source: "pool" }];
    return x;
  };
  const a = simulate(s(3));
  const b = simulate(s(3));
  const c = simulate(s(4));
  equal(JSON.stringify(a.events), JSON.stringify(b.events), "same seed, same events");
  equal(JSON.stringify(a.summary), JSON.stringify(b.summary), "same seed, same summary");
  assert(a.summary.liquidations > 0, "the shock liquidates some");
  assert(JSON.stringify(a.events) !== JSON.stringify(c.events), "the seed matters");
  assert(
    a.events.every((e) => e.step >= 1),
    "nothing is liquidatable before the shock (leverage ≤ 1/mm)",
  );
  const longsOnly = simulate(s(3, 1));
  assert(
    longsOnly.events.every((e) => e.kind === "perpClose" && e.size > 0),
    "longShare 1: only longs, no one to deleverage",
  );
});

test("perps: bad scenarios name the field", () => {
  const zero = market(1800, [{ size: 0, entryPrice: 2000, margin: 100 }], 0);
  throws(
    () => simulate(zero),
    ScenarioError,
    /protocols\[0\]\.positions\[0\]\.size: expected a size other than 0, got 0/,
  );
  const generate = { count: 10, totalNotional: 1e5, leverage: { min: 2, max: 50 } };
  throws(
    () => simulate(market(1800, { generate }, 0)),
    ScenarioError,
    /protocols\[0\]\.positions\.generate\.leverage\.max: expected ≤ 1\/maintenanceMargin = 20, got 50/,
  );
  const inverted = { ...generate, leverage: { min: 10, max: 5 } };
  throws(
    () => simulate(market(1800, { generate: inverted }, 0)),
    ScenarioError,
    /leverage\.max: expected ≥ min 10, got 5/,
  );
  const s = market(1800, [long10(1000)], 0);
  (s.protocols as { maintenanceMargin: number; venue: string }[])[0].maintenanceMargin = 0;
  throws(() => simulate(s), ScenarioError, /protocols\[0\]\.maintenanceMargin: expected a number in \(0, 1\], got 0/);
  throws(
    () => simulate(market(1800, [long10(1000)], -1)),
    ScenarioError,
    /protocols\[0\]\.insuranceFund: expected a number in \[0, 1e15\], got -1/,
  );
  const t = market(1800, [long10(1000)], 0);
  (t.protocols as { venue: string }[])[0].venue = "book";
  throws(() => simulate(t), ScenarioError, /protocols\[0\]\.venue: unknown venue "book"/);
});

/** In place of the pool, a book of 0.001 ETH lots: these bids, 100 ETH asked at 1810. */
function book(bids: [number, number][]): Partial<Scenario> {
  const venue = { id: "pool", type: "orderBook", base: "ETH", quote: "USDC", tickSize: 1, lotSize: 0.001 } as const;
  return { venues: [{ ...venue, snapshot: { bids, asks: [[1810, 100]] } }] };
}

test("perps: a book without the bids to absorb a liquidation closes only what it fills; the rest waits", () => {
  // 3 ETH of bids (1 at each of 1790, 1780, 1770) for a 10 ETH long: 3 ETH close at step 0, the
  // other 7 stay open with their share of the margin, and no fill at 0 is invented
  const bids: [number, number][] = [
    [1790, 1],
    [1780, 1],
    [1770, 1],
  ];
  const s = market(1800, [long10(2500)], 1e6, book(bids));
  const { events, summary } = simulate(s, { counterfactual: false });
  const first = eventOf(events[0], "perpClose");
  equal(first.size, 3, "base closed");
  near(first.price, (1790 + 1780 + 1770) / 3, 1e-9, "average fill");
  // the 3/10 closed: margin 750, pnl 3·(1780 − 2000) = −660: 90 left, fee min(90, 1%·5340) = 53.4
  near(Number(protocolOf(summary, "perp", "perps").insuranceFees), 53.4, 1e-9, "fee on the part closed");
  equal(summary.badDebt, 0, "no loss invented for the unfilled part");
  near(summary.slippagePaid, 1800 * 3 - 5340, 1e-9, "slippage on the 3 ETH sold (from the mid 1800), not on 10");
  assert(summary.protocols.perp.liquidations === 1, "nothing more to sell into");
});

test("perps: what a book's lots cannot fill is taken over at the mark, and the run goes quiet", () => {
  // a 10.0004 ETH long on a book of 0.001 ETH lots: 10 ETH sell, the 0.0004 left could never
  // fill, so it closes at the mark instead of waiting (a run used to stay busy to its last step)
  const s = market(1800, [{ size: 10.0004, entryPrice: 2000, margin: 2500 }], 1e6, {
    ...book([[1790, 100]]),
    steps: 50,
  });
  const { events, timeline } = simulate(s, { counterfactual: false });
  equal(events.length, 1, "one close");
  equal(eventOf(events[0], "perpClose").size, 10.0004, "the whole position");
  near(
    eventOf(events[0], "perpClose").price,
    (10 * 1790 + 0.0004 * 1800) / 10.0004,
    1e-9,
    "10 at the bid, the rest at the mark",
  );
  equal(timeline.steps, 2, "quiet the step after the close");
});

test("perps: a position a thin book could not close waits while liquidatable, rests while the mark recovers, and resumes", () => {
  // 1.5 ETH of bids that refill each block for a 10 ETH long: it closes part by part; while the
  // mark is back at 2100 it is healthy and left alone; at 1800 again the closes resume
  const prices = [1800, 1800, 2100, 2100, 2100, 1800, 1800, 1800];
  const profile = { spreadBps: 10, levels: 3, levelBps: 10, qtyPerLevel: 0.5 };
  const venue = { id: "pool", type: "orderBook", base: "ETH", quote: "USDC", tickSize: 1, lotSize: 0.001 } as const;
  const s = market(1800, [long10(2500)], 1e6, {
    steps: 8,
    venues: [{ ...venue, profile, resilience: { halfLifeSeconds: 12 } }],
    shock: [{ type: "path", asset: "ETH", prices, everySteps: 1, pull: 0 }],
  });
  const { events } = simulate(s, { counterfactual: false });
  const steps = events.map((e) => e.step);
  equal(steps.slice(0, 2).join(","), "0,1", "closed part by part while liquidatable");
  assert(!steps.some((t) => t >= 2 && t <= 4), `left alone while healthy: ${steps}`);
  equal(steps[2], 5, "resumes when the mark falls back");
  const closed = eventsOf(events, "perpClose").reduce((sum, e) => sum + e.size, 0);
  assert(closed > 0 && closed < 10, `part of it closed: ${closed}`);
});
