/**
 * `presets.compoundDai2020`: Compound's DAI borrowers on 26 November 2020, when DAI traded near
 * $1.30 on Coinbase Pro for about an hour (07:00-08:00 UTC) while it stayed near $1 elsewhere.
 * Compound's Open Price Feed posted Coinbase's signed prices, accepted only within ±20% of a
 * Uniswap TWAP (the anchor); the mechanism replayed is an oracle that reads one thin venue, and
 * an anchor that moves with it. Sources: [Q] Quadriga Initiative's case study "Compound price feed
 * error" (quoting CoinDesk and Compound: "anchored to within 20% of the Uniswap time-weighted
 * average price", DAI at $1.30 "between 7 am and 8 am UTC", "from approximately 12:00am to 1:00am
 * PT"); [C] Cointelegraph, 26 Nov 2020 ("$89 million, of which about $52 million came from Dai,
 * according to … DuneAnalytics"; "one liquidation … 46 million Dai repaid"; "liquidation incentive
 * of 8%"); [P] comp.xyz, "DAI Liquidation Event", the reintroduced compensation proposal (85.2M DAI
 * liquidated, ~6.8M DAI of compensation at the 8% penalty); [H] shared/vectors/history.json
 * (nov26_2020_compound_dai: 124 of 225,793 addresses affected, via CryptoGlobe/LoanScan); [M]
 * Compound v2's parameters of the time (collateral factor 75% for DAI and USDC, close factor 50%,
 * liquidation incentive 1.08; UniswapAnchoredView's anchorToleranceMantissa 0.2 and
 * anchorPeriod 1800 s); [A] an assumption of this preset.
 *
 * The one account liquidated for 46M DAI is modelled from the facts: at a close factor of 50% a
 * single repayment of 46M means at least 92M of DAI debt [C, M]; it was a recursive COMP farmer
 * with DAI and USDC collateral [C]. Not public: the split of its collateral (here 100M DAI, and the
 * USDC that puts its liquidation at a DAI price of 1.20 [A]) and the other DAI borrowers (here 400
 * accounts on 200M USDC of collateral, health 1.05-2.5 at DAI = $1 [A]). ETH's 8% fall in the same
 * hour [Q] and the ETH-borrowing accounts it liquidated are left out: the replay's liquidations are
 * the DAI borrowers' alone. Sensitivity (this module's replay, `fracture replay compoundDai2020
 * --sensitivity`):
 *
 * | input | value | DAI repaid | accounts | incentive paid | oracle's high |
 * | --- | --- | --- | --- | --- | --- |
 * | other borrowers' USDC collateral | 100M | 62.57M | 167 | 5.95M | 1.30 |
 * | | 200M (assumed) | 79.14M | 167 | 7.48M | 1.30 |
 * | | 400M | 112.3M | 167 | 10.55M | 1.30 |
 * | the farmer's liquidation price | 1.10 / 1.20 / 1.28 | 79.14M | 167 | 7.11M / 7.48M / 7.78M | 1.30 |
 * | the anchor's Uniswap price | held at $1 | 70.48M | 149 | 6.60M | 1.2492 |
 *
 * Held at $1, the anchor binds: Coinbase's prices above 1/0.8 = 1.25 are refused (PriceGuarded)
 * and the feed keeps its last accepted price. Reported 52M of DAI (Dune via Cointelegraph) and
 * 85.2M (the compensation proposal): the two sources disagree, the replay's 79M lies between.
 * @module
 */
import { oracleHigh } from "../replay/read.ts";
import type { Replay } from "../replay/types.ts";
import type { LendingPositionSpec, Scenario } from "../scenario/types.ts";

/** Blocks of 12 s. */
const MINUTE = 5;

/**
 * DAI/USD on Coinbase Pro, every 10 minutes from 06:30 UTC [A: the shape; Q: ~$1.30, 07:00-08:00
 * UTC, rising over the hour]: the spike's path; the venues close half the gap to it each block.
 */
const DAI_PATH = [1, 1, 1, 1.05, 1.12, 1.2, 1.26, 1.3, 1.3, 1.22, 1.1, 1.03, 1.01, 1, 1, 1];

