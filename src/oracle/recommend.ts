/**
 * Recommendations: the smallest change of one lever that moves an asset's dynamic boundary beyond
 * a target drop — no drop of the scan grid up to the target (and the target itself) sustains a
 * cascade once it is made — found by bisection on the engine, with what it costs.
 *
 * - `liquidationThreshold` (lending) and `liquidationRatio` (CDP), per protocol and collateral: the
 *   parameter tightened by a factor f (LT × f; a CDP's ratio / f) while the borrowers keep their
 *   health factors — so each position borrows f times as much against that collateral (a list's
 *   account with several collaterals: its debts scaled by the share of its borrowing power that
 *   remains; generated positions: their debt follows from the new parameter at the same drawn
 *   health). Their liquidation prices stay; what a liquidation sells shrinks. Cost: the borrowing
 *   power lost, collateral value × LT × (1 − f) (a CDP: value × (1 − f) / ratio).
 * - `backstop`, per protocol: a liquidator with `capital` that holds what it seizes (a backstop
 *   fund or a stability pool: what it takes never reaches the venues), first in line (its id sorts
 *   first). Cost: the capital.
 * - `depth`, per asset: every venue of the asset scaled by g ≥ 1 (reserves, liquidity, book levels).
 *   Cost: the capital behind the added bids, (g − 1) × the quote the venues pay for the base they
 *   take within `maxDrop`.
 *
 * The bisection assumes more of a lever never hurts; the value it recommends is always one that
 * was run and found to sustain no cascade at any checked drop (`checkedDrops`). Perps and options
 * vaults get the backstop and depth levers only: their forced sales are whole positions, which no
 * parameter at unchanged health makes smaller.
 * @module
 */
import { ilksOf } from "../scenario/ilks.ts";
import type { ScenarioV1 } from "../scenario/schema.ts";
import type { LadderWorld } from "./ladders.ts";
import { type DropMethod, runDrop } from "./runs.ts";
import type { Recommendation } from "./types.ts";

type ProtocolSpec = ScenarioV1["protocols"][number];

/** What a recommendation search needs. */
export interface RecommendContext {
  s: ScenarioV1;
  asset: string;
  method: DropMethod;
  /** The drops to check, most likely to sustain first. */
  drops: number[];
  iterations: number;
  maxDrop: number;
  quote: string;
  /** Collateral value of the asset in each protocol (quote, at the prices before step 0). */
  exposure: (protocol: string) => number;
  /** Σ debt of each protocol (quote): exposure − equity. */
  debt: (protocol: string) => number;
  world: LadderWorld;
}

/** A lever: how the scenario changes with its value, its range and which end is safer. */
interface Lever {
  kind: Recommendation["kind"];
  protocol: string | null;
  parameter: string;
  /** The value now, and the other end of the range (the most of the lever). */
  current: number;
  extreme: number;
  apply(x: number): ScenarioV1;
  /** Its value as reported (f → LT × f, say) and its cost. */
  value(x: number): number;
  cost(x: number): number;
  measure: Recommendation["cost"]["measure"];
  costText: string;
}

/**
 * Every recommendation for the asset.
 * @param c the context
 * @returns one item per lever that applies
 */
export function recommend(c: RecommendContext): Recommendation[] {
  const out: Recommendation[] = [];
  for (const lever of levers(c)) out.push(search(c, lever));
  return out;
}

function search(c: RecommendContext, lever: Lever): Recommendation {
  const safe = (x: number) => {
    const s = lever.apply(x);
    // one lever value's runs share its generated positions (a threshold changes their debt)
    const generated = new Map<string, Float64Array[]>();
    for (const d of c.drops) if (runDrop(s, c.asset, d, c.method, generated).sustains) return false;
    return true;
  };
  const base = {
    kind: lever.kind,
    protocol: lever.protocol,
    parameter: lever.parameter,
    current: lever.value(lever.current),
    checkedDrops: [...c.drops].sort((a, b) => a - b),
  };
  const costOf = (amount: number | null) => ({
    amount,
    unit: c.quote,
    measure: lever.measure,
    description: lever.costText,
  });
  if (!safe(lever.extreme))
    return { ...base, reached: false, recommended: null, change: null, cost: costOf(null), checkedDrops: [] };
  // `bad` sustains a cascade at some drop (the current value does: the boundary is below the target)
  let bad = lever.current;
  let good = lever.extreme;
  for (let k = 0; k < c.iterations; k++) {
    const mid = (bad + good) / 2;
    if (safe(mid)) good = mid;
    else bad = mid;
  }
  const recommended = lever.value(good);
  return {
    ...base,
    reached: true,
    recommended,
    change: recommended - base.current,
    cost: costOf(lever.cost(good)),
  };
}

