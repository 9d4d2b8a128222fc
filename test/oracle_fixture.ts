/**
 * What the risk oracle's tests and the fingerprints share: RFC 8032's first key, a small market
 * with positions at known liquidation prices, and the report every runtime must produce byte for
 * byte. (Its own module: the fingerprints must not register the test cases before init's.)
 * @module
 */
import { importOracleKey, jcs, type OracleReport, presets, riskOracle, type Scenario, signReport } from "fracture";

/** RFC 8032's first test vector: its secret key as PKCS#8, its public key, its signature of the empty message. */
export const RFC8032 = {
  pkcs8: hex("302e020100300506032b6570042204209d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
  publicKey: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
  emptySignature:
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
};

export function hex(h: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(h.match(/../g) ?? [], (x) => Number.parseInt(x, 16));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An ETH/USDC market: a pool, one spot oracle on it, a lending protocol and a CDP of explicit positions at known liquidation prices. */
export function ladderMarket(debtScale = 1, liquidatableNow = true): Scenario {
  // lending at LT 0.8: liquidation price = debt / (collateral · 0.8)
  type Position = { account: string; collateral: Record<string, number>; debt: Record<string, number> };
  const all: Position[] = [
    { account: "a", collateral: { ETH: 10 }, debt: { USDC: 15_600 * debtScale } }, // 1950
    { account: "b", collateral: { ETH: 20 }, debt: { USDC: 28_800 * debtScale } }, // 1800
    { account: "c", collateral: { ETH: 5 }, debt: { USDC: 6_000 * debtScale } }, // 1500
    { account: "d", collateral: { ETH: 7 }, debt: { USDC: 280 * debtScale } }, // 50: below the grid
    { account: "e", collateral: { ETH: 3 }, debt: { USDC: 4_920 } }, // 2050: liquidatable already
    { account: "f", collateral: { ETH: 4 }, debt: {} }, // never
  ];
  const lend = all.filter((p) => liquidatableNow || p.account !== "e");
  // a CDP at ratio 1.5: liquidation price = art · 1.5 / ink
  const vaults = [
    { ink: 30, art: 36_000 * debtScale }, // 1800
    { ink: 12, art: 12_800 * debtScale }, // 1600
  ];
  return {
    version: 1,
    name: "ladder-market",
    steps: 60,
    assets: [
      { id: "ETH", price: 2000, vol: 0.8 },
      { id: "USDC", price: 1 },
      { id: "DAI", price: 1 },
    ],
    venues: [
      { id: "pool", type: "constantProduct", base: "ETH", quote: "USDC", reserveBase: 400, reserveQuote: 800_000 },
    ],
    oracles: [{ id: "eth", type: "spot", source: "pool" }],
    protocols: [
      {
        id: "lend",
        type: "lending",
        oracles: { ETH: "eth" },
        markets: { ETH: { liquidationThreshold: 0.8, liquidationBonus: 0.05 } },
        positions: lend,
      },
      {
        id: "maker",
        type: "cdp",
        debt: "DAI",
        collateral: "ETH",
        oracle: "eth",
        liquidationRatio: 1.5,
        auction: { buf: 1.2, curve: { type: "exponential", cut: 0.999 }, tail: 3600, cusp: 0.4 },
        vaults,
      },
    ],
    liquidators: [{ id: "bots", capital: null, sellVenue: "pool" }],
  };
}

/** A report every runtime must produce byte for byte (test/fingerprint.ts records its hash). */
export async function oracleFingerprintReport(): Promise<{ report: OracleReport; text: string }> {
  const report = await riskOracle(ladderMarket(), { createdAt: "2026-01-01T00:00:00Z", recommendIterations: 2 });
  const signed = await signReport(report, await importOracleKey(RFC8032.pkcs8));
  return { report, text: jcs(signed) };
}

/** presets.sharedOracle with fewer positions: a report in well under a second. */
export function smallSharedOracle(reserve = 5_000): Scenario {
  const s = structuredClone(presets.sharedOracle);
  for (const p of s.protocols ?? [])
    if (p.type === "lending" && !Array.isArray(p.positions) && "generate" in p.positions)
      p.positions.generate.count = 300;
  s.venues = s.venues.map((v) =>
    v.id === "thin-pool" && v.type === "constantProduct"
      ? { ...v, reserveBase: reserve, reserveQuote: reserve * 2000 }
      : v,
  );
  return s;
}
