// MakerDAO Liquidations 2.0 arithmetic as pure f64 functions: the auction price curves, the
// Clipper's reset rule, the Dog's partial liquidation, the Clipper's take and the keepers'
// incentives. The CDP protocol of the cascade engine calls them; they keep no state.
//
// The rules are dss's (makerdao/dss, fa4f6630):
// - abaci.sol: LinearDecrease, ExponentialDecrease, StairstepExponentialDecrease;
// - clip.sol: status() (the reset rule), take(), kick() and redo() (the keeper's incentive);
// - dog.sol: bark() (room under hole/Hole, the dust rule, the tab with the penalty chop).
// The contracts work in integers (WAD 1e18, RAY 1e27, RAD 1e45) with floor divisions; here
// every amount is a plain f64 in its own unit (collateral, DAI, DAI per collateral, fractions),
// so the floors' last-wei differences disappear and the rest is the contracts' arithmetic.
// Powers cut^n are exp(n·ln cut) by the core's own exp and log (vmath.ts), never the host's.
//
// Units: top, price, maxPrice, feedPrice in DAI per unit of collateral; tab, owe, tip, dust,
// chost, hole, dirt, Hole, Dirt in DAI; ink, lot, amt, slice in collateral; art in normalised
// debt (DAI = art·rate); rate, chop, chip, cut, cusp plain factors; dur, tau, step, tail seconds.

import { CURVE_EXPONENTIAL, CURVE_LINEAR, CURVE_STAIRSTEP } from "../../bindings/codes";
import { expScalar, logScalar } from "../vmath";

// ---- price curves (abaci.sol) -----------------------------------------------------------------

/**
 * LinearDecrease: top·(tau − dur)/tau, reaching 0 at dur = tau and staying there
 * (0 for every dur ≥ tau, so also for tau ≤ 0). dur ≥ 0.
 */
export function linearDecrease(top: f64, dur: f64, tau: f64): f64 {
  if (dur >= tau) return 0.0;
  return top * ((tau - dur) / tau);
}

/** cut^n for n ≥ 0 and cut ≥ 0, as exp(n·ln cut); cut^0 = 1 (also 0^0, as dss's rpow). */
@inline function power(cut: f64, n: f64): f64 {
  if (n == 0.0) return 1.0;
  if (cut == 0.0) return 0.0;
  return expScalar(n * logScalar(cut));
}

/** ExponentialDecrease: top·cut^dur, `cut` the multiplier per second (in [0, 1]). dur ≥ 0. */
export function exponentialDecrease(top: f64, dur: f64, cut: f64): f64 {
  return top * power(cut, dur);
}

/**
 * StairstepExponentialDecrease: top·cut^⌊dur/step⌋ — the price is multiplied by `cut` (in [0, 1])
 * once every full `step` seconds (step > 0). dur ≥ 0.
 */
export function stairstepDecrease(top: f64, dur: f64, cut: f64, step: f64): f64 {
  return top * power(cut, Math.floor(dur / step));
}

/**
 * The price of an auction `dur` seconds after its kick or last reset, by the curve `calc`:
 * CURVE_LINEAR (a = tau), CURVE_EXPONENTIAL (a = cut) or CURVE_STAIRSTEP (a = cut, b = step).
 * NaN for an unknown calc.
 */
export function auctionPrice(calc: i32, top: f64, dur: f64, a: f64, b: f64): f64 {
  if (calc == CURVE_LINEAR) return linearDecrease(top, dur, a);
  if (calc == CURVE_EXPONENTIAL) return exponentialDecrease(top, dur, a);
  if (calc == CURVE_STAIRSTEP) return stairstepDecrease(top, dur, a, b);
  return NaN;
}

// ---- the reset rule (clip.sol status) ---------------------------------------------------------

/**
 * Whether an auction needs a reset (redo) and cannot be taken: older than `tail` seconds
 * (dur > tail) or its price fallen below `cusp` of its top (price/top < cusp). top > 0.
 */
export function needsRedo(price: f64, top: f64, dur: f64, tail: f64, cusp: f64): bool {
  return dur > tail || price / top < cusp;
}

// ---- the Dog's liquidation (dog.sol bark) -----------------------------------------------------

/** barkAmount's result area: four f64. */
export const BARK_DART: usize = 0; // debt taken, normalised (art units)
export const BARK_DINK: usize = 8; // collateral taken into the auction (ink units): the lot
export const BARK_TAB: usize = 16; // DAI the auction must raise: dart·rate·chop
export const BARK_DUE: usize = 24; // DAI of debt moved to the vow: dart·rate
export const BARK_BYTES: usize = 32;

export const BARK_OK: i32 = 0;
export const BARK_LIMIT_HIT: i32 = -1; // no room: Dirt ≥ Hole or dirt ≥ hole
export const BARK_DUSTY: i32 = -2; // a partial liquidation whose auction would be below dust
export const BARK_NULL: i32 = -3; // no collateral to auction (dink = 0)

/**
 * Dog.bark on an unsafe vault (ink, art) whose ilk has accumulated `rate`, penalty `chop` (≥ 1)
 * and `dust` (DAI); `hole`/`dirt` are the ilk's cap on and sum of live tabs, `Hole`/`Dirt` the
 * global ones. With room = min(Hole − Dirt, hole − dirt) the auction takes
 * dart = min(art, room/rate/chop) of the debt; if that leaves a dusty vault,
 * (art − dart)·rate < dust, it takes all of it (so dirt may end above hole by less than
 * dust·chop, as in dss), else a partial auction must itself reach dust (dart·rate ≥ dust).
 * dink = ink·dart/art (ink exactly when dart = art), tab = dart·rate·chop, due = dart·rate.
 *
 * Writes dart, dink, tab, due to `out` (zeros when refused) and returns BARK_OK or why it refuses:
 * BARK_LIMIT_HIT, BARK_DUSTY, BARK_NULL. The caller checks that the vault is unsafe, then
 * removes dart and dink from it and adds tab to dirt and Dirt.
 */
