// Throughput and accuracy of fracture's wasm core against npm peers and native C builds of the
// same algorithms (benchmarks/native/), in one run:
//   1. greeks.bsm: price + 8 Greeks of 1,000,000 options
//   2. greeks.impliedVol: 1,000,000 solves of prices made by greeks.bsm at known vols
//   3. bsm against the reference vectors of test/fixtures/bsm_greeks.json
//
//   npm run build && node benchmarks/greeks.js
//
// Prints tables and writes build/bench/greeks.json. See benchmarks/README.md.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BlackScholes } from "@uqee/black-scholes";
import blackScholes from "black-scholes";
import greeksLib from "greeks";
import impliedVolatility from "implied-volatility";
import { greeks, init } from "../dist/index.node.js";
import { compileNative, machineInfo, OUT_DIR, printMachine, printTable, ROOT, rng, writeSummary } from "./common.js";

const N = 1_000_000;
const WARMUP_MS = 1_000;
const NAMES = ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga", "charm"];
const EPS = 2 ** -52;
const MIN_NORMAL = 2 ** -1022;
const FIRST = 1000; // options on which the C builds are compared value by value (and on all N)
// |d1| or |d2| above this (Φ < 1e-9): the tails, where glibc's erfc loses ~d² ulp (native/common.h)
// and, past |d| ≈ 37, underflows where the core's φ·M still gives a subnormal
const TAIL_D = 6;
// impliedVol: solvable to double precision where one ulp of the price moves the vol by less than this
const WELL_CONDITIONED = 1e-13;
const OFF = 1e-6; // a recovered vol further than this from the true one is a failure

// ---- inputs and timing ---------------------------------------------------------------------

/** The same inputs with every field a column, for engines that take one option at a time. */
function columns(x) {
  const n = x.strike.length;
  return Object.fromEntries(
    Object.entries(x).map(([k, v]) => [k, typeof v === "number" ? new Float64Array(n).fill(v) : v]),
  );
}

/** The first n elements of every array field (views, no copies). */
function head(obj, n) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === "number" ? v : v.subarray(0, n)]));
}

/** run(x, out) over the first `n` items of x, best of `runs` after a warm-up of WARMUP_MS on the
 *  first `warm` items. Slow engines are timed on n < the full count: per-item figures scale. */
function time(run, x, out, { n, runs, warm }) {
  const wx = head(x, warm);
  const wo = head(out, warm);
  for (const t0 = performance.now(); performance.now() - t0 < WARMUP_MS; ) run(wx, wo);
  const tx = head(x, n);
  const to = head(out, n);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run(tx, to);
    best = Math.min(best, performance.now() - t0);
  }
  return timing(n, runs, best / 1e3);
}

function timing(n, runs, seconds) {
  return { timedOn: n, runs, nsPerItem: (seconds / n) * 1e9, perSecond: n / seconds };
}

// ---- native C -------------------------------------------------------------------------------

const NATIVE = [
  { suffix: "", label: "native C (glibc erfc)", flags: [] },
  { suffix: "-poly", label: "native C (core's Mills polynomial)", flags: ["-DMILLS_POLY"] },
];

/** native/NAME.c with glibc's erfc and with the core's Mills polynomial, as build/bench/NAME and NAME-poly. */
const NATIVE_JOBS = ["bsm", "impliedvol"].flatMap((name) =>
  NATIVE.map((b) => ({ src: `${name}.c`, out: `${name}${b.suffix}`, flags: ["-O3", "-march=native", ...b.flags] })),
);

/** `NAME bench IN OUT S r q` on the given input columns; returns its timing and output columns. */
function runNative(name, build, cols, scalars) {
  const n = cols[0].length;
  const input = new Float64Array(cols.length * n);
  cols.forEach((c, k) => {
    input.set(c, k * n);
  });
  const inPath = join(OUT_DIR, `${name}.in`);
  const outPath = join(OUT_DIR, `${name}.out`);
  writeFileSync(inPath, input);
  const bin = join(OUT_DIR, `${name}${build.suffix}`);
  const r = JSON.parse(execFileSync(bin, ["bench", inPath, outPath, ...scalars.map(String)], { encoding: "utf8" }));
  const bytes = readFileSync(outPath);
  const out = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { timing: timing(r.n, r.runs, r.seconds), out };
}

