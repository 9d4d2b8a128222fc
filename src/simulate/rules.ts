/**
 * Builds the mitigations on protocols' own rules in the core — a circuit breaker and a dynamic
 * margin (assembly/engine/rules.ts), a segmentation (assembly/engine/lending.ts) — and reads
 * their figures after a run.
 * @module
 */
import {
  BREAKER_BONUS_WITHHELD,
  BREAKER_CAPPED,
  BREAKER_CAPPED_STEPS,
  BREAKER_PAUSED_STEPS,
  BREAKER_PAUSES,
  BREAKER_TRIPPED_STEPS,
  BREAKER_TRIPS,
  MARGIN_AVERAGE_CUT,
  MARGIN_LARGEST_CUT,
  MARGIN_LOST_BORROWING_POWER,
  MARGIN_TIGHTENED_STEPS,
  SEGMENT_BASKET_LIQUIDATIONS,
  SEGMENT_CAUSED,
  SEGMENT_LOST_BORROWING_POWER,
  SEGMENT_SPLIT_ACCOUNTS,
} from "../../bindings/codes.ts";
import { ilksOf } from "../scenario/ilks.ts";
import { guardedProtocols, ruleFeeds } from "../scenario/rules.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import { assetsOf } from "./lending.ts";
import type { World } from "./world.ts";

type Spec = ScenarioV1["mitigations"][number];
type Breaker = Extract<Spec, { type: "circuitBreaker" }>;
type Margin = Extract<Spec, { type: "dynamicMargin" }>;
type Segmentation = Extract<Spec, { type: "segmentation" }>;
type Lending = Extract<ScenarioV1["protocols"][number], { type: "lending" }>;

/** What none of these commits or pays (quote units): they change rules, not balances. */
const FREE = { capitalCommitted: 0, incentivesPaid: 0 } as const;

/** A circuit breaker's figures (README, "Mitigations"). */
export type CircuitBreakerSummary = {
  type: "circuitBreaker";
  /** 0: it holds no capital. */
  capitalCommitted: number;
  /** 0: it pays nothing. */
  incentivesPaid: number;
  /** 0: it changes no threshold (its cost is the delay and the bonus it withholds). */
  lostBorrowingPower: number;
  /** Times a followed price went from untripped to tripped. */
  trips: number;
  /** Steps with any followed price tripped. */
  trippedSteps: number;
  /** Times a cdp collateral type was paused (ClipperMom). */
  pauses: number;
  /** Steps with any collateral type paused. */
  pausedSteps: number;
  /** Quote: the most debt its caps refused in one step, over its protocols. */
  capped: number;
  /** Steps in which a cap refused something. */
  cappedSteps: number;
  /** Quote: the bonus (lending) or penalty beyond the debt (cdp) that bonusFactor kept from liquidators. */
  bonusWithheld: number;
};

/** A segmentation's figures. */
export type SegmentationSummary = {
  type: "segmentation";
  capitalCommitted: number;
  incentivesPaid: number;
  /** Quote: per account, the most spare borrowing power its other baskets held at a margin call on one, summed over accounts. */
  lostBorrowingPower: number;
  /** Accounts split into sub-accounts (collateral in two or more baskets, and debt). */
  splitAccounts: number;
  /** Liquidations of sub-accounts whose account as a whole was healthy: calls the unsegmented protocol would not make. */
  segmentedLiquidations: number;
  /** Liquidations per basket, named by its assets joined with "+". */
  liquidationsByBasket: Record<string, number>;
};

/** A dynamic margin's figures. */
export type DynamicMarginSummary = {
  type: "dynamicMargin";
  capitalCommitted: number;
  incentivesPaid: number;
  /** Quote: the most borrowing power its cuts took in one step, Σ collateral held × value × LT_0 × cut (a cdp: /mat). */
  lostBorrowingPower: number;
  /** The applied cut, averaged over its prices and the steps run. */
  averageCut: number;
  largestCut: number;
  /** Steps with any cut above 0. */
  tightenedSteps: number;
};

/**
 * Adds a circuit breaker and puts its protocols under it: each one's caps, each lending
 * collateral's price and each cdp collateral type's oracle watched.
 * @returns its index among the core's mitigations
 */
export function buildCircuitBreaker(w: World, m: Breaker): number {
  const e = w.c.exports;
  const h = w.h;
  const x = e.worldBreaker(
    h,
    m.windowSteps,
    m.tripBps / 1e4,
    (m.slippageBps ?? 0) / 1e4,
    m.holdSteps,
    m.bonusFactor,
    m.rampSteps,
    m.twapSteps,
    m.maxPerStep ?? Number.POSITIVE_INFINITY,
    m.maxPerWindow ?? Number.POSITIVE_INFINITY,
    (m.pauseDropBps ?? 0) / 1e4,
    m.pauseSteps,
  );
  for (const p of guardedProtocols(w.scenario, m)) {
    const px = w.protocol.get(p.id) as number;
    if (p.type === "lending") {
      e.worldLendingBreaker(h, px, x, -1);
      const slots = assetsOf(p);
      for (const a of Object.keys(p.markets).sort()) e.worldLendingBreaker(h, px, x, slots.indexOf(a));
    } else if (p.type === "cdp") {
      e.worldCdpBreaker(h, px, x, -1);
      ilksOf(p).ilks.forEach((_, k) => {
        e.worldCdpBreaker(h, px, x, k);
      });
    }
  }
  return x;
}

