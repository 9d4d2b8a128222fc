#!/usr/bin/env node
// How should JavaScript exchange column data with the WebAssembly core? The same kernel
// (`bsm` of assembly/greeks.ts: price + 8 Greeks) behind three kinds of glue, timed in one
// process on the same inputs, with outputs checked bit for bit. See benchmarks/bindings/README.md.
//
//   node benchmarks/bindings.js        (after `npm run build`; builds build/bench/bindings-*)

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { captureCore, machineInfo, ROOT } from "./common.js";

const path = (p) => join(ROOT, p);

const SIZES = [1_000, 100_000, 1_000_000];
const OUTPUT_NAMES = ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga", "charm"];
const INPUT_NAMES = ["spot", "strike", "time", "vol", "rate", "dividend"];

// ---------------------------------------------------------------------------------------------
// Build the two variants of benchmarks/bindings/kernel.ts (asc, same options as the SDK's core
// except the runtime: managed arrays need a GC, here `incremental`).

if (!existsSync(path("dist/index.node.js")) || !existsSync(path("dist/fracture.wasm"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}
for (const target of ["generated", "loader"]) {
  const r = spawnSync("npx", ["asc", "--config", "benchmarks/bindings/asconfig.json", "--target", target], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    console.error(`npx asc --target ${target} failed:\n${r.stdout}${r.stderr}${r.error ?? ""}`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// The strategies. Each gets its own instance (and so its own memory); `run` returns the 9 output
// columns as Float64Arrays of n (copies or views, as the strategy naturally gives them).

// A: the public API. Its instance is private to the SDK; catch its memory while `init` instantiates.
const sdkCore = captureCore();
const { init, greeks } = await import("../dist/index.node.js");
await init();
const sdkMemory = sdkCore().memory;

const { rawCore, rawViews, rawResident } = await import("./bindings/raw.js");
const { loaderModule, loaderCopyIn, loaderResident } = await import("./bindings/loader.js");
const generated = await import("../build/bench/bindings-generated/kernel.js");

const coreBytes = readFileSync(path("dist/fracture.wasm"));
const kernelBytes = readFileSync(path("build/bench/bindings-loader/kernel.wasm"));
const coreA0 = await rawCore(coreBytes);
const a0 = rawViews(coreA0); // one scratch block, as the SDK
const coreK = await rawCore(coreBytes);
const loaderC1 = await loaderModule(kernelBytes);
const loaderC2 = await loaderModule(kernelBytes);

const split = (all, n) => OUTPUT_NAMES.map((_, k) => all.subarray(k * n, (k + 1) * n));

const strategies = [
  {
    key: "A",
    label: "A  SDK greeks.bsm (raw views, 8192-chunks)",
    copied: 6 * 8 + 1 + 9 * 8,
    memory: () => sdkMemory,
    prepare(input, n) {
      const out = Object.fromEntries(OUTPUT_NAMES.map((k) => [k, new Float64Array(n)]));
      const cols = OUTPUT_NAMES.map((k) => out[k]);
      return {
        run() {
          greeks.bsm(input.object, out);
          return cols;
        },
      };
    },
  },
  {
    key: "A0",
    label: "A0 raw views, no validation",
    copied: 6 * 8 + 1 + 9 * 8,
    memory: () => coreA0.memory,
    prepare(input, n) {
      const out = OUTPUT_NAMES.map(() => new Float64Array(n));
      return {
        run() {
          a0(input.cols, input.call, out);
          return out;
        },
      };
    },
  },
  {
    key: "B",
    label: "B  asc --bindings esm",
    copied: 6 * 8 + 1 + 9 * 8,
    memory: () => generated.memory,
    prepare(input, n) {
      return { run: () => split(generated.bsmArrays(...input.cols, input.call), n) };
    },
  },
  {
    key: "C1",
    label: "C1 loader, copy in, views out",
    copied: 6 * 8 + 1,
    memory: () => loaderC1.memory,
    prepare(input) {
      const c = loaderCopyIn(loaderC1);
      return { run: () => c.run(input.cols, input.call), dispose: c.release };
    },
  },
  {
    key: "C2",
    label: "C2 loader, resident arrays (zero-copy)",
    copied: 0,
    memory: () => loaderC2.memory,
    prepare(input) {
      return loaderResident(loaderC2, input.cols, input.call);
    },
  },
  {
    key: "K",
    label: "K  kernel only (raw ptrs, resident)",
    copied: 0,
    memory: () => coreK.memory,
    prepare(input) {
      return rawResident(coreK, input.cols, input.call);
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Inputs: a seeded mix of calls and puts, in and out of the money, with some zero times and
// vols (the kernel's deterministic branch). All within the SDK's validated ranges.

function inputs(n, seed) {
  let s = seed >>> 0;
  const rnd = () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const cols = INPUT_NAMES.map(() => new Float64Array(n));
  const [spot, strike, time, vol, rate, dividend] = cols;
  const call = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    spot[i] = 50 + 4950 * rnd();
    strike[i] = spot[i] * (0.5 + rnd());
    time[i] = rnd() < 0.02 ? 0 : 1 / 365 + 3 * rnd();
    vol[i] = rnd() < 0.02 ? 0 : 0.05 + 2 * rnd();
    rate[i] = -0.01 + 0.09 * rnd();
    dividend[i] = 0.05 * rnd();
    call[i] = rnd() < 0.5 ? 1 : 0;
  }
  const object = Object.fromEntries(INPUT_NAMES.map((k, i) => [k, cols[i]]));
  object.call = call;
  return { cols, call, object };
}

const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Index of the first output column differing from `ref` in any bit, or -1. */
function firstMismatch(ref, got) {
  for (let k = 0; k < ref.length; k++) if (!bytes(ref[k]).equals(bytes(got[k]))) return k;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Timing: per n, every strategy is warmed up, then rounds interleave the strategies (so drift and
// noise from other processes hit all alike); a sample is a batch of calls; we keep best and median.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

const results = [];
let identical = true;
for (const n of SIZES) {
  const input = inputs(n, 0x9e3779b9 ^ n);
  const batch = Math.max(1, Math.round(100_000 / n));
  const rounds = n >= 1_000_000 ? 9 : 25;
  const states = strategies.map((s) => s.prepare(input, n));

  // warm-up, and the bit-for-bit check against A
  let ref;
  states.forEach((st, i) => {
    for (let w = 0; w < 3 * batch; w++) st.run();
    const out = st.run();
    if (!ref) ref = out.map((a) => a.slice());
    const k = firstMismatch(ref, out);
    if (k >= 0) {
      identical = false;
      console.error(`MISMATCH at n=${n}: ${strategies[i].key} differs from A in ${OUTPUT_NAMES[k]}`);
    }
  });

  const samples = strategies.map(() => []);
  for (let r = 0; r < rounds; r++) {
    states.forEach((st, i) => {
      const t0 = now();
      for (let b = 0; b < batch; b++) st.run();
      samples[i].push((now() - t0) / batch);
    });
  }
  states.forEach((st, i) => {
    st.dispose?.();
    results.push({
      n,
      s: strategies[i],
      best: Math.min(...samples[i]),
      median: median(samples[i]),
      memory: strategies[i].memory().buffer.byteLength,
    });
  });
}

// Memory growth: a view over memory.buffer is detached when the memory grows.
const growth = (() => {
  const small = inputs(16, 1);
  const st = loaderResident(loaderC2, small.cols, small.call);
  const [price] = st.run();
  const before = price.length;
  loaderC2.memory.grow(1);
  const after = price.length;
  st.dispose();
  return { before, after };
})();

// ---------------------------------------------------------------------------------------------
// Report

const codeLines = (file) =>
  readFileSync(path(file), "utf8")
    .split("\n")
    .filter((l) => {
      const t = l.trim();
      return t && !t.startsWith("//") && !t.startsWith("/*") && !t.startsWith("*");
    }).length;
const size = (file) => readFileSync(path(file)).length;

const machine = machineInfo({ v8: process.versions.v8 });
console.log(
  `\n${machine.cpu} (${machine.cores} logical cores), ${machine.os}, Node ${machine.node} (V8 ${machine.v8}), ` +
    new Date().toISOString(),
);
console.log(
  `Black-Scholes price + 8 Greeks, ${SIZES.map((n) => n.toLocaleString("en-US")).join(" / ")} options; ` +
    "best of interleaved rounds after warm-up (median beside it).\n",
);

const K = new Map(results.filter((r) => r.s.key === "K").map((r) => [r.n, r.best]));
const header = [
  "n",
  "strategy",
  "best ms/call",
  "median ms",
  "ns/option",
  "× kernel",
  "copied B/option",
  "peak memory.buffer",
];
const rows = results.map((r) => [
  r.n.toLocaleString("en-US"),
  r.s.label,
  r.best.toFixed(r.best < 1 ? 3 : 2),
  r.median.toFixed(r.median < 1 ? 3 : 2),
  ((r.best * 1e6) / r.n).toFixed(1),
  (r.best / K.get(r.n)).toFixed(2),
  String(r.s.copied),
  `${(r.memory / 2 ** 20).toFixed(1)} MiB`,
]);
printTable(header, rows, [false, true, false, false, false, false, false, false]);

console.log(
  `\nOutputs bit-for-bit identical across all strategies and sizes: ${identical ? "yes" : "NO"} ` +
    "(9 columns compared byte for byte with A's).",
);
console.log(
  `Memory growth: a C output view of length ${growth.before} has length ${growth.after} after memory.grow(1) ` +
    "(detached); A and B return arrays owned by JS.\n",
);

printTable(
  ["strategy", "glue (code lines)", "runtime dependency", "wasm"],
  [
    [
      "A  raw views (the SDK)",
      `${codeLines("bindings/core.ts") + codeLines("bindings/instance.ts")} (bindings/core.ts + instance.ts) + ` +
        `${codeLines("src/greeks.ts")} (src/greeks.ts, incl. validation)`,
      "none",
      `dist/fracture.wasm ${size("dist/fracture.wasm")} B, runtime minimal, no imports, exports alloc/free`,
    ],
    [
      "B  asc --bindings esm",
      `${codeLines("build/bench/bindings-generated/kernel.js")} generated (kernel.js) + ${codeLines("benchmarks/bindings/kernel.ts")} (kernel.ts)`,
      "none (asc regenerates the glue at build time)",
      `kernel.wasm ${size("build/bench/bindings-generated/kernel.wasm")} B, runtime incremental + exported runtime, imports env.abort`,
    ],
    [
      "C  @assemblyscript/loader",
      `${codeLines("node_modules/@assemblyscript/loader/index.js")} (loader/index.js) + ${codeLines("benchmarks/bindings/loader.js")} (ours) + ${codeLines("benchmarks/bindings/kernel.ts")} (kernel.ts)`,
      `@assemblyscript/loader ${JSON.parse(readFileSync(path("node_modules/@assemblyscript/loader/package.json"), "utf8")).version}, deprecated since AS 0.20`,
      `kernel.wasm ${size("build/bench/bindings-loader/kernel.wasm")} B (--exportRuntime), imports env.abort`,
    ],
  ],
  [true, true, true, true],
);
const same = readFileSync(path("build/bench/bindings-generated/kernel.wasm")).equals(kernelBytes);
console.log(
  `\nB's and C's kernel.wasm are ${same ? "byte-identical" : "different"} (--bindings esm implies --exportRuntime).`,
);

if (!identical) process.exit(1);

function printTable(head, body, left) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const cell = (v, i) => (left[i] ? v.padEnd(widths[i]) : v.padStart(widths[i]));
  const line = (r) => `| ${r.map(cell).join(" | ")} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w, i) => (left[i] ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`);
  for (const r of body) console.log(line(r));
}
