/**
 * Fingerprints across runtimes: Node writes its own; every later runtime must match it.
 * Runs where `node:fs` exists (Node, Deno, and the Node scripts driving Chromium and workerd).
 * @module
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";

const DIR = new URL("../../.test-output/fingerprints/", import.meta.url);

/** Saves this runtime's fingerprints; unless it is Node, also checks them against Node's. */
export async function recordFingerprints(runtime: string, prints: Record<string, string>): Promise<void> {
  await mkdir(DIR, { recursive: true });
  await writeFile(new URL(`${runtime}.json`, DIR), `${JSON.stringify(prints, null, 2)}\n`);
  if (runtime === "node") return;
  let node: Record<string, string>;
  try {
    node = JSON.parse(await readFile(new URL("node.json", DIR), "utf8"));
  } catch {
    throw new Error("no Node fingerprints to compare with: run `npm run test:node` first");
  }
  for (const [name, hash] of Object.entries(node)) {
    if (prints[name] !== hash) throw new Error(`${runtime} differs from Node on ${name}: ${prints[name]} vs ${hash}`);
  }
}
