/**
 * `presets.october2025`: 10 October 2025, 20:50–22:30 UTC, the largest liquidation day on record
 * (about $19.1B in 24 hours). BTC fell about 12% in half an hour and ETH about 20%, to a trough
 * around 21:15–21:20 UTC. Two mechanisms are replayed on their venues:
 *   - Hyperliquid's cross-margin perps: liquidations by market orders on its own books, then its
 *     backstop vault (the liquidator vault in HLP) taking accounts below 2/3 of their margin, then
 *     auto-deleveraging of the opposite side when the vault will not take an account;
 *   - Binance's unified (portfolio margin) accounts, whose USDe collateral was valued by Binance's
 *     own index — mostly its own thin USDe/USDT book — so the collateral sales of liquidated
 *     accounts drove that book, the index and the next accounts' margin down together: the
 *     shared-oracle failure inside one venue (USDe at $0.65 on Binance, about $0.95 elsewhere).
 * Aave v3 (with v3.3's liquidation rules) liquidates its ETH borrowers on the same fall.
 *
 * Sources: [I] the collected figures (Coinglass via the press: $19.1B in 24 h, longs
 * $16.7B, Hyperliquid $10.3B, Bybit $4.6B, Binance $2.4B; BTC −12% in 30 minutes, ETH about −20%,
 * trough 21:15–21:20 UTC, $3.21B in the peak minute; Hyperliquid 34,983 ADL fills across 19,337
 * users in eleven minutes, HLP about $40M up on the day; USDe $0.65, wBETH $430, BNSOL $34.90 on
 * Binance, USDe about $0.95 on Bybit; Aave about $180M liquidated, about $400k of bad debt);
 * [BN] Binance's announcements of 11–12 Oct 2025 as reported (crptonews.com/binance-sets-depeg-
 * payouts-283m-already-reimbursed, moriartytrade.com): depeg window 21:36–22:16 UTC, $283M paid in
 * compensation, the index to take redemption-based weights; [E] Ethena's founder as reported
 * (bitcoinethereumnews.com/tech/usde-depeg-on-binance-was-it-a-coordinated-attack): Binance priced
 * the collateral from its own order book, USDe stayed above $0.90 elsewhere; [HL] Hyperliquid's
 * documentation (hyperliquid.gitbook.io: liquidations — market orders first, the liquidator vault
 * below 2/3 of maintenance margin, maintenance margin half the initial margin at max leverage;
 * auto-deleveraging — the opposite side ranked by unrealized PnL and leverage); [M] Aave v3's WETH
 * parameters (liquidation threshold 83%, bonus 5%) and v3.3's rules (`lending_liquidations.json`);
 * [A] an assumption of this preset.
 *
 * Not public, so assumed [A] and varied in the sensitivity table: the open interest and its
 * leverage on each venue (Hyperliquid $14B, Binance's unified accounts $10B, long 75%, leverage 2–40
 * crowded low), the share of Binance margin posted in USDe (25%, haircut 10%), the depth of each
 * book under stress, the weight of Binance's own USDe book in its index (0.8, the rest the
 * redemption rate: USDe's outside price), HLP's capital ($400M) and the loss beyond which its
 * liquidator vault stops taking accounts (5%); the shape of each path between the reported
 * points. BTC and ETH stand for the 162 markets; one replay account stands for many.
 *
 * Sensitivity (`fracture replay october2025 --sensitivity`, 2026-12-02):
 *
 * | input | value | what moves |
 * | --- | --- | --- |
 * | Hyperliquid's open interest | $7B / $14B (assumed) / $21B | liquidated 3.13B / 6.17B / 9.10B; ADL fills 37,392 / 41,309 / 41,514 |
 * | HLP's loss limit | 1% / 5% (assumed) / 25% / 100% | ADL fills 41,846 / 41,309 / 33,771 / 15,232; vault −253M / −352M / −592M / −923M |
 * | Binance's USDe book per 0.1% | 10k / 50k / 200k (assumed) USDe | USDe low 0.65 / 0.33 / 0.43; Binance liquidated 4.44B / 4.47B / 4.49B |
 * | weight of that book in the index | 0 / 0.5 / 0.8 (assumed) / 1 | Binance liquidated 4.357B / 4.429B / 4.486B / 4.511B |
 * | Aave's health crowding near 1.1 | 1 (assumed) / 2 / 3 | Aave liquidated 103M / 677M / 1.16B |
 *
 * The calibration table is computed (`fracture replay october2025`); the findings
 * (`replays.october2025.findings`) say what the misses mean.
 * @module
 */
