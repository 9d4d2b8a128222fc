// Vite for the dashboard: `npm run dashboard` serves it on loopback (after `npm run build`), `vite build`
// writes it to build/dashboard/. "fracture" is this repository's browser build (dist/), whose
// new URL("./fracture.wasm", import.meta.url) Vite serves in development and emits as an asset.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("../../", import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  clearScreen: false,
  cacheDir: `${root}build/.vite-dashboard`, // not node_modules/.vite: node_modules may be shared
  // copied out of the package into a project, the folder imports the installed fracture instead
  resolve: { alias: existsSync(`${root}dist/index.browser.js`) ? { fracture: `${root}dist/index.browser.js` } : {} },
  worker: { format: "es" },
  server: { host: "127.0.0.1", port: 5173, fs: { allow: [root] } },
  preview: { host: "127.0.0.1", port: 4173 },
  build: { outDir: `${root}build/dashboard`, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 2000 },
});
