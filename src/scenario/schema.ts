/**
 * The scenario format, version 1, as valibot schemas: the one source of both the validator
 * (`validateScenario`) and the published JSON Schema (`schema/scenario.schema.json`, written by
 * `npm run schema`). Every field carries its description.
 * @module
 */
import * as v from "valibot";
import { bound as fmt, show } from "../validate.ts";
import type { Scenario } from "./types.ts";

// ---- building blocks with messages that say what was expected and what came -------------------

const expected = (what: string) => (issue: v.BaseIssue<unknown>) => `expected ${what}, got ${show(issue.input)}`;

/** A finite number in [lo, hi] (or (lo, hi] with `open`). */
export function num(lo: number, hi: number, description: string, open = false) {
  const what = `a number in ${open ? "(" : "["}${fmt(lo)}, ${fmt(hi)}]`;
  const m = expected(what);
  return v.pipe(
    v.number(m),
    v.finite(m),
    open ? v.gtValue(lo, m) : v.minValue(lo, m),
    v.maxValue(hi, m),
    v.description(description),
  );
}

/** A whole number in [lo, hi]. */
export function int(lo: number, hi: number, description: string) {
  const m = expected(`a whole number in [${fmt(lo)}, ${fmt(hi)}]`);
  return v.pipe(v.number(m), v.integer(m), v.minValue(lo, m), v.maxValue(hi, m), v.description(description));
}

/** An id: letters, digits, and . _ - : (1–64 characters). */
export function id(description: string) {
  const m = expected("an id (1-64 of letters, digits, . _ - :)");
  return v.pipe(v.string(m), v.regex(/^[A-Za-z0-9._:-]{1,64}$/, m), v.description(description));
}

const text = (description: string) =>
  v.pipe(
    v.string(expected("a string")),
    v.maxLength(2000, expected("at most 2000 characters")),
    v.description(description),
  );

const PRICE_MAX = 1e15;
const AMOUNT_MAX = 1e15;

// ---- assets, venues, oracles --------------------------------------------------------------------

const drift = v.optional(
  num(
    -10,
    10,
    "Annualized drift, compensated so that the expected price grows as E[S_t] = S_0·e^(drift·t) (decimal, 0.05 = 5% a year).",
  ),
  0,
);

/** How an asset's price moves on generated paths (`generatePaths`, Monte Carlo stress). */
export const PathModel = v.variant(
  "type",
  [
    v.strictObject({
      type: v.literal("gbm"),
      drift,
    }),
    v.strictObject({
      type: v.literal("merton"),
      jumpsPerYear: num(0, 1e6, "Mean number of jumps a year (a Poisson process's intensity)."),
      jumpMean: num(-10, 10, "Mean of one jump in the log price (−0.1: a jump takes about 9.5% off the price)."),
      jumpVol: num(0, 10, "Standard deviation of one jump in the log price."),
      drift,
    }),
    v.strictObject({
      type: v.literal("garch"),
      omega: v.optional(
        num(
          0,
          100,
          "The constant ω of the per-step variance h_t = ω + α·r²_{t−1} + β·h_{t−1} (squared log return per step, so it depends on stepSeconds). Default: the asset's vol as the long-run variance, ω = vol²·dt·(1 − α − β).",
          true,
        ),
      ),
      alpha: num(0, 1, "α: the weight of the last squared return (how strongly a shock raises the variance)."),
      beta: num(0, 1, "β: the weight of the last variance (how long a high variance lasts); α + β must be below 1."),
      nu: num(
        2,
        1e6,
        "Degrees of freedom of the Student-t shocks, scaled to unit variance (4: very fat tails; large: nearly normal).",
        true,
      ),
    }),
    v.strictObject({
      type: v.literal("bootstrap"),
      returns: v.pipe(
        v.array(num(-10, 10, "A log return ln(P_t/P_{t−1}) over one step of the scenario.")),
        v.minLength(1, expected("at least one return")),
        v.maxLength(1_000_000, expected("at most 1,000,000 returns")),
        v.description(
          "A historical series of log returns, each over one step of the scenario (stepSeconds): prepare a series of another frequency first (sum consecutive finer returns; or generate at the series' own interval). Every bootstrap asset's series must be as long (one sample of the same times).",
        ),
      ),
      blockSteps: v.optional(
        num(
          1,
          1e9,
          "Mean length of the blocks, in steps (a stationary bootstrap: each step starts a new block at a random return with probability 1/blockSteps, else takes the next one; 1 draws returns independently). Every bootstrap asset's must be the same.",
        ),
        10,
      ),
    }),
  ],
  expected('a model of type "gbm", "merton", "garch" or "bootstrap"'),
);

export const Asset = v.strictObject({
  id: id("The asset's id, e.g. ETH or USDC."),
  price: num(0, PRICE_MAX, "Its price in quote units (USD) at step 0.", true),
  vol: v.optional(
    num(0, 100, "Annualized volatility, for generated paths and depth withdrawal (decimal, 0.8 = 80%)."),
    0,
  ),
  referenceVenue: v.optional(
    id(
      "The venue whose price alone is the asset's market price in the summary. Without it the market price is the depth-weighted mean over all the venues that trade the asset: Σ w·price·(quote asset's price) / Σ w, w = the base each venue could sell within 5% of its price before step 0.",
    ),
  ),
  model: v.optional(
    v.pipe(
      PathModel,
      v.description(
        "How its price moves on generated paths (Monte Carlo stress): gbm, merton (jumps), garch (volatility clustering, fat tails) or bootstrap (blocks of a historical series). Without it an asset with a vol follows GBM without drift, and one without stays at its price.",
      ),
    ),
  ),
});

export const Correlation = v.strictObject({
  assets: v.pipe(
    v.tuple([id("An asset with a vol or a model."), id("Another one.")], expected("two asset ids")),
    v.description("The two assets (neither a bootstrap asset: those keep their series' own co-movement)."),
  ),
  rho: num(-1, 1, "The correlation of their normal shocks, step by step."),
});

const pair = {
  id: id("The venue's id."),
  base: id("The asset traded (an asset id)."),
  quote: id("The asset it is priced in (an asset id)."),
};

export const ConstantProductVenue = v.strictObject({
  ...pair,
  type: v.literal("constantProduct"),
  reserveBase: num(1e-12, AMOUNT_MAX, "Base reserve (token units)."),
  reserveQuote: num(1e-12, AMOUNT_MAX, "Quote reserve (token units)."),
  feeBps: v.optional(num(0, 9999, "Fee on the input, in basis points (Uniswap v2: 30)."), 30),
});

export const ConcentratedLiquidityVenue = v.strictObject({
  ...pair,
  type: v.literal("concentratedLiquidity"),
  price: num(0, PRICE_MAX, "Price at step 0 (quote per base).", true),
  feePips: v.optional(int(0, 999_999, "Fee in hundredths of a basis point (Uniswap v3: 500, 3000, 10000)."), 3000),
  tickSpacing: v.optional(int(1, 16384, "Tick spacing."), 60),
  positions: v.pipe(
    v.array(
      v.strictObject({
        tickLower: int(-887272, 887272, "Lower tick (a multiple of tickSpacing)."),
        tickUpper: int(-887272, 887272, "Upper tick (a multiple of tickSpacing, above tickLower)."),
        liquidity: num(1e-12, 1e30, "Liquidity in Uniswap v3 units."),
      }),
    ),
    v.minLength(1, expected("at least one position")),
    v.description("Liquidity positions."),
  ),
});

export const StableSwapVenue = v.strictObject({
  ...pair,
  type: v.literal("stableSwap"),
  reserveBase: num(1e-12, AMOUNT_MAX, "Base reserve."),
  reserveQuote: num(1e-12, AMOUNT_MAX, "Quote reserve."),
  amplification: num(1, 1e6, "Curve's amplification A (whitepaper A·n^(n-1), as Curve stores it)."),
  feeBps: v.optional(num(0, 9999, "Fee on the output, in basis points."), 4),
});