function levers(c: RecommendContext): Lever[] {
  const out: Lever[] = [];
  for (const p of c.s.protocols) {
    const lt = thresholdLever(c, p);
    if (lt) out.push(lt);
  }
  for (const p of c.s.protocols) {
    const b = backstopLever(c, p);
    if (b) out.push(b);
  }
  const d = depthLever(c);
  if (d) out.push(d);
  return out;
}

const replace = (s: ScenarioV1, p: ProtocolSpec, next: ProtocolSpec): ScenarioV1 => ({
  ...s,
  protocols: s.protocols.map((x) => (x === p ? next : x)),
});

/** Lending: LT × f at unchanged health; CDP: ratio / f at unchanged health. */
function thresholdLever(c: RecommendContext, p: ProtocolSpec): Lever | undefined {
  const { asset } = c;
  const value = c.exposure(p.id);
  if (!(value > 0)) return undefined;
  if (p.type === "lending") {
    const market = p.markets[asset];
    if (!market || !(market.liquidationThreshold > 0)) return undefined;
    const lt = market.liquidationThreshold;
    const prices = new Map(c.s.assets.map((a) => [a.id, a.price]));
    return {
      kind: "liquidationThreshold",
      protocol: p.id,
      parameter: `protocols[${p.id}].markets.${asset}.liquidationThreshold`,
      current: 1,
      extreme: 0.05,
      apply: (f) => {
        const markets = { ...p.markets, [asset]: { ...market, liquidationThreshold: lt * f } };
        const positions = Array.isArray(p.positions)
          ? p.positions.map((pos) => {
              const held = pos.collateral[asset] ?? 0;
              if (!(held > 0)) return pos;
              let power = 0;
              for (const [a, amount] of Object.entries(pos.collateral))
                power += amount * (prices.get(a) ?? 0) * (p.markets[a]?.liquidationThreshold ?? 0);
              if (!(power > 0)) return pos;
              const lost = held * (prices.get(asset) ?? 0) * lt * (1 - f);
              const keep = (power - lost) / power;
              return {
                ...pos,
                debt: Object.fromEntries(Object.entries(pos.debt).map(([a, amount]) => [a, amount * keep])),
              };
            })
          : p.positions;
        return replace(c.s, p, { ...p, markets, positions } as ProtocolSpec);
      },
      value: (f) => lt * f,
      cost: (f) => value * lt * (1 - f),
      measure: "lostBorrowingPower",
      costText:
        "Borrowing power lost: the collateral's value × LT × (1 − f), f = recommended / current (the borrowers keep their health, so their debt against it shrinks by the same factor).",
    };
  }
  if (p.type === "cdp") {
    const { ilks } = ilksOf(p);
    const mine = ilks.filter((il) => il.collateral === asset);
    if (mine.length === 0) return undefined;
    // every ratio ≤ 100 (the schema's bound): f ≥ the largest ratio / 100
    let top = 0;
    for (const il of mine) {
      top = Math.max(top, il.liquidationRatio);
      if (!Array.isArray(il.vaults) && "generate" in il.vaults) top = Math.max(top, il.vaults.generate.ratio.max);
    }
    const mat = mine[0].liquidationRatio;
    return {
      kind: "liquidationRatio",
      protocol: p.id,
      parameter: `protocols[${p.id}]${"ilks" in p ? `.ilks[${mine.map((il) => il.id).join(",")}]` : ""}.liquidationRatio`,
      current: 1,
      extreme: Math.max(0.05, top / 100),
      apply: (f) => {
        const scale = <I extends (typeof ilks)[number]>(il: I): I => {
          if (il.collateral !== asset) return il;
          const vaults = Array.isArray(il.vaults)
            ? il.vaults.map((x) => ({ ...x, art: x.art * f }))
            : {
                generate: {
                  ...il.vaults.generate,
                  ratio: {
                    ...il.vaults.generate.ratio,
                    min: il.vaults.generate.ratio.min / f,
                    max: il.vaults.generate.ratio.max / f,
                  },
                },
              };
          return { ...il, liquidationRatio: il.liquidationRatio / f, vaults };
        };
        const next =
          "ilks" in p
            ? { ...p, ilks: p.ilks.map((il) => scale(il)) }
            : (scale(p as unknown as (typeof ilks)[number]) as unknown as ProtocolSpec);
        return replace(c.s, p, next as ProtocolSpec);
      },
      value: (f) => mat / f,
      cost: (f) => (value * (1 - f)) / mat,
      measure: "lostBorrowingPower",
      costText:
        "Borrowing power lost: the collateral's value × (1 − f) / ratio, f = current / recommended ratio (the vaults keep their health, so their debt shrinks by f).",
    };
  }
  return undefined;
}

