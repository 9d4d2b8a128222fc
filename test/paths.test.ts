// Generated price paths (generatePaths, assembly/paths.ts): the same bits for path i in any batch;
// each model's moments within ~4 standard errors of theory; bootstrap blocks from the series;
// correlations recovered; and the scenario checks that name the field to change.
import {
  type AssetSpec,
  type CorrelationSpec,
  generatePaths,
  init,
  pathColumn,
  type Scenario,
  ScenarioError,
} from "fracture";
import eth from "./fixtures/eth_usd_2020_03_12.json" with { type: "json" };
import { assert, equal, near, test, throws } from "./harness.ts";

/** The assets given, USDC (no vol: constant) and a pool, so the scenario is whole. */
function market(assets: AssetSpec[], extra: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: "paths",
    steps: 250,
    stepSeconds: 86_400, // daily steps
    assets: [...assets, { id: "USDC", price: 1 }],
    venues: [
      {
        id: "pool",
        type: "constantProduct",
        base: assets[0].id,
        quote: "USDC",
        reserveBase: 1000,
        reserveQuote: 1000 * assets[0].price,
      },
    ],
    ...extra,
  };
}

/** Per-step log returns of one asset over every path of a batch, path after path. */
function returns(paths: ReturnType<typeof generatePaths>, asset: string): Float64Array {
  const out = new Float64Array(paths.count * paths.steps);
  for (let p = 0; p < paths.count; p++) {
    const col = pathColumn(paths, paths.first + p, asset);
    for (let t = 1; t <= paths.steps; t++) out[p * paths.steps + t - 1] = Math.log(col[t] / col[t - 1]);
  }
  return out;
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return s / (x.length - 1);
}

/** Pearson correlation of two equally long samples. */
function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Lag-1 autocorrelation of the squared returns within each path, pooled. */
function squaredAutocorrelation(r: Float64Array, steps: number): number {
  const a: number[] = [];
  const b: number[] = [];
  for (let p = 0; p < r.length / steps; p++) {
    for (let t = 1; t < steps; t++) {
      a.push(r[p * steps + t - 1] ** 2);
      b.push(r[p * steps + t] ** 2);
    }
  }
  return correlation(a, b);
}

const same = (a: Float64Array, b: Float64Array) =>
  a.length === b.length &&
  new Uint8Array(a.buffer, a.byteOffset, a.byteLength).every(
    (x, i) => x === new Uint8Array(b.buffer, b.byteOffset, b.byteLength)[i],
  );

const ETH_RETURNS: number[] = eth.logReturns.values;

/** Every model at once, with correlations: what the determinism checks run on. */
function everything(): Scenario {
  return market(
    [
      { id: "ETH", price: 2000, vol: 0.8 },
      {
        id: "BTC",
        price: 60_000,
        vol: 0.6,
        model: { type: "merton", jumpsPerYear: 12, jumpMean: -0.05, jumpVol: 0.1, drift: 0.05 },
      },
      { id: "SOL", price: 150, vol: 1.1, model: { type: "garch", alpha: 0.1, beta: 0.85, nu: 5 } },
      { id: "ETHX", price: 195.21, model: { type: "bootstrap", returns: ETH_RETURNS, blockSteps: 6 } },
      {
        id: "ETH2X",
        price: 195.21,
        model: { type: "bootstrap", returns: ETH_RETURNS.map((r) => 2 * r), blockSteps: 6 },
      },
    ],
    {
      stepSeconds: 600,
      seed: 99,
      correlations: [
        { assets: ["ETH", "BTC"], rho: 0.8 },
        { assets: ["SOL", "ETH"], rho: 0.5 },
        { assets: ["BTC", "SOL"], rho: 0.4 },
      ],
    },
  );
}

// ---- determinism -------------------------------------------------------------------------------

test("paths: path 7 is the same bits alone, in a batch of 100 from 0 and in a batch from 5, for every model", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const s = everything();
  const alone = generatePaths(s, { first: 7, count: 1 });
  const from0 = generatePaths(s, { count: 100 });
  const from5 = generatePaths(s, { first: 5, count: 100 });
  equal(alone.assets.join(","), "BTC,ETH,ETH2X,ETHX,SOL", "the modelled assets, in id order (USDC has no vol)");
  for (const a of alone.assets) {
    const one = pathColumn(alone, 7, a);
    assert(same(one, pathColumn(from0, 7, a)), `${a}: alone and in the batch from 0`);
    assert(same(one, pathColumn(from5, 7, a)), `${a}: alone and in the batch from 5`);
    assert(!same(one, pathColumn(from0, 8, a)), `${a}: path 8 differs`);
    equal(one.length, 251, `${a}: steps + 1 prices`);
    equal(one[0], s.assets.find((x) => x.id === a)?.price, `${a}: element 0 is the start price`);
  }
});

