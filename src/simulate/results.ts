/**
 * Reading a run's results out of the core: the timeline's columns named by id, each protocol's
 * and liquidator's totals, the events, and the prices the drawdowns are measured on.
 * @module
 */
import {
  EV_ACCOUNT_ADL,
  EV_ACCOUNT_CLOSE,
  EV_ADL,
  EV_AUCTION_END,
  EV_BACKSTOP,
  EV_BARK,
  EV_COLLATERAL_SALE,
  EV_DENT,
  EV_LIQUIDATION,
  EV_PERP_CLOSE,
  EV_REDO,
  EV_TAKE,
  EV_TEND,
  EV_VAULT,
  EV_VAULT_EXPIRY,
  EVENT_FIELDS,
  EVENTS_ADDRESS,
  EVENTS_RECORDED,
  LIQUIDATOR_CAPITAL,
  LIQUIDATOR_HELD,
  MARKET_LAST,
  MARKET_LOW,
  MARKET_START,
  TOTAL_BAD_DEBT,
  TOTAL_LIQUIDATIONS,
  TOTAL_NOTIONAL,
  TOTAL_ZERO_BIDS,
  VENUE_LOW,
  VENUE_START,
} from "../../bindings/codes.ts";
import { mitigationId } from "../scenario/mitigations.ts";
import { lendingDeficit } from "./lending.ts";
import { type MitigationSummary, mitigationType } from "./mitigations.ts";
import { PROTOCOL_TYPES, protocolType } from "./protocols.ts";
import type { World } from "./world.ts";

/** Per timeline row, as columns of `steps` values. */
export interface Timeline {
  /** Rows (the length of every column): the steps run, or fewer when `every` > 1. */
  steps: number;
  /**
   * Steps per row: 1 unless steps × series would exceed 20 million values, then each row holds the
   * last step of its `every` (summaries and drawdowns still see every step).
   */
  every: number;
  /**
   * Per asset: its exogenous reference price (a path's or a drop's, else its price at step 0) and its
   * market price (the depth-weighted mean over its venues, in quote units: see `Summary.drawdowns`).
   */
  assets: Record<string, { reference: Float64Array; market: Float64Array }>;
  /** Per venue: its price, and the base that can be sold before its price falls 1% and 5%. */
  venues: Record<string, { price: Float64Array; depth1: Float64Array; depth5: Float64Array }>;
  /** Per oracle: the price it published (NaN while an outage has it publish nothing). */
  oracles: Record<string, Float64Array>;
  /** Per oracle: the steps since its last publication (a push oracle between updates, a stale one during an outage). */
  oracleAge: Record<string, Float64Array>;
  /**
   * Per protocol: liquidations in the step (CDP: auctions started), liquidated notional in quote
   * units, cumulative bad debt, and its own series: a perps market's insurance fund, a CDP's debt
   * in auction, an options vault's margin shortfall (Σ requirement − equity over the accounts
   * breached in the step) (`extra`, named by the protocol's type in `extraName`).
   */
  protocols: Record<
    string,
    {
      liquidations: Float64Array;
      liquidatedNotional: Float64Array;
      badDebt: Float64Array;
      extra: Float64Array;
      extraName: string;
      /** Debt (quote) of positions still liquidatable after the step: waiting for a keeper, a usable price or a venue. */
      waiting: Float64Array;
    }
  >;
  /** Per dealer book: base traded to re-hedge (negative: sold). */
  dealers: Record<string, { hedgeFlow: Float64Array }>;
  /** Over all protocols. */
  liquidations: Float64Array;
  liquidatedNotional: Float64Array;
  /** Cumulative. */
  badDebt: Float64Array;
  /** Quote lost to slippage by forced sellers (liquidators, keepers, perps liquidations), cumulative. */
  slippagePaid: Float64Array;
  /**
   * Per mitigation id: its own series — a circuitBreaker's `tripped` (prices tripped in the step),
   * `paused` (collateral types paused) and `capped` (quote its caps refused in the step); a
   * segmentation's `lostBorrowingPower` (cumulative); a dynamicMargin's `realizedVol:F`,
   * `targetCut:F` and `cut:F` (applied) for each collateral price F it follows (`ASSET@oracle`).
   */
  mitigations: Record<string, Record<string, Float64Array>>;
}

/**
 * Reads the timeline of a run (every series in the core's order: assembly/engine/run.ts).
 * @param w the world, after its run
 * @param ran steps run
 * @returns the columns, copied out of the core
 */
