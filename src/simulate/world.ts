/**
 * Builds a world in the core from a validated scenario: assets, venues (the SDK's own pool and
 * book classes), oracles, agents and shocks. Protocols are built by their own modules
 * (lending.ts, cdp.ts, …) through {@link World}.
 * @module
 */
import {
  DEALER_CALL,
  DEALER_DAYS,
  DEALER_POSITION,
  DEALER_STRIKE,
  DEALER_VOL,
  FAULT_CONSTANT,
  FAULT_FACTOR,
  FAULT_LAG,
  ORACLE_INDEX,
  ORACLE_MEDIAN,
  ORACLE_PUSH,
  ORACLE_SPOT,
  ORACLE_TWAP,
  OUTAGE_MISSING,
  OUTAGE_STALE,
  SHOCK_BUY,
  SHOCK_CONGESTION,
  SHOCK_KEEPER_OUTAGE,
  SHOCK_ORACLE,
  SHOCK_ORACLE_OUTAGE,
  SHOCK_PATH,
  SHOCK_SELL,
} from "../../bindings/codes.ts";
import type { Core } from "../../bindings/core.ts";
import { core } from "../../bindings/instance.ts";
import { OrderBook } from "../book.ts";
import { signed } from "../chain.ts";
import { ConcentratedLiquidityPool } from "../pool_cl.ts";
import { ConstantProductPool } from "../pool_cp.ts";
import { StableSwapPool } from "../pool_stable.ts";
import { givenIndex } from "../scenario/canonical.ts";
import { ScenarioError } from "../scenario/error.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { FieldError } from "../validate.ts";
import { VENUE } from "../venue.ts";

type Venues = ScenarioV1["venues"][number];
type VenueObject = OrderBook | ConstantProductPool | ConcentratedLiquidityPool | StableSwapPool;

const ORACLE_TYPE = {
  spot: ORACLE_SPOT,
  median: ORACLE_MEDIAN,
  index: ORACLE_INDEX,
  twap: ORACLE_TWAP,
  push: ORACLE_PUSH,
} as const;

/** A world being built or run: its handle in the core, and the indexes of everything by id. */
export class World {
  readonly c: Core = core();
  readonly h: number;
  readonly asset = new Map<string, number>();
  readonly venue = new Map<string, number>();
  readonly oracle = new Map<string, number>();
  readonly protocol = new Map<string, number>();
  /** Per mitigation id: its index among the core's mitigations (−1: none there). */
  readonly mitigation = new Map<string, number>();
  /** Per protocol id: positions insolvent at the prices before step 0. */
  readonly insolvent = new Map<string, number>();
  /** The price each oracle shows before step 0. */
  readonly oraclePrice: number[] = [];
  /** Each venue's price before step 0. */
  readonly venuePrice: number[] = [];
  readonly #venues: VenueObject[] = [];
  readonly #blocks: number[] = [];
  #freed = false;

  constructor(
    readonly scenario: ScenarioV1,
    readonly passive: boolean,
    eventCapacity: number,
    /** Steps per timeline row (0: no timeline, only totals and lows: a stress path). */
    readonly every: number,
    /** Generated position columns kept from an earlier world of the same scenario (stress paths draw them once). */
    readonly generated?: Map<string, Float64Array[]>,
  ) {
    this.h = this.c.exports.worldNew(scenario.stepSeconds, scenario.steps, passive ? 1 : 0, eventCapacity, every);
  }

  /** Builds everything but the protocols, which need the oracles first and agents after. */
  buildMarkets(): void {
    const s = this.scenario;
    const e = this.c.exports;
    for (const a of s.assets) this.asset.set(a.id, e.worldAsset(this.h, a.price, a.vol));
    for (const [i, v] of s.venues.entries()) {
      const made = this.#venueObject(v, i);
      this.#venues.push(made);
      const ref = made[VENUE]();
      const base = this.asset.get(v.base) as number;
      const quote = this.asset.get(v.quote) as number;
      this.venue.set(v.id, e.worldVenue(this.h, ref.kind, ref.ptr, base, quote, ref.profile ?? 0));
      this.venuePrice.push(made.price());
    }
    for (const a of s.assets) {
      if (a.referenceVenue !== undefined)
        e.worldAssetReference(this.h, this.asset.get(a.id) as number, this.venue.get(a.referenceVenue) as number);
    }
    for (const o of s.oracles) this.#oracle(o);
    for (const o of s.oracles) {
      if (o.anchor === undefined) continue;
      const { oracle, maxDeviation, outside } = o.anchor;
      const x = this.oracle.get(o.id) as number;
      e.worldOracleAnchor(this.h, x, this.oracle.get(oracle) as number, maxDeviation, outside === "clamp" ? 1 : 0);
    }
  }

  /**
   * The price a protocol sees of `asset` before step 0: its oracle's, or the asset's own price
   * where the protocol names no oracle for it.
   */
  priceAtStart(oracle: string | undefined, asset: string): number {
    if (oracle !== undefined) return this.oraclePrice[this.oracle.get(oracle) as number];
    return this.#assetPrice(asset);
  }