test("paths: a path is the same bits across the core's chunks and with another seed it differs", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const s = everything();
  const big = generatePaths(s, { count: 2000, steps: 250 }); // more than one call of the core
  for (const i of [0, 834, 835, 836, 1999]) {
    const alone = generatePaths(s, { first: i, count: 1 });
    for (const a of alone.assets) assert(same(pathColumn(alone, i, a), pathColumn(big, i, a)), `path ${i}, ${a}`);
  }
  const other = generatePaths(s, { seed: 100, first: 7, count: 1 });
  assert(!same(pathColumn(other, 7, "ETH"), pathColumn(big, 7, "ETH")), "seed 100 is another path");
  assert(
    same(pathColumn(generatePaths(s, { seed: 99, count: 8 }), 7, "ETH"), pathColumn(big, 7, "ETH")),
    "seed 99 is the scenario's",
  );
});

test("paths: listing order, other assets and vol without a model change no asset's path", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const s = everything();
  const base = generatePaths(s, { count: 20 });
  const shuffled = {
    ...s,
    assets: [...s.assets].reverse(),
    correlations: [
      { assets: ["SOL", "BTC"], rho: 0.4 },
      { assets: ["BTC", "ETH"], rho: 0.8 },
      { assets: ["ETH", "SOL"], rho: 0.5 },
    ] satisfies CorrelationSpec[],
  };
  const more = { ...s, assets: [{ id: "AAA", price: 1, vol: 0.3 }, ...s.assets] };
  const explicit = {
    ...s,
    assets: s.assets.map((a) => (a.id === "ETH" ? { ...a, model: { type: "gbm" as const } } : a)),
  };
  for (const [what, x] of [
    ["reordered", shuffled],
    ["another asset", more],
    ["explicit gbm", explicit],
  ] as const) {
    const p = generatePaths(x, { count: 20 });
    for (const a of base.assets)
      for (const i of [0, 13, 19]) assert(same(pathColumn(p, i, a), pathColumn(base, i, a)), `${what}: ${a} path ${i}`);
  }
});

// ---- the models' statistics -----------------------------------------------------------------------

test("paths: GBM's log returns have mean (drift − σ²/2)·dt and variance σ²·dt", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const vol = 1.5;
  const drift = 0.3;
  const s = market([{ id: "ETH", price: 2000, vol, model: { type: "gbm", drift } }]);
  const p = generatePaths(s, { count: 2000 });
  const r = returns(p, "ETH");
  const dt = 1 / 365;
  const n = r.length;
  const sd = vol * Math.sqrt(dt);
  near(mean(r), (drift - vol ** 2 / 2) * dt, (4 * sd) / Math.sqrt(n), "mean");
  near(variance(r), vol ** 2 * dt, 4 * vol ** 2 * dt * Math.sqrt(2 / n), "variance");
  near(squaredAutocorrelation(r, p.steps), 0, 4 / Math.sqrt(n), "no clustering");
});

test("paths: Merton's jumps are Poisson(λ·dt) a step and its drift is compensated, E[S_T] = S_0·e^(drift·T)", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const dt = 1 / 365;
  // pure jumps of −0.1: each step's log return is c + m·N, N the step's jumps
  const lambda = 50;
  const m = -0.1;
  const pure = market([
    { id: "ETH", price: 2000, model: { type: "merton", jumpsPerYear: lambda, jumpMean: m, jumpVol: 0 } },
  ]);
  const p = generatePaths(pure, { count: 2000 });
  const r = returns(p, "ETH");
  const c = -lambda * (Math.exp(m) - 1) * dt;
  const counts = new Float64Array(p.count);
  for (let i = 0; i < r.length; i++) {
    const k = Math.round((r[i] - c) / m);
    assert(Math.abs(r[i] - c - m * k) < 1e-9, `step ${i}: a whole number of jumps`);
    counts[Math.floor(i / p.steps)] += k;
  }
  const expected = lambda * dt * p.steps;
  near(mean(counts), expected, 4 * Math.sqrt(expected / p.count), "jumps a path");
  near(variance(counts) / mean(counts), 1, 4 * Math.sqrt(2 / p.count), "Poisson: variance over mean");

  // with diffusion and random jump sizes: the mean price after T
  const drift = 0.2;
  const s = market([
    {
      id: "ETH",
      price: 2000,
      vol: 0.6,
      model: { type: "merton", jumpsPerYear: 20, jumpMean: -0.05, jumpVol: 0.1, drift },
    },
  ]);
  const q = generatePaths(s, { count: 4000 });
  const last = Float64Array.from({ length: q.count }, (_, i) => pathColumn(q, i, "ETH")[q.steps]);
  near(
    mean(last),
    2000 * Math.exp(drift * q.steps * dt),
    (4 * Math.sqrt(variance(last))) / Math.sqrt(q.count),
    "E[S_T]",
  );
});

