// Bad input never crashes the core or yields a silently wrong number: the presets with one or two
// fields set to hostile values (NaN, ±Infinity, 0, negatives, 1e300, wrong types) must either be
// refused with a ScenarioError naming paths, or run to finite results.
import { presets, type Scenario, ScenarioError, simulate } from "fracture";
import { AssertionError, assert, rng, test } from "./harness.ts";

const CASES = 400;
const HOSTILE: unknown[] = [0, -1, Number.NaN, Infinity, -Infinity, 1e300, 1e-300, 2 ** 31, 0.5, "x", null, [], {}];

/** The paths of a scenario's leaves (of long lists, a few picked at random). */
function leaves(x: unknown, r: () => number, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (Array.isArray(x)) {
    const picks = x.length > 50 ? Array.from({ length: 5 }, () => Math.floor(r() * x.length)) : x.keys();
    for (const i of picks) leaves(x[i], r, [...path, i], out);
  } else if (x !== null && typeof x === "object") {
    for (const [k, v] of Object.entries(x)) leaves(v, r, [...path, k], out);
  } else out.push(path);
  return out;
}

test(`fuzz: ${CASES} presets with hostile fields are refused by path or run to finite results`, () => {
  const r = rng(99);
  const bases = Object.entries(presets).filter(([name]) => !name.startsWith("blackThursday2020"));
  let refused = 0;
  let ran = 0;
  for (let n = 0; n < CASES; n++) {
    const [name, base] = bases[Math.floor(r() * bases.length)];
    const s = structuredClone(base) as Scenario & Record<string, unknown>;
    s.steps = Math.min(s.steps, 40);
    const paths = leaves(s, r);
    const changed: string[] = [];
    for (let m = 1 + Math.floor(r() * 2); m > 0; m--) {
      const path = paths[Math.floor(r() * paths.length)];
      let at = s as unknown as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      const key = path[path.length - 1];
      const old = at[key];
      const value =
        typeof old === "number" && r() < 0.4
          ? old * [10, 1e-3, -1][Math.floor(r() * 3)]
          : HOSTILE[Math.floor(r() * HOSTILE.length)];
      at[key] = value;
      changed.push(`${path.join(".")} = ${String(value)}`);
    }
    const where = `${name} with ${changed.join(", ")}`;
    try {
      const { summary } = simulate(s, { counterfactual: r() < 0.3 });
      const figures = [summary.badDebt, summary.liquidatedNotional, summary.slippagePaid, summary.realizedDrawdown];
      assert(figures.every(Number.isFinite), `non-finite results ${figures} for ${where}`);
      ran++;
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw new AssertionError(`${where}: ${String(err)}`);
      for (const issue of err.issues) {
        assert(
          /^[\w[\].]+$/.test(issue.path) || issue.path === "(scenario)",
          `no path in "${issue.path}" for ${where}`,
        );
        assert(issue.message.length > 0, `an empty message for ${where}`);
      }
      refused++;
    }
  }
  assert(ran > 10 && refused > 50, `ran ${ran}, refused ${refused}`);
});
