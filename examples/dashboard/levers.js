// The dashboard's levers: each is a row of this table — the sliders it shows, where they start on a
// scenario, and how their values change a copy of it. The page builds its panel from LEVERS, so a
// new lever is one more row. Plain functions of scenario JSON: no fracture import here.
//
// A lever: { id, group, label, optional?, params: [{ key, label, min, max (or (scenario) → max), step, log?, integer?, format }],
//   available(scenario, ctx) → true, false (not shown) or why not (shown disabled with it), initial(scenario, ctx) → { key: value },
//   apply(scenario, values, ctx) → scenario, counterfactual?: false (moving it changes nothing the
//   exogenous counterfactual reads: the page keeps the last one) }
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

/** The lending and cdp protocols: what the rules mechanisms (circuit breaker, dynamic margin) act on. */
const lenders = (s) => (s.protocols ?? []).filter((p) => p.type === "lending" || p.type === "cdp");

/** The first lending protocol (by id) with two or more collateral markets: where segmentation applies (as compareMitigations picks). */
function segmentable(s) {
  const found = (s.protocols ?? [])
    .filter((p) => p.type === "lending" && Object.keys(p.markets).length >= 2)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return found[0];
}

/** A protocol's collateral markets in the order of their ids. */
const marketsOf = (p) => Object.keys(p.markets).sort();

/** The markets of lending protocol `p` split, in the order of their ids, into k baskets of consecutive markets. */
function baskets(p, k) {
  const markets = marketsOf(p);
  const n = Math.max(1, Math.min(k, markets.length));
  return Array.from({ length: n }, (_, b) =>
    markets.slice(Math.floor((b * markets.length) / n), Math.floor(((b + 1) * markets.length) / n)),
  );
}

/** The collateral assets a dynamic margin follows: each lending market's, each cdp collateral type's. */
const followed = (s) =>
  lenders(s).flatMap((p) =>
    p.type === "lending" ? Object.keys(p.markets) : (p.ilks?.map((il) => il.collateral) ?? [p.collateral]),
  );

/**
 * A lever over one numeric field of one mitigation of `scenario.mitigations`: shown only when the
 * worker's fracture knows the type; on, it adds the mitigation (or sets the field of the scenario's own).
 * `entry(s, ctx)` is the mitigation added where the scenario has none (default: one acting on the
 * dashboard's asset, as the absorbers do), or a string: why the scenario does not accept one (the
 * lever is then shown disabled with it). `read(m)` and `write(m, value, s)` map the slider's value
 * from and into a mitigation (default: its field `key`).
 * For example: mitigationLever("circuitBreaker", "tripBps", { label: "trips at a fall of", min: 100,
 * max: 3000, step: 50, value: 1000, format: (x) => `${x} bps`, entry: () => ({ type: "circuitBreaker" }) }).
 */
export function mitigationLever(
  type,
  key,
  {
    label,
    min,
    max,
    step,
    log = false,
    integer = false,
    value,
    format = String,
    entry = (_s, ctx) => ({ type, asset: ctx.asset }),
    read = (m) => m[key],
    write = (m, x) => ({ ...m, [key]: x }),
  },
) {
  const own = (s) => (s.mitigations ?? []).find((m) => m.type === type);
  return {
    id: type,
    group: "mitigation",
    label: `${type}: ${label}`,
    optional: true,
    counterfactual: false, // it changes only scenario.mitigations, which the exogenous counterfactual has none of
    params: [{ key, label: key, min, max, step, log, integer, format }],
    // the scenario's own mitigation is always accepted; a new one where its entry says so
    available: (s, ctx) => {
      if (!ctx.mitigations.includes(type)) return false;
      if (own(s)) return true;
      const made = entry(s, ctx);
      return typeof made === "string" ? made : true;
    },
    initial: (s) => {
      const m = own(s);
      return { [key]: (m && read(m, s)) ?? value };
    },
    // a mitigation the scenario lacks is added from its entry; the scenario's own keeps its other settings
    apply: (s, values, ctx) => {
      const mine = own(s);
      const list = s.mitigations ?? [];
      return {
        ...s,
        mitigations: mine
          ? list.map((m) => (m === mine ? write(m, values[key], s) : m))
          : [...list, write(entry(s, ctx), values[key], s)],
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
  // The rules mechanisms act on protocols, not on the dashboard's asset: their entries name no asset.
  mitigationLever("circuitBreaker", "tripBps", {
    label: "trips at a fall within its window of",
    min: 100,
    max: 5000,
    step: 50,
    value: 1000,
    format: (x) => `${x} bps`,
    entry: (s) => (lenders(s).length > 0 ? { type: "circuitBreaker" } : "no lending or cdp protocol for it to act on"),
  }),
  mitigationLever("segmentation", "baskets", {
    label: "collateral baskets (1: pooled; as many as markets: each collateral isolated)",
    min: 1,
    max: (s) => {
      const m = (s.mitigations ?? []).find((x) => x.type === "segmentation");
      const p = m ? s.protocols.find((x) => x.id === m.protocol) : segmentable(s);
      return p?.type === "lending" ? marketsOf(p).length : 1;
    },
    step: 1,
    integer: true,
    value: 2,
    entry: (s) => {
      const p = segmentable(s);
      return p ? { type: "segmentation", protocol: p.id } : "no lending protocol with two or more collateral markets";
    },
    // the count of baskets: the listed ones, and one more when some market is in none
    read: (m, s) => {
      const p = (s.protocols ?? []).find((x) => x.id === m.protocol);
      const listed = new Set(m.baskets.flat());
      return m.baskets.length + (p && marketsOf(p).some((a) => !listed.has(a)) ? 1 : 0);
    },
    write: (m, k, s) => ({
      ...m,
      baskets: baskets(
        s.protocols.find((x) => x.id === m.protocol),
        k,
      ),
    }),
  }),
  mitigationLever("dynamicMargin", "maxCut", {
    label: "largest cut of the liquidation threshold",
    min: 0,
    max: 0.9,
    step: 0.01,
    value: 0.2,
    format: pct,
    entry: (s) => {
      if (lenders(s).length === 0) return "no lending or cdp protocol for it to act on";
      const calmless = followed(s).find((a) => !((s.assets.find((x) => x.id === a)?.vol ?? 0) > 0));
      return calmless === undefined
        ? { type: "dynamicMargin" }
        : `asset ${calmless} has no vol (the calm σ₀ of its cut)`;
    },
  }),
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
    if (st && (st.on || !lever.optional) && lever.available(s, ctx) === true) out = lever.apply(out, st.values, ctx);
  }
  return out;
}
