// What the benchmark scripts share: where they write, the machine line, the seeded generator,
// the core's instance, the text tables and the native C builds.

import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root, and where the benchmarks write (build/bench/). */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const OUT_DIR = join(ROOT, "build", "bench");

/** Writes `data` as build/bench/NAME.json; returns that path relative to the root, to print. */
export function writeSummary(name, data) {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  return join("build", "bench", `${name}.json`);
}

// ---- the machine ------------------------------------------------------------------------------

/** The machine a run is on, for the summaries; `extra` adds fields (gcc, v8, ...). */
export function machineInfo(extra = {}) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown CPU",
    cores: cpus.length,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    load: os.loadavg()[0],
    ...extra,
  };
}

/** The line that heads a benchmark's output; gcc's version (or "-") when the machine has the field. */
export function printMachine(m, date) {
  const gcc = "gcc" in m ? `, gcc ${m.gcc ?? "-"}` : "";
  console.log(`${m.cpu} x${m.cores}, ${m.os}, Node ${m.node}${gcc}, ${date}`);
}

// ---- inputs -----------------------------------------------------------------------------------

/** mulberry32: a small deterministic PRNG. Must stay identical to `rng` of test/harness.ts, so that
 *  a seed draws the same numbers in the tests and the benchmarks. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the core's instance ----------------------------------------------------------------------

/**
 * Reaches the core's instance, which the SDK keeps private, by wrapping WebAssembly.instantiate:
 * call it before the SDK's `init`. The first instance with the core's exports is kept (not other
 * modules, such as Node's own undici llhttp), and the wrapper then takes itself out. Calls to
 * the exports named in `timed` add their milliseconds to times[name]: the SDK is handed an
 * instance whose exports are timing wrappers. Returns a getter of the core's exports that
 * throws while there are none.
 */
export function captureCore({ timed = [], times = {} } = {}) {
  const instantiate = WebAssembly.instantiate;
  let exports;
  WebAssembly.instantiate = async (...args) => {
    const r = await instantiate.apply(WebAssembly, args);
    const instance = r instanceof WebAssembly.Instance ? r : r.instance;
    if (!instance.exports.worldRun || !instance.exports.bookBatch) return r;
    WebAssembly.instantiate = instantiate;
    exports = instance.exports;
    if (timed.length === 0) return r;
    const wrapped = { ...exports };
    for (const name of timed) {
      const f = exports[name];
      wrapped[name] = (...a) => {
        const t0 = performance.now();
        try {
          return f(...a);
        } finally {
          times[name] = (times[name] ?? 0) + performance.now() - t0;
        }
      };
    }
    const fake = { exports: wrapped };
    return r instanceof WebAssembly.Instance ? fake : { module: r.module, instance: fake };
  };
  return () => {
    if (!exports) throw new Error("could not reach the core's instance: call captureCore before init");
    return exports;
  };
}

// ---- output -----------------------------------------------------------------------------------

/**
 * Prints rows of cells under a header and a line of dashes, columns two apart. The columns in
 * `right` (indices) are right-aligned, by default all but the first.
 */
export function printTable(header, rows, right = new Set(header.map((_, j) => j).slice(1))) {
  const all = [header, ...rows];
  const widths = header.map((_, j) => Math.max(...all.map((row) => row[j].length)));
  const line = (row) =>
    row
      .map((cell, j) => (right.has(j) ? cell.padStart(widths[j]) : cell.padEnd(widths[j])))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

// ---- native C ---------------------------------------------------------------------------------

/**
 * Compiles native C baselines into build/bench/: each job { src, out, flags } is
 * `gcc FLAGS -o build/bench/OUT benchmarks/native/SRC -lm`. Returns gcc's version, or null
 * (with a note) when there is no gcc or a build fails.
 */
export function compileNative(jobs) {
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    for (const { src, out, flags } of jobs)
      execFileSync("gcc", [...flags, "-o", join(OUT_DIR, out), join(ROOT, "benchmarks", "native", src), "-lm"], {
        stdio: ["ignore", "ignore", "inherit"],
      });
    return execFileSync("gcc", ["-dumpfullversion"], { encoding: "utf8" }).trim();
  } catch (e) {
    console.log(`native C skipped: ${e.message.split("\n")[0]}`);
    return null;
  }
}
