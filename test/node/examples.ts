// Runs TypeScript examples as users would paste them: each block a module of its own that sees the
// package's exports (its own `import … from "fracture"` lines give way to them) after `await init()`.
import { mkdir, writeFile } from "node:fs/promises";
import * as fracture from "fracture";
import { expect } from "vitest";

const root = new URL("../../", import.meta.url);

/** An example: where it is (for the failure's message) and its code. */
export interface Example {
  where: string;
  code: string;
}

/** The names the examples may use: every export of the package. */
export const EXPORTS = Object.keys(fracture).filter((n) => n !== "default");

/** Runs each example; a failure names where it is. */
export async function runExamples(examples: Example[], folder: string): Promise<void> {
  const dir = new URL(`.test-output/${folder}/`, root);
  await mkdir(dir, { recursive: true });
  const failed: string[] = [];
  for (const [k, { where, code }] of examples.entries()) {
    const body = code.replace(/^import [^;]+ from "fracture";$/gm, "");
    const module = [
      `import * as fracture from "fracture";`,
      `const { ${EXPORTS.join(", ")} } = fracture;`,
      `await init();`,
      body,
      "export {};",
    ].join("\n");
    const file = new URL(`example-${k}.ts`, dir);
    await writeFile(file, module);
    try {
      await import(/* @vite-ignore */ file.pathname);
    } catch (err) {
      failed.push(`${where}: ${String(err)}`);
    }
  }
  expect(failed).toEqual([]);
}
