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
    if (p.type === "cdp" && !Array.isArray(p.vaults) && !("generate" in p.vaults)) {
      const [where, accounts] = accountsOf(p.vaults, p.id, `${at}.vaults`, options, bad);
      const vaults = accounts.map((x) => {
        const other = [
          ...Object.keys(x.collateral).filter((a) => a !== p.collateral),
          ...Object.keys(x.debt).filter((a) => a !== p.debt),
        ];
        const ink = x.collateral[p.collateral] ?? 0;
        const art = x.debt[p.debt] ?? 0;
        if (other.length > 0)
          bad(
            where,
            `account ${x.account}: expected collateral ${p.collateral} and debt ${p.debt}, got ${other.join(", ")}`,
          );
        else if (art > 0 && !(ink > 0))
          bad(where, `account ${x.account}: expected collateral behind its debt, got none`);
        return { account: x.account, ink, art };
      });
      return { ...p, vaults };
    }
    return p;
  });
  return { ...s, protocols } as ScenarioV1;
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
