// The Systemic Risk Oracle under load (issue 13's targets):
//  1. a report of a 100,000-position, three-protocol scenario (presets.sharedOracle with 40,000
//     positions in each of its two lenders and a third lender of 20,000 on the deep pool's
//     oracle), computed by `riskOracle` in this thread: cold, then the best of three warm runs,
//     with and without the recommendations (each a bisection of engine runs);
//  2. `fracture oracle --serve` (the built CLI, a child process, history in memory) serving the
//     latest signed report of presets.sharedOracle: autocannon on loopback, GET /v1/report/ETH,
//     10 connections for 10 s after a 2 s warm-up, once with the server idle between reports and
//     once with `--every 1` (a new report computed in the worker thread every second, so the
//     load meets the computation). autocannon runs in this process, on the same cores.
//
//   npm run build && node benchmarks/oracle.js [seconds=10] [connections=10]
//
// Figures are printed (and written to build/bench/oracle.json), never asserted.
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { init, presets, riskOracle } from "../dist/index.node.js";
import { machineInfo, printMachine, printTable, ROOT, writeSummary } from "./common.js";

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 10);

await init();
const machine = machineInfo();
const date = new Date().toISOString().slice(0, 10);
printMachine(machine, date);

// ---- 1. a report of 100,000 positions in three protocols --------------------------------------

function bigScenario() {
  const s = structuredClone(presets.sharedOracle);
  s.name = "oracle-benchmark";
  for (const p of s.protocols) p.positions.generate.count = 40_000;
  const third = structuredClone(s.protocols[1]);
  third.id = "lend-c";
  third.oracles = { ETH: "eth-deep", USDC: "usd" };
  third.positions.generate = { ...third.positions.generate, count: 20_000, totalCollateral: 20_000 };
  s.protocols.push(third);
  s.liquidators.push({ id: "bots-c", capital: null, sellVenue: "deep-pool", protocols: ["lend-c"] });
  return s;
}

/** Wall and CPU seconds (this process's, user + system: less moved by other jobs on the machine). */
async function seconds(f) {
  const t = performance.now();
  const c = process.cpuUsage();
  const out = await f();
  const used = process.cpuUsage(c);
  return [(performance.now() - t) / 1000, out, (used.user + used.system) / 1e6];
}

const scenario = bigScenario();
const positions = scenario.protocols.reduce((n, p) => n + p.positions.generate.count, 0);
const compute = [];
for (const recommendations of [true, false]) {
  const [cold, report, coldCpu] = await seconds(() => riskOracle(scenario, { recommendations }));
  let warm = Number.POSITIVE_INFINITY;
  let warmCpu = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const [wall, , cpu] = await seconds(() => riskOracle(scenario, { recommendations }));
    warm = Math.min(warm, wall);
    warmCpu = Math.min(warmCpu, cpu);
  }
  const eth = report.assets.ETH;
  compute.push({
    recommendations,
    cold,
    warm,
    coldCpu,
    warmCpu,
    fragility: eth.fragility.index,
    staticDrop: eth.boundary.static?.drop ?? null,
    dynamicDrop: eth.boundary.dynamic?.drop ?? null,
  });
}
console.log(`\nriskOracle, ${positions.toLocaleString("en")} positions in ${scenario.protocols.length} protocols:`);
printTable(
  ["report", "cold (s)", "warm, best of 3 (s)", "CPU cold / warm (s)", "fragility", "static / dynamic boundary"],
  compute.map((c) => [
    c.recommendations ? "with recommendations" : "without (--fast)",
    c.cold.toFixed(2),
    c.warm.toFixed(2),
    `${c.coldCpu.toFixed(2)} / ${c.warmCpu.toFixed(2)}`,
    c.fragility.toFixed(1),
    `−${(100 * c.staticDrop).toFixed(1)}% / −${(100 * c.dynamicDrop).toFixed(1)}%`,
  ]),
);

// ---- 2. the latest report served -----------------------------------------------------------------

/** `fracture oracle --serve --preset sharedOracle` with `extra` flags, loaded by autocannon once its first report is out. */
async function served(label, extra) {
  const child = spawn(
    process.execPath,
    ["bin/fracture.js", "oracle", "--serve", "--preset", "sharedOracle", "--port", "0", ...extra],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr.on("data", (d) => {
    log += d;
  });
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${log}`)), 60_000);
      child.stderr.on("data", () => {
        const m = /listening on (http:\/\/\S+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on("exit", (code) => reject(new Error(`the server exited (${code}): ${log}`)));
    });
    const target = `${url}/v1/report/ETH`;
    let bytes = 0;
    for (;;) {
      const res = await fetch(target);
      if (res.status === 200) {
        bytes = (await res.arrayBuffer()).byteLength;
        break;
      }
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 200));
    }
    await autocannon({ url: target, connections: CONNECTIONS, duration: 2 });
    const r = await autocannon({ url: target, connections: CONNECTIONS, duration: SECONDS });
    return {
      label,
      flags: extra.join(" "),
      bytes,
      connections: CONNECTIONS,
      seconds: SECONDS,
      requestsPerSecond: r.requests.average,
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      total: r.requests.total,
    };
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

const load = [
  await served("idle between reports", []),
  await served("a report computed every second meanwhile (worker thread)", ["--every", "1"]),
];
console.log(
  `\nfracture oracle --serve, GET /v1/report/ETH (${(load[0].bytes / 1024).toFixed(1)} KiB), autocannon ${CONNECTIONS} connections × ${SECONDS} s on loopback:`,
);
printTable(
  ["server", "requests/s", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)", "requests", "errors", "non-2xx"],
  load.map((l) => [
    l.label,
    l.requestsPerSecond.toFixed(0),
    String(l.latencyMs.p50),
    String(l.latencyMs.p90),
    String(l.latencyMs.p99),
    String(l.latencyMs.max),
    String(l.total),
    String(l.errors + l.timeouts),
    String(l.non2xx),
  ]),
);
console.log(`\n${writeSummary("oracle", { machine, date, positions, compute, load, loadAfter: machineInfo().load })}`);