export function readTimeline(w: World, ran: number): Timeline {
  const e = w.c.exports;
  const s = w.scenario;
  const filled = Math.ceil(ran / w.every);
  const rows = filled; // the core hands the recorded rows over as columns of this length
  const base = e.worldSeries(w.h) / 8;
  const f64 = w.c.f64;
  let k = 0;
  const next = () => f64.slice(base + rows * k, base + rows * k++ + filled);
  const t: Timeline = {
    steps: filled,
    every: w.every,
    assets: {},
    venues: {},
    oracles: {},
    oracleAge: {},
    protocols: {},
    dealers: {},
    liquidations: new Float64Array(0),
    liquidatedNotional: new Float64Array(0),
    badDebt: new Float64Array(0),
    slippagePaid: new Float64Array(0),
    mitigations: {},
  };
  for (const a of s.assets) t.assets[a.id] = { reference: next(), market: next() };
  for (const v of s.venues) t.venues[v.id] = { price: next(), depth1: next(), depth5: next() };
  for (const o of s.oracles) {
    t.oracles[o.id] = next();
    t.oracleAge[o.id] = next();
  }
  for (const p of w.passive ? [] : s.protocols) {
    t.protocols[p.id] = {
      liquidations: next(),
      liquidatedNotional: next(),
      badDebt: next(),
      extra: next(),
      extraName: PROTOCOL_TYPES[p.type].extra,
      waiting: next(),
    };
  }
  for (const d of s.dealers) t.dealers[d.id] = { hedgeFlow: next() };
  t.liquidations = next();
  t.liquidatedNotional = next();
  t.badDebt = next();
  t.slippagePaid = next();
  for (const m of w.passive ? [] : s.mitigations) {
    const own: Record<string, Float64Array> = {};
    for (const name of mitigationType(m).series(s, m)) own[name] = next();
    t.mitigations[mitigationId(m)] = own;
  }
  if (k !== e.worldSeriesCount(w.h))
    throw new Error(`fracture: read ${k} timeline series of ${e.worldSeriesCount(w.h)}`);
  return t;
}

/** What every protocol reports. */
interface ProtocolTotals {
  badDebt: number;
  liquidations: number;
  liquidatedNotional: number;
  /** CDP: auctions that raised under 5% of their collateral's value at their start. */
  zeroBidAuctions: number;
  /**
   * Positions whose debt already exceeded their collateral's value at the prices before step 0
   * (their shortfall is bad debt from the first step, not the cascade's doing).
   */
  insolventAtStart: number;
}

/** What a protocol did over the run, by its type. */
export type ProtocolSummary =
  | (ProtocolTotals & {
      type: "lending";
      /**
       * Debt written off per asset the protocol uses, in the asset's units (bad debt before its
       * valuation; with `aaveV33`, Aave v3.3's reserve deficit).
       */
      deficit: Record<string, number>;
    })
  | (ProtocolTotals & {
      type: "cdp";
      /** Debt (with penalty) still in auction at the end. */
      debtInAuction: number;
      auctions: number;
      auctionsRunning: number;
      /** tip + chip paid to keepers: system debt (dss's vat.suck), so also counted in `badDebt`. */
      keeperIncentives: number;
      /**
       * Collateral that auctions which raised their tab gave back to the vaults' owners (their
       * `lotLeft`): it leaves the system, as dss's take moves it to the owner's free balance.
       */
      collateralReturned: number;
    })
  | (ProtocolTotals & {
      type: "perps";
      /** Left at the end. */
      insuranceFund: number;
      /** Positions auto-deleveraged. */
      adlCount: number;
      /** Closed by ADL at the mark, quote. */
      adlNotional: number;
      /** Profit taken from them, quote. */
      adlProfit: number;
      /** Paid into the fund by liquidations. */
      insuranceFees: number;
      /** Losses beyond margin the fund covered. */
      insuranceDrawn: number;
      returnedToTraders: number;
    })
  | (ProtocolTotals & {
      type: "portfolio";
      /** Left at the end. */
      insuranceFund: number;
      /** Losses no collateral covered that the fund paid. */
      insuranceDrawn: number;
      /** Liquidation fees paid into the fund. */
      insuranceFees: number;
      /** The backstop vault's equity at the end, at the marks (NaN without a vault). */
      vaultEquity: number;
      /** Accounts the vault took over. */
      vaultTakeovers: number;
      /** Their positions' notional at the marks. */
      vaultTakenNotional: number;
      /** Positions ADL reduced (fills). */
      adlFills: number;
      /** Distinct accounts ADL reduced. */
      adlAccounts: number;
      /** What ADL closed, at the marks. */
      adlNotional: number;
      /** Quote raised selling liquidated accounts' collateral. */
      collateralRaised: number;
    })
  | (ProtocolTotals & {
      type: "optionsVault";
      collateralLeft: number;
      optionsOpen: number;
      /** Collateral sold in liquidations. */
      collateralSold: number;
      /** Intrinsic value paid at expiry, quote. */
      settledAtExpiry: number;
      /** At the last step, over its accounts. */
      marginRequirement: number;
    });

