/**
 * `presets.blackThursday2020`: MakerDAO's ETH vaults on 12 March 2020, replayed with Dutch
 * auctions. Every number says where it comes from: [H] is shared/vectors/history.json (its
 * sources: BerkeleyBlockchain/stablesims candles and gas, Whiterabbit, Dragonfly, Maker's
 * governance call summaries), [M] Maker's documented parameters of the time, [A] an assumption
 * of this preset, chosen to be plausible and stated so it can be changed.
 * @module
 */
import type { Scenario } from "../scenario/types.ts";

/** Blocks of 12 s: 300 per hour. */
const HOUR = 300;

/**
 * ETH/USD on 12 March 2020 [H eth_usd_2020_03_12.hourly_utc]: the 00:00 open, then each hour's
 * low (placed at the half hour) and close, every half hour: 195.21 at 00:00 UTC to 107.52 at
 * 24:00, through the 10:00 leg (low 124.05) and the 23:00 low of 101.01.
 */
const ETH_PATH = [
  195.21, 192.17, 193.55, 184.01, 184.71, 182.38, 183.78, 181.17, 182.84, 179.21, 181.21, 179.78, 181.39, 171.14,
  173.46, 167.11, 171.36, 166.01, 169.32, 167.12, 167.22, 124.05, 133.75, 127.73, 136.37, 135.17, 137.24, 126.03,
  134.59, 133.37, 141.28, 137.21, 141.13, 134.31, 138.75, 138.3, 141.81, 136.66, 137.03, 136.63, 137.45, 123.6, 128.34,
  123.92, 130.2, 125.81, 126.56, 101.01, 107.52,
];

export const blackThursday2020: Scenario = {
  version: 1,
  name: "black-thursday-2020",
  description:
    "MakerDAO ETH vaults on 12 Mar 2020 (00:00-24:00 UTC, then 6 h of auctions at the last price). ETH path: hourly lows and closes of history.json (stablesims/CoinAPI candles). Oracle: Maker's OSM, the market price one hour late. Vaults: 150% liquidation ratio, 13% penalty; the riskiest start at the ratio that put their liquidation at $171, where Dragonfly's timeline says liquidations began. Keepers: short of DAI (capital), 3 actions per block, and from 10:00 UTC, while gas ran above 100 gwei (history.json gas; Maker's 12 Mar call: oracles and keepers could not get transactions in), they land their actions only every 60th block. Auctions: Liquidations 2.0 with a linear curve that reaches 0 in 10 minutes (the flipper's 10-minute bid window of the time) and no reset by price (cusp 0), so a stalled auction is taken at or near 0, as the 0-DAI bids were. The ETH in vaults at risk (600k) is the one figure calibrated, to the scale of the reported loss. Reported for comparison: 5.67M DAI of bad debt, 36% of auctions won at 0 or near 0 (Whiterabbit).",
  stepSeconds: 12, // one block [M: Ethereum's ~12-15 s blocks of 2020; 12 s keeps hours whole]
  steps: 30 * HOUR, // the day [H] and 6 hours for auctions to finish [A]
  seed: 2020,
  assets: [
    { id: "ETH", price: 195.21, vol: 0.8 }, // 00:00 open [H]; calm vol for the makers' withdrawal [A]
    { id: "DAI", price: 1 }, // DAI at 1 USD (it traded up to 1.10-1.22 that week [H dai_peg]; not modelled)
  ],
  venues: [
    {
      // the market keepers sold on: an order book whose makers refill and withdraw as vol rises [A]
      id: "eth-usd",
      type: "orderBook",
      base: "ETH",
      quote: "DAI",
      tickSize: 0.01,
      lotSize: 1e-6,
      // ~1,250 ETH per 1%, 40% deep [A]; levels 10 bps apart: every level re-quotes each block as
      // the price path moves, and 2,000 levels of 2 bps gave the same bad debt at 4.5x the time
      profile: { spreadBps: 10, levels: 400, levelBps: 10, qtyPerLevel: 125 },
      resilience: { halfLifeSeconds: 120, baseVol: 0.8, sensitivity: 1 }, // [A]
    },
  ],
  oracles: [
    // Maker's Oracle Security Module publishes the medianizer's price with a one-hour delay [M: OSM hop 3600 s]
    { id: "osm", type: "spot", source: "eth-usd", latencySteps: HOUR },
  ],
  protocols: [
    {
      id: "maker-eth-a",
      type: "cdp",
      collateral: "ETH",
      debt: "DAI",
      oracle: "osm",
      liquidationRatio: 1.5, // ETH-A's 150% [M; Covalent, 18 Mar 2020: "minimum 150% collateralization ratio"]
      penalty: 1.13, // 13% liquidation penalty [M]
      dust: 20, // 20 DAI minimum vault debt [M: ETH-A dust of early 2020]
      auction: {
        buf: 1, // auctions start at the oracle's price (the flipper had no premium) [A]
        curve: { type: "linear", tau: 600 }, // to 0 in the flipper's 10-minute bid window (ttl) [M, A: mapping]
        tail: 6 * 3600, // an auction waits up to 6 h for a bid (the flipper's tau then) [M]
        cusp: 0, // no reset by price: nothing stopped a 0 bid [M]
        chip: 0, // no keeper incentives in 2020 [M]
        tip: 0,
      },
      vaults: {
        generate: {
          count: 4000, // [A]
          // ETH in vaults that could fall that day [A]: the one figure calibrated to the outcome, so the
          // bad debt lands near the reported 5.67M DAI [H maker_protocol_loss]
          totalInk: 600_000,
          sizeDispersion: 1.5, // a few whales, many small vaults [A]
          // 1.5 × 195.21 / 171 = 1.712: the riskiest vaults are liquidated when the OSM shows $171,
          // where liquidations began (Dragonfly, via history.json eth_price_liquidations_begin) [H]
          ratio: { min: 1.712, max: 3.5, shape: 2 }, // [A above min]
        },
      },
    },
  ],
  liquidators: [
    // keepers short of DAI in a liquidity crunch [H Covalent/Whiterabbit: low DAI liquidity]; amounts [A]
    { id: "keeper-1", capital: 2_000_000, sellVenue: "eth-usd", maxPerStep: 3, minProfitBps: 100 },
    { id: "keeper-2", capital: 500_000, sellVenue: "eth-usd", maxPerStep: 3, minProfitBps: 200 },
    // a keeper with no DAI at all: it can only win auctions at a price of 0 [H: four addresses won 62,890 ETH for 0 DAI]
    { id: "zero-bidder", capital: 0, sellVenue: "eth-usd", maxPerStep: 3, strategy: "hold" },
  ],
  shock: [
    // the wider market drags the book toward the day's path [H]; half the gap closes each block [A]
    { type: "path", asset: "ETH", prices: ETH_PATH, everySteps: HOUR / 2, pull: 0.5 },
    // gas above 100 gwei from 10:00 UTC on (history.json gas: p90 110-300 gwei from 10:00) [H]; each
    // keeper's transactions land only in every 60th block (12 minutes, longer than an auction) [A]
    { type: "congestion", maxPerStep: 3, everySteps: 60, fromStep: 10 * HOUR, toStep: 30 * HOUR - 1 },
  ],
};
