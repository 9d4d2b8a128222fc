// Options vaults: accounts that sold options on margin, collateral in units of the underlying.
// Each step, at the oracle's published price S, every open option is priced by the core's BSM
// kernel (greeks.ts, the code of greeks.bsm) with T = (days − elapsed days)/365 and rate r:
// value V, delta Δ, gamma Γ, vega ν. Per account, q the quantity sold of each option:
//   D = Σ q·Δ,  G = Σ q·Γ,  N = Σ q·ν,  value = Σ q·V,  h = spotShock·S
//   requirement R = |D|·h + ½·G·h² + N·volShock
// the worst delta-gamma loss of the short options over spot moves of ±h (G ≥ 0, so the loss is
// convex in the move and its worst on [−h, h] is at an end), plus the loss of a vol rise; the
// collateral is not stressed (it counts in equity at S).
//   equity E = collateral·S − value;  health = E / R (when R = 0: ∞, or −∞ if E < 0)
// Options at or past expiry settle first: the holder is paid intrinsic value q·max(±(S − K), 0)
// in collateral at S (a transfer, nothing is sold); what the collateral does not cover is bad debt.
// Accounts with health < 1 are liquidated once each, in ascending health (ties: the order given),
// by the protocol itself: it buys back all their options at V (cost = value) and sells on its venue
// the least collateral whose proceeds cover that (trade.ts baseFor); the rest stays with the
// account, and if all of it falls short, the shortfall is bad debt. A keeper triggers each one: it
// takes a slot of a liquidator's block space but none of its capital (the sale pays the buy-back in
// the same transaction); without a slot the account waits for the next step.
// extra = margin shortfall: Σ (R − E) over the accounts breached this step, before liquidation.
//
// Accounts are scanned every step, not indexed by a liquidation price as in lending.ts and cdp.ts:
// vault accounts are few, and every option must be repriced each step anyway (its Greeks move with
// S and with time), which costs more than the scan.

import {
  EV_VAULT,
  EV_VAULT_EXPIRY,
  VAULT_CALL,
  VAULT_COLLATERAL,
  VAULT_COLLATERAL_LEFT,
  VAULT_COLLATERAL_SOLD,
  VAULT_DAYS,
  VAULT_OPTIONS_OPEN,
  VAULT_QTY,
  VAULT_SETTLED,
  VAULT_STRIKE,
  VAULT_VOL,
} from "../../bindings/codes";
import { BSM_OUTPUTS, bsm } from "../greeks";
import { forcedSell, liquidatorFor } from "./agents";
import { Events } from "./events";
import { generateLevels, generateSigns, generateSizes } from "./generate";
import { eventsOf, world } from "./handles";
import { Candidates } from "./sort";
import { baseFor, TRADE_BYTES, tradedBase } from "./trade";
import { addAt, EQUITY, EXPOSURE, Liquidator, Protocol, World, yearsLeft } from "./world";

/** The result area of this module's trades. */
const TRADE = memory.data(TRADE_BYTES, 16);

// the kernel's broadcast inputs: spot, rate, dividend (0)
const SCALARS = memory.data(32, 16);
const BROADCAST: i32 = 1 | 16 | 32;
const SPOT_MAX: f64 = 1e15; // greeks.bsm's range

export class OptionsVault extends Protocol {
  n: i32; // accounts
  m: i32; // options, grouped by account in account order
  oracle: i32;
  venue: i32;
  rate: f64;
  spotShock: f64;
  volShock: f64;
  coll: StaticArray<f64>; // [n] units of the underlying
  start: StaticArray<i32>; // [n + 1] account i holds options start[i] until start[i + 1]
  strike: StaticArray<f64>; // [m]
  days: StaticArray<f64>; // days to expiry at step 0
  qty: StaticArray<f64>; // sold; 0 once bought back or settled
  vol: StaticArray<f64>;
  call: StaticArray<u8>;
  owner: StaticArray<i32>;
  time: StaticArray<f64>; // years left, this step
  greeks: StaticArray<f64>; // the kernel's BSM_OUTPUTS columns of m
  value: StaticArray<f64>; // [n] this step
  req: StaticArray<f64>;
  cand: Candidates = new Candidates();
  sold: f64 = 0; // collateral sold in liquidations
  settled: f64 = 0; // intrinsic value paid at expiry, quote
  events: Events;

