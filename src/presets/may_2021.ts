/**
 * `presets.may2021`: 19 May 2021, when ETH fell from $3,376 to $1,862 (−45% open to low, 13:10
 * UTC) and closed at $2,445, and the three largest lenders liquidated their ETH borrowers on the
 * same markets: Aave v2, Compound v2 and Maker's ETH-A vaults, each on its own oracle, all selling
 * what they seized into the same ETH book and Uniswap pool. The mechanism replayed is several
 * protocols sharing one collateral asset and its liquidity, each reading it through a different
 * oracle (Chainlink's deviation feed, Compound's anchored Coinbase feed, Maker's one-hour OSM).
 *
 * Sources: [H] shared/vectors/history.json (eth_usd_2021_05_19: BerkeleyBlockchain/stablesims'
 * CoinAPI 10-minute ETH/USD candles of the day, aggregated hourly; other_cascades.may19_liquidations);
 * [CT] Cointelegraph Consulting × Covalent, “DeFi hit by a tsunami of liquidations in May”, June
 * 2021 (reprinted at tradernation.org/2021/06/08 and cryptoclarknews.com): “the three protocols
 * together witnessed $377 million worth of collateral liquidated. Aave accounts for $170 million,
 * while Compound … $147 million …, and Maker accounts for $60 million”; [P] the day's prices in the
 * press (e.g. roedsa.com/8135.html: “Bitcoin's value dropped by nearly 30% … Ethereum … fell by
 * more than 40%, dropping below the $2,000 threshold”); [M] the protocols' parameters of the time:
 * Aave v2 WETH (liquidation threshold 82.5%, bonus 5%, close factor 50% at any health),
 * Compound v2 (close factor 50%, incentive 8%, as compoundDai2020; its Open Price Feed: Coinbase's
 * signed price within ±20% of a 30-minute Uniswap TWAP), Maker (OSM one hour behind, ETH-A
 * penalty 13%, Liquidations 2.0 since April 2021, MIP45); [A] an assumption of this preset.
 *
 * Not public, so assumed [A] and varied in the sensitivity table: the borrowers (how much ETH backs
 * borrowing in each protocol and how close to liquidation it sits), and the depth the liquidators
 * sold into. The same distribution of health (or collateralization over the liquidation ratio) is
 * given to all three protocols, so differences between them come from their rules and oracles, not
 * from a choice per protocol: health drawn in [1.05, 3] crowded toward the low end (shape 2); ETH
 * backing borrowing 300k (Aave), 400k (Compound) and 800k (Maker ETH-A) — orders of magnitude of
 * their ETH markets then, not sourced here. BTC's fall (about 30% [P]) and WBTC-collateral borrowers
 * are left out: the replay's liquidations are ETH's alone, while the reports count every collateral.
 *
 * Sensitivity (this module's replay, `fracture replay may2021 --sensitivity`; collateral liquidated,
 * USD, Aave / Compound / Maker / all three):
 *
 * | input | value | Aave | Compound | Maker | all three |
 * | --- | --- | ---: | ---: | ---: | ---: |
 * | ETH backing borrowing in Aave (Compound 4/3, Maker 8/3 of it) | 150,000 | 185.0M | 175.5M | 674.6M | 1.035B |
 * | | 300,000 (assumed) | 369.9M | 351.0M | 1.349B | 2.070B |
 * | | 600,000 | 739.9M | 701.9M | 2.698B | 4.140B |
 * | crowding of health near 1.05 (shape) | 1 (uniform) | 194.2M | 196.0M | 754.2M | 1.144B |
 * | | 2 (assumed) | 369.9M | 351.0M | 1.349B | 2.070B |
 * | | 4 | 524.2M | 491.8M | 1.771B | 2.787B |
 * | Maker vaults' lowest collateralization | 1.5225 (assumed) | 369.9M | 351.0M | 1.349B | 2.070B |
 * | | 2.2 | 369.9M | 351.0M | 839.4M | 1.560B |
 * | | 2.6 | 369.9M | 351.0M | 125.9M | 846.8M |
 * | book depth per 0.1% | 1,000 / 2,000 / 4,000 ETH | 369.9M | 351.0M | 1.349B | 2.070B |
 *
 * Reported: $170M / $147M / $60M / $377M [CT]. The findings (`replays.may2021.findings`) say
 * what the misses mean.
 * @module
 */
