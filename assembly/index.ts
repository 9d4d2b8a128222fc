// The fracture core: every export of the .wasm. No imports; see ARCHITECTURE.md.
export { abortColumn, abortLine } from "./abort";
export { bsm, BSM_OUTPUTS } from "./greeks";
export { alloc, firstOutside, free } from "./memory";
export { erfcx, normCdf, normPdf } from "./normal";