  constructor(n: i32, m: i32, oracle: i32, venue: i32, rate: f64, spotShock: f64, volShock: f64, events: Events) {
    super();
    this.events = events;
    this.n = n;
    this.m = m;
    this.oracle = oracle;
    this.venue = venue;
    this.rate = rate;
    this.spotShock = spotShock;
    this.volShock = volShock;
    this.coll = new StaticArray<f64>(n);
    this.start = new StaticArray<i32>(n + 1);
    this.strike = new StaticArray<f64>(m);
    this.days = new StaticArray<f64>(m);
    this.qty = new StaticArray<f64>(m);
    this.vol = new StaticArray<f64>(m);
    this.call = new StaticArray<u8>(m);
    this.owner = new StaticArray<i32>(m);
    this.time = new StaticArray<f64>(m);
    this.greeks = new StaticArray<f64>(BSM_OUTPUTS * m);
    this.value = new StaticArray<f64>(n);
    this.req = new StaticArray<f64>(n);
  }

  /** The accounts' offsets, from the owners (grouped, in account order). */
  ready(): void {
    for (let k = 0; k < this.m; k++) unchecked(this.start[unchecked(this.owner[k]) + 1]++);
    for (let i = 0; i < this.n; i++) unchecked((this.start[i + 1] += this.start[i]));
  }

  /** E / R; with R = 0 (no Greeks left, e.g. at S = 0) only the sign of E counts. */
  @inline health(i: i32, S: f64): f64 {
    const r = unchecked(this.req[i]);
    const e = unchecked(this.coll[i]) * S - unchecked(this.value[i]);
    return r > 0 ? e / r : e < 0 ? -Infinity : Infinity;
  }

  count(): i32 {
    return this.n;
  }

  /** The underlying's price the accounts are valued at (NaN: none usable). */
  valuedAt: f64 = NaN;

  valueAccounts(w: World): void {
    const S = w.priceOf(this.oracle, -1);
    this.valuedAt = S;
    if (S >= 0 && S <= SPOT_MAX) this.evaluate(S, w.daysAt(w.step));
  }

  account(w: World, i: i32, out: usize, byAsset: usize): void {
    const S = this.valuedAt;
    const value = unchecked(this.coll[i]) * S;
    store<f64>(out + EXPOSURE, value);
    store<f64>(out + EQUITY, value - unchecked(this.value[i]));
    if (byAsset != 0 && value != 0) addAt(byAsset, unchecked(w.venues[this.venue]).base, value);
  }

  insolvent(w: World): i32 {
    const S = unchecked(w.oracles[this.oracle]).published;
    if (!(S >= 0 && S <= SPOT_MAX)) return 0;
    this.evaluate(S, 0);
    let count = 0;
    for (let i = 0; i < this.n; i++) if (unchecked(this.coll[i]) * S < unchecked(this.value[i])) count++;
    return count;
  }

  step(w: World): void {
    this.pending = false;
    this.extra = 0;
    const S = w.priceOf(this.oracle, -1); // NaN without a usable price: nothing is liquidated
    if (!(S >= 0 && S <= SPOT_MAX)) return;
    const elapsed = w.daysAt(w.step);
    this.settle(w, S, elapsed);
    this.evaluate(S, elapsed);
    const cand = this.cand;
    cand.count = 0;
    for (let i = 0; i < this.n; i++) {
      const h = this.health(i, S);
      if (!(h < 1)) continue;
      this.extra += unchecked(this.req[i]) - (unchecked(this.coll[i]) * S - unchecked(this.value[i])); // R − E
      cand.add(<u32>i, h);
    }
    cand.sort();
    for (let k = 0; k < cand.count; k++) {
      const keeper = liquidatorFor(w, this.index, 0);
      if (keeper == null) {
        this.pending = true; // the rest wait for block space
        for (let j = k; j < cand.count; j++) this.waiting += unchecked(this.value[<i32>unchecked(cand.ids[j])]);
        return;
      }
      this.liquidate(w, <i32>unchecked(cand.ids[k]), keeper);
    }
  }

  /** Options at or past expiry pay their intrinsic value out of their account's collateral at S. */
  private settle(w: World, S: f64, elapsed: f64): void {
    const horizon = w.daysAt(w.steps - 1);
    for (let k = 0; k < this.m; k++) {
      const q = unchecked(this.qty[k]);
      if (q == 0) continue;
      if (unchecked(this.days[k]) > elapsed) {
        // an expiry still to come within the run keeps it going: its settlement is a flow pending
        if (unchecked(this.days[k]) <= horizon) this.pending = true;
        continue;
      }
      const K = unchecked(this.strike[k]);
      const intrinsic = q * (unchecked(this.call[k]) ? Math.max(S - K, 0) : Math.max(K - S, 0));
      const i = unchecked(this.owner[k]);
      const have = unchecked(this.coll[i]);
      const owed = intrinsic > 0 ? (S > 0 ? intrinsic / S : Infinity) : 0;
      const paid = owed <= have ? owed : have;
      const shortfall = owed <= have ? 0 : intrinsic - have * S;
      unchecked((this.qty[k] = 0));
      unchecked((this.coll[i] = have - paid));
      this.settled += intrinsic;
      this.badDebt += shortfall;
      this.events.add(w.step, this.index, i, EV_VAULT_EXPIRY, intrinsic, paid, shortfall, -1);
    }
  }

