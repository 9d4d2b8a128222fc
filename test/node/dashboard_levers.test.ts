// The dashboard's levers (examples/dashboard/levers.js) on every preset: each mitigation's lever
// either says why the scenario refuses the mechanism or builds a scenario fracture accepts, at
// both ends of its range and where it starts; segmentation's baskets split the lender's markets.
import { describe, expect, test } from "vitest";
// @ts-expect-error: the page's plain JavaScript, typed below as this test uses it
import * as page from "../../examples/dashboard/levers.js";
import { presets } from "../../src/presets/index.ts";
import { scenarioJsonSchema } from "../../src/scenario/json_schema.ts";
import type { Scenario } from "../../src/scenario/types.ts";
import { validateScenario } from "../../src/scenario/validate.ts";

interface Param {
  key: string;
  min: number;
  max: number | ((s: Scenario) => number);
}
interface Lever {
  id: string;
  group: string;
  optional?: boolean;
  params: Param[];
  available(s: Scenario, ctx: Ctx): true | false | string;
  initial(s: Scenario, ctx: Ctx): Record<string, number>;
}
interface Ctx {
  asset: string;
  mitigations: string[];
}
type State = Record<string, { on: boolean; values: Record<string, number> }>;
const { applyLevers, LEVERS, tradedAssets } = page as {
  applyLevers(
    s: Scenario,
    state: State,
    ctx: Ctx,
  ): Scenario & { mitigations: { type: string; baskets?: string[][] }[] };
  LEVERS: Lever[];
  tradedAssets(s: Scenario): string[];
};

const schema = scenarioJsonSchema() as { properties: { mitigations: { items: { oneOf: unknown[] } } } };
const known = schema.properties.mitigations.items.oneOf
  .map((v) => (v as { properties?: { type?: { const?: unknown } } }).properties?.type?.const)
  .filter((t): t is string => typeof t === "string");

describe("dashboard levers", () => {
  test("every mechanism fracture knows has a lever", () => {
    for (const type of known.filter((t) => t !== "none")) expect(LEVERS.map((l) => l.id)).toContain(type);
  });

  for (const [name, preset] of Object.entries(presets)) {
    test(`${name}: each mitigation lever is refused with a reason or builds a valid scenario`, () => {
      const ctx = { asset: tradedAssets(preset)[0], mitigations: known };
      for (const lever of LEVERS.filter((l) => l.group === "mitigation" && l.optional)) {
        const available = lever.available(preset, ctx);
        if (available !== true) {
          expect(typeof available, lever.id).toBe("string");
          continue;
        }
        const p = lever.params[0];
        const max = typeof p.max === "function" ? p.max(preset) : p.max;
        for (const value of [p.min, lever.initial(preset, ctx)[p.key], max]) {
          const s = applyLevers(preset, { [lever.id]: { on: true, values: { [p.key]: value } } }, ctx);
          expect(() => validateScenario(s), `${lever.id} at ${value}`).not.toThrow();
          expect(s.mitigations.filter((m) => m.type === lever.id)).toHaveLength(1);
        }
      }
    });
  }

  test("segmentation: k baskets of the lender's markets in the order of their ids", () => {
    const s = presets.basketContagion;
    const ctx = { asset: tradedAssets(s)[0], mitigations: known };
    const lever = LEVERS.find((l) => l.id === "segmentation");
    expect(lever?.initial(s, ctx)).toEqual({ baskets: 2 }); // the preset's own: [ETH, stETH], [WBTC]
    const baskets = (k: number) =>
      applyLevers(s, { segmentation: { on: true, values: { baskets: k } } }, ctx).mitigations[0].baskets;
    expect(baskets(1)).toEqual([["ETH", "WBTC", "stETH"]]);
    expect(baskets(3)).toEqual([["ETH"], ["WBTC"], ["stETH"]]);
    expect(lever?.available(presets.sharedOracle, ctx)).toMatch(/two or more collateral markets/);
  });
});
