// Strategies C1 and C2: kernel.ts built with --exportRuntime, driven by @assemblyscript/loader
// (deprecated since AssemblyScript 0.20; 0.28.20 still works with 0.28 modules).
import loader from "@assemblyscript/loader";

const OUTPUTS = 9;

/** A fresh loader instance of build/bench/bindings-loader/kernel.wasm. */
export async function loaderModule(bytes) {
  return (await loader.instantiate(bytes, {})).exports;
}

/** The 9 output columns of a managed Float64Array of 9n, as views (no copy). */
function columns(x, arr, n) {
  const all = x.__getFloat64ArrayView(arr);
  return Array.from({ length: OUTPUTS }, (_, k) => all.subarray(k * n, (k + 1) * n));
}

/**
 * C1: each call copies the caller's columns into fresh managed arrays (`__newArray`, pinned at
 * once since the next allocation may collect), returns views over the result array. The result
 * stays pinned, and its views valid, until the next call (or until memory grows).
 */
export function loaderCopyIn(x) {
  const F64 = x.float64ArrayId();
  const U8 = x.uint8ArrayId();
  let held = 0;
  const release = () => {
    if (held) x.__unpin(held);
    held = 0;
  };
  return {
    run(cols, call) {
      release();
      const args = cols.map((c) => x.__pin(x.__newArray(F64, c)));
      args.push(x.__pin(x.__newArray(U8, call)));
      try {
        held = x.__pin(x.bsmArrays(...args) >>> 0);
      } finally {
        for (const p of args) x.__unpin(p);
      }
      return columns(x, held, call.length);
    },
    release,
  };
}

/**
 * C2: the columns already live in managed arrays (filled once, pinned), the output array too;
 * a call passes 8 pointers and reads the outputs as views. No copy either way.
 */
export function loaderResident(x, cols, call) {
  const n = call.length;
  const F64 = x.float64ArrayId();
  const ptrs = cols.map((c) => x.__pin(x.__newArray(F64, c)));
  ptrs.push(x.__pin(x.__newArray(x.uint8ArrayId(), call)));
  const out = x.__pin(x.__newArray(F64, OUTPUTS * n));
  return {
    run() {
      x.bsmInto(...ptrs, out);
      return columns(x, out, n);
    },
    /** the output array, for the memory-growth check */
    out,
    dispose() {
      for (const p of [...ptrs, out]) x.__unpin(p);
      x.__collect();
    },
  };
}
