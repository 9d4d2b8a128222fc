/**
 * `presets.keeperOutage`: a keeper down while the price falls. ETH's outside market falls 25% over
 * an hour (300 blocks); a Chainlink-style oracle follows it; the lending market's one liquidator
 * network is offline for the first 250 of those blocks. Positions stay liquidatable meanwhile
 * (`timeline.protocols.lend.waiting`), and those whose debt passes their collateral's value before
 * the keepers return become bad debt. Without the outage (remove the `keeperOutage` shock) the
 * same market stays solvent: liquidations at the close factor keep every account ahead of the fall.
 * Every number is an assumption of the example: 10,000 positions over 50,000 ETH with health from
 * 1.02, Aave-like parameters, a 100,000 ETH pool the keepers sell on.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";

export const keeperOutage: Scenario = {
  version: 1,
  name: "keeper-outage",
  description:
    "ETH's outside market falls 25% over an hour while the only liquidators are offline for its first 50 minutes: positions wait liquidatable and the ones that pass insolvency first become bad debt. Without the keeperOutage shock the same market stays solvent.",
  stepSeconds: 12,
  steps: 600,
  seed: 3,
  assets: [
    { id: "ETH", price: 2000, vol: 0.8 },
    { id: "USDC", price: 1 },
  ],
  venues: [
    { id: "eth-pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 100_000, reserveQuote: 200e6 },
  ],
  oracles: [{ id: "eth-usd", type: "spot", source: "ETH" }],
  protocols: [
    {
      id: "lend",
      type: "lending",
      oracles: { ETH: "eth-usd" },
      markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
      closeFactor: 0.5,
      fullCloseBelowHealth: 0.95,
      positions: {
        generate: {
          count: 10_000,
          collateral: "ETH",
          debt: "USDC",
          totalCollateral: 50_000,
          health: { min: 1.02, max: 2, shape: 2 },
        },
      },
    },
  ],
  liquidators: [{ id: "keepers", capital: null, sellVenue: "eth-pool", maxPerStep: 200 }],
  shock: [
    { type: "drop", asset: "ETH", fraction: 0.25, steps: 300, pull: 0.5 },
    { type: "keeperOutage", liquidator: "keepers", fromStep: 0, toStep: 249 },
  ],
};
