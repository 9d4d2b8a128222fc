/**
 * `simulate`: builds the scenario's world in the core, runs the cascade step by step
 * (assembly/engine/run.ts), and once more without liquidations nor dealer hedging for the
 * exogenous counterfactual; returns the timeline and the summary.
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { object } from "../validate.ts";
import { integer } from "../venue.ts";
import { protocolType } from "./protocols.ts";
import { amplification, type Drawdown, drawdown, marketPrice, readTimeline, type Timeline } from "./results.ts";
import { World } from "./world.ts";

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Events kept in `events` (liquidations, barks, takes, …); the rest are only counted. Default 10,000. */
  events?: number;
  /** Whether to run the exogenous counterfactual for the drawdowns; default true. */
  counterfactual?: boolean;
}

/** What a protocol did over the run. */
export interface ProtocolSummary {
  type: string;
  badDebt: number;
  liquidations: number;
  liquidatedNotional: number;
  /** CDP: auctions that raised under 5% of their collateral's value at their start. */
  zeroBidAuctions: number;
  /**
   * By type. CDP: debtInAuction (at the end), auctions, auctionsRunning, keeperIncentives.
   * Perps, in quote units but adlCount: insuranceFund (left), insuranceFees (paid in by
   * liquidations), insuranceDrawn (losses beyond margin it covered), returnedToTraders,
   * adlCount (positions auto-deleveraged), adlNotional (closed at the mark), adlProfit (taken).
   * Options vault: collateralLeft, optionsOpen, collateralSold (in liquidations), settledAtExpiry
   * (intrinsic value paid, quote) and marginRequirement (at the last step, over its accounts).
   */
  [key: string]: number | string;
}

/** The outcome of a run. */
export interface Summary {
  /** Bad debt over all protocols, in quote units. */
  badDebt: number;
  badDebtByProtocol: Record<string, number>;
  /** Liquidation events (CDP: auctions started). */
  liquidations: number;
  /** Debt repaid or moved to auction by liquidations (options vaults: options bought back), in quote units. */
  liquidatedNotional: number;
  /** Per asset: its first venue's last price (its reference price if it has no venue). */
  finalPrices: Record<string, number>;
  /** The drawdowns of `drawdownAsset`, the asset whose market fell most. */
  exogenousDrawdown: number;
  realizedDrawdown: number;
  amplification: number;
  drawdownAsset: string;
  /** Per asset with a market. */
  drawdowns: Record<string, Drawdown>;
  slippagePaid: number;
  zeroBidAuctions: number;
  /** Steps run: until `steps`, or until quiet. */
  steps: number;
  protocols: Record<string, ProtocolSummary>;
  /** Per liquidator: capital left (quote) and collateral held. */
  liquidators: Record<string, { capital: number; held: number }>;
  /** Events that happened; `events` holds the first `eventsKept`. */
  eventCount: number;
}

/** What a protocol did, one event at a time (see `kind`). */
export interface SimEvent {
  step: number;
  protocol: string;
  /** The position, vault, auction or account index (in the order given). */
  position: number;
  kind:
    | "liquidation"
    | "bark"
    | "take"
    | "auctionEnd"
    | "perpClose"
    | "adl"
    | "vaultLiquidation"
    | "redo"
    | "vaultExpiry";
  /**
   * liquidation: repaid, seized, fee; bark: tab, lot, top; take: owe, slice, price; auctionEnd: tab left, lot left,
   * raised; redo: top, tab, lot; perpClose: size closed (signed), fill price, loss beyond margin; adl: size closed
   * (signed), mark price, profit taken; vaultLiquidation: buy-back cost, collateral sold, shortfall; vaultExpiry (one
   * option): intrinsic value paid, collateral paid, shortfall; …
   */
  a: number;
  b: number;
  c: number;
  /** The liquidator or keeper (index), −1 if none. */
  agent: number;
}

/** {@link simulate}'s result. */
export interface SimulationResult {
  timeline: Timeline;
  summary: Summary;
  events: SimEvent[];
}

const KINDS: SimEvent["kind"][] = [
  "liquidation",
  "bark",
  "take",
  "auctionEnd",
  "perpClose",
  "adl",
  "vaultLiquidation",
  "redo",
  "vaultExpiry",
];

