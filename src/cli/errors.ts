/** What the CLI prints for an error, and its exit code. @module */
import { ChainError } from "../chain.ts";
import { IssuesError, issueLines } from "../issues.ts";
import { isBadInput } from "../validate.ts";
import { UsageError } from "./args.ts";

/** An error's exit code and its lines for stderr (each to be prefixed `fracture: `). */
export interface Report {
  code: 1 | 2;
  lines: string[];
}

/**
 * 2 for bad input — its problems one per line (a single problem stays one line) — and 1 for
 * anything else, an internal failure, with its stack.
 */
export function report(err: unknown): Report {
  if (err instanceof IssuesError) {
    const lines = issueLines(err.issues);
    if (err.issues.length === 1) return { code: 2, lines: [`${head(err)}${lines[0]}`] };
    return { code: 2, lines: [`${head(err)}${err.issues.length} problems:`, ...lines.map((l) => `  ${l}`)] };
  }
  // the SDK's own checks mark their TypeErrors and RangeErrors; any other is a bug of ours
  const usage =
    err instanceof UsageError ||
    isBadInput(err) ||
    (err as { code?: string } | undefined)?.code?.startsWith("ERR_PARSE_ARGS");
  if (usage) return { code: 2, lines: [(err as Error).message.replace(/\s*\n\s*/g, " ")] };
  return { code: 1, lines: [`internal failure: ${(err as Error)?.stack ?? err}`] };
}

/** What the list is about: a chain's problems say so; a scenario's are the scenario's. */
function head(err: IssuesError): string {
  return err instanceof ChainError ? "bad option chain: " : "";
}
