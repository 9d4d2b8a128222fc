/**
 * What simulate knows of each mitigation type, in one table: how it is built in the core (after
 * the protocols, in the order of the mitigations' ids; −1: nothing to build), the names of its own
 * timeline series (in the core's order), and how its summary figures are read. Each type's
 * builder and reader live in a module of their own (src/simulate/mitigations/).
 * @module
 */

import type { ScenarioV1 } from "../scenario/schema.ts";
import { buildAbsorber, readAuction, readBackstop, readInsurance } from "./mitigations/absorbers.ts";
import { buildIncentive, readIncentive } from "./mitigations/liquidity_incentive.ts";
import type { World } from "./world.ts";

type MitigationSpec = ScenarioV1["mitigations"][number];

/**
 * What every mitigation reports, in quote units, so mitigations compare side by side: the capital
 * it holds committed, the incentives it paid out, and the borrowing power it takes from users.
 */
export interface MitigationCosts {
  capitalCommitted: number;
  incentivesPaid: number;
  lostBorrowingPower: number;
}

interface MitigationType<M> {
  /** Adds it to the world; returns its index among the core's mitigations (−1: none there). */
  build(w: World, m: M): number;
  /** Its own timeline series, in the core's order. */
  series(s: ScenarioV1, m: M): string[];
  /** Its figures after a run: the costs and its own. */
  read(w: World, m: M, x: number): MitigationCosts;
}

const TABLE = {
  none: {
    build: () => -1,
    series: () => [],
    read: () => ({ capitalCommitted: 0, incentivesPaid: 0, lostBorrowingPower: 0 }),
  },
  internalAuction: { build: buildAbsorber, series: () => [], read: readAuction },
  insurance: { build: buildAbsorber, series: () => [], read: readInsurance },
  backstop: { build: buildAbsorber, series: () => [], read: readBackstop },
  liquidityIncentive: { build: buildIncentive, series: () => [], read: readIncentive },
} satisfies { [T in MitigationSpec["type"]]: MitigationType<Extract<MitigationSpec, { type: T }>> };

export const MITIGATION_TYPES: { [T in MitigationSpec["type"]]: MitigationType<Extract<MitigationSpec, { type: T }>> } =
  TABLE;

/** A mitigation's summary, by its type: the common costs and its own figures (README, "Mitigations"). */
export type MitigationSummary = {
  [T in keyof typeof TABLE]: { type: T } & ReturnType<(typeof TABLE)[T]["read"]>;
}[keyof typeof TABLE];

/** The table's row for a mitigation, typed for any mitigation. */
export function mitigationType(m: MitigationSpec): MitigationType<MitigationSpec> {
  return MITIGATION_TYPES[m.type] as MitigationType<MitigationSpec>;
}
