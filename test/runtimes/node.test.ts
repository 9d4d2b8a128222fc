// The portable suite under vitest on Node (the fracture entry for Node, from source).
import { readFile, writeFile } from "node:fs/promises";
import { init } from "fracture";
import { test } from "vitest";
import { adapter } from "../../bindings/source.node.ts";
import { fingerprints } from "../fingerprint.ts";
import { setPlatform } from "../platform.ts";
import { cases } from "../suite.ts";
import { presetSummaries } from "../summaries.ts";
import { commitFingerprints, recordFingerprints } from "./record.ts";

const WASM = new URL("../../dist/fracture.wasm", import.meta.url);

setPlatform({
  name: "node",
  adapter,
  workerUrl: new URL("../../dist/stress.worker.js", import.meta.url),
  inputs: {
    module: async () => new WebAssembly.Module(await readFile(WASM)),
    bytes: () => readFile(WASM),
    arrayBuffer: async () => new Uint8Array(await readFile(WASM)).buffer,
    "file URL": () => WASM,
    "path string": () => WASM.pathname,
    Response: async () => new Response(await readFile(WASM), { headers: { "content-type": "application/wasm" } }),
  },
});

if (process.env.FRACTURE_UPDATE_FIXTURES === "1") {
  // `npm run fixtures:update`: rewrites the committed expectations from this build, on purpose
  test("fixtures: rewritten from this build", async () => {
    await init();
    const summaries = new URL("../fixtures/preset_summaries.json", import.meta.url);
    await writeFile(summaries, `${JSON.stringify(presetSummaries(), null, 2)}\n`);
    await commitFingerprints(await fingerprints());
  });
}

for (const c of cases) test(c.name, c.fn);

const major = process.versions.node.split(".")[0];
// Node 20 compares with the committed fingerprints, later Nodes with Node 20's; a mutation run
// (npm run mutate:ts, on whichever Node Stryker needs) compares with the committed ones directly
const committed = major === "20" || process.env.FRACTURE_FINGERPRINTS === "committed";
test(`fingerprints: recorded for Node ${major}, equal to ${committed ? "the committed ones" : "Node 20's"}`, async () => {
  await recordFingerprints(committed ? "node" : `node${major}`, await fingerprints());
});
