/**
 * Positions of a lending protocol or vaults of a CDP from CSV, the shape a subgraph or Dune export gives:
 * `protocol,account,collateralAsset,collateralAmount,debtAsset,debtAmount`, one header row,
 * one row per (account, collateral, debt) triple; rows of one account add up, rows of other
 * protocols are ignored, and either side of a row may be empty.
 * @module
 */
import parse from "csv-simple-parser";

/** The columns, in the header's order. */
export const CSV_COLUMNS = [
  "protocol",
  "account",
  "collateralAsset",
  "collateralAmount",
  "debtAsset",
  "debtAmount",
] as const;

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

/**
 * Parses the CSV and keeps the rows of `protocol`.
 * @param text the CSV
 * @param protocol the protocol id whose rows are read
 * @returns the accounts in the order they first appear, and every problem found
 */
export function csvAccounts(text: string, protocol: string): CsvRead {
  // validation, sizing and building each ask for the same text in one simulate call: parse once
  if (last?.text !== text || last.protocol !== protocol) last = { text, protocol, read: parseAccounts(text, protocol) };
  return last.read;
}

/** What csvAccounts found. */
export interface CsvRead {
  accounts: CsvAccount[];
  issues: CsvIssue[];
}

let last: { text: string; protocol: string; read: CsvRead } | undefined;

function parseAccounts(text: string, protocol: string): CsvRead {
  const rows = parse(text, { optimistic: false }) as string[][];
  const issues: CsvIssue[] = [];
  const header = (rows[0] ?? []).map((x) => x.trim());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    issues.push({
      line: 1,
      message: `expected a header with columns ${CSV_COLUMNS.join(",")}, missing ${missing.join(",")}`,
    });
    return { accounts: [], issues };
  }
  const col = Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof CSV_COLUMNS)[number],
    number
  >;
  const byId = new Map<string, CsvAccount>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length === 1 && row[0].trim() === "") continue; // a blank line
    const line = r + 1;
    if ((row[col.protocol] ?? "").trim() !== protocol) continue;
    const account = (row[col.account] ?? "").trim();
    if (account === "") {
      issues.push({ line, message: "expected an account, got nothing" });
      continue;
    }
    let entry = byId.get(account);
    if (!entry) {
      entry = { account, collateral: {}, debt: {} };
      byId.set(account, entry);
    }
    add(entry.collateral, row[col.collateralAsset], row[col.collateralAmount], "collateral", line, issues);
    add(entry.debt, row[col.debtAsset], row[col.debtAmount], "debt", line, issues);
  }
  return { accounts: [...byId.values()], issues };
}

function add(
  into: Record<string, number>,
  assetCell: string | undefined,
  amountCell: string | undefined,
  side: string,
  line: number,
  issues: CsvIssue[],
): void {
  const asset = (assetCell ?? "").trim();
  const text = (amountCell ?? "").trim();
  if (asset === "" && text === "") return;
  const amount = Number(text);
  if (asset === "") issues.push({ line, message: `expected a ${side}Asset for the amount ${text}` });
  else if (text === "" || !Number.isFinite(amount) || amount < 0 || amount > 1e15)
    issues.push({ line, message: `${side}Amount: expected a number in [0, 1e15], got ${JSON.stringify(text)}` });
  else into[asset] = (into[asset] ?? 0) + amount;
}
