// How long the HTML report takes to write (issue 15's target: under 2 s for a preset's report):
//  - in process: the built CLI's `main` called with `simulate --preset P --html FILE` (after one
//    warm-up run of the first preset, so the core is compiled once as in any one command), and
//    the same without --html, so the report's own share is the difference;
//  - as a user runs it: `node bin/fracture.js simulate --preset P --html FILE`, a new process each
//    time (what `npx fracture` runs after npm has found the package: Node's start-up, loading the
//    bundle and compiling the core included);
//  - `compare --preset commonCollateral --html FILE` both ways.
// The median of RUNS runs each (default 5; 3 for new processes), in wall time and, in process, in
// CPU time (which other jobs on the machine move less), the report's size beside it.
//
//   npm run build && node benchmarks/report.js [runs=5]
//
// Figures are printed (and written to build/bench/report.json), never asserted.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../dist/cli.js";
import { presets } from "../dist/index.node.js";
import { machineInfo, printMachine, printTable, ROOT, writeSummary } from "./common.js";

const RUNS = Number(process.argv[2] ?? 5);
const SPAWNED = Math.max(1, Math.min(RUNS, 3));
const dir = mkdtempSync(join(tmpdir(), "fracture-report-bench-"));
const machine = machineInfo();
const date = new Date().toISOString().slice(0, 10);
printMachine(machine, date);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The CLI's main in this process, its output swallowed; seconds of wall time and of CPU time. */
async function inProcess(args) {
  const log = console.log;
  console.log = () => {};
  const cpu = process.cpuUsage();
  const start = performance.now();
  let code;
  try {
    code = await main(args);
  } finally {
    console.log = log;
  }
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (code !== 0) throw new Error(`fracture ${args.join(" ")} exited ${code}`);
  return { wall, cpu: (used.user + used.system) / 1e6 };
}

/** A new `node bin/fracture.js` process; seconds of wall time. */
function spawned(args) {
  const start = performance.now();
  execFileSync(process.execPath, [join(ROOT, "bin/fracture.js"), ...args], { stdio: "ignore" });
  return (performance.now() - start) / 1000;
}

async function measure(label, args, file) {
  const html = [...args, "--html", file];
  const withHtml = [];
  const without = [];
  const processes = [];
  for (let i = 0; i < RUNS; i++) {
    withHtml.push(await inProcess(html));
    without.push(await inProcess(args));
  }
  for (let i = 0; i < SPAWNED; i++) processes.push(spawned(html));
  return {
    label,
    inProcess: median(withHtml.map((r) => r.wall)),
    inProcessCpu: median(withHtml.map((r) => r.cpu)),
    withoutHtml: median(without.map((r) => r.wall)),
    withoutHtmlCpu: median(without.map((r) => r.cpu)),
    spawned: median(processes),
    bytes: statSync(file).size,
  };
}

const names = Object.keys(presets);
await inProcess(["simulate", "--preset", names[0]]); // the core compiled, as once in any command
const results = [];
for (const name of names)
  results.push(await measure(name, ["simulate", "--preset", name, "--quiet"], join(dir, `${name}.html`)));
results.push(
  await measure(
    "compare, commonCollateral",
    ["compare", "--preset", "commonCollateral", "--quiet"],
    join(dir, "compare.html"),
  ),
);
rmSync(dir, { recursive: true, force: true });

const s = (x) => x.toFixed(2);
printTable(
  [
    "report (--html)",
    "in process: wall, CPU (s)",
    "without --html: wall, CPU (s)",
    "the report's share of CPU (s)",
    "new process (s)",
    "size (KiB)",
  ],
  results.map((r) => [
    r.label,
    `${s(r.inProcess)}, ${s(r.inProcessCpu)}`,
    `${s(r.withoutHtml)}, ${s(r.withoutHtmlCpu)}`,
    s(Math.max(0, r.inProcessCpu - r.withoutHtmlCpu)),
    s(r.spawned),
    (r.bytes / 1024).toFixed(0),
  ]),
);
const slow = results.filter((r) => r.spawned >= 2 || r.inProcess >= 2).map((r) => r.label);
console.log(
  `\ntarget < 2 s per preset: ${slow.length === 0 ? "met by every report" : `missed by ${slow.join(", ")}`} (load average ${machine.load.toFixed(1)} at the start)`,
);
console.log(`summary: ${writeSummary("report", { date, machine, runs: RUNS, spawnedRuns: SPAWNED, results })}`);
