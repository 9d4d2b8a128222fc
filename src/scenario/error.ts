/** The error of a scenario that cannot run, with every problem by path. @module */

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
    const shown = issues.slice(0, 20).map((i) => `${i.path}: ${i.message}`);
    if (issues.length > 20) shown.push(`… and ${issues.length - 20} more`);
    super(issues.length === 1 ? shown[0] : `${issues.length} problems:\n  ${shown.join("\n  ")}`);
    this.issues = issues;
  }
}
