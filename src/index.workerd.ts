/** fracture for Cloudflare Workers (workerd): imports fracture.wasm as a compiled module. @module */
import { type Init, makeInit } from "../bindings/instance.ts";
import { adapter } from "../bindings/source.workerd.ts";

export * from "./api.ts";

/** Loads the core once (see {@link InitInput}); later calls return the first promise. */
export const init: Init = /* @__PURE__ */ makeInit(adapter);
