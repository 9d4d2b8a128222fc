// The liquidation ladder and the solvency boundary: the ladder puts each position's collateral at
// its liquidation price; more depth lowers the static boundary and raises the dynamic drop.
import {
  liquidationCost,
  liquidationLadder,
  liquidityAdjustedVar,
  type Scenario,
  solvencyBoundary,
  systemMeasures,
} from "fracture";
import lvarVectors from "./fixtures/lvar.json" with { type: "json" };
import { assert, equal, near, test } from "./harness.ts";
import { ethPool } from "./scenarios.ts";

/** A lender on a pool of `depth` ETH: accounts with health 1.05 to 1.5, all on the pool's oracle. */
function market(depth: number): Scenario {
  return {
    version: 1,
    name: "boundary",
    steps: 200,
    ...ethPool(2000, depth),
    assets: [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "USDC", price: 1 },
    ],
    oracles: [{ id: "eth", type: "spot", source: "pool" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        positions: {
          generate: {
            count: 400,
            collateral: "ETH",
            debt: "USDC",
            totalCollateral: 3000,
            health: { min: 1.05, max: 1.5 },
          },
        },
      },
    ],
    liquidators: [{ id: "bots", capital: null, sellVenue: "pool" }],
  };
}

test("risk: the ladder places each account's collateral at the level of its liquidation price", () => {
  const s: Scenario = {
    ...market(5000),
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        // liquidation prices: 15000/(10·0.8) = 1875 (−6.25%); 1000/(1·0.8) = 1250 (−37.5%); 2 ETH owing 4000: 2500, already
        positions: [
          { collateral: { ETH: 10 }, debt: { USDC: 15_000 } },
          { collateral: { ETH: 1 }, debt: { USDC: 1000 } },
          { collateral: { ETH: 2 }, debt: { USDC: 4000 } },
        ],
      },
    ],
  };
  const l = liquidationLadder(s, { stepBps: 50, levels: 190 });
  equal(l.prices[13], 2000 * (1 - 0.065), "level 13 is −6.5%");
  equal(l.collateral[13], 10, "1875: the first level at or below it is 1870, level 13");
  equal(l.collateral[75], 1, "1250 = level 75");
  equal(l.collateral[0], 2, "liquidatable already: level 0");
  near(l.debt[13], 15_000, 1e-9, "its debt beside it");
  equal(l.cumulativeCollateral[189], 13, "every account is on the ladder");
  equal(l.depth[0], 0, "no depth at the price itself");
  assert(l.depth[10] > l.depth[5] && l.depth[5] > 0, "the pool takes more the further the price falls");
});

test("risk: more depth lowers the static boundary and raises the dynamic drop", () => {
  const thin = solvencyBoundary(market(2000), { iterations: 6 }).ETH;
  const deep = solvencyBoundary(market(20_000), { iterations: 6 }).ETH;
  assert(thin.static !== null && thin.dynamic !== null, `the thin pool has both boundaries: ${JSON.stringify(thin)}`);
  assert(
    deep.static === null || deep.static.drop > thin.static.drop,
    `static: ${JSON.stringify([thin.static, deep.static])}`,
  );
  assert(
    deep.dynamic === null || deep.dynamic.drop > thin.dynamic.drop,
    `dynamic: ${JSON.stringify([thin.dynamic, deep.dynamic])}`,
  );
  const d = thin.dynamic;
  assert(d.realizedDrawdown >= 2 * d.exogenousDrawdown, "at the boundary the cascade at least doubles the fall");
  near(d.price, 2000 * (1 - d.drop), 1e-9, "price and drop agree");
});

test("risk: LVaR — the constant-spread worked example (Dowd; Bangia et al.'s formula with σ_S = 0)", () => {
  const x = lvarVectors.constant_spread_example;
  const r = liquidityAdjustedVar({
    value: x.inputs.position_value,
    volatility: x.inputs.daily_sigma,
    z: x.inputs.z_95,
    spread: { mean: x.inputs.spread_relative },
  });
  near(r.valueAtRisk, x.expected.VaR, 1e-12, "VaR = V·z·σ");
  near(r.exogenousCost, x.expected.liquidity_cost, 1e-12, "½·V·spread");
  near(r.lvar, x.expected.LVaR, 1e-12, "LVaR");
  // Bangia's random spread: ½·V·(μ + a·σ_S), and an endogenous cost on top
  const b = liquidityAdjustedVar({
    value: 1000,
    valueAtRisk: 50,
    spread: { mean: 0.002, std: 0.001, a: 3 },
    liquidationCost: 7,
  });
  near(b.exogenousCost, 0.5 * 1000 * (0.002 + 3 * 0.001), 1e-12, "½·V·(μ + a·σ)");
  near(b.lvar, 50 + 2.5 + 7, 1e-12, "VaR + exogenous + endogenous");
});

test("risk: the endogenous cost of a sale into one pool is its slippage against the price", () => {
  const s = market(1000);
  const one = liquidationCost(s, { asset: "ETH", qty: 50, slices: 1 });
  const out = (50 * 0.997 * 2e6) / (1000 + 50 * 0.997);
  near(one.proceeds, out, 1e-6, "Uniswap v2's getAmountOut");
  near(one.cost, 50 * 2000 - out, 1e-6, "cost = qty·price − proceeds");
  equal(one.venues.pool, 50, "all on the pool");
});

test("risk: system measures — leverage, the exposure matrix, concentration, what protocols share", () => {
  const s: Scenario = {
    ...market(1000),
    oracles: [
      { id: "eth", type: "spot", source: "pool" },
      { id: "eth2", type: "spot", source: "pool" },
    ],
    protocols: [
      {
        id: "a",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        positions: [
          { collateral: { ETH: 3 }, debt: { USDC: 2000 } }, // 6,000 of exposure, 4,000 of equity
          { collateral: { ETH: 1 }, debt: { USDC: 500 } }, // 2,000, 1,500
        ],
      },
      {
        id: "b",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        positions: [{ collateral: { ETH: 2 }, debt: { USDC: 3000 } }], // 4,000, 1,000
      },
    ],
  };
  const m = systemMeasures(s, { top: 2 });
  near(m.leverage, 12_000 / 6_500, 1e-12, "Σ exposure / Σ equity");
  near(m.protocols.a.leverage, 8000 / 5500, 1e-12, "a");
  equal(m.exposure.matrix[0][0], 8000, "a's ETH");
  equal(m.exposure.matrix[1][0], 4000, "b's ETH");
  near(m.concentration.protocols, (8 / 12) ** 2 + (4 / 12) ** 2, 1e-12, "HHI over protocols");
  near(m.concentration.accounts, (36 + 4 + 16) / 144, 1e-12, "HHI over accounts");
  near(m.concentration.topShare, 10_000 / 12_000, 1e-12, "the 2 largest accounts");
  equal(JSON.stringify(m.sharedOracles), '{"eth":["a","b"]}', "shared oracle");
  equal(JSON.stringify(m.sharedCollateral), '{"ETH":["a","b"]}', "shared collateral");
  equal(m.liquidityVelocity.pool, null, "a pool has no makers");
});
