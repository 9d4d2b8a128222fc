/**
 * `validateScenario`: the scenario JSON in, a typed scenario with defaults out — or one
 * `ScenarioError` listing every bad field by path, unknown ids included.
 * @module
 */
import * as v from "valibot";
import { csvAccounts } from "../simulate/csv.ts";
import { seriesCount } from "../simulate/results.ts";
import { ScenarioSchema, type ScenarioV1 } from "./schema.ts";
import type { Scenario } from "./types.ts";

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

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = "";
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  }
  return out || "(scenario)";
}

/**
 * Checks a scenario and fills in its defaults.
 * @param json the parsed scenario (an object, as JSON.parse gives it)
 * @returns the scenario, typed, with every default set
 * @throws ScenarioError naming the path of every bad field (`protocols[1].markets.ETH.liquidationThreshold:
 *   expected a number in (0, 1], got 1.4`), unknown ids included
 * @example
 * ```ts
 * const scenario = validateScenario(JSON.parse(text));
 * ```
 */
export function validateScenario(json: unknown): Scenario {
  return checkScenario(json);
}

/** {@link validateScenario}, typed as the engine reads it (every default present). */
export function checkScenario(json: unknown): ScenarioV1 {
  const parsed = v.safeParse(ScenarioSchema, json, { abortEarly: false });
  if (!parsed.success) {
    // one failure can trip several checks of a pipe (Infinity: finite and at most): say it once
    const seen = new Map(parsed.issues.map((i) => [`${pathOf(i)}: ${leaf(i)}`, { path: pathOf(i), message: leaf(i) }]));
    throw new ScenarioError([...seen.values()]);
  }
  const issues = references(parsed.output);
  if (issues.length > 0) throw new ScenarioError(issues);
  return parsed.output;
}

/** The innermost message of an issue (a union's issue carries its members' issues). */
function leaf(issue: v.BaseIssue<unknown>): string {
  if (issue.type === "strict_object") {
    if (issue.expected === "never") return "unknown field (expected one of the documented fields)";
    return "missing (a required field)";
  }
  return issue.message;
}

