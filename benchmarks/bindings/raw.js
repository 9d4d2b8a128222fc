// Strategies A0 and K: dist/fracture.wasm driven directly through its pointer exports
// (alloc/free/bsm), each on its own instance. A0 repeats the SDK's chunked copy loop
// (src/greeks.ts) without the API's validation; K is the floor: columns already resident
// in linear memory, one call, no copies.

const CHUNK = 8192; // as src/greeks.ts
const INPUTS = 6;
const OUTPUTS = 9;

/** A fresh instance of the SDK's core. */
export async function rawCore(bytes) {
  const { instance } = await WebAssembly.instantiate(bytes, {});
  return instance.exports;
}

/** A0: copy a chunk in through views over memory.buffer, run, copy it out; views rebuilt on growth. */
export function rawViews(e) {
  const base = e.alloc((INPUTS + OUTPUTS) * CHUNK * 8 + CHUNK);
  const callAt = base + (INPUTS + OUTPUTS) * CHUNK * 8;
  const outAt = base + INPUTS * CHUNK * 8;
  let buffer;
  let f64;
  let u8;
  const refresh = () => {
    if (e.memory.buffer !== buffer) {
      buffer = e.memory.buffer;
      f64 = new Float64Array(buffer);
      u8 = new Uint8Array(buffer);
    }
  };
  /** cols: 6 input Float64Arrays, call: Uint8Array, out: 9 Float64Arrays of n */
  return (cols, call, out) => {
    const n = call.length;
    for (let from = 0; from < n; from += CHUNK) {
      const len = Math.min(CHUNK, n - from);
      refresh();
      for (let k = 0; k < INPUTS; k++) f64.set(cols[k].subarray(from, from + len), base / 8 + k * CHUNK);
      u8.set(call.subarray(from, from + len), callAt);
      const col = CHUNK * 8;
      e.bsm(len, base, base + col, base + 2 * col, base + 3 * col, base + 4 * col, base + 5 * col, callAt, 0, outAt);
      refresh();
      for (let k = 0; k < OUTPUTS; k++) {
        const start = outAt / 8 + k * len;
        out[k].set(f64.subarray(start, start + len), from);
      }
    }
  };
}

/** K: n options resident in the core's heap; `run` is one bare `bsm` call, outputs read as views. */
export function rawResident(e, cols, call) {
  const n = call.length;
  const ptrs = cols.map((c) => {
    const p = e.alloc(n * 8);
    new Float64Array(e.memory.buffer, p, n).set(c);
    return p;
  });
  const callPtr = e.alloc(n);
  new Uint8Array(e.memory.buffer, callPtr, n).set(call);
  const outPtr = e.alloc(OUTPUTS * n * 8);
  return {
    run() {
      e.bsm(n, ...ptrs, callPtr, 0, outPtr);
      const all = new Float64Array(e.memory.buffer, outPtr, OUTPUTS * n);
      return Array.from({ length: OUTPUTS }, (_, k) => all.subarray(k * n, (k + 1) * n));
    },
    dispose() {
      for (const p of [...ptrs, callPtr, outPtr]) e.free(p);
    },
  };
}
