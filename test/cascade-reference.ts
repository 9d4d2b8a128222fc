/**
 * An obviously-correct cascade engine for the differential test (`cascade.test.ts`) and the
 * cascade benchmark (`benchmarks/cascade.js`): the step of DESIGN.md ("The scenario and the
 * step") for lending protocols on one constant-product pool, in plain TypeScript.
 *
 * It scans every position of every protocol every step — no index, no heap: that is the point.
 * It takes a validated scenario (`validateScenario`) restricted to what it knows — one
 * `constantProduct` venue, `spot` oracles, `lending` protocols, liquidators, `sell`, `buy` and
 * `path` shocks — and, for a million positions, the positions as columns (`Float64Array`s).
 *
 * Where DESIGN.md leaves a choice open, it follows the one the core documents, cited at the
 * place. Everything else is written from the DESIGN text:
 * - the pool is Uniswap v2 as `assembly/pool_cp.ts` documents it: the fee on the input, the
 *   amount paid rounded down by 2^-48 relative, the output reserve rounded up an ulp at a time
 *   until the exact product of the reserves has not fallen (checked exactly, with BigInt);
 * - a path's outside market pulls the pool a share of the way to the path each step: the amount
 *   that does it is solved here in closed form (a quadratic), where the core bisects.
 * @module
 */
import type { ScenarioV1 } from "../src/scenario/schema.ts";
import { compareProducts } from "./pool-reference.ts";

/** Positions of a lending protocol as columns: per asset id, one amount per position. */
export interface PositionColumns {
  collateral: Record<string, Float64Array>;
  debt: Record<string, Float64Array>;
}

/** Options of {@link runReference}. */
export interface ReferenceOptions {
  /** Per protocol id: its positions as columns, in place of the scenario's `positions`. */
  columns?: Record<string, PositionColumns>;
  /** Liquidation events kept (the rest are only counted); default all. */
  events?: number;
}

/** A lending liquidation, as `simulate` reports it (`kind: "liquidation"`). */
export interface ReferenceEvent {
  step: number;
  protocol: string;
  position: number;
  /** The debt repaid and the collateral seized (asset ids). */
  debtAsset: string;
  collateralAsset: string;
  /** Debt repaid (debt units), collateral seized, the protocol's fee (collateral units). */
  repaid: number;
  seized: number;
  fee: number;
  /** The liquidator's id. */
  liquidator: string;
}

/** What the reference engine measured: the same quantities as `simulate`'s timeline and summary. */
export interface ReferenceResult {
  /** Steps run (until `steps`, or until quiet). */
  steps: number;
  /** Per step: the pool's price after the step. */
  poolPrice: Float64Array;
  /** Per oracle id, per step: the price it published. */
  published: Record<string, Float64Array>;
  /** Per step: liquidations over all protocols. */
  liquidationsPerStep: Float64Array;
  events: ReferenceEvent[];
  /** Liquidations that happened (`events` holds the first of them). */
  liquidations: number;
  liquidatedNotional: number;
  badDebt: number;
  badDebtByProtocol: Record<string, number>;
  slippagePaid: number;
  liquidators: Record<string, { capital: number; held: number }>;
}

// ---- the pool ---------------------------------------------------------------------------------

const PAY = 1 - 2 ** -48; // what a pool pays is rounded down by this (assembly/pool_common.ts)
const BITS = new Float64Array(1);
const WORD = new BigUint64Array(BITS.buffer);

/** The next double above x (x finite, > 0). */
function nextUp(x: number): number {
  BITS[0] = x;
  WORD[0] += 1n;
  return BITS[0];
}

/** a·b ≥ c·d, exactly. Rounding to a double is monotonic, so unequal rounded products already tell. */
function productAtLeast(a: number, b: number, c: number, d: number): boolean {
  const p = a * b;
  const q = c * d;
  return p !== q ? p > q : compareProducts(a, b, c, d) >= 0;
}

/** A Uniswap v2 pool in doubles (x·y = k, the fee on the input and left in the pool). */
export class ReferencePool {
  base: number;
  quote: number;
  /** 1 − fee: the share of the input that trades. */
  readonly gamma: number;

  constructor(reserveBase: number, reserveQuote: number, feeBps: number) {
    this.base = reserveBase;
    this.quote = reserveQuote;
    this.gamma = (10000 - feeBps) / 10000;
  }

  /** Quote per base. */
  price(): number {
    return this.quote / this.base;
  }

