/**
 * What an option chain makes its dealers do: their dollar gamma across spot levels (the GEX
 * profile), the underlying they must trade to stay delta-neutral across a move, the level
 * where their gamma flips sign, and the strikes where it concentrates. Sums run in the core.
 * @module
 */
import { core } from "../bindings/instance.ts";
import type { OptionChain } from "./chain.ts";
import { checkColumn } from "./columns.ts";
import { inRange, object, range, typeError } from "./validate.ts";

const F64 = 8;
const PREP_COLUMNS = 6; // assembly/exposure.ts
const SPOT = range(1e-12, 1e15);
const SHIFT = range(-1e6, 1e6);

/**
 * The chain copied into the core and prepared at a vol shift, with `extra` f64 of room after it
 * (at `free`); valid until the next use of the core's scratch block.
 */
function prepare(ch: OptionChain, volShift: number, extra: number) {
  object("chain", ch);
  if (!(ch.strike instanceof Float64Array) || !(ch.position instanceof Float64Array)) {
    throw typeError("chain", "an OptionChain (from greeks.chain or greeks.chainFromDeribit)", ch);
  }
  const c = core();
  const n = ch.strike.length;
  const padded = (n + 1) & ~1;
  const cols = 5 * padded * F64 + ((padded + 15) & ~15); // keeps the prepared columns 16-byte aligned
  const base = c.scratch(cols + PREP_COLUMNS * padded * F64 + extra * F64);
  const at = (k: number) => base + k * padded * F64;
  const heap = c.f64;
  heap.set(ch.strike, at(0) / F64);
  heap.set(ch.time, at(1) / F64);
  heap.set(ch.vol, at(2) / F64);
  heap.set(ch.position, at(3) / F64);
  c.u8.set(ch.call, at(5));
  const prep = base + cols;
  c.guard(() =>
    c.exports.chainPrepare(n, at(0), at(1), at(2), at(3), at(5), ch.rate, ch.dividend, volShift, ch.contractSize, prep),
  );
  return { c, n, prep, free: prep + PREP_COLUMNS * padded * F64 };
}

/**
 * The dealers' dollar gamma per 1% move at each spot: Σ position·contractSize·Γ·S²/100 in quote
 * units — how much their dollar delta changes when the price moves 1%, at each option's own
 * vol (sticky strike). Positive: dealers are long gamma and trade against the move (damping);
 * negative: they trade with it (amplifying).
 * @param spots one spot or a column of them (quote units, > 0)
 */
export function gammaExposure(ch: OptionChain, spots: number | Float64Array): Float64Array {
  const s = typeof spots === "number" ? Float64Array.of(inRange("spots", spots, SPOT)) : spots;
  if (!(s instanceof Float64Array)) throw typeError("spots", "a number or a Float64Array", spots);
  checkColumn("spots", s, SPOT);
  return gammaOn(prepare(ch, 0, 2 * s.length), s);
}

/** Dollar gamma at `spots` of a chain prepared with room for 2·spots.length after it. */
function gammaOn(p: ReturnType<typeof prepare>, spots: Float64Array): Float64Array {
  const { c, n, prep, free } = p;
  c.f64.set(spots, free / F64);
  const out = free + spots.length * F64;
  c.guard(() => c.exports.chainGamma(n, prep, spots.length, free, out));
  return c.f64.slice(out / F64, out / F64 + spots.length);
}

/** A change of implied vol across a move: a parallel `volShift`, or the ATM vol `fromVol` → `toVol`. */
export interface VolMove {
  volShift?: number;
  fromVol?: number;
  toVol?: number;
}

/**
 * Units of the underlying the dealers must trade to stay delta-neutral when the spot moves
 * from `fromSpot` to `toSpot` (negative = sell): the exact difference of their options' delta,
 * not a gamma approximation. With a vol move, every option's vol is shifted at `toSpot` too,
 * so vanna-driven flows appear beside gamma-driven ones (call once without and once with the
 * vol move to see each part).
 */
