/**
 * Cloudflare Workers (workerd): code generation from bytes is forbidden there, so the
 * packaged module is imported statically and arrives as a compiled `WebAssembly.Module`.
 * @module
 */
import packaged from "../dist/fracture.wasm";
import type { Adapter } from "./instance.ts";

export const adapter: Adapter = {
  packaged: async () => packaged,
  read: (source) => fetch(source),
};
