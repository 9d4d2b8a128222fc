// Bundles the three runtime entries (sharing one chunk) and their types into dist/.
// The .wasm is built by asc straight into dist/ and stays a separate file.
import { nodeResolve } from "@rollup/plugin-node-resolve";
import typescript from "@rollup/plugin-typescript";
import { dts } from "rollup-plugin-dts";

const input = {
  "index.node": "src/index.node.ts",
  "index.browser": "src/index.browser.ts",
  "index.workerd": "src/index.workerd.ts",
  cli: "src/cli/main.ts",
  server: "src/oracle/server.ts",
  "oracle.worker": "src/cli/oracle_worker.ts",
};
const external = (id) => id.startsWith("node:") || id.endsWith(".wasm") || id === "valibot";

// Types for the `fracture/fracture.wasm` subpath, as Workers' bundlers import it.
const wasmTypes = {
  name: "wasm-types",
  generateBundle() {
    this.emitFile({
      type: "asset",
      fileName: "fracture.wasm.d.ts",
      source:
        "/** The fracture core, compiled: pass it to `init()` where code generation is forbidden. */\ndeclare const module: WebAssembly.Module;\nexport default module;\n",
    });
  },
};

const sources = () =>
  typescript({
    tsconfig: "tsconfig.json",
    include: ["src/**/*.ts", "bindings/**/*.ts"],
    compilerOptions: { noEmit: false, rewriteRelativeImportExtensions: true, declaration: false },
  });

export default [
  {
    input,
    external,
    output: {
      dir: "dist",
      format: "es",
      entryFileNames: "[name].js",
      chunkFileNames: "[name].js",
      // the sources import ../dist/fracture.wasm; in dist/ it sits beside the bundle
      paths: (id) => (id.endsWith("fracture.wasm") ? "./fracture.wasm" : id),
    },
    plugins: [wasmTypes, sources()],
  },
  // The browser entry with its dependencies inside: one file a page imports with no bundler and
  // no import map (`fracture/standalone`); it finds fracture.wasm beside itself.
  {
    input: { "fracture.standalone": "src/index.browser.ts" },
    external: (id) => id.endsWith(".wasm"),
    output: {
      dir: "dist",
      format: "es",
      entryFileNames: "[name].js",
      paths: (id) => (id.endsWith("fracture.wasm") ? "./fracture.wasm" : id),
    },
    plugins: [nodeResolve({ browser: true }), sources()],
  },
  // stress's worker, its dependencies inside too: worker threads and Web Workers load it by URL
  // beside the entry, where a page has no bundler nor import map to resolve a bare import
  {
    input: { "stress.worker": "src/stress/worker.ts" },
    external: (id) => id.startsWith("node:") || id.endsWith(".wasm"),
    output: { dir: "dist", format: "es", entryFileNames: "[name].js" },
    plugins: [
      nodeResolve({ browser: true }),
      sources(),
      {
        name: "worker-types",
        generateBundle() {
          this.emitFile({
            type: "asset",
            fileName: "stress.worker.d.ts",
            source:
              "/** fracture's stress worker: a script that workers load by URL (stress's `workerUrl`); it exports nothing. */\nexport {};\n",
          });
        },
      },
    ],
  },
  {
    input: "src/index.node.ts",
    external,
    output: { file: "dist/index.d.ts", format: "es" },
    plugins: [dts({ tsconfig: "tsconfig.json" })],
  },
  // fracture/server: the risk oracle's routes, service and history
  {
    input: "src/oracle/server.ts",
    external: (id) => external(id) || id === "hono" || id.startsWith("hono/"),
    output: { file: "dist/server.d.ts", format: "es" },
    plugins: [dts({ tsconfig: "tsconfig.json" })],
  },
];
