/**
 * The mitigations that stand between a liquidation's sale and the venue — an internal Dutch
 * auction, an insurance fund, a backstop — built as the core's one absorber
 * (assembly/engine/absorbers.ts) in three configurations, and their figures after a run.
 * @module
 */
import {
  ABSORB_AUCTION,
  ABSORB_BACKSTOP,
  ABSORB_INSURANCE,
  ABSORBER_ABOVE_BID,
  ABSORBER_ABSORBED,
  ABSORBER_AUCTIONS,
  ABSORBER_BELOW_MIN,
  ABSORBER_DISCOUNT,
  ABSORBER_FAILED,
  ABSORBER_HELD,
  ABSORBER_HELD_COST,
  ABSORBER_IN_AUCTION,
  ABSORBER_LAST_INTAKE,
  ABSORBER_LAST_SALE,
  ABSORBER_PAID,
  ABSORBER_PASSED_ON,
  ABSORBER_PEAK,
  ABSORBER_PROCEEDS,
  ABSORBER_UNWOUND,
  ABSORBER_UNWOUND_COST,
  ABSORBER_WON,
} from "../../../bindings/codes.ts";
import { defaultAsset, defaultOracle } from "../../scenario/mitigations.ts";
import type { ScenarioV1 } from "../../scenario/schema.ts";
import type { World } from "../world.ts";

type Spec = ScenarioV1["mitigations"][number];
export type AuctionSpec = Extract<Spec, { type: "internalAuction" }>;
export type InsuranceSpec = Extract<Spec, { type: "insurance" }>;
export type BackstopSpec = Extract<Spec, { type: "backstop" }>;
type AbsorberSpec = AuctionSpec | InsuranceSpec | BackstopSpec;

/** What every absorber reports (quote amounts in the scenario's quote units, base in units of its asset). */
export type AbsorberSummary = {
  type: "internalAuction" | "insurance" | "backstop";
  /** Its capital or capacity; with no limit (a backstop's null capacity), the most it committed at once (`peakExposure`). */
  capitalCommitted: number;
  /** 0: it pays no incentives. */
  incentivesPaid: number;
  /** 0: it changes no protocol's rules. */
  lostBorrowingPower: number;
  /** The asset it acted on. */
  asset: string;
  /** Base it bought (an auction: lots its bidders won). */
  absorbed: number;
  /** Quote it paid for them. */
  absorbedValue: number;
  /** Quote: their value at the oracle's price when bought, less what it paid. */
  discountEarned: number;
  /** Base it sold back onto the venues. */
  unwound: number;
  /** Quote it received for them. */
  unwoundValue: number;
  /** unwoundValue less the cost of what it sold. */
  realizedPnl: number;
  /** Base still held at the end (a slice the venue would not take, or below a book's lot). */
  inventoryLeft: number;
  /** Quote: its cost. */
  inventoryCost: number;
  /** Base of forced sales it saw but did not take (no room left, no usable price, an auction no one bought): they went to the venue. */
  passedOn: number;
  /** Quote: the most capital at cost it held (and reserved for lots in auction) at once — never above its capital. */
  peakExposure: number;
  /** The last step it took something (−1: never). */
  lastIntakeStep: number;
  /** The last step it sold a slice (−1: never). */
  lastSaleStep: number;
};

/** An internal auction's own figures. */
export type AuctionSummary = Omit<AbsorberSummary, "type"> & {
  type: "internalAuction";
  /** Lots kicked (one per liquidation it took). */
  auctions: number;
  /** Lots the committed bidders bought. */
  auctionsWon: number;
  /** Lots unbought at the curve's end, sold on the market by their liquidators. */
  auctionsFailed: number;
  /** Base still in auction at the end. */
  inAuction: number;
};

/** An insurance fund's own figures. */
export type InsuranceSummary = Omit<AbsorberSummary, "type"> & {
  type: "insurance";
  /** Base of the flow the venue took above the fund's bid (before the fund took the rest). */
  soldAboveBid: number;
};

/** A backstop's own figures. */
export type BackstopSummary = Omit<AbsorberSummary, "type"> & {
  type: "backstop";
  /** Base of orders under minOrder: they went to the venue. */
  belowMinOrder: number;
};

const KIND = { internalAuction: ABSORB_AUCTION, insurance: ABSORB_INSURANCE, backstop: ABSORB_BACKSTOP } as const;

