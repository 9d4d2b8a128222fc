/**
 * `presets.sharedOracle` and `presets.separateOracles`: the first contagion vector. Two lending
 * protocols hold ETH collateral; a sale hits the thin pool of the first. When both read one
 * oracle on that pool, the second protocol's positions fall with it and its liquidators sell on
 * the deeper pool too; with an oracle each, the second is shielded. Every number is an
 * assumption of the example (a thin and a deep constant-product pool, positions crowded just
 * above health 1, a capital-limited arbitrageur between the pools).
 * @module
 */
import type { Scenario } from "../scenario/types.ts";

function twoLenders(shared: boolean): Scenario {
  const lender = (id: string, oracle: string, totalCollateral: number) => ({
    id,
    type: "lending" as const,
    oracles: { ETH: oracle, USDC: "usd" },
    markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
    closeFactor: 0.5,
    fullCloseBelowHealth: 0.95,
    positions: {
      generate: {
        count: 5000,
        collateral: "ETH",
        debt: "USDC",
        totalCollateral,
        health: { min: 1.02, max: 2.5, shape: 2 },
      },
    },
  });
  return {
    version: 1,
    name: shared ? "shared-oracle" : "separate-oracles",
    description: shared
      ? "Two lending protocols on one oracle that reads the thin pool: a 600 ETH sale there liquidates positions of both, and the second protocol's liquidators sell on the deep pool. Compare presets.separateOracles."
      : "The same two lending protocols, each on an oracle of its own pool: the 600 ETH sale on the thin pool reaches the second protocol only through the arbitrageur. Compare presets.sharedOracle.",
    stepSeconds: 12,
    steps: 300,
    seed: 11,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "USDC", price: 1 },
    ],
    venues: [
      { id: "thin-pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 5_000, reserveQuote: 10e6 },
      { id: "deep-pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 40_000, reserveQuote: 80e6 },
    ],
    oracles: [
      { id: "eth-thin", type: "spot", source: "thin-pool" },
      { id: "eth-deep", type: "spot", source: "deep-pool" },
      { id: "usd", type: "spot", source: "USDC" },
    ],
    protocols: [lender("lend-a", "eth-thin", 4_000), lender("lend-b", shared ? "eth-thin" : "eth-deep", 30_000)],
    liquidators: [
      { id: "bots-a", capital: null, sellVenue: "thin-pool", protocols: ["lend-a"] },
      { id: "bots-b", capital: null, sellVenue: "deep-pool", protocols: ["lend-b"] },
    ],
    arbitrageurs: [{ id: "arb", venues: ["thin-pool", "deep-pool"], capital: 50_000 }],
    shock: [{ type: "sell", venue: "thin-pool", qty: 600, step: 0, overSteps: 5 }],
  };
}

export const sharedOracle: Scenario = twoLenders(true);
export const separateOracles: Scenario = twoLenders(false);
