/**
 * `simulate`: builds the scenario's world in the core, runs the cascade step by step
 * (assembly/engine/run.ts), and once more without liquidations nor dealer hedging for the
 * exogenous counterfactual; returns the timeline, the summary and the events.
 * @module
 */
import { EVENTS_SEEN } from "../../bindings/codes.ts";
import { canonical } from "../scenario/canonical.ts";
import type { BaseUrl } from "../scenario/files.ts";
import { ilksOf } from "../scenario/ilks.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import { timelineEvery } from "../scenario/timeline.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { integer, object } from "../validate.ts";
import { buildWorld } from "./build.ts";
import type { MitigationSummary } from "./mitigations.ts";
import {
  type AssetDrawdown,
  amplification,
  drawdown,
  type LiquidatorSummary,
  type Lows,
  type ProtocolSummary,
  readEvents,
  readLiquidators,
  readLows,
  readMitigations,
  readProtocols,
  readTimeline,
  type SimEvent,
  type Timeline,
} from "./results.ts";
import { World } from "./world.ts";

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Events kept in `events` (liquidations, barks, takes, …); the rest are only counted. Default 10,000. */
  events?: number;
  /** Whether to run the exogenous counterfactual for the drawdowns; default true. */
  counterfactual?: boolean;
  /** Where `csvFile` paths are resolved (Node and Deno): the scenario file's URL or path, or a folder ending in "/". */
  baseUrl?: BaseUrl;
  /** Called before the run and after it and after its counterfactual: runs done of all (a CLI's progress bar). */
  onProgress?: (progress: { done: number; total: number }) => void;
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
  /** Per asset: its market price after the last step (see `drawdowns`), in quote units. */
  finalPrices: Record<string, number>;
  /** The drawdowns of `drawdownAsset`, the asset whose market fell most (ties: the first id). */
  exogenousDrawdown: number;
  realizedDrawdown: number;
  amplification: number;
  drawdownAsset: string;
  /**
   * Per asset with a venue: the drawdowns of its market price — the depth-weighted mean of its
   * venues' prices, Σ w·price·(quote asset's price) / Σ w, each venue weighted by the base it could
   * sell within 5% of its price before step 0 (or its `referenceVenue` alone) — and each venue's own.
   */
  drawdowns: Record<string, AssetDrawdown>;
  slippagePaid: number;
  zeroBidAuctions: number;
  /** Positions already insolvent before step 0, over all protocols (see each protocol's `insolventAtStart`). */
  insolventAtStart: number;
  /** Steps run: until `steps`, or until quiet. */
  steps: number;
  protocols: Record<string, ProtocolSummary>;
  /** Per liquidator: capital left (quote) and collateral held. */
  liquidators: Record<string, LiquidatorSummary>;
  /** Events that happened; `events` holds the first `options.events`. */
  eventCount: number;
  /**
   * Per mitigation id (a mitigation's id defaults to its type): its type, what it committed, paid
   * and took — `capitalCommitted`, `incentivesPaid`, `lostBorrowingPower`, in quote units — and
   * its own figures (a circuitBreaker's trips, trippedSteps, pauses, pausedSteps, capped,
   * cappedSteps; a segmentation's splitAccounts, segmentedLiquidations, liquidationsByBasket; a
   * dynamicMargin's averageCut, largestCut, tightenedSteps; the sale path's in README). README,
   * "Mitigations".
   */
  mitigations: Record<string, MitigationSummary>;
}

/** {@link simulate}'s result. */
export interface SimulationResult {
  timeline: Timeline;
  summary: Summary;
  events: SimEvent[];
}

/**
 * Runs a scenario. Its lists run in the order of their ids, so the order they are written in
 * changes nothing; the results are keyed by id in that order.
 * @param scenario the scenario JSON (validated here) or a validated scenario
 * @param options events kept, counterfactual, where files are
 * @returns the timeline, the summary and the events
 * @throws ScenarioError naming every bad field of the scenario
 * @example
 * ```ts
 * const { summary } = simulate(presets.blackThursday2020);
 * summary.badDebt; // DAI
 * ```
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  return simulateKeeping(scenario, options);
}

/**
 * {@link simulate}, its generated positions kept in `generated` (by protocol id) and taken from
 * there when an earlier run of the same scenario put them there — the same columns, drawn once.
 * Only for runs of one scenario that differ in their shocks after step 0 (the risk oracle's drops):
 * the columns depend on the protocols, the seed and the prices before step 0.
 * @internal
 */
export function simulateKeeping(
  scenario: Scenario,
  options: SimulateOptions = {},
  generated?: Map<string, Float64Array[]>,
): SimulationResult {
  object("options", options);
  const capacity = integer("options.events", options.events ?? 10_000, 0, 10_000_000);
  const s = canonical(checkScenario(scenario, { baseUrl: options.baseUrl }));
  const every = timelineEvery(s);
  const total = options.counterfactual === false ? 1 : 2;
  options.onProgress?.({ done: 0, total });
  const active = run(s, false, capacity, every, generated);
  options.onProgress?.({ done: 1, total });
  const passive = options.counterfactual === false ? undefined : run(s, true, 0, every, generated);
  if (passive) options.onProgress?.({ done: 2, total });
  return { timeline: active.timeline, summary: summarize(s, active, passive), events: active.events };
}