// ---- 1. bsm ---------------------------------------------------------------------------------
// run(x, out) computes every option of x into the columns of out, in the engine's own units;
// `scale` turns those into fracture's (theta per year of calendar time, vega/rho per 1.00).

const uqee = new BlackScholes({ sigmaToPricePrecision: "double" });

const FULL = { n: N, runs: 5, warm: 100_000 };
// the series-based peers take 15-25 s per million options: timed on a tenth, scaled
const SUBSET = { n: 100_000, runs: 3, warm: 10_000 };

const BSM_ENGINES = {
  fracture: {
    label: "fracture (wasm)",
    computes: NAMES,
    dividends: true,
    run: (x, out) => greeks.bsm(x, out),
  },
  uqee: {
    label: "@uqee/black-scholes (double)",
    computes: ["price", "delta", "gamma", "vega", "theta", "rho"],
    scale: { theta: -1 }, // its theta is dV/dT: time to expiry growing, not calendar time passing
    run: (x, out) => {
      const { spot, strike, time, vol, rate, call } = x;
      for (let i = 0; i < strike.length; i++) {
        const o = uqee.option({
          rate: rate[i],
          sigma: vol[i],
          strike: strike[i],
          time: time[i],
          type: call[i] ? "call" : "put",
          underlying: spot[i],
        });
        out.price[i] = o.price;
        out.delta[i] = o.delta;
        out.gamma[i] = o.gamma;
        out.vega[i] = o.vega;
        out.theta[i] = o.theta;
        out.rho[i] = o.rho;
      }
    },
  },
  greeks: {
    label: "greeks",
    computes: ["delta", "gamma", "vega", "theta", "rho"],
    scale: { vega: 100, theta: 365, rho: 100 }, // defaults: vega and rho per 1%, theta per day
    subset: true,
    run: (x, out) => {
      const { spot, strike, time, vol, rate, call } = x;
      for (let i = 0; i < strike.length; i++) {
        const type = call[i] ? "call" : "put";
        out.delta[i] = greeksLib.getDelta(spot[i], strike[i], time[i], vol[i], rate[i], type);
        out.gamma[i] = greeksLib.getGamma(spot[i], strike[i], time[i], vol[i], rate[i]);
        out.vega[i] = greeksLib.getVega(spot[i], strike[i], time[i], vol[i], rate[i]);
        out.theta[i] = greeksLib.getTheta(spot[i], strike[i], time[i], vol[i], rate[i], type);
        out.rho[i] = greeksLib.getRho(spot[i], strike[i], time[i], vol[i], rate[i], type);
      }
    },
  },
  blackScholes: {
    label: "black-scholes",
    computes: ["price"],
    subset: true,
    run: (x, out) => {
      const { spot, strike, time, vol, rate, call } = x;
      for (let i = 0; i < strike.length; i++)
        out.price[i] = blackScholes.blackScholes(
          spot[i],
          strike[i],
          time[i],
          vol[i],
          rate[i],
          call[i] ? "call" : "put",
        );
    },
  },
};

function allocate(n) {
  return Object.fromEntries(NAMES.map((k) => [k, new Float64Array(n)]));
}

/** The N options; spot, rate and dividend are the same for all (numbers, broadcast by fracture). */
function bsmInputs(dividend) {
  const u = rng(42);
  const x = {
    spot: 100,
    strike: new Float64Array(N),
    time: new Float64Array(N),
    vol: new Float64Array(N),
    rate: 0.03,
    dividend,
    call: new Uint8Array(N),
  };
  for (let i = 0; i < N; i++) {
    x.strike[i] = 100 * (0.5 + 1.5 * u());
    x.time[i] = 1 / 365 + 2 * u();
    x.vol[i] = 0.05 + 1.5 * u();
    x.call[i] = u() < 0.5 ? 1 : 0;
  }
  return x;
}

