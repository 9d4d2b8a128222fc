// The dashboard's slider moves in headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM),
// driven through playwright-core as test/runtimes/dashboard.ts drives it: examples/dashboard built by
// Vite and served on loopback, a scenario loaded (a preset, or a file dropped on the page), then a
// slider moved MOVES times (default 7); each move waits for the re-run and the redrawn charts, and the
// page's own figures are read — the time from the input event to the frame after the four charts
// are drawn (body[data-redraw-ms]), the workers' parts (data-core-ms: the cascade;
// data-counterfactual-ms: the ladder and the counterfactual, at the same time in another worker) and the drawing
// (data-draw-ms). The median and the range of the moves per case, and the machine, to
// build/bench/dashboard.json.
//
//   npm run build && node benchmarks/dashboard.js [--moves N] [--only TEXT] [--root CHECKOUT]
//
// Cases: blackThursday2020 (9,000 blocks; issue 15's target: 300 ms a move) with its shock slider
// (the counterfactual moves too) and with a mitigation's (it does not); sharedOracle as a preset
// (10,000 positions); and 100,000 positions (target: 1 s a move) — sharedOracle with each lender's
// generated count ×10, and a file of 100,000 explicit positions like them.
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { build, preview } from "vite";
import { machineInfo, printMachine, ROOT, rng, writeSummary } from "./common.js";

const { values: flags } = parseArgs({
  options: {
    moves: { type: "string", default: "7" },
    only: { type: "string", default: "" },
    // another checkout's dashboard (built there: npm run build), to time a change against what it replaced
    root: { type: "string", default: ROOT },
  },
});
const MOVES = Number(flags.moves);

const { presets } = await import(join(ROOT, "dist/index.node.js"));

/** sharedOracle with each lender's generated positions ×k. */
function scaled(k) {
  const s = structuredClone(presets.sharedOracle);
  for (const p of s.protocols) p.positions.generate.count *= k;
  return { ...s, description: `sharedOracle, positions ×${k}` };
}

/**
 * sharedOracle with `count` explicit positions in each lender, as a file from a subgraph export
 * holds them: collateral lognormal around the lender's mean, health uniform in [1.02, 2.5]
 * (mulberry32, seed 7); the file the page gets is the whole list.
 */
function explicit(count) {
  const s = structuredClone(presets.sharedOracle);
  const draw = rng(7);
  const price = s.assets.find((a) => a.id === "ETH").price;
  for (const p of s.protocols) {
    const { collateral, debt, totalCollateral } = p.positions.generate;
    const lt = p.markets[collateral].liquidationThreshold;
    p.positions = Array.from({ length: count }, (_, i) => {
      const gaussian = Math.sqrt(-2 * Math.log(1 - draw())) * Math.cos(2 * Math.PI * draw());
      const amount = (totalCollateral / count) * Math.exp(gaussian - 0.5);
      const health = 1.02 + 1.48 * draw();
      return {
        account: `${p.id}-${i}`,
        collateral: { [collateral]: +amount.toPrecision(8) },
        debt: { [debt]: +((amount * price * lt) / health).toPrecision(8) },
      };
    });
  }
  return { ...s, description: `sharedOracle, ${2 * count} explicit positions` };
}

const fraction = [0.5, 0.4, 0.6, 0.45, 0.55, 0.35, 0.65, 0.42, 0.58];
const tripBps = [500, 1500, 800, 2000, 300, 1200, 2500, 700, 1800];
const capacity = [7, 7.5, 8, 6.5, 7.2, 8.5, 6.8, 7.8, 6.2]; // log10 of the fund's capacity

