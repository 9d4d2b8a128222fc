/**
 * The units `fracture simulate` prints beside its numbers. The engine counts money in the unit
 * the scenario's asset prices are given in; when an asset of price 1 stands for that unit — the
 * quote asset every venue shares, else the debt asset every protocol shares — amounts carry its
 * name (`5,519,744 DAI`), else they say `quote`.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";

type Protocol = NonNullable<Scenario["protocols"]>[number];

/** The unit of the summary's amounts: bad debt, liquidated notional, slippage, funds. */
export function quoteUnit(s: Scenario): string {
  const priceOne = new Set(s.assets.filter((a) => a.price === 1).map((a) => a.id));
  const quotes = new Set(s.venues.map((v) => v.quote));
  if (quotes.size === 1 && priceOne.has([...quotes][0])) return [...quotes][0];
  const debts = new Set((s.protocols ?? []).flatMap((p) => debtAssets(s, p)));
  if (debts.size === 1 && priceOne.has([...debts][0])) return [...debts][0];
  return "quote";
}

/** The assets a protocol lends or settles in. */
function debtAssets(s: Scenario, p: Protocol): string[] {
  if (p.type === "cdp") return [p.debt];
  if (p.type === "lending") {
    if (Array.isArray(p.positions)) return p.positions.flatMap((x) => Object.keys(x.debt));
    if ("generate" in p.positions) return [p.positions.generate.debt];
    return []; // CSV: known only once parsed
  }
  const venues = p.type === "portfolio" ? Object.values(p.markets).map((m) => m.venue) : [p.venue];
  return s.venues.filter((v) => venues.includes(v.id)).map((v) => v.quote);
}

/** Protocol summary fields that count things; the rest are amounts. */
const COUNTS = new Set([
  "auctions",
  "auctionsRunning",
  "adlCount",
  "optionsOpen",
  "vaultTakeovers",
  "adlFills",
  "adlAccounts",
]);
/** …in the protocol's own asset (an options vault's collateral). */
const IN_ASSET = new Set(["collateralLeft", "collateralSold"]);
/** …in the quote unit. */
const IN_QUOTE = new Set([
  "debtInAuction",
  "keeperIncentives",
  "insuranceFund",
  "adlNotional",
  "adlProfit",
  "insuranceFees",
  "insuranceDrawn",
  "returnedToTraders",
  "settledAtExpiry",
  "marginRequirement",
  "vaultEquity",
  "vaultTakenNotional",
  "collateralRaised",
]);

/**
 * How to print one of a protocol type's own summary fields.
 * @returns "count", or the unit of the amount (undefined for a field it does not know)
 */
export function fieldUnit(field: string, p: Protocol, quote: string): "count" | string | undefined {
  if (COUNTS.has(field)) return "count";
  if (IN_ASSET.has(field) && p.type === "optionsVault") return p.underlying;
  if (IN_QUOTE.has(field)) return quote;
  return undefined;
}

/** Mitigation summary fields that count things, and those that are shares; the rest are quote amounts. */
const MITIGATION_COUNTS = new Set([
  "trips",
  "trippedSteps",
  "pauses",
  "pausedSteps",
  "cappedSteps",
  "splitAccounts",
  "segmentedLiquidations",
  "liquidationsByBasket",
  "tightenedSteps",
]);
const MITIGATION_SHARES = new Set(["averageCut", "largestCut"]);

/**
 * How to print a mitigation's summary field.
 * @returns "count", "share", or the quote unit
 */
export function mitigationUnit(field: string, quote: string): string {
  if (MITIGATION_COUNTS.has(field)) return "count";
  if (MITIGATION_SHARES.has(field)) return "share";
  return quote;
}
