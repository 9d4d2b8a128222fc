/**
 * What the scenario says about its mitigations beyond each field's own checks: their ids (a
 * mitigation's id defaults to its type), the defaults that depend on the rest of the scenario (the
 * asset, the oracle), and the checks between fields of the mitigations on the sale path
 * (internalAuction, insurance, backstop, liquidityIncentive).
 * @module
 */
import type { ScenarioIssue } from "./error.ts";
import { ilksOf } from "./ilks.ts";
import type { Parsed } from "./schema.ts";

type Mitigation = Parsed["mitigations"][number];

/**
 * A mitigation's id: its own, else its type.
 * @param m a mitigation
 */
export function mitigationId(m: { id?: string; type: string }): string {
  return m.id ?? m.type;
}

/**
 * The asset a mitigation acts on when it names none: the first asset (in the order given: the
 * canonical order sorts them by id) that a venue trades and whose vol is above 0, else the first
 * a venue trades — the liquidation ladder's default.
 * @param s a scenario
 * @returns the asset's id, or undefined if no venue trades any
 */
export function defaultAsset(s: Pick<Parsed, "assets" | "venues">): string | undefined {
  const traded = (id: string) => s.venues.some((v) => v.base === id);
  return (s.assets.find((a) => a.vol > 0 && traded(a.id)) ?? s.assets.find((a) => traded(a.id)))?.id;
}

/**
 * The oracle an absorber values `asset` at when it names none: the one the first protocol (in the
 * order given) that uses the asset as collateral or base reads for it.
 * @param s a scenario
 * @param asset the asset
 * @returns the oracle's id, or undefined: the asset's exogenous price
 */
export function defaultOracle(s: Pick<Parsed, "protocols">, asset: string): string | undefined {
  for (const p of s.protocols) {
    if (p.type === "lending") {
      if (asset in p.markets && p.oracles[asset] !== undefined) return p.oracles[asset];
    } else if (p.type === "cdp") {
      const il = ilksOf(p).ilks.find((x) => x.collateral === asset);
      if (il) return il.oracle;
    } else if (p.type === "perps") {
      if (p.base === asset) return p.oracle;
    } else if (p.underlying === asset) return p.oracle;
  }
  return undefined;
}

/**
 * The mitigations' ids are unique; what the sale-path mitigations name exists.
 * @param s the scenario, structurally valid
 * @returns every problem, by path
 */
export function mitigationIssues(s: Parsed): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message });
  const seen = new Set<string>();
  s.mitigations.forEach((m, i) => {
    const key = mitigationId(m);
    if (seen.has(key))
      bad(
        `mitigations[${i}]${m.id === undefined ? "" : ".id"}`,
        `duplicate id "${key}"${m.id === undefined ? " (a mitigation's id defaults to its type: give each its own id)" : ""}`,
      );
    seen.add(key);
    saleIssues(s, m, `mitigations[${i}]`, bad);
  });
  return issues;
}

function saleIssues(s: Parsed, m: Mitigation, at: string, bad: (path: string, message: string) => void): void {
  if (
    m.type !== "internalAuction" &&
    m.type !== "insurance" &&
    m.type !== "backstop" &&
    m.type !== "liquidityIncentive"
  )
    return;
  if (m.asset !== undefined) {
    if (!s.assets.some((a) => a.id === m.asset)) bad(`${at}.asset`, `unknown asset "${m.asset}"`);
    else if (!s.venues.some((v) => v.base === m.asset)) bad(`${at}.asset`, `no venue trades ${m.asset}`);
  }
  if (m.type === "liquidityIncentive") return;
  if (m.oracle !== undefined && !s.oracles.some((o) => o.id === m.oracle))
    bad(`${at}.oracle`, `unknown oracle "${m.oracle}"`);
  m.protocols.forEach((p, k) => {
    if (!s.protocols.some((x) => x.id === p)) bad(`${at}.protocols[${k}]`, `unknown protocol "${p}"`);
  });
}
