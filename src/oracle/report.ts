/**
 * `riskOracle`: a cascade-aware fragility report per asset — the static liquidation ladder per
 * protocol and in total, the cascade-adjusted ladder, the venues' depth curve against it, system
 * leverage and concentration, the solvency boundary (static and dynamic), a fragility index with
 * every input shown, and recommendations — with the metadata a signed, published report needs
 * (format version, creation time, the inputs' SHA-256, fracture's version).
 *
 * Method of the cascade-adjusted ladder: for each drop of the scan (every `scanStep` up to
 * `maxDrop`) the scenario runs once with that sudden drop of the asset's outside market, exactly
 * the runs the dynamic boundary scans (`solvencyBoundary`'s: the scenario's own flows left out, a
 * `drop` of `dropSteps` pulled at `pull`); each protocol's collateral then counted liquidatable is
 * its static ladder read at the lowest price its oracle published in the run. The static ladder
 * at the drop's own price beside it, the difference is what the engine's feedback — forced sales
 * moving the venues and the oracles below the outside market — adds. The same runs give the
 * dynamic boundary (the first that sustains a cascade, refined by bisection), so the ladder costs
 * no run of its own.
 * @module
 */
import { quoteUnit } from "../cli/units.ts";
import { systemMeasures } from "../risk/system.ts";
import { canonical } from "../scenario/canonical.ts";
import type { BaseUrl } from "../scenario/files.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { bounded, integer, object, rangeError, typeError } from "../validate.ts";
import { DEPTH_RANGE, fragility } from "./fragility.ts";
import { jcsBytes } from "./jcs.ts";
import { LadderWorld } from "./ladders.ts";
import { recommend } from "./recommend.ts";
import { type DropMethod, type DropRun, dynamicFromScan, oraclesOf, runDrop } from "./runs.ts";
import { REPORT_VERSION } from "./schema.ts";
import type { AssetReport, OracleReport } from "./types.ts";
import { FRACTURE_VERSION } from "./version.ts";

export type {
  AssetReport,
  FragilityComponent,
  OracleReport,
  Recommendation,
  ReportMethod,
  SystemReport,
} from "./types.ts";

