// The fracture core: every export of the .wasm. No imports; see ARCHITECTURE.md.
export { abortColumn, abortLine } from "./abort";
export { BSM_OUTPUTS, bsm } from "./greeks";
export { alloc, firstOutside, free } from "./memory";
export { vmathColumn } from "./vmath";
export { impliedVol } from "./impliedvol";
export { binSum, chainDelta, chainGamma, chainPrepare, optionGamma } from "./exposure";
export {
  bookBatch,
  bookBatchCheck,
  bookBest,
  bookBestPrice,
  bookBytes,
  bookCancel,
  bookDepth,
  bookInit,
  bookLimit,
  bookLive,
  bookLots,
  bookQty,
  bookMarket,
  bookOrderLots,
  bookReduce,
  bookResult,
  bookTick,
  bookWithin,
} from "./book";
export { profileBytes, profileInit, profileReplenish, profileState, profileTarget } from "./book_profile";