/**
 * Adds an absorber to a world being built (after its protocols: it names them).
 * @returns its index in the core
 */
export function buildAbsorber(w: World, m: AbsorberSpec): number {
  const s = w.scenario;
  const e = w.c.exports;
  const asset = assetOf(s, m);
  const oracle = m.oracle ?? defaultOracle(s, asset);
  const capacity =
    m.type === "internalAuction" ? m.capital : m.type === "insurance" ? m.capacity : (m.capacity ?? Infinity);
  const x = e.worldAbsorber(
    w.h,
    KIND[m.type],
    w.asset.get(asset) as number,
    oracle === undefined ? -1 : (w.oracle.get(oracle) as number),
    capacity,
    m.unwindSteps,
    m.protocols.length,
  );
  m.protocols.forEach((p, k) => {
    e.worldAbsorberProtocol(w.h, x, k, w.protocol.get(p) as number);
  });
  if (m.type === "internalAuction") e.worldAbsorberPricing(w.h, x, m.discount, m.floor, m.auctionSteps, 1, 0, 0);
  else if (m.type === "insurance") e.worldAbsorberPricing(w.h, x, m.discount, 0, 1, 1, 0, 0);
  else e.worldAbsorberPricing(w.h, x, 0, 0, 1, m.liquidationFactor, m.storeFrontPriceFactor, m.minOrder);
  return x;
}

/** The asset an absorber or an incentive acts on: its own, else the scenario's default. */
export function assetOf(s: ScenarioV1, m: { asset?: string }): string {
  return m.asset ?? (defaultAsset(s) as string);
}

/** The figures every absorber reports, read from the core. */
function figures(w: World, m: AbsorberSpec, x: number): AbsorberSummary {
  const e = w.c.exports;
  const get = (which: number) => e.worldAbsorberState(w.h, x, which);
  const peakExposure = get(ABSORBER_PEAK);
  const limit = m.type === "internalAuction" ? m.capital : m.capacity;
  return {
    type: m.type,
    capitalCommitted: limit ?? peakExposure,
    incentivesPaid: 0,
    lostBorrowingPower: 0,
    asset: assetOf(w.scenario, m),
    absorbed: get(ABSORBER_ABSORBED),
    absorbedValue: get(ABSORBER_PAID),
    discountEarned: get(ABSORBER_DISCOUNT),
    unwound: get(ABSORBER_UNWOUND),
    unwoundValue: get(ABSORBER_PROCEEDS),
    realizedPnl: get(ABSORBER_PROCEEDS) - get(ABSORBER_UNWOUND_COST),
    inventoryLeft: get(ABSORBER_HELD),
    inventoryCost: get(ABSORBER_HELD_COST),
    passedOn: get(ABSORBER_PASSED_ON),
    peakExposure,
    lastIntakeStep: get(ABSORBER_LAST_INTAKE),
    lastSaleStep: get(ABSORBER_LAST_SALE),
  };
}

/**
 * An internal auction's figures after the run.
 * @param x its index in the core
 */
export function readAuction(w: World, m: AuctionSpec, x: number): AuctionSummary {
  const get = (which: number) => w.c.exports.worldAbsorberState(w.h, x, which);
  return {
    ...figures(w, m, x),
    type: "internalAuction",
    auctions: get(ABSORBER_AUCTIONS),
    auctionsWon: get(ABSORBER_WON),
    auctionsFailed: get(ABSORBER_FAILED),
    inAuction: get(ABSORBER_IN_AUCTION),
  };
}

/**
 * An insurance fund's figures after the run.
 * @param x its index in the core
 */
export function readInsurance(w: World, m: InsuranceSpec, x: number): InsuranceSummary {
  return {
    ...figures(w, m, x),
    type: "insurance",
    soldAboveBid: w.c.exports.worldAbsorberState(w.h, x, ABSORBER_ABOVE_BID),
  };
}

/**
 * A backstop's figures after the run.
 * @param x its index in the core
 */
export function readBackstop(w: World, m: BackstopSpec, x: number): BackstopSummary {
  return {
    ...figures(w, m, x),
    type: "backstop",
    belowMinOrder: w.c.exports.worldAbsorberState(w.h, x, ABSORBER_BELOW_MIN),
  };
}
