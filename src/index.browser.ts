/** fracture for browsers and bundlers: fetches the packaged fracture.wasm. @module */
import { type Init, makeInit } from "../bindings/instance.ts";
import { adapter } from "../bindings/source.browser.ts";

export * from "./api.ts";

/** Loads the core once (see {@link InitInput}); later calls return the first promise. */
export const init: Init = /* @__PURE__ */ makeInit(adapter);
