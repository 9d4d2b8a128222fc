// The cascade engine at scale: 1,000,000 generated lending positions on ETH/USDC, one
// constant-product pool, 1,000 steps of a falling price path, run by `simulate` (the core) and
// by the plain TypeScript reference engine of the differential test (test/cascade-reference.ts),
// each in a child process of its own so that each one's peak memory is its own. Checks that they
// agree on every step's liquidations, the pool's price and the bad debt.
//
//   npm run build && node benchmarks/cascade.js      (or: npm run bench:cascade)
//
// Prints a table and writes build/bench/cascade.json. See benchmarks/README.md.

import { fork } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { captureCore, machineInfo, OUT_DIR, printMachine, printTable, ROOT, writeSummary } from "./common.js";

const POSITIONS = join(OUT_DIR, "cascade-positions.bin");
const REFERENCE = join(OUT_DIR, "cascade-reference.js");
const N = 1_000_000;
const STEPS = 1_000;
const RUNS = 5; // of the core, in one process: the first is cold
const EVENTS = 10_000; // liquidations compared one by one (both engines count all of them)

// ---- the scenario ----------------------------------------------------------------------------

/**
 * ETH falls 40% in 1,000 steps: linearly from 2000 to 1800 over steps 0-499, a crash of 30% at
 * step 500 (1260), then on to 1200 at step 999. The outside market pulls the pool half the way
 * to the path each step; the liquidations' sales push it the other way.
 */
function path() {
  const prices = [];
  for (let t = 0; t < STEPS; t++) prices.push(t < 500 ? 2000 - (200 * t) / 499 : 1260 - (60 * (t - 500)) / 499);
  return prices;
}

const SCENARIO = {
  version: 1,
  name: "cascade-benchmark",
  steps: STEPS,
  seed: 7,
  assets: [
    { id: "ETH", price: 2000 },
    { id: "USDC", price: 1 },
  ],
  // 2M ETH: twice the positions' collateral
  venues: [
    {
      id: "pool",
      type: "constantProduct",
      base: "ETH",
      quote: "USDC",
      reserveBase: 2e6,
      reserveQuote: 4e9,
      feeBps: 30,
    },
  ],
  oracles: [
    { id: "eth", type: "spot", source: "pool", latencySteps: 1 },
    { id: "usd", type: "spot", source: "USDC" },
  ],
  protocols: [
    {
      id: "aave",
      type: "lending",
      oracles: { ETH: "eth", USDC: "usd" },
      markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
      closeFactor: 0.5,
      fullCloseBelowHealth: 0.95,
      positions: {
        generate: {
          count: N,
          collateral: "ETH",
          debt: "USDC",
          totalCollateral: 1e6,
          sizeDispersion: 1,
          health: { min: 1.01, max: 3, shape: 2 },
        },
      },
    },
  ],
  liquidators: [{ id: "bots", capital: null, sellVenue: "pool" }],
  shock: [{ type: "path", asset: "ETH", prices: path(), everySteps: 1, pull: 0.5 }],
};

// ---- the engines, each in its own process ---------------------------------------------------

const mib = (bytes) => bytes / 2 ** 20;
const peakRss = () => mib(process.resourceUsage().maxRSS * 1024);

/** The core: simulate end to end, RUNS times; the world's build and its run timed apart. */
async function core() {
  const times = {};
  const parts = ["generateSizes", "generateLevels", "generateDerived", "worldLendingReady", "worldRun"];
  const exports = captureCore({ timed: parts, times });
  const { init, simulate } = await import(pathToFileURL(join(ROOT, "dist", "index.node.js")).href);
  await init();
  const runs = [];
  let first;
  for (let k = 0; k < RUNS; k++) {
    for (const p of parts) times[p] = 0;
    const t0 = performance.now();
    const r = simulate(SCENARIO, { counterfactual: false, events: EVENTS });
    const seconds = (performance.now() - t0) / 1e3;
    runs.push({ seconds, ...Object.fromEntries(parts.map((p) => [p, times[p] / 1e3])), peakRss: peakRss() });
    if (k === 0) first = r;
  }
  const t = first.timeline;
  return {
    runs,
    wasmMemory: mib(exports().memory.buffer.byteLength),
    steps: t.steps,
    liquidations: first.summary.liquidations,
    liquidatedNotional: first.summary.liquidatedNotional,
    badDebt: first.summary.badDebt,
    perStep: [...t.liquidations],
    price: [...t.venues.pool.price],
    events: first.events.map((e) => [e.step, e.position, e.a, e.b, e.c]),
  };
}

