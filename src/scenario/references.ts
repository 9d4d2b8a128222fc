/**
 * The checks between fields of a scenario: ids that exist, are unique and fit together, ranges
 * ordered, steps within the run. (Each field's own checks are the schema's, schema.ts.)
 * @module
 */

import type { ScenarioIssue } from "./error.ts";
import { ilksOf } from "./ilks.ts";
import { mitigationIssues } from "./mitigations.ts";
import { modelIssues } from "./models.ts";
import type { Parsed } from "./schema.ts";

/**
 * Cross-references: ids that must exist, be unique, and fit together; steps within the run.
 * @param s the scenario, structurally valid
 * @returns every problem, by path
 */
export function references(s: Parsed): ScenarioIssue[] {
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
  const liquidators = unique(s.liquidators, "liquidators");
  unique(s.dealers, "dealers");
  unique(s.arbitrageurs, "arbitrageurs");
  const venueById = new Map(s.venues.map((x) => [x.id, x]));
  const oracleById = new Map(s.oracles.map((x) => [x.id, x]));
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
      // a profile's depth withdrawal takes the base asset's vol as its calm level unless given one
      const a = s.assets.findIndex((y) => y.id === x.base);
      const vol = a >= 0 ? s.assets[a].vol : 0;
      if (x.profile && x.resilience?.baseVol === undefined && vol > 0 && vol < 1e-6)
        bad(
          `assets[${a}].vol`,
          `expected 0 or at least 1e-6 (venues[${i}]'s depth withdrawal takes it as its calm volatility, resilience.baseVol), got ${vol}`,
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
  s.assets.forEach((x, i) => {
    if (x.referenceVenue !== undefined) venue(`assets[${i}].referenceVenue`, x.referenceVenue, x.id);
  });
  s.oracles.forEach((x, i) => {
    if ("sources" in x) {
      x.sources.forEach((src, k) => {
        source(`oracles[${i}].sources[${k}]`, src);
      });
    } else {
      source(`oracles[${i}].source`, x.source);
    }
    if (x.anchor !== undefined) {
      const at = `oracles[${i}].anchor.oracle`;
      const anchor = oracleById.get(x.anchor.oracle);
      if (!anchor) bad(at, `unknown oracle "${x.anchor.oracle}"`);
      else if (anchor.id === x.id) bad(at, "an oracle cannot anchor itself");
      else if (anchor.anchor !== undefined)
        bad(at, `oracle "${anchor.id}" is anchored itself (anchors are not chained)`);
    }
  });
  s.protocols.forEach((p, i) => {
    const at = `protocols[${i}]`;
    if (p.type === "lending") {
      for (const [a, o] of Object.entries(p.oracles)) {
        asset(`${at}.oracles.${a}`, a);
        oracle(`${at}.oracles.${a}`, o);
      }
      for (const a of Object.keys(p.markets)) asset(`${at}.markets.${a}`, a);
      if (Array.isArray(p.positions)) {
        p.positions.forEach((pos, k) => {
          for (const a of Object.keys(pos.collateral)) {
            if (!(a in p.markets)) bad(`${at}.positions[${k}].collateral.${a}`, `no market for ${a} in ${at}.markets`);
          }
          for (const a of Object.keys(pos.debt)) asset(`${at}.positions[${k}].debt.${a}`, a);
        });
      } else if ("generate" in p.positions) {
        const g = p.positions.generate;
        if (!(g.collateral in p.markets)) bad(`${at}.positions.generate.collateral`, `no market for ${g.collateral}`);
        asset(`${at}.positions.generate.debt`, g.debt);
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
    } else if (p.type === "portfolio") {
      for (const [a, m] of Object.entries(p.markets)) {
        asset(`${at}.markets.${a}`, a);
        oracle(`${at}.markets.${a}.oracle`, m.oracle);
        venue(`${at}.markets.${a}.venue`, m.venue, a);
      }
      for (const [a, c] of Object.entries(p.collateral)) {
        asset(`${at}.collateral.${a}`, a);
        if (c.oracle !== undefined) oracle(`${at}.collateral.${a}.oracle`, c.oracle);
        if (c.venue !== undefined) venue(`${at}.collateral.${a}.venue`, c.venue, a);
      }
      const within = (path: string, keys: string[], of: Record<string, unknown>, what: string) => {
        for (const k of keys)
          if (!(k in of))
            bad(`${path}.${k}`, `no ${what} ${k} in ${at}.${what === "market" ? "markets" : "collateral"}`);
      };
      if (Array.isArray(p.accounts)) {
        p.accounts.forEach((x, k) => {
          within(`${at}.accounts[${k}].collateral`, Object.keys(x.collateral), p.collateral, "collateral");
          within(`${at}.accounts[${k}].positions`, Object.keys(x.positions), p.markets, "market");
        });
      } else {
        const g = p.accounts.generate;
        const path = `${at}.accounts.generate`;
        within(`${path}.markets`, Object.keys(g.markets), p.markets, "market");
        within(`${path}.collateral`, Object.keys(g.collateral), p.collateral, "collateral");
        for (const k of ["markets", "collateral"] as const) {
          const sum = Object.values(g[k]).reduce((a, b) => a + b, 0);
          if (Math.abs(sum - 1) > 1e-9) bad(`${path}.${k}`, `expected shares summing to 1, got ${sum}`);
        }
        // the margin an account's notional needs: the markets' margins weighted by its shares
        const mm = Object.entries(g.markets).reduce((a, [m, w]) => a + w * (p.markets[m]?.maintenanceMargin ?? 0), 0);
        if (ordered(`${path}.leverage`, g.leverage) && g.leverage.max * mm >= 1)
          bad(
            `${path}.leverage.max`,
            `expected < 1 / ${mm} (the markets' maintenance margins by share), got ${g.leverage.max}`,
          );
      }
    } else if (p.type === "cdp") {
      asset(`${at}.debt`, p.debt);
      const multi = "ilks" in p;
      const ids = new Set<string>();
      ilksOf(p).ilks.forEach((il, k) => {
        const here = multi ? `${at}.ilks[${k}]` : at;
        if (multi && ids.has(il.id)) bad(`${here}.id`, `duplicate id "${il.id}"`);
        ids.add(il.id);
        asset(`${here}.collateral`, il.collateral);
        oracle(`${here}.oracle`, il.oracle);
        if (Array.isArray(il.vaults) || !("generate" in il.vaults)) return; // CSV vaults are checked once read (positions.ts)
        const { ratio } = il.vaults.generate;
        if (ordered(`${here}.vaults.generate.ratio`, ratio) && ratio.min < il.liquidationRatio)
          bad(
            `${here}.vaults.generate.ratio.min`,
            `expected ≥ liquidationRatio ${il.liquidationRatio}, got ${ratio.min}`,
          );
      });
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
    if (x.buyVenue !== undefined) venue(`liquidators[${i}].buyVenue`, x.buyVenue);
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
  const moved = new Map<string, number>(); // asset → the shock that sets its outside market
  s.shock.forEach((x, i) => {
    const at = `shock[${i}]`;
    const within = (field: string, step: number) => {
      if (step >= s.steps) bad(`${at}.${field}`, `expected a step below steps ${s.steps}, got ${step}`);
    };
    if (x.type === "sell" || x.type === "buy") {
      venue(`${at}.venue`, x.venue);
      within("step", x.step);
    } else if (x.type === "path" || x.type === "drop" || x.type === "crash") {
      asset(`${at}.asset`, x.asset);
      if (x.type !== "path") within("step", x.step);
      const other = moved.get(x.asset);
      if (other !== undefined)
        bad(
          `${at}.asset`,
          `shock[${other}] already sets the outside market of ${x.asset} (one path, drop or crash per asset)`,
        );
      else moved.set(x.asset, i);
    } else {
      if (x.type === "oracle" || x.type === "oracleOutage") oracle(`${at}.oracle`, x.oracle);
      if (x.type === "sourceFault") {
        const o = oracleById.get(x.oracle);
        if (!o) bad(`${at}.oracle`, `unknown oracle "${x.oracle}"`);
        else if (!("sources" in o ? o.sources : [o.source]).includes(x.source))
          bad(`${at}.source`, `"${x.source}" is not a source of oracle "${x.oracle}"`);
        const given = [x.price, x.factor, x.lagSteps].filter((y) => y !== undefined).length;
        if (given !== 1) bad(at, `expected exactly one of price, factor and lagSteps, got ${given}`);
      }
      if (x.type === "keeperOutage" && x.liquidator !== undefined && !liquidators.has(x.liquidator))
        bad(`${at}.liquidator`, `unknown liquidator "${x.liquidator}"`);
      within("fromStep", x.fromStep);
      if (x.toStep < x.fromStep) bad(`${at}.toStep`, `expected ≥ fromStep ${x.fromStep}, got ${x.toStep}`);
    }
  });
  modelIssues(s, bad);
  issues.push(...mitigationIssues(s));
  return issues;
}
