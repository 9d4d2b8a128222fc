/**
 * Runs a kernel of the core over columns: one number per column or one per element,
 * validated in the core chunk by chunk, with outputs copied into the caller's arrays.
 * Every column function of the API (`greeks.bsm`, `greeks.impliedVol`, …) is one call here.
 * @module
 */
import { core } from "../bindings/instance.ts";
import { inRange, lengthError, object, type Range, rangeError, typeError } from "./validate.ts";

/** One number for every element, or one per element. */
export type Column = number | Float64Array;

/** A number column the kernel reads, with the range every value must lie in. */
export interface Input {
  readonly name: string;
  readonly value: Column;
  readonly range: Range;
}

/** A yes/no column (e.g. call or put): one boolean for all, or a Uint8Array (nonzero = yes). */
export interface Flag {
  readonly name: string;
  readonly value: boolean | Uint8Array;
}

/**
 * A kernel's call on one chunk: its length, a pointer per input column (in the order given),
 * the flag column, the bits of the inputs (then the flag) given as one number for all, and
 * the output columns (one after another, `len` each).
 */
export type Kernel = (len: number, inputs: number[], flag: number, scalars: number, out: number) => void;

/** Elements per trip through the core: 16 columns of it (0.5 MB) stay in the L2 cache. */
export const CHUNK = 4096;
const F64 = 8;

/**
 * Validates the columns, runs `kernel` chunk by chunk and returns one Float64Array per output
 * name. Each chunk is checked before it is computed: on bad input nothing is returned, and
 * `out` arrays may already hold the results of the elements before the bad one.
 */
export function runColumns<O extends string>(
  inputs: readonly Input[],
  flag: Flag,
  outputs: readonly O[],
  out: Partial<Record<O, Float64Array>> | undefined,
  kernel: Kernel,
): Record<O, Float64Array> {
  const n = commonLength(inputs, flag);
  const result = outputArrays(n, outputs, out);
  const c = core();
  const base = c.scratch((inputs.length + outputs.length) * CHUNK * F64 + CHUNK);
  const at = (k: number) => base + k * CHUNK * F64;
  const outAt = at(inputs.length);
  const flagAt = at(inputs.length + outputs.length);

  // Numbers are written once; a set bit tells the kernel to read index 0 for every element.
  let scalars = 0;
  inputs.forEach((input, k) => {
    if (typeof input.value !== "number") return;
    c.f64[at(k) / F64] = inRange(input.name, input.value, input.range);
    scalars |= 1 << k;
  });
  if (typeof flag.value === "boolean") {
    c.u8[flagAt] = flag.value ? 1 : 0;
    scalars |= 1 << inputs.length;
  }
  const pointers = inputs.map((_, k) => at(k));

  for (let from = 0; from < n; from += CHUNK) {
    const len = Math.min(CHUNK, n - from);
    inputs.forEach((input, k) => {
      const v = input.value;
      if (typeof v === "number") return;
      c.f64.set(v.subarray(from, from + len), at(k) / F64);
      const bad = c.exports.firstOutside(at(k), len, input.range.lo, input.range.hi);
      if (bad >= 0) throw rangeError(`${input.name}[${from + bad}]`, input.range.text, v[from + bad]);
    });
    if (flag.value instanceof Uint8Array) c.u8.set(flag.value.subarray(from, from + len), flagAt);
    c.guard(() => kernel(len, pointers, flagAt, scalars, outAt));
    const heap = c.f64;
    outputs.forEach((name, k) => {
      const start = outAt / F64 + k * len;
      result[name].set(heap.subarray(start, start + len), from);
    });
  }
  return result;
}

function commonLength(inputs: readonly Input[], flag: Flag): number {
  let n = -1;
  let first = "";
  const check = (name: string, len: number) => {
    if (n < 0) {
      n = len;
      first = name;
    } else if (len !== n) {
      throw lengthError(name, len, n, `the length of "${first}"`);
    }
  };
  for (const { name, value } of inputs) {
    if (value instanceof Float64Array) check(name, value.length);
    else if (typeof value !== "number") throw typeError(name, "a number or a Float64Array", value);
  }
  if (flag.value instanceof Uint8Array) check(flag.name, flag.value.length);
  else if (typeof flag.value !== "boolean") throw typeError(flag.name, "a boolean or a Uint8Array", flag.value);
  return n < 0 ? 1 : n;
}

/** The output columns: the caller's own (`out`, checked) or new ones, n long ("the number of `elements`"). */
export function outputArrays<O extends string>(
  n: number,
  names: readonly O[],
  out: Partial<Record<O, Float64Array>> | undefined,
  elements = "elements",
): Record<O, Float64Array> {
  if (out !== undefined) object("out", out);
  const result = {} as Record<O, Float64Array>;
  for (const name of names) {
    const given = out?.[name];
    if (given === undefined) {
      result[name] = new Float64Array(n);
    } else if (!(given instanceof Float64Array)) {
      throw typeError(`out.${name}`, "a Float64Array", given);
    } else if (given.length !== n) {
      throw lengthError(`out.${name}`, given.length, n, `the number of ${elements}`);
    } else {
      result[name] = given;
    }
  }
  return result;
}

/**
 * Checks every value of a column against `range` in the core (chunk by chunk through the
 * scratch block) and returns it; throws a RangeError naming the first bad index.
 */
export function checkColumn(name: string, values: Float64Array, range: Range): Float64Array {
  const c = core();
  const at = c.scratch(CHUNK * F64);
  for (let from = 0; from < values.length; from += CHUNK) {
    const len = Math.min(CHUNK, values.length - from);
    c.f64.set(values.subarray(from, from + len), at / F64);
    const bad = c.exports.firstOutside(at, len, range.lo, range.hi);
    if (bad >= 0) throw rangeError(`${name}[${from + bad}]`, range.text, values[from + bad]);
  }
  return values;
}
