/**
 * `presets.volatileMargin`: a dynamic margin ahead of a crash. ETH swings ±5% every five minutes
 * for an hour while drifting 8% lower — realized volatility some four times its 80% a year — then
 * falls 30% in ten minutes. Keepers fit 30 liquidations in a block. With the dynamic margin
 * (mitigations[0]: σ over the last hour, a cut of 10% of LT per doubling of σ beyond its calm level,
 * at most 20%, phased in over 100 blocks) the thresholds tighten during the swings: the weakest
 * positions are liquidated then, at higher prices, and the crash finds fewer to liquidate at once.
 * Every number is an assumption of the example.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";

/** ETH's outside price every 25 steps: twelve swings of ±5% around a line 8% lower over the hour, then −15% twice. */
function path(): number[] {
  const prices = [2000];
  for (let k = 1; k <= 12; k++) prices.push(2000 * (1 - (0.08 * k) / 12) * (k % 2 === 1 ? 1.05 : 0.95));
  const low = 2000 * 0.92;
  prices.push(low * 0.85, low * 0.7, low * 0.7);
  return prices;
}

export const volatileMargin: Scenario = {
  version: 1,
  name: "volatile-margin",
  description:
    "ETH swings ±5% every 25 steps for an hour while drifting 8% lower, then falls 30% in 50 steps; 10,000 lending positions over 60,000 ETH (health 1.02-2), keepers fitting 30 liquidations a step on an 80,000 ETH pool. With the dynamic margin (mitigations: realized volatility over 300 steps against ETH's 80%, sensitivity 0.1, at most a 20% cut of LT, phased in over 100 steps) thresholds tighten during the swings and liquidations start at a higher price (the first at step 37, oracle 1,993): 11,930 liquidations, 73.7M USDC liquidated, no bad debt; average cut 0.168. Without it (remove mitigations): the first at step 41 (1,959), 10,822 liquidations, 57.9M USDC, 2.90M USDC of bad debt, as the crash leaves more positions than block space to liquidate them.",
  stepSeconds: 12,
  steps: 900,
  seed: 7,
  assets: [
    { id: "ETH", price: 2000, vol: 0.8 },
    { id: "USDC", price: 1 },
  ],
  venues: [
    { id: "eth-pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 80_000, reserveQuote: 160e6 },
  ],
  oracles: [{ id: "eth-usd", type: "spot", source: "eth-pool" }],
  protocols: [
    {
      id: "lend",
      type: "lending",
      oracles: { ETH: "eth-usd" },
      markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
      positions: {
        generate: {
          count: 10_000,
          collateral: "ETH",
          debt: "USDC",
          totalCollateral: 60_000,
          health: { min: 1.02, max: 2, shape: 2 },
        },
      },
    },
  ],
  liquidators: [{ id: "keepers", capital: null, sellVenue: "eth-pool", maxPerStep: 30 }],
  shock: [{ type: "path", asset: "ETH", prices: path(), everySteps: 25, pull: 0.5 }],
  mitigations: [{ type: "dynamicMargin", volWindowSteps: 300, sensitivity: 0.1, maxCut: 0.2, phaseInSteps: 100 }],
};
