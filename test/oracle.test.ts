// Oracles and agents inside simulate(): each oracle's rule read off the timeline (spot with
// latency, median, TWAP, push with deviation and heartbeat, a forced price), the dealers' hedge
// against greeks.hedgeFlow, and arbitrageurs aligning two pools.
import { greeks, type Scenario, simulate } from "fracture";
import { assert, equal, near, test } from "./harness.ts";

/** ETH on two pools, sold on the first at steps 2 and 5; the given oracles; nothing to liquidate. */
function market(oracles: Scenario["oracles"], extra: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: "oracles",
    steps: 12,
    assets: [
      { id: "ETH", price: 2000 },
      { id: "USDC", price: 1 },
    ],
    venues: [
      { id: "a", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1000, reserveQuote: 2e6 },
      { id: "b", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1000, reserveQuote: 2.1e6 },
    ],
    oracles,
    shock: [
      { type: "sell", venue: "a", qty: 50, step: 2 },
      { type: "sell", venue: "a", qty: 30, step: 5 },
    ],
    ...extra,
  };
}

test("oracle: spot with latency L publishes what it saw L steps earlier, the initial price before", () => {
  const { timeline } = simulate(
    market([
      { id: "now", type: "spot", source: "a" },
      { id: "late", type: "spot", source: "a", latencySteps: 3 },
    ]),
  );
  const pool = timeline.venues.a.price;
  const now = timeline.oracles.now;
  const late = timeline.oracles.late;
  for (let t = 0; t < timeline.steps; t++) {
    equal(now[t], pool[t], `spot at ${t}`);
    equal(late[t], t < 3 ? 2000 : pool[t - 3], `late at ${t}`);
  }
  assert(pool[2] < 2000, "the sale moved the pool");
});

test("oracle: the median of three sources, and the TWAP of the last n observations", () => {
  const { timeline } = simulate(
    market([
      { id: "med", type: "median", sources: ["a", "b", "ETH"] },
      { id: "twap", type: "twap", source: "a", windowSteps: 4 },
    ]),
  );
  const a = timeline.venues.a.price;
  const b = timeline.venues.b.price;
  for (let t = 0; t < timeline.steps; t++) {
    const sorted = [a[t], b[t], 2000].sort((x, y) => x - y);
    equal(timeline.oracles.med[t], sorted[1], `median at ${t}`);
    const seen = Array.from(a.slice(Math.max(0, t - 3), t + 1));
    near(timeline.oracles.twap[t], seen.reduce((x, y) => x + y, 0) / seen.length, 1e-9, `twap at ${t}`);
  }
});

test("oracle: a push oracle publishes on a deviation or a heartbeat, and a shock can force its price", () => {
  const { timeline } = simulate(
    market(
      [
        { id: "push", type: "push", source: "a", deviationBps: 300, heartbeatSteps: 4 },
        { id: "forced", type: "spot", source: "a" },
      ],
      {
        shock: [
          { type: "sell", venue: "a", qty: 50, step: 2 }, // −9.5%: beyond the 3% deviation
          { type: "sell", venue: "a", qty: 5, step: 3 }, // −1%: within it
          { type: "oracle", oracle: "forced", price: 1, fromStep: 6, toStep: 7 },
        ],
      },
    ),
  );
  const a = timeline.venues.a.price;
  const push = timeline.oracles.push;
  equal(push[1], 2000, "no move, no heartbeat yet");
  equal(push[2], a[2], "the deviation publishes at once");
  equal(push[3], a[2], "a small move waits");
  equal(push[5], push[3], "…until the heartbeat");
  equal(push[6], a[6], "the heartbeat, 4 steps after the last publication");
  equal(timeline.oracles.forced[6], 1, "forced");
  equal(timeline.oracles.forced[7], 1, "forced");
  equal(timeline.oracles.forced[8], a[8], "released");
});

test("oracle: a push oracle publishes a move of exactly its deviation, not one a hair smaller; two sources' median is their mean", () => {
  // the oracle reads ETH's outside price, which a drop takes from 2000 to 2000·(1 − f) at step 2
  const run = (fraction: number) =>
    simulate(
      market(
        [
          { id: "push", type: "push", source: "ETH", deviationBps: 500, heartbeatSteps: 100 },
          { id: "med", type: "median", sources: ["a", "b"] },
        ],
        { shock: [{ type: "drop", asset: "ETH", fraction, steps: 1, step: 2 }] },
      ),
    ).timeline;
  const exact = run(0.05);
  equal(exact.assets.ETH.reference[2], 1900, "the outside price moved by exactly 5%");
  equal(Math.abs(1900 - 2000), (500 / 1e4) * 2000, "|move| = deviation × last price, in f64");
  equal(exact.oracles.push[1], 2000, "before the move");
  equal(exact.oracles.push[2], 1900, "a move equal to the deviation publishes");
  const less = run(0.0499);
  equal(less.oracles.push[2], 2000, "a smaller one waits for the heartbeat");
  const a = exact.venues.a.price;
  const b = exact.venues.b.price;
  for (let t = 0; t < exact.steps; t++) equal(exact.oracles.med[t], 0.5 * (a[t] + b[t]), `median of two at ${t}`);
});

