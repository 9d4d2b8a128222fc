/**
 * Builds a portfolio-margin venue (assembly/engine/portfolio.ts) from its scenario entry: its
 * markets and collateral in the order of their ids, its backstop vault, and its accounts from a
 * list or drawn in the core.
 * @module
 */
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { World } from "./world.ts";

type Portfolio = Extract<ScenarioV1["protocols"][number], { type: "portfolio" }>;
type Account = Extract<Portfolio["accounts"], unknown[]>[number];

/**
 * The protocol's markets and collateral assets in the order of their ids: the core's order (an
 * account's equity sums over them, so no bit depends on how they were written).
 * @param p the protocol
 */
export function portfolioAssets(p: Portfolio): { markets: string[]; collateral: string[] } {
  return { markets: Object.keys(p.markets).sort(), collateral: Object.keys(p.collateral).sort() };
}

/**
 * Adds the protocol to the world.
 * @param w the world being built
 * @param p the protocol
 * @param stream its first random stream (generated accounts)
 * @returns its index in the core
 */
export function buildPortfolio(w: World, p: Portfolio, stream: number): number {
  const e = w.c.exports;
  const h = w.h;
  const { markets, collateral } = portfolioAssets(p);
  const [nm, nc] = [markets.length, collateral.length];
  const list = p.accounts;
  const n = Array.isArray(list) ? list.length : list.generate.count;
  const x = e.worldPortfolio(h, n, nm, nc, p.liquidationFee, p.insuranceFund);
  markets.forEach((a, m) => {
    const spec = p.markets[a];
    e.worldPortfolioMarket(
      h,
      x,
      m,
      w.oracle.get(spec.oracle) as number,
      w.venue.get(spec.venue) as number,
      spec.maintenanceMargin,
    );
  });
  collateral.forEach((a, c) => {
    const spec = p.collateral[a];
    const oracle = spec.oracle === undefined ? -1 : (w.oracle.get(spec.oracle) as number);
    const venue = spec.venue === undefined ? -1 : (w.venue.get(spec.venue) as number);
    e.worldPortfolioCollateral(h, x, c, w.asset.get(a) as number, oracle, spec.haircut, venue);
  });
  if (p.backstop) {
    const b = p.backstop;
    e.worldPortfolioVault(h, x, b.capital, b.threshold, b.lossLimit, b.unwindPerStep);
  }
  if (Array.isArray(list)) {
    // one column per field of the core's row: sizes, entries, amounts, cash
    const fields: ((a: Account) => number)[] = [
      ...markets.map((m) => (a: Account) => a.positions[m]?.size ?? 0),
      ...markets.map((m) => (a: Account) => a.positions[m]?.entryPrice ?? 0),
      ...collateral.map((c) => (a: Account) => a.collateral[c] ?? 0),
      (a) => a.cash,
    ];
    fields.forEach((f, k) => {
      e.worldPortfolioColumn(h, x, k, w.put(Float64Array.from(list, f)));
    });
  } else {
    const g = list.generate;
    const seed = w.scenario.seed;
    const [notional, leverage, sign] = w.reused(p.id, n, () => {
      const cols = [w.column(n), w.column(n), w.column(n)];
      e.generateSizes(seed, stream, n, g.totalNotional, g.sizeDispersion, cols[0]);
      e.generateLevels(seed, stream + 1, n, g.leverage.min, g.leverage.max, g.leverage.shape, cols[1]);
      e.generateSigns(seed, stream + 2, n, g.longShare, cols[2]);
      return cols;
    });
    const marks = markets.map((a) => w.oraclePrice[w.oracle.get(p.markets[a].oracle) as number]);
    const prices = collateral.map((a) => w.priceAtStart(p.collateral[a].oracle, a));
    e.worldPortfolioGenerated(
      h,
      x,
      notional,
      leverage,
      sign,
      w.put(Float64Array.from(markets, (a) => g.markets[a] ?? 0)),
      w.put(Float64Array.from(marks)),
      w.put(Float64Array.from(collateral, (a) => g.collateral[a] ?? 0)),
      w.put(Float64Array.from(prices)),
    );
  }
  w.freeColumns();
  return x;
}
