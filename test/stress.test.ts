// Monte Carlo stress: path i gives the same outcomes alone, in a batch, in any shard; shards merge
// into exactly the unsharded result; the measures are the defined quantiles of the outcomes.
import { mergeStress, presets, type Scenario, stress } from "fracture";
import { assert, equal, rejects, test } from "./harness.ts";
import { platform } from "./platform.ts";

/** A small market to stress: two lenders sharing an oracle, fewer positions, 60 steps. */
const small: Scenario = {
  ...presets.sharedOracle,
  name: "stress-small",
  steps: 60,
  protocols: presets.sharedOracle.protocols?.map((p) =>
    p.type === "lending" && !Array.isArray(p.positions) && "generate" in p.positions
      ? { ...p, positions: { generate: { ...p.positions.generate, count: 300 } } }
      : p,
  ),
  shock: [],
  assets: [
    { id: "ETH", price: 2000, vol: 3 }, // a volatile hour: liquidations happen on some paths
    { id: "USDC", price: 1 },
  ],
};

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

test("stress: path i has the same outcomes alone, in a batch and in any shard; shards merge exactly", async () => {
  const whole = await stress(small, { paths: 24, seed: 9 });
  equal(whole.count, 24, "paths");
  assert(whole.distributions.liquidations.max > 0, "some paths liquidate");
  const parts = await Promise.all([0, 1, 2].map((i) => stress(small, { paths: 24, seed: 9, shard: [i, 3] })));
  equal(parts.map((p) => `${p.first}+${p.count}`).join(","), "0+8,8+8,16+8", "shards cover the paths");
  assert(same(parts[1].outcomes.badDebt, whole.outcomes.badDebt.slice(8, 16)), "shard 1 = paths 8–15");
  const merged = mergeStress([parts[2], parts[0], parts[1]]);
  for (const k of Object.keys(whole.outcomes) as (keyof typeof whole.outcomes)[])
    assert(same(merged.outcomes[k], whole.outcomes[k]), `merged ${k}`);
  equal(JSON.stringify(merged.measures), JSON.stringify(whole.measures), "measures");
  equal(JSON.stringify(merged.distributions), JSON.stringify(whole.distributions), "distributions");
});

test("stress: on 2 workers (worker threads, Web Workers; in the calling thread where a runtime has none) the same outcomes as in this thread", async () => {
  const here = await stress(small, { paths: 12, seed: 4, workers: 1 });
  const spread = await stress(small, { paths: 12, seed: 4, workers: 2, workerUrl: platform().workerUrl });
  for (const k of Object.keys(here.outcomes) as (keyof typeof here.outcomes)[])
    assert(same(here.outcomes[k], spread.outcomes[k]), `${k} the same on 2 workers`);
  equal(JSON.stringify(spread.measures), JSON.stringify(here.measures), "measures");
  const { name, workerUrl } = platform();
  // a worker script that is not there: the run fails and says which (not under `deno test`, which
  // type-checks a worker's module first and fails the test on its own when it is missing)
  if ((name === "node" || name === "chromium") && workerUrl) {
    const missing = new URL("no-such-worker.js", workerUrl);
    await rejects(
      () => stress(small, { paths: 12, workers: 2, workerUrl: missing }),
      /no-such-worker\.js/,
      "a missing worker script",
    );
  }
});

test("stress: the measures are the nearest-rank quantiles and tail means of the paths' outcomes", async () => {
  const r = await stress(small, { paths: 40, seed: 3 });
  const sorted = Float64Array.from(r.outcomes.badDebt).sort();
  equal(r.measures.valueAtRisk, sorted[Math.ceil(0.95 * 40) - 1], "VaR 95 = sorted[37]");
  equal(r.measures.extremeValueAtRisk, sorted[Math.ceil(0.99 * 40) - 1], "EVaR 99 = sorted[39]");
  equal(r.measures.expectedShortfall, (sorted[38] + sorted[39]) / 2, "ES 95: the mean of the worst 2 of 40");
  const notional = Float64Array.from(r.outcomes.liquidatedNotional).sort();
  equal(r.measures.liquidationsAtRisk, notional[37], "liquidations at risk");
  let selfSustaining = 0;
  for (const x of r.outcomes.selfSustaining) selfSustaining += x;
  equal(r.measures.selfSustainingShare, selfSustaining / 40, "share of self-sustaining paths");
});

test("stress: merging parts of different runs, overlapping or leaving paths out is refused", async () => {
  const a = await stress(small, { paths: 10, seed: 1, shard: [0, 2] });
  const b = await stress(small, { paths: 10, seed: 2, shard: [1, 2] });
  let err: unknown;
  try {
    mergeStress([a, b]);
  } catch (e) {
    err = e;
  }
  assert(err instanceof RangeError && /parts\[1\]\.fingerprint/.test(err.message), `another run: ${err}`);
  let missing: unknown;
  try {
    mergeStress([a]);
  } catch (e) {
    missing = e;
  }
  assert(missing instanceof RangeError && /paths 5 to 9 missing/.test(missing.message), `missing: ${missing}`);
});

test("stress: progress after each batch; an aborted run rejects with the signal's reason", async () => {
  const seen: number[] = [];
  await stress(small, { paths: 130, seed: 1, onProgress: ({ done }) => seen.push(done) });
  equal(seen.join(","), "64,128,130", "progress");
  const controller = new AbortController();
  controller.abort(new Error("stop here"));
  await rejects(() => stress(small, { paths: 10, signal: controller.signal }), /stop here/);
});