/** Options of {@link riskOracle}. */
export interface OracleOptions {
  /** Assets to report on; default every asset with a venue and a vol above 0. */
  assets?: string[];
  /** The report's creation time (a Date, ISO text or ms since the epoch); default now. */
  createdAt?: Date | string | number;
  /** The ladder's grid: basis points between levels (default 50) and levels (default 190, to −95%), as `solvencyBoundary`. */
  stepBps?: number;
  levels?: number;
  /** The dynamic boundary's drop: over this many steps (default 1), pulled at this share per step (default 0.5). */
  dropSteps?: number;
  pull?: number;
  /** Realized ≥ this × exogenous drawdown: a cascade sustains itself (default 2). */
  selfSustaining?: number;
  /** The scan of drops (the cascade ladder's rows): every scanStep (default 0.02) up to maxDrop (default 0.5). */
  scanStep?: number;
  maxDrop?: number;
  /** Bisection steps of the dynamic boundary (default 10). */
  iterations?: number;
  /** Recommendations move the dynamic boundary beyond this drop (default 0.2). */
  targetDrop?: number;
  /** Search the recommendations (default true; each costs tens of runs). */
  recommendations?: boolean;
  /** Bisection steps of each recommendation (default 6). */
  recommendIterations?: number;
  /** Largest accounts in the concentration (default 10); band of the books' liquidity velocity in bps (default 100). */
  top?: number;
  velocityBps?: number;
  /** Where a `csvFile` is read from (Node and Deno). */
  baseUrl?: BaseUrl;
  /**
   * Called before the work and after each part of it: parts done of all (per asset the scan of
   * drops with the dynamic boundary, then the recommendations when searched).
   */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/**
 * The risk oracle's report of a scenario.
 * @param scenario the scenario (validated here)
 * @param options the assets, the creation time, the grids and searches
 * @returns the report: plain JSON data, ready for `signReport`
 * @example
 * ```ts
 * const report = await riskOracle(presets.sharedOracle, { createdAt: "2026-01-01T00:00:00Z" });
 * report.assets.ETH.fragility.index;            // 0–100
 * report.assets.ETH.boundary.dynamic?.drop;     // the sudden fall from which the cascade doubles it
 * report.assets.ETH.recommendations.items;      // what moves it beyond 20%, and what that costs
 * ```
 */
export async function riskOracle(scenario: Scenario, options: OracleOptions = {}): Promise<OracleReport> {
  object("options", options);
  const s = canonical(checkScenario(scenario, { baseUrl: options.baseUrl }));
  const method = methodOf(options);
  integer("options.dropSteps", method.dropSteps, 1, s.steps);
  const createdAt = timeOf(options.createdAt);
  const traded = (id: string) => s.venues.some((v) => v.base === id);
  let assets: string[];
  if (options.assets !== undefined) {
    if (!Array.isArray(options.assets)) throw typeError("options.assets", "an array of asset ids", options.assets);
    options.assets.forEach((a, i) => {
      if (!s.assets.some((x) => x.id === a)) throw rangeError(`options.assets[${i}]`, "an asset of the scenario", a);
      if (!traded(a)) throw rangeError(`options.assets[${i}]`, "an asset some venue trades", a);
    });
    assets = [...new Set(options.assets)].sort();
  } else assets = s.assets.filter((a) => a.vol > 0 && traded(a.id)).map((a) => a.id);

  const sha256 = await digest(jcsBytes(s));
  const measures = systemMeasures(s as Scenario, { top: method.top, velocityBps: method.velocityBps });
  const quote = quoteUnit(s as Scenario);
  const system: OracleReport["system"] = {
    leverage: finite(measures.leverage),
    protocols: Object.fromEntries(
      s.protocols.map((p) => {
        const x = measures.protocols[p.id];
        return [
          p.id,
          { type: p.type, accounts: x.accounts, exposure: x.exposure, equity: x.equity, leverage: finite(x.leverage) },
        ];
      }),
    ),
    exposure: measures.exposure,
    concentration: measures.concentration,
    sharedOracles: measures.sharedOracles,
    sharedCollateral: measures.sharedCollateral,
    liquidityVelocity: Object.fromEntries(
      Object.entries(measures.liquidityVelocity).map(([k, x]) => [k, x === null ? null : finite(x)]),
    ),
  };
  const report: OracleReport = {
    version: REPORT_VERSION,
    kind: "fracture.riskOracle",
    createdAt,
    inputs: { sha256, scenario: s.name, steps: s.steps, stepSeconds: s.stepSeconds, quote },
    fracture: FRACTURE_VERSION,
    method,
    system,
    fragility: { index: 0, asset: null },
    assets: {},
  };
  const total = assets.length * (method.recommendations ? 2 : 1);
  let done = 0;
  const tick = () => options.onProgress?.({ done: ++done, total });
  options.onProgress?.({ done, total });
  for (const asset of assets) {
    report.assets[asset] = assetReport(s, asset, method, measures, quote, tick);
    const index = report.assets[asset].fragility.index;
    if (report.fragility.asset === null || index > report.fragility.index) report.fragility = { index, asset };
    await pause(); // other work (a server's requests) may run between assets
  }
  return report;
}

type Method = OracleReport["method"];
type Measures = ReturnType<typeof systemMeasures>;

function methodOf(o: OracleOptions): Method {
  const stepBps = integer("options.stepBps", o.stepBps ?? 50, 1, 5000);
  const levels = integer("options.levels", o.levels ?? 190, 2, 100_000);
  if (stepBps * (levels - 1) >= 1e4)
    throw rangeError(
      "options.levels",
      `at most ${Math.ceil(1e4 / stepBps)} levels of ${stepBps} bps (prices above 0)`,
      levels,
    );
  const maxDrop = bounded("options.maxDrop", o.maxDrop ?? 0.5, 1e-6, 0.99);
  if (o.recommendations !== undefined && typeof o.recommendations !== "boolean")
    throw typeError("options.recommendations", "true or false", o.recommendations);
  return {
    stepBps,
    levels,
    dropSteps: integer("options.dropSteps", o.dropSteps ?? 1, 1, 10_000_000),
    pull: bounded("options.pull", o.pull ?? 0.5, 0, 1),
    selfSustaining: bounded("options.selfSustaining", o.selfSustaining ?? 2, 1, 1e6),
    scanStep: bounded("options.scanStep", o.scanStep ?? 0.02, 1e-6, maxDrop),
    maxDrop,
    iterations: integer("options.iterations", o.iterations ?? 10, 1, 60),
    targetDrop: bounded("options.targetDrop", o.targetDrop ?? 0.2, 1e-6, 0.99),
    recommendIterations: integer("options.recommendIterations", o.recommendIterations ?? 6, 1, 40),
    top: integer("options.top", o.top ?? 10, 1, 1000),
    velocityBps: bounded("options.velocityBps", o.velocityBps ?? 100, 1e-6, 10_000),
    recommendations: o.recommendations ?? true,
  };
}

function assetReport(
  s: ScenarioV1,
  asset: string,
  m: Method,
  measures: Measures,
  quote: string,
  tick: () => void,
): AssetReport {
  const spot = s.assets.find((a) => a.id === asset)?.price as number;
  const n = m.levels;
  const prices = Array.from({ length: n }, (_, k) => spot * (1 - (k * m.stepBps) / 1e4));
  const drop: DropMethod = { dropSteps: m.dropSteps, pull: m.pull, selfSustaining: m.selfSustaining };
  const venues = s.venues.filter((v) => v.base === asset);

  // the scan: every scanStep up to maxDrop (as solvencyBoundary computes its drops), each run once
  const scan: DropRun[] = [];
  const generated = new Map<string, Float64Array[]>();
  for (let k = 1; k * m.scanStep <= m.maxDrop + 1e-12; k++)
    scan.push(runDrop(s, asset, k * m.scanStep, drop, generated));
  const dynamicRun = dynamicFromScan(scan, (d) => runDrop(s, asset, d, drop, generated), m.iterations);
  tick();

  const world = new LadderWorld(s);
  try {
    // the static ladder, per protocol and in total, and what lies beyond the grid
    // (the total as liquidationLadder reads it; the protocols' parts add up to it but for rounding)
    const perProtocol = world.ladders(asset, prices);
    const { collateral, debt } = world.total(asset, prices);
    const cumulative = running(collateral);
    let all = 0;
    let allDebt = 0;
    for (const p of s.protocols) {
      // a one-price grid at the smallest price: every position some fall liquidates
      const x = world.liquidatableAt(p.id, asset, Number.MIN_VALUE);
      all += x.collateral;
      allDebt += x.debt;
    }
    let gridDebt = 0;
    for (const x of debt) gridDebt += x;
    const ladder: AssetReport["ladder"] = {
      prices,
      collateral,
      debt,
      cumulative,
      protocols: perProtocol,
      beyondGrid: { collateral: Math.max(0, all - cumulative[n - 1]), debt: Math.max(0, allDebt - gridDebt) },
      liquidatable: all,
    };

    // the venues' depth curve, as the static boundary measures it (level 0: nothing)
    const shares = prices.map((_, k) => (k * m.stepBps) / 1e4);
    const byVenue: Record<string, number[]> = {};
    const depth = new Array<number>(n).fill(0);
    for (const v of venues) {
      byVenue[v.id] = world.depth(v.id, shares);
      for (let k = 1; k < n; k++) depth[k] += byVenue[v.id][k];
    }
    const toLadder = cumulative.map((c, k) => (c > 0 ? depth[k] / c : null));

    // the static boundary: the first level where forced sales exceed the depth
    const level = cumulative.findIndex((c, k) => c > depth[k]);
    let staticBoundary: AssetReport["boundary"]["static"] = null;
    if (level >= 0) {
      let d = 0;
      for (let j = 0; j <= level; j++) d += debt[j];
      const around = [level - 2, level - 1, level, level + 1, level + 2].filter((k) => k >= 0 && k < n);
      staticBoundary = {
        price: prices[level],
        drop: 1 - prices[level] / spot,
        level,
        collateral: cumulative[level],
        debt: d,
        depth: depth[level],
        around: { drops: around.map((k) => shares[k]), depthToLadder: around.map((k) => toLadder[k]) },
      };
    }

    // the cascade-adjusted ladder: each protocol's ladder at its oracle's low in each run
    const cascade: AssetReport["cascade"] = {
      drops: scan.map((r) => r.drop),
      prices: scan.map((r) => spot * (1 - r.drop)),
      realizedDrawdown: scan.map((r) => r.realized),
      exogenousDrawdown: scan.map((r) => r.exogenous),
      sustains: scan.map((r) => r.sustains),
      static: [],
      liquidatable: [],
      feedback: [],
      liquidatedNotional: scan.map((r) => r.liquidatedNotional),
      badDebt: scan.map((r) => r.badDebt),
      protocols: {},
    };
    for (const p of s.protocols) {
      const sees = oraclesOf(p, asset);
      const held = sees === undefined || sees.length > 0;
      cascade.protocols[p.id] = {
        oracleLow: scan.map((r) => finite(r.protocols[p.id].oracleLow ?? Number.NaN)),
        liquidatable: scan.map((r) => {
          const low = r.protocols[p.id].oracleLow;
          return held && low !== null ? world.liquidatableAt(p.id, asset, low).collateral : 0;
        }),
        liquidatedNotional: scan.map((r) => r.protocols[p.id].liquidatedNotional),
        badDebt: scan.map((r) => r.protocols[p.id].badDebt),
      };
    }
    scan.forEach((r, i) => {
      let still = 0;
      let moved = 0;
      for (const p of s.protocols) {
        still += world.liquidatableAt(p.id, asset, spot * (1 - r.drop)).collateral;
        moved += cascade.protocols[p.id].liquidatable[i];
      }
      cascade.static.push(still);
      cascade.liquidatable.push(moved);
      cascade.feedback.push(moved - still);
    });

    const dynamic: AssetReport["boundary"]["dynamic"] = dynamicRun
      ? {
          price: spot * (1 - dynamicRun.drop),
          drop: dynamicRun.drop,
          liquidations: dynamicRun.liquidations,
          liquidatedNotional: dynamicRun.liquidatedNotional,
          badDebt: dynamicRun.badDebt,
          realizedDrawdown: dynamicRun.realized,
          exogenousDrawdown: dynamicRun.exogenous,
        }
      : null;

    // fragility
    let lowest: number | null = null;
    for (let k = 0; k < n && shares[k] <= DEPTH_RANGE + 1e-12; k++) {
      const r = toLadder[k];
      if (r !== null && (lowest === null || r < lowest)) lowest = r;
    }
    const assetIndex = measures.exposure.assets.indexOf(asset);
    const exposureOf = (p: string) =>
      measures.exposure.matrix[measures.exposure.protocols.indexOf(p)]?.[assetIndex] ?? 0;
    let exposed = 0;
    let sharedExposure = 0;
    for (const p of s.protocols) {
      const x = exposureOf(p.id);
      exposed += x;
      if ((oraclesOf(p, asset) ?? []).some((o) => o in measures.sharedOracles)) sharedExposure += x;
    }
    const index = fragility({
      staticDrop: staticBoundary?.drop ?? null,
      dynamicDrop: dynamic?.drop ?? null,
      leverage: measures.leverage,
      topShare: measures.concentration.topShare,
      depthToLadder: lowest,
      sharedOracleShare: exposed > 0 ? sharedExposure / exposed : 0,
    });

    // recommendations, when the dynamic boundary lies at or within the target
    const needed = dynamic !== null && dynamic.drop <= m.targetDrop;
    let items: AssetReport["recommendations"]["items"] = [];
    if (needed && m.recommendations) {
      const onGrid = scan.map((r) => r.drop).filter((d) => d <= m.targetDrop + 1e-12);
      const first = scan.find((r) => r.sustains)?.drop;
      const drops = [
        ...new Set([...(first !== undefined && first <= m.targetDrop ? [first] : []), ...onGrid, m.targetDrop]),
      ];
      items = recommend({
        s,
        asset,
        method: drop,
        drops,
        iterations: m.recommendIterations,
        maxDrop: m.maxDrop,
        quote,
        exposure: exposureOf,
        debt: (p) => {
          const x = measures.protocols[p];
          return x ? x.exposure - x.equity : 0;
        },
        world,
      });
    }
    if (m.recommendations) tick();

    return {
      asset,
      spot,
      ladder,
      depth: { total: depth, venues: byVenue, toLadder },
      venues: Object.fromEntries(
        venues.map((v) => [
          v.id,
          {
            type: v.type,
            quote: v.quote,
            price: world.venuePrice(v.id),
            liquidityVelocity:
              measures.liquidityVelocity[v.id] === null ? null : finite(measures.liquidityVelocity[v.id] as number),
          },
        ]),
      ),
      cascade,
      boundary: { static: staticBoundary, dynamic },
      fragility: index,
      recommendations: { targetDrop: m.targetDrop, needed, items },
    };
  } finally {
    world.dispose();
  }
}

function running(xs: readonly number[]): number[] {
  let sum = 0;
  return xs.map((x) => (sum += x));
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** An ISO 8601 time in UTC with milliseconds. */
function timeOf(x: Date | string | number | undefined): string {
  const t = x === undefined ? Date.now() : x instanceof Date ? x.getTime() : typeof x === "string" ? Date.parse(x) : x;
  if (typeof t !== "number" || !Number.isFinite(t) || Math.abs(t) > 8.64e15)
    throw rangeError("options.createdAt", "a Date, an ISO 8601 time or ms since the epoch", x);
  const iso = new Date(t).toISOString();
  if (!/^\d{4}-/.test(iso)) throw rangeError("options.createdAt", "a time in years 0000 to 9999", x);
  return iso;
}

async function digest(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let hex = "";
  for (const b of hash) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** Yields to the event loop (a macrotask, so pending I/O runs). */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
