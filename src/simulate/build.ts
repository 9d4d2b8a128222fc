/**
 * Builds a whole world in the core: markets, then protocols (a passive world has none, and each
 * protocol draws its generated positions from its own random streams) and the mitigations on
 * them, then agents.
 * @module
 */
import { mitigationId } from "../scenario/mitigations.ts";
import { mitigationType } from "./mitigations.ts";
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
    for (const m of w.scenario.mitigations) w.mitigation.set(mitigationId(m), mitigationType(m).build(w, m));
  }
  w.buildAgents();
}
