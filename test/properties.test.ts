// Properties of the cascade engine on random lending scenarios (scenarios.ts randomLending), each
// true whatever the scenario: what the step may never do, and what it must be blind to — the
// unit amounts are counted in, and the order anything is listed in.
import { type LendingSpec, presets, type Scenario, type SimEvent, simulate } from "fracture";
import design from "./fixtures/design_example.json" with { type: "json" };
import { AssertionError, assert, equal, near, rng, test } from "./harness.ts";
import { eventsOf, randomLending } from "./scenarios.ts";

const SCENARIOS = 100;
const designExample = design.scenario as Scenario;

function scenarios(seed: number, filter: (s: Scenario) => Scenario = (s) => s): Scenario[] {
  const r = rng(seed);
  return Array.from({ length: SCENARIOS }, (_, k) => filter(randomLending(r, k)));
}

const lending = (s: Scenario) => s.protocols as (LendingSpec & { positions: Position[] })[];
type Position = { collateral: Record<string, number>; debt: Record<string, number> };

test(`properties: ${SCENARIOS} random lending scenarios never break the step's invariants`, () => {
  let events = 0;
  for (const s of scenarios(7)) {
    const { timeline: t, summary, events: all } = simulate(s, { counterfactual: false });
    const es = eventsOf(all, "liquidation");
    const where = `in ${JSON.stringify(s)}`;
    assert(t.steps >= 1 && t.steps <= s.steps, `steps run ${t.steps} ${where}`);
    // bad debt only grows, and the timeline ends where the summary does
    for (let i = 1; i < t.steps; i++) assert(t.badDebt[i] >= t.badDebt[i - 1], `bad debt fell at step ${i} ${where}`);
    near(t.badDebt[t.steps - 1], summary.badDebt, 1e-12 * summary.badDebt, `final bad debt ${where}`);
    const once = new Set<string>();
    const used = new Map<string, number>();
    for (const e of es) {
      const l = (s.liquidators ?? []).find((x) => x.id === e.agent);
      assert(l !== undefined, `a liquidation without a liquidator ${where}`);
      // each liquidation repays and seizes something, and the fee is a part of the seizure
      assert(
        e.repaid > 0 && e.seized > 0 && e.fee >= 0 && e.fee < e.seized,
        `amounts ${e.repaid} ${e.seized} ${e.fee} ${where}`,
      );
      const key = `${e.step}/${e.protocol}/${e.position}`;
      assert(!once.has(key), `position liquidated twice in a step: ${key} ${where}`);
      once.add(key);
      // block space
      const slot = `${e.step}/${e.agent}`;
      used.set(slot, (used.get(slot) ?? 0) + 1);
      assert(
        (used.get(slot) as number) <= (l.maxPerStep ?? Number.POSITIVE_INFINITY),
        `${l.id} over its block space ${where}`,
      );
      events++;
    }
    equal(summary.liquidations, es.length, `every liquidation is an event ${where}`);
    for (const l of s.liquidators ?? []) assert(summary.liquidators[l.id].capital >= 0, `${l.id} capital < 0 ${where}`);
    // a run that stops early stops quiet
    if (t.steps < s.steps) equal(t.liquidations[t.steps - 1], 0, `liquidations on the last step ${where}`);
  }
  assert(events > 1000, `the scenarios liquidate: ${events}`);
});

/** Every amount (positions, reserves, capital, flows) × 2: prices and health stay what they were. */
function doubled(s: Scenario): Scenario {
  const x2 = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, 2 * v]));
  return {
    ...s,
    venues: s.venues.map((v) =>
      v.type === "constantProduct" ? { ...v, reserveBase: 2 * v.reserveBase, reserveQuote: 2 * v.reserveQuote } : v,
    ),
    protocols: lending(s).map((p) => ({
      ...p,
      positions: p.positions.map((q) => ({ collateral: x2(q.collateral), debt: x2(q.debt) })),
    })),
    liquidators: (s.liquidators ?? []).map((l) => ({ ...l, capital: l.capital == null ? l.capital : 2 * l.capital })),
    shock: (s.shock ?? []).map((x) => (x.type === "sell" || x.type === "buy" ? { ...x, qty: 2 * x.qty } : x)),
  };
}

const withoutPaths = (s: Scenario): Scenario => ({ ...s, shock: (s.shock ?? []).filter((x) => x.type !== "path") });

test(`properties: counting every amount in units half the size doubles every amount, bit for bit, and changes no price`, () => {
  // Doubling is exact in binary floating point, so it must carry through every step exactly.
  // Paths are left out: the outside market's trade is found by a bisection whose first bracket
  // is not scaled with the pool.
  let compared = 0;
  for (const s of scenarios(11, withoutPaths)) {
    const a = simulate(s, { counterfactual: false });
    const b = simulate(doubled(s), { counterfactual: false });
    const where = `in ${JSON.stringify(s)}`;
    equal(b.timeline.steps, a.timeline.steps, `steps ${where}`);
    equal(b.events.length, a.events.length, `liquidations ${where}`);
    const fs = eventsOf(b.events, "liquidation");
    eventsOf(a.events, "liquidation").forEach((e, i) => {
      const f = fs[i];
      const same = f.step === e.step && f.position === e.position && f.agent === e.agent;
      if (!same || f.repaid !== 2 * e.repaid || f.seized !== 2 * e.seized || f.fee !== 2 * e.fee) {
        throw new AssertionError(`liquidation ${i}: ${JSON.stringify(f)} is not twice ${JSON.stringify(e)} ${where}`);
      }
    });
    for (let i = 0; i < a.timeline.steps; i++) {
      equal(b.timeline.venues.pool.price[i], a.timeline.venues.pool.price[i], `pool price at step ${i} ${where}`);
      equal(b.timeline.venues.pool.depth5[i], 2 * a.timeline.venues.pool.depth5[i], `depth at step ${i} ${where}`);
    }
    equal(b.summary.badDebt, 2 * a.summary.badDebt, `bad debt ${where}`);
    equal(b.summary.slippagePaid, 2 * a.summary.slippagePaid, `slippage ${where}`);
    compared += a.events.length;
  }
  assert(compared > 1000, `liquidations compared: ${compared}`);
});

