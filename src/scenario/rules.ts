/**
 * What the mitigations on protocols' own rules (circuit breaker, segmentation, dynamic margin)
 * apply to: their ids, the protocols they guard and the collateral prices they follow — facts of
 * the scenario, shared by its checks, its timeline's size and the builders.
 * @module
 */
import { ilksOf } from "./ilks.ts";
import type { Parsed } from "./schema.ts";

type Mitigation = Parsed["mitigations"][number];
/** A protocol as parsed, or as the engine reads it (CSV positions read): what these functions look at is the same. */
type Protocol = { id: string; type: string };

/**
 * The protocols a circuit breaker or dynamic margin applies to, in the scenario's order: those it
 * names, else every lending and cdp protocol.
 */
export function guardedProtocols<P extends Protocol>(s: { protocols: readonly P[] }, m: { protocols?: string[] }): P[] {
  if (m.protocols === undefined) return s.protocols.filter((p) => p.type === "lending" || p.type === "cdp");
  const named = new Set(m.protocols);
  return s.protocols.filter((p) => named.has(p.id));
}

/** A collateral price a mitigation follows: an oracle's, or an asset's own where the protocol names no oracle. */
export interface Feed {
  /** `ASSET@oracle`, or `ASSET` for the asset's exogenous price. */
  name: string;
  asset: string;
  oracle?: string;
}

/**
 * The collateral prices a circuit breaker or dynamic margin follows, each once, in the order
 * the core meets them: protocol by protocol (the scenario's order), a lending protocol's markets
 * by asset id, a cdp's collateral types in their order.
 */
export function ruleFeeds(s: { protocols: readonly Protocol[] }, m: { protocols?: string[] }): Feed[] {
  const feeds = new Map<string, Feed>();
  const add = (asset: string, oracle: string | undefined) => {
    const name = oracle === undefined ? asset : `${asset}@${oracle}`;
    if (!feeds.has(name)) feeds.set(name, { name, asset, oracle });
  };
  for (const p of guardedProtocols(s, m)) {
    if (p.type === "lending") {
      const x = p as unknown as { markets: Record<string, unknown>; oracles: Record<string, string> };
      for (const a of Object.keys(x.markets).sort()) add(a, x.oracles[a]);
    } else if (p.type === "cdp") {
      const { ilks } = ilksOf(p as unknown as { type: "cdp"; collateral: string; oracle: string; auction: object });
      for (const il of ilks) add(il.collateral, il.oracle);
    }
  }
  return [...feeds.values()];
}

/**
 * The timeline series of a mitigation of this family, in the core's order.
 * @returns their names (none for other types)
 */
export function ruleSeries(s: { protocols: readonly Protocol[] }, m: Mitigation): string[] {
  if (m.type === "circuitBreaker") return ["tripped", "paused", "capped"];
  if (m.type === "segmentation") return ["lostBorrowingPower"];
  if (m.type === "dynamicMargin")
    return [
      ...ruleFeeds(s, m).flatMap((f) => [`realizedVol:${f.name}`, `targetCut:${f.name}`, `cut:${f.name}`]),
      "lostBorrowingPower",
    ];
  return [];
}
