// Monte Carlo stress throughput: paths × 250 steps on a 10,000-position scenario with two lending
// protocols sharing an oracle (presets.sharedOracle without its sale, ETH at 80% vol), on 1 and
// 2 workers, beside the baseline — a plain single-threaded loop over `simulate`, one path each
// (the same prices fed as a path shock) — with the per-path cost split and memory per worker.
// Usage: node benchmarks/stress.js [paths=100000]. Figures are printed, never asserted.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { generatePaths, init, presets, simulate, stress } from "../dist/index.node.js";
import { machineInfo, printMachine, printTable, writeSummary } from "./common.js";

const PATHS = Number(process.argv[2] ?? 100_000);
const STEPS = 250;

await init();
const scenario = {
  ...presets.sharedOracle,
  steps: STEPS,
  shock: [],
  assets: [
    { id: "ETH", price: 2000, vol: 0.8 },
    { id: "USDC", price: 1 },
  ],
};

const machine = machineInfo();
const date = new Date().toISOString().slice(0, 10);
printMachine(machine, date);

/** Seconds a function takes. */
async function time(f) {
  const t = performance.now();
  const out = await f();
  return [(performance.now() - t) / 1000, out];
}

// the baseline: simulate once per path, its prices given as a path shock, in this thread
const BASE = Math.min(200, PATHS);
const paths = generatePaths(scenario, { count: BASE, steps: STEPS });
const [baseSeconds] = await time(() => {
  for (let i = 0; i < BASE; i++) {
    const prices = Array.from(paths.prices.subarray(i * (STEPS + 1) + 1, (i + 1) * (STEPS + 1)));
    simulate({ ...scenario, shock: [{ type: "path", asset: "ETH", prices, pull: 0.5 }] }, { events: 0 });
  }
});
const basePerPath = baseSeconds / BASE;

// the cost split of one path: drawing the prices, building and running 1 step, the other 249
const SPLIT = 200;
const [drawSeconds] = await time(() => generatePaths(scenario, { count: SPLIT * 10, steps: STEPS }));
const [oneStep] = await time(() => stress(scenario, { paths: SPLIT, horizonSteps: 1, workers: 1 }));
const [full] = await time(() => stress(scenario, { paths: SPLIT, workers: 1 }));
const draw = drawSeconds / (SPLIT * 10);
const build = oneStep / SPLIT;
const steps = Math.max(0, full / SPLIT - build);

// the run itself on 1 and 2 workers (1: in this thread), each in a process of its own for its memory
const child = fileURLToPath(new URL("./stress-child.js", import.meta.url));
const runs = [1, 2].map((workers) => {
  const out = execFileSync(process.execPath, [child, String(PATHS), String(workers)], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out);
});

const rows = [
  [
    "fracture stress, 1 worker",
    runs[0].seconds.toFixed(1),
    (PATHS / runs[0].seconds).toFixed(0),
    "1.00",
    runs[0].rssMiB.toFixed(0),
  ],
  [
    "fracture stress, 2 workers",
    runs[1].seconds.toFixed(1),
    (PATHS / runs[1].seconds).toFixed(0),
    (runs[0].seconds / runs[1].seconds).toFixed(2),
    runs[1].rssMiB.toFixed(0),
  ],
  [
    `a loop over simulate (on ${BASE}, scaled)`,
    (basePerPath * PATHS).toFixed(1),
    (1 / basePerPath).toFixed(0),
    (runs[0].seconds / (basePerPath * PATHS)).toFixed(2),
    "-",
  ],
];
console.log(
  `\n${PATHS.toLocaleString("en-US")} paths × ${STEPS} steps, 10,000 positions, two protocols sharing an oracle`,
);
printTable(["engine", "time (s)", "paths/s", "speed-up vs 1 worker", "peak RSS (MiB)"], rows);
console.log(
  `\nper path: prices ${(draw * 1e3).toFixed(3)} ms, build and first step ${(build * 1e3).toFixed(2)} ms, the other ${STEPS - 1} steps ${(steps * 1e3).toFixed(2)} ms (both runs: the cascade and its counterfactual)`,
);
console.log(
  `VaR 95% ${runs[1].valueAtRisk.toFixed(0)} USDC, liquidations at risk ${runs[1].liquidationsAtRisk.toFixed(0)} USDC; the same on 1 and 2 workers: ${runs[0].valueAtRisk === runs[1].valueAtRisk && runs[0].liquidationsAtRisk === runs[1].liquidationsAtRisk}`,
);
console.log(
  `summary: ${writeSummary("stress", { machine, date, paths: PATHS, steps: STEPS, runs, basePerPath, split: { draw, build, steps } })}`,
);
