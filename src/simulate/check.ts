/**
 * A scenario checked as far as a run would check it before its first step: every field and cross
 * reference (`validateScenario`), then its world built in the core and freed — which also finds
 * what only the venues' and protocols' builders can (a book's levels below a price of 0, a tick
 * too fine for its price range, a snapshot out of order).
 * @module
 */
import { canonical } from "../scenario/canonical.ts";
import type { BaseUrl } from "../scenario/files.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { buildWorld } from "./build.ts";
import { World } from "./world.ts";

/**
 * @param scenario the scenario JSON
 * @param baseUrl where a `csvFile` is read from
 * @returns the validated scenario, in canonical order
 * @throws ScenarioError naming every bad field
 */
export function checkBuild(scenario: Scenario, baseUrl?: BaseUrl): ScenarioV1 {
  const s = canonical(checkScenario(scenario, { baseUrl }));
  const w = new World(s, false, 0, 0);
  try {
    buildWorld(w);
  } finally {
    w.dispose();
  }
  return s;
}
