/**
 * The validators of the API edge, in one place (after noble's `anumber`/`abytes`): a wrong type
 * throws `TypeError`, a wrong value `RangeError`; the message starts with the parameter's name and
 * says what was expected and what came (`show`), bounds written alike everywhere (`bound`).
 * Messages are built only on the error path. Lists of problems by path are `issues.ts`'s.
 * @module
 */

/** A closed interval that a number must lie in, with its description for messages. */
export interface Range {
  readonly lo: number;
  readonly hi: number;
  /** e.g. "a finite number in [0, 1e15]" */
  readonly text: string;
}

export function range(lo: number, hi: number): Range {
  return { lo, hi, text: `a finite number in [${bound(lo)}, ${bound(hi)}]` };
}

/** A bound in a message: 1e15 rather than 1000000000000000, 1e-9 rather than 0.000000001. */
export function bound(x: number): string {
  return Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential().replace("e+", "e") : String(x);
}

/** Shows a received value in an error message: `"abc"`, `-5`, `nothing`, `an array of 3`, `Float64Array(3)`, `an object`. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length ?? value.byteLength})`;
  if (typeof value !== "object") return typeof value;
  const name = value.constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

/** An argument error that names its field (`field`) and says what was expected (`expected`). */
export type FieldError = (TypeError | RangeError) & { field: string; expected: string };

export function typeError(name: string, expected: string, got: unknown): TypeError {
  return fieldError(TypeError, name, expected, got);
}

export function rangeError(name: string, expected: string, got: unknown): RangeError {
  return fieldError(RangeError, name, expected, got);
}

/** A column whose length disagrees with the others': `"strike" has length 3, expected 5 (the number of …)`. */
export function lengthError(name: string, length: number, expected: number, why: string): RangeError {
  const text = `has length ${length}, expected ${expected} (${why})`;
  return badInput(Object.assign(new RangeError(`"${name}" ${text}`), { field: name, expected: text }));
}

function fieldError<E extends Error>(type: new (m: string) => E, name: string, expected: string, got: unknown): E {
  const text = `expected ${expected}, got ${show(got)}`;
  return badInput(Object.assign(new type(`"${name}" ${text}`), { field: name, expected: text }));
}

/**
 * The mark of the caller's bad input on an error (a TypeError or RangeError like any other, so
 * callers' `instanceof` checks are unchanged): the CLI exits 2 on these and 1 on a TypeError
 * that is a bug. A registered symbol, so copies of this module in different bundles agree.
 */
const BAD_INPUT = Symbol.for("fracture.badInput");

function badInput<E extends Error>(err: E): E {
  Object.defineProperty(err, BAD_INPUT, { value: true }); // not enumerable: errors compare and print as before
  return err;
}

/** Whether an error is the SDK's report of bad input (any {@link FieldError}), not a failure of its own. */
export function isBadInput(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BAD_INPUT] === true;
}

/** A number within `r` (NaN and ±Infinity are never within). */
export function inRange(name: string, value: unknown, r: Range): number {
  if (typeof value !== "number") throw typeError(name, r.text, value);
  if (!(value >= r.lo && value <= r.hi)) throw rangeError(name, r.text, value);
  return value;
}

/**
 * A number in [lo, hi] (or [lo, hi) with `open`), named in the error.
 * @param name the field, for the message
 * @param value what the caller passed
 * @param lo smallest allowed
 * @param hi largest allowed
 * @param open whether hi itself is excluded
 * @returns the value
 * @throws TypeError when not a number; RangeError when outside (NaN and ±Infinity always are)
 * @example
 * ```ts
 * bounded("feeBps", 30, 0, 10000, true); // 30
 * ```
 */
export function bounded(name: string, value: unknown, lo: number, hi: number, open = false): number {
  if (typeof value === "number" && value >= lo && (open ? value < hi : value <= hi)) return value;
  const text = `a finite number in [${bound(lo)}, ${bound(hi)}${open ? ")" : "]"}`;
  throw typeof value === "number" ? rangeError(name, text, value) : typeError(name, text, value);
}

/**
 * An integer in [lo, hi], named in the error.
 * @param name the field, for the message
 * @param value what the caller passed
 * @param lo smallest allowed
 * @param hi largest allowed
 * @param what how the message describes it (default "an integer")
 * @returns the value
 * @throws TypeError when not a number; RangeError when not an integer in range
 * @example
 * ```ts
 * integer("tickSpacing", 60, 1, 16384); // 60
 * ```
 */
export function integer(name: string, value: unknown, lo: number, hi: number, what = "an integer"): number {
  if (Number.isInteger(value) && (value as number) >= lo && (value as number) <= hi) return value as number;
  const text = `${what} in [${bound(lo)}, ${bound(hi)}]`;
  throw typeof value === "number" ? rangeError(name, text, value) : typeError(name, text, value);
}

/** A plain object (the usual argument of the API functions). */
export function object<T extends object>(name: string, value: unknown): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw typeError(name, "an object", value);
  return value as T;
}