/** Options whose |d1| or |d2| exceeds TAIL_D. */
function tails(x) {
  return Uint8Array.from(x.strike, (K, i) => {
    const sd = x.vol[i] * Math.sqrt(x.time[i]);
    const d1 = (Math.log(x.spot / K) + (x.rate - x.dividend) * x.time[i]) / sd + 0.5 * sd;
    return Math.max(Math.abs(d1), Math.abs(d1 - sd)) > TAIL_D ? 1 : 0;
  });
}

/** Per output, the largest |a - b| / max(|a|, |b|) between the wasm's outputs and a C build's
 *  (columns one after another) over options [0, n) outside `skip`. */
function maxRelDiff(wasm, native, n, skip) {
  return Object.fromEntries(
    NAMES.map((k, col) => {
      let worst = 0;
      for (let i = 0; i < n; i++) {
        if (skip?.[i]) continue;
        const a = wasm[k][i];
        const b = native[col * N + i];
        const same = a === b || (Number.isNaN(a) && Number.isNaN(b));
        const rel = same ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
        if (!(rel <= worst)) worst = rel;
      }
      return [k, worst];
    }),
  );
}

function benchBsm() {
  const x = bsmInputs(0.01);
  // None of the peers takes a dividend yield: they (and a second fracture row) run with q = 0.
  const x0 = bsmInputs(0);
  const x0cols = columns(x0);
  const rows = [];
  const row = (engine, dividend, t) => rows.push({ engine: engine.label, dividend, computes: engine.computes, ...t });
  const { fracture } = BSM_ENGINES;

  const wasmOut = allocate(N);
  row(fracture, 0.01, time(fracture.run, x, wasmOut, FULL));
  const nativeVsWasm = [];
  if (gcc) {
    const tail = tails(x);
    for (const build of NATIVE) {
      const { timing: t, out } = runNative(
        "bsm",
        build,
        [x.strike, x.time, x.vol, x.call],
        [x.spot, x.rate, x.dividend],
      );
      row({ label: build.label, computes: NAMES }, 0.01, t);
      const diff = (options, skip) => ({
        engine: build.label,
        options,
        tails: skip ? "excluded" : "included",
        excluded: skip ? skip.subarray(0, options).reduce((a, b) => a + b, 0) : 0,
        ...maxRelDiff(wasmOut, out, options, skip),
      });
      nativeVsWasm.push(diff(FIRST, tail), diff(N, tail), diff(N, null));
    }
  }
  row(fracture, 0, time(fracture.run, x0, allocate(N), FULL));
  for (const e of [BSM_ENGINES.uqee, BSM_ENGINES.greeks, BSM_ENGINES.blackScholes])
    row(e, 0, time(e.run, x0cols, allocate(N), e.subset ? SUBSET : FULL));
  for (const r of rows) {
    const base = rows.find((b) => b.engine === fracture.label && b.dividend === r.dividend);
    r.timeVsFracture = r.nsPerItem / base.nsPerItem;
  }
  const fracture0 = rows.find((r) => r.engine === fracture.label && r.dividend === 0);
  const uqeeRow = rows.find((r) => r.engine === BSM_ENGINES.uqee.label);
  const cRow = rows.find((r) => r.engine === NATIVE[0].label);
  const ratios = {
    throughputVsUqee: fracture0.perSecond / uqeeRow.perSecond,
    timeVsNativeC: cRow ? rows[0].nsPerItem / cRow.nsPerItem : null,
  };
  return {
    options: N,
    inputs: { seed: 42, spot: x.spot, rate: x.rate, dividend: [0.01, 0] },
    rows,
    ratios,
    nativeVsWasm,
  };
}

// ---- 2. impliedVol --------------------------------------------------------------------------

const uqeeTight = new BlackScholes({ sigmaToPricePrecision: "double", priceToSigmaAccuracy: 1e-12 });

/** @uqee's sigma(): bisection on [0, 2] until the price is within its accuracy (default 0.001). */
const uqeeSigma = (bs) => (p, out) => {
  for (let i = 0; i < p.price.length; i++)
    out.vol[i] = bs.sigma({
      price: p.price[i],
      rate: p.rate,
      strike: p.strike[i],
      time: p.time[i],
      type: p.call[i] ? "call" : "put",
      underlying: p.spot,
    });
};

