/**
 * Small validators for the API edge (after noble's `anumber`/`abytes`): a wrong type throws
 * `TypeError`, a wrong value `RangeError`; the message starts with the parameter's name and
 * says what was expected and what came. Messages are built only on the error path.
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
  const fmt = (x: number) => (Math.abs(x) >= 1e6 ? x.toExponential().replace("e+", "e") : String(x));
  return { lo, hi, text: `a finite number in [${fmt(lo)}, ${fmt(hi)}]` };
}

/** Shows a received value in an error message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length ?? value.byteLength})`;
  return typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
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

/** A plain object (the usual argument of the API functions). */
export function object<T extends object>(name: string, value: unknown): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw typeError(name, "an object", value);
  return value as T;
}
