/**
 * Builds a whole world in the core: markets, then protocols (a passive world has none, and each
 * protocol draws its generated positions from its own random streams), then agents, then the
 * mitigations (a passive world has none: the counterfactual is the market alone).
 * @module
 */
import { buildMitigations } from "./mitigations.ts";
import { protocolType } from "./protocols.ts";
import type { World } from "./world.ts";

/** Random streams each protocol may draw from (its generators use the first few). */
const STREAMS_PER_PROTOCOL = 16;

/**
 * Builds `w` from its scenario.
 * @param w a new world
 */
export function buildWorld(w: World): void {
  w.buildMarkets();
  if (!w.passive) {
    w.scenario.protocols.forEach((p, i) => {
      const x = protocolType(p).build(w, p, STREAMS_PER_PROTOCOL * i);
      w.protocol.set(p.id, x);
      w.insolvent.set(p.id, w.c.exports.worldInsolvent(w.h, x));
    });
  }
  w.buildAgents();
  if (!w.passive) buildMitigations(w);
}