const IV_ENGINES = [
  {
    label: "fracture (wasm)",
    timing: FULL,
    run: (p, out) => greeks.impliedVol(p, out.vol),
  },
  {
    label: "@uqee/black-scholes (tol 1e-3, default)",
    timing: { n: N, runs: 3, warm: 100_000 },
    run: uqeeSigma(uqee),
  },
  {
    label: "@uqee/black-scholes (tol 1e-12)",
    timing: { n: 200_000, runs: 3, warm: 20_000 },
    run: uqeeSigma(uqeeTight),
  },
  {
    label: "implied-volatility",
    // 100 bisection steps of black-scholes' series pricer: about 1 ms a solve
    timing: { n: 5_000, runs: 1, warm: 300 },
    run: (p, out) => {
      for (let i = 0; i < p.price.length; i++)
        out.vol[i] = impliedVolatility.getImpliedVolatility(
          p.price[i],
          p.spot,
          p.strike[i],
          p.time[i],
          p.rate,
          p.call[i] ? "call" : "put",
        );
    },
  },
];

/** N options priced by greeks.bsm at known vols; q = 0, which every peer takes. */
function ivInputs() {
  const u = rng(7);
  const x = {
    spot: 100,
    strike: new Float64Array(N),
    time: new Float64Array(N),
    vol: new Float64Array(N),
    rate: 0.03,
    dividend: 0,
    call: new Uint8Array(N),
  };
  for (let i = 0; i < N; i++) {
    x.strike[i] = 100 * 2 ** (2 * u() - 1); // moneyness K/S log-uniform in [0.5, 2]
    x.time[i] = 1 / 365 + (2 - 1 / 365) * u();
    x.vol[i] = 0.05 + 1.95 * u();
    x.call[i] = u() < 0.5 ? 1 : 0;
  }
  const { price, vega } = greeks.bsm(x);
  // floor: the vol error that rounding the price (ε·price/vega) and the vol alone make. Below
  // WELL_CONDITIONED a solver can get near it; above (tiny or near-intrinsic time value) the price
  // does not pin the vol. Subnormal prices are out too: they keep few significant bits.
  const floor = Float64Array.from(price, (p, i) => (EPS * p) / vega[i] + EPS * x.vol[i]);
  const good = Uint8Array.from(price, (p, i) => (p >= MIN_NORMAL && floor[i] < WELL_CONDITIONED ? 1 : 0));
  const { vol, ...problem } = x;
  return { problem: { ...problem, price }, vol, good, floor };
}

/** Errors of recovered vols over the first got.length options; `floor`: the error the roundings
 *  of price and vol alone make. */
function ivAccuracy(got, truth, { good, floor }) {
  const errs = [];
  let noVol = 0;
  let off = 0;
  let noVolAll = 0;
  let overFloor = 0;
  for (let i = 0; i < got.length; i++) {
    const answered = got[i] > 0; // NaN, 0 and negative are no answer
    if (!answered) noVolAll++;
    if (!good[i]) continue;
    if (!answered) {
      noVol++;
      continue;
    }
    const e = Math.abs(got[i] - truth[i]);
    if (e > OFF) off++;
    errs.push(e);
    overFloor = Math.max(overFloor, e / floor[i]);
  }
  errs.sort((a, b) => a - b);
  const cases = good.subarray(0, got.length).reduce((a, b) => a + b, 0);
  return {
    wellConditioned: cases,
    maxAbsError: errs.at(-1) ?? null,
    medianAbsError: errs[errs.length >> 1] ?? null,
    maxErrorOverFloor: overFloor,
    noVol,
    offByMoreThan1e6: off,
    failures: noVol + off,
    noVolAllCases: noVolAll,
  };
}

/** Largest |a - b| between two engines' vols on the well-conditioned cases, and on how many
 *  cases of all exactly one of them answers (a vol > 0). */
function volDiff(a, b, good) {
  let maxAbsDiff = 0;
  let oneAnswers = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > 0 !== b[i] > 0) oneAnswers++;
    else if (good[i] && !(Math.abs(a[i] - b[i]) <= maxAbsDiff)) maxAbsDiff = Math.abs(a[i] - b[i]);
  }
  return { maxAbsDiff, oneAnswers };
}