import { liquidatedValue, marketLow } from "../replay/read.ts";
import type { Replay, ReportedFigure } from "../replay/types.ts";
import type { Scenario } from "../scenario/types.ts";

/** Blocks of 12 s: 300 per hour. */
const HOUR = 300;

/**
 * ETH/USD on 19 May 2021 [H eth_usd_2021_05_19.hourly_utc]: the 00:00 open, then each hour's low
 * (placed at the half hour [A]) and close, every half hour: 3,375.69 to 2,445.07, through the
 * 12:00-13:00 lows of 1,875.14 and 1,862.04.
 */
const ETH_PATH = [
  3375.69, 3352.63, 3356.02, 3160.19, 3190.37, 3104.18, 3107.28, 3055.55, 3096.08, 2850.28, 2921.71, 2908.83, 2928.74,
  2924.98, 2944.76, 2856.93, 2990.92, 2916.89, 2978.91, 2932.95, 2976.91, 2810.42, 2852.91, 2431.98, 2722.79, 1875.14,
  2319.21, 1862.04, 2535.71, 2336.16, 2605.66, 2561.53, 2752.21, 2615.0, 2868.0, 2747.86, 2785.0, 2567.5, 2613.99,
  2567.5, 2611.15, 2528.29, 2529.68, 2432.65, 2593.03, 2557.65, 2668.81, 2437.9, 2445.07,
];

/** What the sensitivity table varies; the defaults are the preset's assumptions [A]. */
interface Borrowers {
  /** ETH backing borrowing in Aave, Compound and Maker, × this. */
  scale?: number;
  /** Crowding of health near its minimum (min + (max − min)·u^shape). */
  shape?: number;
  /** ETH the book holds per 0.1% of price. */
  depth?: number;
  /** Maker's lowest collateralization drawn (default: the lenders' lowest health × 1.45). */
  makerMin?: number;
}

