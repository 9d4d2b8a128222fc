// A worker bundled as wrangler bundles one for workerd: the package's `workerd` export condition,
// fracture.wasm a module beside the worker (which workerd loads as CompiledWasm). Used by the
// portable suite's runner (workerd.ts) and by examples/worker's test.
import { copyFile, mkdir } from "node:fs/promises";
import { build, type Plugin } from "esbuild";

const root = new URL("../../", import.meta.url);

/**
 * Bundles `entry` (a path from the repository's root) into `out`/worker.js beside fracture.wasm.
 * @param resolve bare imports mapped to files (paths from the root), beyond node_modules'
 * @returns the worker's path
 */
export async function bundleWorker(entry: string, out: URL, resolve: Record<string, string> = {}): Promise<string> {
  await mkdir(out, { recursive: true });
  const file = new URL("worker.js", out).pathname;
  const plugin: Plugin = {
    // every import of the core becomes one module beside the worker
    name: "fracture-workerd",
    setup(b) {
      b.onResolve({ filter: /\.wasm$/ }, () => ({ path: "./fracture.wasm", external: true }));
      for (const [name, path] of Object.entries(resolve))
        b.onResolve({ filter: new RegExp(`^${name.replace(/[/.]/g, "\\$&")}$`) }, () => ({
          path: new URL(path, root).pathname,
        }));
    },
  };
  await build({
    entryPoints: [new URL(entry, root).pathname],
    outfile: file,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    tsconfigRaw: {}, // not tsconfig.json: its "paths" point `fracture` at the sources
    mainFields: ["module", "main"],
    ignoreAnnotations: true, // the test files are imported for their side effects
    plugins: [plugin],
    logLevel: "error",
  });
  await copyFile(new URL("dist/fracture.wasm", root), new URL("fracture.wasm", out));
  return file;
}
