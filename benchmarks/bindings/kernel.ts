// Benchmark entry (not part of the SDK): the same `bsm` kernel as dist/fracture.wasm,
// behind managed-array exports, for asc's generated bindings (--bindings esm) and for
// @assemblyscript/loader (--exportRuntime). Built by benchmarks/bindings.js.
import { BSM_OUTPUTS, bsm } from "../../assembly/greeks";

/**
 * Broadcast bits handed to `bsm` (always 0 here). A mutable export, so the optimizer cannot
 * specialize `bsm` for a constant 0: the kernel stays the code of dist/fracture.wasm.
 */
// biome-ignore lint/style/useConst: must stay a mutable global (see above)
export let scalars: i32 = 0;

/** Runtime ids for the loader's `__newArray`. */
export function float64ArrayId(): u32 {
  return idof<Float64Array>();
}
export function uint8ArrayId(): u32 {
  return idof<Uint8Array>();
}

/**
 * Price and 8 Greeks of n = spot.length options; returns the 9 output columns
 * (price delta gamma vega theta rho vanna volga charm) one after another, n each.
 */
export function bsmArrays(
  spot: Float64Array,
  strike: Float64Array,
  time: Float64Array,
  vol: Float64Array,
  rate: Float64Array,
  dividend: Float64Array,
  call: Uint8Array,
): Float64Array {
  const out = new Float64Array(BSM_OUTPUTS * spot.length);
  bsmInto(spot, strike, time, vol, rate, dividend, call, out);
  return out;
}

/** As {@link bsmArrays}, writing into `out` (at least 9n long) instead of a new array. */
export function bsmInto(
  spot: Float64Array,
  strike: Float64Array,
  time: Float64Array,
  vol: Float64Array,
  rate: Float64Array,
  dividend: Float64Array,
  call: Uint8Array,
  out: Float64Array,
): void {
  const n = spot.length;
  if (
    strike.length !== n ||
    time.length !== n ||
    vol.length !== n ||
    rate.length !== n ||
    dividend.length !== n ||
    call.length !== n ||
    out.length < BSM_OUTPUTS * n
  )
    throw new RangeError("bsm: columns differ in length");
  bsm(
    n,
    spot.dataStart,
    strike.dataStart,
    time.dataStart,
    vol.dataStart,
    rate.dataStart,
    dividend.dataStart,
    call.dataStart,
    scalars,
    out.dataStart,
  );
}