/**
 * Each protocol's totals after a run.
 * @param w the world, after its run
 * @returns by protocol id
 */
export function readProtocols(w: World): Record<string, ProtocolSummary> {
  const e = w.c.exports;
  const out: Record<string, ProtocolSummary> = {};
  for (const p of w.scenario.protocols) {
    const x = w.protocol.get(p.id) as number;
    const row: Record<string, number | string | Record<string, number>> = {
      type: p.type,
      badDebt: e.worldProtocolTotal(w.h, x, TOTAL_BAD_DEBT),
      liquidations: e.worldProtocolTotal(w.h, x, TOTAL_LIQUIDATIONS),
      liquidatedNotional: e.worldProtocolTotal(w.h, x, TOTAL_NOTIONAL),
      zeroBidAuctions: e.worldProtocolTotal(w.h, x, TOTAL_ZERO_BIDS),
      insolventAtStart: w.insolvent.get(p.id) ?? 0,
    };
    if (p.type === "lending") row.deficit = lendingDeficit(w, p, x);
    const state = protocolType(p).state;
    if (state) {
      const [read, fields] = state;
      for (const [name, which] of Object.entries(fields)) row[name] = e[read](w.h, x, which);
    }
    out[p.id] = row as unknown as ProtocolSummary;
  }
  return out;
}

/**
 * Each mitigation's figures after a run.
 * @param w the world, after its run
 * @returns by mitigation id
 */
export function readMitigations(w: World): Record<string, MitigationSummary> {
  const out: Record<string, MitigationSummary> = {};
  for (const m of w.scenario.mitigations) {
    const id = mitigationId(m);
    out[id] = { type: m.type, ...mitigationType(m).read(w, m, w.mitigation.get(id) ?? -1) } as MitigationSummary;
  }
  return out;
}

/** A liquidator's state after a run. */
export interface LiquidatorSummary {
  /** Quote capital left (Infinity: unlimited). */
  capital: number;
  /** Collateral it holds: kept, or left unsold when its venue ran out. */
  held: number;
}

/**
 * Each liquidator's state after a run.
 * @param w the world, after its run
 * @returns by liquidator id
 */
export function readLiquidators(w: World): Record<string, LiquidatorSummary> {
  const e = w.c.exports;
  const out: Record<string, LiquidatorSummary> = {};
  w.scenario.liquidators.forEach((l, i) => {
    out[l.id] = {
      capital: e.worldLiquidatorState(w.h, i, LIQUIDATOR_CAPITAL),
      held: e.worldLiquidatorState(w.h, i, LIQUIDATOR_HELD),
    };
  });
  return out;
}

/** Each kind of event: its code in the core, and its figures in the core's order (assembly/engine/events.ts). */
const EVENT_KINDS = {
  liquidation: [EV_LIQUIDATION, ["repaid", "seized", "fee"]],
  bark: [EV_BARK, ["tab", "lot", "top"]],
  take: [EV_TAKE, ["owe", "slice", "price"]],
  auctionEnd: [EV_AUCTION_END, ["tabLeft", "lotLeft", "raised"]],
  perpClose: [EV_PERP_CLOSE, ["size", "price", "lossBeyondMargin"]],
  adl: [EV_ADL, ["size", "mark", "profit"]],
  vaultLiquidation: [EV_VAULT, ["cost", "collateralSold", "shortfall"]],
  redo: [EV_REDO, ["top", "tab", "lot"]],
  vaultExpiry: [EV_VAULT_EXPIRY, ["intrinsic", "collateralPaid", "shortfall"]],
  tend: [EV_TEND, ["bid", "lot", "lastBid"]],
  dent: [EV_DENT, ["lot", "bid", "lotReturned"]],
  accountClose: [EV_ACCOUNT_CLOSE, ["market", "size", "price"]],
  accountAdl: [EV_ACCOUNT_ADL, ["market", "size", "price"]],
  backstop: [EV_BACKSTOP, ["notional", "equity", "marginRatio"]],
  collateralSale: [EV_COLLATERAL_SALE, ["collateral", "amount", "proceeds"]],
} as const;

type Kinds = typeof EVENT_KINDS;

/** What every event says. */
interface EventBase<K extends keyof Kinds> {
  step: number;
  /** The protocol's id. */
  protocol: string;
  /** The position, vault or account: its index in the order given. */
  position: number;
  /** Its `account` as the input named it (a CSV's account column, a list's `account`), else its index. */
  account: string;
  kind: K;
  /** The liquidator or keeper's id; null where the protocol acts alone (perps, expiries). */
  agent: string | null;
  /** A CDP auction's index (in the order they started); absent elsewhere. */
  auction?: number;
}

