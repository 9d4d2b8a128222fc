// Properties of the cascade engine on random lending scenarios (scenarios.ts randomLending), each
// true whatever the scenario: what the step may never do, and what it must be blind to — the
// unit amounts are counted in, and the order positions are listed in.
import { type LendingSpec, type Scenario, type SimEvent, simulate } from "fracture";
import { AssertionError, assert, equal, near, rng, test } from "./harness.ts";
import { randomLending } from "./scenarios.ts";

const SCENARIOS = 100;

function scenarios(seed: number, filter: (s: Scenario) => Scenario = (s) => s): Scenario[] {
  const r = rng(seed);
  return Array.from({ length: SCENARIOS }, (_, k) => filter(randomLending(r, k)));
}

const lending = (s: Scenario) => s.protocols as (LendingSpec & { positions: Position[] })[];
type Position = { collateral: Record<string, number>; debt: Record<string, number> };

test(`properties: ${SCENARIOS} random lending scenarios never break the step's invariants`, () => {
  let events = 0;
  for (const s of scenarios(7)) {
    const { timeline: t, summary, events: es } = simulate(s, { counterfactual: false });
    const where = `in ${JSON.stringify(s)}`;
    assert(t.steps >= 1 && t.steps <= s.steps, `steps run ${t.steps} ${where}`);
    // bad debt only grows, and the timeline ends where the summary does
    for (let i = 1; i < t.steps; i++) assert(t.badDebt[i] >= t.badDebt[i - 1], `bad debt fell at step ${i} ${where}`);
    near(t.badDebt[t.steps - 1], summary.badDebt, 1e-12 * summary.badDebt, `final bad debt ${where}`);
    const once = new Set<string>();
    const used = new Map<string, number>();
    for (const e of es) {
      const l = (s.liquidators ?? [])[e.agent];
      assert(l !== undefined, `a liquidation without a liquidator ${where}`);
      // each liquidation repays and seizes something, and the fee is a part of the seizure
      assert(e.a > 0 && e.b > 0 && e.c >= 0 && e.c < e.b, `amounts ${e.a} ${e.b} ${e.c} ${where}`);
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
    a.events.forEach((e, i) => {
      const f = b.events[i];
      const same = f.step === e.step && f.position === e.position && f.agent === e.agent;
      if (!same || f.a !== 2 * e.a || f.b !== 2 * e.b || f.c !== 2 * e.c) {
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
    const key = (e: SimEvent, flip: boolean) => {
      const p = lending(s).find((x) => x.id === e.protocol) as { positions: Position[] };
      const at = flip ? n[e.protocol] - 1 - e.position : e.position;
      return `${e.step} ${e.protocol} ${JSON.stringify(p.positions[at])} ${e.a} ${e.b} ${e.c} ${e.agent}`;
    };
    const ka = a.events.map((e) => key(e, false)).sort();
    const kb = b.events.map((e) => key(e, true)).sort();
    equal(kb.join("\n"), ka.join("\n"), `liquidations ${where}`);
    // bad debt is added up in another order where healths tie
    near(b.summary.badDebt, a.summary.badDebt, 1e-12 * a.summary.badDebt, `bad debt ${where}`);
    compared += a.events.length;
  }
  assert(compared > 1000, `liquidations compared: ${compared}`);
});