  /** Builds liquidators, dealers, arbitrageurs and shocks (after the protocols, which they name). */
  buildAgents(): void {
    const s = this.scenario;
    const e = this.c.exports;
    const h = this.h;
    for (const l of s.liquidators) {
      const x = e.worldLiquidator(
        h,
        l.capital ?? Number.POSITIVE_INFINITY,
        l.maxPerStep,
        this.venue.get(l.sellVenue) as number,
        l.strategy === "hold" ? 1 : 0,
        l.minProfitBps / 1e4,
        l.protocols.length,
      );
      l.protocols.forEach((p, k) => {
        e.worldLiquidatorProtocol(h, x, k, this.protocol.get(p) as number);
      });
      if (l.buyVenue !== undefined) e.worldLiquidatorBuyVenue(h, x, this.venue.get(l.buyVenue) as number);
    }
    for (const d of s.dealers) {
      const x = e.worldDealer(h, this.venue.get(d.venue) as number, d.options.length, d.rate);
      const call = Uint8Array.from(d.options, (o) => (o.call ? 1 : 0));
      const columns: [number, ArrayLike<number>][] = [
        [DEALER_STRIKE, d.options.map((o) => o.strike)],
        [DEALER_DAYS, d.options.map((o) => o.days)],
        [DEALER_VOL, d.options.map((o) => o.vol)],
        [
          DEALER_POSITION,
          signed(
            Float64Array.from(d.options, (o) => o.openInterest),
            call,
            d.dealers,
          ),
        ],
        [DEALER_CALL, call],
      ];
      for (const [which, values] of columns) e.worldDealerColumn(h, x, which, this.put(Float64Array.from(values)));
    }
    for (const a of s.arbitrageurs) {
      const [va, vb] = a.venues.map((id) => this.venue.get(id) as number);
      e.worldArbitrageur(h, va, vb, a.capital ?? Number.POSITIVE_INFINITY);
    }
    for (const x of s.shock) this.#shock(x);
  }

  /**
   * A block of `n` f64 in the core (zeroed), freed with the world.
   * @param n the length
   * @returns its address
   */
  column(n: number): number {
    const bytes = Math.max(8, n * 8);
    const ptr = this.c.alloc(bytes, true);
    this.#blocks.push(ptr);
    return ptr;
  }

  /**
   * Copies `values` into a new column.
   * @param values the column
   * @returns its address
   */
  put(values: Float64Array): number {
    const ptr = this.column(values.length);
    this.c.f64.set(values, ptr / 8);
    return ptr;
  }

  /**
   * Columns of n f64 in the core: the ones `make` fills there (by address), or — when an earlier
   * world of the same scenario kept them under `key` — copies of those, so positions are drawn once.
   */
  reused(key: string, n: number, make: () => number[]): number[] {
    const kept = this.generated?.get(key);
    if (kept) return kept.map((col) => this.put(col));
    const ptrs = make();
    this.generated?.set(
      key,
      ptrs.map((ptr) => this.c.f64.slice(ptr / 8, ptr / 8 + n)),
    );
    return ptrs;
  }

  /** Frees the columns made while building (the core has copied them). */
  freeColumns(): void {
    for (const ptr of this.#blocks) this.c.exports.free(ptr);
    this.#blocks.length = 0;
  }

  /** Frees the world and its venues. Idempotent. */
  dispose(): void {
    this.freeColumns();
    if (this.#freed) return;
    this.#freed = true;
    this.c.exports.worldFree(this.h);
    for (const v of this.#venues) v.dispose();
    this.#venues.length = 0;
  }

  /** Venue i's object (a pool or a book). */
  venueObject(i: number): VenueObject {
    return this.#venues[i];
  }

  /** The last price of each venue, after a run. */
  venuePrices(): number[] {
    return this.#venues.map((v) => v.price());
  }

  /** The venue, or a ScenarioError at `venues[i]` for what only its class checks (a book too fine for its price range, a bad snapshot). */
  #venueObject(v: Venues, i: number): VenueObject {
    try {
      return this.#venueOf(v);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      const { field, expected } = err as Partial<FieldError>;
      const at = `venues[${givenIndex(v, i)}]`;
      const path = field ? `${at}.${field}` : at;
      throw new ScenarioError([{ path, message: expected ?? err.message }]);
    }
  }

  #venueOf(v: Venues): VenueObject {
    if (v.type === "constantProduct") return new ConstantProductPool(v);
    if (v.type === "stableSwap") return new StableSwapPool(v);
    if (v.type === "concentratedLiquidity") return new ConcentratedLiquidityPool(v);
    const mid = this.#assetPrice(v.base) / this.#assetPrice(v.quote);
    // room for the price to move tenfold either way, within the book's 2^24 ticks
    const maxPrice = Math.min(v.tickSize * 2 ** 24, Math.max(mid * 10, v.tickSize * 4));
    const book = new OrderBook({ tickSize: v.tickSize, lotSize: v.lotSize, capacity: v.capacity, maxPrice });
    if (v.snapshot) book.seedSnapshot(v.snapshot);
    if (v.profile) {
      const vol = this.scenario.assets.find((a) => a.id === v.base)?.vol ?? 0;
      const r = v.resilience;
      book.seedProfile(
        { mid, ...v.profile },
        {
          halfLifeSeconds: r?.halfLifeSeconds ?? 60,
          volHalfLifeSeconds: r?.volHalfLifeSeconds ?? 300,
          baseVol: r?.baseVol ?? (vol > 0 ? vol : 0.8),
          sensitivity: r?.sensitivity ?? 1,
        },
      );
    }
    return book;
  }

  #assetPrice(id: string): number {
    return this.scenario.assets.find((a) => a.id === id)?.price as number;
  }

