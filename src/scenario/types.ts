/**
 * The scenario as TypeScript types, version 1: what a user writes (fields with a default are
 * optional). The field-by-field documentation is the JSON Schema's (schema.ts, with ranges and
 * defaults); schema.ts checks at compile time that these types and its schemas agree.
 * @module
 */

/** A scenario (documented field by field in schema/scenario.schema.json, `fracture/scenario.schema.json`). */
export interface Scenario {
  $schema?: string;
  version: 1;
  name: string;
  description?: string;
  /** Seconds per step; default 12 (one block). */
  stepSeconds?: number;
  /** Steps to run at most. */
  steps: number;
  /** Seed of everything random; default 1. */
  seed?: number;
  assets: AssetSpec[];
  /** Correlations between assets' normal shocks on generated paths; default none. */
  correlations?: CorrelationSpec[];
  venues: VenueSpec[];
  oracles?: OracleSpec[];
  protocols?: ProtocolSpec[];
  liquidators?: LiquidatorSpec[];
  dealers?: DealerSpec[];
  arbitrageurs?: ArbitrageurSpec[];
  shock?: ShockSpec[];
  mitigations?: MitigationSpec[];
}

export interface AssetSpec {
  id: string;
  /** Quote units (USD) at step 0. */
  price: number;
  /** Annualized; default 0. */
  vol?: number;
  /** The venue whose price alone is its market price in the summary; default: all its venues, weighted by depth. */
  referenceVenue?: string;
  /** How its price moves on generated paths; default GBM with its vol (none without a vol). */
  model?: PathModelSpec;
}

/** An asset's price model on generated paths (`generatePaths`); rates annualized. */
export type PathModelSpec =
  | { type: "gbm"; drift?: number }
  | { type: "merton"; jumpsPerYear: number; jumpMean: number; jumpVol: number; drift?: number }
  | { type: "garch"; omega?: number; alpha: number; beta: number; nu: number }
  | { type: "bootstrap"; returns: number[]; blockSteps?: number };

/** The correlation of two assets' normal shocks on generated paths. */
export interface CorrelationSpec {
  assets: [string, string];
  rho: number;
}

interface Pair {
  id: string;
  base: string;
  quote: string;
}

export type VenueSpec =
  | (Pair & { type: "constantProduct"; reserveBase: number; reserveQuote: number; feeBps?: number })
  | (Pair & {
      type: "concentratedLiquidity";
      price: number;
      feePips?: number;
      tickSpacing?: number;
      positions: { tickLower: number; tickUpper: number; liquidity: number }[];
    })
  | (Pair & { type: "stableSwap"; reserveBase: number; reserveQuote: number; amplification: number; feeBps?: number })
  | (Pair & {
      type: "orderBook";
      tickSize: number;
      lotSize?: number;
      /** A hard cap on resting orders; without it the book grows. */
      capacity?: number;
      profile?: { spreadBps: number; levels: number; levelBps: number; qtyPerLevel: number; decay?: number };
      resilience?: { halfLifeSeconds: number; volHalfLifeSeconds?: number; baseVol?: number; sensitivity?: number };
      snapshot?: { bids: [number, number][]; asks: [number, number][] };
    });

/** What every oracle has: latency, and the age beyond which its price is missing to protocols. */
interface OracleTiming {
  latencySteps?: number;
  maxAgeSteps?: number;
  /** Bounded to a band around another oracle (Compound's anchor); default none. */
  anchor?: OracleAnchor;
}

/** An oracle's anchor: its own price is accepted only within `maxDeviation` of the anchor oracle's. */
export interface OracleAnchor {
  oracle: string;
  maxDeviation: number;
  outside?: "keep" | "clamp";
}

export type OracleSpec =
  | ({ id: string; type: "spot"; source: string } & OracleTiming)
  | ({ id: string; type: "median"; sources: string[] } & OracleTiming)
  | ({ id: string; type: "index"; sources: string[]; weights: number[] } & OracleTiming)
  | ({ id: string; type: "twap"; source: string; windowSteps: number } & OracleTiming)
  | ({ id: string; type: "push"; source: string; deviationBps: number; heartbeatSteps: number } & OracleTiming);

/** A distribution of levels: lo + (hi − lo)·u^shape. */
export interface Levels {
  min: number;
  max: number;
  shape?: number;
}

export interface LendingPositionSpec {
  account?: string;
  collateral: Record<string, number>;
  debt: Record<string, number>;
}

