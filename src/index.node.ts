/** fracture for Node, Deno and Bun: reads the packaged fracture.wasm from disk. @module */
import { type Init, makeInit } from "../bindings/instance.ts";
import { adapter } from "../bindings/source.node.ts";

export * from "./api.ts";

/** Loads the core once (see {@link InitInput}); later calls return the first promise. */
export const init: Init = /* @__PURE__ */ makeInit(adapter);
