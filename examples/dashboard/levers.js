// The dashboard's levers: each is a row of this table — the sliders it shows, where they start on a
// scenario, and how their values change a copy of it. The page builds its panel from LEVERS, so a
// new lever is one more row. Plain functions of scenario JSON: no fracture import here.
//
// A lever: { id, group, label, optional?, params: [{ key, label, min, max, step, log?, integer?, format }],
//   available(scenario, ctx) → boolean, initial(scenario, ctx) → { key: value },
//   apply(scenario, values, ctx) → scenario }
// ctx = { asset, mitigations }: the asset the shock and the charts are about, and the mitigation
// types the worker's fracture knows (scenario.mitigations). An `optional` lever has an "on" box:
// while it is off the scenario keeps its own settings. A `log` parameter's slider moves over
// log10 of [min, max] (its step in those units); an `integer` one's values are rounded.

const pct = (x) => `${Math.round(x * 100)}%`;
const times = (x) => `×${x.toFixed(2)}`;
const clone = (s) => structuredClone(s);
/** An amount in quote units: 12.3M, 450k. */
export const compact = (x) =>
  x >= 1e9
    ? `${+(x / 1e9).toPrecision(3)}B`
    : x >= 1e6
      ? `${+(x / 1e6).toPrecision(3)}M`
      : x >= 1e3
        ? `${+(x / 1e3).toPrecision(3)}k`
        : `${+x.toPrecision(3)}`;
/** A slider over amounts from 10,000 to 1 billion on a log scale (one size fits a 60M and a 600M market). */
const money = (value) => ({ min: 1e4, max: 1e9, step: 0.01, log: true, value, format: compact });

/** The outside-market shocks of an asset: they set its exogenous price. */
const outside = (shock, asset) => ["path", "drop", "crash"].includes(shock.type) && shock.asset === asset;

/**
 * How far, over how many steps and pulled how hard, the scenario's own shocks move the asset's
 * outside market down; without one, a 30% drop over 10 steps pulled at 0.5 (solvencyBoundary's pull).
 */
function ownFall(s, asset) {
  const own = (s.shock ?? []).filter((x) => outside(x, asset));
  for (const x of own) {
    if (x.type === "drop") return { fraction: x.fraction, steps: x.steps ?? 1, pull: x.pull ?? 1 };
    if (x.type === "crash") return { fraction: x.fraction, steps: 1, pull: x.pull ?? 1 };
    if (x.type === "path") {
      const low = x.prices.indexOf(Math.min(...x.prices));
      const fraction = Math.round((1 - x.prices[low] / x.prices[0]) * 100) / 100;
      return { fraction, steps: Math.max(1, low * (x.everySteps ?? 1)), pull: x.pull ?? 0.5 };
    }
  }
  return { fraction: 0.3, steps: 10, pull: 0.5 };
}

/** Every venue trading `asset` made k times as deep at the same price. */
function deeper(venue, k) {
  const v = clone(venue);
  if (v.type === "constantProduct" || v.type === "stableSwap") {
    v.reserveBase *= k;
    v.reserveQuote *= k;
  } else if (v.type === "concentratedLiquidity") {
    for (const p of v.positions) p.liquidity *= k;
  } else if (v.type === "orderBook") {
    if (v.profile) v.profile.qtyPerLevel *= k;
    if (v.snapshot) for (const side of [v.snapshot.bids, v.snapshot.asks]) for (const level of side) level[1] *= k;
  }
  return v;
}

/**
 * A lever over one numeric field of one mitigation of `scenario.mitigations`: shown only when the
 * worker's fracture knows the type; on, it adds the mitigation (or sets the field of the scenario's own).
 * For example, once a circuit breaker exists: mitigationLever("circuitBreaker", "tripBps", { label:
 * "circuit breaker trips at", min: 100, max: 3000, step: 50, value: 1000, format: (x) => `${x} bps` }).
 */
