/**
 * The variants `compareMitigations` runs by default: the baseline, each mechanism alone with the
 * documented defaults of its parameters (sized to the scenario where a default needs a size), and
 * all of them together.
 * @module
 */
import { ScenarioError } from "../scenario/error.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkFields } from "../scenario/validate.ts";

type Mitigation = NonNullable<Scenario["mitigations"]>[number];

/** A variant: a name, and the mitigations the scenario runs with (they replace the scenario's own). */
export interface Variant {
  name: string;
  mitigations: Mitigation[];
}

/** Whether some order book trades the asset liquidity incentives would rest bids for (the ladder's default asset). */
function hasBook(s: Scenario): boolean {
  return s.venues.some((v) => v.type === "orderBook");
}

/** Whether a lending or CDP protocol is there for the rules' mechanisms to act on. */
function hasLender(s: Scenario): boolean {
  return (s.protocols ?? []).some((p) => p.type === "lending" || p.type === "cdp");
}

/** Isolation: the first lending protocol (by id) with two or more collateral markets, each collateral in its own basket. */
function isolation(s: Scenario): Mitigation | undefined {
  const lenders = (s.protocols ?? [])
    .filter((p) => p.type === "lending" && Object.keys(p.markets).length >= 2)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const p = lenders[0];
  if (p?.type !== "lending") return undefined;
  return { type: "segmentation", protocol: p.id, baskets: Object.keys(p.markets).map((a) => [a]) };
}

/** Per mechanism: its default entry for a scenario, or none where it does not apply. */
const MECHANISMS: { type: string; entry(s: Scenario): Mitigation | undefined }[] = [
  { type: "circuitBreaker", entry: (s) => (hasLender(s) ? { type: "circuitBreaker" } : undefined) },
  { type: "segmentation", entry: isolation },
  { type: "internalAuction", entry: () => ({ type: "internalAuction" }) },
  { type: "insurance", entry: () => ({ type: "insurance" }) },
  { type: "backstop", entry: () => ({ type: "backstop" }) },
  // bids rest on an order book: without one the incentive spends nothing and changes nothing
  { type: "liquidityIncentive", entry: (s) => (hasBook(s) ? { type: "liquidityIncentive" } : undefined) },
  { type: "dynamicMargin", entry: (s) => (hasLender(s) ? { type: "dynamicMargin" } : undefined) },
];

/** The mechanisms' types, in the order the default variants list them. */
export const MECHANISM_TYPES: readonly string[] = MECHANISMS.map((m) => m.type);

/**
 * A mechanism's entry for a sweep: the scenario's own mitigation of that type (its parameters),
 * else the documented defaults sized to the scenario; undefined where it cannot apply.
 * @param s the scenario
 * @param type the mechanism's type
 */
export function mechanismEntry(s: Scenario, type: string): Mitigation | undefined {
  const own = (s.mitigations ?? []).find((m) => m.type === type);
  if (own) return own;
  return MECHANISMS.find((m) => m.type === type)?.entry(s);
}

/** Whether the scenario accepts the mitigation at its defaults (a dynamic margin needs each followed asset's vol). */
function accepted(s: Scenario, m: Mitigation): boolean {
  try {
    checkFields({ ...s, mitigations: [m] });
    return true;
  } catch (err) {
    if (err instanceof ScenarioError) return false;
    throw err;
  }
}

/**
 * The default variants of a scenario.
 * @param s the scenario
 * @returns baseline, each applicable mechanism alone, all together
 */
export function defaultVariants(s: Scenario): Variant[] {
  const each: Variant[] = [];
  for (const m of MECHANISMS) {
    const entry = m.entry(s);
    if (entry && accepted(s, entry)) each.push({ name: m.type, mitigations: [entry] });
  }
  const all = each.length > 1 ? [{ name: "all together", mitigations: each.flatMap((v) => v.mitigations) }] : [];
  return [{ name: "baseline", mitigations: [] }, ...each, ...all];
}