  /** A source's code in the core: a venue index, or −(asset + 1). */
  #source(id: string): number {
    const venue = this.venue.get(id);
    return venue !== undefined ? venue : -((this.asset.get(id) as number) + 1);
  }

  #oracle(o: ScenarioV1["oracles"][number]): void {
    const e = this.c.exports;
    const sources = ("sources" in o ? o.sources : [o.source]).map((id) => this.#source(id));
    const x = e.worldOracle(
      this.h,
      ORACLE_TYPE[o.type],
      sources.length,
      o.latencySteps,
      o.type === "twap" ? o.windowSteps : 1,
      o.type === "push" ? o.deviationBps / 1e4 : 0,
      o.type === "push" ? o.heartbeatSteps : 1,
    );
    sources.forEach((code, k) => {
      e.worldOracleSource(this.h, x, k, code);
      if (o.type === "index") e.worldOracleWeight(this.h, x, k, o.weights[k]);
    });
    if (o.maxAgeSteps !== undefined) e.worldOracleMaxAge(this.h, x, o.maxAgeSteps);
    // its faulty sources, from the shocks that name them
    for (const f of this.scenario.shock) {
      if (f.type !== "sourceFault" || f.oracle !== o.id) continue;
      const k = ("sources" in o ? o.sources : [o.source]).indexOf(f.source);
      const [mode, value, lag] =
        f.price !== undefined
          ? [FAULT_CONSTANT, f.price, 0]
          : f.factor !== undefined
            ? [FAULT_FACTOR, f.factor, 0]
            : [FAULT_LAG, 0, f.lagSteps ?? 1];
      e.worldOracleFault(this.h, x, k, mode, value, lag, f.fromStep, f.toStep);
    }
    this.oracle.set(o.id, x);
    this.oraclePrice.push(e.worldOracleReady(this.h, x));
  }

  #shock(x: ScenarioV1["shock"][number]): void {
    const e = this.c.exports;
    const h = this.h;
    if (x.type === "sell" || x.type === "buy") {
      const per = x.qty / x.overSteps;
      e.worldShock(
        h,
        x.type === "sell" ? SHOCK_SELL : SHOCK_BUY,
        this.venue.get(x.venue) as number,
        per,
        x.step,
        x.step + x.overSteps - 1,
        0,
        1,
        0,
      );
    } else if (x.type === "path" || x.type === "drop" || x.type === "crash") {
      // a drop is a path from its first lower price to the last, linear, from its first step on; a
      // crash, the whole fall at its step, then back to the price before over recoverSteps
      const p0 = this.#assetPrice(x.asset);
      const low = x.type === "path" ? 0 : p0 * (1 - x.fraction);
      const [prices, every, first] =
        x.type === "path"
          ? [x.prices, x.everySteps, 0]
          : x.type === "crash"
            ? x.recoverSteps === undefined
              ? [[low], 1, x.step]
              : [[low, p0], x.recoverSteps, x.step]
            : x.steps === 1
              ? [[low], 1, x.step]
              : [[p0 * (1 - x.fraction / x.steps), low], x.steps - 1, x.step];
      const s = e.worldShock(
        h,
        SHOCK_PATH,
        this.asset.get(x.asset) as number,
        0,
        first,
        0,
        x.pull,
        every,
        prices.length,
      );
      e.worldShockPrices(h, s, this.put(Float64Array.from(prices)));
    } else if (x.type === "oracle") {
      e.worldShock(h, SHOCK_ORACLE, this.oracle.get(x.oracle) as number, x.price, x.fromStep, x.toStep, 0, 1, 0);
    } else if (x.type === "oracleOutage") {
      const mode = x.mode === "missing" ? OUTAGE_MISSING : OUTAGE_STALE;
      e.worldShock(h, SHOCK_ORACLE_OUTAGE, this.oracle.get(x.oracle) as number, mode, x.fromStep, x.toStep, 0, 1, 0);
    } else if (x.type === "keeperOutage") {
      const who = x.liquidator === undefined ? -1 : this.scenario.liquidators.findIndex((l) => l.id === x.liquidator);
      e.worldShock(h, SHOCK_KEEPER_OUTAGE, who, 0, x.fromStep, x.toStep, 0, 1, 0);
    } else if (x.type === "congestion") {
      e.worldShock(h, SHOCK_CONGESTION, 0, x.maxPerStep, x.fromStep, x.toStep, 0, x.everySteps, 0);
    }
    // sourceFault: built with its oracle
  }
}
