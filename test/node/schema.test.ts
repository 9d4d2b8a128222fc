// The published JSON Schema is what the validator's schemas generate (no drift), and the two
// agree: every preset passes both; a bad field fails both.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { expect, test } from "vitest";
import { presets, ScenarioError, scenarioJsonSchema, validateScenario } from "../../src/index.node.ts";

const file = new URL("../../schema/scenario.schema.json", import.meta.url);

test("schema/scenario.schema.json is the generated schema (run npm run schema after changing src/scenario)", () => {
  const published = JSON.parse(readFileSync(file, "utf8"));
  expect(published).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
});

test("the JSON Schema and validateScenario agree on the presets and on bad fields", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const check = ajv.compile(scenarioJsonSchema());
  for (const [name, s] of Object.entries(presets)) {
    expect(check(s), `${name}: ${JSON.stringify(check.errors)}`).toBe(true);
    expect(() => validateScenario(s)).not.toThrow();
  }
  const bad = structuredClone(presets.sharedOracle) as unknown as {
    protocols: { markets: { ETH: { liquidationThreshold: number } } }[];
  };
  bad.protocols[1].markets.ETH.liquidationThreshold = 1.4;
  expect(check(bad)).toBe(false);
  expect(check.errors?.[0].instancePath).toBe("/protocols/1/markets/ETH/liquidationThreshold");
  expect(() => validateScenario(bad)).toThrow(ScenarioError);
  expect(() => validateScenario(bad)).toThrow(
    "protocols[1].markets.ETH.liquidationThreshold: expected a number in (0, 1], got 1.4",
  );
});
