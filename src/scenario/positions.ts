/**
 * Reads the positions a scenario gives as CSV — text (`csv`) or a file (`csvFile`) — into lists,
 * once, while it is validated, and checks their assets against the protocol's.
 * @module
 */
import { type CsvAccount, csvAccounts } from "./csv.ts";
import { type BaseUrl, readTextSync } from "./files.ts";
import type { Parsed, ScenarioV1 } from "./schema.ts";

/** Where a scenario's files are found. */
export interface FileOptions {
  /** The scenario file's URL or path (its files are resolved beside it), or a folder ending in "/"; default: the working directory. */
  baseUrl?: BaseUrl;
}

/**
 * The scenario with every CSV read into a list of positions (lending, with their `account`) or
 * vaults (CDP: ink and art); problems go to `bad` by path.
 */
export function readPositions(
  s: Parsed,
  options: FileOptions,
  bad: (path: string, message: string) => void,
): ScenarioV1 {
  const protocols = s.protocols.map((p, i) => {
    const at = `protocols[${i}]`;
    if (p.type === "lending" && !Array.isArray(p.positions) && !("generate" in p.positions)) {
      const [where, accounts] = accountsOf(p.positions, p.id, `${at}.positions`, options, bad);
      const assets = new Set(Object.keys(p.markets));
      for (const x of accounts) {
        for (const a of Object.keys(x.collateral))
          if (!assets.has(a)) bad(where, `account ${x.account}: no market for ${a} in ${at}.markets`);
        for (const a of Object.keys(x.debt))
          if (!s.assets.some((y) => y.id === a)) bad(where, `account ${x.account}: unknown asset "${a}"`);
      }
      return { ...p, positions: accounts };
    }
    if (p.type === "cdp") {
      // CSV vaults of each collateral type (a single-collateral entry: the protocol's own)
      const read = <V extends { collateral: string; vaults: unknown }>(il: V, where: string) => {
        const src = il.vaults as { generate: unknown } | { csv: string } | { csvFile: string } | unknown[];
        if (Array.isArray(src) || "generate" in src) return il;
        return { ...il, vaults: csvVaults(src, il.collateral, p.debt, p.id, `${where}.vaults`, options, bad) };
      };
      if ("ilks" in p) return { ...p, ilks: p.ilks.map((il, k) => read(il, `${at}.ilks[${k}]`)) };
      return read(p, at);
    }
    return p;
  });
  return { ...s, protocols } as ScenarioV1;
}

/** A collateral type's vaults from CSV: ink and art, in its collateral and the protocol's debt. */
function csvVaults(
  source: { csv: string } | { csvFile: string },
  collateral: string,
  debt: string,
  protocol: string,
  at: string,
  options: FileOptions,
  bad: (path: string, message: string) => void,
): { account: string; ink: number; art: number }[] {
  const [where, accounts] = accountsOf(source, protocol, at, options, bad);
  return accounts.map((x) => {
    const other = [
      ...Object.keys(x.collateral).filter((a) => a !== collateral),
      ...Object.keys(x.debt).filter((a) => a !== debt),
    ];
    const ink = x.collateral[collateral] ?? 0;
    const art = x.debt[debt] ?? 0;
    if (other.length > 0)
      bad(where, `account ${x.account}: expected collateral ${collateral} and debt ${debt}, got ${other.join(", ")}`);
    else if (art > 0 && !(ink > 0)) bad(where, `account ${x.account}: expected collateral behind its debt, got none`);
    return { account: x.account, ink, art };
  });
}

/** The accounts of a `csv` or `csvFile`, and the path their problems are reported at. */
function accountsOf(
  source: { csv: string } | { csvFile: string },
  protocol: string,
  at: string,
  options: FileOptions,
  bad: (path: string, message: string) => void,
): [string, CsvAccount[]] {
  let text: string;
  let where: string;
  if ("csv" in source) {
    text = source.csv;
    where = `${at}.csv`;
  } else {
    where = `${at}.csvFile`;
    try {
      text = readTextSync(source.csvFile, options.baseUrl);
    } catch (err) {
      bad(where, (err as Error).message);
      return [where, []];
    }
  }
  const { accounts, issues } = csvAccounts(text, protocol);
  for (const r of issues) bad(where, `line ${r.line}: ${r.message}`);
  return [where, accounts];
}