/** A circuit breaker's figures. */
export function readCircuitBreaker(w: World, _m: Breaker, x: number): Omit<CircuitBreakerSummary, "type"> {
  const state = (which: number) => w.c.exports.worldMitigationState(w.h, x, which, 0);
  return {
    ...FREE,
    lostBorrowingPower: 0,
    trips: state(BREAKER_TRIPS),
    trippedSteps: state(BREAKER_TRIPPED_STEPS),
    pauses: state(BREAKER_PAUSES),
    pausedSteps: state(BREAKER_PAUSED_STEPS),
    capped: state(BREAKER_CAPPED),
    cappedSteps: state(BREAKER_CAPPED_STEPS),
    bonusWithheld: state(BREAKER_BONUS_WITHHELD),
  };
}

/**
 * Adds a dynamic margin and has its protocols' collateral thresholds follow it.
 * @returns its index among the core's mitigations
 */
export function buildDynamicMargin(w: World, m: Margin): number {
  const e = w.c.exports;
  const h = w.h;
  const x = e.worldMargin(h, m.maxCut, m.sensitivity, m.volWindowSteps, m.phaseInSteps);
  const vol = (asset: string) => m.baseVol ?? (w.scenario.assets.find((a) => a.id === asset)?.vol as number);
  const order: number[] = []; // the feeds' indices as the core hands them out, in the order ruleFeeds names them
  const seen = (k: number) => {
    if (!order.includes(k)) order.push(k);
  };
  for (const p of guardedProtocols(w.scenario, m)) {
    const px = w.protocol.get(p.id) as number;
    if (p.type === "lending") {
      const slots = assetsOf(p);
      for (const a of Object.keys(p.markets).sort()) seen(e.worldLendingMargin(h, px, x, slots.indexOf(a), vol(a)));
    } else if (p.type === "cdp") {
      ilksOf(p).ilks.forEach((il, k) => {
        seen(e.worldCdpMargin(h, px, x, k, vol(il.collateral)));
      });
    }
  }
  if (order.length !== ruleFeeds(w.scenario, m).length || order.some((k, i) => k !== i))
    throw new Error("fracture: a dynamic margin's feeds are not in the order of their series");
  return x;
}

/** A dynamic margin's figures. */
export function readDynamicMargin(w: World, _m: Margin, x: number): Omit<DynamicMarginSummary, "type"> {
  const state = (which: number) => w.c.exports.worldMitigationState(w.h, x, which, 0);
  return {
    ...FREE,
    lostBorrowingPower: state(MARGIN_LOST_BORROWING_POWER),
    averageCut: state(MARGIN_AVERAGE_CUT),
    largestCut: state(MARGIN_LARGEST_CUT),
    tightenedSteps: state(MARGIN_TIGHTENED_STEPS),
  };
}

/**
 * A segmentation's baskets in a canonical order — each basket's assets by id, the baskets by
 * their first — then the protocol's other collateral assets as one more (possibly empty).
 */
function basketsOf(p: Lending, m: Segmentation): string[][] {
  const given = m.baskets.map((b) => [...b].sort()).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const named = new Set(given.flat());
  return [
    ...given,
    Object.keys(p.markets)
      .filter((a) => !named.has(a))
      .sort(),
  ];
}

/**
 * Splits a lending protocol's accounts by basket.
 * @returns its index among the core's mitigations
 */
export function buildSegmentation(w: World, m: Segmentation): number {
  const p = w.scenario.protocols.find((x) => x.id === m.protocol) as Lending;
  const baskets = basketsOf(p, m);
  const slots = assetsOf(p);
  const basketOf = new Float64Array(slots.length).fill(baskets.length - 1); // the others' basket
  baskets.forEach((b, k) => {
    for (const a of b) basketOf[slots.indexOf(a)] = k;
  });
  const x = w.c.exports.worldLendingSegment(w.h, w.protocol.get(p.id) as number, w.put(basketOf), baskets.length);
  w.freeColumns();
  return x;
}

/** A segmentation's figures: the lost borrowing power and the liquidations per basket (named by its assets). */
export function readSegmentation(w: World, m: Segmentation, x: number): Omit<SegmentationSummary, "type"> {
  const state = (which: number, k = 0) => w.c.exports.worldMitigationState(w.h, x, which, k);
  const p = w.scenario.protocols.find((y) => y.id === m.protocol) as Lending;
  const liquidationsByBasket: Record<string, number> = {};
  basketsOf(p, m).forEach((b, k) => {
    if (b.length > 0) liquidationsByBasket[b.join("+")] = state(SEGMENT_BASKET_LIQUIDATIONS, k);
  });
  return {
    ...FREE,
    lostBorrowingPower: state(SEGMENT_LOST_BORROWING_POWER),
    splitAccounts: state(SEGMENT_SPLIT_ACCOUNTS),
    segmentedLiquidations: state(SEGMENT_CAUSED),
    liquidationsByBasket,
  };
}