/**
 * Runs a scenario.
 * @param scenario the scenario JSON (validated here) or a validated scenario
 * @param options events kept, counterfactual
 * @returns the timeline, the summary and the events
 * @throws ScenarioError naming every bad field of the scenario
 * @example
 * ```ts
 * const { summary } = simulate(presets.blackThursday2020);
 * summary.badDebt; // DAI
 * ```
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  object("options", options);
  const capacity = integer("options.events", options.events ?? 10_000, 0, 10_000_000);
  const s = checkScenario(scenario);
  const active = run(s, false, capacity);
  const passive = options.counterfactual === false ? undefined : run(s, true, 0);
  return { timeline: active.timeline, summary: summarize(s, active, passive), events: active.events };
}

interface Run {
  timeline: Timeline;
  start: number[];
  end: number[];
  protocols: Record<string, ProtocolSummary>;
  liquidators: Record<string, { capital: number; held: number }>;
  events: SimEvent[];
  eventCount: number;
}

function run(s: ScenarioV1, passive: boolean, capacity: number): Run {
  const w = new World(s, passive, capacity);
  try {
    w.buildMarkets();
    if (!passive) {
      s.protocols.forEach((p, i) => {
        w.protocol.set(p.id, protocolType(p).build(w, p, 16 * i));
      });
    }
    w.buildAgents();
    const e = w.c.exports;
    const ran = w.c.guard(() => e.worldRun(w.h));
    const timeline = readTimeline(w, ran);
    const protocols: Record<string, ProtocolSummary> = {};
    if (!passive) {
      for (const p of s.protocols) {
        const x = w.protocol.get(p.id) as number;
        const row: ProtocolSummary = {
          type: p.type,
          badDebt: e.worldProtocolTotal(w.h, x, 0),
          liquidations: e.worldProtocolTotal(w.h, x, 1),
          liquidatedNotional: e.worldProtocolTotal(w.h, x, 2),
          zeroBidAuctions: e.worldProtocolTotal(w.h, x, 3),
        };
        const state = protocolType(p).state;
        if (state) {
          const [read, fields] = state;
          fields.forEach((name, k) => {
            row[name] = e[read](w.h, x, k);
          });
        }
        protocols[p.id] = row;
      }
    }
    const liquidators: Record<string, { capital: number; held: number }> = {};
    s.liquidators.forEach((l, i) => {
      liquidators[l.id] = { capital: e.worldLiquidatorState(w.h, i, 0), held: e.worldLiquidatorState(w.h, i, 1) };
    });
    return {
      timeline,
      start: w.venuePrice,
      end: w.venuePrices(),
      protocols,
      liquidators,
      events: readEvents(w, s),
      eventCount: e.worldEvents(w.h, 2),
    };
  } finally {
    w.dispose();
  }
}

function readEvents(w: World, s: ScenarioV1): SimEvent[] {
  const e = w.c.exports;
  const count = e.worldEvents(w.h, 1);
  if (count === 0) return [];
  const at = e.worldEvents(w.h, 0) / 8;
  const f = w.c.f64.slice(at, at + count * 8);
  const out: SimEvent[] = [];
  for (let i = 0; i < count; i++) {
    const r = i * 8;
    out.push({
      step: f[r],
      protocol: s.protocols[f[r + 1]].id,
      position: f[r + 2],
      kind: KINDS[f[r + 3]],
      a: f[r + 4],
      b: f[r + 5],
      c: f[r + 6],
      agent: f[r + 7],
    });
  }
  return out;
}

function summarize(s: ScenarioV1, active: Run, passive: Run | undefined): Summary {
  const t = active.timeline;
  const last = (x: Float64Array) => (x.length > 0 ? x[x.length - 1] : 0);
  const finalPrices: Record<string, number> = {};
  const drawdowns: Record<string, Drawdown> = {};
  let worst = "";
  for (const a of s.assets) {
    const [column, start] = marketPrice(s, t, a.id, active.start);
    finalPrices[a.id] = column.length > 0 ? last(column) : start;
    if (!s.venues.some((v) => v.base === a.id)) continue;
    const realized = drawdown(column, start);
    const exogenous = passive ? drawdown(...marketPrice(s, passive.timeline, a.id, passive.start)) : Number.NaN;
    drawdowns[a.id] = { exogenous, realized, amplification: amplification(exogenous, realized) };
    if (worst === "" || realized > drawdowns[worst].realized) worst = a.id;
  }
  const badDebtByProtocol: Record<string, number> = {};
  let zeroBids = 0;
  for (const [id, p] of Object.entries(active.protocols)) {
    badDebtByProtocol[id] = p.badDebt;
    zeroBids += p.zeroBidAuctions;
  }
  const d = drawdowns[worst] ?? { exogenous: 0, realized: 0, amplification: 1 };
  return {
    badDebt: last(t.badDebt),
    badDebtByProtocol,
    liquidations: Object.values(active.protocols).reduce((x, p) => x + p.liquidations, 0),
    liquidatedNotional: Object.values(active.protocols).reduce((x, p) => x + p.liquidatedNotional, 0),
    finalPrices,
    exogenousDrawdown: d.exogenous,
    realizedDrawdown: d.realized,
    amplification: d.amplification,
    drawdownAsset: worst,
    drawdowns,
    slippagePaid: last(t.slippagePaid),
    zeroBidAuctions: zeroBids,
    steps: t.steps,
    protocols: active.protocols,
    liquidators: active.liquidators,
    eventCount: active.eventCount,
  };
}
