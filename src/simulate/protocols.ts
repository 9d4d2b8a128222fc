/**
 * What simulate knows of each protocol type, in one table: how it is built in the core, which
 * core function reads its own summary fields (and their names, in that function's order), and
 * the name of its own timeline series.
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";
import { buildCdp } from "./cdp.ts";
import { buildLending } from "./lending.ts";
import { buildPerps } from "./perps.ts";
import { buildVault } from "./vaults.ts";
import type { World } from "./world.ts";

type ProtocolSpec = ScenarioV1["protocols"][number];

interface ProtocolType<P> {
  /** Adds the protocol to the world (`stream`: its first random stream); returns its index. */
  build(w: World, p: P, stream: number): number;
  /** The core function of its summary fields and their names, or none. */
  state?: readonly [StateReader, readonly string[]];
  /** Its own timeline series (`extra`). */
  extra: string;
}

type StateReader = "worldCdpState" | "worldPerpsState" | "worldVaultState";

export const PROTOCOL_TYPES: { [T in ProtocolSpec["type"]]: ProtocolType<Extract<ProtocolSpec, { type: T }>> } = {
  lending: { build: buildLending, extra: "none" },
  cdp: {
    build: buildCdp,
    state: ["worldCdpState", ["debtInAuction", "auctions", "auctionsRunning", "keeperIncentives"]],
    extra: "debtInAuction",
  },
  perps: {
    build: buildPerps,
    state: [
      "worldPerpsState",
      ["insuranceFund", "adlCount", "adlNotional", "adlProfit", "insuranceFees", "insuranceDrawn", "returnedToTraders"],
    ],
    extra: "insuranceFund",
  },
  optionsVault: {
    build: buildVault,
    state: [
      "worldVaultState",
      ["collateralLeft", "optionsOpen", "collateralSold", "settledAtExpiry", "marginRequirement"],
    ],
    extra: "marginShortfall",
  },
};

/** The table's row for a protocol, typed for any protocol. */
export function protocolType(p: ProtocolSpec): ProtocolType<ProtocolSpec> {
  return PROTOCOL_TYPES[p.type] as ProtocolType<ProtocolSpec>;
}