/** A liquidator that holds what it seizes, first in line on this protocol. */
function backstopLever(c: RecommendContext, p: ProtocolSpec): Lever | undefined {
  if (p.type !== "lending" && p.type !== "cdp") return undefined;
  if (!(c.exposure(p.id) > 0)) return undefined;
  const venue = c.s.venues.find((v) => v.base === c.asset);
  const most = c.debt(p.id);
  if (!venue || !(most > 0)) return undefined;
  let id = "-backstop";
  while (c.s.liquidators.some((l) => l.id === id)) id = `-${id}`;
  return {
    kind: "backstop",
    protocol: p.id,
    parameter: `liquidators[${id}].capital`,
    current: 0,
    extreme: most,
    apply: (capital) => ({
      ...c.s,
      // first in id order, so it takes before the others
      liquidators: [
        {
          id,
          capital,
          sellVenue: venue.id,
          protocols: [p.id],
          maxPerStep: 1_000_000_000,
          strategy: "hold" as const,
          minProfitBps: 0,
        },
        ...c.s.liquidators,
      ],
    }),
    value: (x) => x,
    cost: (x) => x,
    measure: "capital",
    costText:
      "Capital committed to a liquidator that holds what it seizes (a backstop fund or stability pool), searched up to the protocol's whole debt.",
  };
}

/** Every venue of the asset scaled by g. */
function depthLever(c: RecommendContext): Lever | undefined {
  const venues = c.s.venues.filter((v) => v.base === c.asset);
  if (venues.length === 0) return undefined;
  let capital = 0;
  for (const v of venues) capital += c.world.bidCapital(v.id, c.maxDrop);
  if (!(capital > 0)) return undefined;
  const lot = (x: number, size: number) => Math.max(size, Math.round(x / size) * size);
  return {
    kind: "depth",
    protocol: null,
    parameter: `venues[${venues.map((v) => v.id).join(",")}] depth`,
    current: 1,
    extreme: 10,
    apply: (g) => ({
      ...c.s,
      venues: c.s.venues.map((v) => {
        if (v.base !== c.asset) return v;
        switch (v.type) {
          case "constantProduct":
          case "stableSwap":
            return { ...v, reserveBase: v.reserveBase * g, reserveQuote: v.reserveQuote * g };
          case "concentratedLiquidity":
            return { ...v, positions: v.positions.map((x) => ({ ...x, liquidity: x.liquidity * g })) };
          case "orderBook":
            return {
              ...v,
              profile: v.profile ? { ...v.profile, qtyPerLevel: v.profile.qtyPerLevel * g } : undefined,
              snapshot: v.snapshot
                ? {
                    bids: v.snapshot.bids.map(([px, q]) => [px, lot(q * g, v.lotSize)] as [number, number]),
                    asks: v.snapshot.asks.map(([px, q]) => [px, lot(q * g, v.lotSize)] as [number, number]),
                  }
                : undefined,
            };
        }
        return v;
      }),
    }),
    value: (g) => g,
    cost: (g) => (g - 1) * capital,
    measure: "capital",
    costText: `Capital behind the added bids: (g − 1) × the quote the asset's venues pay for the base they take within a ${100 * c.maxDrop}% fall (g = recommended / current depth).`,
  };
}