  /**
   * Scales each account's options so that its margin health at S (step 0) is health[i]: value
   * and requirement are linear in the quantities. An account whose options carry neither (far out
   * of the money, no time left) would sell without limit: it sells none.
   */
  sizeTo(S: f64, health: StaticArray<f64>): void {
    this.evaluate(S, 0);
    for (let i = 0; i < this.n; i++) {
      const scale =
        (unchecked(this.coll[i]) * S) / (unchecked(health[i]) * unchecked(this.req[i]) + unchecked(this.value[i]));
      const f = scale < Infinity ? scale : 0;
      for (let k = unchecked(this.start[i]); k < unchecked(this.start[i + 1]); k++) unchecked((this.qty[k] *= f));
    }
  }

  /** Each account's options value and margin requirement at S, from the kernel over the columns. */
  private evaluate(S: f64, elapsed: f64): void {
    const m = this.m;
    yearsLeft(this.days, elapsed, this.time, m);
    store<f64>(SCALARS, S);
    store<f64>(SCALARS, this.rate, 8);
    store<f64>(SCALARS, 0, 16);
    const out = changetype<usize>(this.greeks);
    if (m > 0) {
      bsm(
        m,
        SCALARS,
        changetype<usize>(this.strike),
        changetype<usize>(this.time),
        changetype<usize>(this.vol),
        SCALARS + 8,
        SCALARS + 16,
        changetype<usize>(this.call),
        BROADCAST,
        out,
      );
    }
    const col = (<usize>m) << 3;
    const h = this.spotShock * S;
    for (let i = 0; i < this.n; i++) {
      let value: f64 = 0;
      let D: f64 = 0;
      let G: f64 = 0;
      let N: f64 = 0;
      for (let k = unchecked(this.start[i]); k < unchecked(this.start[i + 1]); k++) {
        const q = unchecked(this.qty[k]);
        if (q == 0) continue; // closed: its Greeks may be NaN at T = 0
        const at = out + ((<usize>k) << 3);
        value += q * load<f64>(at);
        D += q * load<f64>(at + col);
        G += q * load<f64>(at + 2 * col);
        N += q * load<f64>(at + 3 * col);
      }
      unchecked((this.value[i] = value));
      unchecked((this.req[i] = Math.abs(D) * h + 0.5 * G * h * h + N * this.volShock));
    }
  }

  /** Buys back all of account i's options, selling just enough collateral on the venue. */
  private liquidate(w: World, i: i32, keeper: Liquidator): void {
    const cost = unchecked(this.value[i]);
    const have = unchecked(this.coll[i]);
    const v = unchecked(w.venues[this.venue]);
    const sell = baseFor(v.kind, v.at, cost, have);
    const got = sell > 0 ? forcedSell(w, this.venue, sell, TRADE) : 0;
    const sold = sell > 0 ? tradedBase(TRADE) : 0; // less than `sell` if the venue ran out
    const shortfall = got < cost ? cost - got : 0;
    unchecked((this.coll[i] = have - sold));
    for (let k = unchecked(this.start[i]); k < unchecked(this.start[i + 1]); k++) unchecked((this.qty[k] = 0));
    unchecked((this.value[i] = 0));
    unchecked((this.req[i] = 0));
    keeper.used++;
    this.liquidations++;
    this.notional += cost;
    this.badDebt += shortfall;
    this.sold += sold;
    this.events.add(w.step, this.index, i, EV_VAULT, cost, sold, shortfall, keeper.id);
  }
}

// ---- building (called by the TypeScript side) ---------------------------------------------

/** An options vault of n accounts and m options, priced at `oracle`, selling on `venue`. */
export function worldVault(
  h: i32,
  n: i32,
  m: i32,
  oracle: i32,
  venue: i32,
  rate: f64,
  spotShock: f64,
  volShock: f64,
): i32 {
  const w = world(h);
  const x = new OptionsVault(n, m, oracle, venue, rate, spotShock, volShock, eventsOf(h));
  return w.addProtocol(x);
}

