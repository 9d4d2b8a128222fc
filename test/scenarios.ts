/** Scenario pieces the protocol tests share. @module */
import type { CdpSingleSpec, MitigationSummary, ProtocolSummary, Scenario, SimEvent, Summary } from "fracture";
import { AssertionError } from "./harness.ts";

type Position = { account?: string; collateral: Record<string, number>; debt: Record<string, number> };

/**
 * One Aave v3 market on ETH/USDC (LT 0.825, bonus 5%, protocol fee 10% of it; close factor 50%,
 * whole below health 0.95), priced by spot oracles on the assets themselves (no venue moves the
 * oracle), one liquidator with unlimited capital selling on the pool.
 */
export function aaveMarket(
  ethPrice: number,
  positions: Position[] | { csv: string },
  extra: Partial<Scenario> = {},
): Scenario {
  return {
    version: 1,
    name: "lending-test",
    steps: 5,
    ...ethPool(ethPrice, 1e4),
    oracles: [
      { id: "eth", type: "spot", source: "ETH" },
      { id: "usd", type: "spot", source: "USDC" },
    ],
    protocols: [
      {
        id: "aave",
        type: "lending",
        oracles: { ETH: "eth", USDC: "usd" },
        markets: { ETH: { liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 } },
        closeFactor: 0.5,
        fullCloseBelowHealth: 0.95,
        positions,
      },
    ],
    liquidators: [{ id: "bot", capital: null, sellVenue: "pool" }],
    ...extra,
  };
}

/**
 * ETH at `price` and the quote asset (USDC unless named) at 1, and one constant-product pool
 * "pool" (30 bps unless given) of `reserveBase` ETH at that price.
 */
export function ethPool(
  price: number,
  reserveBase: number,
  feeBps = 30,
  quote = "USDC",
): Pick<Scenario, "assets" | "venues"> {
  return {
    assets: [
      { id: "ETH", price },
      { id: quote, price: 1 },
    ],
    venues: [
      {
        id: "pool",
        type: "constantProduct",
        base: "ETH",
        quote,
        reserveBase,
        reserveQuote: reserveBase * price,
        feeBps,
      },
    ],
  };
}

/**
 * A random scenario: ETH/USDC on one pool; 1–2 lending protocols on 1–2 spot oracles of the pool
 * (shared or not, with latency) or of ETH's exogenous price; 1–40 positions each, some
 * liquidatable at once, some with two collateral or two debt assets, a few with no collateral;
 * 1–2 liquidators with or without capital, block space and protocols of their own, selling or
 * holding; sell and buy flows and, in a fifth of the scenarios, a price path.
 */
export function randomLending(r: () => number, k: number): Scenario {
  const between = (lo: number, hi: number) => lo + (hi - lo) * r();
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const price = between(500, 4000);
  const depth = between(100, 5000); // ETH in the pool
  const ethOracles = Array.from({ length: int(1, 2) }, (_, j) => ({
    id: `eth${j}`,
    type: "spot" as const,
    source: r() < 0.1 ? "ETH" : "pool",
    latencySteps: int(0, 3),
  }));
  const protocols = Array.from({ length: int(1, 2) }, (_, j) => {
    const lt = between(0.5, 0.95);
    const usdc = r() < 0.4;
    const markets: Record<string, { liquidationThreshold: number; liquidationBonus: number; protocolFee: number }> = {
      ETH: {
        liquidationThreshold: lt,
        liquidationBonus: between(0, 0.15),
        protocolFee: r() < 0.5 ? 0 : between(0, 0.5),
      },
    };
    if (usdc)
      markets.USDC = { liquidationThreshold: between(0.7, 0.95), liquidationBonus: between(0, 0.1), protocolFee: 0 };
    const positions: { collateral: Record<string, number>; debt: Record<string, number> }[] = [];
    for (let i = int(1, 40); i > 0; i--) positions.push(position());
    function position() {
      if (positions.length > 0 && r() < 0.1) return pick(positions); // a tie: the order given decides
      const health = between(0.85, 1.5);
      const eth = Math.exp(between(Math.log(0.1), Math.log(100)));
      const usd = (eth * price * lt) / health;
      const u = r();
      if (u < 0.01) return { collateral: {}, debt: { USDC: usd } }; // bad debt from the start
      if (usdc && u < 0.1)
        return { collateral: { USDC: usd }, debt: { ETH: (usd * 0.8) / (price * between(0.85, 1.5)) } };
      if (usdc && u < 0.25) {
        return { collateral: { ETH: eth, USDC: between(0, usd) }, debt: { USDC: usd, ETH: between(0, eth / 4) } };
      }
      return { collateral: { ETH: eth }, debt: { USDC: usd } };
    }
    return {
      id: `lend${j}`,
      type: "lending" as const,
      oracles: { ETH: pick(ethOracles).id, USDC: "usd" },
      markets,
      closeFactor: between(0.1, 1),
      fullCloseBelowHealth: between(0, 1),
      positions,
    };
  });
  const liquidators = Array.from({ length: int(1, 2) }, (_, j) => ({
    id: `bot${j}`,
    capital: r() < 0.5 ? null : Math.exp(between(Math.log(1e3), Math.log(1e6))),
    sellVenue: "pool",
    maxPerStep: r() < 0.5 ? undefined : int(1, 5),
    strategy: r() < 0.2 ? ("hold" as const) : ("sell" as const),
    protocols: r() < 0.3 ? [pick(protocols).id] : [],
  }));
  const steps = int(12, 60);
  const shock: NonNullable<Scenario["shock"]> = [];
  for (let j = int(1, 3); j > 0; j--) {
    if (r() < 0.7) {
      shock.push({
        type: "sell",
        venue: "pool",
        qty: between(0.02, 0.4) * depth,
        step: int(0, 5),
        overSteps: int(1, 5),
      });
    } else {
      const qty = between(0.02, 0.3) * depth * price;
      shock.push({ type: "buy", venue: "pool", qty, step: int(0, 10), overSteps: int(1, 3) });
    }
  }
  if (r() < 0.2) {
    const prices = [price, price * between(0.5, 1.1), price * between(0.4, 1)];
    shock.push({ type: "path", asset: "ETH", prices, everySteps: int(1, 20), pull: between(0.05, 1) });
  }
  return {
    version: 1,
    name: `cascade-${k}`,
    steps,
    ...ethPool(price, depth, pick([0, 5, 30, 100])),
    oracles: [...ethOracles, { id: "usd", type: "spot", source: "USDC" }],
    protocols,
    liquidators,
    shock,
  };
}