/** Cross-references: ids that must exist, be unique, and fit together. */
function references(s: ScenarioV1): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message });
  const unique = (list: { id: string }[], name: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) bad(`${name}[${i}].id`, `duplicate id "${x.id}"`);
      seen.add(x.id);
    });
    return seen;
  };
  const assets = unique(s.assets, "assets");
  const venues = unique(s.venues, "venues");
  const oracles = unique(s.oracles, "oracles");
  const protocols = unique(s.protocols, "protocols");
  unique(s.liquidators, "liquidators");
  unique(s.dealers, "dealers");
  unique(s.arbitrageurs, "arbitrageurs");
  const venueById = new Map(s.venues.map((x) => [x.id, x]));
  const priceOf = new Map(s.assets.map((a) => [a.id, a.price]));
  const asset = (path: string, x: string) => assets.has(x) || bad(path, `unknown asset "${x}"`);
  const venue = (path: string, x: string, base?: string) => {
    const found = venueById.get(x);
    if (!found) bad(path, `unknown venue "${x}"`);
    else if (base !== undefined && found.base !== base) bad(path, `venue "${x}" trades ${found.base}, not ${base}`);
  };
  /** A generator's range: max below min is an error; returns whether it is ordered. */
  const ordered = (path: string, x: { min: number; max: number }): boolean => {
    if (x.max >= x.min) return true;
    bad(`${path}.max`, `expected ≥ min ${x.min}, got ${x.max}`);
    return false;
  };
  const oracle = (path: string, x: string) => oracles.has(x) || bad(path, `unknown oracle "${x}"`);
  const source = (path: string, x: string) =>
    venues.has(x) || assets.has(x) || bad(path, `unknown source "${x}" (expected a venue or an asset id)`);

  s.venues.forEach((x, i) => {
    if (assets.has(x.id))
      bad(`venues[${i}].id`, `"${x.id}" is also an asset id: oracle sources could not tell them apart`);
    asset(`venues[${i}].base`, x.base);
    asset(`venues[${i}].quote`, x.quote);
    if (x.base === x.quote) bad(`venues[${i}].quote`, "the same asset as base");
    if (
      x.type === "orderBook" &&
      !x.profile &&
      !(x.snapshot && (x.snapshot.bids.length > 0 || x.snapshot.asks.length > 0))
    )
      bad(`venues[${i}]`, "an order book needs a profile or a snapshot with orders (an empty book has no price)");
    if (x.type === "orderBook") {
      // the core's book holds 2^24 ticks, and `capacity` orders if capped: a price that could not
      // double, or makers who could not all quote, would be cut off silently
      const mid = (priceOf.get(x.base) ?? Number.NaN) / (priceOf.get(x.quote) ?? Number.NaN);
      if (x.tickSize * 2 ** 24 < 2 * mid)
        bad(
          `venues[${i}].tickSize`,
          `expected at least ${(2 * mid) / 2 ** 24} (2^24 ticks up to twice the price ${mid}), got ${x.tickSize}`,
        );
      const orders = 2 * (x.profile?.levels ?? 0) + (x.snapshot ? x.snapshot.bids.length + x.snapshot.asks.length : 0);
      if (x.capacity !== undefined && orders > x.capacity)
        bad(
          `venues[${i}].capacity`,
          `expected at least ${orders} (the orders of its profile and snapshot), got ${x.capacity}`,
        );
    }
    if (x.type === "concentratedLiquidity") {
      x.positions.forEach((p, k) => {
        const at = `venues[${i}].positions[${k}]`;
        if (p.tickLower % x.tickSpacing !== 0)
          bad(`${at}.tickLower`, `expected a multiple of tickSpacing ${x.tickSpacing}, got ${p.tickLower}`);
        if (p.tickUpper % x.tickSpacing !== 0)
          bad(`${at}.tickUpper`, `expected a multiple of tickSpacing ${x.tickSpacing}, got ${p.tickUpper}`);
        if (p.tickUpper <= p.tickLower)
          bad(`${at}.tickUpper`, `expected above tickLower ${p.tickLower}, got ${p.tickUpper}`);
      });
    }
  });
  s.oracles.forEach((x, i) => {
    if (x.type === "median") {
      x.sources.forEach((src, k) => {
        source(`oracles[${i}].sources[${k}]`, src);
      });
    } else {
      source(`oracles[${i}].source`, x.source);
    }
  });
  s.protocols.forEach((p, i) => {
    const at = `protocols[${i}]`;
    if (p.type === "lending") {
      for (const [a, o] of Object.entries(p.oracles)) {
        asset(`${at}.oracles.${a}`, a);
        oracle(`${at}.oracles.${a}`, o);
      }
      for (const a of Object.keys(p.markets)) {
        asset(`${at}.markets.${a}`, a);
        if (!(a in p.oracles)) bad(`${at}.markets.${a}`, `no oracle for ${a} in ${at}.oracles`);
      }
      if (Array.isArray(p.positions)) {
        p.positions.forEach((pos, k) => {
          for (const a of Object.keys(pos.collateral)) {
            if (!(a in p.markets)) bad(`${at}.positions[${k}].collateral.${a}`, `no market for ${a} in ${at}.markets`);
          }
          for (const a of Object.keys(pos.debt)) {
            if (!(a in p.oracles)) bad(`${at}.positions[${k}].debt.${a}`, `no oracle for ${a} in ${at}.oracles`);
          }
        });
      } else if ("csv" in p.positions) {
        const { accounts, issues: rows } = csvAccounts(p.positions.csv, p.id);
        for (const r of rows) bad(`${at}.positions.csv`, `line ${r.line}: ${r.message}`);
        const seen = new Set(accounts.flatMap((x) => [...Object.keys(x.collateral), ...Object.keys(x.debt)]));
        for (const a of seen) if (!(a in p.oracles)) bad(`${at}.positions.csv`, `no oracle for ${a} in ${at}.oracles`);
        for (const x of accounts)
          for (const a of Object.keys(x.collateral))
            if (!(a in p.markets))
              bad(`${at}.positions.csv`, `account ${x.account}: no market for ${a} in ${at}.markets`);
      } else {
        const g = p.positions.generate;
        if (!(g.collateral in p.markets)) bad(`${at}.positions.generate.collateral`, `no market for ${g.collateral}`);
        if (!(g.debt in p.oracles)) bad(`${at}.positions.generate.debt`, `no oracle for ${g.debt}`);
        ordered(`${at}.positions.generate.health`, g.health);
      }
    } else if (p.type === "perps") {
      asset(`${at}.base`, p.base);
      oracle(`${at}.oracle`, p.oracle);
      venue(`${at}.venue`, p.venue, p.base);
      if (!Array.isArray(p.positions)) {
        const { leverage } = p.positions.generate;
        if (ordered(`${at}.positions.generate.leverage`, leverage) && leverage.max * p.maintenanceMargin > 1)
          bad(
            `${at}.positions.generate.leverage.max`,
            `expected ≤ 1/maintenanceMargin = ${1 / p.maintenanceMargin}, got ${leverage.max}`,
          );
      }
    } else if (p.type === "cdp") {
      asset(`${at}.collateral`, p.collateral);
      asset(`${at}.debt`, p.debt);
      oracle(`${at}.oracle`, p.oracle);
      if (!Array.isArray(p.vaults) && "csv" in p.vaults) {
        const { accounts, issues: rows } = csvAccounts(p.vaults.csv, p.id);
        for (const r of rows) bad(`${at}.vaults.csv`, `line ${r.line}: ${r.message}`);
        for (const x of accounts) {
          const other = [
            ...Object.keys(x.collateral).filter((a) => a !== p.collateral),
            ...Object.keys(x.debt).filter((a) => a !== p.debt),
          ];
          const where = `${at}.vaults.csv`;
          if (other.length > 0)
            bad(
              where,
              `account ${x.account}: expected collateral ${p.collateral} and debt ${p.debt}, got ${other.join(", ")}`,
            );
          else if ((x.debt[p.debt] ?? 0) > 0 && !((x.collateral[p.collateral] ?? 0) > 0))
            bad(where, `account ${x.account}: expected collateral behind its debt, got none`);
        }
      } else if (
        !Array.isArray(p.vaults) &&
        ordered(`${at}.vaults.generate.ratio`, p.vaults.generate.ratio) &&
        p.vaults.generate.ratio.min < p.liquidationRatio
      ) {
        bad(
          `${at}.vaults.generate.ratio.min`,
          `expected ≥ liquidationRatio ${p.liquidationRatio}, got ${p.vaults.generate.ratio.min}`,
        );
      }
    } else {
      asset(`${at}.underlying`, p.underlying);
      oracle(`${at}.oracle`, p.oracle);
      venue(`${at}.venue`, p.venue, p.underlying);
      if (!Array.isArray(p.accounts)) {
        const g = p.accounts.generate;
        for (const k of ["otm", "days", "health"] as const) ordered(`${at}.accounts.generate.${k}`, g[k]);
      }
    }
  });
  s.liquidators.forEach((x, i) => {
    venue(`liquidators[${i}].sellVenue`, x.sellVenue);
    x.protocols.forEach((p, k) => {
      if (!protocols.has(p)) bad(`liquidators[${i}].protocols[${k}]`, `unknown protocol "${p}"`);
    });
  });
  s.dealers.forEach((x, i) => {
    asset(`dealers[${i}].underlying`, x.underlying);
    venue(`dealers[${i}].venue`, x.venue, x.underlying);
  });
  s.arbitrageurs.forEach((x, i) => {
    const [a, b] = x.venues;
    venue(`arbitrageurs[${i}].venues[0]`, a);
    venue(`arbitrageurs[${i}].venues[1]`, b);
    const va = venueById.get(a);
    const vb = venueById.get(b);
    if (va && vb && (va.base !== vb.base || va.quote !== vb.quote)) {
      bad(`arbitrageurs[${i}].venues`, `"${a}" trades ${va.base}/${va.quote} but "${b}" trades ${vb.base}/${vb.quote}`);
    }
  });
  s.shock.forEach((x, i) => {
    const at = `shock[${i}]`;
    if (x.type === "sell" || x.type === "buy") {
      venue(`${at}.venue`, x.venue);
      if (x.step >= s.steps) bad(`${at}.step`, `expected a step below steps ${s.steps}, got ${x.step}`);
    } else if (x.type === "path") {
      asset(`${at}.asset`, x.asset);
    } else {
      if (x.type === "oracle") oracle(`${at}.oracle`, x.oracle);
      if (x.toStep < x.fromStep) bad(`${at}.toStep`, `expected ≥ fromStep ${x.fromStep}, got ${x.toStep}`);
    }
  });
  const series = seriesCount(s);
  if (s.steps * series > MAX_TIMELINE)
    bad(
      "steps",
      `expected at most ${Math.floor(MAX_TIMELINE / series)} steps for ${series} timeline series, got ${s.steps}`,
    );
  return issues;
}

/** Values the timeline may hold (steps × series): 400 MB of f64. */
const MAX_TIMELINE = 5e7;