test(`properties: listing the positions in reverse changes which index is liquidated, nothing else`, () => {
  let compared = 0;
  for (const s of scenarios(13)) {
    const reversed = { ...s, protocols: lending(s).map((p) => ({ ...p, positions: [...p.positions].reverse() })) };
    const a = simulate(s, { counterfactual: false });
    const b = simulate(reversed, { counterfactual: false });
    const where = `in ${JSON.stringify(s)}`;
    equal(b.timeline.steps, a.timeline.steps, `steps ${where}`);
    for (let i = 0; i < a.timeline.steps; i++) {
      equal(b.timeline.liquidations[i], a.timeline.liquidations[i], `liquidations at step ${i} ${where}`);
      equal(b.timeline.venues.pool.price[i], a.timeline.venues.pool.price[i], `pool price at step ${i} ${where}`);
    }
    // the same liquidations, position by position (identical positions may trade places)
    const n = Object.fromEntries(lending(s).map((p) => [p.id, p.positions.length]));
    const key = (e: Extract<SimEvent, { kind: "liquidation" }>, flip: boolean) => {
      const p = lending(s).find((x) => x.id === e.protocol) as { positions: Position[] };
      const at = flip ? n[e.protocol] - 1 - e.position : e.position;
      return `${e.step} ${e.protocol} ${JSON.stringify(p.positions[at])} ${e.repaid} ${e.seized} ${e.fee} ${e.agent}`;
    };
    const ka = eventsOf(a.events, "liquidation")
      .map((e) => key(e, false))
      .sort();
    const kb = eventsOf(b.events, "liquidation")
      .map((e) => key(e, true))
      .sort();
    equal(kb.join("\n"), ka.join("\n"), `liquidations ${where}`);
    // bad debt is added up in another order where healths tie
    near(b.summary.badDebt, a.summary.badDebt, 1e-12 * a.summary.badDebt, `bad debt ${where}`);
    compared += a.events.length;
  }
  assert(compared > 1000, `liquidations compared: ${compared}`);
});

/** The scenario with every list and map in another order: shuffled lists, reversed maps. */
function permuted(s: Scenario, r: () => number): Scenario {
  const shuffle = <T>(xs: readonly T[] | undefined): T[] | undefined => {
    if (!xs) return xs;
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const reversed = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).reverse());
  return {
    ...s,
    assets: shuffle(s.assets) ?? [],
    venues: shuffle(s.venues) ?? [],
    oracles: shuffle(s.oracles),
    protocols: shuffle(s.protocols)?.map((p) =>
      p.type === "lending" ? { ...p, oracles: reversed(p.oracles), markets: reversed(p.markets) } : p,
    ),
    liquidators: shuffle(s.liquidators),
    dealers: shuffle(s.dealers),
    arbitrageurs: shuffle(s.arbitrageurs),
    shock: shuffle(s.shock),
    mitigations: shuffle(s.mitigations),
  };
}

/** Every number of a result, in an order that does not depend on how the scenario was listed. */
function figures(result: { summary: object; timeline: object }): string {
  const walk = (x: unknown): unknown => {
    if (x instanceof Float64Array) return Array.from(x, (v) => (Number.isNaN(v) ? "NaN" : v));
    if (x === null || typeof x !== "object") return typeof x === "number" && !Number.isFinite(x) ? String(x) : x;
    return Object.fromEntries(
      Object.keys(x)
        .sort()
        .map((k) => [k, walk((x as Record<string, unknown>)[k])]),
    );
  };
  return JSON.stringify(walk({ summary: result.summary, timeline: result.timeline }));
}

test("properties: listing venues, oracles, protocols, liquidators, dealers, arbitrageurs, shocks or mitigations in another order changes no number", () => {
  const r = rng(31);
  const cases: Scenario[] = [
    designExample,
    presets.sharedOracle,
    presets.commonCollateral,
    presets.gammaSqueeze,
    presets.thinMarketAuction,
    presets.thinMarketInsurance,
    presets.thinMarketBackstop,
    presets.thinMarketIncentive,
    ...scenarios(17).slice(0, 30),
  ];
  for (const s of cases) {
    const want = figures(simulate(s));
    for (let k = 0; k < 3; k++) {
      const p = permuted(s, r);
      const got = figures(simulate(p));
      if (got !== want)
        throw new AssertionError(`${s.name}: the result changed when listed as ${JSON.stringify(p).slice(0, 2000)}`);
    }
  }
});
