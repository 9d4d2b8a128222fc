/** The size of a run's timeline: a fact of the scenario, checked by the core as it records. @module */
import { ruleSeries } from "./rules.ts";
import type { ScenarioV1 } from "./schema.ts";

/**
 * Series the core records per step (assembly/engine/run.ts, in the timeline reader's order): per
 * asset 2, per venue 3, per oracle 2, per protocol 5, per dealer book 1, 4 totals, then each
 * mitigation's own (a counterfactual run has neither protocols nor mitigations).
 */
export function seriesCount(
  s: Pick<ScenarioV1, "assets" | "venues" | "oracles" | "protocols" | "dealers" | "mitigations">,
): number {
  const own = s.mitigations.reduce((n, m) => n + ruleSeries(s, m).length, 0);
  return (
    2 * s.assets.length +
    3 * s.venues.length +
    2 * s.oracles.length +
    5 * s.protocols.length +
    s.dealers.length +
    4 +
    own
  );
}

/** Values a timeline holds at most: 20 million f64, 160 MB. */
export const TIMELINE_VALUES = 20_000_000;

/**
 * Steps per timeline row: 1 while every step fits in {@link TIMELINE_VALUES}, else the fewest that do.
 * @param s the scenario
 * @param passive a counterfactual run records no protocol series
 */
export function timelineEvery(s: ScenarioV1, passive = false): number {
  const series = seriesCount(passive ? { ...s, protocols: [], mitigations: [] } : s);
  return Math.max(1, Math.ceil((s.steps * series) / TIMELINE_VALUES));
}
