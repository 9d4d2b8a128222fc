/**
 * The variants `compareMitigations` runs by default: the baseline, each mechanism alone with the
 * documented defaults of its parameters (sized to the scenario where a default needs a size), and
 * all of them together.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";

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

/** Per mechanism: its default entry for a scenario, or none where it does not apply. */
const MECHANISMS: { type: string; entry(s: Scenario): Mitigation | undefined }[] = [
  { type: "internalAuction", entry: () => ({ type: "internalAuction" }) },
  { type: "insurance", entry: () => ({ type: "insurance" }) },
  { type: "backstop", entry: () => ({ type: "backstop" }) },
  // bids rest on an order book: without one the incentive spends nothing and changes nothing
  { type: "liquidityIncentive", entry: (s) => (hasBook(s) ? { type: "liquidityIncentive" } : undefined) },
];

/**
 * The default variants of a scenario.
 * @param s the scenario
 * @returns baseline, each applicable mechanism alone, all together
 */
export function defaultVariants(s: Scenario): Variant[] {
  const each: Variant[] = [];
  for (const m of MECHANISMS) {
    const entry = m.entry(s);
    if (entry) each.push({ name: m.type, mitigations: [entry] });
  }
  const all = each.length > 1 ? [{ name: "all together", mitigations: each.flatMap((v) => v.mitigations) }] : [];
  return [{ name: "baseline", mitigations: [] }, ...each, ...all];
}