/** The other DAI borrowers: `n` accounts on USDC, sizes spread over 1-20×, health from `min` to `max` at DAI = $1, crowded low [A]. */
function borrowers(n: number, totalUsdc: number, min: number, max: number): LendingPositionSpec[] {
  // e^(3k/16) for k = 0 … 16 by products of one constant: the host's exp differs in its last bit
  // between engines (V8 in Node 20 and in Deno), and a preset must be the same numbers everywhere
  const steps = [1];
  for (let k = 1; k < 17; k++) steps.push(steps[k - 1] * 1.2062302494209807);
  const weight = (i: number) => steps[i % 17];
  let total = 0;
  for (let i = 0; i < n; i++) total += weight(i);
  return Array.from({ length: n }, (_, i) => {
    const at = (i + 0.5) / n;
    const health = min + (max - min) * at * at;
    const usdc = (totalUsdc * weight(i)) / total;
    return { account: `borrower-${i}`, collateral: { USDC: usdc }, debt: { DAI: (usdc * 0.75) / health } };
  });
}

/** The farmer liquidated for 46M DAI: 92M DAI of debt [C, M], 100M DAI of collateral [A] and the USDC that puts its liquidation at DAI = `at` [A]. */
function farmer(at: number): LendingPositionSpec {
  // health = 0.75·(100M·p + usdc) / (92M·p) = 1 at p = at
  const usdc = ((92e6 - 0.75 * 100e6) * at) / 0.75;
  return { account: "comp-farmer", collateral: { DAI: 100e6, USDC: usdc }, debt: { DAI: 92e6 } };
}

function thanksgiving(options: { othersUsdc?: number; farmerAt?: number; anchorFollows?: boolean } = {}): Scenario {
  const { othersUsdc = 200e6, farmerAt = 1.2, anchorFollows = true } = options;
  return {
    version: 1,
    name: "compound-dai-2020",
    description:
      "Compound's DAI borrowers on 26 Nov 2020: DAI near $1.30 on Coinbase Pro from 07:00 to 08:00 UTC, read by Compound's Open Price Feed (Coinbase's signed prices, accepted within ±20% of a Uniswap 30-minute TWAP). Collateral factor 75%, close factor 50%, incentive 8%. One farmer with 92M DAI of debt (a 46M DAI liquidation at a 50% close factor), its collateral split and 400 other borrowers assumed. Reported: ~$52M of DAI debt liquidated (one 46M), 124 addresses; the replay's table: fracture replay compoundDai2020.",
    stepSeconds: 12,
    steps: 150 * MINUTE,
    seed: 2020,
    assets: [
      { id: "DAI", price: 1 },
      { id: "USDC", price: 1 },
    ],
    venues: [
      {
        // Coinbase Pro's DAI book: thin, its makers refilling around the path [A]
        id: "coinbase-dai",
        type: "orderBook",
        base: "DAI",
        quote: "USDC",
        tickSize: 0.0001,
        lotSize: 0.01,
        profile: { spreadBps: 2, levels: 400, levelBps: 10, qtyPerLevel: 20_000 },
        resilience: { halfLifeSeconds: 300, sensitivity: 0 },
      },
      // Uniswap's DAI pool behind the anchor's TWAP [A: its size; it moved with Coinbase, Q]
      { id: "uniswap-dai", type: "constantProduct", base: "DAI", quote: "USDC", reserveBase: 20e6, reserveQuote: 20e6 },
    ],
    oracles: [
      // UniswapAnchoredView's anchor: a 30-minute TWAP [M: anchorPeriod 1800 s]
      { id: "uniswap-twap", type: "twap", source: anchorFollows ? "uniswap-dai" : "USDC", windowSteps: 30 * MINUTE },
      {
        // the reporter's (Coinbase's) price, accepted within ±20% of the anchor [M, Q]
        id: "open-price-feed",
        type: "spot",
        source: "coinbase-dai",
        anchor: { oracle: "uniswap-twap", maxDeviation: 0.2 },
      },
    ],
    protocols: [
      {
        id: "compound",
        type: "lending",
        oracles: { DAI: "open-price-feed" }, // USDC at $1 [M: the feed fixed USDC at 1]
        markets: {
          DAI: { liquidationThreshold: 0.75, liquidationBonus: 0.08 }, // [M]
          USDC: { liquidationThreshold: 0.75, liquidationBonus: 0.08 }, // [M]
        },
        closeFactor: 0.5, // [M]
        fullCloseBelowHealth: 0, // Compound v2 has no full close [M]
        positions: [farmer(farmerAt), ...borrowers(400, othersUsdc, 1.05, 2.5)],
      },
    ],
    // liquidators with flash loans [C: the 46M liquidation used a Uniswap flash swap]; they keep the cTokens they seize
    liquidators: [{ id: "liquidators", capital: null, sellVenue: "uniswap-dai", strategy: "hold" }],
    shock: [{ type: "path", asset: "DAI", prices: DAI_PATH, everySteps: 10 * MINUTE }],
  };
}

