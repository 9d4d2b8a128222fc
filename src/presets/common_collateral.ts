/**
 * `presets.commonCollateral`: the second contagion vector. ETH is collateral in a lending market
 * and the margin asset's price in a perpetuals market; both mark to one oracle on the ETH book and
 * both sell there. A sale liquidates lending positions, whose collateral sales push the mark
 * down, which liquidates leveraged longs, whose closing orders push it further — the two
 * protocols' liquidations land on the same bids. Every number is an assumption of the example.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";

export const commonCollateral: Scenario = {
  version: 1,
  name: "common-collateral",
  description:
    "A lending market (40,000 ETH of collateral, health 1.03-2.5) and a perpetuals market (200M USD of positions, 70% long, leverage 5-20x, a 2M insurance fund) on one ETH order book and one oracle: a 3,000 ETH sale over 10 blocks sets off liquidations in both, whose sales hit the same bids. Compare the exogenous and realized drawdowns, and each protocol's bad debt.",
  stepSeconds: 12,
  steps: 300,
  seed: 19,
  assets: [
    { id: "ETH", price: 2000, vol: 0.7 },
    { id: "USDC", price: 1 },
  ],
  venues: [
    {
      id: "eth-book",
      type: "orderBook",
      base: "ETH",
      quote: "USDC",
      tickSize: 0.01,
      profile: { spreadBps: 2, levels: 2000, levelBps: 1, qtyPerLevel: 25 },
      resilience: { halfLifeSeconds: 120, sensitivity: 0.5 },
    },
    { id: "eth-amm", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 20_000, reserveQuote: 40e6 },
  ],
  oracles: [
    { id: "eth", type: "spot", source: "eth-book" },
    { id: "usd", type: "spot", source: "USDC" },
  ],
  protocols: [
    {
      id: "lend",
      type: "lending",
      oracles: { ETH: "eth", USDC: "usd" },
      markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
      positions: {
        generate: {
          count: 10_000,
          collateral: "ETH",
          debt: "USDC",
          totalCollateral: 40_000,
          health: { min: 1.03, max: 2.5, shape: 2 },
        },
      },
    },
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
