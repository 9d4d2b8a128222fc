import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { fracture: fileURLToPath(new URL("./src/index.node.ts", import.meta.url)) } },
  test: {
    include: ["test/runtimes/node.test.ts", "test/node/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
