/**
 * `presets.thinMarketAuction`, `thinMarketInsurance`, `thinMarketBackstop`, `thinMarketIncentive`:
 * one thin ETH market, four mitigations of its liquidation cascade, each alone so that they can
 * be compared with the market without them (remove the preset's `mitigations`) and with each
 * other. A lending market of 30,000 ETH (10,000 positions, health 1.02–2.5, Aave-like parameters)
 * is read by an oracle on a thin constant-product pool (6,000 ETH), where its liquidators sell;
 * beside it an order book whose makers quote 2 ETH per 1-bp level and withdraw as volatility rises,
 * joined to the pool by an arbitrageur with 1M USDC per block. ETH's outside market falls 10% over
 * 30 blocks and pulls the venues a fifth of the way toward it each block: the liquidations' sales
 * push the pool below it, the oracle follows, and the cascade runs on.
 *
 * The mechanisms (README, "Mitigations"): an internal Dutch auction funded by 10M USDC of
 * committed capital; an insurance fund of 10M USDC bidding 2% under the oracle; a backstop of
 * 10M USDC taking orders from 5,000 USDC at Compound III's WETH liquidationFactor (0.95) and
 * selling them back no lower than its storefront price (storeFrontPriceFactor 0.5); a budget of
 * 200,000 USDC of liquidity incentives, which at 1% of the price per ETH of depth rests 10,000 ETH
 * of bids on the book around the three largest clusters of the static liquidation ladder. Every
 * number is an assumption of the example; the mechanisms' own parameters are their defaults where
 * not said.
 * @module
 */
import type { MitigationSpec, Scenario } from "../scenario/types.ts";

/** The thin market with `mitigations`. */
function thinMarket(name: string, description: string, mitigations: MitigationSpec[]): Scenario {
  return {
    version: 1,
    name,
    description,
    stepSeconds: 12,
    steps: 600,
    seed: 7,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "USDC", price: 1 },
    ],
    venues: [
      { id: "eth-pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 6_000, reserveQuote: 12e6 },
      {
        id: "eth-book",
        type: "orderBook",
        base: "ETH",
        quote: "USDC",
        tickSize: 0.01,
        profile: { spreadBps: 2, levels: 3000, levelBps: 1, qtyPerLevel: 2 },
        resilience: { halfLifeSeconds: 120, sensitivity: 1 },
      },
    ],
    oracles: [{ id: "eth", type: "spot", source: "eth-pool" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
        positions: {
          generate: {
            count: 10_000,
            collateral: "ETH",
            debt: "USDC",
            totalCollateral: 30_000,
            health: { min: 1.02, max: 2.5, shape: 2 },
          },
        },
      },
    ],
    liquidators: [{ id: "bots", capital: null, sellVenue: "eth-pool" }],
    arbitrageurs: [{ id: "arb", venues: ["eth-book", "eth-pool"], capital: 1e6 }],
    shock: [{ type: "drop", asset: "ETH", fraction: 0.1, steps: 30, pull: 0.2 }],
    mitigations,
  };
}

const MARKET =
  "The market: 30,000 ETH of lending collateral (health 1.02-2.5) whose oracle reads a 6,000 ETH pool where its liquidators sell, an order book beside it joined by an arbitrageur with 1M USDC per block, and ETH's outside market falling 10% over 30 blocks (pull 0.2).";

export const thinMarketAuction: Scenario = thinMarket(
  "thin-market-auction",
  `An internal Dutch auction takes a thin market's liquidations off the pool. ${MARKET} Seized collateral goes to an auction funded by 10M USDC of committed liquidator capital instead of the pool: its price starts at the oracle's and falls linearly to 90% of it over 30 blocks, the committed bidders buy at 3% under the oracle, and then sell what they won over 100 blocks; past their capital, or a lot unbought at the curve's end, the liquidator sells on the pool. Remove "mitigations" for the baseline.`,
  [{ type: "internalAuction", capital: 10e6, discount: 0.03, floor: 0.9, auctionSteps: 30, unwindSteps: 100 }],
);

export const thinMarketInsurance: Scenario = thinMarket(
  "thin-market-insurance",
  `An insurance fund bounds the slippage of a thin market's liquidations. ${MARKET} The fund holds 10M USDC and bids 2% under the oracle for liquidation flow: the pool takes a liquidation's sale while it pays more than that bid, the fund the rest, so the flow's slippage is bounded by 2%; the fund sells its inventory over 100 blocks. Remove "mitigations" for the baseline.`,
  [{ type: "insurance", capacity: 10e6, discount: 0.02, unwindSteps: 100 }],
);

export const thinMarketBackstop: Scenario = thinMarket(
  "thin-market-backstop",
  `A backstop modelled on Compound III absorbs a thin market's large liquidation orders. ${MARKET} The backstop pools 10M USDC for every protocol: liquidation orders worth 5,000 USDC or more are absorbed at liquidationFactor 0.95 of their oracle value before they reach the pool, smaller ones go to the pool; the backstop sells over 100 blocks, never below Comet's storefront price (2.5% under the oracle with storeFrontPriceFactor 0.5). Remove "mitigations" for the baseline.`,
  [
    {
      type: "backstop",
      capacity: 10e6,
      minOrder: 5_000,
      liquidationFactor: 0.95,
      storeFrontPriceFactor: 0.5,
      unwindSteps: 100,
    },
  ],
);

export const thinMarketIncentive: Scenario = thinMarket(
  "thin-market-incentive",
  `Liquidity incentives rest bids where a thin market's liquidations cluster. ${MARKET} A budget of 200,000 USDC buys, at 20 USDC (1% of the price) per ETH of depth over the run, 10,000 ETH of bids resting on the order book within 1% of the three price levels of the static liquidation ladder that hold the most collateral; the arbitrageur carries the pool's liquidation flow into them. Remove "mitigations" for the baseline.`,
  [{ type: "liquidityIncentive", budget: 200_000, bandBps: 100, clusters: 3 }],
);