interface Run {
  /** Steps run (the timeline may hold fewer rows). */
  ran: number;
  timeline: Timeline;
  lows: Lows;
  protocols: Record<string, ProtocolSummary>;
  liquidators: Record<string, LiquidatorSummary>;
  mitigations: Record<string, MitigationSummary>;
  events: SimEvent[];
  eventCount: number;
}

function run(
  s: ScenarioV1,
  passive: boolean,
  capacity: number,
  every: number,
  generated?: Map<string, Float64Array[]>,
): Run {
  const w = new World(s, passive, capacity, every, generated);
  try {
    buildWorld(w);
    const ran = w.c.guard(() => w.c.exports.worldRun(w.h));
    return {
      ran,
      timeline: readTimeline(w, ran),
      lows: readLows(w),
      protocols: passive ? {} : readProtocols(w),
      liquidators: readLiquidators(w),
      mitigations: passive ? {} : readMitigations(w),
      events: passive ? [] : readEvents(w, accountNames(s)),
      eventCount: w.c.exports.worldEvents(w.h, EVENTS_SEEN),
    };
  } finally {
    w.dispose();
  }
}

/** The name of position k of a protocol: the `account` the input gave it, else its index. */
function accountNames(s: ScenarioV1): (protocol: string, k: number) => string {
  const lists = new Map<string, readonly { account?: string }[]>();
  for (const p of s.protocols) {
    if (p.type === "cdp") {
      // vaults are numbered over the ilks in their order: a generated ilk's take its count of places
      const vaults = ilksOf(p).ilks.flatMap((il) =>
        Array.isArray(il.vaults) ? il.vaults : Array.from({ length: il.vaults.generate.count }, () => ({})),
      );
      lists.set(p.id, vaults);
      continue;
    }
    const list = p.type === "optionsVault" || p.type === "portfolio" ? p.accounts : p.positions;
    if (Array.isArray(list)) lists.set(p.id, list);
  }
  return (protocol, k) => lists.get(protocol)?.[k]?.account ?? String(k);
}

function summarize(s: ScenarioV1, active: Run, passive: Run | undefined): Summary {
  const t = active.timeline;
  const last = (x: Float64Array) => (x.length > 0 ? x[x.length - 1] : 0);
  const finalPrices: Record<string, number> = {};
  const drawdowns: Record<string, AssetDrawdown> = {};
  const fall = (lows: Lows | undefined, kind: "assets" | "venues", id: string) =>
    lows ? drawdown(lows[kind][id].start, lows[kind][id].low) : Number.NaN;
  let worst = "";
  for (const a of s.assets) {
    finalPrices[a.id] = active.lows.assets[a.id].last;
    const venues = s.venues.filter((v) => v.base === a.id);
    if (venues.length === 0) continue;
    const realized = fall(active.lows, "assets", a.id);
    const exogenous = fall(passive?.lows, "assets", a.id);
    const own: Record<string, { exogenous: number; realized: number; amplification: number }> = {};
    for (const v of venues) {
      const r = fall(active.lows, "venues", v.id);
      const x = fall(passive?.lows, "venues", v.id);
      own[v.id] = { exogenous: x, realized: r, amplification: amplification(x, r) };
    }
    drawdowns[a.id] = { exogenous, realized, amplification: amplification(exogenous, realized), venues: own };
    if (worst === "" || realized > drawdowns[worst].realized) worst = a.id;
  }
  const badDebtByProtocol: Record<string, number> = {};
  let zeroBids = 0;
  let liquidations = 0;
  let notional = 0;
  let insolvent = 0;
  for (const [id, p] of Object.entries(active.protocols)) {
    badDebtByProtocol[id] = p.badDebt;
    zeroBids += p.zeroBidAuctions;
    liquidations += p.liquidations;
    notional += p.liquidatedNotional;
    insolvent += p.insolventAtStart;
  }
  const d = drawdowns[worst] ?? { exogenous: 0, realized: 0, amplification: 1 };
  return {
    badDebt: last(t.badDebt),
    badDebtByProtocol,
    liquidations,
    liquidatedNotional: notional,
    finalPrices,
    exogenousDrawdown: d.exogenous,
    realizedDrawdown: d.realized,
    amplification: d.amplification,
    drawdownAsset: worst,
    drawdowns,
    slippagePaid: last(t.slippagePaid),
    zeroBidAuctions: zeroBids,
    insolventAtStart: insolvent,
    steps: active.ran,
    protocols: active.protocols,
    liquidators: active.liquidators,
    eventCount: active.eventCount,
    mitigations: active.mitigations,
  };
}