test("paths: GARCH's variance is the asset's vol in the long run and clusters; a GBM beside it does not", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const vol = 0.8;
  const s = market([
    { id: "ETH", price: 2000, vol, model: { type: "garch", alpha: 0.08, beta: 0.9, nu: 8 } },
    { id: "BTC", price: 60_000, vol },
  ]);
  const p = generatePaths(s, { count: 2000 });
  const r = returns(p, "ETH");
  // E[r²] = σ²·dt at every step (paths start at the long-run variance); per-path means are independent
  const perPath = Float64Array.from({ length: p.count }, (_, i) =>
    mean(r.subarray(i * p.steps, (i + 1) * p.steps).map((x) => x * x)),
  );
  near(mean(perPath), vol ** 2 / 365, (4 * Math.sqrt(variance(perPath))) / Math.sqrt(p.count), "long-run variance");
  const clustered = squaredAutocorrelation(r, p.steps);
  assert(clustered > 0.1, `squared returns are autocorrelated: ${clustered}`);
  const control = squaredAutocorrelation(returns(p, "BTC"), p.steps);
  near(control, 0, 4 / Math.sqrt(r.length), "GBM: no clustering");
});

test("paths: GARCH's Student-t shocks have unit variance and fat tails (kurtosis 3 + 6/(ν − 4))", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const omega = 1e-4;
  const nu = 10;
  const s = market([{ id: "ETH", price: 2000, model: { type: "garch", omega, alpha: 0, beta: 0, nu } }]);
  const r = returns(generatePaths(s, { count: 2000 }), "ETH");
  const n = r.length;
  const r2 = r.map((x) => x * x);
  const r4 = r.map((x) => x ** 4);
  near(mean(r2), omega, (4 * Math.sqrt(variance(r2))) / Math.sqrt(n), "variance ω: the shocks have unit variance");
  const kurtosis = mean(r4) / mean(r2) ** 2;
  const se = Math.sqrt(variance(r4)) / mean(r2) ** 2 / Math.sqrt(n);
  near(kurtosis, 3 + 6 / (nu - 4), 4 * se, "kurtosis");
  assert(kurtosis > 3 + 4 * se, `fat tails: kurtosis ${kurtosis}`);
});

test("paths: a bootstrap draws only the series' returns, in blocks of mean blockSteps, the same blocks for every bootstrap asset", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const s = everything();
  const p = generatePaths(s, { count: 300, steps: 500 });
  const r = returns(p, "ETHX");
  const r2 = returns(p, "ETH2X");
  const sorted = ETH_RETURNS.map((x, k) => [x, k]).sort((a, b) => a[0] - b[0]);
  const indexOf = (x: number): number => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid][0] < x) lo = mid + 1;
      else hi = mid;
    }
    const best = [lo - 1, lo]
      .filter((k) => k >= 0)
      .sort((a, b) => Math.abs(sorted[a][0] - x) - Math.abs(sorted[b][0] - x))[0];
    return Math.abs(sorted[best][0] - x) < 1e-12 ? sorted[best][1] : -1;
  };
  const m = ETH_RETURNS.length;
  let breaks = 0;
  let transitions = 0;
  for (let path = 0; path < p.count; path++) {
    let prev = -1;
    for (let t = 0; t < p.steps; t++) {
      const i = path * p.steps + t;
      const k = indexOf(r[i]);
      assert(k >= 0, `path ${path} step ${t}: ${r[i]} is a return of the series`);
      assert(
        Math.abs(r2[i] - 2 * r[i]) < 1e-12,
        `path ${path} step ${t}: the other bootstrap asset took the same return`,
      );
      if (prev >= 0) {
        transitions++;
        if (k !== (prev + 1) % m) breaks++;
      }
      prev = k;
    }
  }
  // a new block starts with probability 1/6 (at the next index by chance with 1/m)
  const q = (1 / 6) * (1 - 1 / m);
  near(breaks / transitions, q, 4 * Math.sqrt((q * (1 - q)) / transitions), "share of steps that start a new block");
});

