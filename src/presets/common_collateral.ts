/**
 * `presets.commonCollateral`: the second contagion vector. ETH is collateral in a lending market
 * and the margin asset's price in a perpetuals market; both mark to one oracle on the ETH book and
 * both sell there. A sale liquidates lending positions, whose collateral sales push the mark
 * down, which liquidates leveraged longs, whose closing orders push it further — the two
 * protocols' liquidations land on the same bids. Every number is an assumption of the example.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";
import { ethLending, ethMarket } from "./eth_market.ts";

export const commonCollateral: Scenario = {
  version: 1,
  name: "common-collateral",
  description:
    "A lending market (40,000 ETH of collateral, health 1.03-2.5) and a perpetuals market (200M USD of positions, 70% long, leverage 5-20x, a 2M insurance fund) on one ETH order book and one oracle: a 3,000 ETH sale over 10 blocks sets off liquidations in both, whose sales hit the same bids. Compare the exogenous and realized drawdowns, and each protocol's bad debt.",
  stepSeconds: 12,
  steps: 300,
  seed: 19,
  ...ethMarket(25, 0.5),
  protocols: [
    ethLending(10_000, 40_000, 1.03),
    {
      id: "perp",
      type: "perps",
      base: "ETH",
      oracle: "eth",
      venue: "eth-book",
      maintenanceMargin: 0.01,
      liquidationFee: 0.005,
      insuranceFund: 2e6,
      positions: {
        generate: { count: 10_000, totalNotional: 200e6, leverage: { min: 5, max: 20, shape: 1 }, longShare: 0.7 },
      },
    },
  ],
  liquidators: [{ id: "bots", capital: null, sellVenue: "eth-book", protocols: ["lend"] }],
  arbitrageurs: [{ id: "arb", venues: ["eth-book", "eth-amm"] }],
  shock: [{ type: "sell", venue: "eth-book", qty: 3000, step: 0, overSteps: 10 }],
};
