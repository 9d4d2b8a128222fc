/**
 * Fingerprints across runtimes: Node 20 compares its own with the committed ones
 * (test/fixtures/fingerprints.json), so a change every runtime shares is seen too, and writes them;
 * every later runtime must match Node's. Runs where `node:fs` exists (Node, Deno, and the Node
 * scripts driving Chromium and workerd). `npm run fixtures:update` rewrites the committed file.
 * @module
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";

const DIR = new URL("../../.test-output/fingerprints/", import.meta.url);
/** The committed fingerprints Node's must equal. */
export const COMMITTED = new URL("../fixtures/fingerprints.json", import.meta.url);

/** The names whose fingerprints differ or are missing on either side. */
function mismatches(want: Record<string, string>, got: Record<string, string>): string[] {
  return [...new Set([...Object.keys(want), ...Object.keys(got)])].filter((k) => want[k] !== got[k]);
}

/** Saves this runtime's fingerprints; Node's are checked against the committed ones, the others against Node's. */
export async function recordFingerprints(runtime: string, prints: Record<string, string>): Promise<void> {
  await mkdir(DIR, { recursive: true });
  await writeFile(new URL(`${runtime}.json`, DIR), `${JSON.stringify(prints, null, 2)}\n`);
  if (runtime === "node") {
    const committed = JSON.parse(await readFile(COMMITTED, "utf8")) as Record<string, string>;
    const off = mismatches(committed, prints);
    if (off.length > 0)
      throw new Error(
        `Node's fingerprints differ from test/fixtures/fingerprints.json on ${off.join(", ")}; ` +
          "if the change is deliberate, run `npm run fixtures:update` and commit the fixtures",
      );
    return;
  }
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

/** Writes the committed fingerprints (`npm run fixtures:update`). */
export async function commitFingerprints(prints: Record<string, string>): Promise<void> {
  await writeFile(COMMITTED, `${JSON.stringify(prints, null, 2)}\n`);
}