import { marketLow } from "../replay/read.ts";
import type { Replay, ReplayRun } from "../replay/types.ts";
import type { Scenario } from "../scenario/types.ts";

/** Steps of 10 s: 6 a minute, 30 every 5 minutes. */
const MINUTE = 6;

/**
 * Every 5 minutes from 20:50 UTC: BTC from 118,000 down 12% to the trough at 21:20 [I], then back
 * toward 112,000 [A: the shape]; ETH from 4,300 down 20% [I] likewise; USDe's outside price (its
 * redemption value and other venues) from 1 to 0.95 at 21:45 and back [I: about $0.95 on Bybit].
 */
const BTC_PATH = [
  118_000, 117_000, 115_000, 112_000, 108_500, 105_500, 103_900, 106_000, 108_000, 109_000, 109_800, 110_300, 110_800,
  111_200, 111_600, 111_800, 112_000, 112_000, 112_000, 112_000, 112_000,
];
const ETH_PATH = [
  4300, 4250, 4150, 4000, 3800, 3580, 3440, 3530, 3600, 3650, 3690, 3720, 3740, 3760, 3770, 3780, 3780, 3780, 3780,
  3780, 3780,
];
const USDE_PATH = [1, 1, 1, 1, 1, 0.995, 0.99, 0.98, 0.97, 0.96, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 1, 1, 1, 1, 1];

/** What the sensitivity table varies; the defaults are the preset's assumptions [A]. */
interface Day {
  /** Hyperliquid's open interest, USD. */
  hyperliquid?: number;
  /** Binance's USDe/USDT book: USDe per 0.1% level. */
  usdeDepth?: number;
  /** The weight of that book in Binance's USDe index (the rest: the outside price). */
  bookWeight?: number;
  /** HLP's liquidator vault stops taking accounts beyond this loss, a share of its capital. */
  lossLimit?: number;
  /** Crowding of Aave's borrowers' health near its lowest, 1.1 (shape). */
  aaveShape?: number;
}

