/**
 * `mergeStress`: the shards of one stress run put back together, exactly as one run gives them.
 * @module
 */
import { rangeError } from "../validate.ts";
import { distribution } from "./distribution.ts";
import { OUTCOMES, type Outcome } from "./path.ts";
import { measuresOf, type StressResult } from "./stress.ts";

/**
 * Merges the shards of one run (any order; each path exactly once).
 * @param parts the shards' results (as `stress` returned them, or parsed from their JSON)
 * @returns the result of the whole run, equal to running it unsharded
 * @throws RangeError when the parts belong to different runs, overlap or leave paths out
 * @example
 * ```ts
 * const parts = await Promise.all([0, 1].map((i) => stress(presets.sharedOracle, { paths: 40, shard: [i, 2], workers: 1 })));
 * mergeStress(parts).measures; // the unsharded run's, bit for bit
 * ```
 */
export function mergeStress(parts: readonly StressResult[]): StressResult {
  if (!Array.isArray(parts) || parts.length === 0) throw rangeError("parts", "at least one stress result", parts);
  const head = parts[0];
  for (const [i, p] of parts.entries()) {
    if (p.fingerprint !== head.fingerprint)
      throw rangeError(`parts[${i}].fingerprint`, `the run of parts[0] (${head.fingerprint})`, p.fingerprint);
  }
  const sorted = [...parts].sort((a, b) => a.first - b.first);
  let next = 0;
  for (const p of sorted) {
    if (p.first !== next)
      throw rangeError(
        "parts",
        `shards covering paths 0 to ${head.paths - 1} once each`,
        p.first < next ? `paths from ${p.first} twice` : `paths ${next} to ${p.first - 1} missing`,
      );
    next = p.first + p.count;
  }
  if (next !== head.paths)
    throw rangeError(
      "parts",
      `shards covering paths 0 to ${head.paths - 1}`,
      `paths ${next} to ${head.paths - 1} missing`,
    );
  const outcomes = Object.fromEntries(
    OUTCOMES.map((k) => {
      const col = new Float64Array(head.paths);
      for (const p of sorted) col.set(Float64Array.from(p.outcomes[k]), p.first);
      return [k, col];
    }),
  ) as Record<Outcome, Float64Array>;
  const distributions = Object.fromEntries(
    OUTCOMES.map((k) => [k, distribution(outcomes[k])]),
  ) as StressResult["distributions"];
  return { ...head, first: 0, count: head.paths, outcomes, distributions, measures: measuresOf(distributions) };
}
