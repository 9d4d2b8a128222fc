// The fracture core: every export of the .wasm. No imports; see ARCHITECTURE.md.
export { abortColumn, abortLine } from "./abort";
export { arbitrage } from "./arbitrage";
export {
  bookBatch,
  bookBatchCheck,
  bookBestPrice,
  bookBytes,
  bookCancel,
  bookDepth,
  bookInit,
  bookLimit,
  bookLive,
  bookLots,
  bookMarket,
  bookPrice,
  bookQty,
  bookReduce,
  bookRelease,
  bookSwap,
  bookTick,
  bookWithin,
} from "./book";
export { profileBytes, profileInit, profileReplenish, profileState, profileTarget } from "./book_profile";
export {
  backstopStorefront,
  worldAbsorber,
  worldAbsorberPricing,
  worldAbsorberProtocol,
  worldAbsorberState,
} from "./engine/absorbers";
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
  worldOracleAnchor,
  worldOracleFault,
  worldOracleMaxAge,
  worldOracleReady,
  worldOracleSource,
  worldOracleWeight,
  worldShock,
  worldShockPrices,
  worldVenue,
} from "./engine/build";
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
export {
  auctionPrice,
  BARK_BYTES,
  barkAmount,
  exponentialDecrease,
  incentive,
  linearDecrease,
  needsRedo,
  redoIncentive,
  stairstepDecrease,
  TAKE_BYTES,
  takeAmount,
} from "./engine/clip";
export { BITE_BYTES, biddable, biteAmount, dealable, dentOk, tendOk, tickable } from "./engine/flip";
export { generateDerived, generateLevels, generateSigns, generateSizes } from "./engine/generate";
export { worldIncentive, worldIncentiveState } from "./engine/incentives";
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
export { worldAccounts } from "./engine/measures";
export { worldPerps, worldPerpsColumn, worldPerpsState } from "./engine/perps";
export {
  worldPortfolio,
  worldPortfolioCollateral,
  worldPortfolioColumn,
  worldPortfolioGenerated,
  worldPortfolioMarket,
  worldPortfolioState,
  worldPortfolioVault,
} from "./engine/portfolio";
export {
  worldDepth,
  worldEvents,
  worldInsolvent,
  worldLadder,
  worldLiquidatorState,
  worldMarket,
  worldProtocolLadder,
  worldProtocolTotal,
  worldSell,
  worldSeries,
  worldSlippage,
} from "./engine/read";
export { worldBreaker, worldMargin, worldMitigationState } from "./engine/rules";
export { worldRun, worldSeriesCount } from "./engine/run";
export { worldVault, worldVaultColumn, worldVaultGenerate, worldVaultReady, worldVaultState } from "./engine/vaults";
export { binSum, chainDelta, chainGamma, chainPrepare, optionGamma } from "./exposure";
export { bsm } from "./greeks";
export { impliedVol } from "./impliedvol";
export { alloc, firstOutside, free } from "./memory";
export { pathsGenerate, pathsPrepare, pathsStateBytes } from "./paths";
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
export { OUT_BYTES as POOL_OUT_BYTES } from "./pool_common";
export { CP_BYTES, cpAmountIn, cpInit, cpPrice, cpReserve, cpSwap } from "./pool_cp";
export { STABLE_BYTES, stableGet, stableInit, stablePrice, stableSwap } from "./pool_stable";
export { vmathColumn } from "./vmath";
