// Throughput and accuracy of Black-Scholes-Merton price + Greeks: fracture's wasm core
// against npm peers and a native C build of the same kernel (benchmarks/native/bsm.c).
//
//   npm run build && node benchmarks/greeks.js
//
// Prints a table and writes build/bench/greeks.json. See benchmarks/README.md.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BlackScholes } from "@uqee/black-scholes";
import blackScholes from "black-scholes";
import greeksLib from "greeks";
import { greeks, init } from "../dist/index.node.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = join(ROOT, "build", "bench");
const N = 1_000_000;
const RUNS = 5;
// The series-based peers take ~15-25 s per run; past this budget one more run tells nothing new.
const BUDGET_MS = 30_000;
const WARMUP_N = 100_000;
const WARMUP_MS = 1_000;
const NAMES = ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga", "charm"];
const FIRST = 1000; // options on which the C port is compared value by value with the wasm core

// ---- inputs ---------------------------------------------------------------------------

/** mulberry32; bsm.c has the same generator. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The N options; spot, rate and dividend are the same for all (numbers, broadcast by fracture). */
function makeInputs() {
  const u = rng(42);
  const x = {
    spot: 100,
    strike: new Float64Array(N),
    time: new Float64Array(N),
    vol: new Float64Array(N),
    rate: 0.03,
    dividend: 0.01,
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

// ---- engines --------------------------------------------------------------------------
// run(x, out) computes every option of x into the columns of out, in the engine's own units;
// `scale` turns those into fracture's (theta per year of calendar time, vega/rho per 1.00).

const uqee = new BlackScholes({ sigmaToPricePrecision: "double" });

const ENGINES = {
  fracture: {
    label: "fracture (wasm)",
    computes: NAMES,
    dividends: true,
    run: (x, out) => greeks.bsm(x, out),
  },
  native: {
    label: "native C (same algorithm)",
    computes: NAMES,
    dividends: true,
    run: (x, out) => nativeEval(x, out),
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

/** Warm-up on the first options for a second, then the best of RUNS full passes (fewer past the budget). */
function time(engine, x, out) {
  const wx = head(x, WARMUP_N);
  const wo = head(out, WARMUP_N);
  for (const t0 = performance.now(); performance.now() - t0 < WARMUP_MS; ) engine.run(wx, wo);
  const ms = [];
  while (ms.length < RUNS && (ms.length < 2 || ms.reduce((a, b) => a + b) < BUDGET_MS)) {
    const t0 = performance.now();
    engine.run(x, out);
    ms.push(performance.now() - t0);
  }
  const best = Math.min(...ms) / 1e3;
  return { runs: ms.length, nsPerOption: (best / N) * 1e9, optionsPerSecond: N / best };
}

// ---- native C -------------------------------------------------------------------------

const NATIVE_BIN = join(OUT_DIR, "bsm");

/** Compiles bsm.c; returns the compiler's version, or null (with a note) when there is no gcc. */
function buildNative() {
  try {
    const src = join(ROOT, "benchmarks", "native", "bsm.c");
    execFileSync("gcc", ["-O3", "-march=native", "-o", NATIVE_BIN, src, "-lm"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    return execFileSync("gcc", ["-dumpfullversion"], { encoding: "utf8" }).trim();
  } catch (e) {
    console.log(`native C skipped: ${e.message.split("\n")[0]}`);
    return null;
  }
}

/** The C kernel on arbitrary options, through `bsm eval` on stdin (values printed with 17 digits). */
function nativeEval(x, out) {
  const lines = Array.from(x.strike, (_, i) =>
    [x.spot[i], x.strike[i], x.time[i], x.vol[i], x.rate[i], x.dividend[i], x.call[i]].join(" "),
  );
  const text = execFileSync(NATIVE_BIN, ["eval"], { input: `${lines.join("\n")}\n`, encoding: "utf8" });
  text
    .trim()
    .split("\n")
    .forEach((line, i) => {
      line.split(" ").forEach((v, k) => {
        out[NAMES[k]][i] = Number(v);
      });
    });
}

/** Largest |a - b| / max(|a|, |b|) over the first values of every output. */
function maxRelDiff(a, b, n) {
  let worst = { value: 0 };
  for (const k of NAMES)
    for (let i = 0; i < n; i++) {
      const d = Math.abs(a[k][i] - b[k][i]);
      const rel = d === 0 ? 0 : d / Math.max(Math.abs(a[k][i]), Math.abs(b[k][i]));
      if (!(rel <= worst.value)) worst = { value: rel, output: k, index: i, wasm: a[k][i], native: b[k][i] };
    }
  return worst;
}

// ---- accuracy against the reference vectors --------------------------------------------

const VECTORS = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "bsm_greeks.json"), "utf8"))
  .cases.filter((c) => !c.model) // Black-76 forms: not every engine has them
  .map((c) => ({ ...c, q: c.q ?? 0 }));

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
  const result = { cases: cases.length, checked: 0, outOfTolerance: 0, worstAbsError: 0, worst: null };
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

// ---- run --------------------------------------------------------------------------------

mkdirSync(OUT_DIR, { recursive: true });
await init();
const gcc = buildNative();

const x = makeInputs();
// None of the peers takes a dividend yield: they (and a second fracture row) run with q = 0.
const x0 = columns({ ...x, dividend: 0 });
const rows = [];
const row = (key, dividend, timing) => {
  const engine = ENGINES[key];
  rows.push({
    engine: engine.label,
    computes: engine.computes,
    dividend,
    ...timing,
    vectors: accuracy(engine, dividend !== 0),
  });
};

const wasmOut = allocate(N);
row("fracture", x.dividend, time(ENGINES.fracture, x, wasmOut));

let nativeVsWasm = null;
if (gcc) {
  const c = JSON.parse(execFileSync(NATIVE_BIN, ["bench", String(N)], { encoding: "utf8" }));
  const checksum = Object.fromEntries(
    NAMES.map((k) => {
      const sum = wasmOut[k].reduce((a, b) => a + b, 0);
      return [k, Math.abs(sum - c.checksum[k]) / Math.abs(sum)];
    }),
  );
  nativeVsWasm = { options: FIRST, maxRelDiff: maxRelDiff(wasmOut, c.first, FIRST), checksumRelDiff: checksum };
  row("native", x.dividend, { runs: c.runs, nsPerOption: c.nsPerOption, optionsPerSecond: c.optionsPerSecond });
}

row("fracture", 0, time(ENGINES.fracture, { ...x, dividend: 0 }, allocate(N)));
for (const key of ["uqee", "greeks", "blackScholes"]) row(key, 0, time(ENGINES[key], x0, allocate(N)));

// Relative time: ns/option over fracture's on the same inputs; > 1 is slower than fracture.
for (const r of rows) {
  const base = rows.find((b) => b.engine === ENGINES.fracture.label && b.dividend === r.dividend);
  r.relativeTime = r.nsPerOption / base.nsPerOption;
}

// ---- report -----------------------------------------------------------------------------

const machine = {
  cpu: os.cpus()[0].model,
  cores: os.cpus().length,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  gcc,
};
const date = new Date().toISOString();

const si = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(1)} k`);
const what = (c) => (c.length === NAMES.length ? "price + 8 Greeks" : c.join(" "));
const table = [
  ["engine", "q", "computes", "runs", "ns/option", "options/s", "time vs fracture", "worst |err|", "out of tol"],
  ...rows.map((r) => [
    r.engine,
    String(r.dividend),
    what(r.computes),
    String(r.runs),
    r.nsPerOption < 1000 ? r.nsPerOption.toFixed(1) : r.nsPerOption.toFixed(0),
    si(r.optionsPerSecond),
    `${r.relativeTime.toFixed(2)}x`,
    r.vectors.worstAbsError.toExponential(1),
    `${r.vectors.outOfTolerance}/${r.vectors.checked}`,
  ]),
];
const widths = table[0].map((_, j) => Math.max(...table.map((line) => line[j].length)));
const numeric = new Set([3, 4, 5, 6, 7, 8]);
const fmt = (line) =>
  line.map((cell, j) => (numeric.has(j) ? cell.padStart(widths[j]) : cell.padEnd(widths[j]))).join("  ");

console.log(
  `BSM price + Greeks, ${N.toLocaleString("en-US")} options (spot 100, strike 50-200, 1 day-2 years, vol 5-155%, r 3%)`,
);
console.log(`${machine.cpu} x${machine.cores}, ${machine.os}, Node ${machine.node}, gcc ${gcc ?? "-"}, ${date}`);
console.log();
console.log(fmt(table[0]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const line of table.slice(1)) console.log(fmt(line));
console.log();
console.log("time vs fracture: ns/option over fracture's on the same inputs (q); > 1 = slower than fracture.");
console.log("q = 0 rows: the peers take no dividend yield. Best of 5 runs after warm-up, fewer (>= 2) past 30 s.");
console.log(
  `worst |err|: vs test/fixtures/bsm_greeks.json (${VECTORS.length} BSM cases; q = 0 rows: the ${rows.at(-1).vectors.cases} with q = 0),` +
    " over the values each engine computes, in per-year theta and per-1.00 vega/rho; at",
);
// Where each engine's worst error sits: usually a rounded textbook figure, not the engine.
const worstAt = new Map();
for (const { engine, vectors } of rows) {
  const where = `${vectors.worst.id} ${vectors.worst.output} (reference ${vectors.worst.expected})`;
  worstAt.set(where, new Set(worstAt.get(where)).add(engine));
}
for (const [where, engines] of worstAt) console.log(`  ${where}: ${[...engines].join(", ")}`);
if (nativeVsWasm) {
  const m = nativeVsWasm.maxRelDiff;
  const sums = Math.max(...Object.values(nativeVsWasm.checksumRelDiff));
  console.log(
    `native C vs wasm: max relative difference ${m.value.toExponential(1)} over the first ${FIRST} options` +
      (m.output ? ` (${m.output}[${m.index}])` : "") +
      `; column sums over all ${N.toLocaleString("en-US")} agree to ${sums.toExponential(1)}.`,
  );
  // FMA contraction (gcc -march=native; wasm has none) and 1-ulp libm differences, amplified
  // where d1 or d2 cancels to near 0, stay near 1e-13. Much more means bsm.c has drifted from the core.
  if (!(m.value < 1e-12)) console.log("WARNING: the C port disagrees with the wasm core: bsm.c no longer matches it.");
}

const summary = {
  date,
  machine,
  options: N,
  inputs: { seed: 42, spot: 100, rate: 0.03, dividend: x.dividend },
  rows,
  nativeVsWasm,
};
writeFileSync(join(OUT_DIR, "greeks.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`summary: ${join("build", "bench", "greeks.json")}`);
