/**
 * `presets.gammaSqueeze`: the dealers' vector. Customers hold a large block of ETH puts struck
 * at 1,900 expiring in two days, so dealers are short them: as the price falls toward the
 * strike their delta hedge sells ETH into the fall, on the same book where liquidators sell.
 * The counterfactual run (no hedging, no liquidations) shows how much of the drawdown they add.
 * Every number is an assumption of the example.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";
import { ethLending, ethMarket } from "./eth_market.ts";

export const gammaSqueeze: Scenario = {
  version: 1,
  name: "gamma-squeeze",
  description:
    "Dealers short 8,000 ETH of 2-day puts struck at 1,900 (and 4,000 at 1,800) re-hedge every block on the ETH book while lending positions near health 1 are liquidated there: a 2,000 ETH sale over 10 blocks becomes a larger fall. Compare the summary's exogenous and realized drawdowns.",
  stepSeconds: 12,
  steps: 400,
  seed: 5,
  ...ethMarket(20, 0.3),
  protocols: [ethLending(10_000, 60_000, 1.03)],
  liquidators: [{ id: "bots", capital: null, sellVenue: "eth-book" }],
  dealers: [
    {
      id: "dealers",
      venue: "eth-book",
      underlying: "ETH",
      dealers: "short-all",
      options: [
        { strike: 1900, days: 2, call: false, openInterest: 8_000, vol: 0.7 },
        { strike: 1800, days: 2, call: false, openInterest: 4_000, vol: 0.75 },
      ],
    },
  ],
  arbitrageurs: [{ id: "arb", venues: ["eth-book", "eth-amm"] }],
  shock: [{ type: "sell", venue: "eth-book", qty: 2000, step: 0, overSteps: 10 }],
};
