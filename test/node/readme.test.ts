// Every TypeScript example of the README runs (test/node/examples.ts): a renamed function, a changed
// option or a scenario the schema refuses fails here.
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { type Example, runExamples } from "./examples.ts";

/** The README's ```ts blocks, dedented, each named by the line it starts on. */
async function blocks(): Promise<Example[]> {
  const text = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  const out: Example[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```ts\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(indent));
    out.push({ where: `README.md line ${i + 1}`, code: body.join("\n") });
    i = j;
  }
  return out;
}

test("the README has TypeScript examples", async () => {
  expect((await blocks()).length).toBeGreaterThanOrEqual(5);
});

test("every TypeScript example of the README runs", async () => {
  await runExamples(await blocks(), "readme");
});
