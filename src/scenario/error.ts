/** The error of a scenario that cannot run, with every problem by path. @module */
import { issuesText } from "../issues.ts";

/** One problem of a scenario: where, and what is wrong there. */
export interface ScenarioIssue {
  /** e.g. `protocols[1].markets.ETH.liquidationThreshold` */
  path: string;
  message: string;
}

/** A scenario that cannot run; `issues` lists every problem found. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: ScenarioIssue[]) {
    super(issuesText(issues)); // grouped by message over indices, capped with a count
    this.issues = issues;
  }
}
