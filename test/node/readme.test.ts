// Every TypeScript example of the README runs: each ```ts block becomes a module of its own that
// sees the package's exports (its own `import … from "fracture"` lines give way to them) after
// `await init()`. A renamed function, a changed option or a scenario the schema refuses fails here.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as fracture from "fracture";
import { expect, test } from "vitest";

const root = new URL("../../", import.meta.url);

/** The README's ```ts blocks, dedented, with the line each starts on. */
async function blocks(): Promise<{ line: number; code: string }[]> {
  const text = await readFile(new URL("README.md", root), "utf8");
  const out: { line: number; code: string }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```ts\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(indent));
    out.push({ line: i + 1, code: body.join("\n") });
    i = j;
  }
  return out;
}

test("the README has TypeScript examples", async () => {
  expect((await blocks()).length).toBeGreaterThanOrEqual(5);
});

test("every TypeScript example of the README runs", async () => {
  const dir = new URL(".test-output/readme/", root);
  await mkdir(dir, { recursive: true });
  const names = Object.keys(fracture).filter((n) => n !== "default");
  for (const { line, code } of await blocks()) {
    const body = code.replace(/^import [^;]+ from "fracture";$/gm, "");
    const module = [
      `import * as fracture from "fracture";`,
      `const { ${names.join(", ")} } = fracture;`,
      `await init();`,
      body,
      "export {};",
    ].join("\n");
    const file = new URL(`readme-${line}.ts`, dir);
    await writeFile(file, module);
    await expect(import(/* @vite-ignore */ file.pathname), `README.md line ${line}`).resolves.toBeDefined();
  }
});
