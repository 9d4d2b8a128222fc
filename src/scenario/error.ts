/** The error of a scenario that cannot run, with every problem by path. @module */
import { IssuesError, type PathIssue } from "../issues.ts";

/** One problem of a scenario: where (`protocols[1].markets.ETH.liquidationThreshold`), and what is wrong there. */
export type ScenarioIssue = PathIssue;

/** A scenario that cannot run; `issues` lists every problem found. */
export class ScenarioError extends IssuesError {
  override name = "ScenarioError";
}
