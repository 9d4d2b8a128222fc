/**
 * The prices of each stress path's modelled assets. (Stand-in until the core's path models land:
 * GBM drawn from a per-path splitmix64 stream; replaced by `generatePaths`.)
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";

/**
 * Prices at steps 0..steps-1 of paths `first`..`first + count − 1`, per path per asset.
 * @param s the scenario
 * @param assets the modelled assets
 * @param seed the run's seed
 * @param first the first path
 * @param count paths
 * @param steps steps per path
 */
export function pathPrices(
  s: ScenarioV1,
  assets: string[],
  seed: number,
  first: number,
  count: number,
  steps: number,
): Float64Array[][] {
  const dt = s.stepSeconds / (365 * 86400);
  const out: Float64Array[][] = [];
  for (let k = 0; k < count; k++) {
    let state = BigInt(seed) * 0x9e3779b97f4a7c15n + BigInt(first + k) * 0xd1b54a32d192ed03n;
    const uniform = () => {
      state = (state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
      let z = state;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
      z ^= z >> 31n;
      return (Number(z >> 11n) + 0.5) / 2 ** 53;
    };
    out.push(
      assets.map((id) => {
        const a = s.assets.find((x) => x.id === id) as ScenarioV1["assets"][number];
        const col = new Float64Array(steps);
        let p = a.price;
        for (let t = 0; t < steps; t++) {
          const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
          p *= Math.exp(-0.5 * a.vol * a.vol * dt + a.vol * Math.sqrt(dt) * z);
          col[t] = p;
        }
        return col;
      }),
    );
  }
  return out;
}