export function barkAmount(
  ink: f64,
  art: f64,
  rate: f64,
  chop: f64,
  dust: f64,
  hole: f64,
  dirt: f64,
  Hole: f64,
  Dirt: f64,
  out: usize,
): i32 {
  store<f64>(out + BARK_DART, 0.0);
  store<f64>(out + BARK_DINK, 0.0);
  store<f64>(out + BARK_TAB, 0.0);
  store<f64>(out + BARK_DUE, 0.0);
  if (!(Hole > Dirt && hole > dirt)) return BARK_LIMIT_HIT;
  const room = min(Hole - Dirt, hole - dirt);
  let dart = min(art, room / rate / chop);
  if (art > dart) {
    if ((art - dart) * rate < dust) dart = art;
    else if (!(dart * rate >= dust)) return BARK_DUSTY;
  }
  const dink = dart == art ? ink : (ink * dart) / art;
  if (!(dink > 0.0)) return BARK_NULL;
  const due = dart * rate;
  store<f64>(out + BARK_DART, dart);
  store<f64>(out + BARK_DINK, dink);
  store<f64>(out + BARK_TAB, due * chop);
  store<f64>(out + BARK_DUE, due);
  return BARK_OK;
}

// ---- the Clipper's take (clip.sol take) -------------------------------------------------------

/** takeAmount's result area: four f64. */
export const TAKE_SLICE: usize = 0; // collateral bought
export const TAKE_OWE: usize = 8; // DAI paid
export const TAKE_TAB: usize = 16; // tab left
export const TAKE_LOT: usize = 24; // lot left
export const TAKE_BYTES: usize = 32;

export const TAKE_OPEN: i32 = 0; // bought; the auction goes on (tab and lot left both > 0)
export const TAKE_DONE: i32 = 1; // bought; the auction is over (tab or lot left is 0)
export const TAKE_TOO_EXPENSIVE: i32 = -1; // price > maxPrice: nothing bought
export const TAKE_NO_PARTIAL: i32 = -2; // would leave 0 < tab < chost and tab ≤ chost: nothing bought

/**
 * Clipper.take by a keeper buying up to `amt` collateral at no more than `maxPrice` from an auction
 * with `lot` and `tab` left at `price` (the caller has checked that it does not need a reset).
 * slice = min(lot, amt), owe = slice·price; if owe > tab, owe = tab and slice = tab/price; else
 * if a partial purchase (owe < tab, slice < lot) would leave tab − owe < chost, it buys only
 * owe = tab − chost (leaving tab = chost exactly) when tab > chost, and is refused otherwise.
 *
 * Writes slice, owe, tab left, lot left to `out` (0, 0, tab, lot when refused) and returns
 * TAKE_OPEN, TAKE_DONE, TAKE_TOO_EXPENSIVE or TAKE_NO_PARTIAL. The caller moves owe and slice,
 * and lowers dirt and Dirt by owe while the auction is open, by the whole tab it had before the
 * take (owe + tab left) once it is done. Done with tab left 0: the lot left goes back to the
 * vault's owner. Done with lot left 0: the tab left is never raised (a shortfall, bad debt).
 * A keeper who means to buy the whole tab should pass amt ≥ lot (or ∞): amt = tab/price may
 * round to owe a hair below tab, and then the chost rule applies, as it does in dss.
 */
export function takeAmount(lot: f64, tab: f64, price: f64, amt: f64, maxPrice: f64, chost: f64, out: usize): i32 {
  store<f64>(out + TAKE_SLICE, 0.0);
  store<f64>(out + TAKE_OWE, 0.0);
  store<f64>(out + TAKE_TAB, tab);
  store<f64>(out + TAKE_LOT, lot);
  if (!(maxPrice >= price)) return TAKE_TOO_EXPENSIVE;
  let slice = min(lot, amt);
  let owe = slice * price;
  let tabLeft: f64;
  if (owe > tab) {
    owe = tab;
    slice = min(tab / price, lot);
    tabLeft = 0.0;
  } else if (owe < tab && slice < lot && tab - owe < chost) {
    if (!(tab > chost)) return TAKE_NO_PARTIAL;
    owe = tab - chost;
    slice = min(owe / price, lot);
    tabLeft = chost;
  } else {
    tabLeft = tab - owe;
  }
  const lotLeft = max(lot - slice, 0.0);
  store<f64>(out + TAKE_SLICE, slice);
  store<f64>(out + TAKE_OWE, owe);
  store<f64>(out + TAKE_TAB, tabLeft);
  store<f64>(out + TAKE_LOT, lotLeft);
  return tabLeft == 0.0 || lotLeft == 0.0 ? TAKE_DONE : TAKE_OPEN;
}

// ---- keepers' incentives (clip.sol kick, redo) ------------------------------------------------

/** What the keeper who kicks an auction is paid: tip + tab·chip (DAI; 0 when both are 0). */
export function incentive(tab: f64, tip: f64, chip: f64): f64 {
  return tip + tab * chip;
}

/**
 * What the keeper who resets an auction is paid: tip + tab·chip, but only when both the tab and
 * the lot's value at the oracle's price are at least chost (tab ≥ chost, lot·feedPrice ≥ chost);
 * else 0.
 */
export function redoIncentive(tab: f64, lot: f64, feedPrice: f64, tip: f64, chip: f64, chost: f64): f64 {
  return tab >= chost && lot * feedPrice >= chost ? tip + tab * chip : 0.0;
}