function day(options: Borrowers = {}): Scenario {
  const { scale = 1, shape = 2, depth = 2000 } = options;
  const health = { min: 1.05, max: 3, shape };
  const makerMin = options.makerMin ?? 1.45 * health.min;
  return {
    version: 1,
    name: "may-2021",
    description:
      "19 May 2021, 00:00-24:00 UTC and 6 h after: ETH from $3,376 to $1,862 at 13:10 UTC and $2,445 at midnight (history.json's hourly lows and closes). Aave v2 (Chainlink feed, 1% deviation; LT 82.5%, bonus 5%, close factor 50%), Compound v2 (Coinbase price within ±20% of a Uniswap TWAP; collateral factor 75%, incentive 8%, close factor 50%) and Maker ETH-A (OSM one hour late; 145%, penalty 13%, Liquidations 2.0) liquidate ETH borrowers into one book and one Uniswap pool. Assumed: 300k / 400k / 800k ETH backing borrowing, health 1.05-3 crowded low, 20,000 ETH of book depth per 1%. Reported: $170M / $147M / $60M of collateral liquidated (Cointelegraph Consulting × Covalent); the replay's table: fracture replay may2021.",
    stepSeconds: 12,
    steps: 30 * HOUR, // the day [H] and 6 hours for the last auctions [A]
    seed: 2021,
    assets: [
      { id: "ETH", price: 3375.69, vol: 1.2 }, // the 00:00 open [H]; the makers' calm vol [A]
      // DAI, USDC and USDT as one dollar: they kept their pegs within a cent or so [A]
      { id: "USD", price: 1 },
    ],
    venues: [
      {
        // the centralized books liquidators sold on, as one: 20,000 ETH per 1%, 40% deep [A]
        id: "eth-book",
        type: "orderBook",
        base: "ETH",
        quote: "USD",
        tickSize: 0.01,
        lotSize: 1e-6,
        profile: { spreadBps: 5, levels: 400, levelBps: 10, qtyPerLevel: depth },
        resilience: { halfLifeSeconds: 120, baseVol: 1.2, sensitivity: 1 }, // [A]
      },
      // Uniswap v2's ETH/USDC pool behind Compound's anchor: ~45,000 ETH [A: its order of size then]
      {
        id: "uniswap-eth",
        type: "constantProduct",
        base: "ETH",
        quote: "USD",
        reserveBase: 45_000,
        reserveQuote: 45_000 * 3375.69,
        feeBps: 30,
      },
    ],
    oracles: [
      // Chainlink: publishes on a 1% move or hourly [A: the deviation of the X/ETH feeds Aave v2 read]
      { id: "chainlink-eth", type: "push", source: "eth-book", deviationBps: 100, heartbeatSteps: HOUR },
      // Compound's Open Price Feed: Coinbase's price, accepted within ±20% of a 30-minute Uniswap TWAP [M]
      { id: "uniswap-twap", type: "twap", source: "uniswap-eth", windowSteps: HOUR / 2 },
      {
        id: "open-price-feed",
        type: "spot",
        source: "eth-book",
        anchor: { oracle: "uniswap-twap", maxDeviation: 0.2 },
      },
      // Maker's OSM: the medianizer's price one hour late [M: OSM hop 3600 s]
      { id: "osm", type: "spot", source: "eth-book", latencySteps: HOUR },
    ],
    protocols: [
      {
        id: "aave-v2",
        type: "lending",
        oracles: { ETH: "chainlink-eth" }, // USD at $1
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05 } }, // [M]
        closeFactor: 0.5, // [M]
        fullCloseBelowHealth: 0, // Aave v2: 50% at any health [M]
        positions: {
          generate: {
            count: 2000,
            collateral: "ETH",
            debt: "USD",
            totalCollateral: 300_000 * scale,
            sizeDispersion: 1.5,
            health,
          },
        },
      },
      {
        id: "compound",
        type: "lending",
        oracles: { ETH: "open-price-feed" },
        markets: { ETH: { liquidationThreshold: 0.75, liquidationBonus: 0.08 } }, // [M: cETH's collateral factor then, as recalled; incentive 8%]
        closeFactor: 0.5, // [M]
        fullCloseBelowHealth: 0, // [M]
        positions: {
          generate: {
            count: 2000,
            collateral: "ETH",
            debt: "USD",
            totalCollateral: 400_000 * scale,
            sizeDispersion: 1.5,
            health,
          },
        },
      },
      {
        id: "maker-eth-a",
        type: "cdp",
        collateral: "ETH",
        debt: "USD",
        oracle: "osm",
        liquidationRatio: 1.45, // ETH-A [M, as recalled]
        penalty: 1.13, // [M]
        dust: 5000, // [A: ETH-A's dust of early 2021]
        auction: {
          // Liquidations 2.0 as set for ETH-A in 2021 [A, as recalled: not verified here]
          buf: 1.3,
          curve: { type: "stairstep", cut: 0.99, step: 90 },
          tail: 8400,
          cusp: 0.4,
          chip: 0.001,
          tip: 300,
        },
        vaults: {
          // the same crowding as the lenders', over the liquidation ratio [A]
          generate: {
            count: 2000,
            totalInk: 800_000 * scale,
            sizeDispersion: 1.5,
            ratio: { min: makerMin, max: Math.max(makerMin, 1.45 * health.max), shape },
          },
        },
      },
    ],
    liquidators: [
      // flash-loan liquidators and keepers: no capital limit [A: flash loans and clip's callback], 10 actions a block [A]
      { id: "bots", capital: null, sellVenue: "eth-book", maxPerStep: 10, minProfitBps: 50 },
    ],
    shock: [
      // the wider market drags the venues toward the day's path; half the gap closes each block [A]
      { type: "path", asset: "ETH", prices: ETH_PATH, everySteps: HOUR / 2, pull: 0.5 },
    ],
  };
}

/** The day, on the assumptions above. */
export const may2021: Scenario = day();

const CT =
  "Cointelegraph Consulting × Covalent, “DeFi hit by a tsunami of liquidations in May”, June 2021 (tradernation.org/2021/06/08/…; cryptoclarknews.com), via history.json other_cascades";