  /** Swaps `amountIn` base (`sell`) or quote; returns the amount out. */
  swap(sell: boolean, amountIn: number): number {
    const rIn = sell ? this.base : this.quote;
    const rOut = sell ? this.quote : this.base;
    // UniswapV2Library.getAmountOut: in·γ·R_out / (R_in + in·γ), paid rounded down
    const x = amountIn * this.gamma;
    const out = amountIn > 0 ? ((rOut * x) / (rIn + x)) * PAY : 0;
    const newIn = rIn + amountIn;
    let newOut = rOut - out;
    // the pool never lets the exact product of its reserves fall
    for (let k = 0; k < 64 && !productAtLeast(newIn, newOut, rIn, rOut); k++) newOut = nextUp(newOut);
    if (sell) {
      this.base = newIn;
      this.quote = newOut;
    } else {
      this.quote = newIn;
      this.base = newOut;
    }
    return out;
  }

  /**
   * The outside market trades the price a `share` of the way to `target`. Selling dx base leaves
   * the price Q·B / ((B + γ·dx)(B + dx)); spending dq quote leaves (Q + dq)(Q + γ·dq) / (Q·B).
   * Each equals the goal at the positive root of a quadratic, taken in its cancellation-free form.
   * A gap under 1e-12 of the price is left alone: DESIGN.md sets no such floor, but without one a
   * pool converging on a path's last price moves for as long as doubles can tell, and that decides
   * when the run goes quiet; this is the core's (assembly/engine/trade.ts pullToward).
   */
  pullToward(target: number, share: number): void {
    const p = this.price();
    const goal = p + share * (target - p);
    if (Math.abs(goal - p) <= 1e-12 * p) return;
    const g = this.gamma;
    const b = this.base;
    const q = this.quote;
    if (goal < p) {
      // γ·dx² + (1 + γ)·B·dx − B·(Q/goal − B) = 0
      const c = b * (q / goal - b);
      const l = (1 + g) * b;
      this.swap(true, (2 * c) / (l + Math.sqrt(l * l + 4 * g * c)));
    } else if (goal > p) {
      // γ·dq² + (1 + γ)·Q·dq − Q·(goal·B − Q) = 0
      const c = q * (goal * b - q);
      const l = (1 + g) * q;
      this.swap(false, (2 * c) / (l + Math.sqrt(l * l + 4 * g * c)));
    }
  }
}

// ---- the world --------------------------------------------------------------------------------

type Shock = ScenarioV1["shock"][number];
type LendingScenario = Extract<ScenarioV1["protocols"][number], { type: "lending" }>;

interface Oracle {
  id: string;
  /** -1: the pool; else the asset whose reference price it reads. */
  asset: number;
  latency: number;
  /** What it observed at each step. */
  seen: number[];
  initial: number;
  published: number;
}

interface Market {
  id: string;
  asset: number; // world asset
  oracle: number;
  lt: number; // 0: not collateral
  bonus: number;
  fee: number;
  coll: Float64Array | undefined;
  debt: Float64Array | undefined;
}

interface Lending {
  id: string;
  index: number;
  markets: Market[]; // in the order of the protocol's `oracles`
  n: number;
  closeFactor: number;
  fullClose: number;
  badDebt: number;
}

interface Liquidator {
  capital: number;
  maxPerStep: number;
  used: number;
  hold: boolean;
  protocols: string[];
  held: number;
}

function unsupported(what: string): never {
  throw new Error(`cascade reference: ${what} is not modelled`);
}

/** The price of a linear path at `step` (linear between the given prices, then the last one). */
function pathPrice(prices: readonly number[], every: number, step: number): number {
  const x = step / every;
  const k = Math.floor(x);
  if (k >= prices.length - 1) return prices[prices.length - 1];
  const w = x - k;
  return prices[k] * (1 - w) + prices[k + 1] * w;
}

