/**
 * The market the example presets share: ETH at 2,000 USDC on an order book with market makers
 * (their depth per level and their withdrawal sensitivity given) and a 20,000 ETH
 * constant-product pool, one oracle on the book and one for USDC, and a lending market on them.
 * @module
 */
import type { LendingSpec, Scenario } from "../scenario/types.ts";

/** Assets, venues and oracles: the book's makers quote `qtyPerLevel` ETH per 1-bp level over 20%. */
export function ethMarket(qtyPerLevel: number, sensitivity: number): Pick<Scenario, "assets" | "venues" | "oracles"> {
  return {
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
        profile: { spreadBps: 2, levels: 2000, levelBps: 1, qtyPerLevel },
        resilience: { halfLifeSeconds: 120, sensitivity },
      },
      { id: "eth-amm", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 20_000, reserveQuote: 40e6 },
    ],
    oracles: [
      { id: "eth", type: "spot", source: "eth-book" },
      { id: "usd", type: "spot", source: "USDC" },
    ],
  };
}

/** A lending market on ETH/USDC at those oracles: `count` positions over `totalCollateral` ETH, health from `min` to 2.5. */
export function ethLending(count: number, totalCollateral: number, min: number): LendingSpec {
  return {
    id: "lend",
    type: "lending",
    oracles: { ETH: "eth", USDC: "usd" },
    markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
    positions: {
      generate: { count, collateral: "ETH", debt: "USDC", totalCollateral, health: { min, max: 2.5, shape: 2 } },
    },
  };
}
