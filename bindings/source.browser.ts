/** Browsers: the packaged module is fetched from beside the bundle. @module */
import type { Adapter } from "./instance.ts";

const read = (source: URL | string) => fetch(source);

export const adapter: Adapter = {
  // Evaluated only when called, so a worker never evaluates import.meta.url here.
  packaged: () => read(new URL("../dist/fracture.wasm", import.meta.url)),
  read,
};