export interface LendingSpec {
  id: string;
  type: "lending";
  oracles: Record<string, string>;
  markets: Record<string, { liquidationThreshold: number; liquidationBonus: number; protocolFee?: number }>;
  closeFactor?: number;
  fullCloseBelowHealth?: number;
  /** Aave v3.3's liquidation rules; `{}` takes Aave's constants (2,000 and 1,000 USD). Default off. */
  aaveV33?: { fullCloseBelowValue?: number; minLeftoverValue?: number };
  positions:
    | LendingPositionSpec[]
    | {
        generate: {
          count: number;
          collateral: string;
          debt: string;
          totalCollateral: number;
          sizeDispersion?: number;
          health: Levels;
        };
      }
    | { csv: string }
    | { csvFile: string };
}

export interface PerpsSpec {
  id: string;
  type: "perps";
  base: string;
  oracle: string;
  venue: string;
  maintenanceMargin: number;
  liquidationFee?: number;
  insuranceFund: number;
  positions:
    | { account?: string; size: number; entryPrice: number; margin: number }[]
    | {
        generate: {
          count: number;
          totalNotional: number;
          sizeDispersion?: number;
          leverage: Levels;
          longShare?: number;
        };
      };
}

/** Portfolio (cross) margin perps: accounts margined over several markets and collateral assets. */
export interface PortfolioSpec {
  id: string;
  type: "portfolio";
  markets: Record<string, { oracle: string; venue: string; maintenanceMargin: number }>;
  collateral: Record<string, { oracle?: string; haircut?: number; venue?: string }>;
  liquidationFee?: number;
  insuranceFund: number;
  backstop?: { capital: number; threshold?: number; lossLimit?: number; unwindPerStep?: number };
  accounts:
    | {
        account?: string;
        collateral: Record<string, number>;
        positions?: Record<string, { size: number; entryPrice: number }>;
        cash?: number;
      }[]
    | {
        generate: {
          count: number;
          totalNotional: number;
          sizeDispersion?: number;
          leverage: Levels;
          longShare?: number;
          markets: Record<string, number>;
          collateral: Record<string, number>;
        };
      };
}

export type CurveSpec =
  | { type: "linear"; tau: number }
  | { type: "exponential"; cut: number }
  | { type: "stairstep"; cut: number; step: number };

/** Liquidations 2.0's Dutch auctions (the default). */
export interface ClipAuctionSpec {
  type?: "clip";
  buf: number;
  curve: CurveSpec;
  tail: number;
  cusp: number;
  chip?: number;
  tip?: number;
  hole?: number;
}

/** The English auctions of 2020 (flip.sol, cat.sol of the MCD launch). */
export interface FlipAuctionSpec {
  type: "flip";
  beg: number;
  /** Seconds a bid lives. */
  ttl: number;
  /** Most seconds an auction runs. */
  tau: number;
  /** Most collateral per auction (default: the whole vault). */
  lump?: number;
}

/** One collateral type's own fields. */
interface IlkFields {
  collateral: string;
  oracle: string;
  liquidationRatio: number;
  penalty?: number;
  dust?: number;
  /** Stability fees accumulated: a vault owes art × rate (default 1). */
  rate?: number;
  vaults:
    | { account?: string; ink: number; art: number }[]
    | { generate: { count: number; totalInk: number; sizeDispersion?: number; ratio: Levels } }
    | { csv: string }
    | { csvFile: string };
}

/** A MakerDAO system of one collateral type: one ilk under its own `auction.Hole`. */
export interface CdpSingleSpec extends IlkFields {
  id: string;
  type: "cdp";
  debt: string;
  auction: (ClipAuctionSpec & { Hole?: number }) | FlipAuctionSpec;
}

/** One collateral type (ilk) of a multi-collateral MakerDAO system. */
export interface CdpIlkSpec extends IlkFields {
  id: string;
  auction: ClipAuctionSpec | FlipAuctionSpec;
}

/** A MakerDAO system of several collateral types under one Hole. */
export interface CdpMultiSpec {
  id: string;
  type: "cdp";
  debt: string;
  Hole?: number;
  ilks: CdpIlkSpec[];
}

/** A MakerDAO system: one collateral type at the top, or several in `ilks`. */
export type CdpSpec = CdpSingleSpec | CdpMultiSpec;

export interface OptionsVaultSpec {
  id: string;
  type: "optionsVault";
  underlying: string;
  oracle: string;
  venue: string;
  rate?: number;
  margin: { spotShock: number; volShock: number };
  accounts:
    | {
        account?: string;
        collateral: number;
        options: { strike: number; days: number; call: boolean; qty: number; vol: number }[];
      }[]
    | {
        generate: {
          count: number;
          totalCollateral: number;
          sizeDispersion?: number;
          callShare?: number;
          otm: Levels;
          days: Levels;
          vol: number;
          health: Levels;
        };
      };
}

export type ProtocolSpec = LendingSpec | PerpsSpec | PortfolioSpec | CdpSpec | OptionsVaultSpec;