/** The reference on the same positions (the columns the core draws, read from a file). */
async function reference() {
  const { runReference } = await import(pathToFileURL(REFERENCE).href);
  const { validateScenario } = await import(pathToFileURL(join(ROOT, "dist", "index.node.js")).href);
  const bytes = readFileSync(POSITIONS);
  const all = new Float64Array(bytes.buffer, bytes.byteOffset, 2 * N);
  const columns = { aave: { collateral: { ETH: all.slice(0, N) }, debt: { USDC: all.slice(N) } } };
  const s = validateScenario(SCENARIO);
  const t0 = performance.now();
  const r = runReference(s, { columns, events: EVENTS });
  const seconds = (performance.now() - t0) / 1e3;
  return {
    runs: [{ seconds, peakRss: peakRss() }],
    steps: r.steps,
    liquidations: r.liquidations,
    liquidatedNotional: r.liquidatedNotional,
    badDebt: r.badDebt,
    perStep: [...r.liquidationsPerStep],
    price: [...r.poolPrice],
    events: r.events.map((e) => [e.step, e.position, e.repaid, e.seized, e.fee]),
  };
}

/**
 * The positions simulate draws (src/simulate/lending.ts): sizes on stream 16·p, healths on
 * 16·p + 1, debt = collateral × price × LT / health, for protocol p = 0. Written to a file.
 */
async function positions() {
  const exports = captureCore();
  const { init } = await import(pathToFileURL(join(ROOT, "dist", "index.node.js")).href);
  await init();
  const e = exports();
  const g = SCENARIO.protocols[0].positions.generate;
  const lt = SCENARIO.protocols[0].markets.ETH.liquidationThreshold;
  const price = SCENARIO.venues[0].reserveQuote / SCENARIO.venues[0].reserveBase; // the oracle's first price
  const [coll, health, debt] = [0, 1, 2].map(() => e.alloc(N * 8));
  e.generateSizes(SCENARIO.seed, 0, N, g.totalCollateral, g.sizeDispersion, coll);
  e.generateLevels(SCENARIO.seed, 1, N, g.health.min, g.health.max, g.health.shape, health);
  e.generateDerived(N, coll, health, (price * lt) / 1, debt);
  const f64 = new Float64Array(e.memory.buffer);
  const out = new Float64Array(2 * N);
  out.set(f64.subarray(coll / 8, coll / 8 + N), 0);
  out.set(f64.subarray(debt / 8, debt / 8 + N), N);
  writeFileSync(POSITIONS, out);
}

