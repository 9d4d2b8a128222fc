// The portable suite in a Chromium page, on the browser entry bundled from source.
import { adapter } from "../../bindings/source.browser.ts";
import { setPlatform } from "../platform.ts";
import { runAll } from "../run.ts";

const WASM = new URL("/dist/fracture.wasm", location.href);

setPlatform({
  name: "chromium",
  adapter,
  workerUrl: new URL("/dist/stress.worker.js", location.href),
  inputs: {
    module: () => WebAssembly.compileStreaming(fetch(WASM)),
    bytes: async () => new Uint8Array(await (await fetch(WASM)).arrayBuffer()),
    URL: () => WASM,
    "string URL": () => WASM.href,
    Response: () => fetch(WASM),
  },
});

(globalThis as { __report?: unknown }).__report = runAll().catch((err) => ({ crashed: String(err?.stack ?? err) }));