export function hedgeFlow(ch: OptionChain, fromSpot: number, toSpot: number, move: VolMove = {}): number {
  inRange("fromSpot", fromSpot, SPOT);
  inRange("toSpot", toSpot, SPOT);
  object("move", move);
  let shift = 0;
  if (move.volShift !== undefined) shift = inRange("move.volShift", move.volShift, SHIFT);
  if (move.fromVol !== undefined || move.toVol !== undefined) {
    shift += inRange("move.toVol", move.toVol, range(0, 1e6)) - inRange("move.fromVol", move.fromVol, range(0, 1e6));
  }
  const unshifted = prepare(ch, 0, 0);
  const before = deltaAt(unshifted, fromSpot);
  const after = deltaAt(shift === 0 ? unshifted : prepare(ch, shift, 0), toSpot);
  return before - after; // (not -(after - before): no -0 when nothing moves)
}

function deltaAt({ c, n, prep }: ReturnType<typeof prepare>, spot: number): number {
  return c.guard(() => c.exports.chainDelta(n, prep, spot));
}

/**
 * The spot where the dealers' net gamma changes sign nearest to `spot` — below it they chase
 * moves, above it they damp them (or the reverse) — within `lo`..`hi` (default half to twice
 * `spot`); NaN if it keeps one sign there. Found on a 512-point grid, then by bisection.
 */
export function gammaFlip(ch: OptionChain, spot: number, bounds: { lo?: number; hi?: number } = {}): number {
  inRange("spot", spot, SPOT);
  object("bounds", bounds);
  const lo = inRange("bounds.lo", bounds.lo ?? spot / 2, SPOT);
  const hi = inRange("bounds.hi", bounds.hi ?? spot * 2, range(lo, 1e15));
  const m = 512;
  const grid = Float64Array.from({ length: m }, (_, k) => lo * (hi / lo) ** (k / (m - 1)));
  checkColumn("spots", grid, SPOT);
  // the chain goes into the core once: the grid and every bisection step price it there
  const prepared = prepare(ch, 0, 2 * m);
  const gex = gammaOn(prepared, grid);
  let best = Number.NaN;
  for (let k = 1; k < m; k++) {
    if (Math.sign(gex[k - 1]) * Math.sign(gex[k]) >= 0) continue;
    const level = bisect(prepared, grid[k - 1], grid[k], gex[k - 1]);
    if (Number.isNaN(best) || Math.abs(Math.log(level / spot)) < Math.abs(Math.log(best / spot))) best = level;
  }
  return best;
}

function bisect(prepared: ReturnType<typeof prepare>, a: number, b: number, ga: number): number {
  let lo = a;
  let hi = b;
  for (let k = 0; k < 60 && hi - lo > 1e-12 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    const g = gammaOn(prepared, Float64Array.of(mid))[0];
    if (Math.sign(g) === Math.sign(ga)) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Dollar gamma per 1% by strike, with the strikes where it concentrates. */
export interface GammaByStrike {
  /** The chain's distinct strikes, ascending. */
  strike: Float64Array;
  /** The dealers' dollar gamma per 1% move at each strike, summed over expiries, calls and puts. */
  gamma: Float64Array;
  /** Up to five strikes with the largest |gamma|, largest first. */
  peaks: Float64Array;
}

/** The dealers' dollar gamma per 1% move at `spot`, strike by strike. */
export function gammaByStrike(ch: OptionChain, spot: number): GammaByStrike {
  inRange("spot", spot, SPOT);
  const strikes = ch.strike.slice().sort();
  const distinct = strikes.filter((k, i) => i === 0 || k !== strikes[i - 1]);
  const { c, n, prep, free } = prepare(ch, 0, 2 * ch.strike.length + 2 * distinct.length);
  const per = free;
  const keys = per + n * F64;
  const bins = keys + n * F64;
  const out = bins + distinct.length * F64;
  c.guard(() => c.exports.optionGamma(n, prep, spot, per));
  c.f64.set(ch.strike, keys / F64);
  c.f64.set(distinct, bins / F64);
  c.guard(() => c.exports.binSum(n, keys, per, distinct.length, bins, out));
  const gamma = c.f64.slice(out / F64, out / F64 + distinct.length);
  const order = Array.from(distinct.keys()).sort((a, b) => Math.abs(gamma[b]) - Math.abs(gamma[a]));
  return { strike: distinct, gamma, peaks: Float64Array.from(order.slice(0, 5), (k) => distinct[k]) };
}
