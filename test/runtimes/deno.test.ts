// The portable suite under Deno, on the TypeScript sources (as JSR publishes them).
import { adapter } from "../../bindings/source.node.ts";
import { fingerprints } from "../fingerprint.ts";
import { setPlatform } from "../platform.ts";
import { cases } from "../suite.ts";
import { recordFingerprints } from "./record.ts";

declare const Deno: {
  test(name: string, fn: () => void | Promise<void>): void;
  readFile(url: URL): Promise<Uint8Array<ArrayBuffer>>;
};

const WASM = new URL("../../dist/fracture.wasm", import.meta.url);

setPlatform({
  name: "deno",
  adapter,
  workerUrl: new URL("../../dist/stress.worker.js", import.meta.url),
  inputs: {
    module: async () => new WebAssembly.Module(await Deno.readFile(WASM)),
    bytes: () => Deno.readFile(WASM),
    "file URL": () => WASM,
    Response: async () => new Response(await Deno.readFile(WASM), { headers: { "content-type": "application/wasm" } }),
  },
});

for (const c of cases) Deno.test(c.name, c.fn);

Deno.test("fingerprints: equal to Node's", async () => {
  await recordFingerprints("deno", await fingerprints());
});
