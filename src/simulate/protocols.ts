/**
 * What simulate knows of each protocol type, in one table: how it is built in the core, which
 * core function reads its own summary fields (and their names, in that function's order), and
 * the name of its own timeline series.
 * @module
 */
import {
  CDP_AUCTIONS,
  CDP_AUCTIONS_RUNNING,
  CDP_COLLATERAL_RETURNED,
  CDP_DEBT_IN_AUCTION,
  CDP_KEEPER_INCENTIVES,
  PERPS_ADL_COUNT,
  PERPS_ADL_NOTIONAL,
  PERPS_ADL_PROFIT,
  PERPS_INSURANCE_DRAWN,
  PERPS_INSURANCE_FEES,
  PERPS_INSURANCE_FUND,
  PERPS_RETURNED,
  PORTFOLIO_ADL_ACCOUNTS,
  PORTFOLIO_ADL_FILLS,
  PORTFOLIO_ADL_NOTIONAL,
  PORTFOLIO_COLLATERAL_SOLD,
  PORTFOLIO_INSURANCE_DRAWN,
  PORTFOLIO_INSURANCE_FEES,
  PORTFOLIO_INSURANCE_FUND,
  PORTFOLIO_VAULT_EQUITY,
  PORTFOLIO_VAULT_TAKEN,
  PORTFOLIO_VAULT_TAKEOVERS,
  VAULT_COLLATERAL_LEFT,
  VAULT_COLLATERAL_SOLD,
  VAULT_OPTIONS_OPEN,
  VAULT_REQUIREMENT,
  VAULT_SETTLED,
} from "../../bindings/codes.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import { buildCdp } from "./cdp.ts";
import { buildLending } from "./lending.ts";
import { buildPerps } from "./perps.ts";
import { buildPortfolio } from "./portfolio.ts";
import { buildVault } from "./vaults.ts";
import type { World } from "./world.ts";

type ProtocolSpec = ScenarioV1["protocols"][number];

interface ProtocolType<P> {
  /** Adds the protocol to the world (`stream`: its first random stream); returns its index. */
  build(w: World, p: P, stream: number): number;
  /** The core function of its summary fields and their names, or none. */
  state?: readonly [StateReader, Readonly<Record<string, number>>];
  /** Its own timeline series (`extra`). */
  extra: string;
}

type StateReader = "worldCdpState" | "worldPerpsState" | "worldPortfolioState" | "worldVaultState";

export const PROTOCOL_TYPES: { [T in ProtocolSpec["type"]]: ProtocolType<Extract<ProtocolSpec, { type: T }>> } = {
  lending: { build: buildLending, extra: "none" },
  cdp: {
    build: buildCdp,
    state: [
      "worldCdpState",
      {
        debtInAuction: CDP_DEBT_IN_AUCTION,
        auctions: CDP_AUCTIONS,
        auctionsRunning: CDP_AUCTIONS_RUNNING,
        keeperIncentives: CDP_KEEPER_INCENTIVES,
        collateralReturned: CDP_COLLATERAL_RETURNED,
      },
    ],
    extra: "debtInAuction",
  },
  perps: {
    build: buildPerps,
    state: [
      "worldPerpsState",
      {
        insuranceFund: PERPS_INSURANCE_FUND,
        adlCount: PERPS_ADL_COUNT,
        adlNotional: PERPS_ADL_NOTIONAL,
        adlProfit: PERPS_ADL_PROFIT,
        insuranceFees: PERPS_INSURANCE_FEES,
        insuranceDrawn: PERPS_INSURANCE_DRAWN,
        returnedToTraders: PERPS_RETURNED,
      },
    ],
    extra: "insuranceFund",
  },
  portfolio: {
    build: buildPortfolio,
    state: [
      "worldPortfolioState",
      {
        insuranceFund: PORTFOLIO_INSURANCE_FUND,
        insuranceDrawn: PORTFOLIO_INSURANCE_DRAWN,
        insuranceFees: PORTFOLIO_INSURANCE_FEES,
        vaultEquity: PORTFOLIO_VAULT_EQUITY,
        vaultTakeovers: PORTFOLIO_VAULT_TAKEOVERS,
        vaultTakenNotional: PORTFOLIO_VAULT_TAKEN,
        adlFills: PORTFOLIO_ADL_FILLS,
        adlAccounts: PORTFOLIO_ADL_ACCOUNTS,
        adlNotional: PORTFOLIO_ADL_NOTIONAL,
        collateralRaised: PORTFOLIO_COLLATERAL_SOLD,
      },
    ],
    extra: "reserve",
  },
  optionsVault: {
    build: buildVault,
    state: [
      "worldVaultState",
      {
        collateralLeft: VAULT_COLLATERAL_LEFT,
        optionsOpen: VAULT_OPTIONS_OPEN,
        collateralSold: VAULT_COLLATERAL_SOLD,
        settledAtExpiry: VAULT_SETTLED,
        marginRequirement: VAULT_REQUIREMENT,
      },
    ],
    extra: "marginShortfall",
  },
};

/** The table's row for a protocol, typed for any protocol. */
export function protocolType(p: ProtocolSpec): ProtocolType<ProtocolSpec> {
  return PROTOCOL_TYPES[p.type] as ProtocolType<ProtocolSpec>;
}
