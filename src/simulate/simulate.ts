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
  type Drawdown,
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
  /**
   * Whether to run the exogenous counterfactual for the drawdowns (default true), or a
   * {@link CounterfactualCache} to keep it in: a run whose counterfactual would be the one kept
   * there reuses it instead of running it again. The counterfactual has neither protocols nor
   * mitigations, so runs of a scenario that differ only in those (a dashboard's mitigation levers,
   * the variants of a comparison) run it once. The results are the same bits.
   */
  counterfactual?: boolean | CounterfactualCache;
  /** Where `csvFile` paths are resolved (Node and Deno): the scenario file's URL or path, or a folder ending in "/". */
  baseUrl?: BaseUrl;
  /** Called before the run and after it and after its counterfactual: runs done of all (a CLI's progress bar). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/**
 * Where {@link simulate} keeps the last exogenous counterfactual it ran (start with `{}` and pass
 * the same object to each run). simulate fills it; it is plain data.
 */
export interface CounterfactualCache {
  /** Everything the counterfactual depends on: the scenario but its protocols and mitigations, and the timeline's step. */
  key?: string;
  /** Its lowest prices. */
  lows?: Lows;
  /** Runs that reused it rather than running it. */
  reused?: number;
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
  const cache =
    typeof options.counterfactual === "object"
      ? object<CounterfactualCache>("options.counterfactual", options.counterfactual)
      : undefined;
  let passive: Lows | undefined;
  if (cache) passive = counterfactualInto(s, every, cache);
  else if (options.counterfactual !== false) passive = run(s, true, 0, every, generated).lows;
  if (passive) options.onProgress?.({ done: 2, total });
  return { timeline: active.timeline, summary: summarize(s, active, passive), events: active.events };
}

/** The counterfactual of `s` from `cache` when it holds it, else run and kept there. */
function counterfactualInto(s: ScenarioV1, every: number, cache: CounterfactualCache): Lows {
  const key = counterfactualKey(s, every);
  if (cache.key === key && cache.lows) {
    cache.reused = (cache.reused ?? 0) + 1;
    return cache.lows;
  }
  const lows = run(s, true, 0, every).lows;
  Object.assign(cache, { key, lows, reused: 0 });
  return lows;
}

/**
 * Runs only a scenario's exogenous counterfactual, into `cache` (or reuses the one there when it
 * is this scenario's): another thread can run it while {@link simulate} runs the cascade with
 * `counterfactual: false`, and {@link withCounterfactual} completes that run's summary — the
 * same bits as a simulate that ran both.
 * @param scenario the scenario JSON (validated here) or a validated scenario
 * @param cache where the counterfactual is kept (start with `{}`)
 * @param options where `csvFile` paths are resolved
 * @returns `cache`, holding the scenario's counterfactual
 * @throws ScenarioError naming every bad field of the scenario
 * @example
 * ```ts
 * const alone = simulate(presets.sharedOracle, { counterfactual: false }); // in one worker…
 * const cache = runCounterfactual(presets.sharedOracle, {});               // …and this in another
 * withCounterfactual(alone.summary, cache).amplification;                 // = simulate(presets.sharedOracle).summary.amplification
 * ```
 */
export function runCounterfactual(
  scenario: Scenario,
  cache: CounterfactualCache,
  options: Pick<SimulateOptions, "baseUrl"> = {},
): CounterfactualCache {
  object("options", options);
  object("cache", cache);
  const s = canonical(checkScenario(scenario, { baseUrl: options.baseUrl }));
  counterfactualInto(s, timelineEvery(s), cache);
  return cache;
}

/**
 * A summary of a run made with `counterfactual: false`, its exogenous drawdowns and amplifications
 * filled in from the counterfactual of the same scenario in `cache` ({@link runCounterfactual}).
 * @param summary the run's summary
 * @param cache the scenario's counterfactual
 * @returns a new summary, with the bits {@link simulate} gives running both
 * @throws TypeError when the cache holds no counterfactual, or one without the summary's assets and venues
 * @example
 * ```ts
 * const cache = runCounterfactual(presets.thinMarketInsurance, {});
 * const { summary } = simulate(presets.thinMarketInsurance, { counterfactual: false });
 * withCounterfactual(summary, cache).exogenousDrawdown; // 0.1: the outside market's 10% alone
 * ```
 */
