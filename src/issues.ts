/**
 * Lists of problems (a scenario's, a chain's) as lines a person can read: the same message at
 * many indices is one line (`positions[0..199].debt.USDC: …`), and a long list ends with a count.
 * `ScenarioError`, `ChainError` and the CLI all print through here, so they agree.
 * @module
 */

/** One problem: where (`protocols[1].markets.ETH`), and what is wrong there. */
export interface PathIssue {
  path: string;
  message: string;
}

/** Lines shown before `… and N more`. */
export const SHOWN = 20;

/**
 * Input that cannot be used, with every problem by path (`issues`); its message lists them
 * grouped by message over indices. `ScenarioError` and `ChainError` are its two kinds.
 * @example
 * ```ts
 * try {
 *   validateScenario({ version: 1 });
 * } catch (err) {
 *   if (err instanceof IssuesError) err.issues.map(({ path, message }) => `${path}: ${message}`);
 * }
 * ```
 */
export class IssuesError extends Error {
  override name = "IssuesError";
  readonly issues: readonly PathIssue[];
  /**
   * The error for `issues`, its message the heading then the problems grouped.
   * @param issues every problem, by path
   * @param heading the message's start, before the problems
   */
  constructor(issues: PathIssue[], heading = "") {
    super(heading + issuesText(issues)); // grouped by message over indices, capped with a count
    this.issues = issues;
  }
}

/** A valibot issue's path after `prefix`: `protocols[1].markets.ETH.liquidationThreshold`. */
export function pathOf(prefix: string, items: readonly { key: unknown }[] | undefined): string {
  let out = prefix;
  for (const item of items ?? []) {
    const key = item.key as string | number;
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * The problems as lines `path: message`, those differing only in array indices merged.
 * @param issues every problem, in the order found
 * @param limit lines shown; the rest are counted in a last line `… and N more` (N problems)
 * @returns the lines, in the order of each group's first problem
 * @example
 * ```ts
 * issueLines([{ path: "a[0].b", message: "m" }, { path: "a[1].b", message: "m" }]); // ["a[0,1].b: m"]
 * ```
 */
export function issueLines(issues: readonly PathIssue[], limit = SHOWN): string[] {
  const groups = group(issues);
  const lines = groups.slice(0, limit).map((g) => `${g.path}: ${g.message}`);
  const hidden = groups.slice(limit).reduce((n, g) => n + g.count, 0);
  if (hidden > 0) lines.push(`… and ${hidden} more`);
  return lines;
}

/**
 * One text for a whole list: a single problem as one line, several as `N problems:` and the
 * grouped lines, indented.
 */
export function issuesText(issues: readonly PathIssue[], limit = SHOWN): string {
  const lines = issueLines(issues, limit);
  return issues.length === 1 ? lines[0] : `${issues.length} problems:\n  ${lines.join("\n  ")}`;
}

interface Group {
  path: string;
  message: string;
  count: number;
  /** Where its first problem is in the list. */
  first: number;
}

interface Row {
  /** One index set per `[n]` of the path, in order. */
  sets: Set<number>[];
  count: number;
  first: number;
}

const INDEX = /\[(\d+)\]/g;

/** Issues with one message and one path shape, merged into as few index products as exact. */
function group(issues: readonly PathIssue[]): Group[] {
  const shapes = new Map<string, { template: string[]; message: string; rows: Row[] }>();
  issues.forEach(({ path, message }, first) => {
    const template = path.split(INDEX).filter((_, k) => k % 2 === 0);
    const indices = [...path.matchAll(INDEX)].map((m) => Number(m[1]));
    const key = `${message}\u0000${template.join("[]")}`;
    const shape = shapes.get(key) ?? { template, message, rows: [] };
    shapes.set(key, shape);
    shape.rows.push({ sets: indices.map((i) => new Set([i])), count: 1, first });
  });
  const out: Group[] = [];
  for (const { template, message, rows } of shapes.values()) {
    let merged = rows;
    // from the innermost index out: rows equal everywhere but at position p are one row whose
    // set at p is the union — exact, since {a}×S ∪ {b}×S = {a, b}×S
    for (let p = (rows[0]?.sets.length ?? 0) - 1; p >= 0; p--) {
      const byRest = new Map<string, Row>();
      for (const row of merged) {
        const rest = row.sets.map((s, k) => (k === p ? "" : indexSet(s))).join("|");
        const into = byRest.get(rest);
        if (!into) byRest.set(rest, { ...row, sets: [...row.sets] });
        else {
          into.sets[p] = new Set([...into.sets[p], ...row.sets[p]]);
          into.count += row.count;
        }
      }
      merged = [...byRest.values()];
    }
    for (const row of merged) {
      const path = template
        .map((part, k) => (k < row.sets.length ? `${part}[${indexSet(row.sets[k])}]` : part))
        .join("");
      out.push({ path, message, count: row.count, first: row.first });
    }
  }
  return out.sort((a, b) => a.first - b.first);
}

/** `0..3,7,9..12`: runs of three or more as a range. */
export function indexSet(set: Iterable<number>): string {
  const xs = [...new Set(set)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    if (j - i >= 2) parts.push(`${xs[i]}..${xs[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(xs[k]));
    i = j + 1;
  }
  return parts.join(",");
}