function day(options: Day = {}): Scenario {
  const { hyperliquid = 14e9, usdeDepth = 200_000, bookWeight = 0.8, lossLimit = 0.05, aaveShape = 1 } = options;
  const book = (id: string, base: string, qtyPerLevel: number) => ({
    id,
    type: "orderBook" as const,
    base,
    quote: "USD",
    tickSize: base === "BTC" ? 0.1 : base === "ETH" ? 0.01 : 0.0001,
    lotSize: 1e-6,
    profile: { spreadBps: 2, levels: 500, levelBps: 10, qtyPerLevel }, // 50% deep [A]
    resilience: { halfLifeSeconds: 120, baseVol: 0.6, sensitivity: 1 }, // [A]
  });
  return {
    version: 1,
    name: "october-2025",
    description:
      "10 Oct 2025, 20:50-22:30 UTC: BTC −12% and ETH −20% to the 21:20 trough. Hyperliquid's cross-margin perps (book, then its HLP liquidator vault below 2/3 of margin, then ADL) and Binance's unified accounts with USDe collateral valued by Binance's own USDe book (index 80% book, 20% outside price) liquidate on their own books; Aave v3.3 liquidates its ETH borrowers. Assumed: $14B / $10B of open interest, 75% long, 25% of Binance margin in USDe. Reported: Hyperliquid $10.3B liquidated, 34,983 ADL fills, HLP +$40M; USDe $0.65 on Binance; Aave $180M. The replay's table: fracture replay october2025.",
    stepSeconds: 10,
    steps: 100 * MINUTE,
    seed: 2025,
    assets: [
      { id: "BTC", price: 118_000, vol: 0.6 },
      { id: "ETH", price: 4300, vol: 0.8 },
      // USDe on Binance (its book's makers quote around the book's own price: no outside path
      // anchors it) and USDe elsewhere (its redemption value and other venues: the path) [A]
      { id: "USDE", price: 1 },
      { id: "USDE-OUT", price: 1 },
      { id: "USD", price: 1 }, // USDC and USDT as one dollar [A]
    ],
    venues: [
      // Hyperliquid's books: 15 BTC and 300 ETH per 0.1% [A: thin, as their books emptied]
      book("hl-btc", "BTC", 15),
      book("hl-eth", "ETH", 300),
      // Binance's perps books: 60 BTC and 1,200 ETH per 0.1% [A]
      book("bn-btc", "BTC", 60),
      book("bn-eth", "ETH", 1200),
      // Binance's USDe/USDT spot book, the collateral's index [A: its depth]
      book("bn-usde", "USDE", usdeDepth),
    ],
    oracles: [
      // Hyperliquid's mark: the outside price and its own book, half each [HL: mark combines CEX prices and its book; A: the weights]
      { id: "hl-btc-mark", type: "index", sources: ["BTC", "hl-btc"], weights: [0.5, 0.5] },
      { id: "hl-eth-mark", type: "index", sources: ["ETH", "hl-eth"], weights: [0.5, 0.5] },
      // Binance's mark: its index of spot venues, the outside price [A]
      { id: "bn-btc-mark", type: "spot", source: "BTC" },
      { id: "bn-eth-mark", type: "spot", source: "ETH" },
      // Binance's USDe collateral index: mostly its own book [E, BN], the rest the outside price [A: 0.8]
      { id: "bn-usde-index", type: "index", sources: ["bn-usde", "USDE-OUT"], weights: [bookWeight, 1 - bookWeight] },
      // Chainlink's ETH/USD for Aave: a 0.5% deviation feed on the outside price [M, A]
      { id: "chainlink-eth", type: "push", source: "ETH", deviationBps: 50, heartbeatSteps: 360 },
    ],
    protocols: [
      {
        id: "hyperliquid",
        type: "portfolio",
        // maintenance margin: half the initial margin at max leverage [HL]; BTC 40x, ETH 25x [A: as listed then]
        markets: {
          BTC: { oracle: "hl-btc-mark", venue: "hl-btc", maintenanceMargin: 0.0125 },
          ETH: { oracle: "hl-eth-mark", venue: "hl-eth", maintenanceMargin: 0.02 },
        },
        collateral: { USD: {} }, // USDC
        liquidationFee: 0, // no clearance fee [HL]
        insuranceFund: 0,
        backstop: { capital: 400e6, threshold: 2 / 3, lossLimit, unwindPerStep: 0.01 }, // [HL; A: capital, limit, unwind]
        accounts: {
          generate: {
            count: 40_000,
            totalNotional: hyperliquid,
            sizeDispersion: 1.5,
            leverage: { min: 2, max: 38, shape: 2 },
            longShare: 0.75,
            markets: { BTC: 0.5, ETH: 0.5 },
            collateral: { USD: 1 },
          },
        },
      },
      {
        id: "binance",
        type: "portfolio",
        // maintenance margin of the lowest tiers [A]
        markets: {
          BTC: { oracle: "bn-btc-mark", venue: "bn-btc", maintenanceMargin: 0.004 },
          ETH: { oracle: "bn-eth-mark", venue: "bn-eth", maintenanceMargin: 0.005 },
        },
        collateral: {
          USD: {}, // USDT
          USDE: { oracle: "bn-usde-index", haircut: 0.1, venue: "bn-usde" }, // [A: the haircut]
        },
        liquidationFee: 0.005, // [A]
        insuranceFund: 1e9, // [A: its order of size]
        accounts: {
          generate: {
            count: 40_000,
            totalNotional: 10e9,
            sizeDispersion: 1.5,
            leverage: { min: 2, max: 40, shape: 2 },
            longShare: 0.75,
            markets: { BTC: 0.5, ETH: 0.5 },
            collateral: { USD: 0.75, USDE: 0.25 },
          },
        },
      },
      {
        id: "aave-v3",
        type: "lending",
        oracles: { ETH: "chainlink-eth" },
        markets: { ETH: { liquidationThreshold: 0.83, liquidationBonus: 0.05 } }, // WETH [M]
        closeFactor: 0.5,
        fullCloseBelowHealth: 0.95,
        aaveV33: {},
        positions: {
          generate: {
            count: 20_000,
            collateral: "ETH",
            debt: "USD",
            totalCollateral: 2e6, // ETH backing borrowing [A]
            sizeDispersion: 1.5,
            health: { min: 1.1, max: 5, shape: aaveShape }, // [A]
          },
        },
      },
    ],
    liquidators: [
      // Aave's liquidators: flash loans, selling on Binance's ETH book [A]
      { id: "bots", capital: null, sellVenue: "bn-eth", protocols: ["aave-v3"], maxPerStep: 20 },
    ],
    shock: [
      // the wider market: its makers quote BTC's and ETH's books around the day's path, its
      // arbitrageurs pull them half the gap a step [A]; USDe elsewhere follows its own path, and
      // nothing pulls Binance's USDe book toward it (arbitrage across venues is slow: transfers) [A]
      { type: "path", asset: "BTC", prices: BTC_PATH, everySteps: 5 * MINUTE, pull: 0.5 },
      { type: "path", asset: "ETH", prices: ETH_PATH, everySteps: 5 * MINUTE, pull: 0.5 },
      { type: "path", asset: "USDE-OUT", prices: USDE_PATH, everySteps: 5 * MINUTE },
    ],
  };
}