test("dealers: each step's hedge is the exact change of their options' delta (greeks.hedgeFlow)", () => {
  const options = [
    { strike: 1900, days: 7, call: false, openInterest: 500, vol: 0.6 },
    { strike: 2100, days: 7, call: true, openInterest: 300, vol: 0.55 },
  ];
  const { timeline } = simulate(
    market([{ id: "spot", type: "spot", source: "a" }], {
      stepSeconds: 3600,
      dealers: [{ id: "d", venue: "a", underlying: "ETH", dealers: "short-all", options }],
    }),
  );
  const seen = timeline.oracles.spot; // the pool's price when the dealers hedge (no one trades in between)
  const flow = timeline.dealers.d.hedgeFlow;
  // at step t the dealers trade from the spot of their last hedge to the spot now, with the options
  // t hours closer to expiry (they hedged at 2000 before step 0); their own trade moves the pool,
  // so the next step chases it
  for (let t = 0; t < timeline.steps; t++) {
    const ch = greeks.chain({
      strike: Float64Array.from(options, (o) => o.strike),
      time: Float64Array.from(options, (o) => (o.days - t / 24) / 365),
      vol: Float64Array.from(options, (o) => o.vol),
      call: Uint8Array.from(options, (o) => (o.call ? 1 : 0)),
      openInterest: Float64Array.from(options, (o) => o.openInterest),
      dealers: "short-all",
    });
    const expected = greeks.hedgeFlow(ch, t === 0 ? 2000 : seen[t - 1], seen[t]);
    near(flow[t], expected, 1e-9 * Math.max(1, Math.abs(expected)), `hedge at step ${t}`);
  }
  assert(flow[2] < 0, "short gamma: the dealers sell into the sale");
});

test("arbitrageurs: after a sale on one pool, the other follows to within the fees", () => {
  const { timeline } = simulate(
    market([{ id: "spot", type: "spot", source: "a" }], {
      venues: [
        { id: "a", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1000, reserveQuote: 2e6 },
        { id: "b", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1000, reserveQuote: 2e6 },
      ],
      arbitrageurs: [{ id: "arb", venues: ["a", "b"] }],
    }),
  );
  const a = timeline.venues.a.price;
  const b = timeline.venues.b.price;
  for (const t of [2, 5, timeline.steps - 1]) {
    assert(Math.abs(a[t] / b[t] - 1) < 0.0062, `step ${t}: ${a[t]} vs ${b[t]} (two 0.3% fees apart at most)`);
  }
  assert(b[2] < 1990, "the second pool fell too");
});

test("oracle: an anchored oracle publishes its price only within the band around its anchor's (Compound's isWithinAnchor), else keeps its last or clamps", () => {
  // "a-rep" reads pool a and is anchored to "z-anchor" on pool b (2,100): accepted while
  // 0.9 ≤ 2100/p ≤ 1.1, p in [1909.09…, 2333.3…]; ids sorted so the anchor is built after it
  const anchor = (outside?: "keep" | "clamp") => ({ oracle: "z-anchor", maxDeviation: 0.1, outside });
  const { timeline } = simulate(
    market([
      { id: "a-rep", type: "spot", source: "a", anchor: anchor() },
      { id: "a-clamp", type: "spot", source: "a", anchor: anchor("clamp") },
      { id: "a-wide", type: "spot", source: "a", anchor: { oracle: "z-anchor", maxDeviation: 0.5 } },
      { id: "z-anchor", type: "spot", source: "b" },
    ]),
  );
  const a = timeline.venues.a.price;
  const b = timeline.venues.b.price;
  const lo = 2100 / 1.1;
  assert(a[2] < lo && a[1] > lo, "the sale at step 2 takes pool a below the band");
  for (let t = 0; t < timeline.steps; t++) {
    equal(timeline.oracles["z-anchor"][t], b[t], `anchor at ${t}`);
    equal(timeline.oracles["a-wide"][t], a[t], `within a wide band at ${t}`);
    const inside = b[t] / a[t] >= 0.9 && b[t] / a[t] <= 1.1;
    equal(timeline.oracles["a-rep"][t], inside ? a[t] : a[1], `keep at ${t}`);
    equal(timeline.oracles["a-clamp"][t], inside ? a[t] : b[t] / 1.1, `clamp at ${t}`);
  }
});

test("oracle: an anchor must be another oracle that is not anchored itself", () => {
  const bad = (oracles: Scenario["oracles"]) => {
    try {
      simulate(market(oracles));
    } catch (e) {
      return String((e as Error).message);
    }
    return "accepted";
  };
  const spot = { type: "spot" as const, source: "a" };
  assert(
    /oracles\[0\]\.anchor\.oracle: unknown oracle "nope"/.test(
      bad([{ id: "x", ...spot, anchor: { oracle: "nope", maxDeviation: 0.2 } }]),
    ),
    "unknown",
  );
  assert(
    /cannot anchor itself/.test(bad([{ id: "x", ...spot, anchor: { oracle: "x", maxDeviation: 0.2 } }])),
    "itself",
  );
  const chained = bad([
    { id: "x", ...spot, anchor: { oracle: "y", maxDeviation: 0.2 } },
    { id: "y", ...spot, anchor: { oracle: "z", maxDeviation: 0.2 } },
    { id: "z", ...spot },
  ]);
  assert(/anchored itself/.test(chained), chained);
});
