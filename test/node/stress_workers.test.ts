// Stress on worker threads, from the built package (the workers load dist/stress.worker.js): the
// same outcomes for 1, 2 and 3 workers; and `fracture stress --shard i/n --json` run as separate
// processes, merged by `fracture stress merge`, equals one run.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
// @ts-expect-error: the built entry has its types in dist/index.d.ts
import * as dist from "../../dist/index.node.js";

const built = dist as typeof import("fracture");

const scenario = {
  ...built.presets.sharedOracle,
  steps: 40,
  shock: [],
  assets: [
    { id: "ETH", price: 2000, vol: 3 },
    { id: "USDC", price: 1 },
  ],
};

test("stress gives the same outcomes on 1, 2 and 3 worker threads", async () => {
  await built.init();
  const runs = await Promise.all([1, 2, 3].map((workers) => built.stress(scenario, { paths: 150, seed: 4, workers })));
  for (const r of runs.slice(1)) {
    for (const k of Object.keys(r.outcomes) as (keyof typeof r.outcomes & string)[])
      expect(Array.from(r.outcomes[k]), k).toEqual(Array.from(runs[0].outcomes[k]));
    expect(r.measures).toEqual(runs[0].measures);
  }
});

test("fracture stress --shard i/n as separate processes, merged, equals one run", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fracture-stress-"));
  const file = join(dir, "scenario.json");
  await writeFile(file, JSON.stringify(scenario));
  const bin = new URL("../../bin/fracture.js", import.meta.url).pathname;
  const run = (...args: string[]) => promisify(execFile)(process.execPath, [bin, ...args], { maxBuffer: 1 << 26 });
  const parts = await Promise.all(
    [0, 1, 2].map(async (i) => {
      const { stdout } = await run("stress", file, "--paths", "30", "--seed", "2", "--shard", `${i}/3`, "--json");
      const part = join(dir, `part-${i}.json`);
      await writeFile(part, stdout);
      return part;
    }),
  );
  const merged = JSON.parse((await run("stress", "merge", ...parts, "--json")).stdout);
  const whole = JSON.parse(
    (await run("stress", file, "--paths", "30", "--seed", "2", "--json", "--workers", "1")).stdout,
  );
  expect(merged.outcomes).toEqual(whole.outcomes);
  expect(merged.measures).toEqual(whole.measures);
  const table = (await run("stress", "merge", ...parts)).stdout;
  expect(table).toMatch(/30 paths merged from 3 parts/);
});
