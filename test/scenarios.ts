/** Scenario pieces the protocol tests share. @module */
import type { Scenario } from "fracture";

/** ETH at `price` and USDC at 1, and one constant-product pool (30 bps) of `reserveBase` ETH at that price. */
export function ethPool(price: number, reserveBase: number, feeBps = 30): Pick<Scenario, "assets" | "venues"> {
  return {
    assets: [
      { id: "ETH", price },
      { id: "USDC", price: 1 },
    ],
    venues: [
      {
        id: "pool",
        type: "constantProduct",
        base: "ETH",
        quote: "USDC",
        reserveBase,
        reserveQuote: reserveBase * price,
        feeBps,
      },
    ],
  };
}
