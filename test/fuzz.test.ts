// Bad input never crashes the core or yields a silently wrong number: the presets with one or two
// fields set to hostile values (NaN, ±Infinity, 0, negatives, 1e300, wrong types) must either be
// refused with a ScenarioError that names a field it changed, or run to finite results.
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

/** ["protocols", 0, "markets"] → "protocols[0].markets", as ScenarioError writes paths. */
function pathOf(path: (string | number)[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

test(`fuzz: ${CASES} presets with hostile fields are refused naming a changed field, or run to finite results`, () => {
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
    const touched: { path: string; key: string; old: unknown }[] = [];
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
      touched.push({ path: pathOf(path), key: String(key), old });
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
      // the refusal names what was changed: its path (or a field inside it, or the object that
      // holds it), or — for a cross-field rule — its name or its old value in the message
      const named = err.issues.some((issue) =>
        touched.some(
          (t) =>
            issue.path === t.path ||
            issue.path.startsWith(`${t.path}.`) ||
            issue.path.startsWith(`${t.path}[`) ||
            t.path.startsWith(`${issue.path}.`) ||
            t.path.startsWith(`${issue.path}[`) ||
            issue.message.includes(t.key) ||
            (typeof t.old === "string" && issue.message.includes(`"${t.old}"`)),
        ),
      );
      assert(named, `the refusal of ${where} names none of the fields changed: ${err.message}`);
      refused++;
    }
  }
  assert(ran > 10 && refused > 50, `ran ${ran}, refused ${refused}`);
});
