/**
 * Black-Scholes-Merton prices and Greeks over columns of options, computed in the core.
 * Black-76 on a forward or future is the case `spot` = forward, `dividend` = `rate`.
 * @module
 */
import { core } from "../bindings/instance.ts";
import { inRange, object, type Range, range, rangeError, typeError } from "./validate.ts";

/** One number for every option, or one per option. */
export type Column = number | Float64Array;

/** Inputs of {@link bsm}. Arrays must share one length; numbers apply to every option. */
export interface BsmInput {
  /** Price of the underlying (or the forward, for Black-76), in quote units, in [0, 1e15]. */
  spot: Column;
  /** Strike in quote units, in [0, 1e15]. */
  strike: Column;
  /** Time to expiry in years, in [0, 30]. */
  time: Column;
  /** Volatility per √year as a decimal (0.8 = 80%), in [0, 1e6]. */
  vol: Column;
  /** Continuously compounded risk-free rate, in [-3, 3]. Default 0. */
  rate?: Column;
  /** Continuous dividend (or borrow, or staking) yield, in [-3, 3]. Default 0. */
  dividend?: Column;
  /** `true` for calls; a `Uint8Array` with nonzero for calls. Default `true`. */
  call?: boolean | Uint8Array;
}

/** Outputs of {@link bsm}: one `Float64Array` per quantity, one element per option. */
export interface BsmOutput {
  price: Float64Array;
  /** dV/dS */
  delta: Float64Array;
  /** d²V/dS² */
  gamma: Float64Array;
  /** dV/dσ per 1.00 of vol */
  vega: Float64Array;
  /** dV/dt per year as calendar time passes (usually negative for a long option) */
  theta: Float64Array;
  /** dV/dr per 1.00 of rate */
  rho: Float64Array;
  /** d²V/dS dσ */
  vanna: Float64Array;
  /** d²V/dσ² */
  volga: Float64Array;
  /** d(delta)/dt per year as calendar time passes */
  charm: Float64Array;
}

/** Output names, in the order the core writes its columns. */
export const BSM_OUTPUTS = ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga", "charm"] as const;

const INPUTS = ["spot", "strike", "time", "vol", "rate", "dividend"] as const;
type InputName = (typeof INPUTS)[number];

// Wide enough for any market, narrow enough that no intermediate of the kernel can
// overflow (|rate·time| <= 90, so e^{±rT} stays far from the f64 limit).
const RANGES: Record<InputName, Range> = {
  spot: range(0, 1e15),
  strike: range(0, 1e15),
  time: range(0, 30),
  vol: range(0, 1e6),
  rate: range(-3, 3),
  dividend: range(-3, 3),
};

/** Options per trip through the core: its 16 columns (0.5 MB) stay in the L2 cache. */
const CHUNK = 4096;
const F64 = 8;
// scratch layout, in f64 slots: 6 input columns, 9 output columns, then the call flags (bytes)
const OUT_AT = INPUTS.length * CHUNK;
const CALL_AT = (INPUTS.length + BSM_OUTPUTS.length) * CHUNK * F64;
const SCRATCH_BYTES = CALL_AT + CHUNK;

/**
 * Price, delta, gamma, vega, theta, rho, vanna, volga and charm of European options under
 * generalized Black-Scholes-Merton (Haug 2007, §1.1–2.1).
 *
 * Rules at the edges: when σ√T, strike or spot is 0 (below 1e-100) the forward is certain and the
 * result is the limit: value max(±(S e^{-qT} − K e^{-rT}), 0) and that function's
 * derivatives; exactly at the kink S e^{-qT} = K e^{-rT}, first-order Greeks take the mean
 * of both sides and gamma, vega, vanna, volga are NaN. A huge vol gives the σ → ∞ limits.
 *
 * @param input columns of inputs (see {@link BsmInput}); numbers are broadcast
 * @param out optional arrays to write into (each of the common length); others are allocated.
 *   If an input is invalid, `out` may already hold the results of the options before it.
 * @returns one Float64Array per output
 * @throws TypeError when a field has the wrong type; RangeError when a value is out of range
 *   (the message names the field and index) or the arrays disagree in length
 * @example
 * ```ts
 * await init();
 * const { price, delta } = greeks.bsm({ spot: 2000, strike: new Float64Array([1800, 2000, 2200]),
 *   time: 30 / 365, vol: 0.8, rate: 0.04, call: true });
 * ```
 */
