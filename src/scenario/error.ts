/** The error of a scenario that cannot run, with every problem by path. @module */
import { IssuesError, type PathIssue } from "../issues.ts";

/** One problem of a scenario: where (`protocols[1].markets.ETH.liquidationThreshold`), and what is wrong there. */
export type ScenarioIssue = PathIssue;

/**
 * A scenario that cannot run; `issues` lists every problem found.
 * @example
 * ```ts
 * try {
 *   simulate({ ...presets.sharedOracle, steps: -1 });
 * } catch (err) {
 *   if (err instanceof ScenarioError) err.issues; // [{ path: "steps", message: "expected a whole number …" }]
 * }
 * ```
 */
export class ScenarioError extends IssuesError {
  /**
   * The error for a scenario's problems.
   * @param issues every problem of the scenario, by path
   */
  constructor(issues: PathIssue[]) {
    super(issues);
  }
  override name = "ScenarioError";
}
