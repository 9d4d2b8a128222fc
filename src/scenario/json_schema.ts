/**
 * The scenario's JSON Schema, generated from the valibot schemas that `validateScenario` runs,
 * so the published schema and the validator cannot drift (test/node/schema.test.ts checks that
 * schema/scenario.schema.json is this output).
 * @module
 */
import { toJsonSchema } from "@valibot/to-json-schema";
import { ScenarioSchema } from "./schema.ts";

/**
 * Where the published JSON Schema of scenarios lives: a scenario file's `$schema`, so editors
 * check and complete it.
 * @example
 * ```ts
 * const file = { $schema: SCENARIO_SCHEMA_ID, ...presets.sharedOracle };
 * scenarioJsonSchema().$id === SCENARIO_SCHEMA_ID;
 * ```
 */
export const SCENARIO_SCHEMA_ID = "https://unpkg.com/fracture/schema/scenario.schema.json";

/**
 * The JSON Schema (draft-07) of a version 1 scenario, as users write it (defaults optional).
 * Checks that JSON Schema cannot express (a perps size other than 0, ids that must exist) are
 * `validateScenario`'s alone.
 * @returns the schema object
 * @example
 * ```ts
 * const schema = scenarioJsonSchema(); // give it to an editor for completion and checks
 * ```
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(ScenarioSchema, { typeMode: "input", errorMode: "ignore" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: SCENARIO_SCHEMA_ID,
    title: "fracture scenario, version 1",
    description:
      "Assets, venues, oracles, protocols with their positions, liquidators, dealers, arbitrageurs and shocks of one cascade simulation. Each step: (1) the shocks act on their venues and outside markets; (2) every oracle observes its sources and publishes (with its latency); (3) every protocol evaluates its positions once at its oracles' published prices and liquidates those below health 1, lowest health first, by liquidators with capital and block space, who sell what they seize at once on their venue; (4) dealers re-hedge, arbitrageurs align venues, order books' makers replenish; (5) the step is recorded. The run ends after steps, or earlier once nothing is liquidatable and no flow is pending. Lists run in the order of their ids, so the order they are written in changes no result.",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}