export function mitigationLever(type, key, { label, min, max, step, log = false, value, format = String }) {
  const own = (s) => (s.mitigations ?? []).find((m) => m.type === type);
  return {
    id: type,
    group: "mitigation",
    label: `${type}: ${label}`,
    optional: true,
    params: [{ key, label: key, min, max, step, log, format }],
    available: (_s, ctx) => ctx.mitigations.includes(type),
    initial: (s) => ({ [key]: own(s)?.[key] ?? value }),
    // a mitigation the scenario lacks acts on the dashboard's asset; the scenario's own keeps its settings
    apply: (s, values, ctx) => {
      const mine = own(s);
      const list = s.mitigations ?? [];
      return {
        ...s,
        mitigations: mine
          ? list.map((m) => (m === mine ? { ...m, ...values } : m))
          : [...list, { type, asset: ctx.asset, ...values }],
      };
    },
  };
}

export const LEVERS = [
  {
    id: "drop",
    group: "shock",
    label:
      "Drop of the outside market (replaces the asset's path, drop and crash shocks; pull: the share of the gap arbitrageurs close each step)",
    optional: true,
    params: [
      { key: "fraction", label: "drop", min: 0, max: 0.9, step: 0.01, format: pct },
      { key: "steps", label: "over steps", min: 1, max: 20000, step: 0.01, log: true, integer: true, format: String },
      { key: "pull", label: "pull", min: 0, max: 1, step: 0.05, format: (x) => x.toFixed(2) },
    ],
    available: () => true,
    initial: (s, ctx) => ownFall(s, ctx.asset),
    apply: (s, { fraction, steps, pull }, ctx) => ({
      ...s,
      shock: [
        ...(s.shock ?? []).filter((x) => !outside(x, ctx.asset)),
        { type: "drop", asset: ctx.asset, fraction, steps, pull },
      ],
    }),
  },
  {
    id: "depth",
    group: "mitigation",
    label: "Depth of the asset's venues (reserves, liquidity, makers' quantities)",
    params: [{ key: "k", label: "depth", min: 0.25, max: 4, step: 0.05, format: times }],
    available: () => true,
    initial: () => ({ k: 1 }),
    apply: (s, { k }, ctx) =>
      k === 1 ? s : { ...s, venues: s.venues.map((v) => (v.base === ctx.asset ? deeper(v, k) : v)) },
  },
  {
    id: "blockSpace",
    group: "mitigation",
    label: "Liquidators' block space (each one's maxPerStep)",
    params: [{ key: "k", label: "block space", min: 0.25, max: 10, step: 0.25, format: times }],
    // only where some liquidator is limited: unlimited block space stays unlimited
    available: (s) => (s.liquidators ?? []).some((l) => l.maxPerStep !== undefined),
    initial: () => ({ k: 1 }),
    apply: (s, { k }) => ({
      ...s,
      liquidators: (s.liquidators ?? []).map((l) =>
        l.maxPerStep === undefined ? l : { ...l, maxPerStep: Math.max(1, Math.round(l.maxPerStep * k)) },
      ),
    }),
  },
  // scenario.mitigations (README, "Mitigations"): one row per mechanism, over its main parameter.
  // The rules mechanisms join the same way: mitigationLever("circuitBreaker", "tripBps", { … }).
  mitigationLever("internalAuction", "capital", { label: "liquidators' committed capital", ...money(1e7) }),
  mitigationLever("insurance", "capacity", { label: "fund capacity", ...money(1e7) }),
  mitigationLever("backstop", "capacity", { label: "pooled capacity", ...money(2e7) }),
  mitigationLever("liquidityIncentive", "budget", { label: "incentive budget", ...money(1e6) }),
];

/** The assets some venue trades, the default first: the first with a vol (as liquidationLadder picks). */
export function tradedAssets(s) {
  const traded = s.assets.filter((a) => s.venues.some((v) => v.base === a.id));
  const first = traded.find((a) => (a.vol ?? 0) > 0) ?? traded[0];
  return first ? [first.id, ...traded.filter((a) => a !== first).map((a) => a.id)] : [];
}

/** The scenario with every lever that is on applied, in the table's order. */
export function applyLevers(s, state, ctx) {
  let out = s;
  for (const lever of LEVERS) {
    const st = state[lever.id];
    if (st && (st.on || !lever.optional) && lever.available(s, ctx)) out = lever.apply(out, st.values, ctx);
  }
  return out;
}