/** Event `e`, which must be of `kind` (typed as such). */
export function eventOf<K extends SimEvent["kind"]>(e: SimEvent | undefined, kind: K): Extract<SimEvent, { kind: K }> {
  if (e?.kind !== kind) throw new AssertionError(`expected a ${kind} event, got ${JSON.stringify(e)}`);
  return e as Extract<SimEvent, { kind: K }>;
}

/** The events of one kind, typed as such. */
export function eventsOf<K extends SimEvent["kind"]>(
  list: readonly SimEvent[],
  kind: K,
): Extract<SimEvent, { kind: K }>[] {
  return list.filter((e): e is Extract<SimEvent, { kind: K }> => e.kind === kind);
}

/** Protocol `id` of a summary, which must be of `type` (typed as such). */
export function protocolOf<T extends ProtocolSummary["type"]>(
  s: Summary,
  id: string,
  type: T,
): Extract<ProtocolSummary, { type: T }> {
  const p = s.protocols[id];
  if (p?.type !== type) throw new AssertionError(`expected ${id} to be a ${type} protocol, got ${p?.type}`);
  return p as Extract<ProtocolSummary, { type: T }>;
}

/** A mitigation's summary, checked to be of `type`. */
export function mitigationOf<T extends MitigationSummary["type"]>(
  s: Summary,
  id: string,
  type: T,
): Extract<MitigationSummary, { type: T }> {
  const m = s.mitigations[id];
  if (m?.type !== type) throw new AssertionError(`expected ${id} to be a ${type} mitigation, got ${m?.type}`);
  return m as Extract<MitigationSummary, { type: T }>;
}

/** ETH at 100 on a deep pool; the oracle reads the asset, so a forced oracle price starts auctions. */
export function cdpMarket(cdp: Partial<CdpSingleSpec>, extra: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: "cdp-market",
    stepSeconds: 60,
    steps: 60,
    ...ethPool(100, 1e6, 0, "DAI"),
    oracles: [{ id: "osm", type: "spot", source: "ETH" }],
    protocols: [
      {
        id: "maker",
        type: "cdp",
        collateral: "ETH",
        debt: "DAI",
        oracle: "osm",
        liquidationRatio: 1.5,
        penalty: 1.13,
        auction: { buf: 1.2, curve: { type: "linear", tau: 3600 }, tail: 7200, cusp: 0.4 },
        vaults: [{ ink: 10, art: 700 }], // ratio 10·100/700 = 1.43 < 1.5: unsafe at once
        ...cdp,
      },
    ],
    liquidators: [{ id: "keeper", capital: 1e6, sellVenue: "pool" }],
    ...extra,
  };
}
