/**
 * The fragility index of an asset, 0 (robust) to 100 (fragile): a weighted sum of six bounded
 * scores, each an input mapped linearly onto [0, 1] between two documented values and clamped
 * there. Index = 100 × Σ weightᵢ × scoreᵢ; the weights add up to 1.
 *
 * | component | input | score 0 at | score 1 at | weight |
 * | --- | --- | ---: | ---: | ---: |
 * | staticBoundary | the static boundary's drop (none on the grid: score 0) | 50% | 0% | 0.25 |
 * | dynamicBoundary | the dynamic boundary's drop (none up to maxDrop: score 0) | 50% | 0% | 0.30 |
 * | leverage | total-system leverage, Σ exposure / Σ equity (no equity: score 1; no exposure: 0) | 1× | 10× | 0.15 |
 * | concentration | the top accounts' share of all exposure | 0 | 1 | 0.10 |
 * | depthToLadder | the lowest depth / cumulative ladder over the levels down to a 25% fall (nothing liquidatable there: score 0) | 2 | 0.5 | 0.15 |
 * | sharedOracles | the share of the asset's exposure held in protocols whose oracle of it another protocol reads too | 0 | 1 | 0.05 |
 *
 * The boundaries weigh most because they are the cascade itself (the dynamic one with the
 * engine's feedback); leverage and depth say how hard a fall hits and how much of it the market
 * absorbs; concentration and shared oracles are the contagion channels.
 * @module
 */
import type { FragilityComponent } from "./types.ts";

/** Every input of the index; null where the thing measured does not exist. */
export interface FragilityInputs {
  staticDrop: number | null;
  dynamicDrop: number | null;
  leverage: number | null;
  topShare: number;
  depthToLadder: number | null;
  sharedOracleShare: number;
}

interface Rule {
  name: FragilityComponent["name"];
  description: string;
  unit: string;
  range: [number, number];
  weight: number;
  input(x: FragilityInputs): number | null;
}

/**
 * The components, their ranges and weights (the table above).
 * @example
 * ```ts
 * FRAGILITY_RULES.map((r) => [r.name, r.range, r.weight]); // six components; the weights add up to 1
 * ```
 */
export const FRAGILITY_RULES: readonly Rule[] = [
  {
    name: "staticBoundary",
    description:
      "How far the price falls before forced sales outrun the venues' depth (no feedback); none on the grid scores 0.",
    unit: "share of the price",
    range: [0.5, 0],
    weight: 0.25,
    input: (x) => x.staticDrop,
  },
  {
    name: "dynamicBoundary",
    description:
      "The smallest sudden drop whose simulated cascade at least doubles the fall; none up to the largest drop tried scores 0.",
    unit: "share of the price",
    range: [0.5, 0],
    weight: 0.3,
    input: (x) => x.dynamicDrop,
  },
  {
    name: "leverage",
    description:
      "Total-system leverage, Σ gross exposure / Σ equity over every protocol (no equity left: infinite, scores 1; no exposure: none, scores 0).",
    unit: "×",
    range: [1, 10],
    weight: 0.15,
    input: (x) => x.leverage,
  },
  {
    name: "concentration",
    description: "The largest accounts' share of all exposure (systemMeasures' topShare).",
    unit: "share",
    range: [0, 1],
    weight: 0.1,
    input: (x) => x.topShare,
  },
  {
    name: "depthToLadder",
    description:
      "The lowest ratio of the venues' depth to the cumulative ladder over the levels down to a 25% fall; nothing liquidatable there scores 0.",
    unit: "ratio",
    range: [2, 0.5],
    weight: 0.15,
    input: (x) => x.depthToLadder,
  },
  {
    name: "sharedOracles",
    description:
      "The share of the asset's exposure held in protocols whose oracle of it another protocol reads too (one oracle's error reaches them all).",
    unit: "share",
    range: [0, 1],
    weight: 0.05,
    input: (x) => x.sharedOracleShare,
  },
];

/** The fall down to which the depth-to-ladder ratio is taken. */
export const DEPTH_RANGE = 0.25;

/**
 * The index and every component beside its input.
 * @param inputs the inputs
 * @returns the index (0–100) and the components
 */
export function fragility(inputs: FragilityInputs): { index: number; components: FragilityComponent[] } {
  const components = FRAGILITY_RULES.map((r): FragilityComponent => {
    const input = r.input(inputs);
    const [zero, one] = r.range;
    // an infinite input (a leverage with no equity) clamps to its end of the range; NaN or null (the thing measured does not exist) scores 0
    const score = input === null || Number.isNaN(input) ? 0 : clamp((input - zero) / (one - zero));
    return {
      name: r.name,
      description: r.description,
      input: input !== null && Number.isFinite(input) ? input : null,
      unit: r.unit,
      range: [zero, one],
      score,
      weight: r.weight,
      contribution: 100 * r.weight * score,
    };
  });
  let index = 0;
  for (const c of components) index += c.contribution;
  return { index: Math.min(100, Math.max(0, index)), components };
}

function clamp(x: number): number {
  return x < 0 ? 0 : Math.min(x, 1);
}