/** Sorted by `key`, in code-unit order. */
function sortBy<T>(list: readonly T[], key: (x: T) => string): T[] {
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The shocks this reference models (sell and buy on its pool) in the step's order: by type, then step, overSteps and qty (their fields by name). */
function shockOrder(a: ScenarioV1["shock"][number], b: ScenarioV1["shock"][number]): number {
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  if (!("qty" in a) || !("qty" in b)) return 0;
  return a.overSteps - b.overSteps || a.qty - b.qty || a.step - b.step;
}

/**
 * The order the step runs things in (the README's rule): protocols and liquidators by id, shocks by
 * type, target and fields, so the order the scenario lists them in changes nothing.
 */
function inIdOrder(s: ScenarioV1): ScenarioV1 {
  return {
    ...s,
    protocols: sortBy(s.protocols, (p) => p.id),
    liquidators: sortBy(s.liquidators, (l) => l.id),
    shock: [...s.shock].sort(shockOrder),
  };
}

/**
 * Runs a scenario step by step as DESIGN.md describes.
 * @param s a validated scenario within the subset above
 * @param options positions as columns, events kept
 * @returns the run's prices, liquidations and bad debt
 * @throws Error when the scenario uses something the reference does not model
 */
export function runReference(given: ScenarioV1, options: ReferenceOptions = {}): ReferenceResult {
  const s = inIdOrder(given);
  if (s.venues.length !== 1 || s.venues[0].type !== "constantProduct") unsupported("a venue other than one CP pool");
  if (s.dealers.length > 0 || s.arbitrageurs.length > 0) unsupported("dealers or arbitrageurs");
  const v = s.venues[0];
  const pool = new ReferencePool(v.reserveBase, v.reserveQuote, v.feeBps);
  const assetIndex = new Map(s.assets.map((a, i) => [a.id, i]));
  const ref = s.assets.map((a) => a.price); // each asset's exogenous price this step
  const poolBase = assetIndex.get(v.base) as number;
  const poolQuote = assetIndex.get(v.quote) as number;

  const oracles: Oracle[] = s.oracles.map((o) => {
    if (o.type !== "spot") unsupported(`a ${o.type} oracle`);
    const asset = o.source === v.id ? -1 : (assetIndex.get(o.source) as number);
    // before step 0 it shows its source's price
    const initial = asset < 0 ? pool.price() : ref[asset];
    return { id: o.id, asset, latency: o.latencySteps, seen: [], initial, published: initial };
  });
  const oracleIndex = new Map(s.oracles.map((o, i) => [o.id, i]));

  const protocols: Lending[] = s.protocols.map((p, index) => {
    if (p.type !== "lending") unsupported(`a ${p.type} protocol`);
    const cols = options.columns?.[p.id] ?? listColumns(p.positions, p.id);
    const ids = [...new Set([...Object.keys(p.oracles), ...Object.keys(p.markets)])].sort();
    const n = Math.max(0, ...[...Object.values(cols.collateral), ...Object.values(cols.debt)].map((c) => c.length));
    const markets = ids.map((a) => ({
      id: a,
      asset: assetIndex.get(a) as number,
      oracle: oracleIndex.get(p.oracles[a]) as number,
      lt: p.markets[a]?.liquidationThreshold ?? 0,
      bonus: p.markets[a]?.liquidationBonus ?? 0,
      fee: p.markets[a]?.protocolFee ?? 0,
      coll: cols.collateral[a],
      debt: cols.debt[a],
    }));
    return { id: p.id, index, markets, n, closeFactor: p.closeFactor, fullClose: p.fullCloseBelowHealth, badDebt: 0 };
  });

  const liquidators: Liquidator[] = s.liquidators.map((l) => {
    if (l.sellVenue !== v.id) unsupported("a liquidator selling elsewhere");
    return {
      capital: l.capital ?? Number.POSITIVE_INFINITY,
      maxPerStep: l.maxPerStep,
      used: 0,
      hold: l.strategy === "hold",
      protocols: l.protocols,
      held: 0,
    };
  });

  // the last step a shock acts on (sell/buy: its last step; a path: where it reaches its last price)
  let last = -1;
  for (const x of s.shock) {
    if (x.type === "sell" || x.type === "buy") last = Math.max(last, x.step + x.overSteps - 1);
    else if (x.type === "path") last = Math.max(last, (x.prices.length - 1) * x.everySteps);
    else unsupported(`a ${x.type} shock`);
  }

  const keep = options.events ?? Number.POSITIVE_INFINITY;
  const r: ReferenceResult = {
    steps: 0,
    poolPrice: new Float64Array(s.steps),
    published: Object.fromEntries(oracles.map((o) => [o.id, new Float64Array(s.steps)])),
    liquidationsPerStep: new Float64Array(s.steps),
    events: [],
    liquidations: 0,
    liquidatedNotional: 0,
    badDebt: 0,
    badDebtByProtocol: {},
    slippagePaid: 0,
    liquidators: {},
  };

  for (let t = 0; t < s.steps; t++) {
    // 1. the shocks' flows for this step, in the order given
    for (const x of s.shock) shock(x, t);
    // 2. each oracle observes and publishes what it saw `latency` steps ago
    for (const o of oracles) {
      o.seen.push(o.asset < 0 ? pool.price() : ref[o.asset]);
      o.published = t >= o.latency ? o.seen[t - o.latency] : o.initial;
    }
    // 3. each protocol liquidates at its oracles' published prices
    for (const l of liquidators) l.used = 0;
    let busy = false;
    for (const p of protocols) {
      const [liquidated, liquidatable] = stepLending(p, t);
      r.liquidationsPerStep[t] += liquidated;
      if (liquidated > 0 || liquidatable) busy = true;
    }
    // 4. nothing else acts here (no dealers, arbitrageurs or books); 5. the step's record
    r.poolPrice[t] = pool.price();
    for (const o of oracles) r.published[o.id][t] = o.published;
    r.steps = t + 1;
    // the quiet stop (assembly/engine/run.ts): the shocks are over, nothing was liquidated this
    // step nor is still liquidatable, every oracle has published its latest observation, and a
    // pool pulled toward an outside price (a path with a pull) is within 1e-5 of it
    const found = s.shock.every((x) => {
      if (x.type !== "path" || !(x.pull > 0) || assetIndex.get(x.asset) !== poolBase) return true;
      const target = ref[poolBase] / ref[poolQuote];
      return Math.abs(pool.price() - target) <= 1e-5 * target;
    });
    // …and nothing an oracle saw is still in its pipeline (the last latency + 1 observations)
    const settled =
      found && oracles.every((o) => o.seen.slice(Math.max(0, t - o.latency)).every((x) => x === o.published));
    if (t >= last && !busy && settled) break;
  }

  r.poolPrice = r.poolPrice.slice(0, r.steps);
  for (const o of oracles) r.published[o.id] = r.published[o.id].slice(0, r.steps);
  r.liquidationsPerStep = r.liquidationsPerStep.slice(0, r.steps);
  for (const p of protocols) {
    r.badDebtByProtocol[p.id] = p.badDebt;
    r.badDebt += p.badDebt;
  }
  s.liquidators.forEach((l, i) => {
    r.liquidators[l.id] = { capital: liquidators[i].capital, held: liquidators[i].held };
  });
  return r;

  function shock(x: Shock, t: number): void {
    if (x.type === "path") {
      const a = assetIndex.get(x.asset) as number;
      ref[a] = pathPrice(x.prices, x.everySteps, t);
      if (a === poolBase) pool.pullToward(ref[poolBase] / ref[poolQuote], x.pull);
    } else if (x.type === "sell" || x.type === "buy") {
      if (t < x.step || t >= x.step + x.overSteps) return;
      pool.swap(x.type === "sell", x.qty / x.overSteps); // spread evenly over its steps
    }
  }

  /** One protocol's step 3; returns its liquidations and whether a position is left liquidatable. */
  function stepLending(p: Lending, t: number): [number, boolean] {
    const m = p.markets;
    const price = m.map((a) => oracles[a.oracle].published);
    // Health = Σ collateral × price × liquidationThreshold / Σ debt × price
    const health = (i: number): number => {
      let cv = 0;
      let dv = 0;
      for (let a = 0; a < m.length; a++) {
        const c = m[a].coll;
        const d = m[a].debt;
        if (c) cv += c[i] * price[a] * m[a].lt;
        if (d) dv += d[i] * price[a];
      }
      return dv > 0 ? cv / dv : Number.POSITIVE_INFINITY;
    };
    // every position, evaluated once; the liquidatable ones in ascending health, ties in the order given
    const found: number[] = [];
    const healthOf: number[] = [];
    for (let i = 0; i < p.n; i++) {
      const h = health(i);
      if (h < 1) {
        found.push(i);
        healthOf.push(h);
      }
    }
    const order = found.map((_, k) => k).sort((a, b) => healthOf[a] - healthOf[b] || found[a] - found[b]);
    let liquidated = 0;
    for (const k of order) if (liquidate(p, found[k], healthOf[k], price, t)) liquidated++;
    // only the liquidated positions changed: is one of them still below 1?
    const liquidatable = found.some((i) => health(i) < 1);
    return [liquidated, liquidatable];
  }

  /** Liquidates position i of p once; returns whether a liquidation happened. */
  function liquidate(p: Lending, i: number, h: number, price: number[], t: number): boolean {
    const m = p.markets;
    const coll = (a: number) => m[a].coll?.[i] ?? 0;
    const debt = (a: number) => m[a].debt?.[i] ?? 0;
    // The collateral taken and the debt repaid: DESIGN.md leaves it open; the core takes the
    // largest collateral and the largest debt by value at the oracle prices, the first listed on
    // ties (assembly/engine/lending.ts liquidate; test/lending.test.ts "a multi-asset account
    // repays its largest debt with its largest collateral").
    let c = -1;
    let d = -1;
    for (let a = 0; a < m.length; a++) {
      if (m[a].lt > 0 && coll(a) * price[a] > (c < 0 ? 0 : coll(c) * price[c])) c = a;
      if (debt(a) * price[a] > (d < 0 ? 0 : debt(d) * price[d])) d = a;
    }
    if (d < 0) return false;
    if (m.every((_, a) => !(coll(a) > 0))) {
      writeOff(p, i, price); // debt on an account with no collateral is bad debt
      return false;
    }
    if (c < 0) return false;
    // the first liquidator of this protocol with capital and block space left
    // (assembly/engine/agents.ts liquidatorFor: the order liquidators are given)
    const li = liquidators.findIndex(
      (l) => l.used < l.maxPerStep && l.capital > 0 && (l.protocols.length === 0 || l.protocols.includes(p.id)),
    );
    if (li < 0) return false;
    const l = liquidators[li];
    const pc = price[c];
    const pd = price[d];
    const bonus = m[c].bonus;
    let repaid = debt(d) * (h < p.fullClose ? 1 : p.closeFactor);
    // at most what its capital covers: then all of its capital goes in
    const spendsAll = repaid * pd > l.capital;
    if (spendsAll) repaid = l.capital / pd;
    let seized = (repaid * pd * (1 + bonus)) / pc;
    const available = coll(c);
    const all = seized >= available;
    if (all) {
      seized = available; // at most all of it; then the repayment shrinks to match
      repaid = (seized * pc) / ((1 + bonus) * pd);
    }
    if (!(repaid > 0)) return false;
    const fee = (seized - seized / (1 + bonus)) * m[c].fee; // the protocol's share of the bonus
    (m[d].debt as Float64Array)[i] -= repaid;
    (m[c].coll as Float64Array)[i] = available - seized;
    l.capital = spendsAll && !all ? 0 : l.capital - repaid * pd;
    l.used++;
    r.liquidations++;
    r.liquidatedNotional += repaid * pd;
    if (r.events.length < keep) {
      const [debtAsset, collateralAsset] = [m[d].id, m[c].id];
      r.events.push({
        step: t,
        protocol: p.id,
        position: i,
        debtAsset,
        collateralAsset,
        repaid,
        seized,
        fee,
        liquidator: s.liquidators[li].id,
      });
    }
    // the liquidator sells what it gets at once on its venue, unless it holds or the venue trades another asset
    const got = seized - fee;
    if (l.hold || m[c].asset !== poolBase) l.held += got;
    else if (got > 0) {
      const before = pool.price();
      const quote = pool.swap(true, got);
      r.slippagePaid += before * got - quote;
      l.capital += quote;
    }
    if (m.every((_, a) => !(coll(a) > 0))) writeOff(p, i, price);
    return true;
  }

  function writeOff(p: Lending, i: number, price: number[]): void {
    p.markets.forEach((a, k) => {
      if (a.debt && a.debt[i] > 0) {
        p.badDebt += a.debt[i] * price[k];
        a.debt[i] = 0;
      }
    });
  }
}

/** A scenario's list of positions as columns. */
function listColumns(positions: LendingScenario["positions"], id: string): PositionColumns {
  if (!Array.isArray(positions)) unsupported(`positions of ${id} other than a list (pass them as columns)`);
  const cols: PositionColumns = { collateral: {}, debt: {} };
  positions.forEach((pos, i) => {
    for (const side of ["collateral", "debt"] as const) {
      for (const [a, x] of Object.entries((pos as Record<typeof side, Record<string, number>>)[side])) {
        cols[side][a] ??= new Float64Array(positions.length);
        cols[side][a][i] = x;
      }
    }
  });
  return cols;
}