/**
 * One thing a protocol did. Figures by kind, in quote units unless said: liquidation — repaid
 * (debt units), seized and fee (collateral units); bark — tab (debt with penalty), lot
 * (collateral), top (starting price); take — owe (paid), slice (collateral bought), price;
 * auctionEnd — tabLeft (never raised), lotLeft (to the owner, out of the vault; a flip auction's: what
 * its dents returned), raised (its agent: a flip auction's winner); redo — top (0: a flip auction
 * restarted with no bid), tab, lot; tend (flip) — bid, lot, lastBid; dent (flip) — lot, bid (the
 * tab), lotReturned; perpClose — size
 * (signed, base), price (fill), lossBeyondMargin; adl — size (signed), mark, profit (taken);
 * vaultLiquidation — cost (buy-back), collateralSold, shortfall; vaultExpiry (one option) —
 * intrinsic (paid), collateralPaid, shortfall.
 */
export type SimEvent = {
  [K in keyof Kinds]: EventBase<K> & { [F in Kinds[K][1][number]]: number };
}[keyof Kinds];

/** Kind names by code. */
const KIND_NAMES: (keyof Kinds)[] = [];
for (const [name, [code]] of Object.entries(EVENT_KINDS)) KIND_NAMES[code] = name as keyof Kinds;

/**
 * The events a run kept.
 * @param w the world, after its run
 * @param accounts per protocol id, the account name of position k
 * @returns in the order they happened
 */
export function readEvents(w: World, accounts: (protocol: string, k: number) => string): SimEvent[] {
  const e = w.c.exports;
  const s = w.scenario;
  const count = e.worldEvents(w.h, EVENTS_RECORDED);
  if (count === 0) return [];
  const at = e.worldEvents(w.h, EVENTS_ADDRESS) / 8;
  const f = w.c.f64.slice(at, at + count * EVENT_FIELDS);
  const out: SimEvent[] = [];
  for (let i = 0; i < count; i++) {
    const r = i * EVENT_FIELDS;
    const kind = KIND_NAMES[f[r + 3]];
    const protocol = s.protocols[f[r + 1]].id;
    const agent = f[r + 7];
    const event: Record<string, unknown> = {
      step: f[r],
      protocol,
      position: f[r + 2],
      account: accounts(protocol, f[r + 2]),
      kind,
      agent: agent >= 0 ? s.liquidators[agent].id : null,
    };
    if (f[r + 8] >= 0) event.auction = f[r + 8];
    EVENT_KINDS[kind][1].forEach((name, k) => {
      event[name] = f[r + 4 + k];
    });
    out.push(event as unknown as SimEvent);
  }
  return out;
}

/** How far an asset's market fell, with and without the cascade. */
export interface Drawdown {
  /** Largest fall from the start, as a share (0.3 = 30%), in the run without liquidations nor hedging. */
  exogenous: number;
  /** …in the run itself. */
  realized: number;
  /** realized / exogenous: the cascade's amplification (1 when neither fell). */
  amplification: number;
}

/** An asset's drawdowns on its market price, and each of its venues' own. */
export interface AssetDrawdown extends Drawdown {
  venues: Record<string, Drawdown>;
}

/** The prices a drawdown is measured on: per asset and per venue, before step 0 and the lowest after any step. */
export interface Lows {
  /** Per asset: market price before step 0, its lowest, its last. */
  assets: Record<string, { start: number; low: number; last: number }>;
  /** Per venue: price before step 0 and its lowest. */
  venues: Record<string, { start: number; low: number }>;
}

/**
 * Reads the run's lows.
 * @param w the world, after its run
 */
export function readLows(w: World): Lows {
  const e = w.c.exports;
  const out: Lows = { assets: {}, venues: {} };
  w.scenario.assets.forEach((a, i) => {
    out.assets[a.id] = {
      start: e.worldMarket(w.h, MARKET_START, i),
      low: e.worldMarket(w.h, MARKET_LOW, i),
      last: e.worldMarket(w.h, MARKET_LAST, i),
    };
  });
  w.scenario.venues.forEach((v, i) => {
    out.venues[v.id] = { start: e.worldMarket(w.h, VENUE_START, i), low: e.worldMarket(w.h, VENUE_LOW, i) };
  });
  return out;
}

/**
 * The largest fall from the start.
 * @param start the price before step 0
 * @param low the lowest price after any step
 * @returns a share in [0, 1]
 */
export function drawdown(start: number, low: number): number {
  return start > 0 && low < start ? 1 - low / start : 0;
}

/**
 * realized / exogenous, 1 when both are 0 and Infinity when only the exogenous one is.
 * @param exogenous the fall without the cascade
 * @param realized the fall with it
 * @returns the ratio
 */
export function amplification(exogenous: number, realized: number): number {
  if (exogenous > 0) return realized / exogenous;
  return realized > 0 ? Number.POSITIVE_INFINITY : 1;
}