export interface LiquidatorSpec {
  id: string;
  /** Quote capital; null = unlimited. */
  capital: number | null;
  sellVenue: string;
  /** Where it buys a volatile debt it repays; default none (debt at the oracle's price, no trade). */
  buyVenue?: string;
  protocols?: string[];
  maxPerStep?: number;
  strategy?: "sell" | "hold";
  minProfitBps?: number;
}

export interface DealerSpec {
  id: string;
  venue: string;
  underlying: string;
  rate?: number;
  dealers?: "long-calls-short-puts" | "short-all" | "long-all";
  options: { strike: number; days: number; call: boolean; openInterest: number; vol: number }[];
}

export interface ArbitrageurSpec {
  id: string;
  venues: [string, string];
  capital?: number | null;
}

export type ShockSpec =
  | { type: "sell"; venue: string; qty: number; step: number; overSteps?: number }
  | { type: "buy"; venue: string; qty: number; step: number; overSteps?: number }
  | { type: "path"; asset: string; prices: number[]; everySteps?: number; pull?: number }
  | { type: "drop"; asset: string; fraction: number; steps?: number; step?: number; pull?: number }
  | { type: "crash"; asset: string; fraction: number; step?: number; recoverSteps?: number; pull?: number }
  | { type: "oracle"; oracle: string; price: number; fromStep: number; toStep: number }
  | { type: "oracleOutage"; oracle: string; mode?: "stale" | "missing"; fromStep: number; toStep: number }
  | {
      type: "sourceFault";
      oracle: string;
      source: string;
      price?: number;
      factor?: number;
      lagSteps?: number;
      fromStep: number;
      toStep: number;
    }
  | { type: "keeperOutage"; liquidator?: string; fromStep: number; toStep: number }
  | { type: "congestion"; maxPerStep: number; everySteps?: number; fromStep: number; toStep: number };

/** A mitigation (documented field by field in the JSON Schema). `id` defaults to its type. */
export type MitigationSpec =
  | { id?: string; type: "none" }
  | CircuitBreakerSpec
  | SegmentationSpec
  | DynamicMarginSpec
  | (AbsorberSpec & {
      type: "internalAuction";
      /** Quote; default 10,000,000. */
      capital?: number;
      /** Default 0.03. */
      discount?: number;
      /** Default 0.9. */
      floor?: number;
      /** Default 30. */
      auctionSteps?: number;
    })
  | (AbsorberSpec & {
      type: "insurance";
      /** Quote; default 10,000,000. */
      capacity?: number;
      /** Default 0.02. */
      discount?: number;
    })
  | (AbsorberSpec & {
      type: "backstop";
      /** Quote; default null (no limit). */
      capacity?: number | null;
      /** Quote; default 100,000. */
      minOrder?: number;
      /** Default 0.95. */
      liquidationFactor?: number;
      /** Default 0.5. */
      storeFrontPriceFactor?: number;
    })
  | {
      id?: string;
      type: "liquidityIncentive";
      asset?: string;
      /** Quote over the run; default 1,000,000. */
      budget?: number;
      /** Quote per base unit of depth over the run; default 1% of the asset's price. */
      costPerUnit?: number;
      /** Default 100. */
      bandBps?: number;
      /** Default 3. */
      clusters?: number;
    };

/** A circuit breaker on lending and cdp protocols' own rules. */
export interface CircuitBreakerSpec {
  id?: string;
  type: "circuitBreaker";
  /** Default: every lending and cdp protocol. */
  protocols?: string[];
  windowSteps?: number;
  tripBps?: number;
  /** Trip on the liquidations' slippage over the window; default none. */
  slippageBps?: number;
  holdSteps?: number;
  bonusFactor?: number;
  rampSteps?: number;
  twapSteps?: number;
  /** Quote per step; default none. */
  maxPerStep?: number;
  /** Quote per window; default none. */
  maxPerWindow?: number;
  /** cdp: ClipperMom's pause; default none. */
  pauseDropBps?: number;
  pauseSteps?: number;
}

/** Collateral baskets of a lending protocol, each with its own health. */
export interface SegmentationSpec {
  id?: string;
  type: "segmentation";
  protocol: string;
  baskets: string[][];
}

/** Liquidation thresholds that tighten with realized volatility. */
export interface DynamicMarginSpec {
  id?: string;
  type: "dynamicMargin";
  /** Default: every lending and cdp protocol. */
  protocols?: string[];
  volWindowSteps?: number;
  sensitivity?: number;
  maxCut?: number;
  phaseInSteps?: number;
  /** Default: each asset's vol. */
  baseVol?: number;
}

/** What the three absorbers (internalAuction, insurance, backstop) share. */
interface AbsorberSpec {
  id?: string;
  asset?: string;
  oracle?: string;
  /** Default: every protocol. */
  protocols?: string[];
  /** Default 100. */
  unwindSteps?: number;
}
