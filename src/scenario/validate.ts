/**
 * `validateScenario`: the scenario JSON in, a typed scenario with defaults out — or one
 * `ScenarioError` listing every bad field by path, unknown ids included.
 * @module
 */
import * as v from "valibot";
import { ScenarioError, type ScenarioIssue } from "./error.ts";
import { explain } from "./explain.ts";
import { type FileOptions, readPositions } from "./positions.ts";
import { references } from "./references.ts";
import { type Parsed, ScenarioSchema, type ScenarioV1 } from "./schema.ts";
import type { Scenario } from "./types.ts";

export { ScenarioError, type ScenarioIssue } from "./error.ts";

/** Options of {@link validateScenario}. */
export type ValidateOptions = FileOptions;

/**
 * Checks a scenario and fills in its defaults; positions given as CSV (`csv`, or `csvFile` read
 * relative to `options.baseUrl`) come back as lists, each with its `account`.
 * @param json the parsed scenario (an object, as JSON.parse gives it)
 * @param options where its files are
 * @returns the scenario, typed, with every default set
 * @throws ScenarioError naming the path of every bad field (`protocols[1].markets.ETH.liquidationThreshold:
 *   expected a number in (0, 1], got 1.4`), unknown ids included
 * @example
 * ```ts
 * const text = JSON.stringify(presets.sharedOracle); // a scenario file's text
 * const scenario = validateScenario(JSON.parse(text)); // or a ScenarioError listing every bad field
 * ```
 */
export function validateScenario(json: unknown, options?: ValidateOptions): Scenario {
  return checkScenario(json, options) as Scenario;
}

/** {@link validateScenario}, typed as the engine reads it (every default present, CSV read). */
export function checkScenario(json: unknown, options: ValidateOptions = {}): ScenarioV1 {
  const parsed = v.safeParse(ScenarioSchema, json, { abortEarly: false });
  if (!parsed.success) throw new ScenarioError(explain(parsed.issues, ScenarioSchema));
  const issues: ScenarioIssue[] = references(parsed.output);
  const s = readPositions(parsed.output, options, (path, message) => issues.push({ path, message }));
  if (issues.length > 0) throw new ScenarioError(issues);
  return s;
}

/**
 * {@link checkScenario} without reading CSV positions (no files): every field and every check
 * between fields, for callers that use no positions (generated paths).
 */
export function checkFields(json: unknown): Parsed {
  const parsed = v.safeParse(ScenarioSchema, json, { abortEarly: false });
  if (!parsed.success) throw new ScenarioError(explain(parsed.issues, ScenarioSchema));
  const issues = references(parsed.output);
  if (issues.length > 0) throw new ScenarioError(issues);
  return parsed.output;
}
