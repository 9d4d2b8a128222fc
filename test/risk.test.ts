// The liquidation ladder and the solvency boundary: the ladder puts each position's collateral at
// its liquidation price; more depth lowers the static boundary and raises the dynamic drop.
import { liquidationLadder, type Scenario, solvencyBoundary } from "fracture";
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
