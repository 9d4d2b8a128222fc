// The fracture core: every export of the .wasm. No imports; see ARCHITECTURE.md.
export { abortColumn, abortLine } from "./abort";
export { BSM_OUTPUTS, bsm } from "./greeks";
export { alloc, firstOutside, free } from "./memory";
export { vmathColumn } from "./vmath";
export { impliedVol } from "./impliedvol";
export { binSum, chainDelta, chainGamma, chainPrepare, optionGamma } from "./exposure";