export const Profile = v.strictObject({
  spreadBps: num(0, 10_000, "Best bid to best ask, in basis points of the mid."),
  levels: int(1, 100_000, "Levels per side."),
  levelBps: num(0, 10_000, "Distance between levels, in basis points of the mid."),
  qtyPerLevel: num(0, AMOUNT_MAX, "Base quantity at the first level.", true),
  decay: v.optional(num(0, 1, "Level i holds qtyPerLevel × decay^i."), 1),
});

export const ResilienceSchema = v.strictObject({
  halfLifeSeconds: num(0, 1e9, "Half-life of the refill of eaten depth (Obizhaeva–Wang resilience).", true),
  volHalfLifeSeconds: v.optional(num(0, 1e9, "Half-life of the realized-volatility estimate.", true), 300),
  baseVol: v.optional(
    num(0, 100, "Calm volatility above which makers withdraw depth (default: the asset's vol).", true),
  ),
  sensitivity: v.optional(num(0, 1e6, "Depth factor 1/(1 + sensitivity·max(0, σ/σ₀ - 1))."), 1),
});

export const OrderBookVenue = v.strictObject({
  ...pair,
  type: v.literal("orderBook"),
  tickSize: num(1e-12, 1e9, "Price step."),
  lotSize: v.optional(num(1e-18, 1e9, "Quantity step."), 1e-6),
  capacity: v.optional(
    int(
      1,
      16_777_215,
      "A hard cap on resting orders: an order that would rest beyond it is refused. Without it the book grows as orders rest (up to 16,777,215).",
    ),
  ),
  profile: v.optional(v.pipe(Profile, v.description("Market makers' depth around the asset's price."))),
  resilience: v.optional(ResilienceSchema),
  snapshot: v.optional(
    v.strictObject({
      bids: v.array(v.tuple([num(0, PRICE_MAX, "Price.", true), num(0, AMOUNT_MAX, "Quantity.", true)])),
      asks: v.array(v.tuple([num(0, PRICE_MAX, "Price.", true), num(0, AMOUNT_MAX, "Quantity.", true)])),
    }),
  ),
});

export const Venue = v.variant(
  "type",
  [ConstantProductVenue, ConcentratedLiquidityVenue, StableSwapVenue, OrderBookVenue],
  expected('a venue of type "constantProduct", "concentratedLiquidity", "stableSwap" or "orderBook"'),
);

const maxAge = v.optional(
  int(
    0,
    10_000_000,
    "A price older than this many steps (since the oracle last published) is missing to the protocols that read it: they skip the liquidations that need it, as a contract checking the price's age reverts. Default: no limit.",
  ),
);

const latency = v.optional(
  int(
    0,
    1_000_000,
    "Steps between observing and publishing (a spot oracle with L publishes what it saw L steps earlier).",
  ),
  0,
);

const anchor = v.optional(
  v.pipe(
    v.strictObject({
      oracle: id("The anchor oracle (itself not anchored)."),
      maxDeviation: num(
        0,
        10,
        "The band: the oracle's own price p is accepted while the anchor's published price A satisfies 1 - maxDeviation ≤ A/p ≤ 1 + maxDeviation (Compound's UniswapAnchoredView isWithinAnchor, anchorToleranceMantissa 0.2 in 2020).",
      ),
      outside: v.pipe(
        v.optional(v.picklist(["keep", "clamp"], expected('"keep" or "clamp"')), "keep"),
        v.description(
          "Outside the band: keep publishes nothing new, its last price stays (the contract's PriceGuarded); clamp publishes the band's nearest edge. Default keep.",
        ),
      ),
    }),
    v.description(
      "Bounds the oracle to a band around another oracle's price, as Compound's Open Price Feed bounded Coinbase's signed prices to ±20% of a Uniswap TWAP. Anchors publish first in each step; before step 0 the oracle shows its sources' price unchecked.",
    ),
  ),
);

/** An oracle's list of sources (1 to 64 venues or assets), described. */
function sources(description: string) {
  return v.pipe(
    v.array(id("A venue or asset id.")),
    v.minLength(1, expected("at least one source")),
    v.maxLength(64, expected("at most 64 sources")),
    v.description(description),
  );
}

