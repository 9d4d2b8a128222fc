// Runs the portable suite inside workerd (miniflare 4 on loopback). The worker is bundled
// with the `workerd` export condition, so `fracture` is the built dist/index.workerd.js and
// fracture.wasm arrives as a compiled module, as on Cloudflare. Run with Node 24.
import { Miniflare } from "miniflare";
import { finish } from "./report.ts";
import { bundleWorker } from "./workerd_bundle.ts";

const root = new URL("../../", import.meta.url);
const out = new URL("build/workerd/", root);
await bundleWorker("test/runtimes/workerd.entry.ts", out);

// Today's date, and one before 2025-05-05, when Workers had no FinalizationRegistry: the
// package must load and give the same fingerprints without it.
const DATES = ["2026-01-01", "2024-09-23"];
for (const [i, compatibilityDate] of DATES.entries()) {
  const mf = new Miniflare({
    modules: true,
    scriptPath: new URL("worker.js", out).pathname,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    host: "127.0.0.1",
  });
  try {
    const res = await mf.dispatchFetch("http://localhost/");
    const result = await res.json();
    const runtime = i === 0 ? "workerd" : `workerd-${compatibilityDate}`;
    await finish(runtime, `workerd (compatibility date ${compatibilityDate})`, result);
  } finally {
    await mf.dispose();
  }
  if (process.exitCode) break;
}
