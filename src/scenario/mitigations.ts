/**
 * What the scenario says about its mitigations beyond each field's own checks: their ids (a
 * mitigation's id defaults to its type), the defaults that depend on the rest of the scenario (the
 * asset, the oracle), and the checks between fields: of the mitigations on the sale path
 * (internalAuction, insurance, backstop, liquidityIncentive) and on protocols' own rules
 * (circuitBreaker, segmentation, dynamicMargin).
 * @module
 */
import type { ScenarioIssue } from "./error.ts";
import { ilksOf } from "./ilks.ts";
import { guardedProtocols, ruleFeeds } from "./rules.ts";
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
    } else if (p.type === "portfolio") {
      const o = p.markets[asset]?.oracle ?? p.collateral[asset]?.oracle;
      if (o !== undefined) return o;
    } else if (p.underlying === asset) return p.oracle;
  }
  return undefined;
}

/**
 * The mitigations' ids are unique; what they name exists; a protocol is under at most one rule
 * mitigation of each type.
 * @param s the scenario, structurally valid
 * @returns every problem, by path
 */
export function mitigationIssues(s: Parsed): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message });
  const seen = new Set<string>();
  const under = new Map<string, string>(); // "type protocol" → the mitigation that has it
  s.mitigations.forEach((m, i) => {
    const key = mitigationId(m);
    if (seen.has(key))
      bad(
        `mitigations[${i}]${m.id === undefined ? "" : ".id"}`,
        `duplicate id "${key}"${m.id === undefined ? " (a mitigation's id defaults to its type: give each its own id)" : ""}`,
      );
    seen.add(key);
    saleIssues(s, m, `mitigations[${i}]`, bad);
    ruleIssues(s, m, `mitigations[${i}]`, bad, under);
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

/**
 * A rule mitigation's protocols exist and are of a type it applies to, each under one mitigation
 * of its type; a segmentation's baskets name the protocol's markets, each once; a dynamic
 * margin's prices have a calm volatility.
 */
function ruleIssues(
  s: Parsed,
  m: Mitigation,
  at: string,
  bad: (path: string, message: string) => void,
  under: Map<string, string>,
): void {
  const claim = (path: string, p: string) => {
    const key = `${m.type} ${p}`;
    const other = under.get(key);
    if (other !== undefined) bad(path, `protocol "${p}" is already under ${other} (one ${m.type} per protocol)`);
    else under.set(key, at);
  };
  const protocol = (id: string) => {
    const i = s.protocols.findIndex((p) => p.id === id);
    return i < 0 ? undefined : { p: s.protocols[i], at: `protocols[${i}]` };
  };
  if (m.type === "circuitBreaker" || m.type === "dynamicMargin") {
    m.protocols?.forEach((id, k) => {
      const x = protocol(id);
      if (!x) bad(`${at}.protocols[${k}]`, `unknown protocol "${id}"`);
      else if (x.p.type !== "lending" && x.p.type !== "cdp")
        bad(
          `${at}.protocols[${k}]`,
          `"${id}" is a ${x.p.type} protocol: a ${m.type} applies to lending and cdp protocols`,
        );
    });
    for (const p of guardedProtocols(s, m)) {
      if (p.type === "lending" || p.type === "cdp")
        claim(m.protocols ? `${at}.protocols[${m.protocols.indexOf(p.id)}]` : at, p.id);
    }
    if (m.type === "dynamicMargin" && m.baseVol === undefined) {
      for (const a of new Set(ruleFeeds(s, m).map((f) => f.asset))) {
        if (!((s.assets.find((x) => x.id === a)?.vol ?? 0) > 0))
          bad(
            `${at}.baseVol`,
            `asset ${a} has no vol (σ_0 of its cut): give the asset a vol or the mitigation a baseVol`,
          );
      }
    }
  } else if (m.type === "segmentation") {
    const x = protocol(m.protocol);
    if (!x) bad(`${at}.protocol`, `unknown protocol "${m.protocol}"`);
    else if (x.p.type !== "lending")
      bad(`${at}.protocol`, `"${m.protocol}" is a ${x.p.type} protocol: segmentation applies to a lending protocol`);
    else {
      claim(`${at}.protocol`, m.protocol);
      const markets = x.p.markets;
      const seen = new Map<string, number>();
      m.baskets.forEach((basket, b) => {
        basket.forEach((a, k) => {
          const path = `${at}.baskets[${b}][${k}]`;
          if (!(a in markets)) bad(path, `no market for ${a} in ${x.at}.markets`);
          const other = seen.get(a);
          if (other !== undefined) bad(path, `${a} is already in baskets[${other}]`);
          else seen.set(a, b);
        });
      });
    }
  }
}