function benchImpliedVol() {
  const { problem, vol: truth, ...conditioning } = ivInputs();
  const { good } = conditioning;
  const rows = [];
  let wasm = null;
  for (const e of IV_ENGINES) {
    const out = { vol: new Float64Array(N) };
    const t = time(e.run, problem, out, e.timing);
    rows.push({ engine: e.label, ...t, accuracy: ivAccuracy(out.vol.subarray(0, t.timedOn), truth, conditioning) });
    wasm ??= out.vol;
  }
  const nativeVsWasm = [];
  if (gcc)
    for (const build of NATIVE) {
      const { strike, time: T, call, price, spot, rate, dividend } = problem;
      const { timing: t, out } = runNative("impliedvol", build, [price, strike, T, call], [spot, rate, dividend]);
      rows.splice(1 + NATIVE.indexOf(build), 0, {
        engine: build.label,
        ...t,
        accuracy: ivAccuracy(out, truth, conditioning),
      });
      nativeVsWasm.push({ engine: build.label, ...volDiff(wasm, out, good) });
    }
  const fracture = rows[0];
  for (const r of rows) r.timeVsFracture = r.nsPerItem / fracture.nsPerItem;
  const ratios = {
    // against @uqee's default tolerance, as it is used
    throughputVsUqee: fracture.perSecond / rows.find((r) => r.engine === IV_ENGINES[1].label).perSecond,
    timeVsNativeC: gcc ? fracture.nsPerItem / rows[1].nsPerItem : null,
  };
  return {
    solves: N,
    inputs: { seed: 7, spot: problem.spot, rate: problem.rate, dividend: 0, wellConditioned: WELL_CONDITIONED },
    rows,
    ratios,
    nativeVsWasm,
  };
}

// ---- 3. accuracy against the reference vectors ----------------------------------------------

const VECTORS = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "bsm_greeks.json"), "utf8"))
  .cases.filter((c) => !c.model) // Black-76 forms: not every engine has them
  .map((c) => ({ ...c, q: c.q ?? 0 }));

/** The C kernel on arbitrary options, through `bsm eval` on stdin (values printed with 17 digits). */
const nativeEval = (build) => (x, out) => {
  const lines = Array.from(x.strike, (_, i) =>
    [x.spot[i], x.strike[i], x.time[i], x.vol[i], x.rate[i], x.dividend[i], x.call[i]].join(" "),
  );
  const bin = join(OUT_DIR, `bsm${build.suffix}`);
  const text = execFileSync(bin, ["eval"], { input: `${lines.join("\n")}\n`, encoding: "utf8" });
  text
    .trim()
    .split("\n")
    .forEach((line, i) => {
      line.split(" ").forEach((v, k) => {
        out[NAMES[k]][i] = Number(v);
      });
    });
};

/** Worst absolute error (in fracture's units) over the values the engine computes, and how many miss their tolerance. */
function accuracy(engine, withDividends) {
  const cases = VECTORS.filter((c) => withDividends || c.q === 0);
  const x = {
    spot: Float64Array.from(cases, (c) => c.S),
    strike: Float64Array.from(cases, (c) => c.K),
    time: Float64Array.from(cases, (c) => c.T),
    vol: Float64Array.from(cases, (c) => c.sigma),
    rate: Float64Array.from(cases, (c) => c.r),
    dividend: Float64Array.from(cases, (c) => c.q),
    call: Uint8Array.from(cases, (c) => (c.type === "call" ? 1 : 0)),
  };
  const out = allocate(cases.length);
  engine.run(x, out);
  const result = {
    engine: engine.label,
    cases: cases.length,
    checked: 0,
    outOfTolerance: 0,
    worstAbsError: 0,
    worst: null,
  };
  cases.forEach((c, i) => {
    for (const k of engine.computes) {
      if (!(k in c.expected)) continue;
      const got = out[k][i] * (engine.scale?.[k] ?? 1);
      const err = Math.abs(got - c.expected[k]);
      result.checked++;
      if (!(err <= c.tolerance[k])) result.outOfTolerance++;
      if (!(err <= result.worstAbsError)) {
        result.worstAbsError = err;
        result.worst = { id: c.id, output: k, got, expected: c.expected[k], tolerance: c.tolerance[k] };
      }
    }
  });
  return result;
}

