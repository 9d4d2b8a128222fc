// Runs the portable suite in headless Chromium (Debian's /usr/bin/chromium) via playwright-core.
// The page loads a bundle of test/runtimes/chromium.entry.ts and dist/fracture.wasm from a
// static server on loopback. Run with Node 24 (test/runtimes/node24/run).
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { build } from "esbuild";
import { launchChromium } from "./launch.ts";
import { finish } from "./report.ts";

const root = new URL("../../", import.meta.url);
const bundle = new URL("build/chromium/suite.js", root);

await build({
  entryPoints: [new URL("test/runtimes/chromium.entry.ts", root).pathname],
  outfile: bundle.pathname,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  alias: { fracture: new URL("src/index.browser.ts", root).pathname },
  ignoreAnnotations: true, // the test files are imported for their side effects
  logLevel: "warning",
});

const page = `<!doctype html><meta charset="utf-8"><title>fracture tests</title><script type="module" src="/bundle/suite.js"></script>`;
const files: Record<string, [URL, string]> = {
  "/bundle/suite.js": [bundle, "text/javascript"],
  "/dist/fracture.wasm": [new URL("dist/fracture.wasm", root), "application/wasm"],
  // the suite's stress workers: the bundle is built from the sources, so the built worker is named (workerUrl)
  "/dist/stress.worker.js": [new URL("dist/stress.worker.js", root), "text/javascript"],
};
const server = createServer(async (req, res) => {
  const file = files[req.url ?? ""];
  if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(page);
  else if (file) res.writeHead(200, { "content-type": file[1] }).end(await readFile(file[0]));
  else res.writeHead(404).end();
});
await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
const { port } = server.address() as { port: number };

const { browser, close } = await launchChromium({});
try {
  const tab = await browser.newPage();
  tab.on("pageerror", (err) => console.error("page error:", err));
  await tab.goto(`http://127.0.0.1:${port}/`);
  const result = await tab.evaluate(async () => (globalThis as { __report?: Promise<unknown> }).__report);
  const version = browser.browser()?.version() ?? "";
  await finish("chromium", `Chromium ${version}`, result);
} finally {
  await close();
  server.close();
}