test("paths: correlated assets' shocks recover their correlations; pairs not listed stay independent", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const s = market(
    [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "BTC", price: 60_000, vol: 0.6 },
      { id: "SOL", price: 150, vol: 1.2 },
      { id: "DOGE", price: 0.1, vol: 1.5 },
    ],
    {
      correlations: [
        { assets: ["ETH", "BTC"], rho: 0.8 },
        { assets: ["SOL", "ETH"], rho: -0.3 },
      ],
    },
  );
  const p = generatePaths(s, { count: 1000 });
  const [e, b, so, d] = ["ETH", "BTC", "SOL", "DOGE"].map((a) => returns(p, a));
  const n = e.length;
  const se = (rho: number) => (4 * (1 - rho * rho)) / Math.sqrt(n);
  near(correlation(e, b), 0.8, se(0.8), "ETH–BTC");
  near(correlation(so, e), -0.3, se(-0.3), "SOL–ETH");
  near(correlation(b, so), 0, se(0), "BTC–SOL: a pair not listed is 0, though both are correlated with ETH");
  near(correlation(d, e), 0, se(0), "DOGE–ETH");
  near(variance(b), 0.36 / 365, 4 * (0.36 / 365) * Math.sqrt(2 / n), "BTC keeps its own variance");

  // a GARCH shock is the correlated normal over its own √(χ²_ν/(ν − 2)): its correlation is
  // rho × E[√((ν − 2)/χ²_ν)], 4√3/(3√(2π)) = 0.9213 at ν = 5
  const g = market(
    [
      { id: "ETH", price: 2000, vol: 0.8, model: { type: "garch", alpha: 0, beta: 0, nu: 5 } },
      { id: "BTC", price: 60_000, vol: 0.6 },
    ],
    { correlations: [{ assets: ["ETH", "BTC"], rho: 0.8 }] },
  );
  const q = generatePaths(g, { count: 1000 });
  const rho = 0.8 * ((4 * Math.sqrt(3)) / (3 * Math.sqrt(2 * Math.PI)));
  near(correlation(returns(q, "ETH"), returns(q, "BTC")), rho, se(rho), "GARCH–GBM");
});

// ---- the scenario's checks ---------------------------------------------------------------------------

const three = (rho: [number, number, number]) =>
  market(
    [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "BTC", price: 60_000, vol: 0.6 },
      { id: "SOL", price: 150, vol: 1.2 },
    ],
    {
      correlations: [
        { assets: ["ETH", "BTC"], rho: rho[0] },
        { assets: ["BTC", "SOL"], rho: rho[1] },
        { assets: ["ETH", "SOL"], rho: rho[2] },
      ],
    },
  );

test("paths: correlations that are not positive semi-definite are refused, naming the entry and the range that would do", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const err = throws(
    () => generatePaths(three([0.9, 0.9, -0.9]), { count: 1 }),
    ScenarioError,
    /correlations\[2\]\.rho/,
  ) as ScenarioError;
  equal(
    err.message,
    "correlations[2].rho: the correlations are not positive semi-definite: ETH–SOL -0.9 cannot hold with ETH–BTC 0.9 and BTC–SOL 0.9 (the matrix's leading minor over ETH, BTC, SOL is negative); with the others as given, it must lie in [0.62, 1]",
    "message",
  );
  // two correlations of 1 leave the third no choice (the factor's zero pivots must not hide it)
  throws(
    () => generatePaths(three([1, 0.5, 1]), { count: 1 }),
    ScenarioError,
    /^correlations\[2\]\.rho: .*ETH–SOL 1 cannot hold with ETH–BTC 1 and BTC–SOL 0\.5 .*; with the others as given, it must be 0\.5$/,
  );
  // at the bounds it passes (a correlation of 1 is semi-definite: SOL's shocks copy a mix of the others)
  generatePaths(three([0.9, 0.9, 0.62]), { count: 1 });
  const edge = generatePaths(three([1, 1, 1]), { count: 1 });
  near(correlation(returns(edge, "ETH"), returns(edge, "SOL")), 1, 1e-9, "ρ = 1: the same shocks");
});

