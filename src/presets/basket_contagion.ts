/**
 * `presets.basketContagion`: collateral segmentation against contagion between baskets. A lending
 * market takes ETH, stETH and WBTC; 200 accounts hold all three (ETH the largest part), 300 only
 * ETH. WBTC's outside price falls 50% in half an hour (a bridge failure, say) while ETH's is
 * unchanged. Pooled, the mixed accounts' health falls with WBTC, their keepers seize their largest
 * collateral — ETH — and sell it on the ETH pool, whose fall reaches the ETH-only accounts.
 * Segmented into the baskets [ETH, stETH] and [WBTC] (mitigations[0]), only the WBTC sub-accounts
 * are liquidated and ETH never moves; the cost is the borrowing power the mixed accounts held in
 * their ETH basket while their WBTC basket was liquidated (lostBorrowingPower).
 * Every number is an assumption of the example; the accounts are drawn from a fixed sequence
 * (below), the same on every runtime.
 * @module
 */
import type { LendingPositionSpec, Scenario } from "../scenario/types.ts";

const PRICE = { ETH: 2000, stETH: 1999, WBTC: 60_000 };
const LT = { ETH: 0.83, stETH: 0.81, WBTC: 0.78 };

/** The k-th coordinate of point i of an additive recurrence (golden ratio, √2): evenly spread in [0, 1). */
function draw(i: number, k: number): number {
  return ((i + 1) * 0.6180339887498949 + k * 0.4142135623730951) % 1;
}

/** Rounded to 1e-6: short in a scenario file, exact in every runtime (only + − × ÷ √ and rounding). */
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function accounts(): LendingPositionSpec[] {
  const list: LendingPositionSpec[] = [];
  for (let i = 0; i < 200; i++) {
    const u = draw(i, 1);
    const value = 20_000 + 480_000 * u * u; // quote
    const eth = 0.4 + 0.2 * draw(i, 2);
    const st = 0.1 + 0.1 * draw(i, 3);
    const btc = 1 - eth - st;
    const power = value * (eth * LT.ETH + st * LT.stETH + btc * LT.WBTC);
    const h = draw(i, 4);
    const health = 1.08 + 0.7 * h * Math.sqrt(h);
    list.push({
      account: `mixed-${i}`,
      collateral: {
        ETH: r6((value * eth) / PRICE.ETH),
        stETH: r6((value * st) / PRICE.stETH),
        WBTC: r6((value * btc) / PRICE.WBTC),
      },
      debt: { USDC: r6(power / health) },
    });
  }
  for (let i = 0; i < 300; i++) {
    const u = draw(i, 5);
    const value = 10_000 + 290_000 * u * u;
    const h = draw(i, 6);
    const health = 1.03 + 0.6 * h * Math.sqrt(h);
    list.push({
      account: `eth-${i}`,
      collateral: { ETH: r6(value / PRICE.ETH) },
      debt: { USDC: r6((value * LT.ETH) / health) },
    });
  }
  return list;
}

export const basketContagion: Scenario = {
  version: 1,
  name: "basket-contagion",
  description:
    "WBTC's outside price falls 50% over 150 steps while ETH's holds; a lending market takes ETH, stETH and WBTC, and 200 of its accounts hold all three (ETH the largest part), 300 only ETH. Segmented into the baskets [ETH, stETH] and [WBTC] (mitigations): only WBTC sub-accounts are liquidated (606 liquidations, every one of an account healthy as a whole), ETH does not move, no bad debt; the cost, lostBorrowingPower 4.14M USDC of borrowing power the mixed accounts held idle in their ETH basket at their WBTC basket's margin calls. Pooled (remove mitigations): the keepers seize the mixed accounts' ETH and sell it on the ETH pool, which falls 18.6%; 211 of its 400 liquidations hit ETH-only accounts, and 22.3M USDC is liquidated against 6.8M segmented (no bad debt either way). WBTC has no venue here: what keepers seize of it they keep. Assumptions: a 100,000 ETH pool, keepers with 50 liquidations a step, Aave-like thresholds (ETH 83%, stETH 81%, WBTC 78%) and bonuses.",
  stepSeconds: 12,
  steps: 600,
  seed: 1,
  assets: [
    { id: "ETH", price: PRICE.ETH, vol: 0.8 },
    { id: "stETH", price: PRICE.stETH, vol: 0.8 },
    { id: "WBTC", price: PRICE.WBTC, vol: 0.6 },
    { id: "USDC", price: 1 },
  ],
  venues: [
    { id: "eth-pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 100_000, reserveQuote: 200e6 },
  ],
  oracles: [
    { id: "eth-usd", type: "spot", source: "eth-pool" },
    { id: "steth-usd", type: "spot", source: "stETH" },
    { id: "btc-usd", type: "spot", source: "WBTC" },
  ],
  protocols: [
    {
      id: "lend",
      type: "lending",
      oracles: { ETH: "eth-usd", stETH: "steth-usd", WBTC: "btc-usd" },
      markets: {
        ETH: { liquidationThreshold: LT.ETH, liquidationBonus: 0.05, protocolFee: 0.1 },
        stETH: { liquidationThreshold: LT.stETH, liquidationBonus: 0.06, protocolFee: 0.1 },
        WBTC: { liquidationThreshold: LT.WBTC, liquidationBonus: 0.065, protocolFee: 0.1 },
      },
      closeFactor: 0.5,
      fullCloseBelowHealth: 0.95,
      positions: accounts(),
    },
  ],
  liquidators: [{ id: "keepers", capital: null, sellVenue: "eth-pool", maxPerStep: 50 }],
  shock: [{ type: "drop", asset: "WBTC", fraction: 0.5, steps: 150 }],
  mitigations: [{ type: "segmentation", protocol: "lend", baskets: [["ETH", "stETH"], ["WBTC"]] }],
};