/** The day, on the assumptions above. */
export const october2025: Scenario = day();

const I = "Coinglass and the venues, via the press (e.g. binance.bh/square/post/30852883253129)";

/** A protocol's summary figure. */
function figureOf(run: ReplayRun, protocol: string, field: string): number {
  return (run.result.summary.protocols[protocol] as unknown as Record<string, number>)[field];
}

/** The most liquidated notional over the protocols in any minute of the run. */
function peakMinute(run: ReplayRun): number {
  const { timeline } = run.result;
  const x = timeline.liquidatedNotional;
  const rows = Math.max(1, Math.round(MINUTE / timeline.every));
  // a window of `rows` sliding along the timeline
  let best = 0;
  let sum = 0;
  for (let k = 0; k < x.length; k++) {
    sum += x[k] - (k >= rows ? x[k - rows] : 0);
    if (k >= rows - 1 && sum > best) best = sum;
  }
  return best;
}

/** The calibration of `october2025`. */
export const october2025Replay: Replay = {
  preset: "october2025",
  event:
    "The largest liquidation day: Hyperliquid's backstop vault and ADL, Binance's USDe collateral priced by its own book",
  date: "2025-10-10",
  mechanism:
    "portfolio-margin venues liquidating on their own books, a backstop vault and ADL behind them, and collateral valued by an index of the venue's own thin book",
  figures: [
    {
      figure: "Hyperliquid: notional liquidated",
      unit: "USD",
      reported: 10.3e9,
      source: `${I}: Hyperliquid about $10.3B (24 h)`,
      readFrom: "summary.protocols.hyperliquid.liquidatedNotional (book closes, vault takeovers, ADL'd accounts)",
      read: (run) => figureOf(run, "hyperliquid", "liquidatedNotional"),
      band: [4.5e9, 8e9],
    },
    {
      figure: "Hyperliquid: ADL fills",
      unit: "count",
      reported: 34_983,
      source: `${I}: 34,983 ADL fills across 19,337 users and 162 markets in eleven minutes`,
      readFrom: "summary.protocols.hyperliquid.adlFills (one replay account stands for many)",
      read: (run) => figureOf(run, "hyperliquid", "adlFills"),
      band: [25_000, 60_000],
    },
    {
      figure: "Hyperliquid: HLP's profit",
      unit: "USD",
      reported: 40e6,
      source: `${I}: HLP about $40M up on the day`,
      readFrom:
        "the liquidator vault's equity at the end (at the marks) less its capital, over the replay's 100 minutes",
      read: (run) => figureOf(run, "hyperliquid", "vaultEquity") - 400e6,
      band: [-500e6, -250e6],
    },
    {
      figure: "Hyperliquid: accounts auto-deleveraged",
      unit: "count",
      reported: 19_337,
      source: `${I}: 19,337 users`,
      readFrom: "summary.protocols.hyperliquid.adlAccounts (one replay account stands for many)",
      read: (run) => figureOf(run, "hyperliquid", "adlAccounts"),
      band: [6000, 14_000],
    },
    {
      figure: "Binance: notional liquidated",
      unit: "USD",
      reported: 2.4e9,
      source: `${I}: Binance $2.4B (Coinglass counts what Binance publishes: at most one liquidation a second per market)`,
      readFrom: "summary.protocols.binance.liquidatedNotional",
      read: (run) => figureOf(run, "binance", "liquidatedNotional"),
      band: [3.2e9, 6e9],
    },
    {
      figure: "USDe's low on Binance",
      unit: "USD",
      reported: 0.65,
      source: `${I}; [BN] crptonews.com/binance-sets-depeg-payouts-283m-already-reimbursed (21:36–22:16 UTC)`,
      readFrom: "the lowest price of Binance's USDe/USDT book (its only venue in the replay)",
      read: (run) => marketLow(run, "USDE"),
      band: [0.3, 0.6],
    },
    {
      figure: "Aave: collateral liquidated",
      unit: "USD",
      reported: 180e6,
      source: `${I}: Aave about $180M liquidated`,
      readFrom: "summary.protocols['aave-v3'].liquidatedNotional",
      read: (run) => figureOf(run, "aave-v3", "liquidatedNotional"),
      band: [70e6, 150e6],
    },
    {
      figure: "Aave: bad debt",
      unit: "USD",
      reported: 400e3,
      source: `${I}: about $400k of bad debt`,
      readFrom: "summary.protocols['aave-v3'].badDebt (v3.3's deficit, in USD)",
      read: (run) => figureOf(run, "aave-v3", "badDebt"),
      band: [0, 1e6],
    },
    {
      figure: "peak minute, all venues",
      unit: "USD",
      reported: 3.21e9,
      source: `${I}: $3.21B liquidated in the peak minute (every venue)`,
      readFrom:
        "the most notional the replay's protocols liquidated in any 6 steps (Hyperliquid, Binance's unified accounts and Aave only)",
      read: peakMinute,
      band: [0.8e9, 1.5e9],
    },
  ],
  sensitivity: [
    {
      input: "Hyperliquid's open interest",
      unit: "USD",
      assumed: 14e9,
      values: [7e9, 14e9, 21e9],
      apply: (x) => day({ hyperliquid: x }),
    },
    {
      input: "Binance's USDe book: USDe per 0.1% level",
      unit: "USDE",
      assumed: 200_000,
      values: [10_000, 50_000, 200_000],
      apply: (x) => day({ usdeDepth: x }),
    },
    {
      input: "weight of Binance's own USDe book in its collateral index",
      unit: "",
      assumed: 0.8,
      values: [0, 0.5, 0.8, 1],
      apply: (x) => day({ bookWeight: x }),
    },
    {
      input: "HLP's loss limit (share of its capital beyond which its vault takes no account)",
      unit: "",
      assumed: 0.05,
      values: [0.01, 0.05, 0.25, 1],
      apply: (x) => day({ lossLimit: x }),
    },
    {
      input: "crowding of Aave's borrowers' health near 1.1 (shape: 1 uniform, higher crowds)",
      unit: "",
      assumed: 1,
      values: [1, 2, 3],
      apply: (x) => day({ aaveShape: x }),
    },
  ],
  findings:
    "Two venues' mechanisms, on the day's path. Hyperliquid: its books are thin beside its open interest, so liquidation orders limited at each account's bankruptcy price fill little; accounts fall below 2/3 of their margin and the liquidator vault takes 7,608 of them ($2.5B) until taking more would put it past its 5% loss limit, and the rest go to ADL: 41,309 fills over 9,896 accounts against the reported 34,983 over 19,337 (1.18× and 0.51×, with 40,000 replay accounts standing for all of Hyperliquid's) — ADL reaches the scale reported from public mechanics and an assumed open interest, and its fills barely depend on that open interest (37k to 42k fills from $7B to $21B). Where the shorts in profit run out, ADL cannot place a bankrupt account and its loss is bad debt: $91.6M, which Hyperliquid did not report — its 162 markets gave ADL far more room than the replay's two. The vault is where the replay misses most: it ends $352M down where HLP ended the day about $40M up. It takes long positions at the marks while the market is still falling and unwinds 1% a step into the same thin books; the real vault closed what it took faster and with the maintenance margin it keeps, and the day's rebound after 21:20 paid it. A larger loss limit gives fewer ADL fills and a larger loss (15,232 fills and −$923M with no limit): the reported pair (ADL at scale and a vault in profit) needs a vault that takes little and exits fast. Binance: USDe collateral valued at 80% by Binance's own USDe book, a book no arbitrage pulls back within the replay: the collateral sales of liquidated accounts take it to $0.43 (reported $0.65; with 10,000 USDe a level, $0.65), and valuing USDe at its outside price instead (weight 0) liquidates $129M less (4.357B against 4.486B) — the index's own feedback. The book's low is not monotone in its depth or in the index's weight: with nothing to pull it back, each sale lowers the level the makers refill at, so the low tracks how much was sold and when, not only how deep it was. Binance's liquidations come out 1.87× Coinglass's $2.4B, which counts at most one liquidation a second per market as Binance publishes them. Aave: 103M of the reported 180M and no bad debt (reported about $400k: its oracle follows the outside price down in 0.5% steps and the liquidators keep up; the day's bad debt came from collateral and positions the replay leaves out) on uniform health from 1.1; crowding health toward 1.1 (shape 2) gives 677M — a first choice of this preset (health 1.05–4, shape 3) gave 1.74B, 9.6×, before it was replaced by the uniform assumption; Aave's borrowers sat further from liquidation. The peak minute (1.13B against 3.21B) counts Hyperliquid, Binance's unified accounts and Aave, not Bybit, OKX and the rest; the 24-hour totals are out of reach of a 100-minute replay of two markets.",
  events: 0,
};