/** One protocol's reported collateral liquidated, and the replay's (ETH's, at the market price of each step). */
function collateral(who: string, protocol: string, reported: number, band: [number, number]): ReportedFigure {
  return {
    figure: `${who}: collateral liquidated`,
    unit: "USD",
    reported,
    source: CT,
    readFrom: `Σ ETH ${protocol} took (a lender's seizure, a CDP bark's whole vault) × ETH's market price at the step`,
    read: (run) => liquidatedValue(run, protocol, "ETH"),
    band,
  };
}

const PROTOCOLS = ["aave-v2", "compound", "maker-eth-a"];

/** The calibration of `may2021`. */
export const may2021Replay: Replay = {
  preset: "may2021",
  event: "Aave, Compound and Maker liquidating their ETH borrowers as ETH fell 45% in a morning",
  date: "2021-05-19",
  mechanism: "three protocols on one collateral and its liquidity, each reading it through another oracle",
  figures: [
    collateral("Aave", "aave-v2", 170e6, [250e6, 500e6]),
    collateral("Compound", "compound", 147e6, [250e6, 500e6]),
    collateral("Maker", "maker-eth-a", 60e6, [0.9e9, 1.8e9]),
    {
      figure: "all three",
      unit: "USD",
      reported: 377e6,
      source: CT,
      readFrom: "the sum of the three rows above",
      read: (run) => PROTOCOLS.reduce((sum, p) => sum + liquidatedValue(run, p, "ETH"), 0),
      band: [1.4e9, 2.8e9],
    },
    {
      figure: "ETH low of the day",
      unit: "USD",
      reported: 1862.04,
      source:
        "history.json eth_usd_2021_05_19 (stablesims' CoinAPI candles, 13:10 UTC; “below the $2,000 threshold”, roedsa.com/8135.html)",
      readFrom: "the lowest market price of ETH over the run (an input: the day's path, pulled half-way each block)",
      read: (run) => marketLow(run, "ETH"),
      band: [1700, 2000],
    },
  ],
  sensitivity: [
    {
      input: "ETH backing borrowing in Aave (Compound's 4/3 and Maker's 8/3 of it)",
      unit: "ETH",
      assumed: 300_000,
      values: [150_000, 300_000, 600_000],
      apply: (eth) => day({ scale: eth / 300_000 }),
    },
    {
      input: "crowding of health near its lowest, 1.05 (shape: 1 uniform, higher crowds)",
      unit: "",
      assumed: 2,
      values: [1, 2, 4],
      apply: (shape) => day({ shape }),
    },
    {
      input: "Maker vaults' lowest collateralization (1.5225: the lenders' 1.05 × 145%)",
      unit: "",
      assumed: 1.5225,
      values: [1.5225, 2.2, 2.6],
      apply: (makerMin) => day({ makerMin }),
    },
    {
      input: "book depth per 0.1% of price",
      unit: "ETH",
      assumed: 2000,
      values: [1000, 2000, 4000],
      apply: (depth) => day({ depth }),
    },
  ],
  findings:
    "Aave's and Compound's replays liquidate 2.2× and 2.4× what was reported, Maker's 22×. The lenders' miss is the assumed size (it scales proportionally: 150,000 ETH in Aave gives 185M and 176M, 1.09× and 1.19×) — an input, not fitted. Maker's is not a matter of size: no common scale brings Maker and the lenders together (the replay's Maker/Aave ratio is 3.6, the reports' 0.35), so the same crowding of health does not hold for Maker's vaults. They sat further from liquidation: at a lowest collateralization of 2.6 the replay's Maker gives 126M, and no vault above 145% × 3,376 / 1,862 = 2.63 can be liquidated by the day's fall, so the reported 60M puts the riskiest of Maker's ETH vaults near 2.6, far from the lenders' 1.05 (× 145% = 1.52); and a Maker liquidation takes the whole vault where a lender takes half the debt, which multiplies what a crowded distribution gives. Depth does not move the figures: the venues follow the day's observed path, which already holds the liquidators' sales, so the replay measures how each protocol's rules and oracle turned that path into liquidations, not the cascade's feedback on the price. Left out: BTC's fall and every non-ETH collateral, which the reports count.",
  events: 200_000,
};
