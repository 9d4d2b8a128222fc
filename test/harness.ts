/**
 * The portable test harness: test files register cases here and each runtime's runner
 * (vitest on Node, Deno.test, a Chromium page, a workerd fetch handler) runs them.
 * Only web-standard JavaScript: it must work unchanged on all four runtimes.
 * @module
 */

export interface Case {
  readonly name: string;
  readonly fn: () => void | Promise<void>;
}

export const cases: Case[] = [];

/** Registers a case. Names are `file: what it checks`. */
export function test(name: string, fn: () => void | Promise<void>): void {
  cases.push({ name, fn });
}

export class AssertionError extends Error {
  override name = "AssertionError";
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, label = "value"): void {
  if (!Object.is(actual, expected))
    throw new AssertionError(`${label}: expected ${String(expected)}, got ${String(actual)}`);
}

/** |actual − expected| ≤ tol (absolute). */
export function near(actual: number, expected: number, tol: number, label = "value"): void {
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new AssertionError(
      `${label}: expected ${expected} ± ${tol}, got ${actual} (off by ${Math.abs(actual - expected)})`,
    );
  }
}

/** Runs `fn` and checks that it throws `type` with a message matching `pattern`. */
export function throws(fn: () => unknown, type: new (...a: never[]) => Error, pattern: RegExp, label = "call"): Error {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof type)) throw new AssertionError(`${label}: expected a ${type.name}, got ${String(err)}`);
    if (!pattern.test(err.message))
      throw new AssertionError(`${label}: message "${err.message}" does not match ${pattern}`);
    return err;
  }
  throw new AssertionError(`${label}: expected a ${type.name}, nothing was thrown`);
}

/** Async variant of {@link throws}. */
export async function rejects(fn: () => Promise<unknown>, pattern: RegExp, label = "call"): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof Error) || !pattern.test(err.message))
      throw new AssertionError(`${label}: unexpected rejection ${String(err)}`);
    return err;
  }
  throw new AssertionError(`${label}: expected a rejection, it resolved`);
}

/** |got − want| / |want| (|got| when want is 0). */
export function relative(got: number, want: number): number {
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

/** SHA-256 (hex) of float columns, NaNs canonicalized (engines may differ in NaN payloads). */
export async function fingerprint(columns: readonly Float64Array[]): Promise<string> {
  const total = columns.reduce((s, c) => s + c.length, 0);
  const bytes = new DataView(new ArrayBuffer(total * 8));
  let at = 0;
  for (const col of columns) {
    for (const v of col) {
      if (Number.isNaN(v)) {
        bytes.setUint32(at, 0, true);
        bytes.setUint32(at + 4, 0x7ff80000, true);
      } else {
        bytes.setFloat64(at, v, true);
      }
      at += 8;
    }
  }
  const digest = await crypto.subtle.digest("SHA-256", bytes.buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A maker of `n`-long columns uniform in [lo, hi), each drawing its `n` numbers from `next` in turn. */
export function uniformColumns(next: () => number, n: number): (lo: number, hi: number) => Float64Array {
  return (lo, hi) => Float64Array.from({ length: n }, () => lo + (hi - lo) * next());
}

/** A small deterministic PRNG (mulberry32): integer arithmetic, identical on every engine. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