export function bsm(input: BsmInput, out?: Partial<BsmOutput>): BsmOutput {
  object("input", input);
  const fields: Record<InputName, Column> = {
    spot: input.spot,
    strike: input.strike,
    time: input.time,
    vol: input.vol,
    rate: input.rate ?? 0,
    dividend: input.dividend ?? 0,
  };
  const call = input.call ?? true;
  const n = commonLength(fields, call);
  const result = outputs(n, out);
  const c = core();
  const base = c.scratch(SCRATCH_BYTES);
  const slot = base / F64;

  // Numbers are written once; a set bit tells the core to read index 0 for every option.
  let scalars = 0;
  INPUTS.forEach((name, k) => {
    const v = fields[name];
    if (typeof v === "number") {
      c.f64[slot + k * CHUNK] = inRange(name, v, RANGES[name]);
      scalars |= 1 << k;
    }
  });
  if (typeof call === "boolean") {
    c.u8[base + CALL_AT] = call ? 1 : 0;
    scalars |= 1 << INPUTS.length;
  }

  // Each chunk is checked before it is computed: on bad input nothing is returned, and `out`
  // holds results only for the options before the bad one.
  for (let from = 0; from < n; from += CHUNK) {
    const len = Math.min(CHUNK, n - from);
    loadChunk(fields, call, from, len, slot);
    const at = (k: number) => base + k * CHUNK * F64;
    c.guard(() =>
      c.exports.bsm(len, at(0), at(1), at(2), at(3), at(4), at(5), base + CALL_AT, scalars, base + OUT_AT * F64),
    );
    const heap = c.f64;
    BSM_OUTPUTS.forEach((name, k) => {
      const start = slot + OUT_AT + k * len;
      result[name].set(heap.subarray(start, start + len), from);
    });
  }
  return result;
}

/** Copies one chunk of every array input into the core and checks it there. */
function loadChunk(
  fields: Record<InputName, Column>,
  call: boolean | Uint8Array | null,
  from: number,
  len: number,
  slot: number,
): void {
  const c = core();
  INPUTS.forEach((name, k) => {
    const v = fields[name];
    if (typeof v === "number") return;
    const at = slot + k * CHUNK;
    c.f64.set(v.subarray(from, from + len), at);
    const r = RANGES[name];
    const bad = c.exports.firstOutside(at * F64, len, r.lo, r.hi);
    if (bad >= 0) throw rangeError(`${name}[${from + bad}]`, r.text, v[from + bad]);
  });
  if (call instanceof Uint8Array) c.u8.set(call.subarray(from, from + len), slot * F64 + CALL_AT);
}

function commonLength(fields: Record<InputName, Column>, call: unknown): number {
  let n = -1;
  let first = "";
  const check = (name: string, len: number) => {
    if (n < 0) {
      n = len;
      first = name;
    } else if (len !== n) {
      throw new RangeError(`"${name}" has length ${len}, expected ${n} (the length of "${first}")`);
    }
  };
  for (const name of INPUTS) {
    const v = fields[name];
    if (v instanceof Float64Array) check(name, v.length);
    else if (typeof v !== "number") throw typeError(name, "a number or a Float64Array", v);
  }
  if (call instanceof Uint8Array) check("call", call.length);
  else if (typeof call !== "boolean") throw typeError("call", "a boolean or a Uint8Array", call);
  return n < 0 ? 1 : n;
}

function outputs(n: number, out: Partial<BsmOutput> | undefined): BsmOutput {
  if (out !== undefined) object("out", out);
  const result = {} as BsmOutput;
  for (const name of BSM_OUTPUTS) {
    const given = out?.[name];
    if (given === undefined) {
      result[name] = new Float64Array(n);
    } else if (!(given instanceof Float64Array)) {
      throw typeError(`out.${name}`, "a Float64Array", given);
    } else if (given.length !== n) {
      throw new RangeError(`"out.${name}" has length ${given.length}, expected ${n} (the number of options)`);
    } else {
      result[name] = given;
    }
  }
  return result;
}
