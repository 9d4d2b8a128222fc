/**
 * The risk oracle report's public types, written out (schema.ts checks at compile time that they
 * describe what its valibot schemas — the JSON Schema's source — describe). Amounts in the
 * scenario's quote unit unless said; a number that is not finite is null.
 * @module
 */

/** A risk oracle report (format version 1). */
export interface OracleReport {
  version: 1;
  kind: "fracture.riskOracle";
  /** ISO 8601, UTC, milliseconds. */
  createdAt: string;
  inputs: {
    /** SHA-256 (hex) of the validated scenario (defaults filled in, CSV read, lists in canonical order) as RFC 8785 JSON. */
    sha256: string;
    scenario: string;
    steps: number;
    stepSeconds: number;
    /** The unit of amounts and prices. */
    quote: string;
  };
  /** fracture's version. */
  fracture: string;
  /** The options it was computed with. */
  method: ReportMethod;
  system: SystemReport;
  /** The highest asset index, and whose. */
  fragility: { index: number; asset: string | null };
  assets: Record<string, AssetReport>;
}

export interface ReportMethod {
  stepBps: number;
  levels: number;
  dropSteps: number;
  pull: number;
  selfSustaining: number;
  scanStep: number;
  maxDrop: number;
  iterations: number;
  targetDrop: number;
  recommendations: boolean;
  recommendIterations: number;
  top: number;
  velocityBps: number;
}

export interface SystemReport {
  /** Σ gross exposure / Σ equity over every protocol's accounts. */
  leverage: number | null;
  protocols: Record<
    string,
    { type: string; accounts: number; exposure: number; equity: number; leverage: number | null }
  >;
  /** Exposure by protocol (rows) and asset (columns). */
  exposure: { protocols: string[]; assets: string[]; matrix: number[][] };
  concentration: { protocols: number; accounts: number; topShare: number; top: number };
  sharedOracles: Record<string, string[]>;
  sharedCollateral: Record<string, string[]>;
  liquidityVelocity: Record<string, number | null>;
}

/** One asset's part of the report. */
export interface AssetReport {
  asset: string;
  spot: number;
  /** The static ladder: collateral (units of the asset) and debt first liquidatable at each level. */
  ladder: {
    prices: number[];
    collateral: number[];
    debt: number[];
    cumulative: number[];
    protocols: Record<string, { collateral: number[]; debt: number[] }>;
    beyondGrid: { collateral: number; debt: number };
    liquidatable: number;
  };
  /** The venues' depth down to each level (units), and its ratio to the cumulative ladder. */
  depth: { total: number[]; venues: Record<string, number[]>; toLadder: (number | null)[] };
  venues: Record<string, { type: string; quote: string; price: number; liquidityVelocity: number | null }>;
  /** The cascade-adjusted ladder, one row per drop of the scan. */
  cascade: {
    drops: number[];
    prices: number[];
    realizedDrawdown: number[];
    exogenousDrawdown: number[];
    sustains: boolean[];
    static: number[];
    liquidatable: number[];
    feedback: number[];
    liquidatedNotional: number[];
    badDebt: number[];
    protocols: Record<
      string,
      { oracleLow: (number | null)[]; liquidatable: number[]; liquidatedNotional: number[]; badDebt: number[] }
    >;
  };
  boundary: {
    static: {
      price: number;
      drop: number;
      level: number;
      collateral: number;
      debt: number;
      depth: number;
      around: { drops: number[]; depthToLadder: (number | null)[] };
    } | null;
    dynamic: {
      price: number;
      drop: number;
      liquidations: number;
      liquidatedNotional: number;
      badDebt: number;
      realizedDrawdown: number;
      exogenousDrawdown: number;
    } | null;
  };
  fragility: { index: number; components: FragilityComponent[] };
  recommendations: { targetDrop: number; needed: boolean; items: Recommendation[] };
}

/** One input of the fragility index, beside its part of it. */
export interface FragilityComponent {
  name: "staticBoundary" | "dynamicBoundary" | "leverage" | "concentration" | "depthToLadder" | "sharedOracles";
  description: string;
  input: number | null;
  unit: string;
  /** Inputs giving score 0 and score 1 (linear between, clamped outside). */
  range: [number, number];
  score: number;
  weight: number;
  /** 100 × weight × score. */
  contribution: number;
}

/** A change that moves the dynamic boundary beyond the target drop, and its cost. */
export interface Recommendation {
  kind: "liquidationThreshold" | "liquidationRatio" | "backstop" | "depth";
  protocol: string | null;
  parameter: string;
  reached: boolean;
  current: number;
  recommended: number | null;
  change: number | null;
  cost: { amount: number | null; unit: string; measure: "lostBorrowingPower" | "capital"; description: string };
  /** The drops run at the recommended value: none sustains a cascade. */
  checkedDrops: number[];
}