export function withCounterfactual(summary: Summary, cache: CounterfactualCache): Summary {
  const lows = object<CounterfactualCache>("cache", cache).lows;
  const missing = Object.entries(summary.drawdowns).find(
    ([a, d]) => !lows?.assets[a] || Object.keys(d.venues).some((v) => !lows.venues[v]),
  );
  if (!lows || missing)
    throw new TypeError(
      `cache: expected the counterfactual of the summary's scenario (runCounterfactual), got ${lows ? `one without ${missing?.[0]} or its venues` : "none"}`,
    );
  return withLows(summary, lows);
}

/** How far an asset's or venue's price fell over a run, from its lows (NaN without a run). */
function fall(lows: Lows | undefined, kind: "assets" | "venues", id: string): number {
  return lows ? drawdown(lows[kind][id].start, lows[kind][id].low) : Number.NaN;
}

/**
 * The summary's exogenous drawdowns from a counterfactual's lows (NaN without one), each
 * amplification from them, and the top-level three from `drawdownAsset`'s.
 */
function withLows(summary: Summary, lows: Lows | undefined): Summary {
  const drawdowns: Record<string, AssetDrawdown> = {};
  for (const [a, d] of Object.entries(summary.drawdowns)) {
    const venues: Record<string, Drawdown> = {};
    for (const [v, x] of Object.entries(d.venues)) {
      const exogenous = fall(lows, "venues", v);
      venues[v] = { exogenous, realized: x.realized, amplification: amplification(exogenous, x.realized) };
    }
    const exogenous = fall(lows, "assets", a);
    drawdowns[a] = { exogenous, realized: d.realized, amplification: amplification(exogenous, d.realized), venues };
  }
  const d = drawdowns[summary.drawdownAsset] ?? { exogenous: 0, realized: 0, amplification: 1 };
  return {
    ...summary,
    exogenousDrawdown: d.exogenous,
    realizedDrawdown: d.realized,
    amplification: d.amplification,
    drawdowns,
  };
}

/**
 * What a counterfactual run reads: its world is built from the scenario without the protocols and
 * mitigations (buildWorld), and records a timeline every `every` steps. Numbers that JSON would
 * blur (−0, ±Infinity, NaN) and typed arrays are written out exactly.
 */
function counterfactualKey(s: ScenarioV1, every: number): string {
  return JSON.stringify({ ...s, protocols: [], mitigations: [], every }, (_k, v) => {
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0)))
      return `number:${Object.is(v, -0) ? "-0" : v}`;
    if (ArrayBuffer.isView(v)) return { [v.constructor.name]: Array.from(v as unknown as ArrayLike<number>) };
    return v;
  });
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

function summarize(s: ScenarioV1, active: Run, passive: Lows | undefined): Summary {
  const t = active.timeline;
  const last = (x: Float64Array) => (x.length > 0 ? x[x.length - 1] : 0);
  const finalPrices: Record<string, number> = {};
  const drawdowns: Record<string, AssetDrawdown> = {};
  let worst = "";
  // the realized drawdowns here; the exogenous ones and the amplifications from the counterfactual (withLows)
  for (const a of s.assets) {
    finalPrices[a.id] = active.lows.assets[a.id].last;
    const venues = s.venues.filter((v) => v.base === a.id);
    if (venues.length === 0) continue;
    const realized = fall(active.lows, "assets", a.id);
    const own: Record<string, Drawdown> = {};
    for (const v of venues) own[v.id] = { exogenous: 0, realized: fall(active.lows, "venues", v.id), amplification: 0 };
    drawdowns[a.id] = { exogenous: 0, realized, amplification: 0, venues: own };
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
  const summary: Summary = {
    badDebt: last(t.badDebt),
    badDebtByProtocol,
    liquidations,
    liquidatedNotional: notional,
    finalPrices,
    exogenousDrawdown: 0,
    realizedDrawdown: 0,
    amplification: 1,
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
  return withLows(summary, passive);
}
