/**
 * A compile-time check that the hand-written {@link CoreExports} says what the core exports:
 * every function asc declares (build/core.d.ts, written by `npm run build:wasm`) with the same
 * parameters and result, every global as a `WebAssembly.Global`, and nothing the core lacks.
 * `npm run lint` fails when they drift apart. (Not part of the package.)
 * @module
 */
import type { instantiate } from "../build/core.js";
import type { CoreExports } from "./core.ts";

type Generated = Awaited<ReturnType<typeof instantiate>>;

/** The core hands booleans over as 0 or 1: the bindings pass and read numbers. */
type Wire<T> = T extends boolean ? number : T;
type Signature<F> = F extends (...args: infer A) => infer R
  ? (...args: { [K in keyof A]: Wire<A[K]> }) => Wire<R>
  : F extends WebAssembly.Memory
    ? F
    : WebAssembly.Global;
type Expected = { [K in keyof Generated]: Signature<Generated[K]> };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Declared = { [K in keyof CoreExports]: CoreExports[K] };

/** Names CoreExports declares that the core does not export (must be none). */
export type Missing = Exclude<keyof CoreExports, keyof Generated>;
/** Each declared export's type against the core's (each must be `true`). */
export type Agree = { [K in keyof CoreExports & keyof Generated]: Same<Declared[K], Expected[K]> };

export const NOTHING_MISSING: Same<Missing, never> = true;
export const EXPORTS_AGREE: Same<Agree[keyof Agree], true> = true;