/**
 * Copies a column of f64 from `src`: which 0 the accounts' collateral (n); of the options (m
 * each, grouped by account in account order): 1 strike, 2 days to expiry, 3 quantity sold,
 * 4 vol, 5 call flag (nonzero: call), 6 owning account.
 */
export function worldVaultColumn(h: i32, p: i32, which: i32, src: usize): void {
  const x = changetype<OptionsVault>(world(h).protocols[p]);
  if (which == VAULT_COLLATERAL) memory.copy(changetype<usize>(x.coll), src, (<usize>x.n) << 3);
  else if (which <= VAULT_VOL) {
    const dst = which == VAULT_STRIKE ? x.strike : which == VAULT_DAYS ? x.days : which == VAULT_QTY ? x.qty : x.vol;
    memory.copy(changetype<usize>(dst), src, (<usize>x.m) << 3);
  } else {
    for (let k = 0; k < x.m; k++) {
      const v = load<f64>(src + ((<usize>k) << 3));
      if (which == VAULT_CALL) unchecked((x.call[k] = v != 0 ? 1 : 0));
      else unchecked((x.owner[k] = <i32>v)); // VAULT_OWNER
    }
  }
}

/**
 * Draws the accounts of a vault made with n = m: each sold one option on the underlying at S, the
 * oracle's price at step 0. Collateral is lognormal (stream), the option a call with probability
 * callShare (stream + 1), struck at S·(1 + x) for a call or S·(1 − x) for a put, with x, the days
 * to expiry and the account's margin health drawn from their levels (streams + 2, 3, 4); the
 * quantity sold is what gives that health.
 */
export function worldVaultGenerate(
  h: i32,
  p: i32,
  seed: u32,
  stream: u32,
  total: f64,
  dispersion: f64,
  callShare: f64,
  levels: usize, // 9 f64: otm, days and health, each min, max, shape
  vol: f64,
  S: f64,
): void {
  const x = changetype<OptionsVault>(world(h).protocols[p]);
  const n = x.n;
  const sign = new StaticArray<f64>(n);
  const health = new StaticArray<f64>(n);
  generateSizes(seed, stream, n, total, dispersion, changetype<usize>(x.coll));
  generateSigns(seed, stream + 1, n, callShare, changetype<usize>(sign));
  generateLevels(
    seed,
    stream + 2,
    n,
    level(levels, 0),
    level(levels, 1),
    level(levels, 2),
    changetype<usize>(x.strike),
  );
  generateLevels(seed, stream + 3, n, level(levels, 3), level(levels, 4), level(levels, 5), changetype<usize>(x.days));
  generateLevels(seed, stream + 4, n, level(levels, 6), level(levels, 7), level(levels, 8), changetype<usize>(health));
  for (let k = 0; k < n; k++) {
    const s = unchecked(sign[k]);
    unchecked((x.strike[k] = S * (1 + s * unchecked(x.strike[k]))));
    unchecked((x.call[k] = s > 0 ? 1 : 0));
    unchecked((x.qty[k] = 1));
    unchecked((x.vol[k] = vol));
    unchecked((x.owner[k] = k));
  }
  x.ready();
  x.sizeTo(S, health);
}

@inline function level(levels: usize, k: i32): f64 {
  return load<f64>(levels + ((<usize>k) << 3));
}

/** Builds the accounts' offsets once the columns are in. */
export function worldVaultReady(h: i32, p: i32): void {
  changetype<OptionsVault>(world(h).protocols[p]).ready();
}

/**
 * After a run: 0 collateral left, 1 options still open, 2 collateral sold in liquidations,
 * 3 intrinsic value paid at expiry, 4 margin requirement at the last evaluation (summed over accounts).
 */
export function worldVaultState(h: i32, p: i32, which: i32): f64 {
  const x = changetype<OptionsVault>(world(h).protocols[p]);
  let sum: f64 = 0;
  if (which == VAULT_COLLATERAL_LEFT) for (let i = 0; i < x.n; i++) sum += unchecked(x.coll[i]);
  else if (which == VAULT_OPTIONS_OPEN) for (let k = 0; k < x.m; k++) sum += unchecked(x.qty[k]) > 0 ? 1 : 0;
  else if (which == VAULT_COLLATERAL_SOLD) sum = x.sold;
  else if (which == VAULT_SETTLED) sum = x.settled;
  else for (let i = 0; i < x.n; i++) sum += unchecked(x.req[i]); // VAULT_REQUIREMENT
  return sum;
}
