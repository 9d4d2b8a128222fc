/**
 * System measures of a market state (before anything moves): total-system leverage, the protocol ×
 * asset exposure matrix, concentration across protocols and across accounts, what protocols share
 * (an oracle, a collateral asset), and each venue's liquidity velocity. The accounts are read in
 * the core (assembly/engine/measures.ts).
 * @module
 */
import type { OrderBook } from "../book.ts";
import { canonical } from "../scenario/canonical.ts";
import type { BaseUrl } from "../scenario/files.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { Scenario } from "../scenario/types.ts";
import { checkScenario } from "../scenario/validate.ts";
import { buildWorld } from "../simulate/build.ts";
import { World } from "../simulate/world.ts";
import { object } from "../validate.ts";

/** Options of {@link systemMeasures}. */
export interface SystemOptions {
  /** The largest accounts whose share of exposure is reported; default 10. */
  top?: number;
  /** The band of a venue's liquidity velocity, in basis points around its price; default 100. */
  velocityBps?: number;
  /** Where a `csvFile` is read from (Node and Deno). */
  baseUrl?: BaseUrl;
}

/** One protocol's aggregate position. */
export interface ProtocolExposure {
  accounts: number;
  /** Σ gross exposure: collateral value (lending, CDP, vaults), notional (perps), quote units. */
  exposure: number;
  /** Σ equity: exposure less what is owed (a perp's margin plus its PnL). */
  equity: number;
  /** exposure / equity. */
  leverage: number;
}

/** {@link systemMeasures}' result. */
export interface SystemMeasures {
  /** Total-system leverage: Σ exposure / Σ equity over every protocol's accounts. */
  leverage: number;
  protocols: Record<string, ProtocolExposure>;
  /** Exposure by protocol (rows, `protocols`) and asset (columns, `assets`), quote units. */
  exposure: { protocols: string[]; assets: string[]; matrix: number[][] };
  concentration: {
    /** Herfindahl index of exposure across protocols, Σ share² (1: all in one). */
    protocols: number;
    /** …across accounts of every protocol. */
    accounts: number;
    /** The `top` largest accounts' share of all exposure. */
    topShare: number;
    top: number;
  };
  /** Oracles read by more than one protocol, and collateral assets held by more than one. */
  sharedOracles: Record<string, string[]>;
  sharedCollateral: Record<string, string[]>;
  /** Per venue: quote per second its makers put back within `velocityBps` of its price (order books with a profile); null for pools. */
  liquidityVelocity: Record<string, number | null>;
}

/** f64 slots of worldAccounts' out area before the top list (bindings: ACCOUNTS_TOP). */
const HEAD = 4;

/**
 * The system measures of a scenario's market state.
 * @param scenario the scenario (validated here)
 * @param options how many top accounts, the velocity band
 * @returns leverage, exposure, concentration, shared oracles and collateral, liquidity velocity
 * @example
 * ```ts
 * const m = systemMeasures(presets.commonCollateral);
 * m.liquidityVelocity; // per order book: quote per second its makers put back near its price
 * ```
 */
export function systemMeasures(scenario: Scenario, options: SystemOptions = {}): SystemMeasures {
  object("options", options);
  const s = canonical(checkScenario(scenario, { baseUrl: options.baseUrl }));
  const top = Math.max(1, Math.min(1000, Math.floor(options.top ?? 10)));
  const bps = options.velocityBps ?? 100;
  const w = new World(s, false, 0, 0);
  try {
    buildWorld(w);
    const e = w.c.exports;
    const protocols: Record<string, ProtocolExposure> = {};
    const matrix: number[][] = [];
    const largest: number[] = [];
    let exposure = 0;
    let equity = 0;
    let squares = 0;
    const out = w.column(HEAD + top);
    const byAsset = w.column(s.assets.length);
    for (const p of s.protocols) {
      w.c.f64.fill(0, byAsset / 8, byAsset / 8 + s.assets.length);
      e.worldAccounts(w.h, w.protocol.get(p.id) as number, top, out, byAsset);
      const f = w.c.f64.slice(out / 8, out / 8 + HEAD + top);
      const [accounts, x, q, sq] = f;
      protocols[p.id] = { accounts, exposure: x, equity: q, leverage: x / q };
      exposure += x;
      equity += q;
      squares += sq;
      largest.push(...f.slice(HEAD, HEAD + Math.min(top, accounts)));
      matrix.push(Array.from(w.c.f64.slice(byAsset / 8, byAsset / 8 + s.assets.length)));
    }
    largest.sort((a, b) => b - a);
    const topSum = largest.slice(0, top).reduce((a, b) => a + b, 0);
    const share = (x: number) => (exposure > 0 ? x / exposure : 0);
    return {
      leverage: exposure / equity,
      protocols,
      exposure: { protocols: s.protocols.map((p) => p.id), assets: s.assets.map((a) => a.id), matrix },
      concentration: {
        protocols: Object.values(protocols).reduce((h, p) => h + share(p.exposure) ** 2, 0),
        accounts: exposure > 0 ? squares / (exposure * exposure) : 0,
        topShare: share(topSum),
        top,
      },
      sharedOracles: shared(s, (p) => oraclesOf(p)),
      sharedCollateral: shared(s, (p) => collateralOf(p)),
      liquidityVelocity: Object.fromEntries(
        s.venues.map((v, i) => {
          const book = w.venueObject(i);
          const velocity =
            v.type === "orderBook" && v.profile ? (book as OrderBook).liquidityVelocity("buy", bps) : null;
          return [v.id, velocity];
        }),
      ),
    };
  } finally {
    w.dispose();
  }
}

type ProtocolSpec = ScenarioV1["protocols"][number];

/** Ids (oracles or assets) each protocol uses, inverted: those used by more than one protocol. */
function shared(s: ScenarioV1, uses: (p: ProtocolSpec) => string[]): Record<string, string[]> {
  const by = new Map<string, string[]>();
  for (const p of s.protocols) for (const id of new Set(uses(p))) by.set(id, [...(by.get(id) ?? []), p.id]);
  return Object.fromEntries([...by].filter(([, ps]) => ps.length > 1));
}

function oraclesOf(p: ProtocolSpec): string[] {
  if (p.type === "lending") return Object.values(p.oracles);
  if (p.type === "cdp") return "ilks" in p ? p.ilks.map((il) => il.oracle) : [p.oracle];
  if (p.type === "portfolio")
    return [...Object.values(p.markets), ...Object.values(p.collateral)].flatMap((x) => x.oracle ?? []);
  return [p.oracle];
}

function collateralOf(p: ProtocolSpec): string[] {
  if (p.type === "lending") return Object.keys(p.markets);
  if (p.type === "cdp") return "ilks" in p ? p.ilks.map((il) => il.collateral) : [p.collateral];
  if (p.type === "perps") return [p.base];
  if (p.type === "portfolio") return [...new Set([...Object.keys(p.markets), ...Object.keys(p.collateral)])];
  return [p.underlying];
}