/** The day, on the assumptions above. */
export const compoundDai2020: Scenario = thanksgiving();

const COINTELEGRAPH =
  "Cointelegraph, “Compound liquidator makes $4M as oracle …”, 26 Nov 2020 (DuneAnalytics; Sam Priestley)";

/** Repaid DAI over the liquidation events of DAI debt (all of this preset's). */
const repaid = (events: { kind: string; repaid?: number }[]) =>
  events.reduce((sum, e) => sum + (e.kind === "liquidation" ? (e.repaid as number) : 0), 0);

/** The calibration of `compoundDai2020`. */
export const compoundDai2020Replay: Replay = {
  preset: "compoundDai2020",
  event: "Compound's DAI borrowers when Coinbase Pro's DAI hit $1.30",
  date: "2020-11-26",
  mechanism: "an oracle reading one thin venue, bounded only by an anchor that moved with it",
  figures: [
    {
      figure: "DAI debt liquidated",
      unit: "DAI",
      reported: 52e6,
      source: `${COINTELEGRAPH}; 85.2M DAI in the compensation proposal (comp.xyz, “DAI Liquidation Event”)`,
      readFrom: "Σ repaid over the liquidations (all of DAI debt)",
      read: ({ result }) => repaid(result.events),
      band: [46e6, 90e6],
    },
    {
      figure: "largest liquidation",
      unit: "DAI",
      reported: 46e6,
      source: COINTELEGRAPH,
      readFrom: "the largest repaid of one liquidation (an input in effect: 50% of the farmer's 92M)",
      read: ({ result }) => Math.max(...result.events.map((e) => (e.kind === "liquidation" ? e.repaid : 0))),
      band: [45e6, 47e6],
    },
    {
      figure: "accounts liquidated",
      unit: "count",
      reported: 124,
      source: "CryptoGlobe/LoanScan, 26 Nov 2020 (124 of 225,793 addresses), via history.json",
      readFrom: "accounts with at least one liquidation",
      read: ({ result }) => new Set(result.events.filter((e) => e.kind === "liquidation").map((e) => e.account)).size,
      band: [60, 250],
    },
    {
      figure: "incentive paid by borrowers",
      unit: "DAI",
      reported: 6.8e6,
      source: "comp.xyz, “DAI Liquidation Event”: the reintroduced compensation proposal (8% of 85.2M DAI)",
      readFrom: "Σ repaid × the oracle's DAI price × 8%: collateral seized beyond the debt's value",
      read: ({ result }) => {
        const price = result.timeline.oracles["open-price-feed"];
        return result.events.reduce((s, e) => s + (e.kind === "liquidation" ? e.repaid * price[e.step] * 0.08 : 0), 0);
      },
      band: [4e6, 8e6],
    },
    {
      figure: "DAI price the oracle posted, high",
      unit: "USD",
      reported: 1.3,
      source: "Quadriga Initiative, “Compound price feed error” (CoinDesk: DAI at ~$1.30 on Coinbase, 07:00-08:00 UTC)",
      readFrom: "the highest price the anchored feed published",
      read: (run) => oracleHigh(run, "open-price-feed"),
      band: [1.2, 1.31],
    },
  ],
  sensitivity: [
    {
      input: "other borrowers' USDC collateral",
      unit: "USD",
      assumed: 200e6,
      values: [100e6, 200e6, 400e6],
      apply: (othersUsdc) => thanksgiving({ othersUsdc }),
    },
    {
      input: "the farmer's liquidation price",
      unit: "USD",
      assumed: 1.2,
      values: [1.1, 1.2, 1.28],
      apply: (farmerAt) => thanksgiving({ farmerAt }),
    },
    {
      input: "the anchor follows Coinbase (1) or stays at $1 (0)",
      unit: "count",
      assumed: 1,
      values: [0, 1],
      apply: (follows) => thanksgiving({ anchorFollows: follows === 1 }),
    },
  ],
  findings:
    "The 46M liquidation follows from public facts alone (a 50% close factor, 92M of DAI debt, DAI posted above the farmer's liquidation price); the rest of the DAI liquidated and the count of accounts depend on the other borrowers' size and health, which are not public (sensitivity table): 79M DAI against 52M (Dune) or 85.2M (the compensation proposal), two reports that disagree. The anchor did not bind because the Uniswap price it averaged rose with Coinbase's; held at $1 it would have refused every price above 1.25, and the posted high would have stopped there. ETH's fall in the same hour and the ETH-borrowing accounts are not replayed, so the reported $89M of positions is not compared.",
  events: 10_000,
};
