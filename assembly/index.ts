// The fracture core: every export of the .wasm. No imports; see ARCHITECTURE.md.
export { abortColumn, abortLine } from "./abort";
export { bsm } from "./greeks";
export { alloc, firstOutside, free } from "./memory";
export { vmathColumn } from "./vmath";
export { impliedVol } from "./impliedvol";
export { binSum, chainDelta, chainGamma, chainPrepare, optionGamma } from "./exposure";
export {
  bookBatch,
  bookBatchCheck,
  bookBestPrice,
  bookPrice,
  bookSwap,
  bookBytes,
  bookRelease,
  bookCancel,
  bookDepth,
  bookInit,
  bookLimit,
  bookLive,
  bookLots,
  bookQty,
  bookMarket,
  bookReduce,
  bookTick,
  bookWithin,
} from "./book";
export { profileBytes, profileInit, profileReplenish, profileState, profileTarget } from "./book_profile";
export { OUT_BYTES as POOL_OUT_BYTES } from "./pool_common";
export { CP_BYTES, cpAmountIn, cpInit, cpPrice, cpReserve, cpSwap } from "./pool_cp";
export {
  CL_BYTES,
  clAmount0Delta,
  clAmount1Delta,
  clGet,
  clInit,
  clNextSqrtPriceFromInput,
  clNextSqrtPriceFromOutput,
  clPrice,
  clScratchBytes,
  clSqrtRatioAtTick,
  clSwap,
  clSwapStep,
  clTickAtSqrtRatio,
  clTickInfo,
  clTicksBytes,
} from "./pool_cl";
export { STABLE_BYTES, stableGet, stableInit, stablePrice, stableSwap } from "./pool_stable";
export { arbitrage } from "./arbitrage";
export {
  worldArbitrageur,
  worldAsset,
  worldAssetReference,
  worldDealer,
  worldDealerColumn,
  worldFree,
  worldLiquidator,
  worldLiquidatorBuyVenue,
  worldLiquidatorProtocol,
  worldNew,
  worldOracle,
  worldOracleFault,
  worldOracleAnchor,
  worldOracleMaxAge,
  worldOracleReady,
  worldOracleSource,
  worldShock,
  worldShockPrices,
  worldVenue,
} from "./engine/build";
export { worldRun, worldSeriesCount } from "./engine/run";
export {
  worldEvents,
  worldInsolvent,
  worldLiquidatorState,
  worldMarket,
  worldProtocolTotal,
  worldDepth,
  worldSell,
  worldLadder,
  worldProtocolLadder,
  worldSeries,
  worldSlippage,
} from "./engine/read";
export { generateDerived, generateLevels, generateSigns, generateSizes } from "./engine/generate";
export { worldAccounts } from "./engine/measures";
export {
  worldCdp,
  worldCdpBreaker,
  worldCdpClip,
  worldCdpColumn,
  worldCdpFlip,
  worldCdpIlk,
  worldCdpMargin,
  worldCdpState,
} from "./engine/cdp";
export { BITE_BYTES, biddable, biteAmount, dealable, dentOk, tendOk, tickable } from "./engine/flip";
export {
  worldLending,
  worldLendingAsset,
  worldLendingBreaker,
  worldLendingColumn,
  worldLendingDeficit,
  worldLendingMargin,
  worldLendingReady,
  worldLendingSegment,
  worldLendingV33,
} from "./engine/lending";
export { pathsGenerate, pathsPrepare, pathsStateBytes } from "./paths";
export { worldBreaker, worldMargin, worldMitigationState } from "./engine/rules";
export { worldPerps, worldPerpsColumn, worldPerpsState } from "./engine/perps";
export { worldVault, worldVaultColumn, worldVaultGenerate, worldVaultReady, worldVaultState } from "./engine/vaults";
export {
  BARK_BYTES,
  TAKE_BYTES,
  auctionPrice,
  barkAmount,
  exponentialDecrease,
  incentive,
  linearDecrease,
  needsRedo,
  redoIncentive,
  stairstepDecrease,
  takeAmount,
} from "./engine/clip";
export {
  backstopStorefront,
  worldAbsorber,
  worldAbsorberPricing,
  worldAbsorberProtocol,
  worldAbsorberState,
} from "./engine/absorbers";
export { worldIncentive, worldIncentiveState } from "./engine/incentives";
