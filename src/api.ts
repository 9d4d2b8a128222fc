/**
 * The public API shared by every runtime entry (`index.node.ts`, `index.browser.ts`,
 * `index.workerd.ts`); each entry adds only its own `init`.
 * @module
 */
export type { Init, InitInput } from "../bindings/instance.ts";
export { type ArbitrageResult, arbitrage } from "./arbitrage.ts";
export {
  type Batch,
  type BatchResult,
  type DepthProfile,
  type LimitResult,
  type MarketResult,
  OrderBook,
  type OrderBookOptions,
  type Resilience,
  type Side,
  type Snapshot,
} from "./book.ts";
export type {
  BsmInput,
  BsmOutput,
  ChainInput,
  Column,
  DealerSide,
  DeribitChain,
  GammaByStrike,
  ImpliedVolInput,
  Issue,
  OptionChain,
  VolMove,
} from "./greeks.ts";
export * as greeks from "./greeks.ts";
export { IssuesError, type PathIssue } from "./issues.ts";
export {
  bookSnapshotFromL2,
  type DeribitDealersOptions,
  dealersFromDeribit,
  type L2Book,
  type L2Options,
  type L2Snapshot,
  type L2VenueOptions,
  orderBookVenueFromL2,
  SnapshotError,
} from "./oracle/adapters.ts";
export { FRAGILITY_RULES } from "./oracle/fragility.ts";
export { JcsError, jcs } from "./oracle/jcs.ts";
export { REPORT_SCHEMA_ID, reportJsonSchema } from "./oracle/json_schema.ts";
export {
  type AssetReport,
  type FragilityComponent,
  type OracleOptions,
  type OracleReport,
  type Recommendation,
  type ReportMethod,
  riskOracle,
  type SystemReport,
} from "./oracle/report.ts";
export { REPORT_VERSION } from "./oracle/schema.ts";
export {
  ed25519Supported,
  exportOracleKey,
  generateOracleKey,
  importOracleKey,
  type OracleKey,
  type PrivateKeyInput,
  type PublicKeyInput,
  type Signed,
  signReport,
  verifyReport,
} from "./oracle/sign.ts";
export { generatePaths, type PathOptions, type Paths, pathColumn } from "./paths.ts";
export {
  ConcentratedLiquidityPool,
  type ConcentratedLiquidityPoolOptions,
  type Position,
} from "./pool_cl.ts";
export { ConstantProductPool, type ConstantProductPoolOptions } from "./pool_cp.ts";
export { StableSwapPool, type StableSwapPoolOptions } from "./pool_stable.ts";
export { presets } from "./presets/index.ts";
export { replays } from "./replay/index.ts";
export {
  type CalibrationRow,
  type ReplayResult,
  replaySensitivity,
  runReplay,
  type SensitivityOptions,
  type SensitivityResult,
} from "./replay/run.ts";
export type { Replay, ReplayRun, ReportedFigure, Sensitivity } from "./replay/types.ts";
export { type Boundary, type BoundaryOptions, solvencyBoundary } from "./risk/boundary.ts";
export {
  type CompareOptions,
  type ComparisonRow,
  compareMitigations,
  sweepMitigation,
  type Variant,
} from "./risk/compare.ts";
export { type Ladder, type LadderOptions, liquidationLadder } from "./risk/ladder.ts";
export {
  type LiquidationCost,
  type LiquidationCostOptions,
  type Lvar,
  type LvarInput,
  liquidationCost,
  liquidityAdjustedVar,
} from "./risk/lvar.ts";
export { type ProtocolExposure, type SystemMeasures, type SystemOptions, systemMeasures } from "./risk/system.ts";
export { SCENARIO_SCHEMA_ID, scenarioJsonSchema } from "./scenario/json_schema.ts";
export { loadScenario } from "./scenario/load.ts";
export type * from "./scenario/types.ts";
export { ScenarioError, type ScenarioIssue, type ValidateOptions, validateScenario } from "./scenario/validate.ts";
export type {
  AuctionSummary,
  BackstopSummary,
  InsuranceSummary,
} from "./simulate/mitigations/absorbers.ts";
export type { IncentiveSummary } from "./simulate/mitigations/liquidity_incentive.ts";
export type { MitigationCosts, MitigationSummary } from "./simulate/mitigations.ts";
export type {
  AssetDrawdown,
  Drawdown,
  LiquidatorSummary,
  Lows,
  ProtocolSummary,
  SimEvent,
  Timeline,
} from "./simulate/results.ts";
export type { CircuitBreakerSummary, DynamicMarginSummary, SegmentationSummary } from "./simulate/rules.ts";
export {
  type CounterfactualCache,
  runCounterfactual,
  type SimulateOptions,
  type SimulationResult,
  type Summary,
  simulate,
  withCounterfactual,
} from "./simulate/simulate.ts";
export type { Distribution } from "./stress/distribution.ts";
export { mergeStress } from "./stress/merge.ts";
export type { Outcome } from "./stress/path.ts";
export { type StressMeasures, type StressOptions, type StressResult, stress } from "./stress/stress.ts";
export type { Pool, SwapResult, SwapSide, Venue } from "./venue.ts";