const CASES = [
  { name: "blackThursday2020, drop slider", preset: "blackThursday2020", slider: "drop-fraction", values: fraction },
  {
    name: "blackThursday2020, circuit breaker slider",
    preset: "blackThursday2020",
    slider: "circuitBreaker-tripBps",
    values: tripBps,
  },
  {
    name: "sharedOracle (10,000 positions), drop slider",
    preset: "sharedOracle",
    slider: "drop-fraction",
    values: fraction,
  },
  {
    name: "sharedOracle (10,000 positions), insurance slider",
    preset: "sharedOracle",
    slider: "insurance-capacity",
    values: capacity,
  },
  {
    name: "100,000 positions (generated), drop slider",
    file: () => scaled(10),
    slider: "drop-fraction",
    values: fraction,
  },
  {
    name: "100,000 positions (generated), insurance slider",
    file: () => scaled(10),
    slider: "insurance-capacity",
    values: capacity,
  },
  {
    name: "100,000 positions (a file), drop slider",
    file: () => explicit(50_000),
    slider: "drop-fraction",
    values: fraction,
  },
  {
    name: "100,000 positions (a file), insurance slider",
    file: () => explicit(50_000),
    slider: "insurance-capacity",
    values: capacity,
  },
].filter((c) => c.name.includes(flags.only));

const configFile = join(flags.root, "examples/dashboard/vite.config.js");
const quiet = { configFile, logLevel: "silent" };
await build(quiet);
const server = await preview({ ...quiet, preview: { port: 0 } });
const origin = server.resolvedUrls.local[0].replace(/\/$/, "");
const profile = await mkdtemp(join(tmpdir(), "fracture-bench-chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1400, height: 1300 },
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});

const runs = (page) => page.evaluate(() => Number(document.body.dataset.runs ?? 0));
const waitRuns = (page, n) =>
  page.waitForFunction((n) => Number(document.body.dataset.runs ?? 0) >= n, n, { timeout: 120_000 });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const machine = machineInfo({ chromium: browser.browser()?.version() ?? "?" });
const date = new Date().toISOString();
printMachine(machine, date);
console.log(`Chromium ${machine.chromium}; ${MOVES} moves a case, each waiting for the redrawn charts\n`);

const results = [];
try {
  for (const c of CASES) {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${origin}/?preset=${c.preset ?? "sharedOracle"}`);
    await waitRuns(page, 1);
    if (c.file) {
      const n = await runs(page);
      const text = JSON.stringify(c.file());
      await page.setInputFiles("#file", {
        name: "scenario.json",
        mimeType: "application/json",
        buffer: Buffer.from(text),
      });
      await waitRuns(page, n + 1);
    }
    if (!(await page.$(`#${c.slider}`))) {
      console.log(`${c.name.padEnd(50)} no slider #${c.slider} on this dashboard`);
      await page.close();
      continue;
    }
    const load = os.loadavg()[0];
    const total = [];
    const core = [];
    const apart = [];
    const draw = [];
    for (let i = 0; i < MOVES; i++) {
      const n = await runs(page);
      await page.$eval(
        `#${c.slider}`,
        (el, value) => {
          el.value = String(value);
          el.dispatchEvent(new Event("input", { bubbles: true }));
        },
        c.values[i % c.values.length],
      );
      await waitRuns(page, n + 1);
      const [t, k, x, d] = await page.evaluate(() => [
        Number(document.body.dataset.redrawMs),
        Number(document.body.dataset.coreMs),
        Number(document.body.dataset.counterfactualMs), // the other worker's part; NaN where there is none
        Number(document.body.dataset.drawMs), // NaN where the page does not time its drawing
      ]);
      total.push(t);
      core.push(k);
      apart.push(x);
      draw.push(d);
    }
    if (errors.length) throw new Error(`${c.name}: ${errors.join("; ")}`);
    const r = {
      name: c.name,
      slider: c.slider,
      total,
      core,
      counterfactual: apart,
      draw,
      median: median(total),
      coreMedian: median(core),
      counterfactualMedian: median(apart),
      drawMedian: median(draw),
      load,
    };
    results.push(r);
    console.log(
      `${c.name.padEnd(50)} median ${String(r.median).padStart(5)} ms (${Math.min(...total)}–${Math.max(...total)}), cascade ${r.coreMedian} ms, ladder + counterfactual ${r.counterfactualMedian} ms, drawing ${r.drawMedian} ms; load ${load.toFixed(1)}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
  await new Promise((ok) => server.httpServer.close(() => ok()));
}
console.log(`\n${writeSummary("dashboard", { date, machine, root: flags.root, moves: MOVES, results })}`);
