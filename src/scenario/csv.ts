/**
 * Positions of a lending protocol or vaults of a CDP from CSV, the shape a subgraph or Dune export
 * gives: a header row naming `account,collateralAsset,collateralAmount,debtAsset,debtAmount` (in
 * any order, other columns ignored) and optionally `protocol`; one row per (account, collateral,
 * debt) triple. Rows of one account add up; either side of a row may be empty. Read once, while
 * the scenario is validated.
 * @module
 */
import parse from "csv-simple-parser";

/** The columns every CSV needs. */
export const CSV_COLUMNS = ["account", "collateralAsset", "collateralAmount", "debtAsset", "debtAmount"] as const;

/** One account's holdings. */
export interface CsvAccount {
  account: string;
  collateral: Record<string, number>;
  debt: Record<string, number>;
}

/** A problem of the CSV: its line (1 = the header) and what is wrong. */
export interface CsvIssue {
  line: number;
  message: string;
}

/** What {@link csvAccounts} found. */
export interface CsvRead {
  accounts: CsvAccount[];
  issues: CsvIssue[];
}

/** Problems listed per CSV before the rest are only counted (a wrong file has one on every line). */
const MAX_ISSUES = 50;

/**
 * Parses the CSV of protocol `protocol`. With a `protocol` column every row must name it: a row
 * for another protocol is an error, not a row silently dropped; a CSV without rows is an error.
 * @param text the CSV
 * @param protocol the protocol id the rows belong to
 * @returns the accounts in the order they first appear, and every problem found
 */
export function csvAccounts(text: string, protocol: string): CsvRead {
  const rows = parse(text, { optimistic: false }) as string[][];
  const issues: CsvIssue[] = [];
  let more = 0;
  const issue = (line: number, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ line, message });
    else more++;
  };
  const header = (rows[0] ?? []).map((x) => x.trim());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    issue(
      1,
      `expected a header with the columns ${CSV_COLUMNS.join(",")} (and optionally protocol), missing ${missing.join(",")}`,
    );
    return { accounts: [], issues };
  }
  const col = Object.fromEntries([...CSV_COLUMNS, "protocol"].map((c) => [c, header.indexOf(c)])) as Record<
    (typeof CSV_COLUMNS)[number] | "protocol",
    number
  >;
  const byId = new Map<string, CsvAccount>();
  let seen = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.every((cell) => cell.trim() === "")) continue; // a blank line
    const line = r + 1;
    seen++;
    if (col.protocol >= 0) {
      const named = (row[col.protocol] ?? "").trim();
      if (named !== protocol) {
        issue(
          line,
          `protocol: expected "${protocol}" (the protocol this CSV belongs to), got ${JSON.stringify(named)}`,
        );
        continue;
      }
    }
    const account = (row[col.account] ?? "").trim();
    if (account === "") {
      issue(line, "account: expected an account id, got nothing");
      continue;
    }
    let entry = byId.get(account);
    if (!entry) {
      entry = { account, collateral: {}, debt: {} };
      byId.set(account, entry);
    }
    add(entry.collateral, row[col.collateralAsset], row[col.collateralAmount], "collateral", line, issue);
    add(entry.debt, row[col.debtAsset], row[col.debtAmount], "debt", line, issue);
  }
  if (seen === 0) issue(1, "expected at least one row after the header, got none");
  if (more > 0) issues.push({ line: rows.length, message: `… and ${more} more problems` });
  return { accounts: [...byId.values()], issues };
}

function add(
  into: Record<string, number>,
  assetCell: string | undefined,
  amountCell: string | undefined,
  side: string,
  line: number,
  issue: (line: number, message: string) => void,
): void {
  const asset = (assetCell ?? "").trim();
  const text = (amountCell ?? "").trim();
  if (asset === "" && text === "") return;
  const amount = Number(text);
  if (asset === "") issue(line, `${side}Asset: expected the asset of the amount ${text}, got nothing`);
  else if (text === "" || !Number.isFinite(amount) || amount < 0 || amount > 1e15)
    issue(line, `${side}Amount: expected a number in [0, 1e15], got ${JSON.stringify(text)}`);
  else into[asset] = (into[asset] ?? 0) + amount;
}