test("paths: GARCH needs α + β < 1 and a long-run variance; bootstrap assets share one length; correlations name modelled assets once", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const garch = (alpha: number, beta: number, vol = 0.8) =>
    market([{ id: "ETH", price: 2000, vol, model: { type: "garch", alpha, beta, nu: 5 } }]);
  throws(
    () => generatePaths(garch(0.1, 0.9), { count: 1 }),
    ScenarioError,
    /^assets\[0\]\.model: expected alpha \+ beta below 1/,
  );
  throws(() => generatePaths(garch(0.1, 0.8, 0), { count: 1 }), ScenarioError, /^assets\[0\]\.model\.omega: missing/);
  const boot = market([
    { id: "ETH", price: 2000, model: { type: "bootstrap", returns: [0.01, -0.02, 0.005] } },
    { id: "BTC", price: 60_000, vol: 0.6, model: { type: "bootstrap", returns: [0.01, 0.02], blockSteps: 2 } },
  ]);
  const err = throws(() => generatePaths(boot, { count: 1 }), ScenarioError, /problems/) as ScenarioError;
  const said = Object.fromEntries(err.issues.map((i) => [i.path, i.message]));
  assert(/^expected 3 returns, as assets\[0\]\.model\.returns/.test(said["assets[1].model.returns"]), "lengths");
  assert(/^expected 10, as assets\[0\]\.model\.blockSteps/.test(said["assets[1].model.blockSteps"]), "block lengths");
  const corr = market(
    [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "BTC", price: 60_000, model: { type: "bootstrap", returns: [0.01] } },
      { id: "DAI", price: 1 },
    ],
    {
      correlations: [
        { assets: ["ETH", "BTC"], rho: 0.5 },
        { assets: ["ETH", "DAI"], rho: 0.5 },
        { assets: ["ETH", "ETH"], rho: 0.5 },
        { assets: ["ETH", "XRP"], rho: 0.5 },
      ],
    },
  );
  const e2 = throws(() => generatePaths(corr, { count: 1 }), ScenarioError, /problems/) as ScenarioError;
  const said2 = Object.fromEntries(e2.issues.map((i) => [i.path, i.message]));
  assert(/bootstrap model/.test(said2["correlations[0].assets[1]"]), "a bootstrap asset");
  assert(/neither a vol nor a model/.test(said2["correlations[1].assets[1]"]), "an asset that does not move");
  equal(said2["correlations[2].assets[1]"], "the same asset as assets[0]", "the same asset twice");
  equal(said2["correlations[3].assets[1]"], 'unknown asset "XRP"', "an unknown asset");
  const twice = market(
    [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "BTC", price: 60_000, vol: 0.6 },
    ],
    {
      correlations: [
        { assets: ["ETH", "BTC"], rho: 0.5 },
        { assets: ["BTC", "ETH"], rho: 0.4 },
      ],
    },
  );
  throws(
    () => generatePaths(twice, { count: 1 }),
    ScenarioError,
    /^correlations\[1\]\.assets: correlations\[0\] already gives BTC–ETH$/,
  );
});

test("paths: options are checked; pathColumn is a view into the batch", async () => {
  await init(); // idempotent: so a filtered run (-t paths) has the core too
  const s = everything();
  throws(() => generatePaths(s, { count: -1 }), RangeError, /"options\.count"/);
  throws(() => generatePaths(s, { count: 2, first: 2 ** 32 - 1 }), RangeError, /"options\.first"/);
  throws(() => generatePaths(s, { count: 1, steps: 0 }), RangeError, /"options\.steps"/);
  throws(
    () => generatePaths(s, { count: 2, out: new Float64Array(3) }),
    RangeError,
    /"options\.out" expected a Float64Array of 2510/,
  );
  const out = new Float64Array(2 * 5 * 251);
  const p = generatePaths(s, { first: 10, count: 2, out });
  equal(p.prices, out, "written into out");
  const col = pathColumn(p, 11, "SOL");
  equal(col.buffer, out.buffer, "a view, not a copy");
  equal(col.byteOffset, (1 * 5 + 4) * 251 * 8, "path 11 (the second), SOL (the fifth asset)");
  assert(same(col, pathColumn(p, 11, 4)), "by index");
  throws(() => pathColumn(p, 12, "SOL"), RangeError, /"path" expected a path of the batch in \[10, 11\], got 12/);
  throws(() => pathColumn(p, 10, "USDC"), RangeError, /"asset" expected one of the batch's assets/);
  equal(
    generatePaths(market([{ id: "ETH", price: 2000 }]), { count: 3 }).prices.length,
    0,
    "no modelled asset, no prices",
  );
});