export const Oracle = v.variant(
  "type",
  [
    v.strictObject({
      id: id("The oracle's id."),
      type: v.literal("spot"),
      source: id("A venue whose price it reads, or an asset id for the asset's exogenous price."),
      latencySteps: latency,
      maxAgeSteps: maxAge,
      anchor,
    }),
    v.strictObject({
      id: id("The oracle's id."),
      type: v.literal("median"),
      sources: sources(
        "Publishes the median of its sources' prices; with an even number of sources the mean of the middle two (so a two-source median is their mean, and one wrong source moves it by half its error).",
      ),
      latencySteps: latency,
      maxAgeSteps: maxAge,
      anchor,
    }),
    v.pipe(
      v.strictObject({
        id: id("The oracle's id."),
        type: v.literal("index"),
        sources: sources(
          "Publishes the weighted mean of its sources' prices: an exchange's index, as Binance valued USDe, wBETH and BNSOL collateral by a mix of its own spot book and a conversion rate (an asset's exogenous price).",
        ),
        weights: v.pipe(
          v.array(num(0, 1, "A source's weight.")),
          v.description("One weight per source, in the same order, summing to 1."),
        ),
        latencySteps: latency,
        maxAgeSteps: maxAge,
        anchor,
      }),
      v.check((o) => o.weights.length === o.sources.length, expected("as many weights as sources")),
      v.check((o) => Math.abs(o.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9, expected("weights summing to 1")),
    ),
    v.strictObject({
      id: id("The oracle's id."),
      type: v.literal("twap"),
      source: id("A venue or asset id."),
      windowSteps: int(1, 1_000_000, "Steps averaged (arithmetic mean of the observations)."),
      latencySteps: latency,
      maxAgeSteps: maxAge,
      anchor,
    }),
    v.strictObject({
      id: id("The oracle's id."),
      type: v.literal("push"),
      source: id("A venue or asset id."),
      deviationBps: num(
        0,
        10_000,
        "Publishes when the observation moves this far from the last published price (Chainlink's deviation threshold).",
      ),
      heartbeatSteps: int(1, 1_000_000, "…or when this many steps have passed since the last publication."),
      latencySteps: latency,
      maxAgeSteps: maxAge,
      anchor,
    }),
  ],
  expected('an oracle of type "spot", "median", "index", "twap" or "push"'),
);

/** A level drawn per generated position in [lo, hi]: min + (max − min)·u^shape (assembly/engine/generate.ts). */
function level(hi: number, name: string, min: string, max: string, lo = 1) {
  return v.strictObject({
    min: num(lo, hi, min),
    max: num(lo, hi, max),
    shape: v.optional(
      num(0.01, 100, `${name} = min + (max - min)·u^shape, u uniform: shape > 1 crowds positions near min.`),
      2,
    ),
  });
}

// ---- positions ----------------------------------------------------------------------------------

export const LendingPosition = v.strictObject({
  account: v.optional(id("An account id, for reports.")),
  collateral: v.record(id("Asset id."), num(0, AMOUNT_MAX, "Amount."), expected("an object of asset: amount")),
  debt: v.record(id("Asset id."), num(0, AMOUNT_MAX, "Amount."), expected("an object of asset: amount")),
});

export const Generate = v.strictObject({
  generate: v.strictObject({
    count: int(1, 10_000_000, "Positions to draw."),
    collateral: id("The collateral asset."),
    debt: id("The debt asset."),
    totalCollateral: num(
      0,
      1e15,
      "Sum of collateral over all positions (their sizes are lognormal around the mean).",
      true,
    ),
    sizeDispersion: v.optional(num(0, 10, "σ of the log of a position's size."), 1),
    health: level(100, "Health", "Lowest health factor drawn (≥ 1: nothing is liquidatable at step 0).", "Highest."),
  }),
});

const CSV_FORMAT =
  "a header row naming account, collateralAsset, collateralAmount, debtAsset and debtAmount (any order; other columns ignored) and optionally protocol, then one row per (account, collateral, debt) — the shape of a subgraph or Dune export. Rows of one account add up. With a protocol column every row must name this protocol's id; a row for another one, or a CSV without rows, is an error naming its line. Any size: 100,000 rows load in well under a second.";

export const Csv = v.strictObject({
  csv: v.pipe(v.string(expected("a string")), v.description(`CSV text: ${CSV_FORMAT}`)),
});

export const CsvFile = v.strictObject({
  csvFile: v.pipe(
    v.string(expected("a path")),
    v.minLength(1, expected("a path")),
    v.description(
      `A CSV file (${CSV_FORMAT}), resolved relative to the scenario file by the CLI and by loadScenario(), or to options.baseUrl of validateScenario() and simulate() on Node and Deno; in a browser or a worker, give its text as "csv" or use loadScenario(url).`,
    ),
  ),
});

const lendingPositions = v.union(
  [v.pipe(v.array(LendingPosition), v.description("Explicit positions.")), Generate, Csv, CsvFile],
  expected('an array of positions, { generate: {...} }, { csv: "..." } or { csvFile: "path" }'),
);

// ---- protocols ----------------------------------------------------------------------------------

export const LendingProtocol = v.strictObject({
  id: id("The protocol's id."),
  type: v.literal("lending"),
  oracles: v.pipe(
    v.record(id("Asset id."), id("The oracle pricing it."), expected("an object of asset: oracle id")),
    v.description(
      "The oracle that prices each asset. An asset the protocol uses (in markets or positions) but gives no oracle for is valued at its own exogenous price: the asset's price, following a path or drop shock that names it (stablecoin debt, typically).",
    ),
  ),
  markets: v.record(
    id("Asset id."),
    v.strictObject({
      liquidationThreshold: num(0, 1, "Collateral value counted toward health (Aave LT, 0.825 = 82.5%).", true),
      liquidationBonus: num(0, 1, "Extra collateral a liquidator gets, as a fraction of the repaid value (0.05 = 5%)."),
      protocolFee: v.optional(num(0, 1, "Share of the bonus kept by the protocol (Aave's liquidationProtocolFee)."), 0),
    }),
    expected("an object of asset: market"),
  ),
  closeFactor: v.optional(num(0, 1, "Share of the debt repaid per liquidation (Aave: 0.5).", true), 0.5),
  fullCloseBelowHealth: v.optional(num(0, 1, "Below this health the whole debt may be repaid (Aave: 0.95)."), 0.95),
  aaveV33: v.optional(
    v.pipe(
      v.strictObject({
        fullCloseBelowValue: v.optional(
          num(
            0,
            1e15,
            "MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD: the whole debt of an asset may be repaid when the collateral or the debt being liquidated is worth less than this (quote units at the protocol's prices; Aave: 2,000 USD).",
          ),
          2000,
        ),
        minLeftoverValue: v.optional(
          num(
            0,
            1e15,
            "MIN_LEFTOVER_BASE: a liquidation that clears neither the debt nor the collateral being liquidated must leave at least this value of each (Aave: 1,000 USD); the liquidator takes the largest one allowed, or none that step.",
          ),
          1000,
        ),
      }),
      v.description(
        "Aave v3.3's liquidation rules (aave-v3-origin LiquidationLogic.sol): the full close below a position size, the close factor applied to the account's whole debt, the leftover rule; debt left without collateral is written off into the asset's deficit (summary.protocols[id].deficit). {} takes Aave's constants.",
      ),
    ),
  ),
  positions: lendingPositions,
});

export const PerpsProtocol = v.strictObject({
  id: id("The protocol's id."),
  type: v.literal("perps"),
  base: id("The traded asset."),
  oracle: id("The oracle of the mark price."),
  venue: id("Where liquidation orders are sent."),
  maintenanceMargin: num(0, 1, "Maintenance margin, a fraction of the position's notional (0.005 = 0.5%).", true),
  liquidationFee: v.optional(num(0, 1, "Fee of the notional paid to the insurance fund on liquidation."), 0.005),
  insuranceFund: num(0, 1e15, "The insurance fund at step 0, in quote units."),
  positions: v.union(
    [
      v.array(
        v.strictObject({
          account: v.optional(id("An account id, for reports.")),
          size: v.pipe(
            num(-AMOUNT_MAX, AMOUNT_MAX, "Position in base units: positive long, negative short."),
            v.check((x) => x !== 0, expected("a size other than 0")),
          ),
          entryPrice: num(0, PRICE_MAX, "Entry price.", true),
          margin: num(0, 1e15, "Isolated margin in quote units.", true),
        }),
      ),
      v.strictObject({
        generate: v.strictObject({
          count: int(1, 10_000_000, "Positions to draw, all entered at the oracle's price at step 0."),
          totalNotional: num(0, 1e15, "Sum of |size|·price (their sizes are lognormal around the mean).", true),
          sizeDispersion: v.optional(num(0, 10, "σ of the log of a position's notional."), 1),
          leverage: level(
            1000,
            "Leverage",
            "Lowest leverage (notional / margin) drawn.",
            "Highest (at most 1/maintenanceMargin: nothing is liquidatable at step 0).",
          ),
          longShare: v.optional(num(0, 1, "Probability that a position is long (else short)."), 0.5),
        }),
      }),
    ],
    expected("an array of positions or { generate: {...} }"),
  ),
});

const PortfolioAccount = v.strictObject({
  account: v.optional(id("An account id, for reports.")),
  collateral: v.record(
    id("A collateral asset of the protocol."),
    num(0, AMOUNT_MAX, "Amount, in the asset's units."),
    expected("an object of asset: amount"),
  ),
  positions: v.optional(
    v.record(
      id("A market of the protocol (its traded asset)."),
      v.strictObject({
        size: v.pipe(
          num(-AMOUNT_MAX, AMOUNT_MAX, "Position in base units: positive long, negative short."),
          v.check((x) => x !== 0, expected("a size other than 0")),
        ),
        entryPrice: num(0, PRICE_MAX, "Entry price.", true),
      }),
      expected("an object of market: { size, entryPrice }"),
    ),
    {},
  ),
  cash: v.optional(num(-1e15, 1e15, "Quote balance beside the collateral (realized PnL); default 0."), 0),
});

export const PortfolioProtocol = v.strictObject({
  id: id("The protocol's id."),
  type: v.literal("portfolio"),
  markets: v.pipe(
    v.record(
      id("The traded asset."),
      v.strictObject({
        oracle: id("The oracle of the mark price."),
        venue: id("Where liquidation orders are sent (its base is the traded asset)."),
        maintenanceMargin: num(0, 1, "Maintenance margin, a fraction of the position's notional.", true),
      }),
      expected("an object of asset: { oracle, venue, maintenanceMargin }"),
    ),
    v.check((x) => Object.keys(x).length > 0, expected("at least one market")),
    v.description("Its perpetual markets, by traded asset: every account's positions are margined together."),
  ),
  collateral: v.pipe(
    v.record(
      id("A collateral asset."),
      v.strictObject({
        oracle: v.optional(id("The oracle valuing it (an index, typically). Default: the asset's exogenous price.")),
        haircut: v.optional(num(0, 1, "Its value counts for (1 − haircut) toward margin."), 0),
        venue: v.optional(
          id(
            "Where a liquidated account's collateral is sold to cover its loss. Default: none, it is converted at its price (the quote asset).",
          ),
        ),
      }),
      expected("an object of asset: { oracle?, haircut?, venue? }"),
    ),
    v.check((x) => Object.keys(x).length > 0, expected("at least one collateral asset")),
    v.description("The assets accounts post as margin (Binance's unified account: USDT, USDe, wBETH, BNSOL…)."),
  ),
  liquidationFee: v.optional(
    num(0, 1, "Fee of the notional closed, paid to the insurance fund from what is left."),
    0.005,
  ),
  insuranceFund: num(0, 1e15, "The insurance fund at step 0, in quote units."),
  backstop: v.optional(
    v.pipe(
      v.strictObject({
        capital: num(0, 1e15, "The vault's equity at step 0, quote.", true),
        threshold: v.optional(
          num(0, 1, "It takes over an account whose equity / maintenance margin is below this (Hyperliquid: 2/3)."),
          2 / 3,
        ),
        lossLimit: v.optional(
          num(
            0,
            1,
            "It takes over no account whose equity would leave it down more than this share of its capital (such an account goes to ADL if it is worth less than nothing). Default 1: all its capital.",
          ),
          1,
        ),
        unwindPerStep: v.optional(
          num(0, 1, "Share of each position it holds that it closes on the venue every step."),
          0,
        ),
      }),
      v.description(
        "A backstop liquidity vault (Hyperliquid's liquidator vault in HLP): it takes an account's positions at the marks and its whole remaining equity, marks them to market and unwinds them on the venues; its equity is the protocol's timeline series.",
      ),
    ),
  ),
  accounts: v.union(
    [
      v.pipe(v.array(PortfolioAccount), v.description("Explicit accounts.")),
      v.strictObject({
        generate: v.strictObject({
          count: int(1, 10_000_000, "Accounts to draw, their positions entered at the marks of step 0."),
          totalNotional: num(0, 1e15, "Sum of the accounts' notional (lognormal around the mean).", true),
          sizeDispersion: v.optional(num(0, 10, "σ of the log of an account's notional."), 1),
          leverage: level(
            1000,
            "Leverage",
            "Lowest leverage (notional / margin equity) drawn.",
            "Highest (below 1/maintenanceMargin of every market: nothing is liquidatable at step 0).",
          ),
          longShare: v.optional(num(0, 1, "Probability that an account is long (in every market), else short."), 0.5),
          markets: v.record(
            id("A market."),
            num(0, 1, "Share of each account's notional in it."),
            expected("an object of market: share (summing to 1)"),
          ),
          collateral: v.record(
            id("A collateral asset."),
            num(0, 1, "Share of each account's margin equity posted in it (after its haircut)."),
            expected("an object of asset: share (summing to 1)"),
          ),
        }),
      }),
    ],
    expected("an array of accounts or { generate: {...} }"),
  ),
});

export const Curve = v.variant(
  "type",
  [
    v.strictObject({ type: v.literal("linear"), tau: num(0, 1e9, "Seconds from top to zero.", true) }),
    v.strictObject({ type: v.literal("exponential"), cut: num(0, 1, "Multiplier per second.", true) }),
    v.strictObject({
      type: v.literal("stairstep"),
      cut: num(0, 1, "Multiplier per step.", true),
      step: num(0, 1e9, "Seconds per step.", true),
    }),
  ],
  expected('a price curve of type "linear", "exponential" or "stairstep"'),
);

/** Liquidations 2.0's Dutch auctions (dss clip.sol, dog.sol), without the global limit. */
const clipAuction = {
  type: v.optional(v.literal("clip", expected('"clip" or "flip"'))),
  buf: num(1, 100, "Starting price over the oracle price (buf, 1.2)."),
  curve: Curve,
  tail: num(0, 1e12, "Seconds before an auction needs a reset (tail).", true),
  cusp: num(0, 1, "Share of the starting price below which an auction needs a reset (cusp)."),
  chip: v.optional(
    num(0, 1, "Keeper incentive on a bark or redo, share of the tab (chip); system debt, counted in the bad debt."),
    0,
  ),
  tip: v.optional(
    num(0, 1e12, "Flat keeper incentive on a bark or redo, in debt units (tip); system debt, counted in the bad debt."),
    0,
  ),
  hole: v.optional(num(0, 1e18, "Most debt (with penalty) in auctions of this collateral at once (ilk.hole)."), 1e18),
};

const CLIP =
  'Liquidations 2.0 (type "clip", the default): Dutch auctions that start at the oracle price × buf and fall along the curve; keepers take at the current price (dss clip.sol, dog.sol).';

/** The English auctions of 2020 (dss flip.sol and cat.sol of the MCD launch). */
export const FlipAuction = v.pipe(
  v.strictObject({
    type: v.literal("flip"),
    beg: num(
      1,
      10,
      "Minimum bid step (beg): a tend bid at least beg × the last (or the whole tab), a dent lot at most 1/beg of the last (2020: 1.03).",
    ),
    ttl: num(
      0,
      1e9,
      "Seconds a bid lives (ttl): the auction ends this long after its last bid (12 March 2020: 600).",
      true,
    ),
    tau: num(0, 1e9, "Most seconds an auction runs (tau); one with no bid by then restarts for tau more (tick).", true),
    lump: v.optional(
      num(
        0,
        AMOUNT_MAX,
        "Most collateral per auction (the Cat's lump, 50 ETH at the MCD launch): a larger vault is bitten into several auctions. Default: the whole vault.",
        true,
      ),
    ),
  }),
  v.description(
    'The English auctions of 2020 (type "flip": dss flip.sol and cat.sol of the MCD launch): keepers bid DAI up for the lot (tend) until a bid reaches the tab, then bid the lot down for the tab (dent), the rest going back to the owner; no hole, Hole, tip, chip or dust rule.',
  ),
);

/** One collateral type's own fields (an ilk), as a single-collateral cdp entry and each of `ilks` give them. */
const ilkFields = {
  collateral: id("The collateral asset."),
  oracle: id("The oracle of the collateral price (Maker's OSM is a spot oracle with latency)."),
  liquidationRatio: num(1, 100, "Collateral value / debt below which a vault is liquidated (mat, 1.5 = 150%)."),
  penalty: v.optional(num(1, 2, "Debt multiplier on liquidation (chop, 1.13)."), 1.13),
  dust: v.optional(
    num(0, 1e15, "Smallest debt (art × rate) a vault or a partial Dutch auction may leave (dust, in debt units)."),
    0,
  ),
  rate: v.optional(
    num(
      0,
      1e9,
      "The stability fees accumulated (dss's ilk.rate): a vault owes art × rate, so its safety (ink × price < art × rate × liquidationRatio), its auction's tab (art × rate × penalty) and the dust rules use art × rate. Default 1.",
      true,
    ),
    1,
  ),
  vaults: v.union(
    [
      v.array(
        v.strictObject({
          account: v.optional(id("An account id, for reports.")),
          ink: num(0, AMOUNT_MAX, "Collateral locked.", true),
          art: num(0, AMOUNT_MAX, "Normalised debt (dss art): the vault owes art × rate.", true),
        }),
      ),
      v.strictObject({
        generate: v.strictObject({
          count: int(1, 10_000_000, "Vaults to draw."),
          totalInk: num(0, 1e15, "Sum of collateral.", true),
          sizeDispersion: v.optional(num(0, 10, "σ of the log of a vault's size."), 1),
          ratio: level(
            100,
            "Ratio",
            "Lowest collateralization ratio ink × price / (art × rate) drawn (≥ liquidationRatio).",
            "Highest.",
          ),
        }),
      }),
      v.pipe(
        Csv,
        v.description(
          "Vaults as CSV: collateralAmount is ink, debtAmount art (in the protocol's collateral and debt assets).",
        ),
      ),
      v.pipe(CsvFile, v.description("Vaults from a CSV file, as `csv`.")),
    ],
    expected('an array of vaults, { generate: {...} }, { csv: "..." } or { csvFile: "path" }'),
  ),
};

const HOLE =
  "Most debt (with penalty) in Dutch auctions overall, over every collateral type of this Maker system at once (the Dog's Hole).";

/**
 * A MakerDAO system of one collateral type, its fields at the top (the shape version 1 had from
 * the start): one ilk under its own Hole, given in `auction`. A system of several is CdpMulti.
 */
export const CdpSingle = v.strictObject({
  id: id("The protocol's id."),
  type: v.literal("cdp"),
  debt: id("The stablecoin lent (its price is 1 quote unit)."),
  ...ilkFields,
  collateral: id("The collateral asset (ilk)."),
  auction: v.pipe(
    v.variant(
      "type",
      [
        v.strictObject({
          ...clipAuction,
          Hole: v.optional(num(0, 1e18, `${HOLE} With one collateral type it bounds the same auctions as hole.`), 1e18),
        }),
        FlipAuction,
      ],
      expected('an auction of type "clip" (or none) or "flip"'),
    ),
    v.description(CLIP),
  ),
});

/** One collateral type of a multi-collateral Maker system. */
export const CdpIlk = v.strictObject({
  id: id("The collateral type's id (dss ilk, e.g. ETH-A)."),
  ...ilkFields,
  auction: v.pipe(
    v.variant(
      "type",
      [v.strictObject(clipAuction), FlipAuction],
      expected('an auction of type "clip" (or none) or "flip"'),
    ),
    v.description(`${CLIP} Hole is the protocol's, not an ilk's.`),
  ),
});

/** A Maker system of several collateral types (ilks) under one Hole. */
export const CdpMulti = v.strictObject({
  id: id("The protocol's id."),
  type: v.literal("cdp"),
  debt: id("The stablecoin lent (its price is 1 quote unit)."),
  Hole: v.optional(num(0, 1e18, HOLE), 1e18),
  ilks: v.pipe(
    v.array(CdpIlk),
    v.minLength(1, expected("at least one collateral type")),
    v.maxLength(8, expected("at most 8 collateral types")),
    v.description(
      "The collateral types (ilks, at most 8), each with its collateral, oracle, parameters, auctions and vaults. Within a step each phase (running auctions, barks, new auctions' takes) goes over them in the order of their ids, so the first ids have the first room under Hole; their vaults are numbered in that order (events' positions).",
    ),
  ),
});

export const OptionsVaultProtocol = v.strictObject({
  id: id("The protocol's id."),
  type: v.literal("optionsVault"),
  underlying: id("The options' underlying asset (also their collateral)."),
  oracle: id("The oracle of the underlying."),
  venue: id("Where collateral is sold when an account is liquidated."),
  rate: v.optional(num(-3, 3, "Risk-free rate for pricing."), 0),
  margin: v.strictObject({
    spotShock: num(0, 1, "Margin = worst loss of the short options under a spot move of ± this share…", true),
    volShock: num(0, 10, "…and a vol rise of this much (absolute, 0.3 = 30 points)."),
  }),
  accounts: v.union(
    [
      v.array(
        v.strictObject({
          account: v.optional(id("An account id, for reports.")),
          collateral: num(0, AMOUNT_MAX, "Collateral in units of the underlying.", true),
          options: v.pipe(
            v.array(
              v.strictObject({
                strike: num(0, PRICE_MAX, "Strike.", true),
                days: num(0, 10_950, "Days to expiry at step 0 (at most 30 years, as greeks.bsm).", true),
                call: v.boolean(expected("true (call) or false (put)")),
                qty: num(0, AMOUNT_MAX, "Options sold (short), in units of the underlying.", true),
                vol: num(0, 100, "Implied vol at step 0.", true),
              }),
            ),
            v.minLength(1, expected("at least one option")),
          ),
        }),
      ),
      v.strictObject({
        generate: v.strictObject({
          count: int(1, 1_000_000, "Accounts to draw, each short one option."),
          totalCollateral: num(0, 1e15, "Sum of their collateral, units of the underlying (lognormal sizes).", true),
          sizeDispersion: v.optional(num(0, 10, "σ of the log of an account's collateral."), 1),
          callShare: v.optional(num(0, 1, "Probability that an account sold a call (else a put)."), 0.5),
          otm: level(
            0.99,
            "Distance",
            "Nearest strike, as a distance from the oracle's price S at step 0: a put at S·(1 − x), a call at S·(1 + x).",
            "Farthest.",
            0,
          ),
          days: level(10_950, "Days", "Fewest days to expiry.", "Most.", 0.001),
          vol: num(0, 100, "Implied vol of every option.", true),
          health: level(
            100,
            "Health",
            "Lowest margin health at step 0 (≥ 1: no account is breached at the start); it sets the quantity sold.",
            "Highest.",
          ),
        }),
      }),
    ],
    expected("an array of accounts or { generate: {...} }"),
  ),
});

export const Protocol = v.variant(
  "type",
  [LendingProtocol, PerpsProtocol, PortfolioProtocol, CdpSingle, CdpMulti, OptionsVaultProtocol],
  expected('a protocol of type "lending", "perps", "portfolio", "cdp" or "optionsVault"'),
);

// ---- agents, shocks, mitigations ----------------------------------------------------------------

export const Liquidator = v.strictObject({
  id: id("The liquidator's id."),
  capital: v.nullable(num(0, 1e15, "Quote capital to repay debt with; null = unlimited.")),
  sellVenue: id("Where seized collateral is sold."),
  buyVenue: v.optional(
    id(
      "Where it buys the debt it repays, when the debt is this venue's base asset (a volatile debt, such as CRV borrowed against USDC): it buys only what the venue sells at most at the debt's oracle price × (1 + the collateral's liquidation bonus), so the seized collateral pays for it, and repays what it bought; the purchase moves the venue. Without it (the default) debt is bought at the oracle's price with no trade.",
    ),
  ),
  protocols: v.optional(v.array(id("A protocol it works on.")), []),
  maxPerStep: v.optional(
    int(1, 1_000_000_000, "Liquidations it can fit in one step (block space, gas)."),
    1_000_000_000,
  ),
  strategy: v.optional(v.picklist(["sell", "hold"], expected('"sell" or "hold"')), "sell"),
  minProfitBps: v.optional(
    num(0, 10_000, "Takes a CDP auction only if the price leaves this profit after the venue's slippage."),
    0,
  ),
});

export const Dealer = v.strictObject({
  id: id("The dealers' id."),
  venue: id("Where they hedge."),
  underlying: id("The options' underlying asset."),
  rate: v.optional(num(-3, 3, "Rate for their Greeks."), 0),
  dealers: v.optional(
    v.picklist(["long-calls-short-puts", "short-all", "long-all"], expected("a dealer side")),
    "long-calls-short-puts",
  ),
  options: v.array(
    v.strictObject({
      strike: num(0, PRICE_MAX, "Strike.", true),
      days: num(0, 36_500, "Days to expiry at step 0.", true),
      call: v.boolean(expected("true (call) or false (put)")),
      openInterest: num(0, AMOUNT_MAX, "Contracts (units of the underlying)."),
      vol: num(0, 100, "Implied vol.", true),
    }),
  ),
});

export const Arbitrageur = v.strictObject({
  id: id("The arbitrageur's id."),
  venues: v.pipe(
    v.tuple([id("A venue."), id("Another venue of the same pair.")]),
    v.description("The two venues it keeps in line."),
  ),
  capital: v.optional(v.nullable(num(0, 1e15, "Quote capital per step; null = unlimited.")), null),
});

export const Shock = v.variant(
  "type",
  [
    v.strictObject({
      type: v.literal("sell"),
      venue: id("Where the flow trades."),
      qty: num(0, AMOUNT_MAX, "Base units sold.", true),
      step: int(0, 10_000_000, "The step it arrives."),
      overSteps: v.optional(int(1, 10_000_000, "Spread evenly over this many steps."), 1),
    }),
    v.strictObject({
      type: v.literal("buy"),
      venue: id("Where the flow trades."),
      qty: num(0, AMOUNT_MAX, "Quote units spent.", true),
      step: int(0, 10_000_000, "The step it arrives."),
      overSteps: v.optional(int(1, 10_000_000, "Spread evenly over this many steps."), 1),
    }),
    v.strictObject({
      type: v.literal("path"),
      asset: id(
        "The asset whose exogenous price follows the path; arbitrageurs of the wider market pull its venues toward it.",
      ),
      prices: v.pipe(v.array(num(0, PRICE_MAX, "Price.", true)), v.minLength(1, expected("at least one price"))),
      everySteps: v.optional(int(1, 10_000_000, "Steps between the given prices (linear in between)."), 1),
      pull: v.optional(
        num(
          0,
          1,
          "Share of the gap between each venue of the asset and the path that the outside market's arbitrageurs close each step (0.5: half the gap, so venues lag the path and a cascade's sales keep part of their effect).",
        ),
        0.5,
      ),
    }),
    v.strictObject({
      type: v.literal("drop"),
      asset: id("The asset whose outside market falls."),
      fraction: num(0, 1, "How far it falls, a share of the price before it starts (0.3 = 30%).", true),
      steps: v.optional(int(1, 10_000_000, "Over this many steps (linearly); 1 = inside one step."), 1),
      step: v.optional(int(0, 10_000_000, "The step it starts (its first lower price)."), 0),
      pull: v.optional(
        num(
          0,
          1,
          "Share of the gap between each venue and the outside market that arbitrageurs close each step (1: venues trade at the outside price before liquidations act).",
        ),
        1,
      ),
    }),
    v.strictObject({
      type: v.literal("oracle"),
      oracle: id("The oracle manipulated or fractured."),
      price: num(0, PRICE_MAX, "The price it publishes."),
      fromStep: int(0, 10_000_000, "First step."),
      toStep: int(0, 10_000_000, "Last step."),
    }),
    v.strictObject({
      type: v.literal("crash"),
      asset: id("The asset whose outside market crashes."),
      fraction: num(0, 1, "How far it falls inside one step, a share of the price (0.5 = 50%).", true),
      step: v.optional(
        int(0, 10_000_000, "The step it happens: venues and oracles reading the asset see it at once."),
        0,
      ),
      recoverSteps: v.optional(
        int(
          1,
          10_000_000,
          "If given, the outside market recovers linearly to its price before the crash over this many steps.",
        ),
      ),
      pull: v.optional(
        num(0, 1, "Share of the gap between each venue and the outside market that arbitrageurs close each step."),
        1,
      ),
    }),
    v.strictObject({
      type: v.literal("oracleOutage"),
      oracle: id("The oracle that fails."),
      mode: v.optional(
        v.pipe(
          v.picklist(["stale", "missing"], expected('"stale" or "missing"')),
          v.description(
            "stale: it stops publishing and its last price stays in force, ageing (protocols use it until it passes the oracle's maxAgeSteps); missing: it publishes nothing, and the protocols that read it skip the liquidations that need it, as a contract reverting on a missing price.",
          ),
        ),
        "stale",
      ),
      fromStep: int(0, 10_000_000, "First step without a publication."),
      toStep: int(0, 10_000_000, "Last step (inclusive); it publishes again the step after."),
    }),
    v.strictObject({
      type: v.literal("sourceFault"),
      oracle: id("The oracle one of whose sources is wrong."),
      source: id("The source (a venue or asset id among the oracle's sources) that reports a wrong price."),
      price: v.optional(num(0, PRICE_MAX, "It reports this constant price…")),
      factor: v.optional(num(0, 1e6, "…or its true price times this factor…")),
      lagSteps: v.optional(
        int(1, 1_000_000, "…or its true price of this many steps earlier (give exactly one of the three)."),
      ),
      fromStep: int(0, 10_000_000, "First step."),
      toStep: int(0, 10_000_000, "Last step (inclusive)."),
    }),
    v.strictObject({
      type: v.literal("keeperOutage"),
      liquidator: v.optional(id("The liquidator (keeper) that is offline; all of them when not given.")),
      fromStep: int(0, 10_000_000, "First step offline."),
      toStep: int(0, 10_000_000, "Last step offline (inclusive); positions stay liquidatable meanwhile."),
    }),
    v.strictObject({
      type: v.literal("congestion"),
      maxPerStep: int(
        0,
        1_000_000_000,
        "Liquidations (and auction actions) each liquidator fits in a step meanwhile (at most its own maxPerStep).",
      ),
      everySteps: v.optional(
        int(1, 10_000_000, "…in one step of every this many (1 in 10: a keeper lands a transaction every 10th block)."),
        1,
      ),
      fromStep: int(0, 10_000_000, "First step."),
      toStep: int(0, 10_000_000, "Last step."),
    }),
  ],
  expected(
    'a shock of type "sell", "buy", "path", "drop", "crash", "oracle", "oracleOutage", "sourceFault", "keeperOutage" or "congestion"',
  ),
);

const mitigationId = v.optional(
  id("The mitigation's id, its key in summary.mitigations. Default: its type. Ids are unique among the mitigations."),
);

export const NoMitigation = v.strictObject({ id: mitigationId, type: v.literal("none") });

// ---- mitigations on the liquidators' sale path and the venues (assembly/engine/absorbers.ts, incentives.ts)

const mitigationAsset = v.optional(
  id(
    "The collateral asset it acts on. Default: the first asset (by id) that a venue trades and whose vol is above 0, else the first a venue trades (the liquidation ladder's default).",
  ),
);
const absorberOracle = v.optional(
  id(
    "The oracle whose published price it values the collateral at. Default: the oracle that the first protocol (by id) using the asset reads for it; without one, the asset's exogenous price.",
  ),
);
const absorberProtocols = v.optional(
  v.pipe(
    v.array(id("A protocol id.")),
    v.description(
      "The protocols whose forced sales it takes (liquidators' seized collateral, perps closing longs, options vaults selling collateral). Default: every protocol.",
    ),
  ),
  [],
);
const unwindSteps = v.optional(
  int(
    1,
    100_000,
    "Steps over which it sells what it took back onto the venue the sale was headed for: what it takes at step t goes in equal slices at steps t+1 … t+unwindSteps (a TWAP); a slice the venue does not take is carried into the next. Default 100.",
  ),
  100,
);

export const InternalAuction = v.strictObject({
  id: mitigationId,
  type: v.literal("internalAuction"),
  asset: mitigationAsset,
  oracle: absorberOracle,
  protocols: absorberProtocols,
  capital: v.optional(
    num(
      0,
      1e15,
      "Quote capital the committed bidders pre-commit. A lot is reserved at its starting price; capital at cost in lots and unsold inventory never exceeds it, and a liquidation's collateral beyond it is sold on the market as without the auction. Default 10,000,000.",
    ),
    10_000_000,
  ),
  discount: v.optional(
    num(
      0,
      1,
      "The committed bidders' required discount to the oracle's price: they buy a lot at the first step its auction price is at most (1 - discount) times the oracle's price then. Default 0.03.",
      false,
    ),
    0.03,
  ),
  floor: v.optional(
    num(
      0,
      1,
      "The auction's price falls linearly from the oracle's price at the kick (P0) to floor·P0 over auctionSteps, then stays there: price(k) = P0·(1 - (1 - floor)·min(k, auctionSteps)/auctionSteps) k steps after the kick. A lot still unbought at the end of the curve goes back to its liquidator, who sells it on its venue. Default 0.9.",
    ),
    0.9,
  ),
  auctionSteps: v.optional(int(1, 1_000_000, "Steps from the starting price to the floor. Default 30."), 30),
  unwindSteps,
});

export const InsuranceFund = v.strictObject({
  id: mitigationId,
  type: v.literal("insurance"),
  asset: mitigationAsset,
  oracle: absorberOracle,
  protocols: absorberProtocols,
  capacity: v.optional(
    num(
      0,
      1e15,
      "The fund's quote capital: what it holds at cost never exceeds it (its sales free capital again). Past it, sales go to the venue as without the fund. Default 10,000,000.",
    ),
    10_000_000,
  ),
  discount: v.optional(
    num(
      0,
      1,
      "The fund bids (1 - discount) times the oracle's price for liquidation flow: a forced sale goes to the venue while the venue pays more than that bid, and the rest to the fund, so the flow's slippage is bounded by this discount. Default 0.02.",
    ),
    0.02,
  ),
  unwindSteps,
});

export const Backstop = v.strictObject({
  id: mitigationId,
  type: v.literal("backstop"),
  asset: mitigationAsset,
  oracle: absorberOracle,
  protocols: absorberProtocols,
  capacity: v.optional(
    v.nullable(
      num(
        0,
        1e15,
        "Quote capital of the pool: what it holds at cost never exceeds it. null: no limit, as Compound III's absorb, which always takes the collateral and charges the protocol's reserves.",
      ),
    ),
    null,
  ),
  minOrder: v.optional(
    num(
      0,
      1e15,
      "Orders worth at least this (quote, at the oracle's price) are absorbed before they reach a venue; smaller ones go to the venue. Default 100,000.",
    ),
    100_000,
  ),
  liquidationFactor: v.optional(
    num(
      0,
      1,
      "The backstop pays this share of the collateral's oracle value (Compound III's liquidationFactor: absorb credits the account liquidationFactor of its collateral's value). Default 0.95, WETH in Compound III's USDC market on Ethereum (compound-finance/comet deployments/mainnet/usdc/configuration.json).",
      true,
    ),
    0.95,
  ),
  storeFrontPriceFactor: v.optional(
    num(
      0,
      1,
      "Its unwind sells no lower than Comet's storefront price, P·(1 - storeFrontPriceFactor·(1 - liquidationFactor)) at the oracle's price P (buyCollateral's price: buyers take it there and sell it on); a slice the venue takes only below it waits. Default 0.5, Compound III's USDC market on Ethereum.",
    ),
    0.5,
  ),
  unwindSteps,
});

export const LiquidityIncentive = v.strictObject({
  id: mitigationId,
  type: v.literal("liquidityIncentive"),
  asset: mitigationAsset,
  budget: v.optional(
    num(
      0,
      1e15,
      "Quote paid over the run to makers for resting bids near the predicted liquidation clusters: it buys budget/costPerUnit base of depth. Default 1,000,000.",
    ),
    1_000_000,
  ),
  costPerUnit: v.optional(
    num(
      0,
      1e15,
      "What one base unit of resting depth costs for the run, in quote. Default: 1% of the asset's price at step 0 (makers ask 100 bps of the notional they keep resting through the stress).",
      true,
    ),
  ),
  bandBps: v.optional(
    num(
      0,
      5000,
      "Half-width of the band the depth rests in around each cluster's price, in basis points of it. Default 100.",
    ),
    100,
  ),
  clusters: v.optional(
    int(
      1,
      100,
      "The clusters: the levels of the asset's static liquidation ladder (0.5% apart, down to -95%) holding the most collateral; the depth is split between them by their collateral and between the asset's order books equally. The bids are placed before step 0 (after the venues are weighed for the market price) at most 64 per band, never above a book's best bid, and rest until filled. An asset traded on no order book gets none: the incentive is not applicable there (it spends nothing). Default 3.",
    ),
    3,
  ),
});

// ---- mitigations on protocols' own rules (assembly/engine/rules.ts, lending.ts)

const guarded = (what: string) =>
  v.optional(
    v.pipe(
      v.array(id("A protocol id.")),
      v.description(
        `The protocols it applies to, lending and cdp ones (${what}). Default: every lending and cdp protocol of the scenario. A protocol is under at most one mitigation of each type.`,
      ),
    ),
  );

/**
 * A decentralized circuit breaker on a protocol's own rules (assembly/engine/rules.ts): a trip on
 * the fall of the prices it follows, caps on the liquidation flow, and ClipperMom's pause.
 */
export const CircuitBreakerMitigation = v.pipe(
  v.strictObject({
    id: mitigationId,
    type: v.literal("circuitBreaker"),
    protocols: guarded(
      "perps, portfolio venues and options vaults liquidate through the exchange's own engine or a keeper with no bonus, auction or flow cap, so none of the breaker's rules applies to them: naming one is an error",
    ),
    windowSteps: v.optional(
      int(
        1,
        1_000_000,
        "The window, in steps, over which the fall is measured (from the highest price of the last windowSteps steps, this one included; steps before step 0 count at the price before it) and over which maxPerWindow counts. Default 300 (an hour of 12-second blocks).",
      ),
      300,
    ),
    tripBps: v.optional(
      num(
        0,
        10_000,
        "The breaker trips, for a collateral price it follows (each lending collateral's oracle, each cdp collateral type's), at the first step where that price is at or below peak × (1 − tripBps/10,000). Default 1,000 (a 10% fall within the window: between the 7% and 13% market-wide circuit breakers of US equities, SEC-approved NYSE Rule 80B).",
        true,
      ),
      1000,
    ),
    slippageBps: v.optional(
      num(
        0,
        10_000,
        "A second trip, on the liquidations' own slippage rather than on prices: the breaker trips for every price it follows at the first step where the forced sellers' slippage over the last windowSteps steps (the steps before this one: this step's sales come after) is at least slippageBps/10,000 of what they sold, valued at the price before each trade (summary.slippagePaid's terms, over every forced sale of the run: liquidators', perps', vaults', absorbers' unwinds). Default: none.",
        true,
      ),
    ),
    holdSteps: v.optional(
      int(
        1,
        10_000_000,
        "Steps it stays tripped: from the step the fall crosses tripBps through holdSteps − 1 steps later, renewed at each step the fall is still at or past it. Default 75 (15 minutes, the halt of Rule 80B's levels 1 and 2).",
      ),
      75,
    ),
    bonusFactor: v.optional(
      num(
        0,
        1,
        "While tripped (once the ramp of rampSteps has run), a lending collateral's liquidation bonus is multiplied by this (less collateral seized per unit of debt repaid), and a cdp's penalty beyond the debt: tab = debt × (1 + (chop − 1) × bonusFactor). Default 0.5.",
      ),
      0.5,
    ),
    rampSteps: v.optional(
      int(
        1,
        1_000_000,
        "The penalty ramp: the bonus (or penalty) multiplier falls linearly from 1 to bonusFactor over rampSteps steps of a trip, 1 − (1 − bonusFactor)·min(1, k/rampSteps) at its k-th tripped step (k = 1 at the step it trips); it starts again at a new trip. Default 1: bonusFactor at once.",
      ),
      1,
    ),
    twapSteps: v.optional(
      int(
        0,
        1_000_000,
        "While tripped, collateral is valued at the mean of the price's last twapSteps steps (this one included) instead of the price: health and seizure in lending (debt stays at its price), the safety check in a cdp (auctions still start and reset at the oracle's price). 0 (default): no TWAP.",
      ),
      0,
    ),
    maxPerStep: v.optional(
      num(
        0,
        AMOUNT_MAX,
        "Cap on the debt liquidated per step by each protocol, in quote units, whether tripped or not: lending's repaid debt, a cdp's debt moved to auction (as MakerDAO's hole/Hole cap the debt in auction, here a flow, as ERC-7265's rate limits). What it refuses waits for the next step. Default: none.",
        true,
      ),
    ),
    maxPerWindow: v.optional(
      num(
        0,
        AMOUNT_MAX,
        "Cap on the debt liquidated by each protocol over the last windowSteps steps (this one included), in quote units, as maxPerStep. Default: none.",
        true,
      ),
    ),
    pauseDropBps: v.optional(
      num(
        0,
        10_000,
        "cdp only: when a collateral type's oracle's newest observation (the price it publishes once its latency has passed: the OSM's next price) is below its published price × (1 − pauseDropBps/10,000), the type starts no auction and resets none for pauseSteps (takes of running auctions go on) — MakerDAO's ClipperMom.tripBreaker (stopped = 2 when next < current × tolerance; tolerance 50% for ETH-A since the Liquidations 2.0 spells of 2021, i.e. pauseDropBps 5,000). It needs an oracle with latencySteps ≥ 1. Default: none.",
        true,
      ),
    ),
    pauseSteps: v.optional(
      int(
        1,
        10_000_000,
        "Steps a pause lasts from the last step its condition held (on chain, governance lifts it: this is the assumed delay). Default 300.",
      ),
      300,
    ),
  }),
  v.description(
    "A decentralized circuit breaker on lending and cdp protocols' own rules: a trip on the fall of the collateral prices they read or on the liquidations' slippage over a window (a smaller bonus or penalty, collateral at a TWAP while tripped), caps on the debt liquidated per step and window, and (cdp) ClipperMom's pause of new auctions. Reports trips, trippedSteps, pauses, pausedSteps, capped (the most quote its caps refused in one step), cappedSteps and bonusWithheld (quote of bonus or penalty kept from liquidators); timeline series tripped, paused, capped.",
  ),
);

/** Collateral baskets of a lending protocol: health per basket (lending.ts, Lending.segment). */
export const SegmentationMitigation = v.pipe(
  v.strictObject({
    id: mitigationId,
    type: v.literal("segmentation"),
    protocol: id("The lending protocol whose accounts are segmented."),
    baskets: v.pipe(
      v.array(
        v.pipe(
          v.array(id("A collateral asset (a market of the protocol).")),
          v.minLength(1, expected("at least one asset")),
          v.description("One basket: collateral assets whose health is pooled (e-mode style, e.g. ETH with stETH)."),
        ),
      ),
      v.minLength(1, expected("at least one basket")),
      v.description(
        "The baskets, each asset in at most one; the protocol's other collateral assets form one more basket together. Every account with debt and collateral in two or more baskets becomes one sub-account per basket: the basket's collateral and, of each debt, the share borrowing power of the basket / the account's borrowing power (collateral × price × LT at the prices before step 0), so each sub-account starts at the account's health. Each sub-account's health is its own and it is liquidated alone, so a fall in one basket makes no margin call on another. The cost, lostBorrowingPower (quote): at each liquidation of a sub-account, the borrowing power its account has to spare in its other baskets, Σ max(0, power − debt) over them — what the unsegmented protocol counts toward the account's health and the segmented one leaves idle while it makes the margin call; per account the largest over its liquidations, summed over accounts.",
      ),
    ),
  }),
  v.description(
    "Collateral baskets of a lending protocol (isolation and e-mode style): each account's health per basket, so a fall in one basket makes no margin call on another. Reports lostBorrowingPower, splitAccounts, segmentedLiquidations (of sub-accounts whose account as a whole was healthy) and liquidationsByBasket; timeline series lostBorrowingPower.",
  ),
);

/** Liquidation thresholds that tighten with realized volatility (assembly/engine/rules.ts). */
export const DynamicMarginMitigation = v.pipe(
  v.strictObject({
    id: mitigationId,
    type: v.literal("dynamicMargin"),
    protocols: guarded(
      "lending: LT_t = LT_0 × (1 − cut); cdp: a vault is unsafe when ink × price × (1 − cut) < debt × liquidationRatio. Perps, portfolio venues and options vaults keep their margins: naming one is an error",
    ),
    volWindowSteps: v.optional(
      int(
        2,
        1_000_000,
        "Realized volatility σ_t of each collateral price it follows: √(Σ r² / volWindowSteps × steps per year) over the log returns r of its last volWindowSteps steps (before step 0: no move). Default 300 (an hour of 12-second blocks).",
      ),
      300,
    ),
    sensitivity: v.optional(
      num(
        0,
        1000,
        "The target cut c* = min(maxCut, sensitivity × max(0, σ_t/σ_0 − 1)), σ_0 the asset's vol (or baseVol). Default 0.1 (a cut of 10% of LT once volatility is twice its calm level, at maxCut's default when it is three times).",
      ),
      0.1,
    ),
    maxCut: v.optional(num(0, 0.99, "The largest cut, a share of LT_0. Default 0.2."), 0.2),
    phaseInSteps: v.optional(
      int(
        1,
        10_000_000,
        "The schedule for existing positions: the applied cut moves toward the target by at most maxCut/phaseInSteps a step when it tightens (the whole range over phaseInSteps steps) and at once when it loosens. Default 100 (20 minutes of 12-second blocks); 1: at once.",
      ),
      100,
    ),
    baseVol: v.optional(
      num(
        0,
        100,
        "σ_0, the calm volatility (annualized) of every price it follows. Default: each asset's vol (which must then be above 0).",
        true,
      ),
    ),
  }),
  v.description(
    "Liquidation thresholds that tighten with realized volatility: LT_t = LT_0 × (1 − cut), the cut moving toward min(maxCut, sensitivity × max(0, σ_t/σ_0 − 1)) on the phaseInSteps schedule. Reports lostBorrowingPower (the most borrowing power its cuts took in one step: Σ collateral held × its value × LT_0 × cut, a cdp's ink × price / mat × cut), averageCut (over its prices and the steps run), largestCut, tightenedSteps; timeline series realizedVol, targetCut and cut per collateral price it follows, then lostBorrowingPower (per step).",
  ),
);

export const Mitigation = v.variant(
  "type",
  [
    NoMitigation,
    CircuitBreakerMitigation,
    SegmentationMitigation,
    DynamicMarginMitigation,
    InternalAuction,
    InsuranceFund,
    Backstop,
    LiquidityIncentive,
  ],
  expected(
    'a mitigation of type "none", "circuitBreaker", "segmentation", "dynamicMargin", "internalAuction", "insurance", "backstop" or "liquidityIncentive"',
  ),
);

// ---- the scenario -------------------------------------------------------------------------------

export const ScenarioSchema = v.strictObject({
  $schema: v.optional(v.string()),
  version: v.literal(1, expected("version 1")),
  name: id("The scenario's name."),
  description: v.optional(text("What it shows, and where its numbers come from.")),
  stepSeconds: v.optional(num(0, 1e9, "Seconds per step (12: one Ethereum block).", true), 12),
  steps: int(
    1,
    10_000_000,
    "Steps to run at most (the run ends earlier when nothing is left to do). The timeline keeps every step while steps × its series (2 per asset, 3 per venue, 2 per oracle, 5 per protocol, 1 per dealer book, 4 totals, and each mitigation's own) stays within 20 million values (160 MB); a longer run keeps one row per `timeline.every` steps (the last of each) — summaries and drawdowns still see every step.",
  ),
  seed: v.optional(int(0, 2 ** 32 - 1, "Seed of everything random (generated positions, paths)."), 1),
  assets: v.pipe(v.array(Asset), v.minLength(1, expected("at least one asset"))),
  correlations: v.optional(
    v.pipe(
      v.array(Correlation),
      v.description(
        "Correlations between the normal shocks of assets on generated paths, one pair each (pairs not listed: 0). Together they must be positive semi-definite; the shocks are correlated through the matrix's Cholesky factor.",
      ),
    ),
    [],
  ),
  venues: v.pipe(v.array(Venue), v.minLength(1, expected("at least one venue"))),
  oracles: v.optional(v.array(Oracle), []),
  protocols: v.optional(v.array(Protocol), []),
  liquidators: v.optional(v.array(Liquidator), []),
  dealers: v.optional(v.array(Dealer), []),
  arbitrageurs: v.optional(v.array(Arbitrageur), []),
  shock: v.optional(v.array(Shock), []),
  mitigations: v.optional(v.array(Mitigation), []),
});

/** A scenario as the schema parses it: defaults filled in. */
export type Parsed = v.InferOutput<typeof ScenarioSchema>;

/** Positions or vaults once read: CSV text and files become lists. */
type Read<X> = Exclude<X, { csv: string } | { csvFile: string }>;
type ReadVaults<P> = P extends { vaults: infer Y } ? Omit<P, "vaults"> & { vaults: Read<Y> } : P;
type ReadProtocol<P> = P extends { positions: infer X }
  ? Omit<P, "positions"> & { positions: Read<X> }
  : P extends { ilks: (infer I)[] }
    ? Omit<P, "ilks"> & { ilks: ReadVaults<I>[] }
    : ReadVaults<P>;

/** A scenario as the validator returns it: defaults filled in, CSV positions read into lists (the engine's view). */
export type ScenarioV1 = Omit<Parsed, "protocols"> & { protocols: ReadProtocol<Parsed["protocols"][number]>[] };

// The public types (types.ts) and these schemas must describe the same input: this fails to
// compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const TYPES_AGREE: Same<Scenario, v.InferInput<typeof ScenarioSchema>> = true;