function child(engine) {
  return new Promise((resolve, reject) => {
    const p = fork(fileURLToPath(import.meta.url), [engine], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    p.on("message", resolve);
    p.on("error", reject);
    p.on("exit", (code) => code !== 0 && reject(new Error(`the ${engine} process exited with ${code}`)));
  });
}

// ---- the comparison and the table -----------------------------------------------------------

const rel = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

function agreement(a, b) {
  let price = 0;
  for (let i = 0; i < b.steps; i++) price = Math.max(price, rel(a.price[i], b.price[i]));
  let amounts = 0;
  let order = a.events.length === b.events.length;
  a.events.forEach((e, i) => {
    const x = b.events[i];
    if (!x || e[0] !== x[0] || e[1] !== x[1]) order = false;
    else for (let k = 2; k < 5; k++) amounts = Math.max(amounts, rel(e[k], x[k]));
  });
  return {
    steps: a.steps === b.steps,
    liquidations: a.liquidations === b.liquidations,
    perStep: a.perStep.every((x, i) => x === b.perStep[i]),
    firstEvents: order,
    amounts,
    price,
    badDebt: rel(a.badDebt, b.badDebt),
    liquidatedNotional: rel(a.liquidatedNotional, b.liquidatedNotional),
  };
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const { buildSync } = await import("esbuild");
  buildSync({
    entryPoints: [join(ROOT, "test", "cascade-reference.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: REFERENCE,
    logLevel: "error",
  });
  await child("positions");
  const machine = machineInfo();
  const date = new Date().toISOString();
  printMachine(machine, date);
  console.log(
    `${N.toLocaleString("en")} generated positions (ETH collateral, USDC debt) on one pool, ${STEPS} steps of a ` +
      "falling path (-40%, with a 30% crash at step 500); unlimited liquidators selling on the pool",
  );
  const c = await child("core");
  const r = await child("reference");
  const a = agreement(c, r);
  const best = c.runs.slice(1).reduce((x, y) => (y.seconds < x.seconds ? y : x));
  const cold = c.runs[0];
  const ref = r.runs[0];
  const fmt = (x, d = 2) => x.toFixed(d);
  const header = ["engine", "time (s)", "× core (best)", "positions·steps/s", "peak RSS (MiB)"];
  const rows = [
    [
      `core: simulate, first of ${RUNS} runs (cold)`,
      fmt(cold.seconds, 3),
      fmt(cold.seconds / best.seconds),
      `${fmt((N * c.steps) / cold.seconds / 1e9)} G`,
      fmt(cold.peakRss, 0),
    ],
    [
      `core: simulate, best of the other ${RUNS - 1}`,
      fmt(best.seconds, 3),
      "1.00",
      `${fmt((N * c.steps) / best.seconds / 1e9)} G`,
      fmt(c.runs.at(-1).peakRss, 0),
    ],
    ["  of which the step loop (worldRun)", fmt(best.worldRun, 3), "", "", ""],
    [
      "  generating and indexing the positions",
      fmt(best.generateSizes + best.generateLevels + best.generateDerived + best.worldLendingReady, 3),
      "",
      "",
      "",
    ],
    [
      "reference engine (test/cascade-reference.ts)",
      fmt(ref.seconds, 3),
      fmt(ref.seconds / best.seconds, 1),
      `${fmt((N * r.steps) / ref.seconds / 1e9, 3)} G`,
      fmt(ref.peakRss, 0),
    ],
  ];
  console.log();
  printTable(header, rows);
  console.log();
  console.log(
    `Both: ${c.steps} steps, ${c.liquidations.toLocaleString("en")} liquidations ` +
      `(${fmt(c.liquidatedNotional / 1e6, 1)} M USDC repaid), bad debt ${fmt(c.badDebt / 1e3, 3)} k USDC. ` +
      `Agreement: liquidations per step ${a.perStep && a.liquidations && a.steps ? "identical" : "DIFFER"}; ` +
      `the first ${EVENTS.toLocaleString("en")} liquidations ${a.firstEvents ? "the same positions in the same order" : "DIFFER"}, ` +
      `amounts within ${a.amounts.toExponential(1)}; pool price within ${a.price.toExponential(1)} every step; ` +
      `bad debt within ${a.badDebt.toExponential(1)}, repaid within ${a.liquidatedNotional.toExponential(1)} (relative).`,
  );
  const ratio = ref.seconds / best.seconds;
  console.log(
    `Targets: under 2 s — ${best.seconds < 2 ? "met" : "MISSED"} (${fmt(best.seconds)} s; cold ${fmt(cold.seconds)} s); ` +
      `at least 20× the reference engine — ${ratio >= 20 ? "met" : "MISSED"} (${fmt(ratio, 1)}×); peak memory ` +
      `under 200 MB — ${c.runs.at(-1).peakRss * 1.048576 < 200 ? "met" : "MISSED"} (${fmt(c.runs.at(-1).peakRss * 1.048576, 0)} MB ` +
      `RSS of the core's process, wasm memory ${fmt(c.wasmMemory, 0)} MiB).`,
  );
  if (machine.load > 1.5) console.log(`note: load average ${fmt(machine.load)} on ${machine.cores} cores when started`);
  const written = writeSummary("cascade", {
    date,
    machine,
    scenario: { ...SCENARIO, shock: "see benchmarks/cascade.js" },
    core: { runs: c.runs, wasmMemory: c.wasmMemory },
    reference: r.runs,
    agreement: a,
    totals: { steps: c.steps, liquidations: c.liquidations, badDebt: c.badDebt },
  });
  console.log(`summary: ${written}`);
}

const engine = process.argv[2];
const jobs = { core, reference, positions };
if (engine in jobs) {
  const result = (await jobs[engine]()) ?? true;
  process.send(result, () => process.disconnect());
} else await main();