function vectors() {
  const { fracture, uqee, greeks, blackScholes } = BSM_ENGINES;
  const rows = [accuracy(fracture, true)];
  if (gcc)
    for (const build of NATIVE)
      rows.push(accuracy({ label: build.label, computes: NAMES, run: nativeEval(build) }, true));
  rows.push({ ...accuracy(fracture, false), engine: `${fracture.label}, q = 0 cases` });
  for (const e of [uqee, greeks, blackScholes]) rows.push(accuracy(e, false));
  return rows;
}

// ---- report ---------------------------------------------------------------------------------

const si = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(1)} k`);
const ns = (v) => (v < 1000 ? v.toFixed(1) : v.toFixed(0));
const count = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const exp1 = (v) => (v === null ? "-" : v.toExponential(1));
const check = (ok) => (ok ? "met" : "MISSED");

function reportBsm(b) {
  console.log(
    `1. BSM price + Greeks, ${N.toLocaleString("en-US")} options (spot 100, strike 50-200, 1 day-2 years,` +
      " vol 5-155%, r 3%, calls and puts)",
  );
  console.log();
  printTable(
    ["engine", "q", "computes", "timed on", "runs", "ns/option", "options/s", "time vs fracture"],
    b.rows.map((r) => [
      r.engine,
      String(r.dividend),
      r.computes.length === NAMES.length ? "price + 8 Greeks" : r.computes.join(" "),
      count(r.timedOn),
      String(r.runs),
      ns(r.nsPerItem),
      si(r.perSecond),
      `${r.timeVsFracture.toFixed(2)}x`,
    ]),
    new Set([3, 4, 5, 6, 7]),
  );
  console.log();
  console.log("Best of the runs after 1 s of warm-up; time vs fracture: ns/option over fracture's on the same q.");
  console.log(
    `q = 0 rows: the peers take no dividend yield. greeks and black-scholes (series for Φ) are timed on the first ${count(SUBSET.n)}.`,
  );
  const { throughputVsUqee: u, timeVsNativeC: c } = b.ratios;
  console.log(`fracture / @uqee/black-scholes throughput: ${u.toFixed(2)}x (target >= 5x: ${check(u >= 5)})`);
  if (c !== null)
    console.log(`fracture / ${NATIVE[0].label} time: ${c.toFixed(2)} (target <= 1.2: ${check(c <= 1.2)})`);
  if (b.nativeVsWasm.length === 0) return;
  console.log();
  console.log(
    `The C builds vs the wasm core (q = 0.01): largest relative difference per output; tails: |d1| or |d2| > ${TAIL_D}.`,
  );
  printTable(
    ["build", "options", "tails", ...NAMES],
    b.nativeVsWasm.map((d) => [
      d.engine,
      d.options === FIRST ? `first ${FIRST}` : `all ${count(N)}`,
      d.tails === "excluded" ? `${d.excluded.toLocaleString("en-US")} excluded` : "included",
      ...NAMES.map((k) => exp1(d[k])),
    ]),
    new Set(NAMES.map((_, j) => j + 3)),
  );
  console.log(
    "theta, vanna, volga and charm cross zero: near there the difference is relative to a cancelled sum." +
      " Past |d| ~ 37 glibc's erfc underflows where φ·M is still subnormal (relative difference 1).",
  );
  // FMA contraction (gcc -march=native; wasm has none) and 1-ulp libm differences stay near 1e-13
  // on the outputs that do not cross zero; much more means bsm.c has drifted from the core.
  const steady = ["price", "delta", "gamma", "vega", "rho"];
  const drift = b.nativeVsWasm.some((d) => d.options === FIRST && steady.some((k) => !(d[k] < 1e-11)));
  if (drift) console.log("WARNING: a C build disagrees with the wasm core: bsm.c no longer matches it.");
}

const overFloor = (v) => (v < 1e4 ? v.toFixed(0) : v.toExponential(0));

function reportImpliedVol(v) {
  const wc = v.rows[0].accuracy.wellConditioned;
  console.log(
    `2. Implied vol, ${N.toLocaleString("en-US")} solves of greeks.bsm prices at known vols (spot 100, K/S 0.5-2` +
      " log-uniform, 1 day-2 years, vol 5-200%, r 3%, q 0, calls and puts)",
  );
  console.log();
  printTable(
    [
      "engine",
      "timed on",
      "runs",
      "ns/solve",
      "solves/s",
      "time vs fracture",
      "max |err|",
      "max err/floor",
      "median |err|",
      "no vol",
      "off > 1e-6",
      "no vol (all)",
    ],
    v.rows.map((r) => [
      r.engine,
      count(r.timedOn),
      String(r.runs),
      ns(r.nsPerItem),
      si(r.perSecond),
      `${r.timeVsFracture.toFixed(2)}x`,
      exp1(r.accuracy.maxAbsError),
      overFloor(r.accuracy.maxErrorOverFloor),
      exp1(r.accuracy.medianAbsError),
      String(r.accuracy.noVol),
      String(r.accuracy.offByMoreThan1e6),
      String(r.accuracy.noVolAllCases),
    ]),
    new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
  );
  console.log();
  const notes = [
    "floor = ε·price/vega + ε·vol: the vol error that rounding the price and the vol alone make.",
    `|err| = |vol - true vol| over the well-conditioned cases, normal price and floor < ${WELL_CONDITIONED}`,
    `  (${wc.toLocaleString("en-US")} of the ${count(N)}; for a subset, those in it). no vol: NaN, 0 or negative on those;`,
    "  off > 1e-6: answered but further off. no vol (all): NaN/0/negative over all the engine's cases,",
    "  ill-conditioned ones (time value underflowed, or within rounding of the intrinsic value) included.",
    "@uqee: sigma() bisects on [0, 2] until its price is within tol (priceToSigmaAccuracy, absolute); 0 on failure.",
    "implied-volatility: 100 bisection steps from 0.1 on black-scholes' series pricer.",
    "Subsets are the first options of the same inputs; ns/solve is per solve on the subset.",
  ];
  for (const line of notes) console.log(line);
  const { throughputVsUqee: u, timeVsNativeC: c } = v.ratios;
  console.log(`fracture / @uqee/black-scholes (default) throughput: ${u.toFixed(2)}x (target >= 3x: ${check(u >= 3)})`);
  if (c !== null) console.log(`fracture / ${NATIVE[0].label} time: ${c.toFixed(2)}`);
  for (const d of v.nativeVsWasm)
    console.log(
      `${d.engine} vs wasm: vols within ${exp1(d.maxAbsDiff)} on the well-conditioned cases;` +
        ` only one of the two answers on ${d.oneAnswers} of all`,
    );
}

function reportVectors(rows) {
  console.log(`3. BSM against test/fixtures/bsm_greeks.json (${VECTORS.length} BSM cases; Black-76 ones skipped)`);
  console.log();
  printTable(
    ["engine", "cases", "values checked", "worst |err|", "at", "out of tol"],
    rows.map((r) => [
      r.engine,
      String(r.cases),
      String(r.checked),
      exp1(r.worstAbsError),
      `${r.worst.id} ${r.worst.output} (reference ${r.worst.expected})`,
      `${r.outOfTolerance}/${r.checked}`,
    ]),
    new Set([1, 2, 3, 5]),
  );
  console.log();
  console.log(
    "Over the values each engine computes, in fracture's units (theta per year, vega and rho per 1.00); peers" +
      " and the second fracture row on the q = 0 cases. The worst is usually a rounded textbook figure.",
  );
}

// ---- run ------------------------------------------------------------------------------------

await init();
const gcc = compileNative(NATIVE_JOBS);
const machine = machineInfo({ gcc });
const date = new Date().toISOString();
printMachine(machine, date);
console.log();

const started = performance.now();
const bsmResult = benchBsm();
reportBsm(bsmResult);
console.log();
const ivResult = benchImpliedVol();
reportImpliedVol(ivResult);
console.log();
const vectorRows = vectors();
reportVectors(vectorRows);

const written = writeSummary("greeks", { date, machine, bsm: bsmResult, impliedVol: ivResult, vectors: vectorRows });
console.log();
console.log(`${((performance.now() - started) / 1e3).toFixed(0)} s; summary: ${written}`);
