/**
 * What simulate knows of each mitigation type, in one table (as protocols.ts for protocols): how
 * it is built into a world (after the protocols and agents, in the order of the mitigations' ids;
 * never into the counterfactual, which is the market without protocols nor mitigations) and how its
 * figures are read after the run. Each type's module is its own (src/simulate/mitigations/).
 * @module
 */
import { mitigationId } from "../scenario/mitigations.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import { buildAbsorber, readAbsorber } from "./mitigations/absorbers.ts";
import { buildIncentive, readIncentive } from "./mitigations/liquidity_incentive.ts";
import type { World } from "./world.ts";

type MitigationSpec = ScenarioV1["mitigations"][number];

/**
 * What every mitigation reports in `summary.mitigations`, beside its own figures (each type's
 * summary documents them): quote amounts in the scenario's quote units.
 */
export interface MitigationSummary {
  type: string;
  /** Quote capital the mechanism committed (0 for one that spends instead). */
  capitalCommitted: number;
  /** Quote paid out in fees or incentives (0 for one that pays none). */
  incentivesPaid: number;
  /** Quote of borrowing power the mechanism took from borrowers (0 for one that changes no protocol's rules). */
  lostBorrowingPower: number;
  [figure: string]: string | number | number[];
}

interface MitigationType<M> {
  /** Adds the mechanism to a world being built; returns what `read` needs. */
  build(w: World, m: M): unknown;
  /** Its figures after the run (`built`: what `build` returned). */
  read(w: World, m: M, built: never): MitigationSummary;
}

const none = { type: "none", capitalCommitted: 0, incentivesPaid: 0, lostBorrowingPower: 0 };

export const MITIGATION_TYPES: {
  [T in MitigationSpec["type"]]: MitigationType<Extract<MitigationSpec, { type: T }>>;
} = {
  none: { build: () => 0, read: () => ({ ...none }) },
  internalAuction: { build: buildAbsorber, read: readAbsorber },
  insurance: { build: buildAbsorber, read: readAbsorber },
  backstop: { build: buildAbsorber, read: readAbsorber },
  liquidityIncentive: { build: buildIncentive, read: readIncentive },
};

/** The table's row for a mitigation, typed for any. */
function typeOf(m: MitigationSpec): {
  build(w: World, m: MitigationSpec): unknown;
  read(w: World, m: MitigationSpec, built: unknown): MitigationSummary;
} {
  return MITIGATION_TYPES[m.type] as never;
}

/**
 * Builds the scenario's mitigations into `w` (a world that runs protocols), in the order of their
 * ids; what each needs to read its figures goes to `w.mitigation`.
 */
export function buildMitigations(w: World): void {
  for (const m of w.scenario.mitigations) w.mitigation.set(mitigationId(m), typeOf(m).build(w, m));
}

/**
 * Each mitigation's figures after the run.
 * @returns by id
 */
export function readMitigations(w: World): Record<string, MitigationSummary> {
  const out: Record<string, MitigationSummary> = {};
  for (const m of w.scenario.mitigations) {
    const id = mitigationId(m);
    out[id] = typeOf(m).read(w, m, w.mitigation.get(id));
  }
  return out;
}
