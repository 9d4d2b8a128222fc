// Generated price paths: 100,000 paths × 250 steps × 2 assets by `generatePaths` (the core,
// assembly/paths.ts) with GBM and with GARCH(1,1) Student-t, in batches of 1,000 paths into one
// reused array, beside a plain JavaScript loop of the same GBM (Math.random, the polar method with
// Math.log, Math.exp per step) writing the same layout. One process, best of RUNS interleaved runs after a warm-up.
//
//   npm run build && node benchmarks/paths.js
//
// Prints a table and writes build/bench/paths.json. See benchmarks/README.md.

import { generatePaths, init } from "../dist/index.node.js";
import { machineInfo, printMachine, printTable, writeSummary } from "./common.js";

const PATHS = 100_000;
const STEPS = 250;
const BATCH = 1_000;
const RUNS = 5;

const gbm = {
  version: 1,
  name: "paths-benchmark",
  steps: STEPS,
  stepSeconds: 3600,
  seed: 7,
  assets: [
    { id: "ETH", price: 2000, vol: 0.8, model: { type: "gbm", drift: 0.05 } },
    { id: "BTC", price: 60_000, vol: 0.6, model: { type: "gbm", drift: 0.05 } },
    { id: "USDC", price: 1 },
  ],
  venues: [{ id: "pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 1000, reserveQuote: 2e6 }],
};
const garch = {
  ...gbm,
  assets: [
    { id: "ETH", price: 2000, vol: 0.8, model: { type: "garch", alpha: 0.08, beta: 0.9, nu: 5 } },
    { id: "BTC", price: 60_000, vol: 0.6, model: { type: "garch", alpha: 0.08, beta: 0.9, nu: 5 } },
    { id: "USDC", price: 1 },
  ],
};

/** Seconds to generate every path in batches; a checksum of the last prices so no work is skipped. */
function fracture(scenario) {
  const out = new Float64Array(BATCH * 2 * (STEPS + 1));
  let sum = 0;
  const t0 = performance.now();
  for (let first = 0; first < PATHS; first += BATCH) {
    generatePaths(scenario, { first, count: BATCH, out });
    sum += out[out.length - 1];
  }
  return { seconds: (performance.now() - t0) / 1000, sum };
}

/** The same GBM in plain JavaScript: per path and asset, y += μ + σ·z, price = S0·e^y. */
function plain() {
  const dt = 3600 / (365 * 86_400);
  const assets = [
    [2000, 0.8, 0.05],
    [60_000, 0.6, 0.05],
  ].map(([s0, vol, drift]) => ({ s0, mu: (drift - 0.5 * vol * vol) * dt, sig: vol * Math.sqrt(dt) }));
  const out = new Float64Array(BATCH * 2 * (STEPS + 1));
  let spare = 0;
  let hasSpare = false;
  const normal = () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    for (;;) {
      const u = 2 * Math.random() - 1;
      const v = 2 * Math.random() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * f;
      hasSpare = true;
      return u * f;
    }
  };
  let sum = 0;
  const t0 = performance.now();
  for (let first = 0; first < PATHS; first += BATCH) {
    for (let p = 0; p < BATCH; p++) {
      for (let a = 0; a < 2; a++) {
        const { s0, mu, sig } = assets[a];
        const at = (p * 2 + a) * (STEPS + 1);
        out[at] = s0;
        let y = 0;
        for (let t = 1; t <= STEPS; t++) {
          y += mu + sig * normal();
          out[at + t] = s0 * Math.exp(y);
        }
      }
    }
    sum += out[out.length - 1];
  }
  return { seconds: (performance.now() - t0) / 1000, sum };
}

await init();
const machine = machineInfo();
const date = new Date().toISOString().slice(0, 10);
printMachine(machine, date);
// interleaved, so a change of the machine's load falls on every generator alike
const generators = [
  ["fracture generatePaths, GBM", () => fracture(gbm)],
  ["fracture generatePaths, GARCH(1,1) Student-t", () => fracture(garch)],
  ["plain JavaScript GBM (Math.random, Math.log, Math.exp)", plain],
];
for (const [, f] of generators) f(); // warm-up
const rows = generators.map(([name]) => [name, Number.POSITIVE_INFINITY]);
for (let r = 0; r < RUNS; r++) {
  generators.forEach(([, f], i) => {
    rows[i][1] = Math.min(rows[i][1], f().seconds);
  });
}
const base = rows[0][1];
console.log(`\n${PATHS.toLocaleString("en")} paths × ${STEPS} steps × 2 assets, batches of ${BATCH}\n`);
printTable(
  ["generator", "time (s)", "paths/s", "time vs fracture GBM"],
  rows.map(([name, s]) => [name, s.toFixed(3), Math.round(PATHS / s).toLocaleString("en"), (s / base).toFixed(2)]),
);
const file = writeSummary("paths", {
  date,
  machine,
  paths: PATHS,
  steps: STEPS,
  assets: 2,
  batch: BATCH,
  results: rows.map(([name, seconds]) => ({
    name,
    seconds,
    pathsPerSecond: PATHS / seconds,
    timeVsFracture: seconds / base,
  })),
});
console.log(`\nwrote ${file}`);
